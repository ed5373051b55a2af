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
