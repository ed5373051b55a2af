-- The signed-in pages of the benchmark, on a database seeded by bench/seed.sql, decisions.sql
-- and invitations.sql: an official of Aarhus answering for a unit with 100 open invitations and
-- 200 notices (half unread); a host with 12 salons (upcoming and held) who is registered for 20
-- more and waitlisted for 3, for Mine saloner; and sessions for the official, the host and a
-- person registered on the salon the benchmark opens. The session tokens are fixed (the cookie is their text; the table
-- holds their SHA-256, as the app stores them), so bench/run can send them with wrk.
--   psql "$URL" -v salon=<uuid> -f bench/people.sql
\set ON_ERROR_STOP on
BEGIN;
SET LOCAL synchronous_commit = off;

INSERT INTO users (id, email, name, created_at, email_verified_at)
VALUES (md5('bench-official')::uuid, 'official@bench.example', 'Olga Officiel', now(), now());
INSERT INTO units (id, municipality_code, kind, name, slug, created_at)
VALUES (md5('bench-unit')::uuid, '0751', 'department', 'Borgerservice', 'borgerservice', now());
INSERT INTO roles (id, user_id, municipality_code, kind, title, status, created_at)
VALUES (md5('bench-role')::uuid, md5('bench-official')::uuid, '0751', 'official', 'Konsulent', 'approved', now());
INSERT INTO role_units (role_id, unit_id, answers_for)
VALUES (md5('bench-role')::uuid, md5('bench-unit')::uuid, true);

-- 100 open invitations to the unit, from the first 100 upcoming public salons.
INSERT INTO invitations (id, salon_id, target, target_key, municipality_code, holder_unit_id,
                         via_mailbox, message, status, sent_by, sent_at)
SELECT md5('bench-inv' || s.id)::uuid, s.id, 'unit', 'unit:' || md5('bench-unit')::uuid, '0751',
       md5('bench-unit')::uuid, false, 'Kom og vær med.', 'open', s.created_by, now() - interval '2 days'
FROM (SELECT id, created_by FROM salons
      WHERE visibility = 'public' AND status = 'published' AND last_starts_at >= now()
      ORDER BY id LIMIT 100) s;

INSERT INTO notifications (user_id, kind, subject, link, created_at, read_at)
SELECT md5('bench-official')::uuid, 'invitation', 'Ny invitation til Borgerservice ' || n, '/inbox',
       now() - n * interval '1 hour', CASE WHEN n % 2 = 0 THEN now() END
FROM generate_series(1, 200) n;

-- The host of Mine saloner: co-host of 12 salons, registered for 20 upcoming ones and first on
-- the waitlist of 3 more.
INSERT INTO users (id, email, name, created_at, email_verified_at)
VALUES (md5('bench-host')::uuid, 'host@bench.example', 'Hanne Vært', now(), now());
INSERT INTO salon_hosts (salon_id, user_id, is_creator, added_at)
SELECT id, md5('bench-host')::uuid, false, now() FROM salons ORDER BY id LIMIT 12;
CREATE TEMP TABLE bench_attends AS
SELECT id AS salon_id, row_number() OVER (ORDER BY id DESC) AS n
FROM salons
WHERE visibility = 'public' AND status = 'published' AND last_starts_at >= now()
ORDER BY id DESC LIMIT 23;
INSERT INTO registrations (id, salon_id, user_id, status, waitlist_position, created_at, updated_at)
SELECT md5('bench-host-reg' || a.salon_id)::uuid, a.salon_id, md5('bench-host')::uuid,
       (CASE WHEN a.n <= 20 THEN 'registered' ELSE 'waitlisted' END)::registration_status,
       CASE WHEN a.n > 20 THEN 1 END, now(), now()
FROM bench_attends a;
-- Seats are per session: a seat in each session of the first 20, first in line in each
-- session of the other 3; each session counts its own seats.
INSERT INTO registration_sessions (registration_id, session_id, kind, place, waitlist_position)
SELECT md5('bench-host-reg' || a.salon_id)::uuid, s.id, 'citizen',
       (CASE WHEN a.n <= 20 THEN 'seat' ELSE 'waitlist' END)::session_place,
       CASE WHEN a.n > 20 THEN 1 END
FROM bench_attends a JOIN salon_sessions s ON s.salon_id = a.salon_id;
UPDATE salons SET citizens_registered = citizens_registered + 1
WHERE id IN (SELECT salon_id FROM bench_attends WHERE n <= 20);
UPDATE salon_sessions SET citizens_registered = citizens_registered + 1
WHERE salon_id IN (SELECT salon_id FROM bench_attends WHERE n <= 20);

INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at)
VALUES (sha256(convert_to(repeat('a', 64), 'UTF8')), md5('bench-official')::uuid, now(), now()),
       (sha256(convert_to(repeat('b', 64), 'UTF8')),
        (SELECT user_id FROM registrations WHERE salon_id = :'salon'::uuid AND status = 'registered'
         ORDER BY id LIMIT 1), now(), now()),
       (sha256(convert_to(repeat('c', 64), 'UTF8')), md5('bench-host')::uuid, now(), now());
COMMIT;
ANALYZE;
