-- Which kinds of email a person gets: each kind is mailed at once unless the person chose
-- 'digest' (gathered into one mail a day, for the frequent kinds) or 'off'. Security mail —
-- verification, password reset, email change — has no kind here and always arrives.
CREATE TABLE mail_preferences (
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    category   text NOT NULL CHECK (category IN ('invitations', 'registrations', 'changes', 'reminders', 'followup')),
    mode       text NOT NULL CHECK (mode IN ('off', 'digest')),
    created_at timestamptz NOT NULL,
    PRIMARY KEY (user_id, category)
);

-- Messages waiting for the person's daily digest, and the digest that carried them.
ALTER TABLE outbox
    ADD COLUMN held_for_digest boolean NOT NULL DEFAULT false,
    ADD COLUMN digested_into   uuid;
CREATE INDEX outbox_held_for_digest ON outbox (to_user, created_at)
    WHERE held_for_digest AND digested_into IS NULL;
