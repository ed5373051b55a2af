-- Accounts: passwords, email verification, server-side sessions, sign-in throttling.

-- A deleted account keeps its row (answers and history point at it) but loses its personal
-- data: the email goes, the name is blanked and shown as "slettet bruger".
ALTER TABLE users
    ADD COLUMN password_hash     text,
    ADD COLUMN email_verified_at timestamptz,
    ADD COLUMN deleted_at        timestamptz,
    ALTER COLUMN email DROP NOT NULL,
    DROP CONSTRAINT users_name_check,
    ADD CONSTRAINT users_name_check CHECK (deleted_at IS NOT NULL OR length(name) BETWEEN 1 AND 200),
    ADD CONSTRAINT users_email_unless_deleted CHECK (deleted_at IS NOT NULL OR email IS NOT NULL);

-- Sign-in sessions (not salon sessions). The cookie holds a random token; only its SHA-256 is
-- stored. Idle and absolute expiry are enforced in the query that loads a session.
CREATE TABLE sessions (
    token_hash   bytea PRIMARY KEY CHECK (length(token_hash) = 32),
    user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL,
    user_agent   text NOT NULL DEFAULT ''
);

CREATE INDEX sessions_by_user ON sessions (user_id, last_seen_at DESC);

-- Failed sign-ins, per (account, client address) and per client address. The scope is a
-- SHA-256 of what it counts, so the table holds no addresses. Shared by every app process.
CREATE TABLE sign_in_failures (
    scope           bytea PRIMARY KEY,
    failures        integer NOT NULL,
    last_failure_at timestamptz NOT NULL
);

-- The order messages were queued in (timestamps from a test clock can be equal).
ALTER TABLE outbox ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;
