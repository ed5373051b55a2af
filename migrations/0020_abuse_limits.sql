-- Abuse limits: how many salons, host messages, invitation emails and sign-ups one person (or
-- one client address) may make in a window. The values live here, not in each process's
-- environment, so every process uses the same ones and an operator changes them once
-- (`medspil admin limits set NAME N`). The counting itself is done from the real rows
-- (salons, salon_messages, invitations) where they exist, and from signup_attempts otherwise.

CREATE TABLE abuse_limits (
    name  text PRIMARY KEY,
    value integer NOT NULL CHECK (value >= 1)
);

-- The defaults. Invitation emails and host messages had these values before they moved here
-- (from MEDSPIL_INVITATION_EMAILS_PER_DAY / _PER_SALON and a constant in the code).
INSERT INTO abuse_limits (name, value) VALUES
    ('salons_per_day', 5),
    ('messages_per_day', 3),
    ('invitation_emails_per_day', 20),
    ('invitation_emails_per_salon', 50),
    ('signups_per_address_per_hour', 20)
ON CONFLICT (name) DO NOTHING;

-- Salons created per person in the last 24 hours.
CREATE INDEX salons_by_creator ON salons (created_by, created_at);

-- Sign-up attempts per client address. The address is kept only as a SHA-256 hash, and only
-- for the hour the limit looks back: older rows are deleted whenever a new one is written.
CREATE TABLE signup_attempts (
    address_hash bytea       NOT NULL,
    at           timestamptz NOT NULL
);

CREATE INDEX signup_attempts_by_address ON signup_attempts (address_hash, at);
CREATE INDEX signup_attempts_by_time ON signup_attempts (at);
