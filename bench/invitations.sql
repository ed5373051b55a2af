-- The response record, the inbox and the header's count at scale: on a database seeded by
-- bench/seed.sql, adds one invitation per salon (100,000 at 100,000 salons) to a unit of the
-- salon's municipality — ten departments per municipality, two officials answering for each —
-- in every state, a fifth passed on, and prints EXPLAIN ANALYZE of each query: the record as
-- it was counted over every invitation, and as src/invitations/record.rs reads it now, from
-- the lines the database keeps (migration 0055).
--   psql "$URL" -f bench/invitations.sql        (see README, "Inviting the municipality")
\set ON_ERROR_STOP on
BEGIN;
SET LOCAL synchronous_commit = off;
-- The salon pages' kept public part of every salon is written once at the end (the seed's
-- salons, decisions and invitations), not row by row.
SET LOCAL medspil.salon_pages = 'later';
-- The kept values below are written for all rows of invitations and role_units at once, so the
-- script expects them empty (it follows bench/seed.sql and decisions.sql, which write neither).
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM invitations) OR EXISTS (SELECT 1 FROM role_units) THEN
        RAISE 'bench/invitations.sql expects a database with no invitations and no role_units';
    END IF;
END
$$;
INSERT INTO units (id, municipality_code, kind, name, slug, created_at)
SELECT md5('unit' || m.code || '-' || k)::uuid, m.code, 'department', 'Afdeling ' || k, 'afdeling-' || k, now()
FROM municipalities m, generate_series(0, 9) k
ON CONFLICT DO NOTHING;
INSERT INTO roles (id, user_id, municipality_code, kind, title, status, created_at)
SELECT md5('role' || m.code || '-' || k || '-' || j)::uuid,
       md5('user' || (1 + (abs(hashtext(m.code)) + k * 2 + j) % 20000))::uuid,
       m.code, 'official', 'Konsulent', 'approved', now()
FROM municipalities m, generate_series(0, 9) k, generate_series(0, 1) j
ON CONFLICT DO NOTHING;
-- Who answers (municipality_answerer_counts, unit_answerer_counts) is recounted by
-- role_units' statement trigger for every municipality; run here, against statistics taken
-- while role_units was empty, it took ~100 ms a municipality (10 s, more than this size's
-- invitations). Off for the insert: the same municipalities are recounted after the ANALYZE
-- below, with the same function.
ALTER TABLE role_units DISABLE TRIGGER role_units_keep_answerers_insert;
INSERT INTO role_units (role_id, unit_id, answers_for)
SELECT r.id, md5('unit' || r.municipality_code || '-' || k)::uuid, true
FROM roles r, generate_series(0, 9) k
WHERE r.title = 'Konsulent' AND r.id = md5('role' || r.municipality_code || '-' || k || '-0')::uuid
   OR r.title = 'Konsulent' AND r.id = md5('role' || r.municipality_code || '-' || k || '-1')::uuid
ON CONFLICT DO NOTHING;
ALTER TABLE role_units ENABLE TRIGGER role_units_keep_answerers_insert;

-- i % 10: 0–3 accepted, 4 declined, 5 proposed, 6 a question then open, 7 open, 8 withdrawn,
-- 9 open in the municipality's mailbox. Sent 30 days before the salon, or — for a salon further
-- ahead — on one of the 330 days before the last week: never after the seed's now, as the app
-- stamps a sending with its clock. (Sent 30 days before every salon, 83 % of the invitations
-- were sent in the future and their replies too, and the record's reads fetched eleven kept
-- months after now that no municipality can have: bench/README.md, "The late night's four
-- parts together, three runs; the seed's invitations sent no later than now".) Replies come
-- 1–7 days after sending.
-- The invitations' row triggers would refresh each one's record line (a statement on
-- record_lines, and its months noted for the commit, per invitation: ~1.6 ms each) and its
-- salon's page (a no-op while pages are 'later'), and the statement's trigger counts the open
-- invitations of everyone answering for them (the header's count) against statistics taken
-- while invitations was empty. Off for the load: the lines are written in one statement right
-- after it, by the same function (the months at the commit, as before), the header's counts
-- after the ANALYZE below, by the trigger's own statement. The row triggers that write the
-- invitation's own kept columns (its salon, its due day) stay on.
ALTER TABLE invitations DISABLE TRIGGER invitations_keep_record_lines;
ALTER TABLE invitations DISABLE TRIGGER invitations_keep_salon_pages;
ALTER TABLE invitations DISABLE TRIGGER invitations_keep_inbox_counts_inserted;
INSERT INTO invitations (id, salon_id, target, target_key, municipality_code, holder_unit_id, email,
                         via_mailbox, message, status, sent_by, sent_at, first_reply_at,
                         first_reply_kind, first_reply_unit_id, answered_at, withdrawn_at)
SELECT md5('inv' || x.i)::uuid, s.id, 'unit', 'unit:' || x.unit, s.municipality_code, x.unit,
       CASE WHEN x.i % 10 = 9 THEN 'postkasse@kommune.example' END, x.i % 10 = 9,
       'Kom og vær med.',
       (CASE x.i % 10 WHEN 0 THEN 'accepted' WHEN 1 THEN 'accepted' WHEN 2 THEN 'accepted'
            WHEN 3 THEN 'accepted' WHEN 4 THEN 'declined' WHEN 5 THEN 'proposed'
            WHEN 8 THEN 'withdrawn' ELSE 'open' END)::invitation_status,
       s.created_by, x.sent,
       CASE WHEN x.i % 10 <= 6 THEN x.sent + (1 + x.i % 7) * interval '1 day' END,
       CASE WHEN x.i % 10 <= 3 THEN 'accepted' WHEN x.i % 10 = 4 THEN 'declined'
            WHEN x.i % 10 = 5 THEN 'proposed' WHEN x.i % 10 = 6 THEN 'question' END,
       CASE WHEN x.i % 10 <= 6 THEN x.unit END,
       CASE WHEN x.i % 10 <= 4 THEN x.sent + interval '1 day' END,
       CASE WHEN x.i % 10 = 8 THEN x.sent + interval '1 day' END
FROM (SELECT i, md5('salon' || i)::uuid AS salon FROM generate_series(1, (SELECT count(*) FROM salons)) i) x0
JOIN salons s ON s.id = x0.salon
CROSS JOIN LATERAL (SELECT x0.i AS i, md5('unit' || s.municipality_code || '-' || (x0.i % 10))::uuid AS unit,
                           least(s.first_starts_at - interval '30 days',
                                 now() - interval '8 days' - (x0.i % 330) * interval '1 day') AS sent) x
ON CONFLICT DO NOTHING;
ALTER TABLE invitations ENABLE TRIGGER invitations_keep_record_lines;
ALTER TABLE invitations ENABLE TRIGGER invitations_keep_salon_pages;
ALTER TABLE invitations ENABLE TRIGGER invitations_keep_inbox_counts_inserted;
SELECT record_lines_refresh(array(SELECT id FROM invitations ORDER BY id));
INSERT INTO invitation_events (id, invitation_id, kind, actor_name, unit_id, to_unit_id, at)
SELECT md5('ev' || i.id)::uuid, i.id, 'passed_on', 'Konsulent',
       md5('unit' || i.municipality_code || '-' || ((get_byte(decode(md5(i.id::text), 'hex'), 0) + 1) % 10))::uuid,
       i.holder_unit_id, i.sent_at + interval '12 hours'
FROM invitations i WHERE get_byte(decode(md5(i.id::text), 'hex'), 1) % 5 = 0
ON CONFLICT DO NOTHING;
-- Statistics first: the tables were analysed nearly empty, and with those figures the one
-- statement below that writes every salon's kept page was planned for a handful of rows: at
-- 100,000 salons it took 7–16 minutes here, the same rewrite on the analysed database 2.
ANALYZE;
-- Who answers, for the municipalities of the roles and units given answerers above (what
-- role_units_keep_answerers recounts; there were no role_units before this script).
SELECT recount_answerers_in(array(
    SELECT un.municipality_code FROM role_units c JOIN units un ON un.id = c.unit_id
    UNION SELECT r.municipality_code FROM role_units c JOIN roles r ON r.id = c.role_id));
-- The header's counts of everyone answering for an open invitation (what
-- invitations_keep_inbox_counts_inserted counts from the inserted rows: all invitations so far).
SELECT inbox_counts_lock_shared();
SELECT keep_inbox_counts(array(
    SELECT p
    FROM (SELECT DISTINCT holder_user_id, holder_unit_id, municipality_code, target
          FROM invitations WHERE status = 'open' AND NOT awaits_publish) x,
         LATERAL inbox_answerers_of(x.holder_user_id, x.holder_unit_id,
                                    x.municipality_code, x.target) p));
SELECT salon_pages_rewrite(NULL);
COMMIT;
VACUUM ANALYZE;

SELECT count(*) AS invitations FROM invitations;
-- The busiest municipality and one of its units.
SELECT municipality_code AS code, count(*) FROM invitations GROUP BY 1 ORDER BY 2 DESC LIMIT 1 \gset
-- The unit holding most of its open invitations, and an official answering for it.
SELECT holder_unit_id AS unit FROM invitations WHERE municipality_code = :'code' AND status = 'open'
GROUP BY 1 ORDER BY count(*) DESC LIMIT 1 \gset
SELECT r.user_id AS official FROM role_units ru JOIN roles r ON r.id = ru.role_id
WHERE ru.unit_id = :'unit' AND ru.answers_for LIMIT 1 \gset

\echo '== the response record of a municipality'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
WITH counted AS (
    SELECT i.status::text AS status, i.first_reply_kind, i.sent_at, i.via_mailbox,
           s.first_starts_at,
           CASE WHEN i.first_reply_at IS NOT NULL
                     AND (s.first_starts_at IS NULL OR i.first_reply_at <= s.first_starts_at)
                THEN extract(epoch FROM i.first_reply_at - i.sent_at)::float8
                WHEN s.first_starts_at <= now() THEN 'Infinity'::float8
           END AS secs
    FROM invitations i JOIN salons s ON s.id = i.salon_id
    WHERE i.municipality_code = :'code' AND i.target <> 'email'
      AND i.sent_at > now() - interval '12 months'
      AND i.status <> 'withdrawn'
      AND NOT (s.status = 'cancelled' AND (i.first_reply_at IS NULL OR i.first_reply_at > s.cancelled_at))
      AND (NULL::uuid IS NULL OR NULL::uuid = CASE WHEN i.first_reply_at IS NOT NULL
                                                   THEN i.first_reply_unit_id ELSE i.holder_unit_id END))
SELECT count(*), count(*) FILTER (WHERE secs < 'Infinity'),
       percentile_disc(0.5) WITHIN GROUP (ORDER BY secs) FILTER (WHERE secs IS NOT NULL),
       percentile_disc(0.9) WITHIN GROUP (ORDER BY secs) FILTER (WHERE secs IS NOT NULL)
FROM counted;

\echo '== the response record of a municipality, from the kept lines'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
WITH counted AS (
    SELECT coalesce(reply_secs, CASE WHEN starts_at <= now() THEN 'Infinity'::float8 END) AS secs
    FROM record_lines
    WHERE municipality_code = :'code' AND sent_at > now() - interval '12 months')
SELECT count(*), count(*) FILTER (WHERE secs < 'Infinity'),
       percentile_disc(0.5) WITHIN GROUP (ORDER BY secs) FILTER (WHERE secs IS NOT NULL),
       percentile_disc(0.9) WITHIN GROUP (ORDER BY secs) FILTER (WHERE secs IS NOT NULL)
FROM counted;

\echo '== the response record of a unit, and what it passed on'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
WITH counted AS (
    SELECT i.status::text AS status, i.sent_at,
           CASE WHEN i.first_reply_at IS NOT NULL AND i.first_reply_at <= s.first_starts_at
                THEN extract(epoch FROM i.first_reply_at - i.sent_at)::float8
                WHEN s.first_starts_at <= now() THEN 'Infinity'::float8 END AS secs
    FROM invitations i JOIN salons s ON s.id = i.salon_id
    WHERE i.municipality_code = :'code' AND i.target <> 'email'
      AND i.sent_at > now() - interval '12 months' AND i.status <> 'withdrawn'
      AND :'unit'::uuid = CASE WHEN i.first_reply_at IS NOT NULL
                               THEN i.first_reply_unit_id ELSE i.holder_unit_id END)
SELECT count(*), percentile_disc(0.5) WITHIN GROUP (ORDER BY secs) FILTER (WHERE secs IS NOT NULL)
FROM counted;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT count(DISTINCT e.invitation_id) FROM invitation_events e
JOIN invitations i ON i.id = e.invitation_id
WHERE e.kind = 'passed_on' AND e.unit_id = :'unit' AND i.status <> 'withdrawn'
  AND i.sent_at > now() - interval '12 months';

\echo '== the header count of open invitations for an official'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT count(DISTINCT a.invitation_id) FROM invitation_answerers a
JOIN invitations i ON i.id = a.invitation_id
WHERE a.user_id = :'official' AND i.status = 'open';
