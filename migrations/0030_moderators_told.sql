-- Moderators hear of reports, and a suspended person can appeal without signing in.

-- When an item last entered the queue (a report while none waited, or an appeal): the queue
-- shows how long the oldest has waited. A later report on a waiting item does not restart it.
ALTER TABLE moderation_items ADD COLUMN waiting_since timestamptz;
UPDATE moderation_items SET waiting_since = updated_at WHERE needs_review;

-- The item a suspension was decided on: its owner may appeal it while suspended.
ALTER TABLE suspensions ADD COLUMN item_id uuid REFERENCES moderation_items (id);

-- Moderators choose how they get the daily mail about the waiting queue, like any other kind.
ALTER TABLE mail_preferences DROP CONSTRAINT mail_preferences_category_check;
ALTER TABLE mail_preferences ADD CONSTRAINT mail_preferences_category_check
    CHECK (category IN ('invitations', 'registrations', 'changes', 'reminders', 'followup',
                        'moderation'));
