-- The front page's "Seneste referater": the newest published summaries of public salons,
-- read newest first from this index and stopped after a few rows.
create index salons_latest_summaries on salons (summary_published_at desc)
    where visibility = 'public' and summary_published_at is not null and hidden_reason is null;
