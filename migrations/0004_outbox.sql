-- The transactional outbox: notify() writes a message here in the same transaction as the
-- change it reports, and a job delivers it. Delivery is at least once; the message id is the
-- mail's Message-ID so a resend after a crash can be recognised by the receiving side.

CREATE TABLE outbox (
    id           uuid PRIMARY KEY,
    kind         text NOT NULL,
    to_user      uuid REFERENCES users (id) ON DELETE SET NULL,
    to_address   text NOT NULL,
    locale       text NOT NULL CHECK (locale IN ('da', 'en')),
    subject      text NOT NULL,
    body_text    text NOT NULL,
    body_html    text,
    headers      jsonb NOT NULL DEFAULT '[]',
    created_at   timestamptz NOT NULL,
    sent_at      timestamptz,
    attempts     integer NOT NULL DEFAULT 0,
    last_error   text
);

CREATE INDEX outbox_unsent ON outbox (created_at) WHERE sent_at IS NULL;
CREATE INDEX outbox_newest ON outbox (created_at DESC);
CREATE INDEX outbox_to_user ON outbox (to_user) WHERE to_user IS NOT NULL;

CREATE TABLE outbox_attachments (
    message_id   uuid NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
    position     smallint NOT NULL,
    filename     text NOT NULL,
    content_type text NOT NULL,
    content      bytea NOT NULL,
    PRIMARY KEY (message_id, position)
);
