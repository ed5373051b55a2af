-- A salon's summary (referat): Markdown as the hosts wrote it and its cleaned HTML. Saved as a
-- draft until published; publishing closes the salon.
ALTER TABLE salons
    ADD COLUMN summary              text NOT NULL DEFAULT '',
    ADD COLUMN summary_html         text NOT NULL DEFAULT '',
    ADD COLUMN summary_published_at timestamptz,
    ADD COLUMN summary_published_by uuid REFERENCES users (id) ON DELETE SET NULL;
