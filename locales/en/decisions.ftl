# Upcoming decisions: salons before the case is decided

dec-heading = Upcoming decisions
dec-list-title = Upcoming decisions in { $municipality }
dec-list-intro = The cases the municipality's committees and council are to decide. Hold a conversation salon about a case before it is decided — while the conversation can still make a difference, and the politicians can read your summary and next steps before the meeting.
dec-feed-link = Meeting dates in your calendar (.ics)
dec-feed-name = Upcoming decisions – { $municipality }
dec-new-link = Publish an upcoming decision
dec-open-heading = To be decided
dec-open-empty = There are no upcoming decisions right now.
dec-decided-heading = Decided
dec-decided-empty = No decisions have been made yet.
dec-to-be-decided = To be decided by
dec-decided-at-meeting = Decided by
dec-salon-count = { $count ->
    [0] No salons yet
    [one] 1 salon
   *[other] { $count } salons
}
dec-hearing-period = Consultation { $from } – { $to }
dec-hearing-label = Consultation period
dec-state-open = To be decided
dec-state-decided = Decided
dec-salons-heading = Salons about this decision
dec-salons-empty = No salons are about this decision yet.
dec-salon-after = after the meeting
dec-salon-summary = Summary
dec-salon-no-summary = The summary has not been published yet.
dec-host-salon = Host a conversation salon about this decision
dec-outcome-heading = The decision
dec-decided-on = Recorded { $date }
dec-minutes-link = Read the minutes of the meeting
dec-follow-heading = Follow this decision
dec-follow-intro = Be told when a salon is about it and when it is decided.
dec-followers = { $count ->
    [0] No one follows it yet.
    [one] 1 person follows it.
   *[other] { $count } people follow it.
}
dec-follow-button = Follow this decision
dec-unfollow-button = Stop following
dec-follow-sign-in = Sign in to follow this decision
dec-staff-heading = For the municipality
dec-edit-link = Edit the decision
dec-record-link = Record the decision
dec-correct-link = Correct the recorded decision
dec-back = Back
dec-new-title = New upcoming decision
dec-edit-title = Edit { $title }
dec-form-intro = Describe the case so a citizen can understand it: what is to be decided, who prepares it, and when { $municipality } decides it?
dec-save-button = Save
dec-field-title = Title
dec-field-description = Short description
dec-field-description-hint = What is to be decided, and what is there to consider? At most 2,000 characters.
dec-field-unit = Responsible unit
dec-field-committee = Decided by
dec-field-committee-hint = The committee or the council that makes the decision.
dec-field-meeting = Meeting date
dec-field-hearing-from = Consultation from
dec-field-hearing-to = Consultation until
dec-field-hearing-hint = If the case is out for consultation, give the period.
dec-error-title-missing = Enter a title.
dec-error-title-long = The title can be at most 200 characters.
dec-error-description-missing = Enter a short description.
dec-error-description-long = The description can be at most 2,000 characters.
dec-error-unit = Choose the unit preparing the case.
dec-error-committee = Choose the committee or council that decides.
dec-error-date = Enter the date as dd-mm-yyyy.
dec-error-meeting-missing = Enter the date of the meeting.
dec-error-meeting-past = The meeting date has already passed.
dec-error-hearing-both = Enter both the first and the last day of the consultation, or neither.
dec-error-hearing-order = The consultation must end after it begins.
dec-field-case-number = Case number
dec-field-case-number-hint = The municipality's case number, if the case has one. At most 60 characters.
dec-field-agenda = Link to the item on the agenda
dec-field-agenda-hint = If the agenda is published, e.g. https://kommune.dk/dagsordener/…
dec-error-case-number-long = The case number may be at most 60 characters.
dec-error-agenda-invalid = Enter a full web address starting with https://.
dec-agenda-label = Agenda
dec-agenda-link = See the item on the agenda
dec-done-published = The decision is published. Citizens can now hold salons about it.
dec-done-saved = The changes are saved.
dec-done-decided = The decision is recorded. The hosts and the followers have been told.
dec-done-followed = You now follow this decision.
dec-done-unfollowed = You no longer follow this decision.
dec-done-linked = The salon is linked to the decision.
dec-done-removed = The salon is no longer linked to the decision.
dec-outcome-title = The decision on { $title }
dec-outcome-intro = Write what was decided and link to the minutes. The hosts of the salons about the case and its followers are told.
dec-outcome-correct-intro = The decision is recorded. You can correct the text or the link here; no one is told again.
dec-field-outcome = What was decided?
dec-field-outcome-hint = In words everyone understands. At most 4,000 characters.
dec-field-minutes = Link to the minutes
dec-field-minutes-hint = The address of the meeting's minutes, e.g. https://kommune.dk/dagsordener/…
dec-outcome-button = Record the decision
dec-error-outcome-missing = Write what was decided.
dec-error-outcome-long = At most 4,000 characters.
dec-error-minutes-missing = Enter the link to the minutes.
dec-error-minutes-invalid = Enter a full web address starting with https://.
dec-links-title = Decisions for { $title }
dec-links-intro = Is the salon about a case the municipality is to decide? Link it to the decision. The salon is shown on the decision's page with its summary and next steps, so the politicians can read them before the meeting.
dec-links-not-public = Only public salons are shown on a decision's page. This salon is not public.
dec-linked-heading = This salon is about
dec-linked-empty = The salon is not linked to any decision.
dec-unlink-button = Remove { $title }
dec-link-heading = Link to a decision
dec-link-none = The municipality has no upcoming decisions right now.
dec-field-link = This salon is about …
dec-link-button = Link the salon to the decision
dec-option = { $title } ({ $committee }, { $meeting })
dec-error-link-choose = Choose an upcoming decision from the list.
dec-error-link-municipality = The decision belongs to another municipality than the salon.
dec-municipality-heading = Upcoming decisions
dec-municipality-all = All decisions in { $municipality }
salon-action-decisions = Decisions
salon-about-decision = This salon is about
inv-record-decisions = Decisions with citizens' salons before they were made
inv-record-decisions-value = { $n } of { $of }
dec-mail-salon-subject = New salon about { $decision }
dec-mail-salon-body = Hello

    A new conversation salon is about "{ $decision }", which you follow:
    { $salon }
    { $salon_link }

    See the decision and all its salons: { $link }

    Kind regards
    Medspil
dec-mail-summary-subject = Summary of a salon about { $decision }
dec-mail-summary-body = Hello

    The conversation salon "{ $salon }" is about "{ $decision }", which you prepare or decide. Here is its summary:

    { $summary }

    The salon: { $salon_link }
    The decision and all its salons: { $link }

    Kind regards
    Medspil
dec-mail-briefing-subject = Before the meeting on { $day }: salons about cases in { $committee }
dec-mail-briefing-body = Hello

    At its meeting on { $day }, { $committee } decides cases that citizens have held conversation salons about. Here are the salons' summaries and the next steps still open:

    { $cases }

    All upcoming decisions: { $link }

    Kind regards
    Medspil
dec-mail-briefing-steps = Open next steps
dec-mail-decided-subject = The decision has been made: { $decision }
dec-mail-decided-body = Hello

    The decision has been made: { $decision }

    { $outcome }

    Minutes of the meeting: { $minutes }
    The whole story, with the salons before the decision: { $link }

    Kind regards
    Medspil
salon-field-decision-hint = Is the salon about a case the municipality is to decide? Then it is shown on the decision's page, and the politicians can read your summary before the meeting. The decision must belong to the salon's municipality.
salon-field-decision-none = No particular decision
dec-mail-moved-subject = New meeting date for { $decision }
dec-mail-moved-body = Hello

    "{ $decision }" will now be decided on { $day }. If you host a salon about it, check that it still comes before the meeting.

    See the decision: { $link }

    Kind regards
    Medspil

## No outcome before the meeting: a new meeting date, or taken off the agenda
dec-state-withdrawn = Taken off the agenda
dec-withdrawn-because = Taken off the agenda: { $reason }
dec-withdrawn-from-meeting = Taken off the agenda of
dec-outcome-not-yet = The outcome can be recorded from the meeting day, { $day }. If the meeting has moved, enter the new date; if the case is off the agenda, say why.
dec-error-outcome-early = The outcome can only be recorded from the meeting day, { $day }.
dec-error-withdrawn = The case is off the agenda, so no outcome can be recorded.
dec-new-date-heading = New meeting date
dec-new-date-intro = The hosts of the salons about it and its followers are told of the new date.
dec-new-date-link = Change the meeting date
dec-withdraw-heading = Taken off the agenda
dec-withdraw-intro = If the case will not be treated, say why. The hosts of the salons about it and its followers are told once, and no new salons can be held about it.
dec-field-withdraw-reason = Why is the case off the agenda?
dec-field-withdraw-reason-hint = Shown on the case's page. At most 2,000 characters.
dec-withdraw-button = Take the case off the agenda
dec-error-withdraw-reason-missing = Say why the case is off the agenda.
dec-error-withdraw-reason-long = At most 2,000 characters.
dec-done-withdrawn = The case is off the agenda. The hosts and its followers have been told.
dec-mail-withdrawn-subject = Off the agenda: { $decision }
dec-mail-withdrawn-body = Hello

    "{ $decision }" has been taken off the agenda and will not be decided as planned.

    Reason: { $reason }

    See the case: { $link }

    Kind regards
    Medspil
