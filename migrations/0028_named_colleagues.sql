-- Colleagues named when an official accepts an invitation are asked before they are named in
-- public: their registration holds the seat, but the salon page says "og 1 kollega" until they
-- confirm. A decline frees the seat and tells the host and the one who named them.

-- 'asked' until the colleague answers, then 'confirmed' (or 'declined', with the registration
-- cancelled); NULL for everyone who signed themselves up or accepted for themselves.
ALTER TABLE registrations
    ADD COLUMN asked_state text CHECK (asked_state IN ('asked', 'confirmed', 'declined')),
    -- who named them, told when they decline
    ADD COLUMN asked_by uuid REFERENCES users (id) ON DELETE SET NULL;

-- A person's open requests, for their page and the data download.
CREATE INDEX registrations_asked ON registrations (user_id) WHERE asked_state = 'asked';
