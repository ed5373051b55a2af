# The record as data and as a picture, and /tal.
fig-download = Hent tallene:
fig-download-csv = CSV (regneark)
fig-download-json = JSON
fig-csv-key = nøgle
fig-csv-label = betydning
fig-csv-value = værdi
fig-csv-period-from = Perioden begynder
fig-csv-period-to = Perioden slutter
fig-csv-counted = Invitationer, der tæller med
fig-csv-by-email = Sendt til kommunens eller enhedens postkasse
fig-csv-decisions = Beslutninger behandlet i perioden
fig-csv-steps-open = Næste skridt, åbne
fig-csv-steps-done = Næste skridt, gennemført
fig-csv-steps-overdue = Næste skridt, forsinket
fig-csv-steps-unanswered = Næste skridt, ikke besvaret
