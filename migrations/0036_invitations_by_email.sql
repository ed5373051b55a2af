-- Mine saloner lists the invitations sent to a person's confirmed address: found by address,
-- not by reading every invitation. Only invitations by email carry a private invitee's address
-- (a municipal mailbox's is on invitations of other targets), so the index holds just those.
CREATE INDEX invitations_by_email ON invitations (email) WHERE target = 'email';
