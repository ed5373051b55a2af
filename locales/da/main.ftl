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
meta-description = Medspil: borgere holder samtalesaloner om lokale sager og inviterer kommunen med. Find en salon nær dig, eller hold din egen.
meta-description-municipality = Samtalesaloner, kommende beslutninger og hvem der svarer i { $municipality } på Medspil.
front-title = Samtalesaloner
front-heading = Borgerne inviterer kommunen med i samtalen
front-lead = På Medspil samler borgere naboer om en lokal sag i en samtalesalon – og inviterer kommunens afdelinger, medarbejdere og politikere med som gæster. Kommunen svarer synligt og til tiden, og det, I bliver enige om, bliver fulgt op i offentligheden.
front-host-link = Hold en samtalesalon
front-how-heading = Sådan virker det
front-step-host = En borger opretter en samtalesalon om et spørgsmål, der betyder noget lokalt.
front-step-invite = Værten inviterer naboer og kommunen: en afdeling, et udvalg, en politiker eller hele kommunen.
front-step-answer = Kommunen svarer: hvem kommer, et nej med en begrundelse, eller et andet tidspunkt.
front-step-follow-up = Bagefter offentliggøres en opsamling, og aftalerne følges op, så alle kan se, hvad der skete.
front-host-note = Det er gratis, og du bestemmer selv emnet, stedet og hvem der inviteres.
front-step-host-title = Hold en salon
front-step-invite-title = Inviter kommunen
front-step-answer-title = Kommunen svarer
front-step-follow-up-title = Følg op
front-summaries-heading = Seneste referater
front-summaries-empty = Der er ikke offentliggjort nogen referater endnu.
front-summary-published = Referat offentliggjort { $date }
front-find-lead = Se, hvilke afdelinger, udvalg og politikere der er på Medspil, hvor hurtigt de svarer, og hvilke saloner der holdes i din kommune.
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
privacy-intro = Medspil gemmer kun det, der skal til for at holde samtalesaloner og følge op på dem. Her står, hvad vi gemmer, hvorfor, hvor længe, og hvilke rettigheder du har.
privacy-what-heading = Hvad vi gemmer
privacy-what-account = Din konto: navn, e-mailadresse, sprog og en krypteret udgave af din adgangskode (aldrig selve adgangskoden).
privacy-what-sessions = Hvor du er logget ind: hvilken browser og hvornår den sidst blev brugt, så du selv kan se og afslutte dine login.
privacy-what-roles = Roller hos kommunen, hvis du beder om dem: titel, afdelinger og for politikere parti.
privacy-what-content = Det, du selv skriver og gør på Medspil: saloner, tilmeldinger, invitationer, svar og opsamlinger.
privacy-what-mail = De e-mails, vi sender til dig.
privacy-why-heading = Hvorfor
privacy-why-body = For at du kan holde og deltage i samtalesaloner, og for at kommunens svar og opfølgning kan ses offentligt. Vi sælger ikke data, viser ikke reklamer og bruger ingen sporing eller cookies fra andre.
privacy-how-long-heading = Hvor længe
privacy-how-long-account = Din konto gemmes, indtil du sletter den.
privacy-how-long-sessions = Et login udløber efter 14 dage uden brug og senest efter 90 dage.
privacy-how-long-links = Links i e-mails udløber: bekræftelse efter 48 timer, ny adgangskode efter en time.
privacy-how-long-needs = Særlige behov, du oplyser ved en tilmelding, slettes 30 dage efter salonen.
privacy-how-long-notes = Interne noter, du skriver om en invitation som kommunens medarbejder, bliver hos kommunen, når du sletter din konto, men uden dit navn. De er med, når du henter dine data.
privacy-how-long-conversation = Spørgsmål, kommentarer og svar, du skriver ved en salon, slettes, når du sletter din konto. Et spørgsmål, andre har svaret på, står tilbage uden tekst, så svarene stadig giver mening. Svar, du har givet på vegne af en afdeling i kommunen, bliver stående med "slettet bruger" i stedet for dit navn, som svar på invitationer gør. Det hele er med, når du henter dine data.
privacy-rights-heading = Dine rettigheder
privacy-rights-body = Du kan til enhver tid se og rette dine oplysninger, hente alt, hvad vi har gemt om dig, som én fil, og slette din konto. Du kan også klage til Datatilsynet.
privacy-rights-link = Gå til Min konto
privacy-contact-heading = Kontakt
privacy-contact-operator = Medspil på denne adresse drives af { $name }.
privacy-contact-missing = Driftsansvarlig er ikke oplyst endnu.
accessibility-title = Tilgængelighedserklæring
accessibility-official = Den officielle tilgængelighedserklæring findes her:
accessibility-intro = Medspil er bygget til at kunne bruges af alle og sigter mod at overholde WCAG 2.1 niveau AA.
accessibility-how-heading = Sådan er siden bygget
accessibility-how-keyboard = Alt kan bruges med tastatur, og fokus er altid synligt.
accessibility-how-nojs = Alle sider virker uden JavaScript.
accessibility-how-zoom = Teksten kan forstørres, og siden tilpasser sig små skærme.
accessibility-how-language = Siden findes på dansk og engelsk.
accessibility-contact-heading = Oplever du problemer?
accessibility-contact-operator = Skriv til { $name }, så retter vi det.
accessibility-complaint = Du kan også klage til Digitaliseringsstyrelsen, som fører tilsyn med offentlige websteders tilgængelighed.

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
error-text-hidden-characters = Teksten indeholder usynlige tegn eller tegn, der vender skriftretningen (ofte med fra kopieret tekst). Skriv den igen uden dem.

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
day-long = { $weekday } { $day }. { $month } { $year }
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

## Rettelser: en tekst rettet efter offentliggørelse viser det, med de tidligere versioner
corrected-on = rettet { $date }
earlier-versions-heading = Tidligere versioner
earlier-version-until = Teksten indtil { $date }:
weekday-short-1 = man.
weekday-short-2 = tirs.
weekday-short-3 = ons.
weekday-short-4 = tors.
weekday-short-5 = fre.
weekday-short-6 = lør.
weekday-short-7 = søn.
month-short-1 = jan.
month-short-2 = feb.
month-short-3 = mar.
month-short-4 = apr.
month-short-5 = maj
month-short-6 = jun.
month-short-7 = jul.
month-short-8 = aug.
month-short-9 = sep.
month-short-10 = okt.
month-short-11 = nov.
month-short-12 = dec.
