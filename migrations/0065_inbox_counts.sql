-- The header's count of open invitations ("Indbakke (3)") kept per person. The session's
-- statement counted them through `invitation_answerers` on every page an official opened:
-- about 830 shared buffers at 100,000 salons for 100 open invitations, most of the database
-- time of the notification centre and Mine saloner. The rule stays written once, in
-- `inbox_open_count` (the count the header always showed: open, not waiting for publication,
-- the salon not hidden); triggers on everything it reads count again for the people
-- concerned, and nothing in it depends on the clock:
--   invitations    sent, answered, withdrawn, passed on, published, moved or removed;
--   salons         hidden or shown again by the moderators;
--   roles          approved, revoked, turned into another kind (and the admins of the
--                  municipality, who get what a unit nobody answers for receives);
--   role_units     a unit answered for, or no longer.
--
-- Concurrency. Each count is written under its row lock, taken before the count is read, in
-- a statement of its own: two changes for one person follow each other, and the second reads
-- what the first committed. Who is concerned by a change to an invitation depends on who
-- answers for its unit, which a change of roles can move at the same moment: changes to
-- invitations take a shared advisory lock and changes to roles an exclusive one (both until
-- the transaction ends), and each reads who is concerned only once it holds it. Roles change
-- seldom; invitations never wait for each other on it.

create table inbox_counts (
    user_id uuid primary key references users (id) on delete cascade,
    open    integer not null check (open >= 0)
);

-- What the header shows for `person` (people without an approved role see no count).
create function inbox_open_count(person uuid) returns integer language sql stable as $$
    select count(distinct a.invitation_id)::integer
    from invitation_answerers a
    join invitations i on i.id = a.invitation_id
    join salons sa on sa.id = i.salon_id
    where a.user_id = person and i.status = 'open' and sa.hidden_reason is null
$$;

-- Who may answer an invitation held as given: the rule of `invitation_answerers`, for one
-- row's values (the row may be gone, or be the one it was before a change).
create function inbox_answerers_of(holder_user uuid, holder_unit uuid, code text,
                                   target invitation_target)
returns setof uuid language sql stable as $$
    select holder_user where holder_user is not null
    union
    select r.user_id from role_units ru join roles r on r.id = ru.role_id
    where ru.unit_id = holder_unit and ru.answers_for and r.status = 'approved'
    union
    select r.user_id from roles r
    where r.municipality_code = code and r.kind = 'admin' and r.status = 'approved'
      and target <> 'email' and holder_user is null
      and (holder_unit is null
           or not exists (select 1 from role_units ru join roles ur on ur.id = ru.role_id
                          where ru.unit_id = holder_unit and ru.answers_for
                            and ur.status = 'approved'))
$$;

-- Counts again for `people`, each under its row's lock (taken in one order, so two changes
-- for the same people cannot deadlock on them).
create function keep_inbox_counts(people uuid[]) returns void language plpgsql as $$
begin
    if coalesce(cardinality(people), 0) = 0 then
        return;
    end if;
    insert into inbox_counts (user_id, open)
    select p, 0 from (select distinct unnest(people) as p) x
    where exists (select 1 from users u where u.id = x.p)
    order by p
    on conflict do nothing;
    perform 1 from inbox_counts where user_id = any (people) order by user_id for update;
    -- A statement of its own: it reads what was committed before the locks were granted.
    update inbox_counts c set open = n.open
    from (select p, inbox_open_count(p) as open
          from (select distinct unnest(people) as p) x) n
    where c.user_id = n.p and c.open <> n.open;
end
$$;

create function inbox_counts_lock_shared() returns void language sql as $$
    select pg_advisory_xact_lock_shared(hashtextextended('inbox_counts', 0))
$$;
create function inbox_counts_lock() returns void language sql as $$
    select pg_advisory_xact_lock(hashtextextended('inbox_counts', 0))
$$;

-- Invitations, a statement at a time (the seed and the publication of a draft send many at
-- once): the people who may answer each row that is counted before or after.
create function invitations_keep_inbox_counts_inserted() returns trigger
language plpgsql as $$
begin
    if not exists (select 1 from new_rows where status = 'open' and not awaits_publish) then
        return null;
    end if;
    perform inbox_counts_lock_shared();
    perform keep_inbox_counts(array(
        select p
        from (select distinct holder_user_id, holder_unit_id, municipality_code, target
              from new_rows where status = 'open' and not awaits_publish) x,
             lateral inbox_answerers_of(x.holder_user_id, x.holder_unit_id,
                                        x.municipality_code, x.target) p));
    return null;
end
$$;

create function invitations_keep_inbox_counts_deleted() returns trigger
language plpgsql as $$
begin
    if not exists (select 1 from old_rows where status = 'open' and not awaits_publish) then
        return null;
    end if;
    perform inbox_counts_lock_shared();
    perform keep_inbox_counts(array(
        select p
        from (select distinct holder_user_id, holder_unit_id, municipality_code, target
              from old_rows where status = 'open' and not awaits_publish) x,
             lateral inbox_answerers_of(x.holder_user_id, x.holder_unit_id,
                                        x.municipality_code, x.target) p));
    return null;
end
$$;

-- An update counts again only for what it changed that the count reads (a claim, a question
-- or a reminder changes nothing of it): the rows counted before or after such a change.
create function invitations_keep_inbox_counts_updated() returns trigger
language plpgsql as $$
begin
    if not exists (
        select 1 from old_rows o join new_rows n on n.id = o.id
        where ((o.status = 'open' and not o.awaits_publish)
               or (n.status = 'open' and not n.awaits_publish))
          and (o.status, o.awaits_publish, o.holder_user_id, o.holder_unit_id,
               o.municipality_code, o.target, o.salon_id)
              is distinct from (n.status, n.awaits_publish, n.holder_user_id, n.holder_unit_id,
                                n.municipality_code, n.target, n.salon_id)) then
        return null;
    end if;
    perform inbox_counts_lock_shared();
    perform keep_inbox_counts(array(
        select p
        from (select distinct x.holder_user_id, x.holder_unit_id, x.municipality_code, x.target
              from old_rows o join new_rows n on n.id = o.id,
                   lateral (values (o.holder_user_id, o.holder_unit_id, o.municipality_code,
                                    o.target, o.status = 'open' and not o.awaits_publish),
                                   (n.holder_user_id, n.holder_unit_id, n.municipality_code,
                                    n.target, n.status = 'open' and not n.awaits_publish))
                       as x (holder_user_id, holder_unit_id, municipality_code, target, counted)
              where x.counted
                and (o.status, o.awaits_publish, o.holder_user_id, o.holder_unit_id,
                     o.municipality_code, o.target, o.salon_id)
                    is distinct from (n.status, n.awaits_publish, n.holder_user_id,
                                      n.holder_unit_id, n.municipality_code, n.target,
                                      n.salon_id)) x,
             lateral inbox_answerers_of(x.holder_user_id, x.holder_unit_id,
                                        x.municipality_code, x.target) p));
    return null;
end
$$;

create trigger invitations_keep_inbox_counts_inserted
    after insert on invitations referencing new table as new_rows
    for each statement execute function invitations_keep_inbox_counts_inserted();
create trigger invitations_keep_inbox_counts_deleted
    after delete on invitations referencing old table as old_rows
    for each statement execute function invitations_keep_inbox_counts_deleted();
create trigger invitations_keep_inbox_counts_updated
    after update on invitations referencing old table as old_rows new table as new_rows
    for each statement execute function invitations_keep_inbox_counts_updated();

-- A salon hidden or shown again: the people who may answer its open invitations.
create function salons_keep_inbox_counts() returns trigger language plpgsql as $$
begin
    if not exists (select 1 from invitations i where i.salon_id = new.id
                   and i.status = 'open' and not i.awaits_publish) then
        return null;
    end if;
    perform inbox_counts_lock_shared();
    perform keep_inbox_counts(array(
        select p
        from (select distinct holder_user_id, holder_unit_id, municipality_code, target
              from invitations i where i.salon_id = new.id
                and i.status = 'open' and not i.awaits_publish) x,
             lateral inbox_answerers_of(x.holder_user_id, x.holder_unit_id,
                                        x.municipality_code, x.target) p));
    return null;
end
$$;
create trigger salons_keep_inbox_counts
    after update of hidden_reason on salons for each row
    when (old.hidden_reason is distinct from new.hidden_reason)
    execute function salons_keep_inbox_counts();

-- A role changed: its person, and the admins of its municipality (an invitation to a unit
-- nobody answers for is theirs, so a unit's last answerer leaving or a first one arriving
-- moves it). Roles and their units are few; counting each of these people again is cheap.
create function roles_keep_inbox_counts() returns trigger language plpgsql as $$
declare
    codes text[];
    people uuid[];
begin
    if tg_op = 'INSERT' then
        select array_agg(distinct municipality_code), array_agg(distinct user_id)
        into codes, people from new_rows;
    elsif tg_op = 'DELETE' then
        select array_agg(distinct municipality_code), array_agg(distinct user_id)
        into codes, people from old_rows;
    else
        select array_agg(distinct x.code), array_agg(distinct x.person) into codes, people
        from old_rows o join new_rows n on n.id = o.id,
             lateral (values (o.municipality_code, o.user_id), (n.municipality_code, n.user_id))
                 as x (code, person)
        where (o.status, o.kind, o.municipality_code, o.user_id)
              is distinct from (n.status, n.kind, n.municipality_code, n.user_id);
    end if;
    if people is null then
        return null;
    end if;
    perform inbox_counts_lock();
    perform keep_inbox_counts(people || array(
        select r.user_id from roles r
        where r.municipality_code = any (codes) and r.kind = 'admin' and r.status = 'approved'));
    return null;
end
$$;
create trigger roles_keep_inbox_counts_inserted
    after insert on roles referencing new table as new_rows
    for each statement execute function roles_keep_inbox_counts();
create trigger roles_keep_inbox_counts_deleted
    after delete on roles referencing old table as old_rows
    for each statement execute function roles_keep_inbox_counts();
create trigger roles_keep_inbox_counts_updated
    after update on roles referencing old table as old_rows new table as new_rows
    for each statement execute function roles_keep_inbox_counts();

-- A unit answered for, or no longer: the role's person and the admins of the role's and the
-- unit's municipality.
create function role_units_keep_inbox_counts() returns trigger language plpgsql as $$
declare
    role_ids uuid[];
    unit_ids uuid[];
begin
    -- The links added, removed or changed between answering and not.
    if tg_op = 'INSERT' then
        select array_agg(role_id), array_agg(unit_id) into role_ids, unit_ids from new_rows;
    elsif tg_op = 'DELETE' then
        select array_agg(role_id), array_agg(unit_id) into role_ids, unit_ids from old_rows;
    else
        select array_agg(x.role_id), array_agg(x.unit_id) into role_ids, unit_ids
        from old_rows o join new_rows n on n.role_id = o.role_id and n.unit_id = o.unit_id,
             lateral (values (o.role_id, o.unit_id), (n.role_id, n.unit_id)) as x (role_id, unit_id)
        where o.answers_for <> n.answers_for;
        -- A link moved to another role or unit (the app never does that) counts both ends.
        select role_ids || array_agg(x.role_id), unit_ids || array_agg(x.unit_id)
        into role_ids, unit_ids
        from (select o.role_id, o.unit_id from old_rows o
              where not exists (select 1 from new_rows n
                                where n.role_id = o.role_id and n.unit_id = o.unit_id)
              union all
              select n.role_id, n.unit_id from new_rows n
              where not exists (select 1 from old_rows o
                                where n.role_id = o.role_id and n.unit_id = o.unit_id)) x;
    end if;
    if coalesce(cardinality(role_ids), 0) = 0 then
        return null;
    end if;
    perform inbox_counts_lock();
    perform keep_inbox_counts(array(
        select r.user_id from roles r where r.id = any (role_ids)
        union
        select a.user_id from roles a
        where a.kind = 'admin' and a.status = 'approved'
          and a.municipality_code in (select r.municipality_code from roles r
                                      where r.id = any (role_ids)
                                      union
                                      select u.municipality_code from units u
                                      where u.id = any (unit_ids))));
    return null;
end
$$;
create trigger role_units_keep_inbox_counts_inserted
    after insert on role_units referencing new table as new_rows
    for each statement execute function role_units_keep_inbox_counts();
create trigger role_units_keep_inbox_counts_deleted
    after delete on role_units referencing old table as old_rows
    for each statement execute function role_units_keep_inbox_counts();
create trigger role_units_keep_inbox_counts_updated
    after update on role_units referencing old table as old_rows new table as new_rows
    for each statement execute function role_units_keep_inbox_counts();

-- The counts as they are now, for everyone who has any.
insert into inbox_counts (user_id, open)
select a.user_id, count(distinct a.invitation_id)
from invitation_answerers a
join invitations i on i.id = a.invitation_id
join salons sa on sa.id = i.salon_id
join users u on u.id = a.user_id
where i.status = 'open' and sa.hidden_reason is null
group by a.user_id;
