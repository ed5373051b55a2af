-- The kept months' keeping (migration 0096, its triggers): after changes of
-- every kind to `record_lines` — one line at a time and many in one statement; replies, starts,
-- waiting, a line moved to another month, unit or municipality, lines removed and put back —
-- the kept rows must be exactly their definition. Run in a transaction rolled back. Prints the
-- rows that differ (must be 0). bench/record-kept-concurrent.sql does the same from several
-- connections at once.
--
--   psql -v seed=0.3 -v steps=500 -f bench/record-kept-keeping.sql "$URL"
\set ON_ERROR_STOP on
begin;
select setseed(:seed), set_config('record_kept.steps', :'steps', true);
create temp table gone as select * from record_lines limit 0;
do $$
declare
    l record_lines;
    n int;
begin
    for i in 1..current_setting('record_kept.steps')::int loop
        select * into l from record_lines order by random() limit 1;
        n := floor(random() * 9);
        if n = 0 then
            update record_lines set reply_secs = case when random() < 0.3 then null
                                                      else round(random() * 40) * 3600 end
            where invitation_id = l.invitation_id;
        elsif n = 1 then
            update record_lines set starts_at = case when random() < 0.1 then null
                                                     else sent_at + random() * interval '90 days' end
            where invitation_id = l.invitation_id;
        elsif n = 2 then
            update record_lines set waiting = not waiting, accepted = random() < 0.5
            where invitation_id = l.invitation_id;
        elsif n = 3 then  -- sent in another month
            update record_lines set sent_at = sent_at + (random() - 0.5) * interval '200 days'
            where invitation_id = l.invitation_id;
        elsif n = 4 then  -- to another unit of the municipality, or to none
            update record_lines
            set unit_id = (select x.id from (select u.id from units u
                                             where u.municipality_code = l.municipality_code
                                             union all select null) x
                           order by random() limit 1)
            where invitation_id = l.invitation_id;
        elsif n = 5 then  -- to another municipality (and its unit)
            update record_lines r
            set (municipality_code, unit_id) = (select u.municipality_code, u.id from units u
                                                order by random() limit 1)
            where invitation_id = l.invitation_id;
        elsif n = 6 then  -- a line no longer counts
            insert into gone select * from record_lines where invitation_id = l.invitation_id;
            delete from record_lines where invitation_id = l.invitation_id;
        elsif n = 7 then  -- lines count again
            insert into record_lines select * from gone where random() < 0.5
            on conflict do nothing;
            delete from gone g where exists (select 1 from record_lines r
                                             where r.invitation_id = g.invitation_id);
        else  -- many lines in one statement, across municipalities and months
            update record_lines
            set reply_secs = case when reply_secs is null then 7200 end,
                sent_at = sent_at + interval '20 days'
            where random() < 0.03;
        end if;
    end loop;
end
$$;
select count(*) as lines, (select count(*) from record_months) as kept_rows from record_lines;
-- Migration 0096 rewrites the rows at commit (a deferred trigger): take them now.
set constraints all immediate;
\ir record-kept-compare.sql
rollback;
