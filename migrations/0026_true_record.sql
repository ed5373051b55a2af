-- The public record tells the truth: what each side did is stored so that the pages can say
-- exactly that, and no side can make it say more.

-- Invitations.
ALTER TABLE invitations
    -- Saved on a draft salon: sent (mail, inbox, reminders) only when the salon is published,
    -- and timed from that moment (`sent_at` is set then).
    ADD COLUMN awaits_publish boolean NOT NULL DEFAULT false,
    -- Mailed to an address the host typed (neither the unit nor the municipality had a contact
    -- address): an answer through it is not the municipality's proven word.
    ADD COLUMN typed_address boolean NOT NULL DEFAULT false,
    -- What the host did with the last proposed time: took it or kept the old one. The proposed
    -- time stays in `proposed_*` so the public line can say what was proposed.
    ADD COLUMN proposal_decision text CHECK (proposal_decision IN ('taken', 'kept'));

-- Open invitations of salons still in draft were mailed too early: they wait for publishing
-- now, like new ones.
UPDATE invitations i SET awaits_publish = true
FROM salons s
WHERE s.id = i.salon_id AND s.status = 'draft' AND i.status = 'open';

-- Mailbox invitations whose address is neither the unit's nor the municipality's contact
-- address were typed by the host.
UPDATE invitations i SET typed_address = true
FROM municipalities m
WHERE m.code = i.municipality_code AND i.via_mailbox
  AND lower(i.email) IS DISTINCT FROM lower(m.contact_email)
  AND NOT EXISTS (SELECT 1 FROM units u WHERE u.id = i.holder_unit_id
                  AND lower(u.contact_email) = lower(i.email));

-- A proposed time is part of the event, so the history shows the time itself.
ALTER TABLE invitation_events
    ADD COLUMN starts_at timestamptz,
    ADD COLUMN ends_at   timestamptz;
UPDATE invitation_events e SET starts_at = i.proposed_starts_at, ends_at = i.proposed_ends_at
FROM invitations i
WHERE i.id = e.invitation_id AND i.status = 'proposed' AND e.kind = 'proposed';

-- Who may answer: as before, but nothing that waits for its salon to be published; and an
-- invitation held by a unit nobody answers for lands with the municipality's admins.
CREATE OR REPLACE VIEW invitation_answerers AS
    SELECT i.id AS invitation_id, i.holder_user_id AS user_id
    FROM invitations i WHERE i.holder_user_id IS NOT NULL AND NOT i.awaits_publish
    UNION ALL
    SELECT i.id, r.user_id
    FROM invitations i
    JOIN role_units ru ON ru.unit_id = i.holder_unit_id AND ru.answers_for
    JOIN roles r ON r.id = ru.role_id AND r.status = 'approved'
    WHERE NOT i.awaits_publish
    UNION ALL
    SELECT i.id, r.user_id
    FROM invitations i
    JOIN roles r ON r.municipality_code = i.municipality_code AND r.kind = 'admin' AND r.status = 'approved'
    WHERE i.target <> 'email' AND i.holder_user_id IS NULL AND NOT i.awaits_publish
      AND (i.holder_unit_id IS NULL
           OR NOT EXISTS (SELECT 1 FROM role_units ru JOIN roles ur ON ur.id = ru.role_id
                          WHERE ru.unit_id = i.holder_unit_id AND ru.answers_for
                            AND ur.status = 'approved'));

-- Next steps: one the municipality said no to while proposed reads "Afvist af kommunen", not
-- "Opgivet" (a refusal always has its reason; a step dropped after it was taken has none).
UPDATE agreements SET status = 'refused' WHERE status = 'dropped' AND refusal_reason <> '';
UPDATE agreement_updates u SET status = 'refused'
FROM agreements a
WHERE a.id = u.agreement_id AND a.status = 'refused' AND u.status = 'dropped';

-- Corrections show: a next step's text and a published summary keep every earlier version.
ALTER TABLE agreements ADD COLUMN corrected_at timestamptz;
CREATE TABLE agreement_versions (
    id           uuid PRIMARY KEY,
    agreement_id uuid NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    description  text NOT NULL,
    -- when this text stopped being the current one, and by whom
    replaced_at  timestamptz NOT NULL,
    replaced_by  uuid REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX agreement_versions_by_agreement ON agreement_versions (agreement_id, replaced_at);
CREATE INDEX agreement_versions_by_user ON agreement_versions (replaced_by) WHERE replaced_by IS NOT NULL;

ALTER TABLE salons ADD COLUMN summary_corrected_at timestamptz;
CREATE TABLE summary_versions (
    id          uuid PRIMARY KEY,
    salon_id    uuid NOT NULL REFERENCES salons (id) ON DELETE CASCADE,
    summary     text NOT NULL,
    replaced_at timestamptz NOT NULL,
    replaced_by uuid REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX summary_versions_by_salon ON summary_versions (salon_id, replaced_at);
CREATE INDEX summary_versions_by_user ON summary_versions (replaced_by) WHERE replaced_by IS NOT NULL;

-- Decisions taken off the agenda before their meeting, with the reason.
ALTER TABLE decisions
    ADD COLUMN withdrawn_at     timestamptz,
    ADD COLUMN withdrawn_by     uuid REFERENCES users (id) ON DELETE SET NULL,
    ADD COLUMN withdrawn_reason text NOT NULL DEFAULT '' CHECK (length(withdrawn_reason) <= 2000),
    DROP CONSTRAINT decisions_outcome,
    ADD CONSTRAINT decisions_states CHECK (
        (status = 'decided') = (decided_at IS NOT NULL)
        AND (status <> 'decided' OR outcome <> '')
        AND (status = 'withdrawn') = (withdrawn_at IS NOT NULL AND withdrawn_reason <> ''));
CREATE INDEX decisions_by_withdrawer ON decisions (withdrawn_by) WHERE withdrawn_by IS NOT NULL;

-- Closed salons are findable: the past view lists published, held and closed salons from one
-- index, and the search reads a published summary too (a draft summary never).
ALTER TABLE salons ADD COLUMN search_full tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('danish', title), 'A') ||
    setweight(to_tsvector('danish', question), 'B') ||
    setweight(to_tsvector('danish', town), 'C') ||
    setweight(to_tsvector('danish', description), 'D') ||
    setweight(to_tsvector('danish', CASE WHEN summary_published_at IS NOT NULL
                                         THEN summary ELSE '' END), 'D')
) STORED;
CREATE INDEX salons_search_full ON salons USING gin (search_full);
CREATE INDEX salons_directory_past ON salons (first_starts_at, id)
    WHERE visibility = 'public' AND status IN ('published', 'held', 'closed');
