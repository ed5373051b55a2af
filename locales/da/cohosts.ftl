# Medværter, der bliver spurgt, og værternes sendte beskeder

## Sendte beskeder
reg-sent-heading = Sendte beskeder
reg-sent-none = Der er ikke sendt nogen beskeder endnu.
reg-sent-col-when = Sendt
reg-sent-col-by = Af
reg-sent-col-subject = Emne
reg-sent-col-recipients = Modtagere

## Medværter bliver spurgt
cohost-invited-heading = Inviteret som medvært
cohost-invited-waiting = venter på svar
cohost-title = { $by } inviterer dig til at være medvært
cohost-to = Sendt til
cohost-intro = Som medvært kan du redigere, offentliggøre og aflyse salonen, invitere kommunen og skrive til de tilmeldte. Du står som vært på salonens side, når du har takket ja.
cohost-state-open = Venter på dit svar
cohost-state-accepted = Du har takket ja
cohost-state-declined = Der er takket nej
cohost-state-expired = Invitationen er udløbet
cohost-accept = Ja, jeg vil være medvært
cohost-decline = Nej tak
cohost-call = Opret en konto med { $email } for at takke ja
cohost-done-declined = Du har takket nej. Værterne har fået besked.
cohost-error-closed = Invitationen er allerede besvaret eller udløbet.
cohost-mail-subject = { $by } inviterer dig til at være medvært på { $title }
cohost-mail-body = Hej

    { $by } vil gerne have dig med som medvært på samtalesalonen "{ $title }" på Medspil. Som medvært kan du redigere, offentliggøre og aflyse salonen.

    Tak ja eller nej her (linket virker i 7 dage): { $link }

    Venlig hilsen
    Medspil
cohost-mail-accepted-subject = { $name } er nu medvært på { $title }
cohost-mail-accepted-body = Hej

    { $name } har takket ja og er nu medvært på samtalesalonen "{ $title }".

    Se værterne her: { $link }

    Venlig hilsen
    Medspil
cohost-mail-declined-subject = { $name } har takket nej til at være medvært på { $title }
cohost-mail-declined-body = Hej

    { $name } har takket nej til at være medvært på samtalesalonen "{ $title }".

    Se værterne her: { $link }

    Venlig hilsen
    Medspil
cohost-withdraw = Træk invitationen til { $email } tilbage
cohost-state-withdrawn = Værten har trukket invitationen tilbage
