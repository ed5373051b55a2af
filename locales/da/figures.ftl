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
fig-chart-heading = Svartid måned for måned
fig-chart-summary = De seneste 12 måneder: { $counted ->
    [one] 1 invitation
   *[other] { $counted } invitationer
}. Hurtigst svar i { $fastest } (median { $fastest_time }), langsomst i { $slowest } (median { $slowest_time }). { $unanswered } blev ikke besvaret før salonen.
fig-chart-empty = Ingen invitationer de seneste 12 måneder.
fig-chart-median = Median
fig-chart-p90 = 9 ud af 10 inden for
fig-chart-silent = Afgjort af ubesvarede invitationer
fig-chart-unanswered = Ikke besvaret før salonen
fig-chart-table = Se tallene som tabel
fig-chart-month = Måned (afsendt)
fig-steps-heading = Næste skridt
fig-steps-done = { $count } gennemført
fig-steps-open = { $count } åbne til tiden
fig-steps-overdue = { $count } forsinket
fig-national-title = Medspil i tal
fig-national-intro = Alle landets kommuner side om side: hvor mange borgersaloner der er holdt, hvordan kommunen svarer på invitationer, og hvordan det går med de næste skridt — de seneste 12 måneder.
fig-national-caption = Kommunerne de seneste 12 måneder. Vælg en kolonneoverskrift for at sortere.
fig-national-refreshed = Opdateret { $at }.
fig-national-not-yet = Tallene er ikke beregnet endnu; de opdateres hvert tiende minut.
fig-national-col-name = Kommune
fig-national-col-salons = Saloner holdt
fig-national-col-invitations = Invitationer
fig-national-col-replied = Besvaret
fig-national-col-median = Typisk svartid (median)
fig-national-col-done = Næste skridt gennemført
fig-national-col-overdue = Næste skridt forsinket
fig-national-col-decisions = Beslutninger med salon før mødet
fig-national-explain = Tallene er de samme som på hver kommunes side og opdateres hvert tiende minut. Saloner holdt: offentlige saloner i kommunen, der er begyndt de seneste 12 måneder. Næste skridt: dem fra offentlige saloner.
footer-figures = Medspil i tal
fig-chart-summary-silent = De seneste 12 måneder: { $counted ->
    [one] 1 invitation
   *[other] { $counted } invitationer
}. I hver måned afgør de ubesvarede medianen. { $unanswered } blev ikke besvaret før salonen.
