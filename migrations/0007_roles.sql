-- Municipal roles: who is an official, a politician or an admin of a municipality, and in which
-- units. A role starts as a request; an admin (or, for officials in departments, a verified
-- email on one of the municipality's registered domains) approves it.

CREATE TYPE role_kind AS ENUM ('official', 'politician', 'admin');
CREATE TYPE role_status AS ENUM ('pending', 'approved', 'rejected', 'revoked');

CREATE TABLE roles (
    id                uuid PRIMARY KEY,
    user_id           uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    municipality_code text NOT NULL REFERENCES municipalities (code),
    kind              role_kind NOT NULL,
    title             text NOT NULL DEFAULT '',
    party             text NOT NULL DEFAULT '',
    note              text NOT NULL DEFAULT '',
    status            role_status NOT NULL,
    -- approved because of the email's domain: taken away if the email leaves that domain
    granted_by_domain boolean NOT NULL DEFAULT false,
    decided_by        uuid REFERENCES users (id) ON DELETE SET NULL,
    decided_at        timestamptz,
    reason            text NOT NULL DEFAULT '',
    created_at        timestamptz NOT NULL
);

-- At most one live (pending or approved) role of each kind per person and municipality.
CREATE UNIQUE INDEX roles_one_live ON roles (user_id, municipality_code, kind)
    WHERE status IN ('pending', 'approved');
CREATE INDEX roles_by_municipality ON roles (municipality_code, status, created_at);

-- The units a role belongs to; in committees and the council, admins mark who answers for it.
CREATE TABLE role_units (
    role_id     uuid NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    unit_id     uuid NOT NULL REFERENCES units (id),
    answers_for boolean NOT NULL DEFAULT false,
    listed      boolean NOT NULL DEFAULT true,
    PRIMARY KEY (role_id, unit_id)
);
CREATE INDEX role_units_by_unit ON role_units (unit_id);

-- Email domains a municipality vouches for (skanderborg.dk), compared in lower case.
CREATE TABLE municipality_domains (
    municipality_code text NOT NULL REFERENCES municipalities (code),
    domain            text NOT NULL CHECK (domain = lower(domain) AND domain ~ '^[a-z0-9.-]+\.[a-z]+$'),
    created_at        timestamptz NOT NULL,
    PRIMARY KEY (municipality_code, domain)
);

-- The short text a municipality's admins write for its page, and its general contact address.
ALTER TABLE municipalities
    ADD COLUMN about         text NOT NULL DEFAULT '',
    ADD COLUMN contact_email text;
