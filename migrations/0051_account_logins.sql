-- Sign-in through OpenID Connect providers: MitID brokers and municipalities' own logins.

-- A provider's subject belongs to one account; an account may have several logins. Only the
-- provider's id and the subject are kept (never a CPR number or the token).
create table account_logins (
    provider      text not null,
    subject       text not null check (length(subject) between 1 and 255),
    user_id       uuid not null references users (id) on delete cascade,
    -- The slug of the municipality whose staff login carried the configured claim at the
    -- last sign-in: what lets an official role there be approved at once. Null otherwise.
    staff_of      text,
    created_at    timestamptz not null,
    last_used_at  timestamptz not null,
    primary key (provider, subject)
);

create index account_logins_by_user on account_logins (user_id);

-- The provider whose MitID-verified name the account carries; cleared when the name is edited.
alter table users add column name_verified_by text;

-- Which provider a sign-in session came through, so signing out can offer its end-session
-- endpoint, and when the provider last authenticated the person (a fresh sign-in stands in
-- for the password in delete / change email).
alter table sessions
    add column provider  text,
    add column auth_time timestamptz;
