-- Account mails that a request from someone not signed in or not confirmed causes — a reset
-- link, the confirmation link again, "this address already has an account", an email change —
-- are limited per recipient address and purpose, and per client address, so nobody can make
-- Medspil flood an inbox. Past a limit the page looks the same and nothing is queued.

INSERT INTO abuse_limits (name, value) VALUES
    ('account_mails_per_recipient_per_hour', 3),
    ('account_mails_per_recipient_per_day', 10),
    ('account_mails_per_address_per_hour', 20)
ON CONFLICT (name) DO NOTHING;

-- One row per such mail asked for (whether or not the address has an account, so the limit
-- tells nothing about it). The recipient (with the purpose) and the client address are kept
-- only as SHA-256 hashes, and only for the day the longest limit looks back: older rows are
-- deleted whenever a new one is written.
CREATE TABLE account_mail_requests (
    recipient_hash bytea       NOT NULL,
    client_hash    bytea       NOT NULL,
    at             timestamptz NOT NULL
);

CREATE INDEX account_mail_requests_by_recipient ON account_mail_requests (recipient_hash, at);
CREATE INDEX account_mail_requests_by_client ON account_mail_requests (client_hash, at);
CREATE INDEX account_mail_requests_by_time ON account_mail_requests (at);
