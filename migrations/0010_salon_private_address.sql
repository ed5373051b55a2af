-- A host may show the salon's address only to registered people (and hosts and accepted
-- municipal guests), like the online link, which is always private.
ALTER TABLE salons ADD COLUMN address_private boolean NOT NULL DEFAULT false;
