# Co-hosts who are asked, and the hosts' sent messages

## Sent messages
reg-sent-heading = Messages sent
reg-sent-none = No messages have been sent yet.
reg-sent-col-when = Sent
reg-sent-col-by = By
reg-sent-col-subject = Subject
reg-sent-col-recipients = Recipients

## Co-hosts are asked
cohost-invited-heading = Invited as co-hosts
cohost-invited-waiting = waiting for an answer
cohost-title = { $by } invites you to co-host
cohost-to = Sent to
cohost-intro = As a co-host you can edit, publish and cancel the salon, invite the municipality and write to those registered. You show as a host on the salon's page once you accept.
cohost-state-open = Waiting for your answer
cohost-state-accepted = You accepted
cohost-state-declined = Declined
cohost-state-expired = The invitation has expired
cohost-accept = Yes, I will co-host
cohost-decline = No thanks
cohost-call = Create an account with { $email } to accept
cohost-done-declined = You declined. The hosts have been told.
cohost-error-closed = The invitation has already been answered or has expired.
cohost-mail-subject = { $by } invites you to co-host { $title }
cohost-mail-body = Hello

    { $by } would like you to co-host the conversation salon "{ $title }" on Medspil. As a co-host you can edit, publish and cancel the salon.

    Accept or decline here (the link works for 7 days): { $link }

    Kind regards
    Medspil
cohost-mail-accepted-subject = { $name } now co-hosts { $title }
cohost-mail-accepted-body = Hello

    { $name } accepted and now co-hosts the conversation salon "{ $title }".

    See the hosts here: { $link }

    Kind regards
    Medspil
cohost-mail-declined-subject = { $name } declined to co-host { $title }
cohost-mail-declined-body = Hello

    { $name } declined to co-host the conversation salon "{ $title }".

    See the hosts here: { $link }

    Kind regards
    Medspil
cohost-withdraw = Withdraw the invitation to { $email }
cohost-state-withdrawn = The host has withdrawn the invitation
