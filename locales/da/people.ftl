# Hvem er hvem i kommunen: byråd, udvalg og forvaltninger

people-list-link = Se politikere og medarbejdere
people-list-title = Politikere og medarbejdere
people-list-intro = Byrådet og udvalgene med deres politikere, og hvem der svarer for hver afdeling i { $municipality }.
people-political-heading = Byråd og udvalg
people-political-empty = Kommunen har ikke oprettet byråd eller udvalg på Medspil endnu.
people-departments-heading = Afdelinger og hvem der svarer
people-departments-empty = Kommunen har ikke oprettet afdelinger på Medspil endnu.
people-unit-none = Ingen herfra er vist på Medspil endnu.
people-committees = Sidder i:

## Følg en politiker
people-follow-heading = Følg
people-follow-intro = Få en mail, når personen siger ja til at komme til en offentlig samtalesalon.
people-followers = { $count ->
    [0] Ingen følger endnu.
    [one] 1 person følger.
   *[other] { $count } personer følger.
}
people-follow-button = Følg
people-unfollow-button = Følg ikke længere
people-follow-sign-in = Log ind for at følge
people-done-followed = Du følger nu personen. Du får en mail, når vedkommende siger ja til en offentlig salon.
people-done-unfollowed = Du følger ikke længere personen.
people-mail-accepted-subject = { $name } kommer til "{ $salon }"
people-mail-accepted-body = Hej

    { $name }, som du følger på Medspil, har sagt ja til at komme til samtalesalonen "{ $salon }".

    Salonen: { $link }

    Du får denne mail, fordi du følger { $name }: { $profile }
    Du kan holde op med at følge på profilen.

    Venlig hilsen
    Medspil
