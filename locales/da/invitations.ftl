# Invitationer: at invitere kommunen, indbakken, svar, svarprofilen og offentlige profiler

nav-inbox = Indbakke
nav-inbox-open = { $count ->
    [one] (1 åben)
   *[other] ({ $count } åbne)
}
salon-action-invitations = Inviter kommunen og andre

## Værternes side
inv-host-title = Invitationer til { $title }
inv-back-to-salon = Tilbage til salonen
inv-send-heading = Send en invitation
inv-send-intro = Inviter en afdeling, et udvalg, byrådet, en navngiven medarbejder eller politiker — eller hele kommunen, hvis I ikke ved, hvem I skal spørge. I kan også invitere naboer og andre på e-mail.
inv-field-target = Hvem vil I invitere?
inv-field-target-hint = Kommunens enheder og folk med en bekræftet rolle står på listen.
inv-field-target-choose = Vælg …
inv-target-municipality = Hele { $municipality } (vi ved ikke, hvem vi skal spørge)
inv-target-units = Afdelinger, udvalg og byråd
inv-target-people = Medarbejdere og politikere
inv-target-others = Andre
inv-target-email = En person på e-mail
inv-field-email = E-mailadresse
inv-field-email-hint = Når I inviterer en person på e-mail — eller når ingen fra kommunen er på Medspil endnu, og hverken enheden eller kommunen har en kontaktadresse. Har de en, bruges den, ikke den adresse, I skriver. Svar fra en adresse, I selv har skrevet, tæller ikke som kommunens svar.
inv-field-message = Personlig besked
inv-field-message-hint = Hvad handler salonen om, og hvorfor vil I gerne have netop dem med? Højst 1.000 tegn.
inv-field-reply-by = Svar gerne senest
inv-send-button = Send invitationen
inv-list-heading = Sendte invitationer
inv-list-empty = I har ikke sendt nogen invitationer endnu.
inv-history-heading = Forløb
inv-host-write = Skriv til dem, I har inviteret
inv-host-write-button = Send beskeden
inv-withdraw-button = Træk invitationen tilbage
inv-host-proposal = De foreslår et andet tidspunkt: { $when }
inv-host-proposal-accept = Brug det nye tidspunkt
inv-host-proposal-decline = Behold det gamle tidspunkt
inv-done-sent = Invitationen er sendt.
inv-done-saved = Invitationen er gemt. Den sendes, når I offentliggør salonen.
inv-done-withdrawn = Invitationen er trukket tilbage.
inv-done-message = Beskeden er sendt.
inv-done-proposal-accepted = Mødet er flyttet, og alle tilmeldte har fået besked.
inv-done-proposal-declined = I beholder tidspunktet. Invitationen er åben igen.

inv-state-open = { $count ->
    [0] Har ikke svaret endnu (sendt i dag)
    [one] Har ikke svaret endnu (1 dag)
   *[other] Har ikke svaret endnu ({ $count } dage)
}
inv-state-open-mailbox = { $count ->
    [0] Sendt til kommunens postkasse i dag — har ikke svaret endnu
    [one] Sendt til kommunens postkasse — har ikke svaret endnu (1 dag)
   *[other] Sendt til kommunens postkasse — har ikke svaret endnu ({ $count } dage)
}
inv-state-proposed = Foreslår et andet tidspunkt — venter på jer
inv-state-accepted = Kommer
inv-state-declined = Har takket nej: { $reason }
inv-state-withdrawn = Trukket tilbage

inv-event-sent = { $by } sendte invitationen.
inv-event-accepted = { $by } takkede ja.
inv-event-declined = { $by } takkede nej.
inv-event-passed-on = { $by } sendte invitationen videre til { $to }.
inv-event-proposed = { $by } foreslog et andet tidspunkt.
inv-event-proposed-at = { $by } foreslog { $when }.
inv-event-proposal-accepted = { $by } tog imod det foreslåede tidspunkt.
inv-event-proposal-declined = { $by } beholdt det oprindelige tidspunkt.
inv-event-question = { $by } stillede et spørgsmål.
inv-event-host-message = { $by } skrev.
inv-event-attendees-changed = { $by } ændrede, hvem der kommer.
inv-event-withdrawn = { $by } trak invitationen tilbage.

inv-error-target-missing = Vælg, hvem I vil invitere.
inv-error-message-missing = Skriv en personlig besked.
inv-error-message-too-long = Beskeden må højst være 1.000 tegn.
inv-error-reply-by-invalid = Skriv datoen som dd-mm-åååå.
inv-error-reply-by-past = Datoen er allerede passeret.
inv-error-email-needed = Skriv den e-mailadresse, invitationen skal sendes til.
inv-error-mailbox-needed = Ingen fra dem er på Medspil endnu, og de har ingen kontaktadresse. Skriv en e-mailadresse, fx kommunens hovedpostkasse.
inv-error-suppressed = Denne adresse har bedt om ikke at få flere invitationer fra Medspil.
inv-error-already-invited = I har allerede en åben invitation til dem.
inv-error-limit-day = { $limit ->
    [one] Du kan sende 1 invitation på e-mail i døgnet. Du kan sende den næste fra { $when }.
   *[other] Du kan sende { $limit } invitationer på e-mail i døgnet. Du kan sende den næste fra { $when }.
}
inv-error-limit-salon = { $count ->
    [one] En salon kan sende 1 invitation på e-mail.
   *[other] En salon kan sende { $count } invitationer på e-mail.
}
inv-error-withdraw-answered = Invitationen er allerede besvaret og kan ikke trækkes tilbage.
inv-error-salon-over = Salonen er afholdt eller aflyst, så der kan ikke sendes flere invitationer.
inv-error-text-missing = Skriv en besked.
inv-error-text-too-long = Teksten er for lang.
inv-error-reason-missing = Skriv en begrundelse, så værterne ved hvorfor.
inv-error-reason-too-long = Begrundelsen må højst være 1.000 tegn.
inv-error-names-missing = Skriv navnet på mindst én, der kommer.
inv-error-names-too-many = Højst 10 navne, hver på højst 100 tegn.
inv-error-comers-missing = Vælg mindst én, der kommer.
inv-error-comers-invalid = Kun folk med en rolle i kommunen kan komme for kommunen.
inv-error-sessions-missing = Vælg mindst ét møde.
inv-error-pass-target = Vælg en enhed eller en person i samme kommune.
inv-error-time-past = Tidspunktet skal ligge ude i fremtiden.
inv-error-session-missing = Vælg det møde, I foreslår at flytte.
inv-error-answered = { $name } svarede { $ago }.
inv-error-answered-anon = Invitationen blev besvaret { $ago }.
inv-error-answered-anon-plain = Invitationen er allerede besvaret.
inv-error-withdrawn = Værterne har trukket invitationen tilbage.

inv-ago-minutes = { $count ->
    [0] for et øjeblik siden
    [one] for 1 minut siden
   *[other] for { $count } minutter siden
}
inv-ago-hours = { $count ->
    [one] for 1 time siden
   *[other] for { $count } timer siden
}
inv-ago-days = { $count ->
    [one] for 1 dag siden
   *[other] for { $count } dage siden
}

## Indbakken
inv-inbox-title = Indbakke
inv-inbox-no-role = Indbakken er for kommunens medarbejdere og politikere. Bed om en rolle på din kommunes side.
inv-inbox-filter-status = Vis
inv-inbox-status-open = Åbne
inv-inbox-status-answered = Besvarede
inv-inbox-status-all = Alle
inv-inbox-filter-unit = Enhed
inv-inbox-filter-unit-all = Alle enheder
inv-inbox-filter-from = Salon fra dato
inv-inbox-filter-to = Salon til dato
inv-inbox-filter-button = Vis invitationer
inv-inbox-empty = Der er ingen invitationer her.
inv-inbox-pages-label = Sider i indbakken
inv-inbox-next-page = Flere invitationer
inv-inbox-first-page = Første side
inv-inbox-col-salon = Salon
inv-inbox-col-to = Til
inv-inbox-col-sent = Sendt
inv-inbox-col-date = Salonens dato
inv-inbox-col-state = Status
inv-inbox-sent = Sendt { $ago }
inv-inbox-state-open = Venter på svar
inv-inbox-state-proposed = Andet tidspunkt foreslået
inv-inbox-state-accepted = Takket ja
inv-inbox-state-declined = Takket nej
inv-inbox-state-withdrawn = Trukket tilbage
inv-export-salon = Salon
inv-export-unit = Enhed
inv-export-invitation = Invitation
inv-export-status = Status
inv-export-event = Hændelse
inv-export-when = Tidspunkt
inv-export-who = Hvem

## Én invitation
inv-answer-title = Invitation: { $title }
inv-back-to-inbox = Tilbage til indbakken
inv-facts-salon = Salon
inv-facts-to = Til
inv-facts-from = Fra
inv-facts-reply-by = Svar gerne senest
inv-facts-state = Status
inv-facts-message = Beskeden fra værterne
inv-accept-heading = Tak ja
inv-accept-who = Hvem kommer?
inv-accept-me = Mig selv ({ $role })
inv-accept-sessions = Til hvilke møder?
inv-accept-button = Tak ja
inv-attendees-heading = Hvem kommer
inv-attendees-button = Gem hvem der kommer
inv-field-note = Besked til værterne
inv-decline-heading = Tak nej
inv-field-reason = Begrundelse
inv-field-reason-hint = Værterne og salonens side viser begrundelsen.
inv-decline-button = Tak nej
inv-pass-heading = Send videre
inv-pass-intro = Er det ikke jer, der skal svare, så send invitationen videre i kommunen. Forløbet følger med, og uret fortsætter med at gå.
inv-field-pass-to = Send til
inv-field-pass-note = Note til dem, der overtager
inv-pass-button = Send videre
inv-propose-heading = Foreslå et andet tidspunkt
inv-field-session = Møde
inv-field-date = Ny dato
inv-field-start = Starter kl.
inv-field-end = Slutter kl.
inv-propose-button = Foreslå tidspunktet
inv-question-heading = Spørg værterne
inv-field-question = Dit spørgsmål
inv-question-button = Send spørgsmålet
inv-answer-done-accepted = Tak! Værterne har fået besked om, hvem der kommer.
inv-answer-done-declined = Værterne har fået dit svar.
inv-answer-done-passed-on = Invitationen er sendt videre.
inv-answer-done-proposed = Værterne har fået forslaget.
inv-answer-done-question = Spørgsmålet er sendt til værterne.
inv-answer-done-attendees = Værterne har fået besked om ændringen.

## Svar via link (uden konto)
inv-mailbox-intro = Kommunen er inviteret til en samtalesalon. Du kan svare her uden at oprette en konto.
inv-field-your-name = Dit navn
inv-field-your-name-hint = Værterne ser, hvem der har svaret for kommunen.
inv-field-names = Hvem kommer?
inv-field-names-hint = Et navn pr. linje, gerne med stilling, fx "Jens Hansen, vejingeniør".
inv-mailbox-join-heading = Kom med på Medspil
inv-mailbox-join = Med en konto og en rolle i kommunen får I invitationerne i en fælles indbakke.
inv-mailbox-done-accept = Tak! Værterne har fået besked om, hvem der kommer.
inv-mailbox-done-decline = Værterne har fået jeres svar.
inv-mailbox-done-question = Spørgsmålet er sendt til værterne.
inv-stop-title = Ingen flere invitationer
inv-stop-intro = Tryk på knappen, så sender Medspil ikke flere invitationer til denne adresse.
inv-stop-button = Send mig ikke flere invitationer
inv-stop-done = Medspil sender ikke flere invitationer til adressen.

## Salonens side
inv-public-heading = Kommunen er inviteret
inv-public-accepted = kommer
inv-public-accepted-names = kommer — { $names }
inv-public-declined = har takket nej: { $reason }
inv-public-proposed = har foreslået et andet tidspunkt
inv-public-open = { $count ->
    [0] har ikke svaret endnu (sendt i dag)
    [one] har ikke svaret endnu (1 dag)
   *[other] har ikke svaret endnu ({ $count } dage)
}
inv-public-open-mailbox = { $count ->
    [0] sendt til kommunens postkasse — har ikke svaret endnu (sendt i dag)
    [one] sendt til kommunens postkasse — har ikke svaret endnu (1 dag)
   *[other] sendt til kommunens postkasse — har ikke svaret endnu ({ $count } dage)
}

## Svarprofilen
inv-record-heading = Sådan svarer de på invitationer
inv-record-empty = Ingen invitationer de seneste 12 måneder.
inv-record-not-on-medspil = Ikke på Medspil endnu.
inv-record-by-email = { $count ->
    [one] 1 invitation er sendt til kommunens postkasse.
   *[other] { $count } invitationer er sendt til kommunens postkasse.
}
inv-record-median = Typisk tid til første svar (median)
inv-record-p90 = 9 ud af 10 svarer inden for
inv-record-replied = Besvaret
inv-record-of = { $n } af { $of }
inv-record-accepted = Takket ja
inv-record-declined = Takket nej
inv-record-proposed = Foreslået andet tidspunkt
inv-record-unanswered = Ikke besvaret før salonen
inv-record-open = Åbne nu
inv-record-open-old = Åbne i mere end 14 dage
inv-record-passed-on = Sendt videre
inv-record-typed = Svar fra en adresse, som værten har angivet (tæller ikke)
inv-record-unanswered-value = ikke besvaret
inv-record-hours = { $count ->
    [one] 1 time
   *[other] { $count } timer
}
inv-record-days = { $count ->
    [one] 1 dag
   *[other] { $count } dage
}
inv-record-days-fraction = { $days } dage
inv-record-how = Sådan regner vi
inv-record-explain = Vi tæller alle invitationer til kommunen, en enhed eller en person i en rolle de seneste 12 måneder — ikke dem, værterne trak tilbage, eller hvis salon blev aflyst, før der kom svar, eller skjult af moderatorerne. Første svar er et ja, et nej, et forslag om et andet tidspunkt eller et spørgsmål; at sende videre er ikke et svar, og tiden regnes fra værterne sendte invitationen. Svaret tælles hos den enhed, der havde invitationen, da der blev svaret. En invitation uden svar, når salonen begynder, tæller som ikke besvaret og bliver i tallene som langsommere end alle svar — så det aldrig forbedrer tallene ikke at svare. Er mere end halvdelen (en tiendedel) ikke besvaret, står der "ikke besvaret" ved medianen (9 ud af 10). Kun et svar, der beviseligt kommer fra kommunen, tæller: fra en person med en godkendt rolle, eller fra enhedens eller kommunens egen kontaktadresse. Et svar fra en adresse, som værten har angivet (fordi hverken enheden eller kommunen havde en kontaktadresse), vises som det, men tæller ikke som kommunens svar — invitationen tæller med, og den står som ikke besvaret. Invitationer fra en salon, der ikke er offentliggjort, tæller ikke; de sendes først, når salonen offentliggøres, og tiden regnes derfra. Beslutninger med borgersaloner før behandling: af de sager, kommunens udvalg og byråd har besluttet (eller skulle have behandlet) de seneste 12 måneder, hvor mange der havde en offentlig samtalesalon om sagen før mødedagen.
unit-invited-heading = Inviteret til
unit-invited-empty = Ingen kommende offentlige saloner har inviteret enheden.

## Offentlige profiler
people-roles-heading = Roller
people-salons-heading = Saloner i rollen
people-salons-empty = Ingen offentlige saloner endnu.
people-salon-came = deltog
people-salon-coming = kommer
people-salon-answered = svarede for kommunen

## E-mails
inv-update-accepted = { $by } har takket ja. Kommer: { $names }.
inv-update-seats-full = Kommunens reserverede pladser er optaget, så de står på venteliste. Tilføj en plads til kommunen under "Rediger", så får de den.
inv-update-attendees = { $by } har ændret, hvem der kommer: { $names }.
inv-update-declined = { $by } har takket nej: { $reason }
inv-update-question = { $by } spørger: { $text }
inv-update-proposed = { $by } foreslår et andet tidspunkt: { $when }.
inv-mail-host-accepted-subject = { $holder } kommer til { $title }
inv-mail-host-attendees-subject = Ændring i hvem der kommer fra { $holder }
inv-mail-host-declined-subject = { $holder } har takket nej til { $title }
inv-mail-host-question-subject = Spørgsmål fra { $holder } om { $title }
inv-mail-host-proposed-subject = { $holder } foreslår et andet tidspunkt for { $title }
inv-mail-host-accepted-body = { inv-mail-host-body }
inv-mail-host-attendees-body = { inv-mail-host-body }
inv-mail-host-declined-body = { inv-mail-host-body }
inv-mail-host-question-body = { inv-mail-host-body }
inv-mail-host-proposed-body = { inv-mail-host-body }
inv-mail-host-body = Hej

    Nyt om jeres invitation til { $holder } — "{ $title }":

    { $what }

    Se og svar her: { $link }

    Venlig hilsen
    Medspil
inv-mail-invited-subject = Invitation: { $title }
inv-mail-invited-body = Hej

    { $host } inviterer { $holder } til samtalesalonen "{ $title }" ({ $when }):

    { $message }

    { $facts }

    Svar her — tak ja, tak nej, send videre eller spørg værterne: { $link }

    Venlig hilsen
    Medspil
inv-mail-passed-on-subject = Sendt videre til jer: { $title }
inv-mail-passed-on-body = Hej

    En invitation til samtalesalonen "{ $title }" ({ $when }) er sendt videre til { $holder }.

    { $text }

    Værternes besked: { $message }

    { $facts }

    Svar her: { $link }

    Venlig hilsen
    Medspil
inv-mail-host-message-subject = Besked fra værterne: { $title }
inv-mail-host-message-body = Hej

    Værterne af "{ $title }" skriver:

    { $text }

    Svar her: { $link }

    Venlig hilsen
    Medspil
inv-mail-proposal-accepted-subject = Det nye tidspunkt er godkendt: { $title }
inv-mail-proposal-accepted-body = Hej

    Værterne af "{ $title }" har taget imod jeres forslag, og mødet er flyttet. Invitationen venter nu på jeres svar.

    Svar her: { $link }

    Venlig hilsen
    Medspil
inv-mail-proposal-declined-subject = Værterne beholder tidspunktet: { $title }
inv-mail-proposal-declined-body = Hej

    Værterne af "{ $title }" beholder det oprindelige tidspunkt ({ $when }). Invitationen er åben igen.

    Svar her: { $link }

    Venlig hilsen
    Medspil
inv-mail-reminder-subject = Påmindelse: invitation til { $title }
inv-mail-reminder-body = Hej

    { $holder } er inviteret til samtalesalonen "{ $title }" ({ $when }) og har ikke svaret endnu.

    { $message }

    { $facts }

    Svar her: { $link }

    Venlig hilsen
    Medspil
inv-mail-invited-mailbox-subject = Invitation til kommunen: { $title }
inv-mail-invited-mailbox-body = Hej

    { $host } inviterer { $holder } til samtalesalonen "{ $title }" ({ $when }):

    { $message }

    { $facts }

    Ingen fra jer er på Medspil endnu, så invitationen er sendt hertil. I kan svare uden konto — tak ja og skriv hvem der kommer, tak nej med en begrundelse, eller spørg værterne:
    { $link }

    Vil I have invitationerne i en fælles indbakke, kan I oprette en konto: { $join }

    Venlig hilsen
    Medspil
inv-mail-passed-on-mailbox-subject = { inv-mail-invited-mailbox-subject }
inv-mail-passed-on-mailbox-body = { inv-mail-invited-mailbox-body }
inv-mail-host-message-mailbox-subject = { inv-mail-host-message-subject }
inv-mail-host-message-mailbox-body = { inv-mail-host-message-body }
inv-mail-proposal-accepted-mailbox-subject = { inv-mail-proposal-accepted-subject }
inv-mail-proposal-accepted-mailbox-body = { inv-mail-proposal-accepted-body }
inv-mail-proposal-declined-mailbox-subject = { inv-mail-proposal-declined-subject }
inv-mail-proposal-declined-mailbox-body = { inv-mail-proposal-declined-body }
inv-mail-reminder-mailbox-subject = { inv-mail-reminder-subject }
inv-mail-reminder-mailbox-body = { inv-mail-reminder-body }
inv-mail-neighbour-subject = Du er inviteret: { $title }
inv-mail-neighbour-body = Hej

    { $host } inviterer dig til samtalesalonen "{ $title }" ({ $when }):

    { $message }

    Se salonen og tilmeld dig her: { $link }

    Venlig hilsen
    Medspil
inv-mail-stop-line = Vil du ikke have flere invitationer fra Medspil? Tryk her:

## Sandt på salonens side
inv-public-awaits-publish = sendes, når salonen offentliggøres
inv-public-typed-answer = svar modtaget fra en adresse, som værten har angivet
inv-public-accepted-waiting = har sagt ja — står på venteliste: { $names }
inv-public-accepted-some-waiting = kommer — { $names } · står på venteliste: { $waiting }
inv-public-accepted-no-one = har sagt ja, men ingen fra kommunen er tilmeldt længere
inv-public-accepted-waiting-elsewhere = har sagt ja — står på venteliste
inv-public-proposal-taken = foreslog { $when } — værten valgte det
inv-public-proposal-kept = foreslog { $when } — værten beholdt det oprindelige tidspunkt
inv-public-open-typed = { $count ->
    [0] sendt til en adresse, som værten har angivet — har ikke svaret endnu (sendt i dag)
    [one] sendt til en adresse, som værten har angivet — har ikke svaret endnu (1 dag)
   *[other] sendt til en adresse, som værten har angivet — har ikke svaret endnu ({ $count } dage)
}
inv-state-awaits-publish = Gemt — sendes, når salonen offentliggøres
inv-state-open-typed = { $count ->
    [0] Sendt i dag til en adresse, I har angivet — har ikke svaret endnu
    [one] Sendt til en adresse, I har angivet — har ikke svaret endnu (1 dag)
   *[other] Sendt til en adresse, I har angivet — har ikke svaret endnu ({ $count } dage)
}
inv-state-typed-answer = { $state } — svaret kom fra en adresse, I har angivet, og tæller ikke som kommunens svar
inv-send-over = Salonen er slut, så der kan ikke sendes flere invitationer.
inv-send-cancelled = Salonen er aflyst, så der kan ikke sendes flere invitationer.
inv-mail-facts-sessions = Møder:
inv-mail-facts-place = Sted: { $place }
inv-mail-facts-address-private = { $place } (adressen står på salonens side for tilmeldte)
inv-mail-facts-town = By: { $town }
inv-mail-facts-reply-by = Svar gerne senest: { $day }

## Who in the unit handles an invitation (only those who answer for it see this)
inv-claim-heading = Hvem tager sig af den
inv-claim-nobody = Ingen har taget den endnu.
inv-claim-held = { $name } har taget den siden { $since }.
inv-claim-button = Jeg tager den
inv-claim-me = Mig selv
inv-claim-intro = Kun jeres egne kolleger kan se, hvem der har taget invitationen. Alle, der svarer for jer, kan stadig svare på den.
inv-field-hand-over-to = Giv den til en kollega
inv-hand-over-button = Giv den videre
inv-answer-done-claimed = Du har taget invitationen. Dine kolleger kan se det.
inv-answer-done-handed-over = Invitationen er givet videre, og din kollega har fået besked.
inv-error-claimed = { $name } tog den { $since }.
inv-error-claim-changed = En kollega har lige ændret, hvem der har invitationen. Se her, hvem der har den nu.
inv-error-claim-closed = Invitationen er ikke længere åben.
inv-error-hand-over-to = Vælg en kollega, der svarer for invitationen.
inv-event-claimed = { $by } tog invitationen.
inv-event-handed-over = { $by } gav invitationen til { $to }.
inv-release-button = Læg den tilbage
inv-answer-done-released = Invitationen er lagt tilbage. Ingen har den nu.
inv-event-released = { $by } lagde invitationen tilbage.
inv-inbox-filter-claim = Hvem har den
inv-inbox-claim-all = Alle
inv-inbox-claim-mine = Mine
inv-inbox-claim-none = Ingen har taget den
inv-inbox-col-claim = Hvem har den
inv-inbox-claimed = { $name } siden { $since }
inv-inbox-unclaimed = Ingen endnu
inv-mail-handed-over-subject = Du har fået en invitation: { $title }
inv-mail-handed-over-body = Hej

    { $by } har givet dig invitationen til samtalesalonen "{ $title }" ({ $when }). Du tager dig af den nu; alle, der svarer for jer, kan stadig svare.

    Se den her: { $link }

    Venlig hilsen
    Medspil

## Internal notes (only those who answer for the invitation and the municipality's admins)
inv-notes-heading = Interne noter
inv-notes-intro = Kun dem, der svarer for invitationen, og kommunens administratorer kan se noterne. Værterne og offentligheden ser dem aldrig.
inv-notes-empty = Der er ingen noter endnu.
inv-notes-button = Gem note
inv-notes-title = Interne noter: { $title }
inv-notes-holder = Til { $holder }
inv-notes-back = Tilbage til invitationen
inv-notes-to-salon = Se salonen
inv-field-internal-note = Ny note
inv-field-internal-note-hint = Fx "Jeg tjekker med vejafdelingen". Noten bliver hos kommunen.
inv-error-note-missing = Skriv noten.
inv-answer-done-noted = Noten er gemt.

## Due and overdue in the inbox
inv-inbox-col-reply-by = Svar gerne senest
inv-inbox-reply-by-none = Ikke angivet
inv-inbox-overdue = Forfalden
inv-inbox-salon-in = { $count ->
    [0] Salonen er i dag
    [1] Salonen er i morgen
   *[other] Salonen er om { $count } dage
}

## The unit's weekly mail (Monday 07:00)
mail-settings-unit-weekly = Ugens overblik for enheden
mail-settings-unit-weekly-hint = For dem, der svarer for en enhed: mandag morgen de åbne invitationer, hvem der har dem, og næste skridt, der forfalder.
unit-weekly-subject = Ugens overblik: { $units }
unit-weekly-body =
    Her er ugens overblik over det, I svarer for.

    { $sections }

    Se indbakken: { $link }
unit-weekly-unit = == { $unit } ==
unit-weekly-no-open = Ingen åbne invitationer.
unit-weekly-open = { $count ->
    [one] 1 åben invitation:
   *[other] { $count } åbne invitationer:
}
unit-weekly-open-line = - { $salon }: { $who }{ $by }
unit-weekly-has = { $name } har den
unit-weekly-nobody = ingen har taget den
unit-weekly-reply-by = {", "}svar gerne senest { $date }
unit-weekly-steps = Næste skridt, der forfalder eller er forfaldne:
unit-weekly-step-due = - { $step } (senest { $date })
unit-weekly-step-overdue = - { $step } (forfalden, skulle være klar { $date })
unit-weekly-record = De sidste 30 dage: { $received ->
    [one] 1 invitation
   *[other] { $received } invitationer
} modtaget, { $replied } besvaret af enheden.
