-- The response record's kept months (0096) as the server reads them to compute the figures
-- itself: `record_columns` read ~10 kept rows but was still a statement of ~60 plan nodes whose
-- fixed work (started, its expressions compiled, run and torn down per call) was most of its
-- ~185 µs at 1,000 salons (bench/README.md, "The response record kept per month sent"). This
-- reads the rows and the few lines the months cannot answer, and leaves every sum, binary
-- search and percentile to the server (`invitations::kept`), which `record_kept::` compares
-- with `record_figures` (0064), the record's reference, at every clock where a figure changes.
--
-- The period's whole months come as parallel arrays, one element per kept month; their sorted
-- arrays (reply times, the starts of the unreplied and of the waiting lines) concatenated
-- month after month, with each month's lengths, so that one row carries them all.

create aggregate record_cat(anycompatiblearray) (
    sfunc = array_cat, stype = anycompatiblearray, initcond = '{}');

create type record_kept_read as (
    -- the whole months from the first month start after `since`, ascending
    month_start timestamptz[],
    month_end timestamptz[],
    counted bigint[],
    replied bigint[],
    accepted bigint[],
    declined bigint[],
    proposed bigint[],
    by_email bigint[],
    typed bigint[],
    -- each month's sorted arrays, concatenated in the months' order, and their lengths
    secs float8[],
    unreplied_starts timestamptz[],
    unreplied_len bigint[],
    waiting_starts timestamptz[],
    waiting_len bigint[],
    -- the first, partial month's lines (sent after `since`, before the first whole month)
    line_sent timestamptz[],
    line_starts timestamptz[],
    line_secs float8[],
    -- per line: 1 accepted, 2 declined, 4 proposed, 8 waiting, 16 by email, 32 typed reply
    line_flags bigint[],
    -- waiting lines whose salon is after `now`, sent in the whole month holding now − 14 days
    -- but before now − 14 days (that month is the only one "open over 14 days" splits)
    old_split bigint,
    decisions bigint,
    decisions_with_salons bigint,
    -- for a unit: the invitations it passed on
    passed_on bigint
);

create function record_kept_read(code text, unit uuid, now timestamptz, since timestamptz)
returns record_kept_read
language plpgsql stable
set plan_cache_mode = force_generic_plan
as $$
declare
    full_from timestamptz := (date_trunc('month', since at time zone 'Europe/Copenhagen')
                              + interval '1 month') at time zone 'Europe/Copenhagen';
    old_before timestamptz := now - interval '14 days';
    old_from timestamptz := greatest(full_from,
        date_trunc('month', (now - interval '14 days') at time zone 'Europe/Copenhagen')
            at time zone 'Europe/Copenhagen');
begin
    return (
    select row(k.month_start, k.month_end, k.counted, k.replied, k.accepted, k.declined,
               k.proposed, k.by_email, k.typed, k.secs, k.unreplied_starts, k.unreplied_len,
               k.waiting_starts, k.waiting_len, p.sent, p.starts, p.secs, p.flags, o.n,
               c.decisions, c.with_salons, pa.passed_on)::record_kept_read
    from (select array_agg(r.month_start) as month_start,
                 array_agg(r.month_end) as month_end,
                 array_agg(r.counted) as counted,
                 array_agg(r.replied) as replied,
                 array_agg(r.accepted) as accepted,
                 array_agg(r.declined) as declined,
                 array_agg(r.proposed) as proposed,
                 array_agg(r.by_email) as by_email,
                 array_agg(r.typed) as typed,
                 record_cat(r.secs) as secs,
                 record_cat(r.unreplied_starts) as unreplied_starts,
                 array_agg(cardinality(r.unreplied_starts)::bigint)
                     as unreplied_len,
                 record_cat(r.waiting_starts) as waiting_starts,
                 array_agg(cardinality(r.waiting_starts)::bigint)
                     as waiting_len
          -- one pass over the rows in order (the key's index), so element i of every array
          -- is month i
          from (select * from record_months r
                where r.key = coalesce(unit::text, code) and r.month_start >= full_from
                  and r.counted > 0
                order by r.month_start) r) k,
         (select array_agg(l.sent_at) as sent, array_agg(l.starts_at) as starts,
                 array_agg(l.reply_secs) as secs,
                 array_agg((l.accepted::int4 + 2 * l.declined::int4 + 4 * l.proposed::int4
                            + 8 * l.waiting::int4 + 16 * l.by_email::int4
                            + 32 * l.typed_reply::int4)::int8) as flags
          from (select l.sent_at, l.starts_at, l.reply_secs, l.accepted, l.declined,
                       l.proposed, l.waiting, l.by_email, l.typed_reply
                from record_lines l
                where unit is null and l.municipality_code = code
                  and l.sent_at > since and l.sent_at < full_from
                union all
                select l.sent_at, l.starts_at, l.reply_secs, l.accepted, l.declined,
                       l.proposed, l.waiting, l.by_email, l.typed_reply
                from record_lines l
                where l.unit_id = unit and l.sent_at > since and l.sent_at < full_from) l) p,
         (select count(*) as n
          from (select 1 from record_lines l
                where unit is null and l.municipality_code = code
                  and l.sent_at >= old_from and l.sent_at < old_before
                  and l.waiting and l.starts_at > now
                union all
                select 1 from record_lines l
                where l.unit_id = unit
                  and l.sent_at >= old_from and l.sent_at < old_before
                  and l.waiting and l.starts_at > now) x) o,
         -- as `record_figures`: the decisions that came up in the period
         (select count(*) as decisions,
                 count(*) filter (where d.salons_before_meeting > 0) as with_salons
          from decisions d
          where d.municipality_code = code and d.status <> 'withdrawn'
            and (unit is null or d.unit_id = unit or d.committee_id = unit)
            and coalesce(d.decided_at,
                         d.meeting_on::timestamp at time zone 'Europe/Copenhagen')
                between since and now) c,
         (select case when unit is not null then count(*) end as passed_on
          from (select distinct e.invitation_id
                from invitation_events e join invitations i on i.id = e.invitation_id
                where unit is not null and e.kind = 'passed_on' and e.unit_id = unit
                  and i.status <> 'withdrawn' and i.sent_at > since) x) pa);
end
$$;
