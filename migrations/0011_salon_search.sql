-- Finding salons: a Danish full-text index over what a salon is about, and the first and last
-- session start kept on the salon itself, so the directory orders and pages by an indexed
-- column (keyset, no OFFSET) and tells upcoming from past without joining the sessions.

ALTER TABLE salons ADD COLUMN search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('danish', title), 'A') ||
    setweight(to_tsvector('danish', question), 'B') ||
    setweight(to_tsvector('danish', town), 'C') ||
    setweight(to_tsvector('danish', description), 'D')
) STORED;
CREATE INDEX salons_search ON salons USING gin (search);

-- NULL until the salon has a session. Kept by the trigger below wherever sessions change.
ALTER TABLE salons ADD COLUMN first_starts_at timestamptz;
ALTER TABLE salons ADD COLUMN last_starts_at timestamptz;

CREATE FUNCTION salons_keep_session_span() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    affected uuid;
BEGIN
    IF TG_OP = 'DELETE' THEN
        affected := OLD.salon_id;
    ELSE
        affected := NEW.salon_id;
    END IF;
    UPDATE salons s
    SET first_starts_at = span.first, last_starts_at = span.last
    FROM (SELECT min(starts_at) AS first, max(starts_at) AS last
          FROM salon_sessions WHERE salon_id = affected) span
    WHERE s.id = affected
      AND (s.first_starts_at IS DISTINCT FROM span.first
           OR s.last_starts_at IS DISTINCT FROM span.last);
    IF TG_OP = 'UPDATE' AND OLD.salon_id <> NEW.salon_id THEN
        UPDATE salons s
        SET first_starts_at = span.first, last_starts_at = span.last
        FROM (SELECT min(starts_at) AS first, max(starts_at) AS last
              FROM salon_sessions WHERE salon_id = OLD.salon_id) span
        WHERE s.id = OLD.salon_id;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER salon_sessions_keep_span
    AFTER INSERT OR UPDATE OF starts_at, salon_id OR DELETE ON salon_sessions
    FOR EACH ROW EXECUTE FUNCTION salons_keep_session_span();

UPDATE salons s
SET first_starts_at = span.first, last_starts_at = span.last
FROM (SELECT salon_id, min(starts_at) AS first, max(starts_at) AS last
      FROM salon_sessions GROUP BY salon_id) span
WHERE s.id = span.salon_id;

-- The directory's order (first session, then id). Upcoming salons are published ones (a job
-- marks a salon held after its last session, so past ones leave this index); the past view
-- also lists held ones.
CREATE INDEX salons_directory_upcoming ON salons (first_starts_at, id)
    WHERE visibility = 'public' AND status = 'published';
CREATE INDEX salons_directory_all ON salons (first_starts_at, id)
    WHERE visibility = 'public' AND status IN ('published', 'held');
-- A municipality's upcoming salons in the same order (its page, and the directory's filter).
CREATE INDEX salons_directory_by_municipality ON salons (municipality_code, first_starts_at, id)
    WHERE visibility = 'public' AND status = 'published';
