-- Every emailed link carries a random token (verification, reset, invitation, unsubscribe,
-- calendar). Only its SHA-256 is stored, with its purpose and expiry: a database leak does
-- not leak working links, and there is no signing key to configure or lose.

CREATE TABLE tokens (
    hash       bytea PRIMARY KEY CHECK (length(hash) = 32),
    purpose    text NOT NULL,
    user_id    uuid REFERENCES users (id) ON DELETE CASCADE,
    data       jsonb NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL,
    expires_at timestamptz,
    used_at    timestamptz
);

CREATE INDEX tokens_by_user ON tokens (user_id, purpose) WHERE user_id IS NOT NULL;
