# Samtalesaloner: oprette, redigere, offentliggøre, aflyse, værter og kalender.

## Formularen
salon-new-title = Opret en samtalesalon
salon-copy-title = Opret en ny salon ud fra en tidligere
salon-limit-notice = { $limit ->
    [one] Du har oprettet 1 salon det seneste døgn. Du kan oprette den næste fra { $when }.
   *[other] Du har oprettet { $limit } saloner det seneste døgn. Du kan oprette den næste fra { $when }.
}
salon-error-limit = { $limit ->
    [one] Du har oprettet 1 salon det seneste døgn. Du kan oprette den næste fra { $when }. Intet er gemt endnu, og det, du har skrevet, står her stadig.
   *[other] Du har oprettet { $limit } saloner det seneste døgn. Du kan oprette den næste fra { $when }. Intet er gemt endnu, og det, du har skrevet, står her stadig.
}
salon-edit-title = Rediger { $title }
salon-form-what = Hvad skal I tale om?
salon-form-where = Hvor i landet?
salon-form-sessions = Hvornår?
salon-form-sessions-hint = De fleste saloner er én aften. Holder I flere møder, så tilføj et møde mere. Tider er dansk tid.
salon-form-session-n = Møde { $n }
salon-form-remove-session = Fjern møde { $n }
salon-form-add-session = Tilføj et møde mere
salon-form-place = Sted
salon-form-seats = Pladser
salon-form-accessibility = Tilgængelighed på stedet
salon-form-create = Opret salon (som kladde)
salon-form-save = Gem ændringer
salon-form-back = Tilbage til salonen
salon-field-title = Titel
salon-field-question = Spørgsmålet, I vil tale om
salon-field-question-hint = Fx "Hvordan får vi mere liv i Ry bymidte?"
salon-field-description = Beskrivelse
salon-field-description-hint = Du kan bruge Markdown: **fed**, *kursiv*, lister og links.
salon-field-municipality = Kommune
salon-field-municipality-choose = Vælg kommune
salon-field-town = By eller område
salon-field-session-date = Dato
salon-field-session-start = Starter kl.
salon-field-session-end = Slutter kl.
salon-form-session-place = Holdes dette møde et andet sted?
salon-form-session-place-hint = Udfyld kun, hvis mødet ikke holdes på salonens sted. Adressen vises på samme måde som salonens.
salon-field-session-place-name = Sted for dette møde (hvis et andet)
salon-field-session-address = Adresse for dette møde
salon-field-format = Hvordan mødes I?
salon-field-place-name = Stedets navn
salon-field-place-name-hint = Fx "Ry Bibliotek, mødelokale 2".
salon-field-address = Adresse
salon-field-address-hint = Skal udfyldes, når I mødes fysisk.
salon-field-address-private = Vis kun adressen for tilmeldte
salon-field-online-link = Link til onlinemødet
salon-field-online-link-hint = Skal udfyldes, når man kan deltage online. Linket vises kun for tilmeldte.
salon-field-capacity = Pladser til borgere
salon-field-capacity-hint = Lad feltet stå tomt, hvis der ikke er nogen grænse.
salon-field-municipal-seats = Pladser til kommunens gæster
salon-field-municipal-seats-hint = Holdes fri til medarbejdere og politikere, ud over borgernes pladser.
salon-field-visibility = Hvem kan se salonen?
salon-field-topics = Emner
salon-field-topics-hint = Adskil med komma, fx "trafik, byliv".
salon-field-accessibility-note = Andet om tilgængelighed
salon-format-in_person = Fysisk møde
salon-format-online = Online
salon-format-hybrid = Både fysisk og online
salon-visibility-public-choice = Offentlig: alle kan finde den
salon-visibility-unlisted-choice = Skjult: kun dem, der har linket
salon-visibility-invite_only-choice = Kun for inviterede
salon-access-step_free = Niveaufri adgang
salon-access-accessible_toilet = Handicaptoilet
salon-access-hearing_loop = Teleslynge
salon-access-sign_language = Tegnsprogstolk efter aftale

## Fejl i formularen
error-salon-title-missing = Skriv en titel.
error-salon-title-too-long = Titlen må højst være 200 tegn.
error-salon-question-missing = Skriv det spørgsmål, I vil tale om.
error-salon-question-too-long = Spørgsmålet må højst være 300 tegn.
error-salon-description-too-long = Beskrivelsen må højst være 10.000 tegn.
error-salon-text-too-long = Teksten må højst være 200 tegn.
error-salon-municipality-missing = Vælg den kommune, salonen holdes i.
error-salon-format-missing = Vælg, hvordan I mødes.
error-salon-address-missing = Skriv adressen, når I mødes fysisk.
error-salon-link-missing = Skriv linket til onlinemødet.
error-salon-link-invalid = Skriv et fuldt link, der begynder med https://
error-salon-capacity-invalid = Skriv et helt tal fra 1 til 10.000, eller lad feltet stå tomt.
error-salon-seats-invalid = Skriv et helt tal fra 0 til 100.
error-salon-visibility-missing = Vælg, hvem der kan se salonen.
error-salon-topic-too-long = Et emne må højst være 40 tegn.
error-salon-topics-too-many = Der må højst være 10 emner.
error-session-date-missing = Vælg en dato.
error-session-date-invalid = Skriv datoen som åååå-mm-dd, fx 2026-12-05.
error-session-time-missing = Skriv et klokkeslæt.
error-session-time-invalid = Skriv klokkeslættet som tt:mm, fx 19:00.
error-session-end-before-start = Mødet skal slutte, efter det er begyndt.
error-session-address-missing = Skriv adressen for dette møde.
error-session-past = Mødet ligger i fortiden. Vælg et tidspunkt, der ikke er passeret.
error-salon-publish-past = Salonen kan ikke offentliggøres, fordi et møde ligger i fortiden. Ret tidspunktet først.

## Salonens side
salon-question-label = Spørgsmål
salon-banner-draft = Kladde: kun værterne kan se salonen, indtil den offentliggøres.
salon-banner-cancelled = Salonen er aflyst.
salon-banner-held = Salonen er afholdt.
salon-when-heading = Hvornår
salon-calendar-link = Føj til kalender (.ics)
salon-where-heading = Hvor
salon-municipality-label = Kommune
salon-format-label = Form
salon-place-label = Sted
salon-session-place-label = Sted
salon-link-label = Onlinemøde
salon-private = vises for tilmeldte
salon-seats-heading = Pladser
salon-capacity = { $count ->
    [one] Plads til 1 borger
   *[other] Plads til { $count } borgere
}
salon-capacity-unlimited = Ingen grænse for antal deltagere
salon-seats-left = { $count ->
    [0] ingen ledige pladser
    [one] 1 ledig plads
   *[other] { $count } ledige pladser
}
salon-municipal-seats = { $count ->
    [0] Ingen pladser holdt fri til kommunens gæster
    [one] 1 plads holdt fri til kommunens gæster
   *[other] { $count } pladser holdt fri til kommunens gæster
}
salon-about-heading = Om salonen
salon-access-heading = Tilgængelighed
salon-access-fact-step_free = Niveaufri adgang
salon-access-fact-accessible_toilet = Handicaptoilet
salon-access-fact-hearing_loop = Teleslynge
salon-access-fact-sign_language = Tegnsprogstolk efter aftale
salon-topics-heading = Emner
salon-hosts-heading = Værter
salon-deleted-user = slettet bruger
salon-actions-heading = For værter
salon-action-edit = Rediger salonen
salon-action-copy = Opret en ny salon ud fra denne
salon-action-hosts = Medværter
salon-action-participants = Deltagere
salon-action-cancel = Aflys salonen
salon-action-publish = Offentliggør salonen
salon-done-created = Salonen er oprettet som kladde.
salon-done-saved = Ændringerne er gemt.
salon-done-published = Salonen er offentliggjort.
salon-done-cancelled = Salonen er aflyst, og de tilmeldte har fået besked.

## Aflysning
salon-cancel-title = Aflys salonen
salon-cancel-intro = Alle tilmeldte og dem på ventelisten til "{ $title }" får din besked på e-mail.
salon-cancel-message = Besked til deltagerne
salon-cancel-message-hint = Fortæl kort hvorfor, og om salonen kommer igen.
salon-cancel-button = Aflys salonen
error-salon-cancel-message-missing = Skriv en besked til deltagerne.
error-salon-cancel-message-too-long = Beskeden må højst være 2.000 tegn.
salon-cancelled-host-deleted = Værten har slettet sin konto, så salonen er aflyst.

## Medværter
salon-hosts-title = Værter
salon-hosts-you = dig
salon-hosts-remove = Fjern { $name } som vært
salon-hosts-add-heading = Inviter en medvært
salon-hosts-email = Medværtens e-mail
salon-hosts-email-hint = Personen får en invitation på e-mail og bliver medvært, når hun eller han takker ja. Medværter har samme rettigheder som dig.
salon-hosts-done-invited = Invitationen er sendt. Personen bliver medvært, når hun eller han takker ja.
salon-hosts-done-removed = Værten er fjernet.
salon-hosts-done-withdrawn = Invitationen er trukket tilbage.
salon-hosts-add-button = Send invitationen
error-salon-host-last = Salonen skal have mindst én vært. Tilføj en anden vært først.

## Ændringer (i e-mails)
salon-change-session = Møde { $n }: { $old } → { $new }
salon-change-session-added = Nyt møde { $n }: { $new }. Du er ikke tilmeldt det: vil du med, så vælg det under "Ret din tilmelding" på salonens side.
salon-change-session-removed = Møde aflyst: { $old }
salon-change-session-added-place = Nyt møde { $n }: { $new }. Sted: { $place }. Du er ikke tilmeldt det: vil du med, så vælg det under "Ret din tilmelding" på salonens side.
salon-change-session-place = Sted for møde { $n }: { $old } → { $new }
salon-change-format = Form: { $old } → { $new }
salon-change-place = Sted: { $old } → { $new }
salon-change-link = Onlinemøde: { $old } → { $new }
salon-change-none = (intet)

## E-mails
mail-salon-cancelled-subject = Aflyst: { $title }
mail-salon-cancelled-body =
    Samtalesalonen "{ $title }" er aflyst.

    Værtens besked:
    { $message }

    Det gælder:
    { $sessions }

    { $link }
mail-salon-changed-subject = Ændret tid eller sted: { $title }
mail-salon-changed-body =
    Værten har ændret samtalesalonen "{ $title }":

    { $changes }

    Se salonen: { $link }
mail-salon-reminder-day-subject = Om et døgn: { $title }
mail-salon-reminder-soon-subject = Om to timer: { $title }
mail-salon-reminder-body =
    Hej { $name }

    Du er tilmeldt samtalesalonen "{ $title }". Her er en påmindelse om mødet:

    Tid: { $when }
    { $where }

    Kan du alligevel ikke komme, så afmeld dig her, så pladsen kan gå videre:
    { $link }

    Venlig hilsen
    Medspil
mail-salon-reminder-place = Sted: { $place }
mail-salon-reminder-online = Onlinemøde: { $link }
