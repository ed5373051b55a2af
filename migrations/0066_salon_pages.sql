-- The salon page's public part, kept: what every viewer of a salon sees (its sessions with
-- their seats and lines, the hosts, the waitlist's length and the offline guests, who is shown
-- as coming, the invitations to the municipality with the people coming through them, the
-- decisions it is about, whether it has next steps, its picture and its conversation) as one
-- json value per salon.
--
-- The page read all of it in one statement of ~100 plan nodes, and PostgreSQL sets up every
-- sub-select of a plan on each execution, empty or not: ~1.9 M instructions for a visitor,
-- most of the database's time of the busiest page there is. Read from here it is one index
-- look-up (bench/README.md, "The salon page's public part kept").
--
-- `salon_page_public` is the one definition; the table is what it gives, rewritten by the
-- triggers below on everything it reads. Nothing in it depends on the clock (the page decides
-- "upcoming", "the invitation is late" and the like from the kept instants with the app's
-- clock). It is built with the time zone fixed, so the instants read the same whoever writes.
--
-- Concurrency, as the kept counts do (0055, 0065): a salon's value is written under its row's
-- lock, taken before the value is computed, in a statement of its own — two changes to one
-- salon follow each other and the second computes from what the first committed. What a salon
-- shows of other rows (a person's name, a role's title, a unit's or municipality's name, a
-- decision's title) can change while a salon's own rows do: changes to a salon's rows take a
-- shared advisory lock, changes to those others an exclusive one (until the transaction ends),
-- and each finds the salons concerned only once it holds it. Those others change seldom.
--
-- The benchmark's seed writes hundreds of thousands of rows: with `medspil.salon_pages` set to
-- 'later' the triggers write nothing, and the seed rewrites the values in one statement
-- (`salon_pages_rewrite`).

-- plpgsql, not sql: a sql function called from a statement is planned again on every
-- statement that calls it (~3 ms for this one), plpgsql keeps the plan for the session.
create function salon_page_public(for_salon uuid) returns json
language plpgsql stable
set timezone to 'UTC'
as $$
begin
return json_build_object(
    -- The sessions in order, with their seats and lines for the registration panel.
    'sessions', (select coalesce(json_agg(json_build_object(
                     'id', ss.id, 'starts_at', ss.starts_at, 'ends_at', ss.ends_at,
                     'place_name', ss.place_name, 'address', ss.address,
                     'citizens', ss.citizens_registered,
                     'municipal', ss.municipal_registered,
                     'waiting', (select count(*) from registration_sessions rs
                                 where rs.session_id = ss.id and rs.place = 'waitlist'))
                     order by ss.starts_at, ss.id), '[]')
                 from salon_sessions ss where ss.salon_id = for_salon),
    -- The hosts, the creator first, and when the newest of their accounts was made.
    'hosts', (select json_build_object(
                  'names', coalesce(json_agg(u.name order by h.is_creator desc,
                                             h.added_at, u.name), '[]'),
                  'verified', coalesce(json_agg(u.name_verified_by is not null
                                                order by h.is_creator desc,
                                                h.added_at, u.name), '[]'),
                  'newest_since', max(u.created_at))
              from salon_hosts h join users u on u.id = h.user_id
              where h.salon_id = for_salon),
    -- The waitlist's length and the hosts' offline guests, in one pass.
    'waiting', (select json_build_object(
                    'waiting', count(*) filter (where r.status = 'waitlisted'),
                    'offline', count(*) filter (where r.status = 'registered'
                                                  and r.kind = 'citizen'
                                                  and r.user_id is null))
                from registrations r where r.salon_id = for_salon
                  and r.status in ('registered', 'waitlisted')),
    -- Those shown publicly as coming: people who chose to be, and municipal guests in their
    -- role.
    'attendees', (select coalesce(json_agg(json_build_object(
                      'name', u.name, 'kind', r.kind, 'role_kind', ro.kind,
                      'title', ro.title, 'party', ro.party, 'municipality', rm.name,
                      -- a guest in a public role links to their profile
                      'profile', case when r.kind = 'municipal' and ro.status = 'approved'
                                      and ro.kind <> 'admin' then u.id end)
                      order by r.kind desc, r.created_at), '[]')
                  from registrations r
                  left join users u on u.id = r.user_id and u.deleted_at is null
                  left join roles ro on ro.id = r.role_id
                  left join municipalities rm on rm.code = ro.municipality_code
                  where r.salon_id = for_salon and r.status = 'registered'
                    and r.user_id is not null and (r.show_name or r.kind = 'municipal')
                    and r.asked_state is distinct from 'asked'),
    -- The invitations to the municipality and their state: public, as the response record is
    -- (invitations to private addresses are not).
    'invitations', (select coalesce(json_agg(json_build_object(
                        'unit', un.name, 'person', hu.name, 'municipality', im.official_name,
                        -- a person invited in a public role links to their profile
                        'person_profile', case when hu.deleted_at is null and exists (
                            select 1 from roles hr where hr.user_id = hu.id
                              and hr.status = 'approved' and hr.kind <> 'admin') then hu.id end,
                        'status', i.status, 'via_mailbox', i.via_mailbox,
                        'sent_at', i.sent_at, 'decline_reason', i.decline_reason,
                        'awaits_publish', i.awaits_publish, 'typed_address', i.typed_address,
                        'proposed_starts_at', i.proposed_starts_at,
                        'proposal_decision', i.proposal_decision,
                        'comers', (select coalesce(json_agg(json_build_object(
                                       -- a colleague not yet asked is counted, unnamed
                                       'name', case when cr.asked_state = 'asked' then null
                                                    else coalesce(cu.name, cr.offline_name) end,
                                       'title', coalesce(cro.title, ''),
                                       -- only an official in their role links; a name typed
                                       -- by the one who answered does not
                                       'profile', case when cr.asked_state is distinct from 'asked'
                                                        and cu.deleted_at is null
                                                        and cro.status = 'approved'
                                                        and cro.kind <> 'admin' then cu.id end,
                                       'waiting', cr.status = 'waitlisted',
                                       'asked', coalesce(cr.asked_state = 'asked', false))
                                       order by cr.created_at), '[]')
                                   from registrations cr
                                   left join users cu on cu.id = cr.user_id
                                   left join roles cro on cro.id = cr.role_id
                                   where cr.invitation_id = i.id
                                     and cr.status in ('registered', 'waitlisted')),
                        -- One answer settled this and another invitation of the salon: its
                        -- people come through the other one, whose line names them.
                        'elsewhere', case when not exists (select 1 from registrations y
                                                           where y.invitation_id = i.id)
                                     -- read from the salon's own registrations: the
                                     -- municipality's invitations are many
                                     then (select min(x.status) from registrations x
                                           where x.salon_id = for_salon
                                             and x.status in ('registered', 'waitlisted')
                                             and x.invitation_id <> i.id
                                             and (select xi.municipality_code
                                                  from invitations xi
                                                  where xi.id = x.invitation_id)
                                                 = i.municipality_code) end)
                        order by i.sent_at, i.id), '[]')
                    from invitations i
                    join municipalities im on im.code = i.municipality_code
                    left join units un on un.id = i.holder_unit_id
                    left join users hu on hu.id = i.holder_user_id
                    where i.salon_id = for_salon and i.target <> 'email'
                      and i.status <> 'withdrawn'),
    'decisions', (select coalesce(json_agg(json_build_object(
                      'id', d.id, 'slug', dm.slug, 'title', d.title)
                      order by d.meeting_on, d.id), '[]')
                  from salon_decisions sd join decisions d on d.id = sd.decision_id
                  join municipalities dm on dm.code = d.municipality_code
                  where sd.salon_id = for_salon),
    'has_agreements', exists (select 1 from agreements a where a.salon_id = for_salon),
    -- Its picture (crate::pictures::Stored).
    'picture', (select json_build_object(
                    'hash', p.hash, 'alt', p.alt,
                    'files', (select json_agg(json_build_array(pf.width, pf.height)
                                              order by pf.width)
                              from salon_picture_files pf
                              where pf.salon_id = p.salon_id and pf.hash = p.hash))
                from salon_pictures p where p.salon_id = for_salon),
    -- The public conversation: hidden and deleted text stays in the database.
    'conversation', (select coalesce(json_agg(json_build_object(
                         'id', c.id, 'kind', c.kind, 'parent_id', c.parent_id,
                         'body', case when c.deleted_by_author or c.hidden_reason is not null
                                      then '' else c.body end,
                         'author_id', c.author_id,
                         'author_name', case when cu.deleted_at is null then cu.name else '' end,
                         'author_since', cu.created_at, 'unit', cun.name,
                         'answered', c.answered, 'pinned', c.pinned,
                         'hidden_reason', c.hidden_reason, 'deleted', c.deleted_by_author,
                         'created_at', c.created_at)
                         order by c.created_at, c.seq), '[]')
                     from conversation_items c join users cu on cu.id = c.author_id
                     left join units cun on cun.id = c.role_unit_id
                     where c.salon_id = for_salon));
end
$$;

create table salon_pages (
    salon_id uuid primary key references salons (id) on delete cascade,
    -- json, not jsonb: the page reads it as text, and json is sent as it is stored.
    public   json not null
);

-- A role changed finds the salons its holder comes to in it.
create index registrations_by_role on registrations (role_id) where role_id is not null;

-- The triggers write nothing while the benchmark's seed runs (it rewrites in bulk).
create function salon_pages_later() returns boolean language sql stable as $$
    select coalesce(current_setting('medspil.salon_pages', true), '') = 'later'
$$;

-- The values of salons `ids` (all of them when null) rewritten in one statement, written
-- where missing: the migration's and the seed's bulk.
create function salon_pages_rewrite(ids uuid[]) returns void language sql as $$
    insert into salon_pages (salon_id, public)
    select s.id, salon_page_public(s.id) from salons s where ids is null or s.id = any (ids)
    on conflict (salon_id) do update set public = excluded.public
$$;

-- The values of salons `ids` rewritten, each under its row's lock (taken in one order, so two
-- changes to the same salons cannot deadlock on them).
create function salon_pages_refresh(ids uuid[]) returns void language plpgsql as $$
begin
    if salon_pages_later() then
        return;
    end if;
    perform pg_advisory_xact_lock_shared(hashtextextended('salon_pages', 0));
    perform 1 from salon_pages where salon_id = any (ids) order by salon_id for update;
    -- A statement of its own: it reads what was committed before the locks were granted.
    update salon_pages p set public = salon_page_public(p.salon_id)
    where p.salon_id = any (ids);
end
$$;

-- A change to rows a salon shows but does not own (people, roles, units, municipalities,
-- decisions): waits for the salons' own changes in progress, then finds the salons concerned.
create function salon_pages_lock_others() returns void language sql as $$
    select pg_advisory_xact_lock(hashtextextended('salon_pages', 0))
$$;

create function salons_keep_salon_page() returns trigger language plpgsql as $$
begin
    if not salon_pages_later() then
        insert into salon_pages (salon_id, public)
        values (new.id, salon_page_public(new.id));
    end if;
    return null;
end
$$;
create trigger salons_keep_salon_pages after insert on salons
    for each row execute function salons_keep_salon_page();

-- The tables a salon owns rows of: the salon of the row before and after the change.
create function salon_rows_keep_salon_page() returns trigger language plpgsql as $$
begin
    perform salon_pages_refresh(array[old.salon_id, new.salon_id]);
    return null;
end
$$;

create trigger salon_sessions_keep_salon_pages after insert or delete on salon_sessions
    for each row execute function salon_rows_keep_salon_page();
create trigger salon_sessions_keep_salon_pages_updated after update on salon_sessions
    for each row when (old.* is distinct from new.*)
    execute function salon_rows_keep_salon_page();

create trigger salon_hosts_keep_salon_pages after insert or delete on salon_hosts
    for each row execute function salon_rows_keep_salon_page();
create trigger salon_hosts_keep_salon_pages_updated after update on salon_hosts
    for each row when (old.* is distinct from new.*)
    execute function salon_rows_keep_salon_page();

create trigger registrations_keep_salon_pages after insert or delete on registrations
    for each row execute function salon_rows_keep_salon_page();
-- Only what the page reads (not the needs, the waitlist position or a reminder's time).
create trigger registrations_keep_salon_pages_updated after update on registrations
    for each row
    when ((old.salon_id, old.user_id, old.offline_name, old.kind, old.role_id, old.status,
           old.show_name, old.created_at, old.invitation_id, old.asked_state)
          is distinct from
          (new.salon_id, new.user_id, new.offline_name, new.kind, new.role_id, new.status,
           new.show_name, new.created_at, new.invitation_id, new.asked_state))
    execute function salon_rows_keep_salon_page();

create trigger invitations_keep_salon_pages after insert or delete on invitations
    for each row execute function salon_rows_keep_salon_page();
-- Not a claim, a reminder or a question's text.
create trigger invitations_keep_salon_pages_updated after update on invitations
    for each row
    when ((old.salon_id, old.target, old.municipality_code, old.holder_unit_id,
           old.holder_user_id, old.via_mailbox, old.status, old.sent_at, old.decline_reason,
           old.awaits_publish, old.typed_address, old.proposed_starts_at, old.proposal_decision)
          is distinct from
          (new.salon_id, new.target, new.municipality_code, new.holder_unit_id,
           new.holder_user_id, new.via_mailbox, new.status, new.sent_at, new.decline_reason,
           new.awaits_publish, new.typed_address, new.proposed_starts_at, new.proposal_decision))
    execute function salon_rows_keep_salon_page();

create trigger salon_decisions_keep_salon_pages after insert or delete on salon_decisions
    for each row execute function salon_rows_keep_salon_page();
create trigger salon_decisions_keep_salon_pages_updated after update on salon_decisions
    for each row
    when ((old.salon_id, old.decision_id) is distinct from (new.salon_id, new.decision_id))
    execute function salon_rows_keep_salon_page();

create trigger agreements_keep_salon_pages after insert or delete on agreements
    for each row execute function salon_rows_keep_salon_page();
create trigger agreements_keep_salon_pages_updated after update on agreements
    for each row when (old.salon_id is distinct from new.salon_id)
    execute function salon_rows_keep_salon_page();

create trigger salon_pictures_keep_salon_pages after insert or delete on salon_pictures
    for each row execute function salon_rows_keep_salon_page();
create trigger salon_pictures_keep_salon_pages_updated after update on salon_pictures
    for each row
    when ((old.salon_id, old.hash, old.alt) is distinct from (new.salon_id, new.hash, new.alt))
    execute function salon_rows_keep_salon_page();

create trigger salon_picture_files_keep_salon_pages after insert or delete on salon_picture_files
    for each row execute function salon_rows_keep_salon_page();
create trigger salon_picture_files_keep_salon_pages_updated after update on salon_picture_files
    for each row
    when ((old.salon_id, old.hash, old.width, old.height)
          is distinct from (new.salon_id, new.hash, new.width, new.height))
    execute function salon_rows_keep_salon_page();

create trigger conversation_items_keep_salon_pages after insert or delete on conversation_items
    for each row execute function salon_rows_keep_salon_page();
create trigger conversation_items_keep_salon_pages_updated after update on conversation_items
    for each row when (old.* is distinct from new.*)
    execute function salon_rows_keep_salon_page();

-- A waitlist place taken or given up: the salon of the session (gone with its salon when the
-- session is; the session's own trigger rewrites then).
create function registration_sessions_keep_salon_page() returns trigger language plpgsql as $$
begin
    perform salon_pages_refresh(array(
        select ss.salon_id from salon_sessions ss
        where ss.id in (old.session_id, new.session_id)));
    return null;
end
$$;
create trigger registration_sessions_keep_salon_pages after insert or delete
    on registration_sessions
    for each row execute function registration_sessions_keep_salon_page();
create trigger registration_sessions_keep_salon_pages_updated after update
    on registration_sessions
    for each row
    when ((old.session_id, old.place) is distinct from (new.session_id, new.place))
    execute function registration_sessions_keep_salon_page();

-- A person's name, MitID mark, account age or deletion: the salons they host, come to, hold an
-- invitation of or wrote in.
create function users_keep_salon_pages() returns trigger language plpgsql as $$
begin
    if salon_pages_later() then
        return null;
    end if;
    perform salon_pages_lock_others();
    perform salon_pages_refresh(array(
        select salon_id from salon_hosts where user_id = new.id
        union select salon_id from registrations where user_id = new.id
        union select salon_id from invitations where holder_user_id = new.id
        union select salon_id from conversation_items where author_id = new.id));
    return null;
end
$$;
create trigger users_keep_salon_pages after update on users
    for each row
    when ((old.name, old.deleted_at, old.created_at, old.name_verified_by)
          is distinct from (new.name, new.deleted_at, new.created_at, new.name_verified_by))
    execute function users_keep_salon_pages();

-- A role's title, party, kind or standing: the salons its holder comes to in it, and those
-- that invited its holder by name (whose line links to a profile in a public role).
create function roles_keep_salon_pages() returns trigger language plpgsql as $$
begin
    if salon_pages_later() then
        return null;
    end if;
    perform salon_pages_lock_others();
    perform salon_pages_refresh(array(
        select salon_id from registrations where role_id in (old.id, new.id)
        union select salon_id from invitations
              where holder_user_id in (old.user_id, new.user_id)));
    return null;
end
$$;
create trigger roles_keep_salon_pages after insert or delete on roles
    for each row execute function roles_keep_salon_pages();
create trigger roles_keep_salon_pages_updated after update on roles
    for each row
    when ((old.user_id, old.municipality_code, old.kind, old.title, old.party, old.status)
          is distinct from
          (new.user_id, new.municipality_code, new.kind, new.title, new.party, new.status))
    execute function roles_keep_salon_pages();

-- A unit renamed: the salons that invited it and the conversations it answered in.
create function units_keep_salon_pages() returns trigger language plpgsql as $$
begin
    if salon_pages_later() then
        return null;
    end if;
    perform salon_pages_lock_others();
    perform salon_pages_refresh(array(
        select salon_id from invitations where holder_unit_id = new.id
        union select salon_id from conversation_items where role_unit_id = new.id));
    return null;
end
$$;
create trigger units_keep_salon_pages after update on units
    for each row when (old.name is distinct from new.name)
    execute function units_keep_salon_pages();

-- A municipality renamed: the salons that invited it, that its people come to in their role,
-- and that are about its decisions.
create function municipalities_keep_salon_pages() returns trigger language plpgsql as $$
begin
    if salon_pages_later() then
        return null;
    end if;
    perform salon_pages_lock_others();
    perform salon_pages_refresh(array(
        select salon_id from invitations where municipality_code = new.code
        union select r.salon_id from registrations r join roles ro on ro.id = r.role_id
              where ro.municipality_code = new.code
        union select sd.salon_id from salon_decisions sd
              join decisions d on d.id = sd.decision_id
              where d.municipality_code = new.code));
    return null;
end
$$;
create trigger municipalities_keep_salon_pages after update on municipalities
    for each row
    when ((old.name, old.official_name, old.slug)
          is distinct from (new.name, new.official_name, new.slug))
    execute function municipalities_keep_salon_pages();

-- A decision retitled, moved to another meeting or municipality: the salons about it.
create function decisions_keep_salon_pages() returns trigger language plpgsql as $$
begin
    if salon_pages_later() then
        return null;
    end if;
    perform salon_pages_lock_others();
    perform salon_pages_refresh(array(
        select salon_id from salon_decisions where decision_id = new.id));
    return null;
end
$$;
create trigger decisions_keep_salon_pages after update on decisions
    for each row
    when ((old.title, old.meeting_on, old.municipality_code)
          is distinct from (new.title, new.meeting_on, new.municipality_code))
    execute function decisions_keep_salon_pages();

select salon_pages_rewrite(null);
