-- Upcoming decisions ("kommende beslutninger"): what a municipality's committee or council is
-- to decide, published by its admins and officials so citizens can hold salons about it before
-- the meeting. Salons link to the decision they concern; citizens follow a decision; once it
-- is decided an official records the outcome with a link to the minutes.

CREATE TYPE decision_status AS ENUM ('upcoming', 'decided');

CREATE TABLE decisions (
    id                uuid PRIMARY KEY,
    municipality_code text NOT NULL REFERENCES municipalities (code),
    title             text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    description       text NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
    -- The department preparing the case, and the committee or council deciding it.
    unit_id           uuid NOT NULL REFERENCES units (id),
    committee_id      uuid NOT NULL REFERENCES units (id),
    meeting_on        date NOT NULL,
    hearing_from      date,
    hearing_to        date,
    status            decision_status NOT NULL DEFAULT 'upcoming',
    outcome           text NOT NULL DEFAULT '' CHECK (length(outcome) <= 4000),
    minutes_url       text NOT NULL DEFAULT '' CHECK (length(minutes_url) <= 2000),
    decided_at        timestamptz,
    decided_by        uuid REFERENCES users (id) ON DELETE SET NULL,
    created_by        uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    CONSTRAINT decisions_hearing CHECK (
        (hearing_from IS NULL) = (hearing_to IS NULL) AND hearing_from <= hearing_to),
    CONSTRAINT decisions_outcome CHECK (
        (status = 'decided') = (decided_at IS NOT NULL) AND (status = 'upcoming' OR outcome <> ''))
);
-- The municipality's list: open ones by meeting date, then the decided ones.
CREATE INDEX decisions_by_municipality ON decisions (municipality_code, status, meeting_on, id);
CREATE INDEX decisions_by_unit ON decisions (unit_id);
CREATE INDEX decisions_by_committee ON decisions (committee_id);
CREATE INDEX decisions_by_creator ON decisions (created_by) WHERE created_by IS NOT NULL;
CREATE INDEX decisions_by_decider ON decisions (decided_by) WHERE decided_by IS NOT NULL;

-- "Denne salon handler om …": a salon concerns one or more decisions of its municipality.
-- `announced_at`: followers were told of it (once, when the salon is public and published);
-- `summary_sent_at`: the unit and the committee were sent its published summary (once).
CREATE TABLE salon_decisions (
    salon_id        uuid NOT NULL REFERENCES salons (id) ON DELETE CASCADE,
    decision_id     uuid NOT NULL REFERENCES decisions (id) ON DELETE CASCADE,
    linked_by       uuid REFERENCES users (id) ON DELETE SET NULL,
    linked_at       timestamptz NOT NULL,
    announced_at    timestamptz,
    summary_sent_at timestamptz,
    PRIMARY KEY (salon_id, decision_id)
);
CREATE INDEX salon_decisions_by_decision ON salon_decisions (decision_id, linked_at);
CREATE INDEX salon_decisions_by_linker ON salon_decisions (linked_by) WHERE linked_by IS NOT NULL;

-- Citizens who follow a decision: told when salons link to it and when it is decided.
CREATE TABLE decision_followers (
    decision_id uuid NOT NULL REFERENCES decisions (id) ON DELETE CASCADE,
    user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    since       timestamptz NOT NULL,
    PRIMARY KEY (decision_id, user_id)
);
CREATE INDEX decision_followers_by_user ON decision_followers (user_id);
