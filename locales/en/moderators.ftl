# The suspended person's appeal, and moderators who hear of what waits

## Appealing without signing in
mod-mail-appeal-line =
    If you think this is wrong, you can appeal once here, without signing in (the link works for 30 days): { $appeal }
mod-appeal-suspension = Suspended because
mod-mail-appeal-link-subject = A new link to appeal on Medspil
mod-mail-appeal-link-body = Hello

    Medspil's moderators have sent you a new link, so you can appeal the decision without signing in. It works once, for 30 days: { $appeal }

    The house rules: { $link }

    Best regards
    Medspil
mod-mail-upheld-suspension-subject = Your appeal on Medspil
mod-mail-upheld-suspension-body = Hello

    A moderator has looked at your appeal. The suspension of your account stands.

    See the case here: { $link }

    Best regards
    Medspil
mod-appeal-link-heading = Appealing without signing in
mod-appeal-link-intro = The owner is suspended and cannot sign in. The link in the suspension mail works for 30 days; send a new one if it has run out or is lost. The old one stops working.
mod-appeal-link-button = Send a new link to appeal
mod-done-appeal-link = A new link to appeal has been sent to the owner.
mod-error-no-appeal-link = There is nothing the owner can appeal now: the account is not suspended on this case, or it has already been appealed.

## Moderators hear of what waits
mod-notice-report = A report waits in the moderation queue
mod-notice-appeal = An appeal waits in the moderation queue
mod-queue-oldest = The oldest has waited { $waited }.
mod-waited-minutes = { $count ->
    [one] 1 minute
   *[other] { $count } minutes
}
mod-waited-hours = { $count ->
    [one] 1 hour
   *[other] { $count } hours
}
mod-waited-days = { $count ->
    [one] 1 day
   *[other] { $count } days
}
mod-mail-queue-subject = { $count ->
    [one] 1 item waits in the moderation queue
   *[other] { $count } items wait in the moderation queue
}
mod-mail-queue-body = Hello

    { $count ->
        [one] 1 report or appeal waits for a moderator.
       *[other] { $count } reports or appeals wait for a moderator.
    } The oldest has waited { $oldest }.

    See the queue here: { $link }

    You get this mail once a day while anything waits.

    Best regards
    Medspil
mail-settings-moderation = The moderation queue
mail-settings-moderation-hint = For moderators: one mail a day while reports or appeals wait.
