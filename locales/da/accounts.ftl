# Konti: registrering, log ind, adgangskode, min konto

nav-account = Min konto
nav-sign-out = Log ud
nav-sign-in = Log ind
nav-register = Opret konto

form-optional = valgfrit
form-error-prefix = Fejl:
form-choose = Vælg …
form-error-summary = Der er noget, der skal rettes

field-name = Navn
field-email = E-mailadresse
field-new-email = Ny e-mailadresse
field-password = Adgangskode
field-new-password = Ny adgangskode
field-new-password-hint = Mindst 10 tegn. Brug gerne en sætning, du kan huske – der er ingen andre krav.
field-current-password = Nuværende adgangskode
field-language = Sprog

error-email-missing = Skriv din e-mailadresse.
error-email-invalid = Skriv en gyldig e-mailadresse, fx navn@eksempel.dk.
error-email-same = Det er allerede din e-mailadresse.
error-name-missing = Skriv dit navn.
error-name-too-long = Navnet må højst være 100 tegn.
error-password-missing = Skriv en adgangskode.
error-password-short = Adgangskoden skal være mindst 10 tegn.
error-password-long = Adgangskoden må højst være 1000 tegn.
error-password-common = Den adgangskode er blandt de mest brugte og let at gætte. Vælg en anden.
error-password-wrong = Adgangskoden er forkert.
error-password-wait = Der har været for mange forkerte adgangskoder. Vent lidt, og prøv igen.

register-title = Opret konto
register-intro = Med en konto kan du holde samtalesaloner, tilmelde dig saloner og invitere kommunen. Vi sender et link til din e-mail, så du kan bekræfte adressen.
register-button = Opret konto
register-have-account = Har du allerede en konto?
register-error-limit = Der er oprettet mange konti fra din internetforbindelse den seneste time. Prøv igen fra { $when }.
check-email-title = Tjek din e-mail
check-email-body = Vi har sendt en e-mail til den adresse, du skrev. Følg linket i den for at fortsætte. Kommer der ingen e-mail, så tjek din spam-mappe.

sign-in-title = Log ind
sign-in-button = Log ind
sign-in-forgot = Glemt adgangskode?
sign-in-no-account = Har du ikke en konto?
sign-in-wrong = E-mailadressen eller adgangskoden er forkert.
sign-in-wait = Der har været for mange forsøg på at logge ind. Vent lidt, og prøv igen.

forgot-title = Glemt adgangskode
forgot-intro = Skriv din e-mailadresse, så sender vi et link, hvor du kan vælge en ny adgangskode. Linket virker i en time.
forgot-button = Send link
forgot-sent-title = Tjek din e-mail
forgot-sent-body = Hvis der findes en konto med den adresse, har vi sendt et link til at vælge en ny adgangskode. Linket virker i en time.
reset-title = Vælg en ny adgangskode
reset-button = Gem ny adgangskode
link-gone-title = Linket virker ikke længere
link-gone-body = Linket er allerede brugt, eller det er for gammelt. Bed om et nyt link og prøv igen.

verify-title = Bekræft din e-mailadresse
verify-intro = Tryk på knappen for at bekræfte { $email }.
verify-button = Bekræft e-mailadresse
verified-title = Din e-mailadresse er bekræftet
verified-body = Tak. Du kan nu holde samtalesaloner, tilmelde dig og invitere kommunen.

account-title = Min konto
account-unverified = Din e-mailadresse { $email } er ikke bekræftet endnu. Indtil da kan du ikke holde saloner, tilmelde dig eller invitere.
account-resend-button = Send bekræftelseslinket igen
account-profile-heading = Navn og sprog
account-email-is = Din e-mailadresse: { $email }
account-save = Gem
account-email-heading = Skift e-mailadresse
account-email-intro = Vi sender et link til den nye adresse. Den gamle adresse gælder, indtil linket er brugt.
account-email-button = Send link til den nye adresse
account-password-heading = Skift adgangskode
account-password-intro = Når du skifter adgangskode, bliver du logget ud alle andre steder.
account-password-button = Skift adgangskode
account-sessions-heading = Hvor du er logget ind
account-session-last-seen = sidst brugt { $when }
account-session-current = denne browser
account-sessions-end-others = Log ud alle andre steder
account-data-heading = Dine data
account-data-intro = Hent alt, hvad Medspil har gemt om dig, som én fil.
account-data-link = Hent mine data (JSON)
account-data-page-link = Se dine data
account-data-title = Dine data på Medspil
account-data-back = Tilbage til din konto
account-data-page-intro = Her er alt, hvad Medspil har gemt om dig, del for del. Det samme står i filen, som du kan hente:
account-data-contents = Indhold
account-data-none = Intet.
account-data-section-account = Din konto
account-data-section-sessions = Indloggede browsere
account-data-section-logins = Tilknyttede logins
account-data-section-emails = E-mails til dig
account-data-section-roles = Roller
account-data-section-salons-hosted = Saloner, du er vært for
account-data-section-cohost-invitations = Invitationer til at være medvært
account-data-section-registrations = Tilmeldinger
account-data-section-invitations = Invitationer og beskeder
account-data-section-notifications = Notifikationer
account-data-section-decisions = Beslutninger
account-data-section-searches = Søgninger, du følger
account-data-section-people-followed = Personer, du følger
account-data-section-conversation = Spørgsmål og kommentarer ved saloner
account-data-section-moderation = Anmeldelser og moderation
account-delete-heading = Slet konto
account-delete-intro = Dine personlige oplysninger bliver slettet. Svar, du har givet på vegne af kommunen, står tilbage som "slettet bruger".
account-delete-hint = Skriv din adgangskode for at bekræfte.
account-delete-button = Slet min konto
account-deleted-title = Din konto er slettet
account-deleted-body = Dine personlige oplysninger er slettet fra Medspil. Tak for din deltagelse.
account-done-password = Din adgangskode er skiftet.
account-done-verified = Din e-mailadresse er bekræftet.
account-done-verify-sent = Vi har sendt et nyt bekræftelseslink.
account-done-profile = Dine oplysninger er gemt.
account-done-email-sent = Vi har sendt et link til den nye adresse. Den gælder, når du har brugt linket.
account-done-sessions-ended = Du er logget ud alle andre steder.
email-change-cancel-title = Stop skiftet af e-mailadresse
email-change-cancel-intro = Nogen har bedt om at skifte din kontos e-mailadresse til { $email }. Tryk på knappen for at stoppe det. Var det ikke dig, så skift også din adgangskode.
email-change-cancel-button = Stop skiftet
email-change-cancelled-title = Skiftet er stoppet
email-change-cancelled-body = Din konto beholder sin e-mailadresse, og bekræftelseslinket til den nye adresse virker ikke længere. Var det ikke dig, der bad om skiftet, så skift din adgangskode nu.
session-unknown-device = Ukendt browser
session-device = { $browser } på { $system }

error-403-title = Det har du ikke adgang til
error-403-message = Siden eller handlingen kræver en rolle, du ikke har.
error-429-title = For mange forsøg
error-429-message = Vent lidt, og prøv igen.
error-csrf-title = Formularen kom fra et andet sted
error-csrf-message = Af sikkerhedshensyn tager vi kun imod formularer sendt fra Medspils egne sider. Gå tilbage, genindlæs siden, og prøv igen.
error-unverified-title = Bekræft først din e-mailadresse
error-unverified-message = For at holde saloner, tilmelde dig eller invitere skal din e-mailadresse være bekræftet. Følg linket i den e-mail, vi sendte, eller få et nyt link her.

mail-verify-subject = Bekræft din e-mailadresse på Medspil
mail-verify-body =
    Hej { $name }

    Bekræft din e-mailadresse ved at åbne linket og trykke på knappen:

    { $link }

    Linket virker i 48 timer. Har du ikke bedt om det, kan du se bort fra denne e-mail.

    Venlig hilsen
    Medspil
mail-already-registered-subject = Nogen forsøgte at oprette en konto med din e-mail
mail-already-registered-body =
    Hej { $name }

    Nogen, måske dig selv, forsøgte at oprette en konto på Medspil med din e-mailadresse. Du har allerede en konto.

    Har du glemt din adgangskode, kan du vælge en ny her:

    { $link }

    Var det ikke dig, kan du se bort fra denne e-mail.

    Venlig hilsen
    Medspil
mail-reset-subject = Vælg en ny adgangskode til Medspil
mail-reset-body =
    Hej { $name }

    Åbn linket for at vælge en ny adgangskode:

    { $link }

    Linket virker i en time. Har du ikke bedt om det, kan du se bort fra denne e-mail – din adgangskode er uændret.

    Venlig hilsen
    Medspil
mail-password-changed-subject = Din adgangskode til Medspil er skiftet
mail-password-changed-body =
    Hej { $name }

    Adgangskoden til din konto på Medspil er netop blevet skiftet, og du er logget ud alle andre steder.

    Var det ikke dig, så vælg en ny adgangskode med det samme:

    { $link }

    Venlig hilsen
    Medspil
mail-email-change-requested-subject = Din e-mailadresse er ved at blive ændret til { $email }
mail-email-change-requested-body =
    Hej { $name }

    Nogen har bedt om at ændre e-mailadressen på din konto på Medspil til { $email }. Ændringen sker først, når linket i mailen til den nye adresse er brugt.

    Var det ikke dig, så stop ændringen her, og skift din adgangskode:

    { $link }

    Venlig hilsen
    Medspil
mail-email-changed-subject = Din e-mailadresse på Medspil er ændret til { $email }
mail-email-changed-body =
    Hej { $name }

    E-mailadressen på din konto på Medspil er nu { $email }. Fremover går mails fra Medspil dertil.

    Var det ikke dig, så kontakt dem, der driver Medspil, med det samme:

    { $link }

    Venlig hilsen
    Medspil

# Sign-in with MitID or the municipality's own login (OpenID Connect)
sign-in-or = Eller log ind med e-mail og adgangskode
sign-in-with = Log ind med { $provider }
oidc-failed-title = Log ind lykkedes ikke
oidc-failed = Vi kunne ikke bekræfte dit login. Du er ikke logget ind. Prøv igen, eller log ind med e-mail og adgangskode.
oidc-failed-expired = Dit login tog for lang tid, eller siden blev åbnet to gange. Du er ikke logget ind. Prøv igen.
oidc-failed-cancelled = Du blev ikke logget ind hos udbyderen. Du er ikke logget ind på Medspil.
oidc-failed-unreachable = Vi kan ikke nå login-udbyderen lige nu. Prøv igen om lidt.
oidc-failed-linked-elsewhere = Dette login hører allerede til en anden konto på Medspil.
oidc-failed-suspended = Kontoen er spærret, så du kan ikke logge ind.
oidc-try-again = Til log ind
oidc-link-title = Forbind dit login med din konto
oidc-link-body = Der findes allerede en konto med { $email }. Skriv adgangskoden til den, så forbinder vi dit { $provider }-login med kontoen.
oidc-link-button = Forbind og log ind
oidc-link-wrong = Adgangskoden er forkert.
oidc-email-title = Hvilken e-mailadresse skal vi skrive til?
oidc-email-body = { $provider } gav os ingen bekræftet e-mailadresse. Skriv din adresse, så sender vi et link, der bekræfter den. Før det kan du ikke være vært eller tilmelde dig.
oidc-email-button = Opret konto
oidc-email-taken = Der findes allerede en konto med den adresse. Log ind med adgangskoden, og forbind dit login under Min konto.
oidc-last-login-title = Du kan ikke fjerne dit eneste login
oidc-last-login-body = Din konto har ingen adgangskode, så dette login er den eneste vej ind. Forbind et andet login eller vælg en adgangskode først.
oidc-back-to-account = Tilbage til Min konto
name-verified-mitid = navn bekræftet med MitID
signed-out-title = Du er logget ud
signed-out-body = Du er logget ud af Medspil. Hos { $provider } kan du stadig være logget ind: på en computer, som andre også bruger, bør du logge ud dér også.
signed-out-provider = Log også ud hos { $provider }
signed-out-front = Til forsiden
account-logins-heading = Logins
account-logins-intro = Logins du kan bruge i stedet for adgangskoden.
account-login-linked = Forbundet { $date }
account-login-link = Forbind { $provider }
account-login-unlink = Fjern { $provider }
# A fresh sign-in through a linked login, instead of a password the account does not have
account-confirm-intro = Din konto har ingen adgangskode. Bekræft, at det er dig, ved at logge ind igen.
account-confirm-with = Bekræft med { $provider }
account-confirm-no-login = Din konto har hverken adgangskode eller login at bekræfte med. Vælg en adgangskode via "Glemt adgangskode" først.
oidc-fresh-old = Dit login hos udbyderen var ikke nyt nok til at bekræfte, at det er dig. Intet er ændret. Prøv igen fra Min konto.
oidc-fresh-other = Det login, du brugte, hører ikke til denne konto. Intet er ændret.
oidc-fresh-expired = Bekræftelsen er udløbet eller allerede brugt. Intet er ændret. Prøv igen fra Min konto.
oidc-confirm-title = Du har bekræftet, at det er dig
oidc-confirm-delete = Vil du slette din konto nu? Dine personlige oplysninger slettes, og det kan ikke fortrydes.
oidc-confirm-email = Vil du skifte din e-mailadresse til { $email }? Vi sender et link til den nye adresse, som du skal bruge, før skiftet sker.
oidc-confirm-button = Ja, fortsæt
oidc-confirm-cancel = Nej, tilbage til Min konto
# Linking a login by a mailed link
oidc-link-body-mail = Der findes allerede en konto med { $email }. Vi sender et link til adressen. Åbn det i denne browser, så forbinder vi dit { $provider }-login med kontoen.
oidc-link-or-mail = Eller få et link tilsendt på e-mail i stedet for at skrive adgangskoden.
oidc-link-send-button = Send mig et link
oidc-link-sent-title = Se din e-mail
oidc-link-sent-body = Vi har sendt et link til { $email }. Åbn det i denne browser inden for et kvarter for at forbinde dit login og logge ind.
oidc-link-mail-body = Forbind dit { $provider }-login med din konto og log ind.
oidc-link-mail-gone = Linket er udløbet, allerede brugt, eller åbnet i en anden browser end den, du loggede ind med. Intet er forbundet. Log ind med udbyderen igen for at få et nyt link.
mail-link-login-subject = Forbind dit { $provider }-login med din konto på Medspil
mail-link-login-body =
    Hej

    Nogen har logget ind med { $provider } og bedt om at forbinde det login med din konto på Medspil. Var det dig, så åbn linket i den samme browser inden for et kvarter:

    { $link }

    Var det ikke dig, så lad være med at åbne linket. Så sker der intet.

    Venlig hilsen
    Medspil
account-password-none = Din konto har ingen adgangskode. Du logger ind med et af dine logins.
account-password-none-link = Vælg en adgangskode via et link på e-mail
