-- The header's count of unread notifications ("Notifikationer (3)") kept on the person's row.
--
-- Every signed-in page reads the session's person with `session_person` (0080), which counted
-- the person's unread notices with a sub-plan of its own on every request: of the session's
-- ~50 µs of database CPU on the benchmark's data, ~20 went to that count (bench/README.md, "The
-- salon page as a registered person within the goal"). The person's row is read anyway, so a
-- column of it costs nothing more to read.
--
-- The rule stays written once, in `unread_notifications_counted` (a notice not yet read).
-- Statement triggers on `notifications` add what each statement changed: a notice made, read,
-- made unread again, moved to another person or deleted (one or all, or with the account).
-- Nothing in it depends on the clock. A `truncate` of notifications is not followed; after one,
-- or after a load with triggers off, write the column again from its definition (README,
-- "Values the database keeps").
--
-- Concurrency. Each trigger first locks the rows of the people concerned in one order, then
-- adds its change in a statement of its own: two statements changing one person's notices
-- follow each other, and each adds to what the other committed. A person's row is locked only
-- by the statement that changes their notices and until its transaction ends; the updates
-- change no column any trigger on `users` watches. A transaction that notifies several people
-- a statement at a time (a mail each) holds their rows in that order: two such transactions
-- notifying the same two people in opposite orders at the same moment would deadlock, and
-- PostgreSQL ends one of them (a job is tried again).

alter table users add column unread_notifications integer not null default 0
    check (unread_notifications >= 0);

-- What the header shows for `person`.
create function unread_notifications_counted(person uuid) returns integer
language sql stable as $$
    select count(*)::integer from notifications n where n.user_id = person and n.read_at is null
$$;

update users u set unread_notifications = c.n
from (select user_id, count(*)::integer as n from notifications where read_at is null
      group by user_id) c
where u.id = c.user_id;

-- Adds `change` (one row per person: the person and what to add) to the kept counts.
create function keep_unread_notifications(people uuid[], change integer[]) returns void
language plpgsql as $$
begin
    if coalesce(cardinality(people), 0) = 0 then
        return;
    end if;
    perform 1 from users where id = any (people) order by id for update;
    update users u set unread_notifications = u.unread_notifications + c.n
    from unnest(people, change) as c (person, n)
    where u.id = c.person;
end
$$;

create function notifications_keep_unread_inserted() returns trigger
language plpgsql as $$
declare
    people uuid[];
    change integer[];
begin
    select array_agg(user_id order by user_id), array_agg(n order by user_id)
      into people, change
      from (select user_id, count(*)::integer as n from new_rows where read_at is null
            group by user_id) d;
    perform keep_unread_notifications(people, change);
    return null;
end
$$;

create function notifications_keep_unread_deleted() returns trigger
language plpgsql as $$
declare
    people uuid[];
    change integer[];
begin
    select array_agg(user_id order by user_id), array_agg(n order by user_id)
      into people, change
      from (select user_id, -count(*)::integer as n from old_rows where read_at is null
            group by user_id) d;
    perform keep_unread_notifications(people, change);
    return null;
end
$$;

-- Marking read (one or all) and anything else that changes whether or whose a notice is.
create function notifications_keep_unread_updated() returns trigger
language plpgsql as $$
declare
    people uuid[];
    change integer[];
begin
    select array_agg(user_id order by user_id), array_agg(n order by user_id)
      into people, change
      from (select user_id, sum(n)::integer as n
            from (select user_id, 1 as n from new_rows where read_at is null
                  union all
                  select user_id, -1 from old_rows where read_at is null) x
            group by user_id
            having sum(n) <> 0) d;
    perform keep_unread_notifications(people, change);
    return null;
end
$$;

create trigger notifications_keep_unread_inserted after insert on notifications
    referencing new table as new_rows
    for each statement execute function notifications_keep_unread_inserted();
create trigger notifications_keep_unread_deleted after delete on notifications
    referencing old table as old_rows
    for each statement execute function notifications_keep_unread_deleted();
create trigger notifications_keep_unread_updated after update on notifications
    referencing old table as old_rows new table as new_rows
    for each statement execute function notifications_keep_unread_updated();

-- The session's person (0080) with the kept count; everything else as it was.
create or replace function session_person(session_hash bytea, seen_after timestamptz,
                                          made_after timestamptz, as_of timestamptz)
returns table (id uuid, name text, email text, locale text, verified boolean,
               last_seen_at timestamptz, inbox bigint, unread bigint, admin_of text[],
               moderator boolean)
language sql stable as $$
    select u.id, u.name, u.email, u.locale, u.email_verified_at is not null,
           s.last_seen_at,
           -- The header's count of open invitations, for people in a municipal role: kept per
           -- person by triggers (migration 0065), as counting it here read every invitation
           -- the person may answer on every page.
           case when k.role
                then coalesce((select c.open::bigint from inbox_counts c where c.user_id = u.id), 0)
                end,
           -- The header's count of unread notifications, kept on the person's row (0085).
           u.unread_notifications::bigint,
           -- The header's links by role: the municipalities the person administers and whether
           -- they moderate the platform. Looked for only when the person holds a role: the join
           -- and sort were set up on every signed-in page otherwise.
           case when k.role
                then array(select m.slug from roles r join municipalities m on m.code = r.municipality_code
                           where r.user_id = u.id and r.kind = 'admin' and r.status = 'approved'
                           order by m.slug)
                else '{}' end,
           exists (select 1 from platform_moderators pm where pm.user_id = u.id)
    from sessions s join users u on u.id = s.user_id
    -- Whether the person holds an approved municipal role, looked up once for both uses above
    -- (offset 0 keeps it one look-up instead of a copy in each).
    cross join lateral (select exists (select 1 from roles r where r.user_id = u.id
                                       and r.status = 'approved') as role offset 0) k
    where s.token_hash = session_hash and s.last_seen_at > seen_after and s.created_at > made_after
      and u.deleted_at is null
      -- A suspended account's sessions are deleted; this also stops one made since (a password
      -- reset signs in).
      and not exists (select 1 from suspensions sp where sp.user_id = u.id
                      and sp.lifted_at is null and (sp.ends_at is null or sp.ends_at > as_of))
$$;
