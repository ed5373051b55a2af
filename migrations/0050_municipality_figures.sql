-- Denmark side by side (/tal): each municipality's figures over the last 12 months, kept by
-- the job 'figures.refresh' from the response record and the next steps, so the page reads
-- 98 rows instead of every invitation and salon.
create table municipality_figures (
    municipality_code     text primary key references municipalities (code) on delete cascade,
    salons_held           bigint not null,
    invitations           bigint not null,
    replied               bigint not null,
    -- seconds to first reply; 'Infinity' when unanswered invitations decide it; null: no data
    median_secs           double precision,
    steps_done            bigint not null,
    steps_overdue         bigint not null,
    decisions             bigint not null,
    decisions_with_salons bigint not null,
    refreshed_at          timestamptz not null
);
