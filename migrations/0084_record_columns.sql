-- The response record (`record_figures`, 0064) as one value, so that the statement that reads
-- a page's other parts can read the record too: one round trip instead of two for the
-- municipality's page, a unit's page, the record's CSV and the API's record. On this machine
-- every statement costs PostgreSQL ~100 µs of CPU beyond its own work (protocol, wake-ups),
-- and the server ~30–60 k instructions; the record itself is computed exactly as before.
--
-- The value is `record_figures`' rows as columns: one array per column, element i of each
-- array from row i, the rows in the function's order (the whole period first, then its
-- months). The arrays are built in one pass over the rows, so their elements line up.
create type record_columns as (
    whole boolean[],
    month date[],
    counted bigint[],
    replied bigint[],
    accepted bigint[],
    declined bigint[],
    proposed bigint[],
    unanswered bigint[],
    open_now bigint[],
    open_old bigint[],
    median float8[],
    p90 float8[],
    by_email bigint[],
    typed bigint[],
    passed_on bigint[],
    decisions bigint[],
    decisions_with_salons bigint[]
);

-- plpgsql, not SQL: PostgreSQL 15 plans a SQL function's body again on every call that is
-- not inlined, while plpgsql keeps its plan for the connection, as `record_figures` does.
create function record_columns(code text, unit uuid, now timestamptz, since timestamptz,
                               months_from timestamptz)
returns record_columns
language plpgsql stable
set plan_cache_mode = force_generic_plan
as $$
begin
    return (
        select row(array_agg(f.whole), array_agg(f.month), array_agg(f.counted),
                   array_agg(f.replied), array_agg(f.accepted), array_agg(f.declined),
                   array_agg(f.proposed), array_agg(f.unanswered), array_agg(f.open_now),
                   array_agg(f.open_old), array_agg(f.median), array_agg(f.p90),
                   array_agg(f.by_email), array_agg(f.typed), array_agg(f.passed_on),
                   array_agg(f.decisions), array_agg(f.decisions_with_salons))::record_columns
        from record_figures(code, unit, now, since, months_from) f);
end
$$;
