-- People. The accounts feature adds passwords, verification and roles; the foundation only
-- needs someone a notification can be addressed to.
--
-- Emails are compared case-insensitively everywhere, so uniqueness is on lower(email).

CREATE TABLE users (
    id         uuid PRIMARY KEY,
    email      text NOT NULL CHECK (position('@' IN email) > 1),
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    locale     text NOT NULL DEFAULT 'da' CHECK (locale IN ('da', 'en')),
    created_at timestamptz NOT NULL
);

CREATE UNIQUE INDEX users_email_unique ON users (lower(email));
