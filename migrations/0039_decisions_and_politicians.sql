-- A decision's case number in the municipality's own records ("sagsnummer", e.g.
-- 01.02.03-P20-1-24) and the address of its item on the meeting's agenda: both optional, so
-- '' when not given (as `minutes_url` is before the outcome). The address is checked to be an
-- http(s) address before it is stored; the length bounds only keep a row reasonable.
ALTER TABLE decisions
    ADD COLUMN case_number text NOT NULL DEFAULT '' CHECK (length(case_number) <= 60),
    ADD COLUMN agenda_url  text NOT NULL DEFAULT '' CHECK (length(agenda_url) <= 2000);

-- "Før udvalgsmødet": three days before a committee's meeting, each member is mailed once
-- about the salons on that meeting's decisions. A row per member and meeting is what makes it
-- once, whichever worker sends it and however often the job is retried.
CREATE TABLE committee_briefings (
    committee_id uuid NOT NULL REFERENCES units (id),
    meeting_on   date NOT NULL,
    user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    sent_at      timestamptz NOT NULL,
    PRIMARY KEY (committee_id, meeting_on, user_id)
);
CREATE INDEX committee_briefings_by_user ON committee_briefings (user_id);

-- Citizens who follow a person with a public profile (a politician, typically): told when
-- that person accepts an invitation to a public salon. Personal to the follower: in their data
-- download, and gone with either account.
CREATE TABLE profile_followers (
    person_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    user_id   uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    since     timestamptz NOT NULL,
    PRIMARY KEY (person_id, user_id),
    CHECK (person_id <> user_id)
);
CREATE INDEX profile_followers_by_user ON profile_followers (user_id);
