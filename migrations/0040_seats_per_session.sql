-- Seats per session. A salon in several sessions ("tre tirsdage") took one registration for all
-- of them, with one capacity, one waitlist and one counter. People come to the evenings they
-- can, so the session is now the unit of attendance: capacity and the municipality's reserved
-- seats apply to each session, each session has its own waitlists (citizens and municipal
-- guests apart, positions 1..n without gaps), and a person holds a seat or a place in line per
-- session they chose.
--
-- The registration (person × salon) keeps what is about the person: how they come, needs,
-- "vis mit navn". Its status becomes a summary kept by the same code that changes the sessions'
-- rows: 'registered' with a seat in at least one session, 'waitlisted' when only in line, and
-- its waitlist_position the front-most place among the sessions it waits for. Nothing is
-- dropped: the previous version of the app may still run beside this one for a while.

CREATE TYPE session_place AS ENUM ('seat', 'waitlist');

-- registration_sessions already said which sessions a registration is for; it now also says
-- what the person has there. `kind` is the registration's, copied so that positions can be
-- unique per session and list.
ALTER TABLE registration_sessions
    ADD COLUMN kind registration_kind NOT NULL DEFAULT 'citizen',
    ADD COLUMN place session_place NOT NULL DEFAULT 'seat',
    ADD COLUMN waitlist_position integer CHECK (waitlist_position IS NULL OR waitlist_position > 0);

-- Maintained counters per session, written under the salon's row lock like the salon's own.
ALTER TABLE salon_sessions
    ADD COLUMN citizens_registered integer NOT NULL DEFAULT 0 CHECK (citizens_registered >= 0),
    ADD COLUMN municipal_registered integer NOT NULL DEFAULT 0 CHECK (municipal_registered >= 0);

-- Rows of registrations that are no longer live meant nothing after they ended.
DELETE FROM registration_sessions rs
USING registrations r
WHERE r.id = rs.registration_id AND r.status NOT IN ('registered', 'waitlisted');

-- A live registration is for every session of its salon, unless the municipality's answer
-- already named some (then those are kept).
INSERT INTO registration_sessions (registration_id, session_id)
SELECT r.id, ss.id
FROM registrations r JOIN salon_sessions ss ON ss.salon_id = r.salon_id
WHERE r.status IN ('registered', 'waitlisted')
  AND NOT EXISTS (SELECT 1 FROM registration_sessions x WHERE x.registration_id = r.id);

-- A seat stays a seat in each session; a place in line stays in the same order, numbered
-- again per session so a session's list has no gaps.
UPDATE registration_sessions rs
SET kind = v.kind,
    place = CASE WHEN v.status = 'registered' THEN 'seat' ELSE 'waitlist' END::session_place,
    waitlist_position = v.position
FROM (
    SELECT rs.registration_id, rs.session_id, r.kind, r.status,
           CASE WHEN r.status = 'waitlisted' THEN
               row_number() OVER (PARTITION BY rs.session_id, r.kind, r.status
                                  ORDER BY r.waitlist_position, r.created_at)
           END AS position
    FROM registration_sessions rs JOIN registrations r ON r.id = rs.registration_id
) v
WHERE rs.registration_id = v.registration_id AND rs.session_id = v.session_id;

ALTER TABLE registration_sessions
    ALTER COLUMN kind DROP DEFAULT,
    ALTER COLUMN place DROP DEFAULT,
    ADD CONSTRAINT registration_sessions_waitlist_position
        CHECK ((place = 'waitlist') = (waitlist_position IS NOT NULL));
CREATE UNIQUE INDEX registration_sessions_waitlist_unique
    ON registration_sessions (session_id, kind, waitlist_position) WHERE place = 'waitlist';

UPDATE salon_sessions ss
SET citizens_registered = c.citizens, municipal_registered = c.municipal
FROM (
    SELECT session_id,
           count(*) FILTER (WHERE place = 'seat' AND kind = 'citizen') AS citizens,
           count(*) FILTER (WHERE place = 'seat' AND kind = 'municipal') AS municipal
    FROM registration_sessions GROUP BY session_id
) c
WHERE c.session_id = ss.id;

-- The salon's waitlist positions are now a summary of the sessions', no longer unique per salon.
DROP INDEX registrations_waitlist_unique;

