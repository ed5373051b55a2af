-- Salons: a citizen-hosted conversation with one or more sessions (møder), hosts, and
-- registrations with a waitlist. Times are timestamptz, entered and shown in Europe/Copenhagen.

CREATE TYPE salon_format AS ENUM ('in_person', 'online', 'hybrid');
CREATE TYPE salon_visibility AS ENUM ('public', 'unlisted', 'invite_only');
CREATE TYPE salon_status AS ENUM ('draft', 'published', 'held', 'closed', 'cancelled');

CREATE TABLE salons (
    id                   uuid PRIMARY KEY,
    -- readable part of the URL (/salons/{id}-{slug}); any other slug redirects here
    slug                 text NOT NULL CHECK (slug ~ '^[a-z0-9-]*$'),
    title                text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    question             text NOT NULL CHECK (length(question) BETWEEN 1 AND 300),
    description          text NOT NULL DEFAULT '',        -- Markdown as the host wrote it
    description_html     text NOT NULL DEFAULT '',        -- rendered and cleaned (ammonia)
    municipality_code    text NOT NULL REFERENCES municipalities (code),
    town                 text NOT NULL DEFAULT '',
    format               salon_format NOT NULL,
    place_name           text NOT NULL DEFAULT '',
    address              text NOT NULL DEFAULT '',
    online_link          text NOT NULL DEFAULT '',
    -- seats for citizens (NULL: no limit) and, apart from them, for the municipality's guests
    capacity             integer CHECK (capacity IS NULL OR capacity > 0),
    municipal_seats      integer NOT NULL DEFAULT 2 CHECK (municipal_seats >= 0),
    -- maintained counters, so lists show seats left without counting rows per request
    citizens_registered  integer NOT NULL DEFAULT 0 CHECK (citizens_registered >= 0),
    municipal_registered integer NOT NULL DEFAULT 0 CHECK (municipal_registered >= 0),
    visibility           salon_visibility NOT NULL DEFAULT 'public',
    topics               text[] NOT NULL DEFAULT '{}',
    step_free            boolean NOT NULL DEFAULT false,
    accessible_toilet    boolean NOT NULL DEFAULT false,
    hearing_loop         boolean NOT NULL DEFAULT false,
    sign_language        boolean NOT NULL DEFAULT false,  -- interpreting on request
    accessibility_note   text NOT NULL DEFAULT '',
    status               salon_status NOT NULL DEFAULT 'draft',
    cancel_message       text NOT NULL DEFAULT '',
    -- bumped on every change that a calendar must see (iCalendar SEQUENCE)
    sequence             integer NOT NULL DEFAULT 0,
    created_by           uuid NOT NULL REFERENCES users (id),
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    published_at         timestamptz,
    cancelled_at         timestamptz
);

CREATE INDEX salons_by_municipality ON salons (municipality_code, status);

-- Hosts have the same rights; `is_creator` marks who made the salon.
CREATE TABLE salon_hosts (
    salon_id   uuid NOT NULL REFERENCES salons (id) ON DELETE CASCADE,
    user_id    uuid NOT NULL REFERENCES users (id),
    is_creator boolean NOT NULL DEFAULT false,
    added_at   timestamptz NOT NULL,
    PRIMARY KEY (salon_id, user_id)
);
CREATE INDEX salon_hosts_by_user ON salon_hosts (user_id);

-- One date of a salon ("salon session" in code, møde in the UI; not a sign-in session).
CREATE TABLE salon_sessions (
    id         uuid PRIMARY KEY,
    salon_id   uuid NOT NULL REFERENCES salons (id) ON DELETE CASCADE,
    starts_at  timestamptz NOT NULL,
    ends_at    timestamptz NOT NULL,
    -- its own place when it differs from the salon's
    place_name text NOT NULL DEFAULT '',
    address    text NOT NULL DEFAULT '',
    CONSTRAINT salon_sessions_end_after_start CHECK (ends_at > starts_at)
);
CREATE INDEX salon_sessions_by_salon ON salon_sessions (salon_id, starts_at);
CREATE INDEX salon_sessions_by_start ON salon_sessions (starts_at);

CREATE TYPE registration_kind AS ENUM ('citizen', 'municipal');
CREATE TYPE registration_status AS ENUM ('registered', 'waitlisted', 'cancelled', 'removed');

-- A person on a salon: registered, or on its waitlist (citizens and municipal guests each have
-- their own list and positions). Offline additions by the host have a name and no account.
CREATE TABLE registrations (
    id                uuid PRIMARY KEY,
    salon_id          uuid NOT NULL REFERENCES salons (id) ON DELETE CASCADE,
    user_id           uuid REFERENCES users (id),
    offline_name      text,
    offline_phone     text,
    kind              registration_kind NOT NULL DEFAULT 'citizen',
    role_id           uuid REFERENCES roles (id) ON DELETE SET NULL,  -- coming in a role
    status            registration_status NOT NULL,
    waitlist_position integer CHECK (waitlist_position IS NULL OR waitlist_position > 0),
    needs             text NOT NULL DEFAULT '',        -- seen by hosts only; deleted 30 days after
    show_name         boolean NOT NULL DEFAULT false,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    CONSTRAINT registrations_someone CHECK (user_id IS NOT NULL OR offline_name IS NOT NULL),
    CONSTRAINT registrations_waitlist_position CHECK ((status = 'waitlisted') = (waitlist_position IS NOT NULL))
);
CREATE UNIQUE INDEX registrations_one_live ON registrations (salon_id, user_id)
    WHERE status IN ('registered', 'waitlisted') AND user_id IS NOT NULL;
CREATE UNIQUE INDEX registrations_waitlist_unique ON registrations (salon_id, kind, waitlist_position)
    WHERE status = 'waitlisted';
CREATE INDEX registrations_by_user ON registrations (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX registrations_by_salon ON registrations (salon_id, status, created_at);

-- Attendance per session: registering for a salon registers for all its sessions.
CREATE TABLE registration_sessions (
    registration_id uuid NOT NULL REFERENCES registrations (id) ON DELETE CASCADE,
    session_id      uuid NOT NULL REFERENCES salon_sessions (id) ON DELETE CASCADE,
    PRIMARY KEY (registration_id, session_id)
);
CREATE INDEX registration_sessions_by_session ON registration_sessions (session_id);

-- Messages a host sent to everyone registered (the text is kept; the mails go through notify).
CREATE TABLE salon_messages (
    id         uuid PRIMARY KEY,
    salon_id   uuid NOT NULL REFERENCES salons (id) ON DELETE CASCADE,
    sent_by    uuid NOT NULL REFERENCES users (id),
    subject    text NOT NULL,
    body       text NOT NULL,
    recipients integer NOT NULL,
    sent_at    timestamptz NOT NULL
);
CREATE INDEX salon_messages_by_sender ON salon_messages (sent_by, sent_at);
