-- A prototype, NOT a migration: the response record kept per (municipality or unit, Copenhagen
-- month sent), for measuring against `record_figures` / `record_columns` (0064, 0084). See
-- bench/README.md, "The response record kept per month sent: a prototype measured, not landed".
-- It creates the table `record_months` (written from `record_lines`), triggers on
-- `record_lines` that keep it, `record_columns_kept` (the same arguments and value as
-- `record_columns`), `record_figures_kept` (its rows, as `record_figures` gives them) and
-- `record_months_read` (the read alone, measured only). For a benchmark database or a copy of
-- one, never one the app serves: the app does not know the table, and the triggers stay until
-- dropped (the `drop` statements below).
--
--   psql "$DATABASE_URL" -f bench/record-kept-prototype.sql
--
-- Per (key, month) the row keeps what does not depend on the clock — the counts, the proven
-- reply times sorted — and, for what does, the sorted start times of the lines it could
-- split: those without a proven reply (unanswered once their salon has started) and those
-- waiting (open while their salon is ahead). `width_bucket(now, sorted)` counts the elements
-- ≤ now by a binary search in C, so "how many have started" costs no line read. What is still
-- read line by line: the period's first, partial month (the 12 months start at now's second),
-- and the waiting lines of the one month holding now − 14 days (open for more than 14 days).
-- The percentiles' position k = ⌈p·n⌉ (as percentile_disc takes it, n = replies +
-- unanswered, unanswered slower than any reply): a month's k-th time is its array's k-th
-- element; the whole period's is the k-th of its months' arrays merged.
\set ON_ERROR_STOP on
-- Landed as migration 0096 (with the rows rewritten at commit): on a database that has it, this
-- would drop the app's own table and triggers, so it stops.
select exists (select 1 from pg_class where relname = 'record_months_pending') as landed \gset
\if :landed
\echo 'record_months is the app''s own (migration 0096): the prototype is not loaded'
\quit
\endif

drop trigger if exists record_lines_keep_months_insert on record_lines;
drop trigger if exists record_lines_keep_months_update on record_lines;
drop trigger if exists record_lines_keep_months_delete on record_lines;
drop function if exists record_lines_keep_months();
drop function if exists record_months_rewrite(record_month_key[]);
drop function if exists record_month_counted(text, uuid, timestamptz);
drop type if exists record_month_key;
drop function if exists record_columns_kept(text, uuid, timestamptz, timestamptz, timestamptz);
drop function if exists record_figures_kept(text, uuid, timestamptz, timestamptz, timestamptz);
drop function if exists record_months_counted(text);
drop function if exists record_months_read(text, uuid, timestamptz, timestamptz, timestamptz);
drop table if exists record_months;

create table record_months (
    -- the municipality's code, or the unit's id as text
    key              text not null,
    month_start      timestamptz not null,
    month_end        timestamptz not null,
    counted          bigint not null,
    replied          bigint not null,
    accepted         bigint not null,
    declined         bigint not null,
    proposed         bigint not null,
    by_email         bigint not null,
    typed            bigint not null,
    -- proven reply times, ascending
    secs             float8[] not null,
    -- starts of the salons of lines without a proven reply (null start left out), ascending
    unreplied_starts timestamptz[] not null,
    -- starts of the salons of waiting lines (null start left out), ascending
    waiting_starts   timestamptz[] not null,
    primary key (key, month_start)
);

-- What a key's rows are by their definition: the lines, grouped by Copenhagen month sent.
-- The oracle (and a load with triggers off) compares / writes these.
create function record_months_counted(k text) returns setof record_months
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
                        filter (where l.waiting and l.starts_at is not null), '{}')
    from record_lines l
    cross join lateral (
        select date_trunc('month', l.sent_at at time zone 'Europe/Copenhagen') as local) t
    where (l.municipality_code = k or l.unit_id::text = k)
    group by t.local
$$;

insert into record_months
select f.* from (select municipality_code as k from record_lines
                 union select unit_id::text from record_lines where unit_id is not null) keys
cross join lateral record_months_counted(keys.k) f;

create function record_columns_kept(code text, unit uuid, now timestamptz, since timestamptz,
                                    months_from timestamptz)
returns record_columns
language plpgsql stable
set plan_cache_mode = force_generic_plan
as $$
declare
    bounds timestamptz[] := case when months_from is not null then array(
        select m at time zone 'Europe/Copenhagen'
        from generate_series(months_from at time zone 'Europe/Copenhagen',
                             months_from at time zone 'Europe/Copenhagen' + interval '12 months',
                             interval '1 month') m) else '{}' end;
    -- the first whole month: the first month start after `since`
    full_from timestamptz := (date_trunc('month', since at time zone 'Europe/Copenhagen')
                              + interval '1 month') at time zone 'Europe/Copenhagen';
    old_before timestamptz := now - interval '14 days';
    -- the month holding now − 14 days, when it is a whole one
    old_from timestamptz := greatest(full_from,
        date_trunc('month', (now - interval '14 days') at time zone 'Europe/Copenhagen')
            at time zone 'Europe/Copenhagen');
begin
    return (
    with
    -- the period's first, partial month, line by line as `record_figures` reads it
    partial as (
        select l.*, coalesce(l.reply_secs,
                             case when l.starts_at <= now then 'Infinity'::float8 end) as secs
        from record_lines l
        where unit is null and l.municipality_code = code
          and l.sent_at > since and l.sent_at < full_from
        union all
        select l.*, coalesce(l.reply_secs,
                             case when l.starts_at <= now then 'Infinity'::float8 end)
        from record_lines l
        where l.unit_id = unit and l.sent_at > since and l.sent_at < full_from),
    -- waiting lines of the whole month that holds now − 14 days, sent before it
    old_split as (
        select count(*) as n
        from (select 1 from record_lines l
              where unit is null and l.municipality_code = code
                and l.sent_at >= old_from and l.sent_at < old_before
                and l.waiting and l.starts_at > now
              union all
              select 1 from record_lines l
              where l.unit_id = unit
                and l.sent_at >= old_from and l.sent_at < old_before
                and l.waiting and l.starts_at > now) o),
    kept as (
        select r.month_start, r.counted, r.replied, r.accepted, r.declined, r.proposed,
               r.by_email, r.typed, r.secs,
               width_bucket(now, r.unreplied_starts)::bigint as unanswered,
               (cardinality(r.waiting_starts) - width_bucket(now, r.waiting_starts))::bigint
                   as open_now,
               r.month_end <= old_before as all_old,
               r.month_start >= old_before as none_old
        from record_months r
        where r.key = coalesce(unit::text, code) and r.month_start >= full_from
          and r.counted > 0),
    rows as (
        select case when width_bucket(k.month_start, bounds) between 1 and 12
                    then width_bucket(k.month_start, bounds) end as sent_month,
               k.counted, k.replied, k.accepted, k.declined, k.proposed, k.unanswered,
               k.open_now,
               case when k.all_old then k.open_now when k.none_old then 0
                    else (select n from old_split) end as open_old,
               k.by_email, k.typed, k.secs
        from kept k
        union all
        select case when width_bucket(p.sent_at, bounds) between 1 and 12
                    then width_bucket(p.sent_at, bounds) end,
               count(*), count(*) filter (where p.secs < 'Infinity'),
               count(*) filter (where p.accepted), count(*) filter (where p.declined),
               count(*) filter (where p.proposed),
               count(*) filter (where p.secs = 'Infinity'),
               count(*) filter (where p.waiting and p.starts_at > now),
               count(*) filter (where p.waiting and p.starts_at > now
                                and p.sent_at < old_before),
               count(*) filter (where p.by_email), count(*) filter (where p.typed_reply),
               coalesce(array_agg(p.secs order by p.secs) filter (where p.secs < 'Infinity'),
                        '{}')
        from partial p
        group by 1),
    whole as (
        select coalesce(sum(r.counted), 0)::bigint as counted,
               coalesce(sum(r.replied), 0)::bigint as replied,
               coalesce(sum(r.accepted), 0)::bigint as accepted,
               coalesce(sum(r.declined), 0)::bigint as declined,
               coalesce(sum(r.proposed), 0)::bigint as proposed,
               coalesce(sum(r.unanswered), 0)::bigint as unanswered,
               coalesce(sum(r.open_now), 0)::bigint as open_now,
               coalesce(sum(r.open_old), 0)::bigint as open_old,
               coalesce(sum(r.by_email), 0)::bigint as by_email,
               coalesce(sum(r.typed), 0)::bigint as typed
        from rows r),
    came_up as (
        select count(*) as decisions,
               count(*) filter (where d.salons_before_meeting > 0) as with_salons
        from decisions d
        where d.municipality_code = code and d.status <> 'withdrawn'
          and (unit is null or d.unit_id = unit or d.committee_id = unit)
          and coalesce(d.decided_at,
                       d.meeting_on::timestamp at time zone 'Europe/Copenhagen')
              between since and now),
    passed as (
        select count(*) as passed_on
        from (select distinct e.invitation_id
              from invitation_events e join invitations i on i.id = e.invitation_id
              where unit is not null and e.kind = 'passed_on' and e.unit_id = unit
                and i.status <> 'withdrawn' and i.sent_at > since) p),
    -- the period's reply times merged in order, once (materialized: the planner would otherwise
    -- copy the sort into each percentile), only when a percentile is one of them
    merged as materialized (
        select case when ceil(0.5::float8 * (w.replied + w.unanswered)) <= w.replied
                    then (select array_agg(x.s order by x.s)
                          from (select unnest(r.secs) s from rows r) x) end as secs
        from whole w),
    figures as (
    select true as whole, null::date as month, w.counted, w.replied, w.accepted, w.declined, w.proposed,
           w.unanswered, w.open_now, w.open_old,
           pct.median, pct.p90, w.by_email, w.typed,
           case when unit is not null then p.passed_on end as passed_on, c.decisions,
           c.with_salons
    from whole w cross join came_up c cross join passed p
    cross join merged m
    cross join lateral (
        select
            case when w.replied + w.unanswered = 0 then null
                 when ceil(0.5::float8 * (w.replied + w.unanswered)) > w.replied
                     then 'Infinity'::float8
                 else m.secs[greatest(ceil(0.5::float8 * (w.replied + w.unanswered)), 1)]
            end as median,
            case when w.replied + w.unanswered = 0 then null
                 when ceil(0.9::float8 * (w.replied + w.unanswered)) > w.replied
                     then 'Infinity'::float8
                 else m.secs[greatest(ceil(0.9::float8 * (w.replied + w.unanswered)), 1)]
            end as p90) pct
    union all
    select false,
           ((months_from at time zone 'Europe/Copenhagen')
            + (r.sent_month - 1) * interval '1 month')::date,
           r.counted, r.replied, r.accepted, r.declined, r.proposed, r.unanswered,
           r.open_now, r.open_old,
           case when r.replied + r.unanswered = 0 then null
                when ceil(0.5::float8 * (r.replied + r.unanswered)) > r.replied
                    then 'Infinity'::float8
                else r.secs[greatest(ceil(0.5::float8 * (r.replied + r.unanswered)), 1)] end,
           case when r.replied + r.unanswered = 0 then null
                when ceil(0.9::float8 * (r.replied + r.unanswered)) > r.replied
                    then 'Infinity'::float8
                else r.secs[greatest(ceil(0.9::float8 * (r.replied + r.unanswered)), 1)] end,
           r.by_email, r.typed, null, null, null
    from rows r
    where r.sent_month is not null)
    select row(array_agg(f.whole),
               array_agg(f.month),
               array_agg(f.counted),
               array_agg(f.replied),
               array_agg(f.accepted),
               array_agg(f.declined),
               array_agg(f.proposed),
               array_agg(f.unanswered),
               array_agg(f.open_now),
               array_agg(f.open_old),
               array_agg(f.median),
               array_agg(f.p90),
               array_agg(f.by_email),
               array_agg(f.typed),
               array_agg(f.passed_on),
               array_agg(f.decisions),
               array_agg(f.with_salons))::record_columns
    -- one pass over the rows in order, so element i of every array is row i
    from (select * from figures order by whole desc, month) f);
end
$$;

-- The same as rows, for the oracle (bench/record-kept-oracle.sql): element i of each array is
-- row i, as `record_columns` (0084) builds them from `record_figures`.
create function record_figures_kept(code text, unit uuid, now timestamptz, since timestamptz,
                                    months_from timestamptz)
returns table (whole boolean, month date, counted bigint, replied bigint, accepted bigint,
               declined bigint, proposed bigint, unanswered bigint, open_now bigint,
               open_old bigint, median float8, p90 float8, by_email bigint, typed bigint,
               passed_on bigint, decisions bigint, decisions_with_salons bigint)
language sql stable as $$
    select u.* from record_columns_kept(code, unit, now, since, months_from) c
    cross join lateral unnest(c.whole, c.month, c.counted, c.replied, c.accepted, c.declined,
                              c.proposed, c.unanswered, c.open_now, c.open_old, c.median, c.p90,
                              c.by_email, c.typed, c.passed_on, c.decisions,
                              c.decisions_with_salons) u
$$;

-- Measured only, not checked: what the server would read if it computed the figures itself
-- from the kept rows (the same arithmetic in Rust): the key's whole months as arrays, the
-- first, partial month's lines, and the count of the waiting lines sent in the month of
-- now − 14 days before it. As text here, to measure the read alone.
create function record_months_read(code text, unit uuid, now timestamptz, since timestamptz, months_from timestamptz)
returns text language plpgsql stable set plan_cache_mode = force_generic_plan as $$
declare
    full_from timestamptz := (date_trunc('month', since at time zone 'Europe/Copenhagen')
                              + interval '1 month') at time zone 'Europe/Copenhagen';
    old_from timestamptz := greatest(full_from,
        date_trunc('month', (now - interval '14 days') at time zone 'Europe/Copenhagen')
            at time zone 'Europe/Copenhagen');
begin
    return (
    select row(k.*, p.*, o.n)::text
    from (select array_agg(r.month_start) ms, array_agg(r.counted) c, array_agg(r.replied) rp,
                 array_agg(r.accepted) a, array_agg(r.declined) d, array_agg(r.proposed) pr,
                 array_agg(r.by_email) be, array_agg(r.typed) ty,
                 array_agg(width_bucket(now, r.unreplied_starts)) un,
                 array_agg(cardinality(r.waiting_starts) - width_bucket(now, r.waiting_starts)) op,
                 array_agg(array_to_string(r.secs, ' ')) secs
          from record_months r
          where r.key = coalesce(unit::text, code) and r.month_start >= full_from) k,
         (select array_agg(l.sent_at) s, array_agg(l.starts_at) st, array_agg(l.reply_secs) rs
          from (select l.sent_at, l.starts_at, l.reply_secs from record_lines l
                where unit is null and l.municipality_code = code
                  and l.sent_at > since and l.sent_at < full_from
                union all
                select l.sent_at, l.starts_at, l.reply_secs from record_lines l
                where l.unit_id = unit and l.sent_at > since and l.sent_at < full_from) l) p,
         (select count(*) n from
            (select 1 from record_lines l
             where unit is null and l.municipality_code = code
               and l.sent_at >= old_from and l.sent_at < now - interval '14 days'
               and l.waiting and l.starts_at > now
             union all
             select 1 from record_lines l
             where l.unit_id = unit
               and l.sent_at >= old_from and l.sent_at < now - interval '14 days'
               and l.waiting and l.starts_at > now) x) o);
end $$;

-- ---------------------------------------------------------------------------------------------
-- Keeping the rows (prototype, checked by bench/record-kept-keeping.sql only, not by the app's
-- tests): a statement trigger on `record_lines` rewrites the (key, month) rows its changed lines
-- touch, from the lines. Concurrency: a rewrite from what this transaction sees would lose a
-- change another transaction made to the same month meanwhile, so the rows are first taken, in
-- one order (key, month; a missing row inserted empty first, `on conflict do nothing` waiting
-- for whoever inserts it), and only then counted, in a statement of its own whose snapshot
-- (READ COMMITTED, a volatile function) sees what the others committed while this one waited.

create type record_month_key as (code text, unit uuid, month_start timestamptz);

-- One (key, month)'s row by its definition, from its lines (counted 0 when it has none).
create function record_month_counted(code text, unit uuid, month_start timestamptz)
returns record_months language plpgsql stable
-- plpgsql, planned once per connection: as a SQL function it was planned on every call (0.9 ms)
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
                        filter (where l.waiting and l.starts_at is not null), '{}')
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

create function record_months_rewrite(ks record_month_key[]) returns void
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
         unreplied_starts, waiting_starts)
        = (c.month_end, c.counted, c.replied, c.accepted, c.declined, c.proposed, c.by_email,
           c.typed, c.secs, c.unreplied_starts, c.waiting_starts)
    from (select distinct k.code, k.unit, k.month_start from unnest(ks) k) k
    cross join lateral record_month_counted(k.code, k.unit, k.month_start) c
    where r.key = c.key and r.month_start = c.month_start;
    delete from record_months r
    where (r.key, r.month_start) in (select coalesce(k.unit::text, k.code), k.month_start
                                     from unnest(ks) k)
      and r.counted = 0;
end
$$;

create function record_lines_keep_months() returns trigger language plpgsql as $$
declare
    ks record_month_key[] := '{}';
begin
    if tg_op in ('UPDATE', 'DELETE') then
        ks := ks || array(
            select row(l.municipality_code, u.unit,
                       date_trunc('month', l.sent_at at time zone 'Europe/Copenhagen')
                           at time zone 'Europe/Copenhagen')::record_month_key
            from changed_old l cross join lateral (values (null::uuid), (l.unit_id)) u(unit)
            where u.unit is null or l.unit_id is not null);
    end if;
    if tg_op in ('UPDATE', 'INSERT') then
        ks := ks || array(
            select row(l.municipality_code, u.unit,
                       date_trunc('month', l.sent_at at time zone 'Europe/Copenhagen')
                           at time zone 'Europe/Copenhagen')::record_month_key
            from changed_new l cross join lateral (values (null::uuid), (l.unit_id)) u(unit)
            where u.unit is null or l.unit_id is not null);
    end if;
    perform record_months_rewrite(ks);
    return null;
end
$$;

create trigger record_lines_keep_months_insert after insert on record_lines
    referencing new table as changed_new
    for each statement execute function record_lines_keep_months();
create trigger record_lines_keep_months_update after update on record_lines
    referencing old table as changed_old new table as changed_new
    for each statement execute function record_lines_keep_months();
create trigger record_lines_keep_months_delete after delete on record_lines
    referencing old table as changed_old
    for each statement execute function record_lines_keep_months();
