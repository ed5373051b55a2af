-- The record's decisions that came up in the period (`record_figures`, 0064) read from one
-- index. They were found by the municipality's index and then each decision's row read to
-- test the day it came up, its status and unit: 41 shared buffers for Aarhus's 40 decisions in
-- the benchmark, whose rows lie one to a page. The day is written here exactly as the function
-- writes it, so the planner matches it and walks only the period; what else the function
-- tests rides along, so no row is read (an index-only scan, 3 buffers).
create index decisions_came_up on decisions
    (municipality_code,
     (coalesce(decided_at, meeting_on::timestamp at time zone 'Europe/Copenhagen')))
    include (status, salons_before_meeting, unit_id, committee_id, decided_at, meeting_on);
