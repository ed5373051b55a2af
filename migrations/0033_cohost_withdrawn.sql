-- A host can take back an invitation to co-host that is still waiting (sent to the wrong
-- address, say). It stays, as withdrawn, so the link in the mail says so rather than nothing.
ALTER TABLE cohost_invitations DROP CONSTRAINT cohost_invitations_status_check;
ALTER TABLE cohost_invitations ADD CONSTRAINT cohost_invitations_status_check
    CHECK (status IN ('open', 'accepted', 'declined', 'withdrawn'));
