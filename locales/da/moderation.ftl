# Husregler og moderation: anmeldelser, moderatorernes kø, skjult indhold, klager

mod-target-salon = Salon
mod-target-message = Besked
mod-target-profile = Profil
mod-category-harassment = Chikane eller trusler
mod-category-hate = Hadefuld tale eller diskrimination
mod-category-spam = Spam eller reklame
mod-category-misinformation = Bevidst vildledning
mod-category-privacy = Private oplysninger om andre
mod-category-illegal = Ulovligt indhold
mod-category-other = Andet
mod-hidden-by-suspension = Skjult, fordi værtens konto er suspenderet.
mod-hidden-heading = Skjult af Medspils moderatorer:
mod-hidden-salon-title = Salonen er skjult
mod-hidden-profile-title = Profilen er skjult
mod-rules-link = Læs husreglerne
mod-appeal-link = Se hvorfor, og klag
mod-back = Tilbage
mod-see-content = Se indholdet
mod-report-link = Anmeld salonen
mod-report-message-link = Anmeld beskeden
mod-report-profile-link = Anmeld profilen
mod-report-title-salon = Anmeld en salon
mod-report-title-message = Anmeld en besked
mod-report-title-profile = Anmeld en profil
mod-report-intro = Bryder det husreglerne? Fortæl Medspils moderatorer hvorfor. Kommunen ser ikke din anmeldelse, og den, du anmelder, får ikke at vide, hvem du er. Du får besked, når en moderator har set på det.
mod-field-category = Hvad er problemet?
mod-field-note = Uddyb gerne
mod-field-note-hint = Hvad er der galt, og hvor? Højst 2.000 tegn.
mod-report-button = Send anmeldelsen
mod-report-sent = Tak. Din anmeldelse er sendt til Medspils moderatorer, og du får besked, når de har set på den.
mod-message-from = Besked fra { $name }
mod-message-hidden-see-history = Beskeden er skjult af Medspils moderatorer (se forløbet).
mod-error-category = Vælg, hvad problemet er.
mod-error-note-too-long = Højst 2.000 tegn.

mod-queue-title = Moderation
mod-queue-link = Moderation: anmeldelser og klager, der venter
mod-queue-intro = Det, der venter på en moderator: nye anmeldelser og klager, ældste først.
mod-queue-empty = Der er intet, der venter. Godt.
mod-queue-appeal = Klage
mod-queue-reports = { $count ->
    [one] 1 åben anmeldelse
   *[other] { $count } åbne anmeldelser
}
mod-log-title = Moderationslog
mod-log-intro = Alt, moderatorerne har gjort, nyeste først. Loggen kan ikke rettes eller slettes.
mod-log-empty = Loggen er tom.
mod-log-item = sagen
mod-log-platform = Medspil
mod-action-dismiss = afviste anmeldelserne
mod-action-hide = skjulte indholdet
mod-action-restore = gendannede indholdet
mod-action-uphold = afviste klagen (forbliver skjult)
mod-action-suspend = suspenderede kontoen
mod-action-lift = ophævede suspensionen
mod-action-suspension-ended = suspensionen udløb
mod-action-appeal = klagede
mod-action-appeal-link = sendte et nyt link til klage

mod-item-state = Status
mod-item-hidden = Skjult
mod-item-visible = Vises
mod-item-owner = Ejer
mod-item-where = Hvor
mod-item-content = Det anmeldte indhold
mod-item-appeal = Ejerens klage
mod-item-reports = Anmeldelser
mod-item-no-reports = Ingen anmeldelser.
mod-item-history = Forløb
mod-item-actions = Hvad gør du?
mod-content-gone = Indholdet findes ikke længere.
mod-outcome-open = venter
mod-outcome-dismissed = afvist
mod-outcome-hidden = skjult
mod-outcome-suspended = konto suspenderet
mod-field-log-note = Note til loggen
mod-dismiss-heading = Afvis anmeldelserne
mod-dismiss-button = Afvis
mod-uphold-heading = Afvis klagen – indholdet forbliver skjult
mod-uphold-button = Afvis klagen
mod-hide-heading = Skjul indholdet
mod-field-public-reason = Offentlig begrundelse
mod-field-public-reason-hint = Vises i stedet for indholdet og sendes til ejeren. Henvis gerne til husreglerne.
mod-hide-button = Skjul
mod-restore-heading = Gendan indholdet
mod-restore-button = Gendan
mod-suspend-heading = Suspender ejerens konto
mod-suspend-intro = Kontoen kan ikke logge ind, dens sessioner slutter, dens saloner skjules, og dens åbne invitationer pr. e-mail trækkes tilbage.
mod-field-duration = Hvor længe?
mod-duration-7 = 7 dage
mod-duration-30 = 30 dage
mod-duration-90 = 90 dage
mod-duration-365 = Et år
mod-duration-permanent = For altid
mod-field-suspend-reason = Begrundelse
mod-field-suspend-reason-hint = Sendes til personen og står i loggen.
mod-suspend-button = Suspender
mod-lift-heading = Ophæv suspensionen
mod-lift-button = Ophæv
mod-suspended-until = Suspenderet til { $date }
mod-suspended-for-good = Suspenderet for altid
mod-done-dismiss = Anmeldelserne er afvist, og anmelderne har fået besked.
mod-done-hide = Indholdet er skjult. Ejeren og anmelderne har fået besked.
mod-done-restore = Indholdet vises igen, og ejeren har fået besked.
mod-done-uphold = Klagen er afvist, og ejeren har fået besked.
mod-done-suspend = Kontoen er suspenderet.
mod-done-lift = Suspensionen er ophævet.
mod-error-reason-missing = Skriv en begrundelse.
mod-error-reason-too-long = Højst 1.000 tegn.
mod-error-duration = Vælg, hvor længe.
mod-error-not-hidden = Indholdet er ikke skjult, så der er intet at gendanne.
mod-error-no-owner = Indholdet har ingen ejer med en konto.
mod-error-already-suspended = Kontoen er allerede suspenderet. Ophæv suspensionen først, hvis den skal ændres.
mod-error-not-suspended = Kontoen er ikke suspenderet.

mod-appeal-title = Dit indhold og moderatorernes afgørelse
mod-appeal-what = Hvad
mod-appeal-reason = Begrundelse
mod-appeal-heading = Klag over afgørelsen
mod-appeal-intro = Mener du, at det ikke bryder husreglerne? Skriv hvorfor. En anden moderator ser på det. Du kan klage én gang.
mod-field-appeal = Din klage
mod-field-appeal-hint = Højst 2.000 tegn.
mod-appeal-button = Send klagen
mod-appeal-sent = Din klage er sendt. Du får besked, når en moderator har set på den.
mod-appeal-yours = Din klage
mod-appeal-waiting = En moderator har ikke set på den endnu.
mod-appeal-decided = Moderatorerne har besluttet. Du har fået besked.
mod-error-appeal-missing = Skriv, hvorfor du klager.
mod-error-nothing-to-appeal = Dit indhold er ikke skjult, så der er intet at klage over.
mod-error-appealed-once = Du har allerede klaget over denne afgørelse. Man kan kun klage én gang.

sign-in-suspended = Din konto er suspenderet til { $date }. Læs hvorfor i den e-mail, Medspil sendte dig.
sign-in-suspended-for-good = Din konto er suspenderet for altid. Læs hvorfor i den e-mail, Medspil sendte dig.

mod-mail-outcome-dismissed-subject = Din anmeldelse på Medspil
mod-mail-outcome-dismissed-body = Hej

    Tak for din anmeldelse. En moderator har set på den og fandt ikke, at indholdet bryder husreglerne, så det vises fortsat.

    Husreglerne: { $link }

    Venlig hilsen
    Medspil
mod-mail-outcome-hidden-subject = Din anmeldelse på Medspil
mod-mail-outcome-hidden-body = Hej

    Tak for din anmeldelse. En moderator har set på den, og indholdet er nu skjult.

    Husreglerne: { $link }

    Venlig hilsen
    Medspil
mod-mail-outcome-suspended-subject = Din anmeldelse på Medspil
mod-mail-outcome-suspended-body = Hej

    Tak for din anmeldelse. En moderator har set på den, og kontoen bag indholdet er suspenderet.

    Husreglerne: { $link }

    Venlig hilsen
    Medspil
mod-mail-hidden-subject = Dit indhold på Medspil er skjult
mod-mail-hidden-body = Hej

    Medspils moderatorer har skjult dit indhold ({ $what }). Begrundelsen, som også vises i stedet for indholdet:
    { $reason }

    Mener du, at det er forkert, kan du klage én gang her: { $link }

    Venlig hilsen
    Medspil
mod-mail-hidden-no-appeal-subject = Dit indhold på Medspil er skjult
mod-mail-hidden-no-appeal-body = Hej

    Medspils moderatorer har skjult dit indhold ({ $what }). Begrundelsen, som også vises i stedet for indholdet:
    { $reason }

    Du har allerede brugt din klage. Se sagen her: { $link }

    Venlig hilsen
    Medspil
mod-mail-restored-subject = Dit indhold på Medspil vises igen
mod-mail-restored-body = Hej

    Medspils moderatorer har gendannet dit indhold ({ $what }). Det vises igen som før.

    Se sagen her: { $link }

    Venlig hilsen
    Medspil
mod-mail-upheld-subject = Din klage på Medspil
mod-mail-upheld-body = Hej

    En moderator har set på din klage. Indholdet forbliver skjult med begrundelsen:
    { $reason }

    Se sagen her: { $link }

    Venlig hilsen
    Medspil
mod-mail-suspended-subject = Din konto på Medspil er suspenderet
mod-mail-suspended-body = Hej

    Medspils moderatorer har suspenderet din konto til { $until }. Begrundelse:
    { $reason }

    Indtil da kan du ikke logge ind, og dine saloner er skjult. Husreglerne: { $link }
    { $appeal }

    Venlig hilsen
    Medspil
mod-mail-suspended-for-good-subject = Din konto på Medspil er suspenderet
mod-mail-suspended-for-good-body = Hej

    Medspils moderatorer har suspenderet din konto for altid. Begrundelse:
    { $reason }

    Du kan ikke længere logge ind, og dine saloner er skjult. Husreglerne: { $link }
    { $appeal }

    Venlig hilsen
    Medspil
mod-mail-lifted-subject = Din konto på Medspil er åben igen
mod-mail-lifted-body = Hej

    Suspensionen af din konto er slut. Du kan logge ind igen: { $link }

    Venlig hilsen
    Medspil

rules-title = Husregler
rules-intro = Medspil er et sted, hvor borgere inviterer kommunen med i samtalen. Det kræver, at alle kan være her trygt – også dem, der er uenige. Derfor har vi nogle få husregler.
rules-allowed-heading = Det er i orden
rules-allowed-criticism = At kritisere kommunen, politikere og beslutninger – også skarpt. Kritik af magthavere bliver ikke skjult.
rules-allowed-disagree = At være uenig med hinanden og sige det.
rules-allowed-organise = At samle naboer om en sag og invitere kommunen til at lytte.
rules-not-allowed-heading = Det er ikke i orden
rules-no-harassment = Chikane, trusler eller personangreb.
rules-no-hate = Hadefuld tale eller diskrimination på grund af fx køn, etnicitet, religion, handicap eller seksualitet.
rules-no-spam = Spam, reklame eller saloner, der ikke er saloner.
rules-no-privacy = At dele andres private oplysninger, fx adresse eller telefonnummer, uden lov.
rules-no-illegal = Noget, der er ulovligt efter dansk lov.
rules-how-heading = Sådan foregår moderation
rules-how-report = Er du logget ind, kan du anmelde en salon, en besked eller en profil med linket "Anmeld". Du vælger, hvad problemet er, og kan skrive en note. Du får besked, når en moderator har set på det.
rules-how-who = Anmeldelser går til Medspils egne moderatorer – aldrig til kommunen. En kommune kan ikke skjule borgernes saloner, heller ikke dem, der handler om kommunen selv.
rules-how-actions = En moderator kan afvise en anmeldelse, skjule indhold (så står begrundelsen i stedet for indholdet), gendanne det igen, og ved alvorlige eller gentagne brud suspendere en konto i en periode eller for altid. Så skjules kontoens saloner, og dens åbne invitationer pr. e-mail trækkes tilbage.
rules-how-log = Alt, moderatorerne gør, skrives i en log, som ikke kan rettes eller slettes.
rules-appeal-heading = Sådan klager du
rules-appeal-body = Bliver dit indhold skjult, får du en e-mail med begrundelsen og et link. Der kan du klage én gang og skrive, hvorfor du mener, det er forkert. Klagen går tilbage til moderatorerne, og du får besked om afgørelsen.
