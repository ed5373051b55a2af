-- The weekly mail to those who answer for a unit (Monday 07:00 Copenhagen): what is open, who
-- has it, what next steps are due. One row per person and week (the Monday, Copenhagen date)
-- makes it once per person per week, however many workers run the job or how often it is
-- retried. Personal data of no interest once sent: erased with the account.
create table unit_weekly_mails (
    user_id    uuid not null references users (id) on delete cascade,
    week       date not null,
    created_at timestamptz not null,
    primary key (user_id, week)
);

-- The mail is a kind of its own in the mail settings.
alter table mail_preferences drop constraint mail_preferences_category_check;
alter table mail_preferences add constraint mail_preferences_category_check
    check (category in ('invitations', 'registrations', 'changes', 'reminders', 'followup',
                        'moderation', 'searches', 'unit-weekly'));
