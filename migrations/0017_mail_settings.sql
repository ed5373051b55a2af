-- Kinds of email a person turned off (all are on until then). Security mail — verification,
-- password reset, email change — has no kind here and cannot be turned off.
CREATE TABLE mail_opt_outs (
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    category   text NOT NULL CHECK (category IN ('invitations', 'registrations', 'changes', 'reminders', 'followup')),
    created_at timestamptz NOT NULL,
    PRIMARY KEY (user_id, category)
);
