-- Directory searches a person follows ("Få besked om nye saloner i Ry / om trafik"): the
-- filters they saved from /salons. When a public salon is published, everyone whose search
-- it matches gets a mail. The words are kept as typed (shown back, searched with the
-- directory's own tsquery) beside their prefix form, made by the same code as the directory's.
-- Personal data: in the download, erased with the account.
create table salon_searches (
    id                bigint generated always as identity primary key,
    user_id           uuid not null references users (id) on delete cascade,
    q                 text,
    q_prefix          text not null default '',
    municipality_code text references municipalities (code),
    town              text,
    topic             text,
    format            salon_format,
    created_at        timestamptz not null,
    -- An empty filter would be every salon in Denmark: not a thing to follow.
    check (q is not null or municipality_code is not null or town is not null
           or topic is not null or format is not null),
    -- Following the same search twice is one follow.
    unique nulls not distinct (user_id, q, municipality_code, town, topic, format)
);
create index salon_searches_by_user on salon_searches (user_id, created_at);

-- Who was told of which salon: once per salon and person, however many of their searches it
-- matches and however often the news job runs (a retry, two workers).
create table salon_search_notices (
    salon_id   uuid not null references salons (id) on delete cascade,
    user_id    uuid not null references users (id) on delete cascade,
    created_at timestamptz not null,
    primary key (salon_id, user_id)
);
create index salon_search_notices_by_user on salon_search_notices (user_id);

-- The mail about such a salon is a kind of its own in the mail settings.
alter table mail_preferences drop constraint mail_preferences_category_check;
alter table mail_preferences add constraint mail_preferences_category_check
    check (category in ('invitations', 'registrations', 'changes', 'reminders', 'followup',
                        'moderation', 'searches'));
