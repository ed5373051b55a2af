# Medspil — dansk (standardsprog)

## Rammen
skip-to-content = Gå til indhold
nav-label = Hovedmenu
nav-municipalities = Kommuner
nav-dev-mailbox = Udviklerpostkasse
language-switch = English
footer-tagline = Medspil: borgerne inviterer kommunen med i samtalen.
breadcrumb-label = Brødkrumme

## Forsiden
front-title = Samtalesaloner
front-heading = Borgerne inviterer kommunen med i samtalen
front-lead = På Medspil samler borgere naboer om en lokal sag i en samtalesalon – og inviterer kommunens afdelinger, medarbejdere og politikere med som gæster. Kommunen svarer synligt og til tiden, og det, I bliver enige om, bliver fulgt op i offentligheden.
front-how-heading = Sådan virker det
front-step-host = En borger opretter en samtalesalon om et spørgsmål, der betyder noget lokalt.
front-step-invite = Værten inviterer naboer og kommunen: en afdeling, et udvalg, en politiker eller hele kommunen.
front-step-answer = Kommunen svarer: hvem kommer, et nej med en begrundelse, eller et andet tidspunkt.
front-step-follow-up = Bagefter offentliggøres en opsamling, og aftalerne følges op, så alle kan se, hvad der skete.
front-find-heading = Find din kommune
front-find-link = Se alle 98 kommuner

## Kommuner
municipalities-title = Kommuner
municipalities-intro = Alle Danmarks 98 kommuner, ordnet efter region.
municipality-units-heading = Afdelinger, udvalg og byråd
municipality-no-units = Kommunen har endnu ikke oprettet afdelinger eller udvalg på Medspil.
unit-kind-department = Afdeling
unit-kind-committee = Udvalg
unit-kind-council = Byråd

## Faste sider
privacy-title = Privatlivspolitik
privacy-body = Medspil gemmer kun de oplysninger, der skal til for at holde samtalesaloner: dit navn, din e-mailadresse og det, du selv skriver. Du kan til enhver tid hente alle dine data og slette din konto.
accessibility-title = Tilgængelighedserklæring
accessibility-body = Medspil er bygget til at kunne bruges af alle, også med tastatur, skærmlæser og forstørrelse, og sigter mod at overholde WCAG 2.1 niveau AA.

## Fejlsider
error-404-title = Siden findes ikke
error-404-message = Vi kunne ikke finde den side, du leder efter. Måske er adressen skrevet forkert, eller siden er flyttet.
error-400-title = Forespørgslen kunne ikke forstås
error-400-message = Det, din browser sendte, kunne vi ikke bruge. Prøv igen fra forsiden.
error-500-title = Noget gik galt
error-500-message = Der skete en fejl hos os. Den er skrevet i vores log, så vi kan rette den. Prøv igen om lidt.
error-503-title = Medspil er midlertidigt utilgængelig
error-503-message = Vi kan ikke nå vores database lige nu. Prøv igen om et øjeblik – dine data er ikke gået tabt.
error-back-home = Gå til forsiden
error-status = Fejlkode

## Udviklerpostkasse
mailbox-title = Udviklerpostkasse
mailbox-intro = Alle e-mails, Medspil har lagt i udbakken. Vises kun, når MEDSPIL_DEV_MAILBOX=1.
mailbox-empty = Der er ingen e-mails endnu.
mailbox-created = Oprettet
mailbox-to = Til
mailbox-subject = Emne
mailbox-kind = Slags
mailbox-state = Status
mailbox-sent = sendt
mailbox-queued = i kø
mailbox-back = Tilbage til postkassen
mailbox-attachments = Vedhæftet

## Datoer (Europe/Copenhagen)
datetime-long = { $weekday } { $day }. { $month } kl. { $time }
date-long = { $day }. { $month } { $year }
weekday-1 = mandag
weekday-2 = tirsdag
weekday-3 = onsdag
weekday-4 = torsdag
weekday-5 = fredag
weekday-6 = lørdag
weekday-7 = søndag
month-1 = januar
month-2 = februar
month-3 = marts
month-4 = april
month-5 = maj
month-6 = juni
month-7 = juli
month-8 = august
month-9 = september
month-10 = oktober
month-11 = november
month-12 = december
