# Den suspenderedes klage og moderatorer, der hører om det, der venter

## Klage uden at logge ind
mod-mail-appeal-line =
    Mener du, at det er forkert, kan du klage én gang her, uden at logge ind (linket virker i 30 dage): { $appeal }
mod-appeal-suspension = Suspenderet, fordi
mod-mail-appeal-link-subject = Et nyt link til at klage på Medspil
mod-mail-appeal-link-body = Hej

    Medspils moderatorer har sendt dig et nyt link, så du kan klage over afgørelsen uden at logge ind. Det virker én gang, i 30 dage: { $appeal }

    Husreglerne: { $link }

    Venlig hilsen
    Medspil
mod-mail-upheld-suspension-subject = Din klage på Medspil
mod-mail-upheld-suspension-body = Hej

    En moderator har set på din klage. Suspensionen af din konto står ved magt.

    Se sagen her: { $link }

    Venlig hilsen
    Medspil
mod-appeal-link-heading = Klage uden at logge ind
mod-appeal-link-intro = Ejeren er suspenderet og kan ikke logge ind. Linket i suspensionsmailen virker i 30 dage; send et nyt, hvis det er udløbet eller væk. Det gamle holder op med at virke.
mod-appeal-link-button = Send et nyt link til klage
mod-done-appeal-link = Et nyt link til klage er sendt til ejeren.
mod-error-no-appeal-link = Der er ikke noget, ejeren kan klage over nu: kontoen er ikke suspenderet på denne sag, eller der er allerede klaget.

## Moderatorerne hører om det, der venter
mod-notice-report = En anmeldelse venter i moderationskøen
mod-notice-appeal = En klage venter i moderationskøen
mod-queue-oldest = Det ældste har ventet { $waited }.
mod-waited-minutes = { $count ->
    [one] 1 minut
   *[other] { $count } minutter
}
mod-waited-hours = { $count ->
    [one] 1 time
   *[other] { $count } timer
}
mod-waited-days = { $count ->
    [one] 1 dag
   *[other] { $count } dage
}
mod-mail-queue-subject = { $count ->
    [one] 1 ting venter i moderationskøen
   *[other] { $count } ting venter i moderationskøen
}
mod-mail-queue-body = Hej

    { $count ->
        [one] 1 anmeldelse eller klage venter på en moderator.
       *[other] { $count } anmeldelser eller klager venter på en moderator.
    } Det ældste har ventet { $oldest }.

    Se køen her: { $link }

    Du får denne mail én gang om dagen, så længe der er noget, der venter.

    Venlig hilsen
    Medspil
mail-settings-moderation = Moderationskøen
mail-settings-moderation-hint = For moderatorer: én mail om dagen, så længe anmeldelser eller klager venter.
