-- Upcoming decisions at scale: on a database seeded by bench/seed.sql, gives every municipality
-- a department, a committee and 40 decisions (20 open, 20 decided), links every fourth public
-- salon to one of its municipality's open decisions, and links exactly 20 salons (with
-- published summaries) to Aarhus's first decision, so "a decision page" does the same work at
-- every size. bench/run measures /municipalities/aarhus/decisions and that decision's page.
--   psql "$URL" -f bench/decisions.sql
\set ON_ERROR_STOP on
BEGIN;
SET LOCAL synchronous_commit = off;
-- The salon pages' kept public part is rewritten once at the end, not row by row.
SET LOCAL medspil.salon_pages = 'later';
INSERT INTO units (id, municipality_code, kind, name, slug, created_at)
SELECT md5('unit' || m.code || '-' || k)::uuid, m.code, k::unit_kind,
       CASE k WHEN 'department' THEN 'Forvaltningen' ELSE 'Udvalget' END, k, now()
FROM municipalities m, unnest(ARRAY['department', 'committee']) k
ON CONFLICT DO NOTHING;

INSERT INTO decisions (id, municipality_code, title, description, unit_id, committee_id,
                       meeting_on, status, outcome, minutes_url, decided_at, created_at, updated_at)
SELECT md5('decision' || m.code || '-' || k)::uuid, m.code, 'Beslutning ' || k,
       'Udvalget skal tage stilling til sag ' || k || '.',
       md5('unit' || m.code || '-department')::uuid, md5('unit' || m.code || '-committee')::uuid,
       CASE WHEN k < 20 THEN current_date + 10 + k ELSE current_date - k END,
       (CASE WHEN k < 20 THEN 'upcoming' ELSE 'decided' END)::decision_status,
       CASE WHEN k < 20 THEN '' ELSE 'Vedtaget.' END,
       CASE WHEN k < 20 THEN '' ELSE 'https://kommune.example/referat/' || k END,
       CASE WHEN k < 20 THEN NULL ELSE now() - (k || ' days')::interval END,
       now(), now()
FROM municipalities m, generate_series(0, 39) k;

-- The links' own triggers would recount a decision's salons once per link and refresh the
-- salon's page (a no-op while pages are 'later'): off for the two inserts below, and each
-- linked decision recounted once after them, from its definition.
ALTER TABLE salon_decisions DISABLE TRIGGER salon_decisions_recount;
ALTER TABLE salon_decisions DISABLE TRIGGER salon_decisions_keep_salon_pages;
-- Background: every fourth public salon is about one of decisions 1–19 of its municipality.
INSERT INTO salon_decisions (salon_id, decision_id, linked_at, announced_at)
SELECT s.id, md5('decision' || s.municipality_code || '-' || (1 + abs(hashtext(s.id::text)) % 19))::uuid,
       now(), now()
FROM salons s
WHERE s.visibility = 'public' AND abs(hashtext(s.id::text)) % 4 = 0;

-- The measured page: 20 public salons with summaries about Aarhus's decision 0.
WITH twenty AS (
    SELECT id FROM salons WHERE visibility = 'public' ORDER BY id LIMIT 20
), summarised AS (
    UPDATE salons s SET summary = 'Vi talte om sagen.', summary_html = '<p>Vi talte om <strong>sagen</strong>.</p>',
                        summary_published_at = now()
    FROM twenty t WHERE s.id = t.id RETURNING s.id
)
INSERT INTO salon_decisions (salon_id, decision_id, linked_at, announced_at, summary_sent_at)
SELECT id, md5('decision0751-0')::uuid, now(), now(), now() FROM summarised
ON CONFLICT DO NOTHING;
ALTER TABLE salon_decisions ENABLE TRIGGER salon_decisions_recount;
ALTER TABLE salon_decisions ENABLE TRIGGER salon_decisions_keep_salon_pages;
SELECT count(*)
FROM (SELECT recount_decision_salons(l.decision_id)
      FROM (SELECT DISTINCT decision_id FROM salon_decisions) l) recounted;
-- Salons whose page is kept already are rewritten (after bench/seed.sql none are: invitations.sql
-- writes them all).
UPDATE salon_pages SET public = salon_page_public(salon_id)
WHERE salon_id IN (SELECT salon_id FROM salon_decisions);
COMMIT;
ANALYZE decisions;
ANALYZE salon_decisions;
