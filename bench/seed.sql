-- Seeds a migrated Medspil database for the benchmark: :salons salons (public, unlisted,
-- invite-only; upcoming and held), each with one or two sessions, one host and ten people
-- registered (so 100,000 salons have 1,000,000 registrations), counters kept consistent.
-- Run with: psql -v salons=100000 -f bench/seed.sql
\set ON_ERROR_STOP on
BEGIN;
SET LOCAL synchronous_commit = off;
-- The salon pages' kept public part is written once for all salons by bench/invitations.sql
-- (the page computes it on read until then), not row by row.
SET LOCAL medspil.salon_pages = 'later';

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

INSERT INTO salon_hosts (salon_id, user_id, is_creator, added_at)
SELECT id, created_by, true, now() FROM salons;

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
ALTER TABLE salon_sessions ENABLE TRIGGER salon_sessions_keep_span;
UPDATE salons s SET first_starts_at = span.first, last_starts_at = span.last
FROM (SELECT salon_id, min(starts_at) AS first, max(starts_at) AS last
      FROM salon_sessions GROUP BY salon_id) span
WHERE s.id = span.salon_id;

-- Ten people registered on each salon (citizens_registered = 10 above), for every session.
INSERT INTO registrations (id, salon_id, user_id, status, created_at, updated_at)
SELECT md5('reg' || i || '-' || k)::uuid, md5('salon' || i)::uuid,
       md5('user' || (1 + (i * 10 + k) % 20000))::uuid, 'registered', now(), now()
FROM generate_series(1, :salons) i, generate_series(0, 9) k;
-- Seats are per session (a seat in each), and each session counts its own.
INSERT INTO registration_sessions (registration_id, session_id, kind, place)
SELECT r.id, s.id, 'citizen', 'seat'
FROM registrations r JOIN salon_sessions s ON s.salon_id = r.salon_id;
UPDATE salon_sessions SET citizens_registered = 10;
ALTER TABLE salon_sessions ENABLE TRIGGER salon_sessions_keep_card_seats;
UPDATE salons s
SET seats_taken_least = k.least_taken, sessions_first_end = k.first_end,
    sessions_last_end = k.last_end
FROM (SELECT salon_id, min(citizens_registered) AS least_taken, min(ends_at) AS first_end,
             max(ends_at) AS last_end
      FROM salon_sessions GROUP BY salon_id) k
WHERE s.id = k.salon_id;

COMMIT;
VACUUM ANALYZE;
