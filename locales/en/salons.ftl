# Conversation salons: creating, editing, publishing, cancelling, hosts and calendar.

## The form
salon-new-title = Host a conversation salon
salon-copy-title = Create a new salon from an earlier one
salon-limit-notice = { $limit ->
    [one] You have created 1 salon in the last day. You can create the next from { $when }.
   *[other] You have created { $limit } salons in the last day. You can create the next from { $when }.
}
salon-error-limit = { $limit ->
    [one] You have created 1 salon in the last day. You can create the next from { $when }. Nothing is saved yet, and what you wrote is still here.
   *[other] You have created { $limit } salons in the last day. You can create the next from { $when }. Nothing is saved yet, and what you wrote is still here.
}
salon-edit-title = Edit { $title }
salon-form-what = What will you talk about?
salon-form-where = Where in Denmark?
salon-form-sessions = When?
salon-form-sessions-hint = Most salons are one evening. If you meet more than once, add another session. Times are Danish time.
salon-form-session-n = Session { $n }
salon-form-remove-session = Remove session { $n }
salon-form-add-session = Add another session
salon-form-place = Place
salon-form-seats = Seats
salon-form-accessibility = Accessibility at the venue
salon-form-create = Create salon (as a draft)
salon-form-save = Save changes
salon-form-back = Back to the salon
salon-field-title = Title
salon-field-question = The question you want to talk about
salon-field-question-hint = E.g. "How do we bring more life to the centre of Ry?"
salon-field-description = Description
salon-field-description-hint = You can use Markdown: **bold**, *italics*, lists and links.
salon-field-municipality = Municipality
salon-field-municipality-choose = Choose a municipality
salon-field-town = Town or area
salon-field-session-date = Date
salon-field-session-start = Starts at
salon-field-session-end = Ends at
salon-form-session-place = Is this session somewhere else?
salon-form-session-place-hint = Fill in only if the session is not at the salon's place. The address is shown the same way as the salon's.
salon-field-session-place-name = Place for this session (if different)
salon-field-session-address = Address for this session
salon-field-format = How do you meet?
salon-field-place-name = Name of the place
salon-field-place-name-hint = E.g. "Ry Library, meeting room 2".
salon-field-address = Address
salon-field-address-hint = Required when you meet in person.
salon-field-address-private = Show the address to registered people only
salon-field-online-link = Link to the online meeting
salon-field-online-link-hint = Required when people can join online. The link is shown to registered people only.
salon-field-capacity = Seats for citizens
salon-field-capacity-hint = Leave empty for no limit.
salon-field-municipal-seats = Seats for the municipality's guests
salon-field-municipal-seats-hint = Kept for officials and politicians, apart from the citizens' seats.
salon-field-visibility = Who can see the salon?
salon-field-topics = Topics
salon-field-topics-hint = Separate with commas, e.g. "traffic, town life".
salon-field-accessibility-note = Anything else about accessibility
salon-format-in_person = In person
salon-format-online = Online
salon-format-hybrid = In person and online
salon-visibility-public-choice = Public: anyone can find it
salon-visibility-unlisted-choice = Unlisted: only people with the link
salon-visibility-invite_only-choice = Invitees only
salon-access-step_free = Step-free access
salon-access-accessible_toilet = Accessible toilet
salon-access-hearing_loop = Hearing loop
salon-access-sign_language = Sign-language interpreting on request

## Form errors
error-salon-title-missing = Write a title.
error-salon-title-too-long = The title can be at most 200 characters.
error-salon-question-missing = Write the question you want to talk about.
error-salon-question-too-long = The question can be at most 300 characters.
error-salon-description-too-long = The description can be at most 10,000 characters.
error-salon-text-too-long = The text can be at most 200 characters.
error-salon-municipality-missing = Choose the municipality where the salon takes place.
error-salon-format-missing = Choose how you meet.
error-salon-address-missing = Write the address when you meet in person.
error-salon-link-missing = Write the link to the online meeting.
error-salon-link-invalid = Write a full link starting with https://
error-salon-capacity-invalid = Write a whole number from 1 to 10,000, or leave the field empty.
error-salon-seats-invalid = Write a whole number from 0 to 100.
error-salon-visibility-missing = Choose who can see the salon.
error-salon-topic-too-long = A topic can be at most 40 characters.
error-salon-topics-too-many = There can be at most 10 topics.
error-session-date-missing = Choose a date.
error-session-date-invalid = Write the date as yyyy-mm-dd, e.g. 2026-12-05.
error-session-time-missing = Write a time.
error-session-time-invalid = Write the time as hh:mm, e.g. 19:00.
error-session-end-before-start = The session must end after it starts.
error-session-address-missing = Write the address for this session.
error-session-past = The session is in the past. Choose a time that has not passed.
error-salon-publish-past = The salon cannot be published because a session is in the past. Change the time first.

## The salon page
salon-question-label = Question
salon-banner-draft = Draft: only the hosts can see the salon until it is published.
salon-banner-cancelled = The salon is cancelled.
salon-banner-held = The salon has taken place.
salon-when-heading = When
salon-calendar-link = Add to calendar (.ics)
salon-where-heading = Where
salon-municipality-label = Municipality
salon-format-label = Format
salon-place-label = Place
salon-session-place-label = Place
salon-link-label = Online meeting
salon-private = shown to registered people
salon-seats-heading = Seats
salon-capacity = { $count ->
    [one] Room for 1 citizen
   *[other] Room for { $count } citizens
}
salon-capacity-unlimited = No limit on the number of participants
salon-seats-left = { $count ->
    [0] no seats left
    [one] 1 seat left
   *[other] { $count } seats left
}
salon-municipal-seats = { $count ->
    [0] No seats kept for the municipality's guests
    [one] 1 seat kept for the municipality's guests
   *[other] { $count } seats kept for the municipality's guests
}
salon-about-heading = About the salon
salon-access-heading = Accessibility
salon-access-fact-step_free = Step-free access
salon-access-fact-accessible_toilet = Accessible toilet
salon-access-fact-hearing_loop = Hearing loop
salon-access-fact-sign_language = Sign-language interpreting on request
salon-topics-heading = Topics
salon-hosts-heading = Hosts
salon-deleted-user = deleted user
salon-actions-heading = For hosts
salon-action-edit = Edit the salon
salon-action-copy = Create a new salon from this one
salon-action-hosts = Co-hosts
salon-action-participants = Participants
salon-action-cancel = Cancel the salon
salon-action-publish = Publish the salon
salon-done-created = The salon was created as a draft.
salon-done-saved = Your changes are saved.
salon-done-published = The salon is published.
salon-done-cancelled = The salon is cancelled, and the people registered have been told.

## Cancelling
salon-cancel-title = Cancel the salon
salon-cancel-intro = Everyone registered for "{ $title }" or on its waitlist gets your message by email.
salon-cancel-message = Message to the participants
salon-cancel-message-hint = Say briefly why, and whether the salon will come back.
salon-cancel-button = Cancel the salon
error-salon-cancel-message-missing = Write a message to the participants.
error-salon-cancel-message-too-long = The message can be at most 2,000 characters.
salon-cancelled-host-deleted = The host deleted their account, so the salon is cancelled.

## Co-hosts
salon-hosts-title = Hosts
salon-hosts-you = you
salon-hosts-remove = Remove { $name } as host
salon-hosts-add-heading = Invite a co-host
salon-hosts-email = The co-host's email
salon-hosts-email-hint = The person gets an invitation by email and becomes a co-host on accepting it. Co-hosts have the same rights as you.
salon-hosts-done-invited = The invitation is sent. The person becomes a co-host on accepting it.
salon-hosts-done-removed = The host is removed.
salon-hosts-done-withdrawn = The invitation has been withdrawn.
salon-hosts-add-button = Send the invitation
error-salon-host-last = The salon must have at least one host. Add another host first.

## Changes (in emails)
salon-change-session = Session { $n }: { $old } → { $new }
salon-change-session-added = New session { $n }: { $new }. You are not registered for it: to come, choose it under "Change your registration" on the salon's page.
salon-change-session-removed = Session cancelled: { $old }
salon-change-session-added-place = New session { $n }: { $new }. Place: { $place }. You are not registered for it: to come, choose it under "Change your registration" on the salon's page.
salon-change-session-place = Place of session { $n }: { $old } → { $new }
salon-change-format = Format: { $old } → { $new }
salon-change-place = Place: { $old } → { $new }
salon-change-link = Online meeting: { $old } → { $new }
salon-change-none = (none)

## Emails
mail-salon-cancelled-subject = Cancelled: { $title }
mail-salon-cancelled-body =
    The conversation salon "{ $title }" is cancelled.

    The host's message:
    { $message }

    This concerns:
    { $sessions }

    { $link }
mail-salon-changed-subject = Changed time or place: { $title }
mail-salon-changed-body =
    The host has changed the conversation salon "{ $title }":

    { $changes }

    See the salon: { $link }
mail-salon-reminder-day-subject = In a day: { $title }
mail-salon-reminder-soon-subject = In two hours: { $title }
mail-salon-reminder-body =
    Hello { $name }

    You are registered for the conversation salon "{ $title }". A reminder of the meeting:

    When: { $when }
    { $where }

    If you cannot come after all, cancel here so the seat can go to someone else:
    { $link }

    Best regards
    Medspil
mail-salon-reminder-place = Place: { $place }
mail-salon-reminder-online = Online meeting: { $link }
