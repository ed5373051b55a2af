-- /tal's table kept as one row of arrays, a column each, in the order the page read them from
-- `municipality_figures` joined to `municipalities` (98 rows aggregated into eleven arrays on
-- every request: ~170 µs of the database's CPU per page at 1,000 salons, twice the bare
-- stack's whole statement). The job 'figures.refresh' rewrites the row in the transaction
-- that writes the figures, so the page says what the figures said at the refresh, as before;
-- a municipality renamed outside the app shows its new name from the next refresh on.
create table national_figures (
    -- at most one row
    only_row              boolean primary key default true check (only_row),
    name                  text[] not null,
    slug                  text[] not null,
    salons_held           bigint[] not null,
    invitations           bigint[] not null,
    replied               bigint[] not null,
    median_secs           double precision[] not null,
    steps_done            bigint[] not null,
    steps_overdue         bigint[] not null,
    decisions             bigint[] not null,
    decisions_with_salons bigint[] not null,
    refreshed_at          timestamptz[] not null
);

-- The row from the figures as they stand: every municipality, with nulls where none are
-- computed yet. Every aggregate of the one group sees the rows in the same order, so the
-- arrays line up.
create function national_figures_rewrite() returns void language sql as $$
    insert into national_figures
    select true,
           coalesce(array_agg(m.name), '{}'), coalesce(array_agg(m.slug), '{}'),
           coalesce(array_agg(f.salons_held), '{}'), coalesce(array_agg(f.invitations), '{}'),
           coalesce(array_agg(f.replied), '{}'), coalesce(array_agg(f.median_secs), '{}'),
           coalesce(array_agg(f.steps_done), '{}'), coalesce(array_agg(f.steps_overdue), '{}'),
           coalesce(array_agg(f.decisions), '{}'),
           coalesce(array_agg(f.decisions_with_salons), '{}'),
           coalesce(array_agg(f.refreshed_at), '{}')
    from municipalities m
    left join municipality_figures f on f.municipality_code = m.code
    on conflict (only_row) do update set
        name = excluded.name, slug = excluded.slug, salons_held = excluded.salons_held,
        invitations = excluded.invitations, replied = excluded.replied,
        median_secs = excluded.median_secs, steps_done = excluded.steps_done,
        steps_overdue = excluded.steps_overdue, decisions = excluded.decisions,
        decisions_with_salons = excluded.decisions_with_salons,
        refreshed_at = excluded.refreshed_at
$$;

select national_figures_rewrite();
