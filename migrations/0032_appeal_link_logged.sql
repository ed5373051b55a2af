-- A moderator sending a suspended person a new appeal link is a moderator action like any
-- other, so it goes into the append-only log too.
ALTER TABLE moderation_log DROP CONSTRAINT moderation_log_action_check;
ALTER TABLE moderation_log ADD CONSTRAINT moderation_log_action_check
    CHECK (action IN ('dismiss', 'hide', 'restore', 'uphold', 'suspend', 'lift',
                      'suspension_ended', 'appeal', 'appeal_link'));
