-- The response record's figures in one function, planned once per connection.
--
-- Measured with pgbench (prepared, as the app sends it) on the benchmark's data, the record's
-- statement spent its time on three things, none of them reading the kept lines:
--   * planning: `$2 is null or l.unit_id = $2` (a municipality's record, or one unit's) made
--     PostgreSQL keep custom plans, planned again on every request (0.5–0.9 ms);
--   * the decisions that came up, each one's links and salons looked at (now a count kept on
--     the decision, 0063);
--   * the months: a second pass over the lines, grouped, then six more passes to turn the
--     groups into arrays.
-- Here the lines are read once, from one of two branches (a municipality's index or a unit's:
-- the branch not asked for is skipped when the plan runs, so one generic plan serves both and
-- is kept), and the whole period and each month come out of one grouping: the first row
-- (`whole`) is the period, then one row per Copenhagen month of the twelve from `months_from`
-- (the lines before it are in the period but in no month; their group is left out).
--
-- What counts, and how, is still the view `invitation_record_lines` (0055) kept as
-- `record_lines`; what depends on time is decided here with `now` from the app's clock.
create function record_figures(code text, unit uuid, now timestamptz, since timestamptz,
                               months_from timestamptz)
returns table (whole boolean, month date, counted bigint, replied bigint, accepted bigint,
               declined bigint, proposed bigint, unanswered bigint, open_now bigint,
               open_old bigint, median float8, p90 float8, by_email bigint, typed bigint,
               passed_on bigint, decisions bigint, decisions_with_salons bigint)
language plpgsql stable
-- One plan per connection whatever the arguments: planning the statement cost more than
-- running it.
set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
declare
    -- The months' first instants, and the end of the last: a line's month is found among
    -- them (a binary search), not by converting every line's time to Copenhagen's calendar
    -- (a fifth of the statement at 100,000 salons).
    bounds timestamptz[] := case when months_from is not null then array(
        select m at time zone 'Europe/Copenhagen'
        from generate_series(months_from at time zone 'Europe/Copenhagen',
                             months_from at time zone 'Europe/Copenhagen' + interval '12 months',
                             interval '1 month') m) else '{}' end;
begin
    return query
    with lines as (
        select l.sent_at, l.starts_at, l.reply_secs, l.accepted, l.declined, l.proposed,
               l.waiting, l.by_email, l.typed_reply
        from record_lines l
        where unit is null and l.municipality_code = code and l.sent_at > since
        union all
        -- a unit's lines are its municipality's (a unit belongs to one)
        select l.sent_at, l.starts_at, l.reply_secs, l.accepted, l.declined, l.proposed,
               l.waiting, l.by_email, l.typed_reply
        from record_lines l
        where l.unit_id = unit and l.sent_at > since),
    timed as (
        -- unanswered once the salon has started, still open while it is ahead
        select l.*,
               coalesce(l.reply_secs,
                        case when l.starts_at <= now then 'Infinity'::float8 end) as secs,
               case when width_bucket(l.sent_at, bounds) between 1 and 12
                    then width_bucket(l.sent_at, bounds) end as sent_month
        from lines l),
    grouped as (
        select grouping(t.sent_month) = 1 as whole, t.sent_month,
               count(*) as counted,
               count(*) filter (where t.secs < 'Infinity') as replied,
               count(*) filter (where t.accepted) as accepted,
               count(*) filter (where t.declined) as declined,
               count(*) filter (where t.proposed) as proposed,
               count(*) filter (where t.secs = 'Infinity') as unanswered,
               count(*) filter (where t.waiting and t.starts_at > now) as open_now,
               count(*) filter (where t.waiting and t.starts_at > now
                                and t.sent_at < now - interval '14 days') as open_old,
               percentile_disc(0.5) within group (order by t.secs)
                   filter (where t.secs is not null) as median,
               percentile_disc(0.9) within group (order by t.secs)
                   filter (where t.secs is not null) as p90,
               count(*) filter (where t.by_email) as by_email,
               count(*) filter (where t.typed_reply) as typed
        from timed t
        group by grouping sets ((), (t.sent_month))),
    -- Of the decisions of the municipality (or those the unit prepared or made) that came up
    -- in the period — decided then, or their meeting day passed; not those taken off the
    -- agenda, which were never treated — how many had a public salon about them before the
    -- meeting day (kept on the decision, 0063).
    came_up as (
        select count(*) as decisions,
               count(*) filter (where d.salons_before_meeting > 0) as with_salons
        from decisions d
        where d.municipality_code = code and d.status <> 'withdrawn'
          and (unit is null or d.unit_id = unit or d.committee_id = unit)
          and coalesce(d.decided_at,
                       d.meeting_on::timestamp at time zone 'Europe/Copenhagen')
              between since and now),
    -- for a unit: the invitations it passed on
    passed as (
        select count(*) as passed_on
        from (select distinct e.invitation_id
              from invitation_events e join invitations i on i.id = e.invitation_id
              where unit is not null and e.kind = 'passed_on' and e.unit_id = unit
                and i.status <> 'withdrawn' and i.sent_at > since) p)
    select g.whole,
           ((months_from at time zone 'Europe/Copenhagen')
            + (g.sent_month - 1) * interval '1 month')::date,
           g.counted, g.replied, g.accepted, g.declined, g.proposed,
           g.unanswered, g.open_now, g.open_old, g.median, g.p90, g.by_email, g.typed,
           case when g.whole and unit is not null then p.passed_on end,
           case when g.whole then c.decisions end,
           case when g.whole then c.with_salons end
    from grouped g cross join came_up c cross join passed p
    where g.whole or g.sent_month is not null
    order by g.whole desc, g.sent_month;
end
$$;
