-- The committee's name kept on each decision. The decisions lists (decisions_listed, 0063)
-- looked it up per listed row: 40 index scans of `units` for the 40 rows of a municipality's
-- list, two thirds of the statement's buffers (~50 µs of its ~280). A join instead is planned
-- as a hash of every unit of the country and costs more.
--
-- Kept by two triggers, under the units row's lock:
--   decisions  a new decision, or another committee: the name is read with `for share` on
--              the committee's row, so a rename of it in flight is waited for and its new name
--              read (the foreign key's own lock is `key share`, which a rename does not wait
--              for or block);
--   units      a rename writes the new name on the committee's decisions. A decision written
--              meanwhile waits for the rename's row lock above; one moved away meanwhile is
--              re-checked by the update and left alone.
alter table decisions add column committee_name text;

create function decision_reads_committee_name() returns trigger language plpgsql as $$
begin
    -- The same committee (an edit writes it again): its name is kept already, and a rename
    -- waiting for this decision's row must not be waited for in turn (a deadlock).
    if tg_op = 'UPDATE' and new.committee_id = old.committee_id then
        return new;
    end if;
    select name into new.committee_name from units where id = new.committee_id for share;
    return new;
end
$$;

create trigger decisions_keep_committee_name
    before insert or update of committee_id on decisions for each row
    execute function decision_reads_committee_name();

create function units_keep_decision_committee_names() returns trigger language plpgsql as $$
begin
    update decisions set committee_name = new.name
    where committee_id = new.id and committee_name is distinct from new.name;
    return null;
end
$$;

create trigger units_keep_decision_committee_names
    after update of name on units for each row
    when (old.name is distinct from new.name)
    execute function units_keep_decision_committee_names();

update decisions d set committee_name = u.name from units u where u.id = d.committee_id;
alter table decisions alter column committee_name set not null;

-- The lists as before (0063), with the kept name instead of a look-up per row.
create or replace function decisions_listed(for_code text, for_unit uuid, open_limit bigint,
                                            decided_limit bigint)
returns table (id uuid, title text, committee text, meeting_on date, hearing_from date,
               hearing_to date, status decision_status, salons integer, "position" bigint)
language sql stable as $$
    with picked as (
        (select d.id, d.title, d.committee_name, d.meeting_on, d.hearing_from, d.hearing_to,
                d.status, d.public_salons
         from decisions d
         where d.municipality_code = for_code and d.status = 'upcoming'
           and (for_unit is null or d.unit_id = for_unit or d.committee_id = for_unit)
         order by d.meeting_on, d.id limit open_limit)
        union all
        (select d.id, d.title, d.committee_name, d.meeting_on, d.hearing_from, d.hearing_to,
                d.status, d.public_salons
         from decisions d
         where d.municipality_code = for_code and d.status in ('decided', 'withdrawn')
           and (for_unit is null or d.unit_id = for_unit or d.committee_id = for_unit)
         order by d.meeting_on desc, d.id limit decided_limit))
    select d.id, d.title, d.committee_name,
           d.meeting_on, d.hearing_from, d.hearing_to, d.status, d.public_salons,
           -- the order, for a caller that aggregates the rows (json_agg … order by position)
           row_number() over (order by d.status = 'upcoming' desc,
                                       case when d.status = 'upcoming' then d.meeting_on end,
                                       d.meeting_on desc, d.id)
    from picked d
    order by 9
$$;
