-- pgbench script for the kept months' keeping under concurrency (migration 0096):
-- each transaction changes a line of Aarhus and one of Copenhagen, in either order, in two
-- statements — the same months' rows from several connections, and both orders of the two
-- municipalities. Afterwards the kept rows must equal their definition. It changes the lines
-- for good: on a copy of a database only (`createdb -T`):
--   pgbench -n -c 4 -T 20 --max-tries=20 -f bench/record-kept-concurrent.sql "$COPY"
--   psql -f bench/record-kept-compare.sql "$COPY"
-- The first statement takes a line at an even position, the second one at an odd: two
-- transactions cannot then wait for each other on the lines themselves, so a deadlock is the
-- keeping's (on a small seed, lines are met often by several connections at once).
\set a random(0, 1000)
\set b random(0, 1000)
\set first random(0, 1)
begin;
update record_lines
set reply_secs = case when reply_secs is null then :a * 60.0 end,
    sent_at = sent_at + (:b % 7 - 3) * interval '1 day'
where invitation_id = (select invitation_id from record_lines
                       where municipality_code = case when :first = 0 then '0751' else '0101' end
                       order by invitation_id offset 2 * (:a % 500) limit 1);
select pg_sleep(0.002);
update record_lines
set starts_at = starts_at + (:a % 5 - 2) * interval '3 days', waiting = not waiting,
    unit_id = case when :b % 3 = 0 then null else unit_id end
where invitation_id = (select invitation_id from record_lines
                       where municipality_code = case when :first = 0 then '0101' else '0751' end
                       order by invitation_id offset 2 * (:b % 500) + 1 limit 1);
end;
