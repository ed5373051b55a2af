# Næste skridt: aftaler fra salonen, der bliver fulgt op

agr-owner-citizens = Borgerne selv
agr-status-proposed = Foreslået
agr-status-agreed = Aftalt
agr-status-in-progress = I gang
agr-status-done = Gennemført
agr-status-dropped = Opgivet
agr-status-label = Status
agr-due = senest { $date }
agr-overdue = Forsinket
agr-title = Næste skridt
agr-list-heading = Næste skridt
agr-list-empty = Der er ingen næste skridt endnu.
agr-hosts-title = Næste skridt for { $title }
agr-add-heading = Tilføj et næste skridt
agr-add-intro = Hvad blev I enige om, og hvem tager den? Borgernes egne skridt er aftalt med det samme; et skridt til en enhed eller en person i kommunen står som foreslået, til de tager den eller siger nej med en begrundelse. En frist kan ikke ligge i fortiden, og et foreslået skridt er aldrig forsinket — først når de har taget det.
agr-field-description = Hvad er aftalt?
agr-field-owner = Hvem tager den?
agr-field-due = Senest
agr-add-button = Tilføj
agr-done-added = Det næste skridt er tilføjet.
agr-error-description-missing = Skriv, hvad der er aftalt.
agr-error-description-too-long = Højst 1.000 tegn.
agr-error-due-invalid = Skriv datoen som dd-mm-åååå.
agr-error-owner = Vælg, hvem der tager den: borgerne, en enhed eller en person i kommunen.
agr-error-status = Vælg en status.
agr-error-changed = Nogen har lige ændret det. Her er det, som det står nu.
agr-timeline-heading = Forløb
agr-timeline-line = { $by }: { $status }
agr-accept-heading = Tager I den?
agr-accept-button = Vi tager den
agr-refuse-heading = Sig nej
agr-field-reason = Begrundelse
agr-refuse-button = Sig nej
agr-update-heading = Opdater status
agr-field-note = Offentlig note
agr-field-note-hint = Værterne, de tilmeldte og alle på salonens side kan læse den.
agr-update-button = Opdater
agr-done-accepted = I har taget den. Værterne og de tilmeldte har fået besked.
agr-done-refused = Jeres nej og begrundelsen står nu på forløbet.
agr-done-updated = Status er opdateret, og værterne og de tilmeldte har fået besked.
agr-followed-heading = Næste skridt fra saloner
agr-followed-counts = { $open } åbne, { $done } gennemført, { $overdue } forsinket, { $unanswered } ikke besvaret
agr-inbox-heading = Næste skridt, I skal følge op på
salon-action-agreements = Næste skridt
agr-what-proposed = { $by } foreslår, at I tager dette næste skridt.
agr-what-updated = { $by } har sat status til: { $status }. { $note }
agr-mail-subject = Næste skridt fra { $title }
agr-mail-body = Hej

    Om det næste skridt fra samtalesalonen "{ $title }":
    { $agreement }

    { $what }

    Se forløbet her: { $link }

    Venlig hilsen
    Medspil
agr-status-refused = Afvist af kommunen
agr-status-refused-because = Afvist af kommunen: { $reason }
agr-status-withdrawn = Trukket tilbage af værterne
agr-unanswered = Ikke besvaret
agr-error-due-past = Datoen er allerede passeret.
agr-field-due-confirm-hint = Bekræft datoen, eller sæt en anden; den kan ikke ligge før i dag. Lader I feltet stå tomt, er der ingen frist.
agr-edit-summary = Ret teksten
agr-edit-hint = Rettelsen vises som "rettet" med den tidligere tekst, og dem, der tager skridtet, får besked.
agr-edit-button = Gem rettelsen
agr-withdraw-button = Træk tilbage
agr-done-corrected = Teksten er rettet. Den tidligere tekst kan ses på skridtets side.
agr-done-withdrawn = Det næste skridt er trukket tilbage. Det står stadig på salonen som trukket tilbage.
agr-error-edit-finished = Skridtet er afsluttet, så teksten kan ikke længere rettes.
agr-error-withdraw-taken = Skridtet er allerede besvaret, så I kan ikke trække det tilbage.
agr-what-corrected = { $by } har rettet teksten. Før stod der: { $note }
agr-what-withdrawn = { $by } har trukket forslaget tilbage.
