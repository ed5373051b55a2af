-- The notification centre: the in-app twin of every mail to a person with an account, written
-- by notify() in the same transaction as the mail. Only the kind, the subject and a site path
-- are kept, never the body: security mails carry tokens there.

CREATE TABLE notifications (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind        text NOT NULL,
    subject     text NOT NULL,
    -- a path on this site ('/salons/…', '/inbox/…'), or NULL when the notice links nowhere
    link        text CHECK (link LIKE '/%' AND link NOT LIKE '//%'),
    created_at  timestamptz NOT NULL,
    read_at     timestamptz
);

-- The list, newest first.
CREATE INDEX notifications_by_user ON notifications (user_id, created_at DESC, id DESC);
-- The header's unread count, read with every signed-in request.
CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;
