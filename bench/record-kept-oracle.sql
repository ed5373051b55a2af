-- The prototype's oracle for the read (bench/record-kept-prototype.sql loaded first): for every
-- municipality and unit with lines, and every clock of the set below, `record_figures_kept`
-- must give exactly the rows of `record_figures` (with the chart's months, and without them as
-- the weekly mail's 30 days). Prints the cases compared and those that differ (must be 0). All
-- in a transaction rolled back.
--
--   psql -v frac=0.25 -v rewrite=false -v seed=0 -f bench/record-kept-oracle.sql "$URL"
--
-- frac: the share of the clocks compared (all ~460 × 540 keys × 2 take ~20 minutes at 1,000
-- salons). rewrite=true first rewrites every line at random (seeded by `seed`), with the
-- triggers off, and writes the kept rows again from their definition: lines of every shape —
-- sent over 20 months, salons started or ahead or without a start, replies with ties or none,
-- waiting or not.
\set ON_ERROR_STOP on
begin;
\if :rewrite
select setseed(:seed);
alter table record_lines disable trigger user;
update record_lines set
  sent_at = '2026-01-10'::timestamptz + random() * interval '600 days',
  reply_secs = case when random() < 0.55
                    then round(random() * 30)::float8 * 3600
                         + case when random() < 0.3 then 0 else round(random() * 3600) end end,
  waiting = random() < 0.5,
  accepted = random() < 0.3, declined = random() < 0.2, proposed = random() < 0.2,
  by_email = random() < 0.3, typed_reply = random() < 0.1;
update record_lines
set starts_at = case when random() < 0.05 then null
                     else sent_at + random() * interval '120 days' end;
delete from record_months;
insert into record_months
select f.* from (select municipality_code as k from record_lines
                 union select unit_id::text from record_lines where unit_id is not null) keys
cross join lateral record_months_counted(keys.k) f;
\endif

create temp table clocks as
-- a sweep
select t as now
from generate_series('2026-01-03 05:17:00+00'::timestamptz, '2028-03-01',
                     interval '9 days 7 hours 13 minutes') t
union
-- month edges in Copenhagen, DST months among them, and a second either side
select (m at time zone 'Europe/Copenhagen') + d * interval '1 second'
from generate_series('2026-01-01'::timestamp, '2027-12-01', interval '1 month') m,
     (values (-1), (0), (1)) v(d)
union
-- salons' starts, and a second either side
select x from (select distinct starts_at from record_lines where starts_at is not null
               order by 1 limit 40) s,
     lateral (values (s.starts_at - interval '1 second'), (s.starts_at),
                     (s.starts_at + interval '1 second')) v(x)
union
-- 14 days after sending, and 12 months after (the period's edge), a second either side
select x from (select distinct sent_at from record_lines order by 1 limit 30) s,
     lateral (values (s.sent_at + interval '14 days' - interval '1 second'),
                     (s.sent_at + interval '14 days'),
                     (s.sent_at + interval '14 days 1 second'),
                     (s.sent_at + interval '12 months' - interval '1 second'),
                     (s.sent_at + interval '12 months'),
                     (s.sent_at + interval '12 months 1 second')) v(x);
select setseed(:seed);
delete from clocks where random() > :frac;

create temp table keys as
select distinct municipality_code as code, null::uuid as unit from record_lines
union
select distinct municipality_code, unit_id from record_lines where unit_id is not null;

create temp table cases as
select k.code, k.unit, c.now, c.now - interval '12 months' as since,
       (date_trunc('month', c.now at time zone 'Europe/Copenhagen') - interval '11 months')
           at time zone 'Europe/Copenhagen' as months_from
from keys k cross join clocks c
union all
-- the weekly mail's 30 days, without months
select k.code, k.unit, c.now, c.now - interval '30 days', null
from keys k cross join clocks c;

select count(*) as cases,
       count(*) filter (where exists (
           (select * from record_figures(c.code, c.unit, c.now, c.since, c.months_from)
            except all
            select * from record_figures_kept(c.code, c.unit, c.now, c.since, c.months_from))
           union all
           (select * from record_figures_kept(c.code, c.unit, c.now, c.since, c.months_from)
            except all
            select * from record_figures(c.code, c.unit, c.now, c.since, c.months_from))))
           as differing
from cases c;
rollback;
