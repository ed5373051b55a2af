-- How many citizens' salons a decision has, kept on the decision: the decisions lists showed
-- each row's count by counting its links and their salons per request (about 240 links read to
-- show 40 rows). The count is the public one — salons that are public, not hidden, and
-- published, held or closed — and is recounted (never incremented) whenever a link or one of
-- those salon columns changes, so it cannot drift from what the links say.
ALTER TABLE decisions ADD COLUMN public_salons integer NOT NULL DEFAULT 0;

CREATE FUNCTION recount_decision_salons(decision uuid) RETURNS void
LANGUAGE sql AS $$
    UPDATE decisions d
    SET public_salons = (
        SELECT count(*) FROM salon_decisions sd JOIN salons s ON s.id = sd.salon_id
        WHERE sd.decision_id = d.id AND s.visibility = 'public'
          AND s.hidden_reason IS NULL AND s.status IN ('published', 'held', 'closed'))
    WHERE d.id = decision
$$;

CREATE FUNCTION salon_decisions_recount() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM recount_decision_salons(NEW.decision_id);
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        PERFORM recount_decision_salons(OLD.decision_id);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER salon_decisions_recount
AFTER INSERT OR UPDATE OF salon_id, decision_id OR DELETE ON salon_decisions
FOR EACH ROW EXECUTE FUNCTION salon_decisions_recount();

CREATE FUNCTION salons_recount_decisions() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM recount_decision_salons(sd.decision_id)
    FROM salon_decisions sd WHERE sd.salon_id = NEW.id;
    RETURN NULL;
END
$$;

-- Only when what the count depends on changes, so ordinary salon edits pay nothing.
CREATE TRIGGER salons_recount_decisions
AFTER UPDATE OF visibility, hidden_reason, status ON salons
FOR EACH ROW
WHEN (OLD.visibility IS DISTINCT FROM NEW.visibility
      OR OLD.hidden_reason IS DISTINCT FROM NEW.hidden_reason
      OR OLD.status IS DISTINCT FROM NEW.status)
EXECUTE FUNCTION salons_recount_decisions();

UPDATE decisions d SET public_salons = (
    SELECT count(*) FROM salon_decisions sd JOIN salons s ON s.id = sd.salon_id
    WHERE sd.decision_id = d.id AND s.visibility = 'public'
      AND s.hidden_reason IS NULL AND s.status IN ('published', 'held', 'closed'));
