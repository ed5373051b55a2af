-- The public conversation around a salon: "Spørgsmål og input" before it, and "Kommentarer til
-- referatet" for 30 days after its summary is published. Top-level items are questions or
-- comments; replies hang one level under them (the code refuses a reply to a reply).
create table conversation_items (
    id                uuid primary key,
    -- the order written, where two items share a time
    seq               bigint generated always as identity,
    salon_id          uuid not null references salons (id) on delete cascade,
    -- which of the two sections it belongs to
    kind              text not null check (kind in ('before', 'after')),
    -- the account stays (soft-deleted) when its owner leaves: shown as "slettet bruger"
    author_id         uuid not null references users (id),
    parent_id         uuid references conversation_items (id) on delete cascade,
    body              text not null check (length(body) <= 2000),
    -- set by the hosts, on top-level items only
    answered          boolean not null default false,
    pinned            boolean not null default false,
    -- an answer given in a municipal role: the unit whose badge it carries ("svar fra ...")
    role_unit_id      uuid references units (id),
    -- hidden by the moderators: the public reason shown in its place
    hidden_reason     text,
    -- taken back by its author: the body is emptied, "slettet af forfatteren" in its place
    deleted_by_author boolean not null default false,
    created_at        timestamptz not null,
    check (parent_id is null or not (answered or pinned))
);
-- The salon page reads a salon's whole conversation, in order.
create index conversation_items_by_salon on conversation_items (salon_id, created_at, seq);
create index conversation_items_by_parent on conversation_items (parent_id) where parent_id is not null;
-- The limits count a person's recent items; the download and erasure find them.
create index conversation_items_by_author on conversation_items (author_id, created_at);

-- Items are reported and hidden like salons, messages and profiles.
alter type moderation_target add value if not exists 'conversation';

-- How much one person may write: questions (top-level items) a day, replies an hour.
insert into abuse_limits (name, value) values
    ('questions_per_day', 5),
    ('replies_per_hour', 10)
on conflict (name) do nothing;

-- Answers and new questions are a kind of their own in the mail settings.
alter table mail_preferences drop constraint mail_preferences_category_check;
alter table mail_preferences add constraint mail_preferences_category_check
    check (category in ('invitations', 'registrations', 'changes', 'reminders', 'followup',
                        'moderation', 'searches', 'unit-weekly', 'conversation'));
