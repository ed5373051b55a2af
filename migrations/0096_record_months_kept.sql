-- The response record kept per (municipality or unit, Copenhagen month sent): `record_columns`
-- (0084) read every line of the 12 months and sorted their reply times on every call (~230 µs
-- of database at 1,000 salons, ~1,100 at 100,000 for a municipality). Now one row per key and
-- month keeps what does not depend on the clock — the counts, the proven reply times sorted —
-- and, for what does, the sorted starts of the salons of the lines without a proven reply and
-- of the waiting lines: `width_bucket(now, sorted)` counts those ≤ now by a binary search, so
-- "unanswered" and "open now" are answered for every clock from the same row, with no "valid
-- until". What is still read line by line: the period's first, partial month (the 12 months
-- start at now's second) and the waiting lines of the one month holding now − 14 days.
--
-- The rows are kept from `record_lines` (0055, 0079). `record_figures` (0064) stays the
-- record's reference: `record_kept::` compares `record_columns` with it after every kind of
-- change through the app and across every boundary of the clock, and the kept rows with
-- `record_months_counted`. See bench/README.md, "The response record kept per month sent".

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

-- What a key's rows are by their definition: its lines, grouped by Copenhagen month sent.
-- The tests compare the kept rows with these; after a load with the triggers off,
-- `delete from record_months; insert into record_months select f.* from (select
-- municipality_code k from record_lines union select unit_id::text from record_lines where
-- unit_id is not null) keys cross join lateral record_months_counted(keys.k) f;` writes them.
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

-- ---------------------------------------------------------------------------------------------
-- Keeping the rows. A row cannot be rewritten from what the writing transaction alone sees:
-- two transactions changing two lines of Aarhus's December each see only their own, and the
-- second to commit would overwrite the first's. So the rows are first taken (a missing one
-- inserted empty, `on conflict do nothing` waiting for whoever inserts it), then counted again
-- in a statement of its own, whose snapshot (READ COMMITTED) sees what the others committed
-- while this one waited.
--
-- Deadlocks: every change holds its (key, month) rows until commit, so if rows were taken as
-- each statement changed lines, a transaction touching Aarhus then Furesø and one touching
-- Furesø then Aarhus (a person deleted, a salon moved, a unit merged: several statements,
-- per-row triggers in any order) could each wait for the other. Instead the changed keys are
-- only noted during the transaction (`record_months_pending`), and rewritten once, at commit,
-- by a deferred trigger, in one order (key, month) over all of them: the rows are the last
-- thing a transaction takes and it takes them in the same order as every other, so no two can
-- wait for each other on them. They are also held only from the commit's start to its end.

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


-- The keys a transaction's statements changed, until its commit rewrites them. Unlogged: a
-- row lives only inside its own transaction (deleted at its commit, gone with its rollback),
-- so nothing in it must survive a crash.
create unlogged table record_months_pending (
    txid xid8 not null,
    keys record_month_key[] not null
);
create index record_months_pending_by_txid on record_months_pending (txid);

-- A statement changed lines: note the (key, month) of each line as it was and as it is —
-- only of the lines that changed (`record_lines_refresh`'s upsert writes every line it is
-- given again, mostly as it was).
create function record_lines_keep_months() returns trigger language plpgsql as $$
declare
    ks record_month_key[];
begin
    if tg_op = 'UPDATE' then
        ks := array(
            select distinct row(l.municipality_code, u.unit,
                       date_trunc('month', l.sent_at at time zone 'Europe/Copenhagen')
                           at time zone 'Europe/Copenhagen')::record_month_key
            from (select o.* from changed_old o join changed_new n using (invitation_id)
                  where o is distinct from n
                  union all
                  select n.* from changed_old o join changed_new n using (invitation_id)
                  where o is distinct from n) l
            cross join lateral (values (null::uuid), (l.unit_id)) u(unit)
            where u.unit is null or l.unit_id is not null);
    elsif tg_op = 'DELETE' then
        ks := array(
            select distinct row(l.municipality_code, u.unit,
                       date_trunc('month', l.sent_at at time zone 'Europe/Copenhagen')
                           at time zone 'Europe/Copenhagen')::record_month_key
            from changed_old l cross join lateral (values (null::uuid), (l.unit_id)) u(unit)
            where u.unit is null or l.unit_id is not null);
    else
        ks := array(
            select distinct row(l.municipality_code, u.unit,
                       date_trunc('month', l.sent_at at time zone 'Europe/Copenhagen')
                           at time zone 'Europe/Copenhagen')::record_month_key
            from changed_new l cross join lateral (values (null::uuid), (l.unit_id)) u(unit)
            where u.unit is null or l.unit_id is not null);
    end if;
    if cardinality(ks) > 0 then
        insert into record_months_pending (txid, keys) values (pg_current_xact_id(), ks);
    end if;
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

-- At commit: the first of the transaction's deferred events takes all its noted keys and
-- rewrites them in one pass, in order; the others find none left.
create function record_months_settle() returns trigger language plpgsql as $$
declare
    ks record_month_key[];
begin
    with taken as (
        delete from record_months_pending p where p.txid = pg_current_xact_id()
        returning p.keys)
    select array(select distinct k from taken t cross join lateral unnest(t.keys) k) into ks;
    if cardinality(ks) > 0 then
        perform record_months_rewrite(ks);
    end if;
    return null;
end
$$;

create constraint trigger record_months_pending_settle
    after insert on record_months_pending
    deferrable initially deferred
    for each row execute function record_months_settle();

-- ---------------------------------------------------------------------------------------------
-- The record read from the kept rows: the same arguments and the same value as before (0084),
-- so the pages, the CSV and the API read it unchanged. The whole period's percentiles need no
-- histogram: percentile_disc's position is k = ⌈p·n⌉ (n = replies + unanswered, unanswered
-- slower than any reply, as `record_figures` orders them; ⌈⌉ in the same float arithmetic as
-- PostgreSQL's), so a month's median or p90 is its sorted array's k-th element or
-- "unanswered", and the whole period's is the k-th of its months' arrays merged.
create or replace function record_columns(code text, unit uuid, now timestamptz, since timestamptz,
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

