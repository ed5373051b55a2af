# Kommunale roller, kommunens sider og administration

## Kommunens side
municipality-not-on-medspil = { $municipality } er ikke med på Medspil endnu. Siden viser kommunen, så du kan finde den, men der er endnu ingen fra kommunen, der svarer her.
municipality-no-admin-yet = { $count ->
    [one] { $municipality } har ingen administrator på Medspil endnu. 1 person svarer her for kommunens enheder; invitationer til hele kommunen sendes med e-mail.
   *[other] { $municipality } har ingen administrator på Medspil endnu. { $count } personer svarer her for kommunens enheder; invitationer til hele kommunen sendes med e-mail.
}
municipality-about-heading = Fra { $municipality }
municipality-contact = Kontakt:
municipality-roles-heading = Arbejder du for kommunen?
municipality-roles-intro = Medarbejdere, politikere og administratorer i { $municipality } kan bede om en rolle, så de kan svare på invitationer på kommunens vegne.
municipality-request-role = Bed om en rolle
municipality-sign-in-to-request = Log ind for at bede om en rolle
municipality-admin-link = Administrer kommunen på Medspil

## En enheds side
unit-archived-notice = Enheden er nedlagt. Siden står her, så tidligere invitationer og aftaler kan findes.
unit-contact = Kontakt:
unit-members-heading = Medlemmer
unit-no-members = Ingen medlemmer er vist endnu.
unit-answers-for = svarer for enheden

## Roller
role-kind-official = Embedsmand
role-kind-politician = Politiker
role-kind-admin = Administrator
role-kind-official-hint = Du arbejder i en afdeling, et udvalgssekretariat eller lignende.
role-kind-politician-hint = Du sidder i byrådet og eventuelt i udvalg.
role-kind-admin-hint = Du styrer kommunens side på Medspil: godkender roller og opretter enheder.
role-noun-official = embedsmand
role-noun-politician = politiker
role-noun-admin = administrator
role-status-pending = venter på godkendelse
role-status-approved = godkendt
role-status-rejected = afvist
role-status-revoked = fjernet
role-deleted-user = slettet bruger
role-reason-email-domain = din e-mailadresse er ikke længere på kommunens domæne
choices-none = Der er intet at vælge imellem endnu.

## Bed om en rolle
role-request-title = Bed om en rolle
role-request-heading = Bed om en rolle i { $municipality }
role-request-intro = Kommunens administratorer ser din anmodning og godkender eller afviser den. Du får besked på e-mail. Er din e-mailadresse på et af kommunens domæner, og beder du om at være embedsmand i afdelinger, bliver du godkendt med det samme.
role-request-no-admin = Kommunen har endnu ingen administrator på Medspil. Din anmodning venter, til der er en.
role-request-mine-heading = Dine roller og anmodninger her
role-request-form-heading = Ny anmodning
role-request-button = Send anmodning
role-request-done-requested = Din anmodning er sendt til kommunens administratorer. Du får besked på e-mail.
role-request-done-approved = Du er godkendt med det samme, fordi din e-mailadresse er på kommunens domæne.
field-role-kind = Rolle
field-role-units = Enheder
field-role-units-hint = Vælg de afdelinger, udvalg eller det byråd, du hører til. Politikere vælger udvalg og byråd; administratorer vælger ingen.
field-role-title = Titel
field-role-title-hint = Din stillingsbetegnelse, fx Udviklingsdirektør eller Byrådsmedlem.
field-role-party = Parti
field-role-party-hint = Kun for politikere.
field-role-note = Besked til administratorerne
field-role-note-hint = Fx hvem der kan bekræfte, at du arbejder i kommunen.
field-role-listed = Vis mig på enhedernes sider

error-role-kind-missing = Vælg en rolle.
error-role-title-missing = Skriv din titel.
error-role-title-too-long = Titlen må højst være 200 tegn.
error-role-party-too-long = Partiets navn må højst være 100 tegn.
error-role-note-too-long = Beskeden må højst være 2000 tegn.
error-role-unit-unknown = En af de valgte enheder findes ikke længere. Vælg igen.
error-role-units-missing = Vælg mindst én enhed.
error-role-units-admin = En administrator hører ikke til en enhed. Fjern markeringerne.
error-role-units-politician = Politikere kan kun være medlem af udvalg og byrådet.
error-role-duplicate = Du har allerede den rolle i kommunen, eller en anmodning om den venter.
error-reason-missing = Skriv en begrundelse. Den bliver sendt til personen.
error-reason-too-long = Begrundelsen må højst være 2000 tegn.
error-text-invalid = Teksten indeholder tegn, der ikke kan bruges.

## Administration
admin-context = Administration af { $municipality }
admin-nav-label = Administration
admin-nav-requests = Anmodninger
admin-nav-roles = Roller
admin-nav-units = Enheder
admin-nav-domains = E-maildomæner
admin-nav-page = Kommunens side
admin-nav-export = Invitationer (CSV)
admin-nav-public = Se den offentlige side
admin-done-approved = Anmodningen er godkendt, og personen har fået besked.
admin-done-rejected = Anmodningen er afvist, og personen har fået besked med begrundelsen.
admin-done-already-decided = Anmodningen var allerede afgjort.
admin-done-revoked = Rollen er fjernet, og personen har fået besked.
admin-done-admin-appointed = Personen er nu administrator og har fået besked.
admin-done-domain-added = Domænet er tilføjet.
admin-done-domain-removed = Domænet er fjernet, og roller givet på grund af det er fjernet.
admin-done-unit-created = Enheden er oprettet.
admin-done-unit-archived = Enheden er arkiveret.
admin-done-unit-saved = Enheden er gemt.
admin-done-answers-saved = Det er gemt, hvem der svarer for enheden.
admin-done-page-saved = Kommunens side er gemt.

admin-requests-title = Anmodninger om roller
admin-requests-none = Ingen anmodninger venter.
admin-request-units = Enheder: { $units }
admin-request-when = Sendt { $when }
admin-request-title = Anmodning om rolle
admin-request-heading = Anmodning fra { $name }
admin-request-role = Rolle
admin-request-badge = Vises som
admin-request-email = E-mailadresse
admin-request-units-label = Enheder
admin-request-note = Besked
admin-request-requested = Sendt
admin-approve-heading = Godkend
admin-approve-button = Godkend anmodningen
admin-reject-heading = Afvis
admin-reject-button = Afvis anmodningen
field-reject-reason = Begrundelse
field-reject-reason-hint = Begrundelsen bliver sendt til personen.

admin-roles-title = Roller
admin-roles-none = Ingen har en godkendt rolle endnu.
admin-roles-person = Person
admin-roles-granted = Godkendt
admin-roles-by-domain = via e-maildomæne
admin-roles-by-admin = af { $name }
admin-roles-by-operator = af Medspils drift
admin-appoint-heading = Udpeg en administrator
admin-appoint-intro = Personen skal have en konto på Medspil med en bekræftet e-mailadresse.
admin-appoint-button = Udpeg administrator
field-appoint-email = E-mailadresse
field-appoint-email-hint = Den e-mailadresse, personen bruger på Medspil.
error-appoint-no-account = Der er ingen konto med en bekræftet e-mailadresse, der hedder sådan.
error-appoint-already = Personen er allerede administrator for kommunen.
admin-role-heading = Rolle: { $name }
admin-revoke-heading = Fjern rollen
admin-revoke-button = Fjern rollen
field-revoke-reason = Begrundelse
field-revoke-reason-hint = Begrundelsen bliver sendt til personen.
error-revoke-self = Du kan ikke fjerne din egen administratorrolle. Bed en anden administrator om det.

admin-domains-title = E-maildomæner
admin-domains-intro = Har en person en bekræftet e-mailadresse på et af disse domæner og beder om at være embedsmand i afdelinger, bliver personen godkendt med det samme. Udvalg, byråd, politikere og administratorer skal altid godkendes af en administrator. Du kan selv tilføje det domæne, din egen e-mailadresse er på (og underdomæner af det); andre domæner tilføjer driftsansvarlig for Medspil. Offentlige e-mailtjenester som gmail.com kan aldrig være kommunens domæne, og et domæne hører højst til én kommune.
admin-domains-list-heading = Kommunens domæner
admin-domains-none = Kommunen har ingen domæner endnu.
admin-domains-remove = Fjern
admin-domains-add-heading = Tilføj et domæne
admin-domains-add-button = Tilføj domæne
field-domain = Domæne
field-domain-hint = Fx skanderborg.dk – hele domænet efter @.
error-domain-missing = Skriv et domæne.
error-domain-invalid = Skriv et domæne som skanderborg.dk, uden @ og mellemrum.
error-domain-taken = Domænet er allerede registreret for kommunen.
error-domain-free-mail = Det er en offentlig e-mailtjeneste, hvor alle kan få en adresse. Den kan aldrig være kommunens domæne.
error-domain-not-yours = Du kan kun tilføje det domæne, din egen e-mailadresse er på, eller et underdomæne af det. Et andet domæne tilføjer driftsansvarlig for Medspil, når kommunen har vist, at det er dens.
error-domain-elsewhere = Domænet hører allerede til en anden kommune.

admin-units-title = Enheder
admin-units-state = Status
admin-units-archived = arkiveret
admin-units-active = aktiv – se siden
admin-units-create-heading = Opret en enhed
admin-units-create-button = Opret enhed
field-unit-kind = Slags
field-unit-name = Navn
field-unit-name-hint = Adressen på enhedens side laves ud fra navnet.
field-unit-description = Beskrivelse
field-unit-contact = Kontakt-e-mail
field-unit-contact-hint = Hertil går invitationer, indtil nogen fra enheden er på Medspil.
error-unit-kind-missing = Vælg, hvilken slags enhed det er.
error-unit-name-missing = Skriv enhedens navn.
error-unit-name-too-long = Navnet må højst være 200 tegn.
error-unit-name-invalid = Navnet skal indeholde bogstaver eller tal.
error-unit-description-too-long = Beskrivelsen må højst være 2000 tegn.
error-unit-slug-taken = Kommunen har allerede en enhed med det navn (måske en arkiveret).
admin-unit-title = Enhed
admin-unit-public-page = se den offentlige side
admin-unit-edit-heading = Navn og beskrivelse
admin-unit-save = Gem
admin-unit-answers-legend = Hvem svarer for enheden?
admin-unit-answers-hint = De markerede kan svare på invitationer til enheden, fx formanden og sekretæren. De andre er medlemmer, der kan deltage i saloner.
admin-unit-not-listed = vises ikke offentligt
admin-unit-answers-save = Gem, hvem der svarer
admin-unit-department-answers = I en afdeling kan alle medlemmer svare på invitationer.
admin-unit-archive-heading = Arkivér enheden
admin-unit-archive-intro = En arkiveret enhed forsvinder fra kommunens side og kan ikke vælges i nye anmodninger. Dens historik bliver stående.
admin-unit-archive-button = Arkivér enheden

admin-page-title = Kommunens side
admin-page-intro = Teksten står øverst på kommunens side på Medspil: fx hvad kommunen gerne vil høre om, og hvem man kan kontakte.
admin-page-save = Gem
field-about = Tekst
field-about-hint = Højst 5000 tegn. Lav en tom linje mellem afsnit.
field-municipality-contact = Kontakt-e-mail
field-municipality-contact-hint = Kommunens generelle adresse, fx kommunen@skanderborg.dk.
error-about-too-long = Teksten må højst være 5000 tegn.

## E-mails
mail-role-requested-subject = { $person } beder om en rolle i { $municipality }
mail-role-requested-body =
    Hej { $name }

    { $person } beder om at blive godkendt som { $role } i { $municipality } på Medspil.

    Se anmodningen, og godkend eller afvis den her:

    { $link }

    Venlig hilsen
    Medspil
mail-role-approved-subject = Du er godkendt som { $role } i { $municipality }
mail-role-approved-body =
    Hej { $name }

    Kommunens administrator har godkendt din anmodning: du er nu { $role } i { $municipality } på Medspil.

    { $link }

    Venlig hilsen
    Medspil
mail-role-approved-by-domain-subject = Du er godkendt som { $role } i { $municipality }
mail-role-approved-by-domain-body =
    Hej { $name }

    Du er godkendt som { $role } i { $municipality } på Medspil med det samme, fordi din e-mailadresse er på et af kommunens domæner.

    Skifter du til en e-mailadresse uden for kommunens domæner, bortfalder rollen.

    { $link }

    Venlig hilsen
    Medspil
mail-role-rejected-subject = Din anmodning om en rolle i { $municipality } er afvist
mail-role-rejected-body =
    Hej { $name }

    Kommunens administrator har afvist din anmodning om at blive { $role } i { $municipality } på Medspil.

    Begrundelse:

    { $reason }

    Du kan sende en ny anmodning her:

    { $link }

    Venlig hilsen
    Medspil
mail-role-revoked-subject = Din rolle i { $municipality } er fjernet
mail-role-revoked-body =
    Hej { $name }

    Kommunens administrator har fjernet din rolle som { $role } i { $municipality } på Medspil.

    Begrundelse:

    { $reason }

    { $link }

    Venlig hilsen
    Medspil
mail-role-domain-lost-subject = Din rolle i { $municipality } er fjernet
mail-role-domain-lost-body =
    Hej { $name }

    Din rolle som { $role } i { $municipality } på Medspil var givet, fordi din e-mailadresse var på et af kommunens domæner. Det er den ikke længere, så rollen er fjernet.

    Arbejder du stadig for kommunen, kan du bede om rollen igen fra kommunens side på Medspil.

    Venlig hilsen
    Medspil
mail-role-admin-appointed-subject = Du er nu administrator for { $municipality } på Medspil
mail-role-admin-appointed-body =
    Hej { $name }

    { $person } har udpeget dig som administrator for { $municipality } på Medspil. Du kan nu godkende roller, oprette enheder og skrive kommunens side:

    { $link }

    Venlig hilsen
    Medspil
