# Invitations: one person, one line; colleagues who are asked; the invitee's link; cancelling

## One person, one line
inv-overlap-heading = Is it the same person?
inv-overlap-via = { $name } is already invited through { $holder }.
inv-overlap-personal = { $name } of { $unit } is already invited in person.
inv-overlap-intro = If you send the invitation anyway, they can answer both at once.
inv-overlap-send = Send anyway
inv-other-heading = You are also invited through
inv-other-intro = You can give the same answer to these at once.
inv-other-you-come = you are listed as coming
inv-also-accept = Also accept the invitation to { $holder }
inv-also-decline = Also decline the invitation to { $holder }
inv-change-decline-heading = Cancel your attendance
inv-change-decline-intro = You accepted. If you cannot come after all, you can change the answer until the salon begins. The seats go to the municipality's waitlist.
inv-change-decline-button = Cancel attendance
inv-change-accept-heading = Come after all
inv-change-accept-intro = You declined. If you can come after all, you can change the answer until the salon begins.
inv-error-answer-locked = The salon has begun, so the answer can no longer be changed.

## Colleagues who are named are asked
inv-comers-colleagues = { $count ->
    [one] 1 colleague
   *[other] { $count } colleagues
}
inv-comers-and = { $names } and { $colleagues }
inv-public-colleagues = { $count ->
    [one] and 1 colleague
   *[other] and { $count } colleagues
}
inv-named-title = { $by } signed you up for { $title }
inv-named-intro = Are you coming? Your name shows on the salon's page only once you say yes. If you say no, the seat goes on, and the hosts and the person who named you are told.
inv-named-when = When
inv-named-for = For
inv-named-as = As
inv-named-role = { $role } for { $municipality }
inv-named-state-asked = Waiting for your answer
inv-named-state-confirmed = You said yes
inv-named-state-declined = You said no
inv-named-state-gone = You are no longer on the list
inv-named-confirm = Yes, I am coming
inv-named-decline = No, I cannot
inv-named-done-confirmed = Thank you! Your name now shows on the salon's page, and the calendar file is in your email.
inv-named-done-declined = You said no. The hosts have been told.
inv-named-error-answered = You have already answered, or the seat is no longer yours.
inv-mail-named-subject = { $by } signed you up for { $title }
inv-mail-named-body = Hello

    { $by } accepted the invitation to the conversation salon "{ $title }" ({ $when }) for { $holder } and named you as one of those coming.

    Your name is not shown on the salon's page until you say yes. Say yes or no here: { $link }

    Kind regards
    Medspil
inv-mail-named-confirmed-subject = You are signed up for { $title }
inv-mail-named-confirmed-body = Hello

    Thank you for coming to the conversation salon "{ $title }". The calendar file is attached.

    See the salon here: { $link }

    Kind regards
    Medspil
inv-mail-named-declined-subject = { $name } cannot come to { $title }
inv-mail-named-declined-body = Hello

    { $name } was named for the conversation salon "{ $title }" for { $holder } but cannot come. The seat has been passed on.

    See the invitation here: { $link }

    Kind regards
    Medspil
calendar-in-role = You attend as { $role }.

## The invitee's link
inv-invitee-title = You are invited to { $title }
inv-invitee-call = Create an account with { $email } to sign up
inv-invitee-have-account = Already have an account with { $email }?
inv-invitee-sign-in = Sign in
inv-invitee-private = You see the address and any link to the online meeting once you are signed up.

## Aflysning / Cancelling
mail-salon-cancelled-invited-body =
    The conversation salon "{ $title }", which you were invited to, is cancelled.

    The host's message:
    { $message }

    This concerns:
    { $sessions }
