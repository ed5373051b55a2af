-- Co-hosts are asked: a host invites an address, and the person becomes a host (public at once)
-- only when they accept, within seven days. The form answers the same whether or not the
-- address has an account; a mail to an address without one counts against the host's
-- invitation_emails_per_day and carries the stop link, like an invitation by email.

CREATE TABLE cohost_invitations (
    id              uuid PRIMARY KEY,
    salon_id        uuid NOT NULL REFERENCES salons (id) ON DELETE CASCADE,
    email           text NOT NULL CHECK (email = lower(email)),
    -- the account the address had when it was invited (told in the app too)
    user_id         uuid REFERENCES users (id) ON DELETE SET NULL,
    -- mailed to an address without an account: counted against the daily limit
    without_account boolean NOT NULL,
    invited_by      uuid REFERENCES users (id) ON DELETE SET NULL,
    status          text NOT NULL DEFAULT 'open'
                    CHECK (status IN ('open', 'accepted', 'declined')),
    created_at      timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    answered_at     timestamptz
);

-- One open invitation per address and salon.
CREATE UNIQUE INDEX cohost_invitations_one_open ON cohost_invitations (salon_id, email)
    WHERE status = 'open';
-- The daily limit counts a host's mails to addresses without an account.
CREATE INDEX cohost_invitations_by_sender ON cohost_invitations (invited_by, created_at)
    WHERE without_account;
CREATE INDEX cohost_invitations_by_email ON cohost_invitations (email) WHERE status = 'open';
