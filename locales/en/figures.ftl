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
