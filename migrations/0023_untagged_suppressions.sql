-- "Send mig ikke flere invitationer" now stops the whole mailbox: an address is suppressed when
-- it, or it with any +tag removed from the local part, is on the list, and a stop adds the
-- address without its tag too (src/domain/email.rs, `untagged`). This adds the untagged form of
-- every address stopped before, so victim+x@example.org's stop also covers victim@example.org
-- and victim+y@example.org. ("+x@…", with nothing before the tag, is an address of its own.)

INSERT INTO email_suppressions (email, created_at)
SELECT DISTINCT ON (untagged) untagged, created_at
FROM (SELECT regexp_replace(email, '^([^+@]+)\+[^@]*@', '\1@') AS untagged, created_at
      FROM email_suppressions
      WHERE email ~ '^[^+@]+\+[^@]*@') AS tagged
ORDER BY untagged, created_at
ON CONFLICT (email) DO NOTHING;
