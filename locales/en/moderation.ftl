# House rules and moderation: reports, the moderators' queue, hidden content, appeals

mod-target-salon = Salon
mod-target-message = Message
mod-target-profile = Profile
mod-category-harassment = Harassment or threats
mod-category-hate = Hate speech or discrimination
mod-category-spam = Spam or advertising
mod-category-misinformation = Deliberate deception
mod-category-privacy = Private information about others
mod-category-illegal = Illegal content
mod-category-other = Something else
mod-hidden-by-suspension = Hidden because the host's account is suspended.
mod-hidden-heading = Hidden by Medspil's moderators:
mod-hidden-salon-title = This salon is hidden
mod-hidden-profile-title = This profile is hidden
mod-rules-link = Read the house rules
mod-appeal-link = See why, and appeal
mod-back = Back
mod-see-content = See the content
mod-report-link = Report this salon
mod-report-message-link = Report this message
mod-report-profile-link = Report this profile
mod-report-title-salon = Report a salon
mod-report-title-message = Report a message
mod-report-title-profile = Report a profile
mod-report-intro = Does it break the house rules? Tell Medspil's moderators why. The municipality does not see your report, and the person you report is not told who you are. You will hear back when a moderator has looked at it.
mod-field-category = What is the problem?
mod-field-note = Tell us more
mod-field-note-hint = What is wrong, and where? At most 2,000 characters.
mod-report-button = Send the report
mod-report-sent = Thank you. Your report has gone to Medspil's moderators, and you will hear back when they have looked at it.
mod-message-from = Message from { $name }
mod-message-hidden-see-history = The message is hidden by Medspil's moderators (see the history).
mod-error-category = Choose what the problem is.
mod-error-note-too-long = At most 2,000 characters.

mod-queue-title = Moderation
mod-queue-link = Moderation: reports and appeals waiting
mod-queue-intro = What waits for a moderator: new reports and appeals, oldest first.
mod-queue-empty = Nothing is waiting. Good.
mod-queue-appeal = Appeal
mod-queue-reports = { $count ->
    [one] 1 open report
   *[other] { $count } open reports
}
mod-log-title = Moderation log
mod-log-intro = Everything the moderators did, newest first. The log cannot be changed or deleted.
mod-log-empty = The log is empty.
mod-log-item = the case
mod-log-platform = Medspil
mod-action-dismiss = dismissed the reports
mod-action-hide = hid the content
mod-action-restore = restored the content
mod-action-uphold = turned down the appeal (stays hidden)
mod-action-suspend = suspended the account
mod-action-lift = lifted the suspension
mod-action-suspension-ended = the suspension ran out
mod-action-appeal = appealed
mod-action-appeal-link = sent a new appeal link

mod-item-state = Status
mod-item-hidden = Hidden
mod-item-visible = Shown
mod-item-owner = Owner
mod-item-where = Where
mod-item-content = The reported content
mod-item-appeal = The owner's appeal
mod-item-reports = Reports
mod-item-no-reports = No reports.
mod-item-history = History
mod-item-actions = What do you do?
mod-content-gone = The content no longer exists.
mod-outcome-open = waiting
mod-outcome-dismissed = dismissed
mod-outcome-hidden = hidden
mod-outcome-suspended = account suspended
mod-field-log-note = Note for the log
mod-dismiss-heading = Dismiss the reports
mod-dismiss-button = Dismiss
mod-uphold-heading = Turn down the appeal – the content stays hidden
mod-uphold-button = Turn down the appeal
mod-hide-heading = Hide the content
mod-field-public-reason = Public reason
mod-field-public-reason-hint = Shown in place of the content and sent to its owner. Refer to the house rules.
mod-hide-button = Hide
mod-restore-heading = Restore the content
mod-restore-button = Restore
mod-suspend-heading = Suspend the owner's account
mod-suspend-intro = The account cannot sign in, its sessions end, its salons are hidden and its open email invitations are withdrawn.
mod-field-duration = For how long?
mod-duration-7 = 7 days
mod-duration-30 = 30 days
mod-duration-90 = 90 days
mod-duration-365 = A year
mod-duration-permanent = For good
mod-field-suspend-reason = Reason
mod-field-suspend-reason-hint = Sent to the person and kept in the log.
mod-suspend-button = Suspend
mod-lift-heading = Lift the suspension
mod-lift-button = Lift
mod-suspended-until = Suspended until { $date }
mod-suspended-for-good = Suspended for good
mod-done-dismiss = The reports are dismissed, and the reporters have been told.
mod-done-hide = The content is hidden. Its owner and the reporters have been told.
mod-done-restore = The content is shown again, and its owner has been told.
mod-done-uphold = The appeal is turned down, and the owner has been told.
mod-done-suspend = The account is suspended.
mod-done-lift = The suspension is lifted.
mod-error-reason-missing = Write a reason.
mod-error-reason-too-long = At most 1,000 characters.
mod-error-duration = Choose for how long.
mod-error-not-hidden = The content is not hidden, so there is nothing to restore.
mod-error-no-owner = The content has no owner with an account.
mod-error-already-suspended = The account is already suspended. Lift the suspension first to change it.
mod-error-not-suspended = The account is not suspended.

mod-appeal-title = Your content and the moderators' decision
mod-appeal-what = What
mod-appeal-reason = Reason
mod-appeal-heading = Appeal the decision
mod-appeal-intro = Do you think it does not break the house rules? Say why. Another moderator will look at it. You can appeal once.
mod-field-appeal = Your appeal
mod-field-appeal-hint = At most 2,000 characters.
mod-appeal-button = Send the appeal
mod-appeal-sent = Your appeal has been sent. You will hear back when a moderator has looked at it.
mod-appeal-yours = Your appeal
mod-appeal-waiting = No moderator has looked at it yet.
mod-appeal-decided = The moderators have decided. You have been told.
mod-error-appeal-missing = Say why you appeal.
mod-error-nothing-to-appeal = Your content is not hidden, so there is nothing to appeal.
mod-error-appealed-once = You have already appealed this decision. You can appeal only once.

sign-in-suspended = Your account is suspended until { $date }. The email Medspil sent you says why.
sign-in-suspended-for-good = Your account is suspended for good. The email Medspil sent you says why.

mod-mail-outcome-dismissed-subject = Your report on Medspil
mod-mail-outcome-dismissed-body = Hello

    Thank you for your report. A moderator has looked at it and did not find that the content breaks the house rules, so it is still shown.

    The house rules: { $link }

    Best regards
    Medspil
mod-mail-outcome-hidden-subject = Your report on Medspil
mod-mail-outcome-hidden-body = Hello

    Thank you for your report. A moderator has looked at it, and the content is now hidden.

    The house rules: { $link }

    Best regards
    Medspil
mod-mail-outcome-suspended-subject = Your report on Medspil
mod-mail-outcome-suspended-body = Hello

    Thank you for your report. A moderator has looked at it, and the account behind the content is suspended.

    The house rules: { $link }

    Best regards
    Medspil
mod-mail-hidden-subject = Your content on Medspil is hidden
mod-mail-hidden-body = Hello

    Medspil's moderators have hidden your content ({ $what }). The reason, which is also shown in its place:
    { $reason }

    If you think this is wrong, you can appeal once here: { $link }

    Best regards
    Medspil
mod-mail-hidden-no-appeal-subject = Your content on Medspil is hidden
mod-mail-hidden-no-appeal-body = Hello

    Medspil's moderators have hidden your content ({ $what }). The reason, which is also shown in its place:
    { $reason }

    You have already used your appeal. See the case here: { $link }

    Best regards
    Medspil
mod-mail-restored-subject = Your content on Medspil is shown again
mod-mail-restored-body = Hello

    Medspil's moderators have restored your content ({ $what }). It is shown as before.

    See the case here: { $link }

    Best regards
    Medspil
mod-mail-upheld-subject = Your appeal on Medspil
mod-mail-upheld-body = Hello

    A moderator has looked at your appeal. The content stays hidden, for the reason:
    { $reason }

    See the case here: { $link }

    Best regards
    Medspil
mod-mail-suspended-subject = Your Medspil account is suspended
mod-mail-suspended-body = Hello

    Medspil's moderators have suspended your account until { $until }. Reason:
    { $reason }

    Until then you cannot sign in, and your salons are hidden. The house rules: { $link }
    { $appeal }

    Best regards
    Medspil
mod-mail-suspended-for-good-subject = Your Medspil account is suspended
mod-mail-suspended-for-good-body = Hello

    Medspil's moderators have suspended your account for good. Reason:
    { $reason }

    You can no longer sign in, and your salons are hidden. The house rules: { $link }
    { $appeal }

    Best regards
    Medspil
mod-mail-lifted-subject = Your Medspil account is open again
mod-mail-lifted-body = Hello

    The suspension of your account is over. You can sign in again: { $link }

    Best regards
    Medspil

rules-title = House rules
rules-intro = Medspil is where citizens invite the municipality into the conversation. That needs everyone to feel safe here – including those who disagree. So we have a few house rules.
rules-allowed-heading = What is fine
rules-allowed-criticism = Criticising the municipality, politicians and decisions – sharply, too. Criticism of those in power is not hidden.
rules-allowed-disagree = Disagreeing with each other and saying so.
rules-allowed-organise = Gathering neighbours around a cause and inviting the municipality to listen.
rules-not-allowed-heading = What is not
rules-no-harassment = Harassment, threats or personal attacks.
rules-no-hate = Hate speech or discrimination because of gender, ethnicity, religion, disability or sexuality, for example.
rules-no-spam = Spam, advertising, or salons that are not salons.
rules-no-privacy = Sharing others' private information, such as an address or phone number, without their leave.
rules-no-illegal = Anything illegal under Danish law.
rules-how-heading = How moderation works
rules-how-report = Signed in, you can report a salon, a message or a profile with the "Report" link. You choose what the problem is and can add a note. You hear back when a moderator has looked at it.
rules-how-who = Reports go to Medspil's own moderators – never to the municipality. A municipality cannot hide citizens' salons, not even those about the municipality itself.
rules-how-actions = A moderator can dismiss a report, hide content (its reason then stands in its place), restore it, and for serious or repeated breaches suspend an account for a period or for good. The account's salons are then hidden and its open email invitations withdrawn.
rules-how-log = Everything the moderators do is written to a log that cannot be changed or deleted.
rules-appeal-heading = How to appeal
rules-appeal-body = If your content is hidden, you get an email with the reason and a link. There you can appeal once and say why you think it is wrong. The appeal goes back to the moderators, and you are told their decision.
