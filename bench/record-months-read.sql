-- What the server would read to compute the response record itself from the kept months
-- (migration 0096's `record_months`), measured only, not used by the app: the next step for the
-- record's CSV (bench/README.md, "The response record kept per month sent, landed", "Not done").
-- Loads on a benchmark database or a copy of one; measure it with bench/statement-cpu:
--   psql "$URL" -f bench/record-months-read.sql
--   bench/statement-cpu "$URL" stmt.sql 2000 -D code=0751 -D now=… -D since=…
--   # stmt.sql: SELECT record_months_read(:code, NULL, :now, :since, NULL);
-- It gives: the key's whole months as arrays, the first, partial month's lines, and the count
-- of the waiting lines sent in the month of now − 14 days before it. As text here, to measure
-- the read alone.
\set ON_ERROR_STOP on
create or replace function record_months_read(code text, unit uuid, now timestamptz, since timestamptz, months_from timestamptz)
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
