-- Agreements (næste skridt) that came out of a salon, each with an owner — the citizens
-- themselves, a unit, or a named person in a role — an optional due date and a status. One
-- assigned to a unit or person is proposed until they accept it ("Vi tager den") or refuse it
-- with a reason. Every change of status is an update with a public note: the timeline.

CREATE TYPE agreement_owner AS ENUM ('citizens', 'unit', 'person');
CREATE TYPE agreement_status AS ENUM ('proposed', 'agreed', 'in_progress', 'done', 'dropped');

CREATE TABLE agreements (
    id             uuid PRIMARY KEY,
    salon_id       uuid NOT NULL REFERENCES salons (id) ON DELETE CASCADE,
    description    text NOT NULL CHECK (length(description) BETWEEN 1 AND 1000),
    owner          agreement_owner NOT NULL,
    owner_unit_id  uuid REFERENCES units (id),
    owner_user_id  uuid REFERENCES users (id),
    due_on         date,
    status         agreement_status NOT NULL,
    refusal_reason text NOT NULL DEFAULT '',
    created_by     uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    CONSTRAINT agreements_owner CHECK (
        (owner = 'citizens' AND owner_unit_id IS NULL AND owner_user_id IS NULL)
        OR (owner = 'unit' AND owner_unit_id IS NOT NULL AND owner_user_id IS NULL)
        OR (owner = 'person' AND owner_user_id IS NOT NULL AND owner_unit_id IS NULL))
);
CREATE INDEX agreements_by_salon ON agreements (salon_id, created_at);
CREATE INDEX agreements_by_unit ON agreements (owner_unit_id, status) WHERE owner_unit_id IS NOT NULL;
CREATE INDEX agreements_by_user ON agreements (owner_user_id, status) WHERE owner_user_id IS NOT NULL;

CREATE TABLE agreement_updates (
    id           uuid PRIMARY KEY,
    seq          bigserial NOT NULL,
    agreement_id uuid NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    status       agreement_status NOT NULL,
    note         text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
    actor_id     uuid REFERENCES users (id) ON DELETE SET NULL,
    actor_name   text NOT NULL DEFAULT '',
    at           timestamptz NOT NULL
);
CREATE INDEX agreement_updates_by_agreement ON agreement_updates (agreement_id, at, seq);
CREATE INDEX agreement_updates_by_actor ON agreement_updates (actor_id) WHERE actor_id IS NOT NULL;

-- Who may act for an agreement: for the citizens, the salon's hosts; for a unit, those who
-- answer for it; for a person, that person.
CREATE VIEW agreement_owners AS
    SELECT a.id AS agreement_id, h.user_id
    FROM agreements a JOIN salon_hosts h ON h.salon_id = a.salon_id
    WHERE a.owner = 'citizens'
    UNION ALL
    SELECT a.id, r.user_id
    FROM agreements a
    JOIN role_units ru ON ru.unit_id = a.owner_unit_id AND ru.answers_for
    JOIN roles r ON r.id = ru.role_id AND r.status = 'approved'
    UNION ALL
    SELECT a.id, a.owner_user_id FROM agreements a WHERE a.owner = 'person';
