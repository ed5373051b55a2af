-- A picture for each salon. The host uploads one file; the server decodes it, re-encodes it as
-- JPEG at up to three widths (which drops EXIF and GPS) and keeps only those re-encodings, here
-- in PostgreSQL, so every process serves the same bytes and a backup holds them too. The
-- uploaded file itself is never stored.

-- The salon's one picture: its alt text, and the content hash its URLs carry (a new picture
-- has a new hash, so a URL cached for a year never shows another picture).
create table salon_pictures (
    salon_id    uuid primary key references salons (id) on delete cascade,
    hash        text not null check (hash ~ '^[0-9a-f]{32}$'),
    alt         text not null check (alt <> ''),
    uploaded_by uuid references users (id) on delete set null,
    uploaded_at timestamptz not null
);

-- The re-encoded JPEGs, keyed by salon, content hash and width. Replacing or removing the
-- picture deletes them with it.
create table salon_picture_files (
    salon_id uuid not null references salon_pictures (salon_id) on delete cascade,
    hash     text not null,
    width    integer not null check (width between 1 and 1600),
    height   integer not null check (height >= 1),
    bytes    bytea not null,
    primary key (salon_id, hash, width)
);

-- Uploads per host, for the `picture_uploads_per_day` limit: counted from these rows, since a
-- replaced picture leaves no row behind in the tables above. Rows older than a day are deleted
-- whenever a new one is written.
create table picture_uploads (
    user_id uuid not null references users (id) on delete cascade,
    at      timestamptz not null
);

create index picture_uploads_by_user on picture_uploads (user_id, at);

insert into abuse_limits (name, value) values ('picture_uploads_per_day', 20)
on conflict (name) do nothing;
