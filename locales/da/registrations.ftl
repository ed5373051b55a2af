# Tilmeldinger: tilmelding, venteliste, deltagerliste, CSV, tilføjelser uden for nettet, beskeder

## Panelet på salonsiden
reg-heading = Tilmelding
reg-seats-taken = { $taken } af { $capacity } { $capacity ->
    [one] plads
   *[other] pladser
} er taget.
reg-waiting = { $count ->
    [one] 1 står på ventelisten.
   *[other] { $count } står på ventelisten.
}
reg-full-note = Salonen er fuld. Tilmelder du dig, kommer du på ventelisten, og vi skriver til dig, så snart der bliver plads.
reg-closed = Der er lukket for tilmelding til denne salon.
reg-sign-in = Log ind for at tilmelde dig
reg-sign-in-or = eller
reg-create-account = opret en konto
reg-unverified = Bekræft din e-mailadresse for at kunne tilmelde dig. Vi har sendt dig et link.
reg-you-are-registered = Du er tilmeldt.
reg-you-are-registered-role = Du er tilmeldt i din rolle: { $role }.
reg-you-are-waitlisted = Du er nummer { $position } på ventelisten.
reg-you-are-waitlisted-municipal = Du er nummer { $position } på ventelisten for kommunens pladser.
reg-cancel-button = Afmeld mig
reg-leave-button = Forlad ventelisten
reg-button = Tilmeld mig
reg-waitlist-button = Skriv mig på ventelisten
reg-host-link = Se deltagerlisten
reg-host-waiting = { $count } på venteliste
reg-public-heading = Hvem kommer
reg-public-others = { $count ->
    [one] og 1 mere
   *[other] og { $count } flere
}
reg-field-needs = Særlige behov
reg-field-needs-hint = Fx trinfri adgang, teleslynge eller tegnsprogstolk. Kun værterne ser det, og det slettes 30 dage efter salonen.
reg-field-show-name = Vis mit navn offentligt på salonen
reg-field-come-as = Hvordan kommer du?
reg-field-come-as-citizen = Som privat borger
reg-field-come-as-role = I min rolle: { $role }
reg-field-come-as-hint = Kommer du i din rolle, vises du med titel og bruger en af de pladser, der er sat af til kommunen.
reg-role-label-official = Embedsmand
reg-role-label-politician = Politiker
reg-role-label-admin = Administrator for kommunen
reg-error-needs-too-long = Skriv højst 1000 tegn om dine behov.
reg-error-come-as-missing = Vælg, om du kommer som privat borger eller i din rolle.
reg-error-come-as-invalid = Den rolle kan du ikke komme i til denne salon.
reg-register-page-title = Tilmeld dig: { $title }
reg-register-back = Tilbage til salonen

## Deltagerlisten
reg-participants-title = Deltagere: { $title }
reg-participants-back = Tilbage til salonen
reg-participants-registered-heading = Tilmeldte
reg-participants-waitlist-heading = Venteliste
reg-participants-municipal-waitlist-heading = Venteliste til kommunens pladser
reg-participants-none = Ingen endnu.
reg-participants-col-position = Nr.
reg-participants-col-name = Navn
reg-participants-col-kind = Kommer som
reg-participants-col-needs = Særlige behov
reg-participants-col-time = Tidspunkt
reg-participants-col-status = Status
reg-participants-col-actions = Handlinger
reg-participants-kind-citizen = Borger
reg-participants-kind-municipal = Kommunen
reg-participants-kind-offline = Tilføjet af værten
reg-participants-phone = Telefon: { $phone }
reg-participants-public = Navnet vises offentligt
reg-participants-remove = Fjern
reg-participants-remove-label = Fjern { $name }
reg-participants-csv = Hent listen som CSV (navne og status)
reg-participants-deleted-user = Slettet bruger
reg-participants-done-removed = Deltageren er fjernet og har fået besked.
reg-participants-done-added = Deltageren er tilføjet.
reg-participants-done-added-waitlist = Salonen er fuld, så deltageren er sat på ventelisten.
reg-participants-done-sent = Beskeden er sendt til alle tilmeldte.
reg-status-registered = Tilmeldt
reg-status-waitlisted = Venteliste nr. { $position }
reg-status-cancelled = Afmeldt
reg-status-removed = Fjernet

## Tilføj en deltager uden for nettet
reg-offline-heading = Tilføj en deltager, der ikke er på nettet
reg-offline-intro = Deltageren tæller med i antallet af pladser. Telefonnummeret slettes 30 dage efter salonen.
reg-offline-button = Tilføj deltager
reg-field-offline-name = Navn
reg-field-offline-phone = Telefonnummer
reg-error-offline-name-missing = Skriv deltagerens navn.
reg-error-phone-invalid = Skriv et telefonnummer med cifre, fx 12 34 56 78.

## Besked til alle tilmeldte
reg-message-heading = Skriv til alle tilmeldte
reg-message-intro = Beskeden sendes som e-mail til alle tilmeldte med en konto og til de andre værter. Du kan sende højst { $limit } beskeder i døgnet.
reg-message-cancelled = Salonen er aflyst, og de tilmeldte har fået besked om det. Der kan ikke sendes flere beskeder herfra.
reg-message-button = Send besked
reg-field-message-subject = Emne
reg-field-message-body = Besked
reg-error-subject-missing = Skriv et emne.
reg-error-subject-too-long = Emnet må højst være 200 tegn.
reg-error-body-missing = Skriv en besked.
reg-error-body-too-long = Beskeden må højst være 5000 tegn.
reg-error-message-limit = { $limit ->
    [one] Du har sendt 1 besked det seneste døgn. Du kan sende den næste fra { $when }.
   *[other] Du har sendt { $limit } beskeder det seneste døgn. Du kan sende den næste fra { $when }.
}

## CSV
reg-csv-name = Navn
reg-csv-status = Status
reg-csv-sessions = Møder
reg-csv-phone = Telefon
reg-csv-kind = Kommer som

## E-mails
reg-mail-registered-subject = Du er tilmeldt: { $title }
reg-mail-registered-body =
    Hej { $name }

    Du er tilmeldt samtalesalonen "{ $title }", alle salonens møder:

    { $sessions }

    Tid og sted står også i den vedhæftede kalenderfil.

    Se salonen eller afmeld dig her:
    { $link }

    Venlig hilsen
    Medspil
reg-mail-waitlisted-subject = Du er på ventelisten: { $title }
reg-mail-waitlisted-body =
    Hej { $name }

    Samtalesalonen "{ $title }" er fuld, så du står som nummer { $position } på ventelisten. Bliver der plads, tilmelder vi dig med det samme og skriver til dig.

    Se salonen eller forlad ventelisten her:
    { $link }

    Venlig hilsen
    Medspil
reg-mail-promoted-subject = Der er blevet plads – du er tilmeldt: { $title }
reg-mail-promoted-body =
    Hej { $name }

    Der er blevet en plads ledig i samtalesalonen "{ $title }", og du er nu tilmeldt:

    { $sessions }

    Tid og sted står også i den vedhæftede kalenderfil.

    Kan du alligevel ikke komme, så afmeld dig her, så pladsen går videre:
    { $link }

    Venlig hilsen
    Medspil
reg-mail-removed-subject = Din tilmelding er fjernet: { $title }
reg-mail-removed-body =
    Hej { $name }

    Værten af samtalesalonen "{ $title }" har fjernet din tilmelding. Har du spørgsmål, så kontakt værten.

    { $link }

    Venlig hilsen
    Medspil
reg-mail-host-message-subject = [{ $title }] { $subject }
reg-mail-host-message-body =
    { $body }

    —
    Denne besked er sendt af { $host }, vært for samtalesalonen "{ $title }", til alle tilmeldte.
    { $link }

## Hvem kommer, og hvem deltog: de samme tal med de samme ord overalt
reg-heading-after = Hvem deltog
reg-count-before = Tilmeldt:
reg-count-after = Deltog:
reg-draft = Ikke offentliggjort endnu.
reg-public-heading-after = Deltagere
reg-turnout-citizens = { $count ->
    [one] 1 borger
   *[other] { $count } borgere
}
reg-turnout-offline = { $count } tilføjet af værten
reg-turnout-municipal = { $count } fra kommunen
reg-turnout-none = ingen
reg-turnout-list = { $first } og { $last }

## Sessions: seats and lines per session
reg-field-sessions = Hvilke møder kommer du til?
reg-field-sessions-hint = Du kan ændre det senere. Hvert møde har sine egne pladser og sin egen venteliste.
reg-error-sessions-missing = Vælg mindst ét møde.
reg-session-seat = Du har en plads
reg-session-waitlisted = Nr. { $position } på ventelisten
reg-session-full = fuldt, venteliste
reg-edit-heading = Ret din tilmelding
reg-update-button = Gem ændringer
reg-participants-sessions = Møder
