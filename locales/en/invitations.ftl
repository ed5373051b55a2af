# Invitations: inviting the municipality, the inbox, answers, the response record and public profiles

nav-inbox = Inbox
nav-inbox-open = { $count ->
    [one] (1 open)
   *[other] ({ $count } open)
}
salon-action-invitations = Invite the municipality and others

## The hosts' page
inv-host-title = Invitations for { $title }
inv-back-to-salon = Back to the salon
inv-send-heading = Send an invitation
inv-send-intro = Invite a department, a committee, the council, a named official or politician — or the whole municipality, if you do not know whom to ask. You can also invite neighbours and others by email.
inv-field-target = Whom do you want to invite?
inv-field-target-hint = The municipality's units and people with a verified role are listed.
inv-field-target-choose = Choose …
inv-target-municipality = All of { $municipality } (we do not know whom to ask)
inv-target-units = Departments, committees and the council
inv-target-people = Officials and politicians
inv-target-others = Others
inv-target-email = Someone by email
inv-field-email = Email address
inv-field-email-hint = When you invite someone by email — or when no one from the municipality is on Medspil yet and neither the unit nor the municipality has a contact address. If they have one, it is used, not the address you enter. An answer from an address you entered yourself does not count as the municipality's answer.
inv-field-message = Personal message
inv-field-message-hint = What is the salon about, and why do you want them there? At most 1,000 characters.
inv-field-reply-by = Please reply by
inv-send-button = Send the invitation
inv-list-heading = Invitations sent
inv-list-empty = You have not sent any invitations yet.
inv-history-heading = History
inv-host-write = Write to those you invited
inv-host-write-button = Send the message
inv-withdraw-button = Withdraw the invitation
inv-host-proposal = They propose another time: { $when }
inv-host-proposal-accept = Use the new time
inv-host-proposal-decline = Keep the old time
inv-done-sent = The invitation is sent.
inv-done-saved = The invitation is saved. It is sent when you publish the salon.
inv-done-withdrawn = The invitation is withdrawn.
inv-done-message = The message is sent.
inv-done-proposal-accepted = The session has moved, and everyone registered has been told.
inv-done-proposal-declined = You keep the time. The invitation is open again.

inv-state-open = { $count ->
    [0] Has not replied yet (sent today)
    [one] Has not replied yet (1 day)
   *[other] Has not replied yet ({ $count } days)
}
inv-state-open-mailbox = { $count ->
    [0] Sent to the municipality's mailbox today — no reply yet
    [one] Sent to the municipality's mailbox — no reply yet (1 day)
   *[other] Sent to the municipality's mailbox — no reply yet ({ $count } days)
}
inv-state-proposed = Proposes another time — waiting for you
inv-state-accepted = Coming
inv-state-declined = Declined: { $reason }
inv-state-withdrawn = Withdrawn

inv-event-sent = { $by } sent the invitation.
inv-event-accepted = { $by } accepted.
inv-event-declined = { $by } declined.
inv-event-passed-on = { $by } passed the invitation on to { $to }.
inv-event-proposed = { $by } proposed another time.
inv-event-proposed-at = { $by } proposed { $when }.
inv-event-proposal-accepted = { $by } took the proposed time.
inv-event-proposal-declined = { $by } kept the original time.
inv-event-question = { $by } asked a question.
inv-event-host-message = { $by } wrote.
inv-event-attendees-changed = { $by } changed who is coming.
inv-event-withdrawn = { $by } withdrew the invitation.

inv-error-target-missing = Choose whom to invite.
inv-error-message-missing = Write a personal message.
inv-error-message-too-long = The message can be at most 1,000 characters.
inv-error-reply-by-invalid = Enter the date as dd-mm-yyyy.
inv-error-reply-by-past = That date has passed.
inv-error-email-needed = Enter the email address to send the invitation to.
inv-error-mailbox-needed = No one from them is on Medspil yet, and they have no contact address. Enter an email address, such as the municipality's general address.
inv-error-suppressed = This address has asked for no more invitations from Medspil.
inv-error-already-invited = You already have an open invitation to them.
inv-error-limit-day = { $limit ->
    [one] You can send 1 invitation by email a day. You can send the next from { $when }.
   *[other] You can send { $limit } invitations by email a day. You can send the next from { $when }.
}
inv-error-limit-salon = { $count ->
    [one] A salon can send 1 invitation by email.
   *[other] A salon can send { $count } invitations by email.
}
inv-error-withdraw-answered = The invitation has been answered and cannot be withdrawn.
inv-error-salon-over = The salon is over or cancelled, so no more invitations can be sent.
inv-error-text-missing = Write a message.
inv-error-text-too-long = The text is too long.
inv-error-reason-missing = Give a reason, so the hosts know why.
inv-error-reason-too-long = The reason can be at most 1,000 characters.
inv-error-names-missing = Enter the name of at least one person coming.
inv-error-names-too-many = At most 10 names, each at most 100 characters.
inv-error-comers-missing = Choose at least one person who is coming.
inv-error-comers-invalid = Only people with a role in the municipality can come for it.
inv-error-sessions-missing = Choose at least one session.
inv-error-pass-target = Choose a unit or a person in the same municipality.
inv-error-time-past = The time must be in the future.
inv-error-session-missing = Choose the session you propose to move.
inv-error-answered = { $name } answered { $ago }.
inv-error-answered-anon = The invitation was answered { $ago }.
inv-error-answered-anon-plain = The invitation has already been answered.
inv-error-withdrawn = The hosts have withdrawn the invitation.

inv-ago-minutes = { $count ->
    [0] a moment ago
    [one] 1 minute ago
   *[other] { $count } minutes ago
}
inv-ago-hours = { $count ->
    [one] 1 hour ago
   *[other] { $count } hours ago
}
inv-ago-days = { $count ->
    [one] 1 day ago
   *[other] { $count } days ago
}

## The inbox
inv-inbox-title = Inbox
inv-inbox-no-role = The inbox is for the municipality's officials and politicians. Ask for a role on your municipality's page.
inv-inbox-filter-status = Show
inv-inbox-status-open = Open
inv-inbox-status-answered = Answered
inv-inbox-status-all = All
inv-inbox-filter-unit = Unit
inv-inbox-filter-unit-all = All units
inv-inbox-filter-from = Salon from date
inv-inbox-filter-to = Salon to date
inv-inbox-filter-button = Show invitations
inv-inbox-empty = There are no invitations here.
inv-inbox-pages-label = Pages of the inbox
inv-inbox-next-page = More invitations
inv-inbox-first-page = First page
inv-inbox-col-salon = Salon
inv-inbox-col-to = To
inv-inbox-col-sent = Sent
inv-inbox-col-date = Salon date
inv-inbox-col-state = State
inv-inbox-sent = Sent { $ago }
inv-inbox-state-open = Waiting for an answer
inv-inbox-state-proposed = Other time proposed
inv-inbox-state-accepted = Accepted
inv-inbox-state-declined = Declined
inv-inbox-state-withdrawn = Withdrawn
inv-export-salon = Salon
inv-export-unit = Unit
inv-export-invitation = Invitation
inv-export-status = Status
inv-export-event = Event
inv-export-when = When
inv-export-who = Who

## One invitation
inv-answer-title = Invitation: { $title }
inv-back-to-inbox = Back to the inbox
inv-facts-salon = Salon
inv-facts-to = To
inv-facts-from = From
inv-facts-reply-by = Please reply by
inv-facts-state = State
inv-facts-message = The hosts' message
inv-accept-heading = Accept
inv-accept-who = Who is coming?
inv-accept-me = Me ({ $role })
inv-accept-sessions = To which sessions?
inv-accept-button = Accept
inv-attendees-heading = Who is coming
inv-attendees-button = Save who is coming
inv-field-note = Message to the hosts
inv-decline-heading = Decline
inv-field-reason = Reason
inv-field-reason-hint = The hosts and the salon's page show the reason.
inv-decline-button = Decline
inv-pass-heading = Pass on
inv-pass-intro = If it is not for you to answer, pass the invitation on within the municipality. Its history goes with it, and its clock keeps running.
inv-field-pass-to = Pass on to
inv-field-pass-note = Note for those taking over
inv-pass-button = Pass on
inv-propose-heading = Propose another time
inv-field-session = Session
inv-field-date = New date
inv-field-start = Starts at
inv-field-end = Ends at
inv-propose-button = Propose the time
inv-question-heading = Ask the hosts
inv-field-question = Your question
inv-question-button = Send the question
inv-answer-done-accepted = Thank you! The hosts have been told who is coming.
inv-answer-done-declined = The hosts have your answer.
inv-answer-done-passed-on = The invitation has been passed on.
inv-answer-done-proposed = The hosts have your proposal.
inv-answer-done-question = Your question has been sent to the hosts.
inv-answer-done-attendees = The hosts have been told of the change.

## Answering by link (no account)
inv-mailbox-intro = The municipality is invited to a conversation salon. You can answer here without an account.
inv-field-your-name = Your name
inv-field-your-name-hint = The hosts see who answered for the municipality.
inv-field-names = Who is coming?
inv-field-names-hint = One name per line, with the job title if you like, e.g. "Jens Hansen, road engineer".
inv-mailbox-join-heading = Join Medspil
inv-mailbox-join = With an account and a role in the municipality, you get invitations in a shared inbox.
inv-mailbox-done-accept = Thank you! The hosts have been told who is coming.
inv-mailbox-done-decline = The hosts have your answer.
inv-mailbox-done-question = Your question has been sent to the hosts.
inv-stop-title = No more invitations
inv-stop-intro = Press the button, and Medspil will send no more invitations to this address.
inv-stop-button = Send me no more invitations
inv-stop-done = Medspil will send no more invitations to the address.

## The salon's page
inv-public-heading = The municipality is invited
inv-public-accepted = coming
inv-public-accepted-names = coming — { $names }
inv-public-declined = declined: { $reason }
inv-public-proposed = proposed another time
inv-public-open = { $count ->
    [0] has not replied yet (sent today)
    [one] has not replied yet (1 day)
   *[other] has not replied yet ({ $count } days)
}
inv-public-open-mailbox = { $count ->
    [0] sent to the municipality's mailbox — no reply yet (sent today)
    [one] sent to the municipality's mailbox — no reply yet (1 day)
   *[other] sent to the municipality's mailbox — no reply yet ({ $count } days)
}

## The response record
inv-record-heading = How they answer invitations
inv-record-empty = No invitations in the last 12 months.
inv-record-not-on-medspil = Not on Medspil yet.
inv-record-by-email = { $count ->
    [one] 1 invitation was sent to the municipality's mailbox.
   *[other] { $count } invitations were sent to the municipality's mailbox.
}
inv-record-median = Typical time to first reply (median)
inv-record-p90 = 9 out of 10 reply within
inv-record-replied = Replied
inv-record-of = { $n } of { $of }
inv-record-accepted = Accepted
inv-record-declined = Declined
inv-record-proposed = Proposed another time
inv-record-unanswered = Not answered before the salon
inv-record-open = Open now
inv-record-open-old = Open for more than 14 days
inv-record-passed-on = Passed on
inv-record-typed = Answers from an address the host entered (not counted)
inv-record-unanswered-value = not answered
inv-record-hours = { $count ->
    [one] 1 hour
   *[other] { $count } hours
}
inv-record-days = { $count ->
    [one] 1 day
   *[other] { $count } days
}
inv-record-days-fraction = { $days } days
inv-record-how = How we count
inv-record-explain = We count every invitation to the municipality, a unit or a person in a role over the last 12 months — not those the hosts withdrew, nor those whose salon was cancelled before any reply or hidden by the moderators. A first reply is an acceptance, a refusal, a proposed time or a question; passing on is not a reply, and the time runs from when the hosts sent the invitation. The reply counts for the unit holding the invitation when it replied. An invitation with no reply when its salon starts counts as not answered and stays in the figures as slower than any reply — so not answering never improves them. When more than half (a tenth) are not answered, the median (9 out of 10) reads "not answered". Only an answer proven to come from the municipality counts: from a person with an approved role, or from the unit's or the municipality's own contact address. An answer from an address the host entered (because neither the unit nor the municipality had a contact address) is shown as such but does not count as the municipality's — the invitation counts, and it stays not answered. Invitations of a salon that is not published do not count; they are sent when the salon is published, and the time runs from then. Decisions with citizens' salons before they were made: of the cases the committees and council decided (or were due to) in the last 12 months, how many had a public conversation salon about them before the meeting day.
unit-invited-heading = Invited to
unit-invited-empty = No upcoming public salons have invited the unit.

## Public profiles
people-roles-heading = Roles
people-salons-heading = Salons in the role
people-salons-empty = No public salons yet.
people-salon-came = took part
people-salon-coming = coming
people-salon-answered = answered for the municipality

## Emails
inv-update-accepted = { $by } accepted. Coming: { $names }.
inv-update-seats-full = The municipality's reserved seats are taken, so they are on the waitlist. Add a municipal seat under "Edit" and they get it.
inv-update-attendees = { $by } changed who is coming: { $names }.
inv-update-declined = { $by } declined: { $reason }
inv-update-question = { $by } asks: { $text }
inv-update-proposed = { $by } proposes another time: { $when }.
inv-mail-host-accepted-subject = { $holder } is coming to { $title }
inv-mail-host-attendees-subject = Change in who is coming from { $holder }
inv-mail-host-declined-subject = { $holder } declined { $title }
inv-mail-host-question-subject = A question from { $holder } about { $title }
inv-mail-host-proposed-subject = { $holder } proposes another time for { $title }
inv-mail-host-accepted-body = { inv-mail-host-body }
inv-mail-host-attendees-body = { inv-mail-host-body }
inv-mail-host-declined-body = { inv-mail-host-body }
inv-mail-host-question-body = { inv-mail-host-body }
inv-mail-host-proposed-body = { inv-mail-host-body }
inv-mail-host-body = Hello

    News about your invitation to { $holder } — "{ $title }":

    { $what }

    See and reply here: { $link }

    Best regards
    Medspil
inv-mail-invited-subject = Invitation: { $title }
inv-mail-invited-body = Hello

    { $host } invites { $holder } to the conversation salon "{ $title }" ({ $when }):

    { $message }

    { $facts }

    Answer here — accept, decline, pass on or ask the hosts: { $link }

    Best regards
    Medspil
inv-mail-passed-on-subject = Passed on to you: { $title }
inv-mail-passed-on-body = Hello

    An invitation to the conversation salon "{ $title }" ({ $when }) has been passed on to { $holder }.

    { $text }

    The hosts' message: { $message }

    { $facts }

    Answer here: { $link }

    Best regards
    Medspil
inv-mail-host-message-subject = A message from the hosts: { $title }
inv-mail-host-message-body = Hello

    The hosts of "{ $title }" write:

    { $text }

    Answer here: { $link }

    Best regards
    Medspil
inv-mail-proposal-accepted-subject = The new time is agreed: { $title }
inv-mail-proposal-accepted-body = Hello

    The hosts of "{ $title }" took your proposal, and the session has moved. The invitation now waits for your answer.

    Answer here: { $link }

    Best regards
    Medspil
inv-mail-proposal-declined-subject = The hosts keep the time: { $title }
inv-mail-proposal-declined-body = Hello

    The hosts of "{ $title }" keep the original time ({ $when }). The invitation is open again.

    Answer here: { $link }

    Best regards
    Medspil
inv-mail-reminder-subject = Reminder: invitation to { $title }
inv-mail-reminder-body = Hello

    { $holder } is invited to the conversation salon "{ $title }" ({ $when }) and has not answered yet.

    { $message }

    { $facts }

    Answer here: { $link }

    Best regards
    Medspil
inv-mail-invited-mailbox-subject = An invitation for the municipality: { $title }
inv-mail-invited-mailbox-body = Hello

    { $host } invites { $holder } to the conversation salon "{ $title }" ({ $when }):

    { $message }

    { $facts }

    No one from you is on Medspil yet, so the invitation came here. You can answer without an account — accept and say who is coming, decline with a reason, or ask the hosts:
    { $link }

    To get invitations in a shared inbox, create an account: { $join }

    Best regards
    Medspil
inv-mail-passed-on-mailbox-subject = { inv-mail-invited-mailbox-subject }
inv-mail-passed-on-mailbox-body = { inv-mail-invited-mailbox-body }
inv-mail-host-message-mailbox-subject = { inv-mail-host-message-subject }
inv-mail-host-message-mailbox-body = { inv-mail-host-message-body }
inv-mail-proposal-accepted-mailbox-subject = { inv-mail-proposal-accepted-subject }
inv-mail-proposal-accepted-mailbox-body = { inv-mail-proposal-accepted-body }
inv-mail-proposal-declined-mailbox-subject = { inv-mail-proposal-declined-subject }
inv-mail-proposal-declined-mailbox-body = { inv-mail-proposal-declined-body }
inv-mail-reminder-mailbox-subject = { inv-mail-reminder-subject }
inv-mail-reminder-mailbox-body = { inv-mail-reminder-body }
inv-mail-neighbour-subject = You are invited: { $title }
inv-mail-neighbour-body = Hello

    { $host } invites you to the conversation salon "{ $title }" ({ $when }):

    { $message }

    See the salon and sign up here: { $link }

    Best regards
    Medspil
inv-mail-stop-line = No more invitations from Medspil? Press here:

## True on the salon's page
inv-public-awaits-publish = sent when the salon is published
inv-public-typed-answer = answer received from an address the host entered
inv-public-accepted-waiting = has said yes — on the waitlist: { $names }
inv-public-accepted-some-waiting = coming — { $names } · on the waitlist: { $waiting }
inv-public-accepted-no-one = has said yes, but no one from the municipality is registered any more
inv-public-accepted-waiting-elsewhere = has said yes — on the waitlist
inv-public-proposal-taken = proposed { $when } — the host took it
inv-public-proposal-kept = proposed { $when } — the host kept the original time
inv-public-open-typed = { $count ->
    [0] sent to an address the host entered — no answer yet (sent today)
    [one] sent to an address the host entered — no answer yet (1 day)
   *[other] sent to an address the host entered — no answer yet ({ $count } days)
}
inv-state-awaits-publish = Saved — sent when the salon is published
inv-state-open-typed = { $count ->
    [0] Sent today to an address you entered — no answer yet
    [one] Sent to an address you entered — no answer yet (1 day)
   *[other] Sent to an address you entered — no answer yet ({ $count } days)
}
inv-state-typed-answer = { $state } — the answer came from an address you entered and does not count as the municipality's
inv-send-over = The salon is over, so no more invitations can be sent.
inv-send-cancelled = The salon is cancelled, so no more invitations can be sent.
inv-mail-facts-sessions = Sessions:
inv-mail-facts-place = Place: { $place }
inv-mail-facts-address-private = { $place } (the address is on the salon's page for registered people)
inv-mail-facts-town = Town: { $town }
inv-mail-facts-reply-by = Please answer by: { $day }

## Who in the unit handles an invitation (only those who answer for it see this)
inv-claim-heading = Who is handling it
inv-claim-nobody = Nobody has taken it yet.
inv-claim-held = { $name } has had it since { $since }.
inv-claim-button = I'll take it
inv-claim-me = Myself
inv-claim-intro = Only your own colleagues can see who has taken the invitation. Everyone who answers for you can still answer it.
inv-field-hand-over-to = Give it to a colleague
inv-hand-over-button = Hand it over
inv-answer-done-claimed = You have taken the invitation. Your colleagues can see that.
inv-answer-done-handed-over = The invitation has been handed over, and your colleague has been told.
inv-error-claimed = { $name } took it on { $since }.
inv-error-claim-changed = A colleague just changed who has the invitation. See here who has it now.
inv-error-claim-closed = The invitation is no longer open.
inv-error-hand-over-to = Choose a colleague who answers for the invitation.
inv-event-claimed = { $by } took the invitation.
inv-event-handed-over = { $by } gave the invitation to { $to }.
inv-release-button = Put it back
inv-answer-done-released = The invitation is put back. Nobody has it now.
inv-event-released = { $by } put the invitation back.
inv-inbox-filter-claim = Who has it
inv-inbox-claim-all = All
inv-inbox-claim-mine = Mine
inv-inbox-claim-none = Nobody has taken it
inv-inbox-col-claim = Who has it
inv-inbox-claimed = { $name } since { $since }
inv-inbox-unclaimed = Nobody yet
inv-mail-handed-over-subject = You have been given an invitation: { $title }
inv-mail-handed-over-body = Hello

    { $by } has given you the invitation to the conversation salon "{ $title }" ({ $when }). You are handling it now; everyone who answers for you can still answer it.

    See it here: { $link }

    Best regards
    Medspil

## Internal notes (only those who answer for the invitation and the municipality's admins)
inv-notes-heading = Internal notes
inv-notes-intro = Only those who answer for the invitation and the municipality's admins can see the notes. The hosts and the public never see them.
inv-notes-empty = There are no notes yet.
inv-notes-button = Save note
inv-notes-title = Internal notes: { $title }
inv-notes-holder = To { $holder }
inv-notes-back = Back to the invitation
inv-notes-to-salon = See the salon
inv-field-internal-note = New note
inv-field-internal-note-hint = For example "I'm checking with the roads department". The note stays with the municipality.
inv-error-note-missing = Write the note.
inv-answer-done-noted = The note is saved.

## Due and overdue in the inbox
inv-inbox-col-reply-by = Please answer by
inv-inbox-reply-by-none = Not given
inv-inbox-overdue = Overdue
inv-inbox-salon-in = { $count ->
    [0] The salon is today
    [1] The salon is tomorrow
   *[other] The salon is in { $count } days
}

## The unit's weekly mail (Monday 07:00)
mail-settings-unit-weekly = The unit's week
mail-settings-unit-weekly-hint = For those who answer for a unit: on Monday morning, the open invitations, who has them, and the next steps that are due.
unit-weekly-subject = This week: { $units }
unit-weekly-body =
    Here is this week's overview of what you answer for.

    { $sections }

    See the inbox: { $link }
unit-weekly-unit = == { $unit } ==
unit-weekly-no-open = No open invitations.
unit-weekly-open = { $count ->
    [one] 1 open invitation:
   *[other] { $count } open invitations:
}
unit-weekly-open-line = - { $salon }: { $who }{ $by }
unit-weekly-has = { $name } has it
unit-weekly-nobody = nobody has taken it
unit-weekly-reply-by = {", "}reply requested by { $date }
unit-weekly-steps = Next steps due or overdue:
unit-weekly-step-due = - { $step } (by { $date })
unit-weekly-step-overdue = - { $step } (overdue, due { $date })
unit-weekly-record = The last 30 days: { $received ->
    [one] 1 invitation
   *[other] { $received } invitations
} received, { $replied } answered by the unit.
