-- The kept months (migration 0096's `record_months`) against their definition,
-- `record_months_counted(key)` for every key: prints how many rows differ (must be 0).
with keys as (select municipality_code as k from record_lines
              union select unit_id::text from record_lines where unit_id is not null
              union select key from record_months),
     def as (select f.* from keys cross join lateral record_months_counted(keys.k) f)
select count(*) as rows_differing from (
    (select * from record_months except all select * from def)
    union all
    (select * from def except all select * from record_months)) d;
