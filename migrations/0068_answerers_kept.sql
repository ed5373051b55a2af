-- Who answers for a municipality, and for each of its units, kept as counts.
--
-- `municipality_answerers` (0056) counted on every read: the approved admins, and the distinct
-- people answering for live units (roles × role_units × units × users). The municipality's and
-- every unit's page read it, and it was 250–300 µs of each page's statement at the
-- benchmark's sizes, for figures that change only when a role, a unit or a person does.
--
-- The counting stays one definition, `municipality_answerers_counted` (the former function,
-- unchanged): the triggers below run it again for a municipality whenever one of its roles,
-- a role's units, one of its units or a person holding one of its roles changes, and keep the
-- result. `municipality_answerers` keeps its name and columns and reads the kept rows.
--
-- Row locks: a recount takes the municipality's kept row first (its upsert locks it even when
-- nothing changed), then its units' rows, always in that order and, for several
-- municipalities in one statement, in the order of their codes; two writers to the same
-- municipality's roles wait for each other there, and never deadlock on the units' rows.

alter function municipality_answerers(text, uuid) rename to municipality_answerers_counted;

create table municipality_answerer_counts (
    municipality_code text primary key references municipalities (code),
    admins            bigint not null,
    for_units         bigint not null
);

-- For a unit: the people of its municipality's approved roles answering for it (0 once the
-- unit is archived), as `municipality_answerers_counted(code, unit)` says.
create table unit_answerer_counts (
    unit_id           uuid primary key references units (id),
    municipality_code text not null references municipalities (code),
    for_units         bigint not null
);

-- Count municipality `code` and its units again, and keep what changed.
create function recount_answerers(code text) returns void
language plpgsql as $$
begin
    insert into municipality_answerer_counts as k (municipality_code, admins, for_units)
    select code, a.admins, a.for_units from municipality_answerers_counted(code, null) a
    on conflict (municipality_code) do update
        set admins = excluded.admins, for_units = excluded.for_units
        where (k.admins, k.for_units) is distinct from (excluded.admins, excluded.for_units);
    insert into unit_answerer_counts as k (unit_id, municipality_code, for_units)
    select un.id, code, a.for_units
    from units un cross join lateral municipality_answerers_counted(code, un.id) a
    where un.municipality_code = code
    order by un.id
    on conflict (unit_id) do update
        set for_units = excluded.for_units, municipality_code = excluded.municipality_code
        where (k.for_units, k.municipality_code)
              is distinct from (excluded.for_units, excluded.municipality_code);
end
$$;

-- The same reader as before, from the kept rows: two primary-key look-ups. A municipality or
-- unit without a kept row has no one (none is missing after the backfill below, but a
-- municipality added later has no row until its first role).
create or replace function municipality_answerers(code text, unit uuid)
returns table (admins bigint, for_units bigint)
language sql stable as $$
    select coalesce((select k.admins from municipality_answerer_counts k
                     where k.municipality_code = code), 0),
           coalesce(case when unit is null
                         then (select k.for_units from municipality_answerer_counts k
                               where k.municipality_code = code)
                         else (select k.for_units from unit_answerer_counts k
                               where k.unit_id = unit and k.municipality_code = code)
                    end, 0)
$$;

-- Count again each of `codes` once, in the order of their codes (see the row locks above).
create function recount_answerers_in(codes text[]) returns void
language plpgsql as $$
declare
    code text;
begin
    for code in select distinct c from unnest(codes) c where c is not null order by 1 loop
        perform recount_answerers(code);
    end loop;
end
$$;

-- Statement triggers with the changed rows (transition tables), so a bulk change (the
-- benchmark's seed, a role with its units) counts each municipality once. A function reads
-- only the transition tables its event has: plpgsql plans a statement when it first runs it.
create function roles_keep_answerers() returns trigger
language plpgsql as $$
declare
    codes text[] := '{}';
begin
    if tg_op in ('UPDATE', 'DELETE') then
        codes := codes || array(select municipality_code from changed_old);
    end if;
    if tg_op in ('UPDATE', 'INSERT') then
        codes := codes || array(select municipality_code from changed_new);
    end if;
    perform recount_answerers_in(codes);
    return null;
end
$$;

-- A role's units: the unit's municipality (units are never deleted), and the role's while it
-- exists (the same one, unless the data says otherwise).
create function role_units_keep_answerers() returns trigger
language plpgsql as $$
declare
    codes text[] := '{}';
begin
    if tg_op in ('UPDATE', 'DELETE') then
        codes := codes || array(select un.municipality_code from changed_old c
                                join units un on un.id = c.unit_id)
                       || array(select r.municipality_code from changed_old c
                                join roles r on r.id = c.role_id);
    end if;
    if tg_op in ('UPDATE', 'INSERT') then
        codes := codes || array(select un.municipality_code from changed_new c
                                join units un on un.id = c.unit_id)
                       || array(select r.municipality_code from changed_new c
                                join roles r on r.id = c.role_id);
    end if;
    perform recount_answerers_in(codes);
    return null;
end
$$;

-- Units: a new unit gets its row; archiving (or moving) one changes who answers.
create function units_keep_answerers() returns trigger
language plpgsql as $$
declare
    codes text[] := '{}';
begin
    if tg_op = 'UPDATE' then
        codes := array(select o.municipality_code from changed_old o
                       join changed_new n on n.id = o.id
                       where (o.archived_at is null) is distinct from (n.archived_at is null)
                          or o.municipality_code is distinct from n.municipality_code
                       union all
                       select n.municipality_code from changed_old o
                       join changed_new n on n.id = o.id
                       where (o.archived_at is null) is distinct from (n.archived_at is null)
                          or o.municipality_code is distinct from n.municipality_code);
    else
        codes := array(select municipality_code from changed_new);
    end if;
    perform recount_answerers_in(codes);
    return null;
end
$$;

-- A person deleted (or restored) stops (or starts again) answering wherever they hold roles.
-- A row trigger with a condition: people's rows change often, their deletion rarely.
create function users_keep_answerers() returns trigger
language plpgsql as $$
begin
    perform recount_answerers_in(array(select r.municipality_code from roles r
                                       where r.user_id = new.id));
    return null;
end
$$;

create trigger roles_keep_answerers_insert after insert on roles
    referencing new table as changed_new
    for each statement execute function roles_keep_answerers();
create trigger roles_keep_answerers_update after update on roles
    referencing old table as changed_old new table as changed_new
    for each statement execute function roles_keep_answerers();
create trigger roles_keep_answerers_delete after delete on roles
    referencing old table as changed_old
    for each statement execute function roles_keep_answerers();

create trigger role_units_keep_answerers_insert after insert on role_units
    referencing new table as changed_new
    for each statement execute function role_units_keep_answerers();
create trigger role_units_keep_answerers_update after update on role_units
    referencing old table as changed_old new table as changed_new
    for each statement execute function role_units_keep_answerers();
create trigger role_units_keep_answerers_delete after delete on role_units
    referencing old table as changed_old
    for each statement execute function role_units_keep_answerers();

create trigger units_keep_answerers_insert after insert on units
    referencing new table as changed_new
    for each statement execute function units_keep_answerers();
create trigger units_keep_answerers_update after update on units
    referencing old table as changed_old new table as changed_new
    for each statement execute function units_keep_answerers();

create trigger users_keep_answerers after update of deleted_at on users
    for each row when (old.deleted_at is distinct from new.deleted_at)
    execute function users_keep_answerers();

-- Every municipality counted once now.
select recount_answerers_in(array(select code from municipalities));
