-- The decisions lists read from one index, and the list page's rows left unsorted.
--
-- A municipality's decisions list (40 rows at Aarhus in bench/) read each listed decision's row
-- from the table: 40 heap pages of its 65 buffers, the decisions of a municipality being
-- scattered over the table. The index the lists are picked by now carries the columns they show,
-- so both halves are index-only scans (22 buffers): same key columns as the index it replaces,
-- so every statement that used that one uses this one. Title and committee name are at most 200
-- characters each (their checks), well within a B-tree entry.
create index decisions_by_municipality_listed on decisions (municipality_code, status, meeting_on, id)
    include (title, committee_name, hearing_from, hearing_to, public_salons);
drop index decisions_by_municipality;

-- Which decisions a list shows, in no order: the open ones soonest first and the decided ones
-- (and those taken off the agenda) latest first, each half cut at its limit. The list page
-- reads these rows and orders them itself (`decisions::pages::lists`): numbering them with a
-- window function and sorting them twice for it cost the page's statement a third of its CPU.
-- Inlined into the caller like `decisions_listed`, which numbers them for the callers that
-- aggregate them into JSON.
create function decisions_picked(for_code text, for_unit uuid, open_limit bigint,
                                 decided_limit bigint)
returns table (id uuid, title text, committee text, meeting_on date, hearing_from date,
               hearing_to date, status decision_status, salons integer)
language sql stable as $$
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
     order by d.meeting_on desc, d.id limit decided_limit)
$$;

-- The lists as before (0077), picked by the function above: one definition of what is listed.
create or replace function decisions_listed(for_code text, for_unit uuid, open_limit bigint,
                                            decided_limit bigint)
returns table (id uuid, title text, committee text, meeting_on date, hearing_from date,
               hearing_to date, status decision_status, salons integer, "position" bigint)
language sql stable as $$
    select d.id, d.title, d.committee,
           d.meeting_on, d.hearing_from, d.hearing_to, d.status, d.salons,
           -- the order, for a caller that aggregates the rows (json_agg … order by position)
           row_number() over (order by d.status = 'upcoming' desc,
                                       case when d.status = 'upcoming' then d.meeting_on end,
                                       d.meeting_on desc, d.id)
    from decisions_picked(for_code, for_unit, open_limit, decided_limit) d
    order by 9
$$;
