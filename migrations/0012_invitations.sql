-- Invitations: a salon's hosts invite the municipality (a unit, a named person in a role, the
-- municipality as a whole) or anyone by email. The municipal side answers once; everything
-- that happens to an invitation is an event, so its history survives passing it on.

CREATE TYPE invitation_target AS ENUM ('unit', 'person', 'municipality', 'email');
-- `proposed`: the municipal side proposed another time and waits for the host.
CREATE TYPE invitation_status AS ENUM ('open', 'proposed', 'accepted', 'declined', 'withdrawn');

CREATE TABLE invitations (
    id                  uuid PRIMARY KEY,
    salon_id            uuid NOT NULL REFERENCES salons (id) ON DELETE CASCADE,
    target              invitation_target NOT NULL,
    -- what the host chose, so the same target cannot be invited twice while one is open
    -- ('unit:<id>', 'person:<user id>', 'municipality:<code>', 'email:<address>')
    target_key          text NOT NULL,
    -- NULL only for invitations by email to private addresses
    municipality_code   text REFERENCES municipalities (code),
    -- who holds it now: a unit, a person, or neither (the municipality as a whole, its admins)
    holder_unit_id      uuid REFERENCES units (id),
    holder_user_id      uuid REFERENCES users (id),
    -- the address it was emailed to: a private invitee, or the unit's or municipality's
    -- mailbox when no one there can answer on Medspil ("sendt til kommunens postkasse")
    email               text,
    via_mailbox         boolean NOT NULL DEFAULT false,
    message             text NOT NULL CHECK (length(message) <= 2000),
    reply_by            date,
    status              invitation_status NOT NULL DEFAULT 'open',
    sent_by             uuid REFERENCES users (id) ON DELETE SET NULL,
    sent_at             timestamptz NOT NULL,
    -- the first accept, decline, proposed time or question, and the unit credited with it
    first_reply_at      timestamptz,
    first_reply_kind    text CHECK (first_reply_kind IN ('accepted', 'declined', 'proposed', 'question')),
    first_reply_unit_id uuid REFERENCES units (id),
    -- the answer (accept or decline) and who gave it
    answered_at         timestamptz,
    answered_by         uuid REFERENCES users (id) ON DELETE SET NULL,
    answered_by_name    text NOT NULL DEFAULT '',
    decline_reason      text NOT NULL DEFAULT '',
    -- a proposed time: which session, and when instead
    proposed_session_id uuid REFERENCES salon_sessions (id) ON DELETE SET NULL,
    proposed_starts_at  timestamptz,
    proposed_ends_at    timestamptz,
    withdrawn_at        timestamptz,
    CONSTRAINT invitations_email_target CHECK ((target = 'email') = (municipality_code IS NULL)),
    CONSTRAINT invitations_has_address CHECK (NOT via_mailbox OR email IS NOT NULL)
);

CREATE UNIQUE INDEX invitations_one_open ON invitations (salon_id, target_key)
    WHERE status IN ('open', 'proposed');
CREATE INDEX invitations_by_salon ON invitations (salon_id, sent_at);
CREATE INDEX invitations_by_holder_unit ON invitations (holder_unit_id, status) WHERE holder_unit_id IS NOT NULL;
CREATE INDEX invitations_by_holder_user ON invitations (holder_user_id, status) WHERE holder_user_id IS NOT NULL;
-- the response record and the admins' share of the inbox
CREATE INDEX invitations_by_municipality ON invitations (municipality_code, sent_at) WHERE municipality_code IS NOT NULL;
CREATE INDEX invitations_by_first_unit ON invitations (first_reply_unit_id) WHERE first_reply_unit_id IS NOT NULL;
CREATE INDEX invitations_by_sender ON invitations (sent_by, sent_at);

-- Everything that happened to an invitation, in order; never changed afterwards.
CREATE TABLE invitation_events (
    id            uuid PRIMARY KEY,
    -- the order things happened in, also within one clock tick
    seq           bigserial NOT NULL,
    invitation_id uuid NOT NULL REFERENCES invitations (id) ON DELETE CASCADE,
    kind          text NOT NULL CHECK (kind IN ('sent', 'accepted', 'declined', 'passed_on',
                      'proposed', 'proposal_accepted', 'proposal_declined', 'question',
                      'host_message', 'attendees_changed', 'withdrawn')),
    actor_id      uuid REFERENCES users (id) ON DELETE SET NULL,
    -- the name as it was, also for answers by email link from people without an account
    actor_name    text NOT NULL DEFAULT '',
    -- the unit holding the invitation when this happened, and where a pass-on sent it
    unit_id       uuid REFERENCES units (id),
    to_unit_id    uuid REFERENCES units (id),
    to_user_id    uuid REFERENCES users (id) ON DELETE SET NULL,
    message       text NOT NULL DEFAULT '',
    at            timestamptz NOT NULL
);
CREATE INDEX invitation_events_by_invitation ON invitation_events (invitation_id, at);
CREATE INDEX invitation_events_passed_on ON invitation_events (unit_id) WHERE kind = 'passed_on';
CREATE INDEX invitation_events_by_actor ON invitation_events (actor_id) WHERE actor_id IS NOT NULL;

-- Who may answer an invitation now: the person holding it; everyone who answers for the unit
-- holding it; the municipality's admins when it is addressed to the municipality as a whole.
CREATE VIEW invitation_answerers AS
    SELECT i.id AS invitation_id, i.holder_user_id AS user_id
    FROM invitations i WHERE i.holder_user_id IS NOT NULL
    UNION ALL
    SELECT i.id, r.user_id
    FROM invitations i
    JOIN role_units ru ON ru.unit_id = i.holder_unit_id AND ru.answers_for
    JOIN roles r ON r.id = ru.role_id AND r.status = 'approved'
    UNION ALL
    SELECT i.id, r.user_id
    FROM invitations i
    JOIN roles r ON r.municipality_code = i.municipality_code AND r.kind = 'admin' AND r.status = 'approved'
    WHERE i.target <> 'email' AND i.holder_unit_id IS NULL AND i.holder_user_id IS NULL;

-- Municipal guests who came through an invitation.
ALTER TABLE registrations ADD COLUMN invitation_id uuid REFERENCES invitations (id) ON DELETE SET NULL;
CREATE INDEX registrations_by_invitation ON registrations (invitation_id) WHERE invitation_id IS NOT NULL;

-- Addresses that asked for no more invitations ("send mig ikke flere invitationer").
CREATE TABLE email_suppressions (
    email      text PRIMARY KEY CHECK (email = lower(email)),
    created_at timestamptz NOT NULL
);
