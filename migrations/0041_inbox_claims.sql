-- A unit's shared inbox: who among those answering for an open invitation handles it, and
-- since when. Shown only to those who may answer it; never in public, never to the hosts.
-- The claim says who works on it, not who may answer: any answerer's answer still settles it.
alter table invitations
    add column claimed_by uuid references users (id) on delete set null,
    add column claimed_at timestamptz;
create index invitations_claimed_by on invitations (claimed_by) where claimed_by is not null;

-- Claims and hand-overs are kept in the invitation's history, which the hosts also read: the
-- history shown outside the inbox leaves these two kinds out.
alter table invitation_events drop constraint invitation_events_kind_check;
alter table invitation_events add constraint invitation_events_kind_check
    check (kind in ('sent', 'accepted', 'declined', 'passed_on', 'proposed', 'proposal_accepted',
                    'proposal_declined', 'question', 'host_message', 'attendees_changed',
                    'withdrawn', 'claimed', 'handed_over'));

-- Internal notes on an invitation ("Jeg tjekker med vejafdelingen"): the municipality's own
-- working notes, read only by those who answer for the invitation and the municipality's
-- admins. When the author's account is deleted the note stays with the municipality but
-- loses the name (author_name is emptied), like the invitation's history.
create table invitation_notes (
    id            uuid primary key,
    -- the order they were written in, also within one clock tick
    seq           bigserial not null,
    invitation_id uuid not null references invitations (id) on delete cascade,
    author_id     uuid references users (id) on delete set null,
    author_name   text not null default '',
    body          text not null,
    at            timestamptz not null
);
create index invitation_notes_by_invitation on invitation_notes (invitation_id, seq);
create index invitation_notes_by_author on invitation_notes (author_id) where author_id is not null;
