# Registrations: signing up, the waitlist, the participant list, CSV, offline additions, messages

## The panel on the salon page
reg-heading = Registration
reg-seats-taken = { $taken } of { $capacity } { $capacity ->
    [one] seat is
   *[other] seats are
} taken.
reg-waiting = { $count ->
    [one] 1 person is on the waitlist.
   *[other] { $count } people are on the waitlist.
}
reg-full-note = The salon is full. If you sign up, you go on the waitlist, and we write to you as soon as a seat is free.
reg-closed = Registration for this salon is closed.
reg-sign-in = Sign in to register
reg-sign-in-or = or
reg-create-account = create an account
reg-unverified = Confirm your email address to be able to register. We have sent you a link.
reg-you-are-registered = You are registered.
reg-you-are-registered-role = You are registered in your role: { $role }.
reg-you-are-waitlisted = You are number { $position } on the waitlist.
reg-you-are-waitlisted-municipal = You are number { $position } on the waitlist for the municipality's seats.
reg-cancel-button = Cancel my registration
reg-leave-button = Leave the waitlist
reg-button = Register
reg-waitlist-button = Put me on the waitlist
reg-host-link = See the participant list
reg-host-waiting = { $count } on the waitlist
reg-public-heading = Who is coming
reg-public-others = { $count ->
    [one] and 1 more
   *[other] and { $count } more
}
reg-field-needs = Special needs
reg-field-needs-hint = For example step-free access, a hearing loop or a sign-language interpreter. Only the hosts see it, and it is deleted 30 days after the salon.
reg-field-show-name = Show my name publicly on the salon
reg-field-come-as = How are you coming?
reg-field-come-as-citizen = As a private citizen
reg-field-come-as-role = In my role: { $role }
reg-field-come-as-hint = If you come in your role, you are shown with your title and use one of the seats set aside for the municipality.
reg-role-label-official = Official
reg-role-label-politician = Politician
reg-role-label-admin = Administrator for the municipality
reg-error-needs-too-long = Write at most 1000 characters about your needs.
reg-error-come-as-missing = Choose whether you come as a private citizen or in your role.
reg-error-come-as-invalid = You cannot come to this salon in that role.
reg-register-page-title = Register: { $title }
reg-register-back = Back to the salon

## The participant list
reg-participants-title = Participants: { $title }
reg-participants-back = Back to the salon
reg-participants-registered-heading = Registered
reg-participants-waitlist-heading = Waitlist
reg-participants-municipal-waitlist-heading = Waitlist for the municipality's seats
reg-participants-none = Nobody yet.
reg-participants-col-position = No.
reg-participants-col-name = Name
reg-participants-col-kind = Coming as
reg-participants-col-needs = Special needs
reg-participants-col-time = Signed up at
reg-participants-col-status = Status
reg-participants-col-actions = Actions
reg-participants-kind-citizen = Citizen
reg-participants-kind-municipal = Municipality
reg-participants-kind-offline = Added by the host
reg-participants-phone = Phone: { $phone }
reg-participants-public = Name shown publicly
reg-participants-remove = Remove
reg-participants-remove-label = Remove { $name }
reg-participants-csv = Download the list as CSV (names and status)
reg-participants-deleted-user = Deleted user
reg-participants-done-removed = The participant has been removed and told.
reg-participants-done-added = The participant has been added.
reg-participants-done-added-waitlist = The salon is full, so the participant was put on the waitlist.
reg-participants-done-sent = The message has been sent to everyone registered.
reg-status-registered = Registered
reg-status-waitlisted = Waitlist no. { $position }
reg-status-cancelled = Cancelled
reg-status-removed = Removed

## Adding someone who is not online
reg-offline-heading = Add a participant who is not online
reg-offline-intro = The participant counts against the seats. The phone number is deleted 30 days after the salon.
reg-offline-button = Add participant
reg-field-offline-name = Name
reg-field-offline-phone = Phone number
reg-error-offline-name-missing = Write the participant's name.
reg-error-phone-invalid = Write a phone number with digits, for example 12 34 56 78.

## Message to everyone registered
reg-message-heading = Write to everyone registered
reg-message-intro = The message is sent by email to everyone registered who has an account, and to the other hosts. You can send at most { $limit } messages a day.
reg-message-cancelled = The salon is cancelled, and everyone registered has been told. No more messages can be sent from here.
reg-message-button = Send message
reg-field-message-subject = Subject
reg-field-message-body = Message
reg-error-subject-missing = Write a subject.
reg-error-subject-too-long = The subject can be at most 200 characters.
reg-error-body-missing = Write a message.
reg-error-body-too-long = The message can be at most 5000 characters.
reg-error-message-limit = { $limit ->
    [one] You have sent 1 message in the last day. You can send the next from { $when }.
   *[other] You have sent { $limit } messages in the last day. You can send the next from { $when }.
}

## CSV
reg-csv-name = Name
reg-csv-status = Status
reg-csv-sessions = Sessions
reg-csv-phone = Phone
reg-csv-kind = Coming as

## Emails
reg-mail-registered-subject = You are registered: { $title }
reg-mail-registered-body =
    Hello { $name }

    You are registered for the conversation salon "{ $title }", for all of its sessions:

    { $sessions }

    Time and place are also in the attached calendar file.

    See the salon or cancel your registration here:
    { $link }

    Best regards
    Medspil
reg-mail-waitlisted-subject = You are on the waitlist: { $title }
reg-mail-waitlisted-body =
    Hello { $name }

    The conversation salon "{ $title }" is full, so you are number { $position } on the waitlist. If a seat becomes free, we register you at once and write to you.

    See the salon or leave the waitlist here:
    { $link }

    Best regards
    Medspil
reg-mail-promoted-subject = A seat is free – you are registered: { $title }
reg-mail-promoted-body =
    Hello { $name }

    A seat has become free in the conversation salon "{ $title }", and you are now registered:

    { $sessions }

    Time and place are also in the attached calendar file.

    If you cannot come after all, cancel here so the seat goes to the next person:
    { $link }

    Best regards
    Medspil
reg-mail-removed-subject = Your registration has been removed: { $title }
reg-mail-removed-body =
    Hello { $name }

    The host of the conversation salon "{ $title }" has removed your registration. If you have questions, contact the host.

    { $link }

    Best regards
    Medspil
reg-mail-host-message-subject = [{ $title }] { $subject }
reg-mail-host-message-body =
    { $body }

    —
    This message was sent by { $host }, host of the conversation salon "{ $title }", to everyone registered.
    { $link }

## Who is coming, and who took part: the same figures in the same words everywhere
reg-heading-after = Who took part
reg-count-before = Registered:
reg-count-after = Took part:
reg-draft = Not published yet.
reg-public-heading-after = Participants
reg-turnout-citizens = { $count ->
    [one] 1 citizen
   *[other] { $count } citizens
}
reg-turnout-offline = { $count } added by the hosts
reg-turnout-municipal = { $count } from the municipality
reg-turnout-none = no one
reg-turnout-list = { $first } and { $last }

## Sessions: seats and lines per session
reg-field-sessions = Which sessions will you come to?
reg-field-sessions-hint = You can change this later. Each session has its own seats and its own waiting list.
reg-error-sessions-missing = Choose at least one session.
reg-session-seat = You have a seat
reg-session-waitlisted = Number { $position } on the waiting list
reg-session-full = full, waiting list
reg-edit-heading = Change your registration
reg-update-button = Save changes
reg-participants-sessions = Sessions
