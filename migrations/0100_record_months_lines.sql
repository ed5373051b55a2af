-- The record's CSV without reading `record_lines`: `record_kept_read` (0097) read the period's
-- first, partial month line by line and counted the waiting lines of the month holding
-- now − 14 days, two sub-selects over `record_lines` whose fixed work was ~30 µs of its ~165
-- at 1,000 salons (one scan over both ranges measured the same: bench/README.md, "The record's
-- CSV: the lines read from the kept months"). Each kept month now also keeps its lines — sent,
-- start, reply time and the six booleans as one bit set, in the order they were sent — so the
-- read takes the partial month's and the split month's lines from the rows it already reads,
-- and the server (`invitations::kept`) decides them line by line as before.
--
-- The definition (`record_months_counted`), the commit-time rewrite (`record_month_counted`,
-- `record_months_rewrite`) and the read are replaced; `record_columns` (0096) reads named
-- columns and is unchanged.

alter table record_months
    -- the month's lines in the order they were sent (then by invitation, to be one order)
    add column line_sent timestamptz[] not null default '{}',
    add column line_starts timestamptz[] not null default '{}',
    add column line_secs float8[] not null default '{}',
    -- per line: 1 accepted, 2 declined, 4 proposed, 8 waiting, 16 by email, 32 typed reply
    add column line_flags bigint[] not null default '{}';

create or replace function record_months_counted(k text) returns setof record_months
language sql stable as $$
    select k, t.local at time zone 'Europe/Copenhagen',
           (t.local + interval '1 month') at time zone 'Europe/Copenhagen',
           count(*), count(l.reply_secs),
           count(*) filter (where l.accepted), count(*) filter (where l.declined),
           count(*) filter (where l.proposed), count(*) filter (where l.by_email),
           count(*) filter (where l.typed_reply),
           coalesce(array_agg(l.reply_secs order by l.reply_secs)
                        filter (where l.reply_secs is not null), '{}'),
           coalesce(array_agg(l.starts_at order by l.starts_at)
                        filter (where l.reply_secs is null and l.starts_at is not null), '{}'),
           coalesce(array_agg(l.starts_at order by l.starts_at)
                        filter (where l.waiting and l.starts_at is not null), '{}'),
           array_agg(l.sent_at order by l.sent_at, l.invitation_id),
           array_agg(l.starts_at order by l.sent_at, l.invitation_id),
           array_agg(l.reply_secs order by l.sent_at, l.invitation_id),
           array_agg((l.accepted::int4 + 2 * l.declined::int4 + 4 * l.proposed::int4
                      + 8 * l.waiting::int4 + 16 * l.by_email::int4
                      + 32 * l.typed_reply::int4)::int8 order by l.sent_at, l.invitation_id)
    from record_lines l
    cross join lateral (
        select date_trunc('month', l.sent_at at time zone 'Europe/Copenhagen') as local) t
    where (l.municipality_code = k or l.unit_id::text = k)
    group by t.local
$$;

create or replace function record_month_counted(code text, unit uuid, month_start timestamptz)
returns record_months language plpgsql stable
set plan_cache_mode = force_generic_plan as $$
declare
    r record_months;
begin
    select coalesce(unit::text, code), month_start,
           ((month_start at time zone 'Europe/Copenhagen') + interval '1 month')
               at time zone 'Europe/Copenhagen',
           count(*), count(l.reply_secs),
           count(*) filter (where l.accepted), count(*) filter (where l.declined),
           count(*) filter (where l.proposed), count(*) filter (where l.by_email),
           count(*) filter (where l.typed_reply),
           coalesce(array_agg(l.reply_secs order by l.reply_secs)
                        filter (where l.reply_secs is not null), '{}'),
           coalesce(array_agg(l.starts_at order by l.starts_at)
                        filter (where l.reply_secs is null and l.starts_at is not null), '{}'),
           coalesce(array_agg(l.starts_at order by l.starts_at)
                        filter (where l.waiting and l.starts_at is not null), '{}'),
           coalesce(array_agg(l.sent_at order by l.sent_at, l.invitation_id), '{}'),
           coalesce(array_agg(l.starts_at order by l.sent_at, l.invitation_id), '{}'),
           coalesce(array_agg(l.reply_secs order by l.sent_at, l.invitation_id), '{}'),
           coalesce(array_agg((l.accepted::int4 + 2 * l.declined::int4 + 4 * l.proposed::int4
                               + 8 * l.waiting::int4 + 16 * l.by_email::int4
                               + 32 * l.typed_reply::int4)::int8
                              order by l.sent_at, l.invitation_id), '{}')
    from (select l.* from record_lines l
          where unit is null and l.municipality_code = code
            and l.sent_at >= month_start
            and l.sent_at < ((month_start at time zone 'Europe/Copenhagen') + interval '1 month')
                                at time zone 'Europe/Copenhagen'
          union all
          select l.* from record_lines l
          where l.unit_id = unit
            and l.sent_at >= month_start
            and l.sent_at < ((month_start at time zone 'Europe/Copenhagen') + interval '1 month')
                                at time zone 'Europe/Copenhagen') l
    into r;
    return r;
end
$$;

create or replace function record_months_rewrite(ks record_month_key[]) returns void
language plpgsql set plan_cache_mode = force_generic_plan as $$
begin
    insert into record_months (key, month_start, month_end, counted, replied, accepted,
                               declined, proposed, by_email, typed, secs, unreplied_starts,
                               waiting_starts)
    select k.key, k.month_start, k.month_start, 0, 0, 0, 0, 0, 0, 0, '{}', '{}', '{}'
    from (select distinct coalesce(k.unit::text, k.code) as key, k.month_start
          from unnest(ks) k) k
    order by k.key, k.month_start
    on conflict (key, month_start) do nothing;
    perform 1 from record_months r
    where (r.key, r.month_start) in (select coalesce(k.unit::text, k.code), k.month_start
                                     from unnest(ks) k)
    order by r.key, r.month_start
    for no key update;
    -- a statement of its own: its snapshot sees what others committed while this waited
    update record_months r
    set (month_end, counted, replied, accepted, declined, proposed, by_email, typed, secs,
         unreplied_starts, waiting_starts, line_sent, line_starts, line_secs, line_flags)
        = (c.month_end, c.counted, c.replied, c.accepted, c.declined, c.proposed, c.by_email,
           c.typed, c.secs, c.unreplied_starts, c.waiting_starts, c.line_sent, c.line_starts,
           c.line_secs, c.line_flags)
    from (select distinct k.code, k.unit, k.month_start from unnest(ks) k) k
    cross join lateral record_month_counted(k.code, k.unit, k.month_start) c
    where r.key = c.key and r.month_start = c.month_start;
    delete from record_months r
    where (r.key, r.month_start) in (select coalesce(k.unit::text, k.code), k.month_start
                                     from unnest(ks) k)
      and r.counted = 0;
end
$$;

-- The kept rows written again with their lines, as after a load with the triggers off.
delete from record_months;
insert into record_months
select f.* from (select municipality_code as k from record_lines
                 union select unit_id::text from record_lines where unit_id is not null) keys
cross join lateral record_months_counted(keys.k) f;

-- ---------------------------------------------------------------------------------------------
-- The read: one scan of the key's kept months from the one holding `since`. The first, partial
-- month (its start ≤ `since`) gives only its lines, which the server takes from those sent
-- after `since`; the month holding now − 14 days (its start before it, its end after) gives
-- its lines too, for the server to count its waiting lines sent before now − 14 days whose
-- salon is after `now`. Every other month's lines are left unread (their arrays, stored out of
-- line when long, are not fetched).
drop function record_kept_read(text, uuid, timestamptz, timestamptz);
drop type record_kept_read;

create type record_kept_read as (
    -- the kept months from the one holding `since`, ascending; the first is the partial one
    -- when its start is ≤ `since`
    month_start timestamptz[],
    month_end timestamptz[],
    counted bigint[],
    replied bigint[],
    accepted bigint[],
    declined bigint[],
    proposed bigint[],
    by_email bigint[],
    typed bigint[],
    -- the whole months' reply times (not the partial month's), concatenated
    secs float8[],
    -- each month's sorted starts, concatenated in the months' order, and their lengths
    unreplied_starts timestamptz[],
    unreplied_len bigint[],
    waiting_starts timestamptz[],
    waiting_len bigint[],
    -- the lines of the partial month and of the month holding now − 14 days (none of the
    -- others), concatenated in the months' order, and each month's number of them
    line_sent timestamptz[],
    line_starts timestamptz[],
    line_secs float8[],
    line_flags bigint[],
    line_len bigint[],
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
    from_month timestamptz := date_trunc('month', since at time zone 'Europe/Copenhagen')
                                  at time zone 'Europe/Copenhagen';
    old_before timestamptz := now - interval '14 days';
begin
    return (
    select row(k.month_start, k.month_end, k.counted, k.replied, k.accepted, k.declined,
               k.proposed, k.by_email, k.typed, k.secs, k.unreplied_starts, k.unreplied_len,
               k.waiting_starts, k.waiting_len, k.line_sent, k.line_starts, k.line_secs,
               k.line_flags, k.line_len, c.decisions, c.with_salons,
               pa.passed_on)::record_kept_read
    from (select array_agg(r.month_start) as month_start,
                 array_agg(r.month_end) as month_end,
                 array_agg(r.counted) as counted,
                 array_agg(r.replied) as replied,
                 array_agg(r.accepted) as accepted,
                 array_agg(r.declined) as declined,
                 array_agg(r.proposed) as proposed,
                 array_agg(r.by_email) as by_email,
                 array_agg(r.typed) as typed,
                 record_cat(case when r.month_start > since then r.secs
                                 else '{}'::float8[] end) as secs,
                 record_cat(r.unreplied_starts) as unreplied_starts,
                 array_agg(cardinality(r.unreplied_starts)::bigint) as unreplied_len,
                 record_cat(r.waiting_starts) as waiting_starts,
                 array_agg(cardinality(r.waiting_starts)::bigint) as waiting_len,
                 record_cat(case when r.lines then r.line_sent
                                 else '{}'::timestamptz[] end) as line_sent,
                 record_cat(case when r.lines then r.line_starts
                                 else '{}'::timestamptz[] end) as line_starts,
                 record_cat(case when r.lines then r.line_secs
                                 else '{}'::float8[] end) as line_secs,
                 record_cat(case when r.lines then r.line_flags
                                 else '{}'::bigint[] end) as line_flags,
                 array_agg(case when r.lines then cardinality(r.line_sent)::bigint
                                else 0 end) as line_len
          -- one pass over the rows in order (the key's index), so element i of every array
          -- is month i
          from (select r.*, r.month_start <= since
                            or (r.month_start < old_before and r.month_end > old_before)
                                as lines
                from record_months r
                where r.key = coalesce(unit::text, code) and r.month_start >= from_month
                  and r.counted > 0
                order by r.month_start) r) k,
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
