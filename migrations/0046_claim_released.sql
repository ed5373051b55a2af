-- A claim on an invitation can be put back ("Læg den tilbage") by its holder or one of the
-- municipality's admins: the invitation is then again one that nobody has taken. The release
-- is kept in the invitation's history, like the claim it ends (and hidden from the hosts like
-- it).
alter table invitation_events drop constraint invitation_events_kind_check;
alter table invitation_events add constraint invitation_events_kind_check
    check (kind in ('sent', 'accepted', 'declined', 'passed_on', 'proposed', 'proposal_accepted',
                    'proposal_declined', 'question', 'host_message', 'attendees_changed',
                    'withdrawn', 'claimed', 'handed_over', 'released'));
