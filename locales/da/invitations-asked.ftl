# Invitationer: én person, én linje; kolleger, der bliver spurgt; den inviteredes link; aflysning

## Én person, én linje
inv-overlap-heading = Er det den samme person?
inv-overlap-via = { $name } er allerede inviteret via { $holder }.
inv-overlap-personal = { $name } fra { $unit } er allerede inviteret personligt.
inv-overlap-intro = Hvis I sender invitationen alligevel, kan de svare på begge på én gang.
inv-overlap-send = Send alligevel
inv-other-heading = Du er også inviteret via
inv-other-intro = Du kan give det samme svar på dem her med det samme.
inv-other-you-come = du står som deltager
inv-also-accept = Tak også ja til invitationen til { $holder }
inv-also-decline = Tak også nej til invitationen til { $holder }
inv-change-decline-heading = Meld afbud
inv-change-decline-intro = I har takket ja. Kan I alligevel ikke komme, kan I ændre svaret, så længe salonen ikke er begyndt. Pladserne går videre til kommunens venteliste.
inv-change-decline-button = Meld afbud
inv-change-accept-heading = Kom alligevel
inv-change-accept-intro = I har takket nej. Kan I alligevel komme, kan I ændre svaret, så længe salonen ikke er begyndt.
inv-error-answer-locked = Salonen er begyndt, så svaret kan ikke ændres længere.

## Kolleger, der bliver nævnt, bliver spurgt
inv-comers-colleagues = { $count ->
    [one] 1 kollega
   *[other] { $count } kolleger
}
inv-comers-and = { $names } og { $colleagues }
inv-public-colleagues = { $count ->
    [one] og 1 kollega
   *[other] og { $count } kolleger
}
inv-named-title = { $by } har meldt dig til { $title }
inv-named-intro = Kommer du? Dit navn står først på salonens side, når du har sagt ja. Siger du nej, går pladsen videre, og værterne og den, der meldte dig til, får besked.
inv-named-when = Hvornår
inv-named-for = For
inv-named-as = Som
inv-named-role = { $role } for { $municipality }
inv-named-state-asked = Venter på dit svar
inv-named-state-confirmed = Du har sagt ja
inv-named-state-declined = Du har meldt fra
inv-named-state-gone = Du står ikke længere på listen
inv-named-confirm = Ja, jeg kommer
inv-named-decline = Nej, jeg kan ikke
inv-named-done-confirmed = Tak! Dit navn står nu på salonens side, og du har fået kalenderfilen på e-mail.
inv-named-done-declined = Du har meldt fra. Værterne har fået besked.
inv-named-error-answered = Du har allerede svaret, eller pladsen er ikke længere din.
inv-mail-named-subject = { $by } har meldt dig til { $title }
inv-mail-named-body = Hej

    { $by } har takket ja til invitationen til samtalesalonen "{ $title }" ({ $when }) for { $holder } og skrevet dig på som en af dem, der kommer.

    Dit navn står ikke på salonens side, før du har sagt ja. Sig ja eller nej her: { $link }

    Venlig hilsen
    Medspil
inv-mail-named-confirmed-subject = Du er tilmeldt { $title }
inv-mail-named-confirmed-body = Hej

    Tak, fordi du kommer til samtalesalonen "{ $title }". Kalenderfilen er vedhæftet.

    Se salonen her: { $link }

    Venlig hilsen
    Medspil
inv-mail-named-declined-subject = { $name } kan ikke komme til { $title }
inv-mail-named-declined-body = Hej

    { $name } var meldt til samtalesalonen "{ $title }" for { $holder }, men kan ikke komme. Pladsen er givet videre.

    Se invitationen her: { $link }

    Venlig hilsen
    Medspil
calendar-in-role = Du deltager som { $role }.

## Den inviteredes link
inv-invitee-title = Du er inviteret til { $title }
inv-invitee-call = Opret en konto med { $email } for at tilmelde dig
inv-invitee-have-account = Har du allerede en konto med { $email }?
inv-invitee-sign-in = Log ind
inv-invitee-private = Adressen og eventuelt link til onlinemødet ser du, når du er tilmeldt.

## Aflysning / Cancelling
mail-salon-cancelled-invited-body =
    Samtalesalonen "{ $title }", som du var inviteret til, er aflyst.

    Værtens besked:
    { $message }

    Det gælder:
    { $sessions }
