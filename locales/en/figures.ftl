# The record as data and as a picture, and /tal.
fig-download = Download the figures:
fig-download-csv = CSV (spreadsheet)
fig-download-json = JSON
fig-csv-key = key
fig-csv-label = meaning
fig-csv-value = value
fig-csv-period-from = Period starts
fig-csv-period-to = Period ends
fig-csv-counted = Invitations counted
fig-csv-by-email = Sent to the municipality's or unit's mailbox
fig-csv-decisions = Decisions treated in the period
fig-csv-steps-open = Next steps, open
fig-csv-steps-done = Next steps, done
fig-csv-steps-overdue = Next steps, overdue
fig-csv-steps-unanswered = Next steps, unanswered
fig-chart-heading = Answer time month by month
fig-chart-summary = The last 12 months: { $counted ->
    [one] 1 invitation
   *[other] { $counted } invitations
}. Fastest answers in { $fastest } (median { $fastest_time }), slowest in { $slowest } (median { $slowest_time }). { $unanswered } were not answered before the salon.
fig-chart-empty = No invitations in the last 12 months.
fig-chart-median = Median
fig-chart-p90 = 9 out of 10 within
fig-chart-silent = Decided by unanswered invitations
fig-chart-unanswered = Not answered before the salon
fig-chart-table = See the figures as a table
fig-chart-month = Month (sent)
fig-steps-heading = Next steps
fig-steps-done = { $count } done
fig-steps-open = { $count } open, on time
fig-steps-overdue = { $count } overdue
fig-national-title = Medspil in figures
fig-national-intro = Every municipality in Denmark side by side: how many citizens' salons were held, how the municipality answers invitations, and how the next steps are going — over the last 12 months.
fig-national-caption = The municipalities over the last 12 months. Choose a column heading to sort.
fig-national-refreshed = Updated { $at }.
fig-national-not-yet = The figures have not been computed yet; they are updated every ten minutes.
fig-national-col-name = Municipality
fig-national-col-salons = Salons held
fig-national-col-invitations = Invitations
fig-national-col-replied = Answered
fig-national-col-median = Typical answer time (median)
fig-national-col-done = Next steps done
fig-national-col-overdue = Next steps overdue
fig-national-col-decisions = Decisions with a salon before the meeting
fig-national-explain = The figures are the same as on each municipality's page and are updated every ten minutes. Salons held: public salons in the municipality that began in the last 12 months. Next steps: those from public salons.
footer-figures = Medspil in figures
fig-chart-summary-silent = The last 12 months: { $counted ->
    [one] 1 invitation
   *[other] { $counted } invitations
}. In every month the unanswered ones decide the median. { $unanswered } were not answered before the salon.
