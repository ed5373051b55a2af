# Next steps: agreements from the salon, followed up

agr-owner-citizens = The citizens themselves
agr-status-proposed = Proposed
agr-status-agreed = Agreed
agr-status-in-progress = In progress
agr-status-done = Done
agr-status-dropped = Dropped
agr-status-label = Status
agr-due = by { $date }
agr-overdue = Overdue
agr-title = Next step
agr-list-heading = Next steps
agr-list-empty = There are no next steps yet.
agr-hosts-title = Next steps for { $title }
agr-add-heading = Add a next step
agr-add-intro = What did you agree, and who takes it on? The citizens' own steps are agreed at once; a step for a unit or a person of the municipality stays proposed until they take it on or say no with a reason. A deadline cannot be in the past, and a proposed step is never overdue — only once they have taken it on.
agr-field-description = What was agreed?
agr-field-owner = Who takes it on?
agr-field-due = By
agr-add-button = Add
agr-done-added = The next step is added.
agr-error-description-missing = Write what was agreed.
agr-error-description-too-long = At most 1,000 characters.
agr-error-due-invalid = Enter the date as dd-mm-yyyy.
agr-error-owner = Choose who takes it on: the citizens, a unit or a person of the municipality.
agr-error-status = Choose a status.
agr-error-changed = Someone just changed it. This is how it stands now.
agr-timeline-heading = History
agr-timeline-line = { $by }: { $status }
agr-accept-heading = Will you take it on?
agr-accept-button = We take it on
agr-refuse-heading = Say no
agr-field-reason = Reason
agr-refuse-button = Say no
agr-update-heading = Update the status
agr-field-note = Public note
agr-field-note-hint = The hosts, those registered and everyone on the salon's page can read it.
agr-update-button = Update
agr-done-accepted = You have taken it on. The hosts and those registered have been told.
agr-done-refused = Your no and the reason are now on the history.
agr-done-updated = The status is updated, and the hosts and those registered have been told.
agr-followed-heading = Next steps from salons
agr-followed-counts = { $open } open, { $done } done, { $overdue } overdue, { $unanswered } not answered
agr-inbox-heading = Next steps for you to follow up
salon-action-agreements = Next steps
agr-what-proposed = { $by } proposes that you take on this next step.
agr-what-updated = { $by } set the status to: { $status }. { $note }
agr-mail-subject = A next step from { $title }
agr-mail-body = Hello

    About the next step from the conversation salon "{ $title }":
    { $agreement }

    { $what }

    See its history here: { $link }

    Best regards
    Medspil
agr-status-refused = Refused by the municipality
agr-status-refused-because = Refused by the municipality: { $reason }
agr-status-withdrawn = Withdrawn by the hosts
agr-unanswered = Not answered
agr-error-due-past = The date has already passed.
agr-field-due-confirm-hint = Confirm the date or set another; it cannot be before today. Leave it empty for no deadline.
agr-edit-summary = Correct the text
agr-edit-hint = The correction shows as "corrected" with the earlier text, and those who take the step on are told.
agr-edit-button = Save the correction
agr-withdraw-button = Withdraw
agr-done-corrected = The text is corrected. The earlier text is on the step's page.
agr-done-withdrawn = The next step is withdrawn. It stays on the salon, shown as withdrawn.
agr-error-edit-finished = The step is finished, so its text can no longer be corrected.
agr-error-withdraw-taken = The step has been answered already, so you cannot withdraw it.
agr-what-corrected = { $by } corrected the text. Before, it read: { $note }
agr-what-withdrawn = { $by } withdrew the proposal.
