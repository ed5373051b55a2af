-- Moderation: reports on salons, messages and public profiles; the platform's moderators (never
-- a municipality's admins) dismiss them, hide what breaks the house rules with a public reason,
-- restore, and suspend accounts. Every moderator action goes into an append-only log.

-- Moderators are granted by the operator (`medspil admin grant --moderator EMAIL`).
CREATE TABLE platform_moderators (
    user_id    uuid PRIMARY KEY REFERENCES users (id),
    granted_at timestamptz NOT NULL
);

CREATE TYPE moderation_target AS ENUM ('salon', 'message', 'profile');

-- One row per reported thing, however many reports it gets: the queue's unit of work.
-- `target_id` is a salon, an invitation event (a message in an invitation's thread) or a user.
CREATE TABLE moderation_items (
    id            uuid PRIMARY KEY,
    target        moderation_target NOT NULL,
    target_id     uuid NOT NULL,
    -- whose content it is: told when it is hidden, and the one who may appeal
    owner_id      uuid REFERENCES users (id),
    hidden        boolean NOT NULL DEFAULT false,
    -- shown in place of the content while it is hidden
    public_reason text NOT NULL DEFAULT '' CHECK (length(public_reason) <= 1000),
    -- in the queue: a new report, or an appeal, waits for a moderator
    needs_review  boolean NOT NULL DEFAULT true,
    -- the owner's one appeal
    appeal_note   text CHECK (length(appeal_note) <= 2000),
    appealed_at   timestamptz,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    UNIQUE (target, target_id)
);
CREATE INDEX moderation_items_queue ON moderation_items (updated_at) WHERE needs_review;
CREATE INDEX moderation_items_by_owner ON moderation_items (owner_id) WHERE owner_id IS NOT NULL;

CREATE TYPE report_category AS ENUM ('harassment', 'hate', 'spam', 'misinformation', 'privacy',
                                     'illegal', 'other');
CREATE TYPE report_outcome AS ENUM ('open', 'dismissed', 'hidden', 'suspended');

CREATE TABLE reports (
    id          uuid PRIMARY KEY,
    item_id     uuid NOT NULL REFERENCES moderation_items (id),
    -- NULL once the reporter deleted their account: the report stays, anonymous, as part of
    -- the case a moderator decided on
    reporter_id uuid REFERENCES users (id),
    category    report_category NOT NULL,
    note        text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
    outcome     report_outcome NOT NULL DEFAULT 'open',
    created_at  timestamptz NOT NULL,
    decided_at  timestamptz
);
CREATE INDEX reports_by_item ON reports (item_id, created_at);
CREATE INDEX reports_by_reporter ON reports (reporter_id) WHERE reporter_id IS NOT NULL;
-- A person's report on an item stays one while it waits.
CREATE UNIQUE INDEX reports_one_open ON reports (item_id, reporter_id) WHERE outcome = 'open';

-- An account suspended for a period (ends_at) or for good (ends_at NULL), until lifted.
CREATE TABLE suspensions (
    id         uuid PRIMARY KEY,
    user_id    uuid NOT NULL REFERENCES users (id),
    starts_at  timestamptz NOT NULL,
    ends_at    timestamptz,
    reason     text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
    created_by uuid REFERENCES users (id),
    lifted_at  timestamptz
);
CREATE INDEX suspensions_live ON suspensions (user_id) WHERE lifted_at IS NULL;

-- The salons a suspension hid, so ending it shows exactly those again.
CREATE TABLE suspension_salons (
    suspension_id uuid NOT NULL REFERENCES suspensions (id),
    salon_id      uuid NOT NULL REFERENCES salons (id) ON DELETE CASCADE,
    PRIMARY KEY (suspension_id, salon_id)
);

-- What is hidden, with the public reason shown in its place (NULL: shown as usual).
ALTER TABLE salons ADD COLUMN hidden_reason text;
ALTER TABLE invitation_events ADD COLUMN hidden_reason text;
ALTER TABLE users ADD COLUMN profile_hidden_reason text;

-- The audit log: every moderator action, in order. Rows are only ever added.
CREATE TABLE moderation_log (
    seq        bigserial PRIMARY KEY,
    id         uuid NOT NULL UNIQUE,
    at         timestamptz NOT NULL,
    -- NULL: the platform itself (a suspension that ran out)
    actor_id   uuid REFERENCES users (id),
    action     text NOT NULL CHECK (action IN ('dismiss', 'hide', 'restore', 'uphold', 'suspend',
                                               'lift', 'suspension_ended', 'appeal')),
    item_id    uuid REFERENCES moderation_items (id),
    subject_id uuid REFERENCES users (id),
    note       text NOT NULL DEFAULT ''
);
CREATE INDEX moderation_log_by_item ON moderation_log (item_id, seq);

-- Append-only, enforced by the database rather than by the code's good manners: an UPDATE,
-- DELETE or TRUNCATE of the log fails, whoever runs it.
CREATE FUNCTION moderation_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'moderation_log is append-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER moderation_log_no_change BEFORE UPDATE OR DELETE ON moderation_log
    FOR EACH ROW EXECUTE FUNCTION moderation_log_append_only();
CREATE TRIGGER moderation_log_no_truncate BEFORE TRUNCATE ON moderation_log
    FOR EACH STATEMENT EXECUTE FUNCTION moderation_log_append_only();
