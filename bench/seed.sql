-- Seeds a migrated Medspil database for the benchmark: :salons salons (public, unlisted,
-- invite-only; upcoming and held), each with one or two sessions, one host and ten people
-- registered (so 100,000 salons have 1,000,000 registrations), counters kept consistent.
-- Run with: psql -v salons=100000 -f bench/seed.sql
\set ON_ERROR_STOP on
BEGIN;
SET LOCAL synchronous_commit = off;
-- The indexes dropped below are built again at the end, each in one sort.
SET LOCAL maintenance_work_mem = '256MB';
-- The salon pages' kept public part is written once for all salons by bench/invitations.sql
-- (the page computes it on read until then), not row by row.
SET LOCAL medspil.salon_pages = 'later';
-- The salons' update triggers are off for the update of their kept columns below, which is
-- right only while no invitation or decision link points at a salon (a migrated database).
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM invitations) OR EXISTS (SELECT 1 FROM salon_decisions) THEN
        RAISE 'bench/seed.sql expects a database with no invitations and no decision links';
    END IF;
END
$$;

-- The secondary indexes of the three tables loaded in bulk (salons, their registrations and
-- seats) are dropped here and built again from their own definitions at the end: each built
-- once from the loaded rows instead of entry by entry, on the inserts and again on the update
-- of the salons' kept columns (the salons' insert at 100,000: 43 s with them, 15 without).
-- Primary keys and constraints stay.
CREATE TEMP TABLE seed_indexes AS
SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
FROM pg_index i
WHERE i.indrelid IN ('salons'::regclass, 'registrations'::regclass,
                     'registration_sessions'::regclass)
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid);
DO $$
DECLARE
    n text;
BEGIN
    FOR n IN SELECT name FROM seed_indexes LOOP
        EXECUTE 'DROP INDEX ' || n;
    END LOOP;
END
$$;

-- People: enough that every salon's ten registrations are different people.
INSERT INTO users (id, email, name, created_at, email_verified_at)
SELECT md5('user' || u)::uuid, 'person' || u || '@bench.example', 'Person ' || u, now(), now()
FROM generate_series(1, 20000) u;

CREATE TEMP TABLE words (n int, word text);
INSERT INTO words
SELECT row_number() OVER () - 1, w FROM unnest(ARRAY[
  'Liv i bymidten', 'Skolens fremtid', 'Trafik på hovedgaden', 'Natur og lokalsamfund',
  'Klima i kommunen', 'Unge og fællesskab', 'Ældre i byen', 'Havnen og vandet',
  'Cykelstier', 'Kultur og foreninger', 'Biblioteket', 'Boliger til alle'
]) w;
CREATE TEMP TABLE towns (n int, town text);
INSERT INTO towns
SELECT row_number() OVER () - 1, t FROM unnest(ARRAY[
  'Ry', 'Skanderborg', 'Galten', 'Hørning', 'Assens', 'Glamsbjerg', 'Vissenbjerg', 'Odder',
  'Silkeborg', 'Horsens', 'Vejle', 'Kolding', 'Ribe', 'Esbjerg', 'Holstebro', 'Viborg',
  'Randers', 'Hobro', 'Aalborg', 'Hjørring', 'Frederikshavn', 'Svendborg', 'Nyborg', 'Roskilde'
]) t;
CREATE TEMP TABLE codes AS
SELECT row_number() OVER (ORDER BY code) - 1 AS n, code FROM municipalities;

-- Salons i = 1..N: every 20th is unlisted or invite-only, every 10th is in the past (held);
-- "fjordstien" is in the title of exactly 20 public upcoming salons at any size.
INSERT INTO salons (id, slug, title, question, description, description_html, municipality_code,
                    town, format, place_name, address, online_link, capacity, citizens_registered,
                    visibility, topics, status, created_by, created_at, updated_at, published_at)
SELECT md5('salon' || i)::uuid,
       'salon-' || i,
       CASE WHEN i % (:salons / 20) = 7 THEN 'Fjordstien ' || i ELSE w.word || ' ' || i END,
       'Hvordan gør vi ' || lower(w.word) || ' bedre i ' || t.town || '?',
       'Vi mødes over **kaffe** og taler om ' || lower(w.word) || '. Alle er velkomne.',
       '<p>Vi mødes over <strong>kaffe</strong> og taler om ' || lower(w.word) || '. Alle er velkomne.</p>',
       c.code,
       t.town,
       (ARRAY['in_person', 'in_person', 'online', 'hybrid'])[1 + i % 4]::salon_format,
       'Medborgerhuset',
       'Torvet ' || (i % 90 + 1) || ', ' || t.town,
       CASE WHEN i % 4 >= 2 THEN 'https://meet.example.dk/' || i ELSE '' END,
       CASE WHEN i % 5 = 0 THEN NULL ELSE 10 + i % 3 * 5 END,
       10,
       (CASE WHEN i % 40 = 1 THEN 'unlisted' WHEN i % 40 = 21 THEN 'invite_only' ELSE 'public' END)::salon_visibility,
       ARRAY[lower(split_part(w.word, ' ', 1)), 'lokalt'],
       (CASE WHEN i % 10 = 3 THEN 'held' ELSE 'published' END)::salon_status,
       md5('user' || (1 + i % 20000))::uuid,
       now(), now(), now()
FROM generate_series(1, :salons) i
JOIN words w ON w.n = i % 12
JOIN towns t ON t.n = i % 24
JOIN codes c ON c.n = i % 98;

-- The hosts' own triggers would write each salon's newest host (locking and rewriting every
-- salon row) and refresh its page (a no-op while pages are 'later'): the newest host is written
-- from its definition in the one update of the salons below, with the span and the seats.
ALTER TABLE salon_hosts DISABLE TRIGGER salon_hosts_keep_newest_host_insert;
ALTER TABLE salon_hosts DISABLE TRIGGER salon_hosts_keep_salon_pages;
INSERT INTO salon_hosts (salon_id, user_id, is_creator, added_at)
SELECT id, created_by, true, now() FROM salons;
ALTER TABLE salon_hosts ENABLE TRIGGER salon_hosts_keep_newest_host_insert;
ALTER TABLE salon_hosts ENABLE TRIGGER salon_hosts_keep_salon_pages;

-- Upcoming salons spread over the next year; held ones over the past year. Every 7th has a
-- second session a week later. The span columns and the cards' seat columns are written in
-- one go below, not by the sessions' triggers row by row.
ALTER TABLE salon_sessions DISABLE TRIGGER salon_sessions_keep_span;
ALTER TABLE salon_sessions DISABLE TRIGGER salon_sessions_keep_card_seats;
INSERT INTO salon_sessions (id, salon_id, starts_at, ends_at)
SELECT md5('session' || i)::uuid, md5('salon' || i)::uuid, at, at + interval '2 hours'
FROM (SELECT i, date_trunc('hour', now())
                + CASE WHEN i % 10 = 3 THEN -1 ELSE 1 END
                  * (interval '1 day' + (i % 365) * interval '1 day' + (i % 9) * interval '1 hour') AS at
      FROM generate_series(1, :salons) i) s;
INSERT INTO salon_sessions (id, salon_id, starts_at, ends_at)
SELECT md5('session2-' || s.salon_id)::uuid, s.salon_id, s.starts_at + interval '7 days',
       s.ends_at + interval '7 days'
FROM salon_sessions s JOIN salons sa ON sa.id = s.salon_id
WHERE sa.status = 'published' AND get_byte(decode(md5(sa.slug), 'hex'), 0) % 7 = 0;

-- Ten people registered on each salon (citizens_registered = 10 above), for every session.
-- Their triggers only refresh salon pages (a no-op while pages are 'later'; all are written
-- at the end of bench/invitations.sql), at ~30 µs a row: off for the load.
ALTER TABLE registrations DISABLE TRIGGER registrations_keep_salon_pages;
ALTER TABLE registration_sessions DISABLE TRIGGER registration_sessions_keep_salon_pages;
INSERT INTO registrations (id, salon_id, user_id, status, created_at, updated_at)
SELECT md5('reg' || i || '-' || k)::uuid, md5('salon' || i)::uuid,
       md5('user' || (1 + (i * 10 + k) % 20000))::uuid, 'registered', now(), now()
FROM generate_series(1, :salons) i, generate_series(0, 9) k;
-- Seats are per session (a seat in each), and each session counts its own.
INSERT INTO registration_sessions (registration_id, session_id, kind, place)
SELECT r.id, s.id, 'citizen', 'seat'
FROM registrations r JOIN salon_sessions s ON s.salon_id = r.salon_id;
ALTER TABLE registrations ENABLE TRIGGER registrations_keep_salon_pages;
ALTER TABLE registration_sessions ENABLE TRIGGER registration_sessions_keep_salon_pages;
UPDATE salon_sessions SET citizens_registered = 10;
ALTER TABLE salon_sessions ENABLE TRIGGER salon_sessions_keep_span;
ALTER TABLE salon_sessions ENABLE TRIGGER salon_sessions_keep_card_seats;
-- Each salon's kept columns written once, from their definitions: the span and the cards' seat
-- columns (what salon_sessions_keep_span and _keep_card_seats write), the newest host (what
-- keep_salon_newest_host writes). One rewrite of every salon instead of three. The salons'
-- update triggers are off for it: they copy the start to the salon's invitations, record lines
-- and decision counts, and there are none yet (bench/decisions.sql and invitations.sql come
-- after), so each was a few statements finding nothing, ~1 ms a salon.
ALTER TABLE salons DISABLE TRIGGER salons_keep_invitations_due;
ALTER TABLE salons DISABLE TRIGGER salons_keep_invitations_listed;
ALTER TABLE salons DISABLE TRIGGER salons_keep_invitations_salon;
ALTER TABLE salons DISABLE TRIGGER salons_keep_record_lines;
ALTER TABLE salons DISABLE TRIGGER salons_recount_decisions;
-- Statistics first: never analysed, salon_hosts looked to the newest host's definition (one
-- salon's hosts joined to their accounts) like ~0.5 % of its rows per salon, and each salon's
-- call hashed all the accounts: at 100,000 salons this update ran for minutes (1.4 s at 10,000);
-- so did the hosts' own trigger before.
ANALYZE salon_hosts, users;
UPDATE salons s
SET first_starts_at = k.first, last_starts_at = k.last, seats_taken_least = k.least_taken,
    sessions_first_end = k.first_end, sessions_last_end = k.last_end,
    newest_host_since = salon_newest_host_counted(s.id)
FROM (SELECT salon_id, min(starts_at) AS first, max(starts_at) AS last,
             min(citizens_registered) AS least_taken, min(ends_at) AS first_end,
             max(ends_at) AS last_end
      FROM salon_sessions GROUP BY salon_id) k
WHERE s.id = k.salon_id;
ALTER TABLE salons ENABLE TRIGGER salons_keep_invitations_due;
ALTER TABLE salons ENABLE TRIGGER salons_keep_invitations_listed;
ALTER TABLE salons ENABLE TRIGGER salons_keep_invitations_salon;
ALTER TABLE salons ENABLE TRIGGER salons_keep_record_lines;
ALTER TABLE salons ENABLE TRIGGER salons_recount_decisions;
DO $$
DECLARE
    d text;
BEGIN
    FOR d IN SELECT def FROM seed_indexes ORDER BY name LOOP
        EXECUTE d;
    END LOOP;
END
$$;

COMMIT;
VACUUM ANALYZE;
