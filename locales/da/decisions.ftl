# Kommende beslutninger: saloner før sagen behandles

dec-heading = Kommende beslutninger
dec-list-title = Kommende beslutninger i { $municipality }
dec-list-intro = Her står de sager, kommunens udvalg og byråd skal beslutte. Hold en samtalesalon om en sag, før den behandles — så kan samtalen stadig gøre en forskel, og politikerne kan læse jeres referat og næste skridt før mødet.
dec-feed-link = Mødedatoer i din kalender (.ics)
dec-feed-name = Kommende beslutninger – { $municipality }
dec-new-link = Offentliggør en kommende beslutning
dec-open-heading = Skal besluttes
dec-open-empty = Der er ingen kommende beslutninger lige nu.
dec-decided-heading = Besluttet
dec-decided-empty = Der er ingen trufne beslutninger endnu.
dec-to-be-decided = Besluttes i
dec-decided-at-meeting = Besluttet i
dec-salon-count = { $count ->
    [0] Ingen saloner endnu
    [one] 1 salon
   *[other] { $count } saloner
}
dec-hearing-period = Høring { $from } – { $to }
dec-hearing-label = Høringsperiode
dec-state-open = Skal besluttes
dec-state-decided = Besluttet
dec-salons-heading = Saloner om beslutningen
dec-salons-empty = Ingen saloner handler om denne beslutning endnu.
dec-salon-after = efter mødet
dec-salon-summary = Referat
dec-salon-no-summary = Referatet er ikke offentliggjort endnu.
dec-host-salon = Hold en samtalesalon om denne beslutning
dec-outcome-heading = Beslutningen
dec-decided-on = Registreret { $date }
dec-minutes-link = Læs referatet fra mødet
dec-follow-heading = Følg beslutningen
dec-follow-intro = Få besked, når en salon handler om den, og når den er truffet.
dec-followers = { $count ->
    [0] Ingen følger den endnu.
    [one] 1 person følger den.
   *[other] { $count } personer følger den.
}
dec-follow-button = Følg beslutningen
dec-unfollow-button = Følg ikke længere
dec-follow-sign-in = Log ind for at følge beslutningen
dec-staff-heading = For kommunen
dec-edit-link = Ret beslutningen
dec-record-link = Registrér beslutningen
dec-correct-link = Ret den registrerede beslutning
dec-back = Tilbage
dec-new-title = Ny kommende beslutning
dec-edit-title = Ret { $title }
dec-form-intro = Beskriv sagen, så en borger kan forstå den: hvad skal besluttes, hvem forbereder den, og hvornår behandles den i { $municipality }?
dec-save-button = Gem
dec-field-title = Titel
dec-field-description = Kort beskrivelse
dec-field-description-hint = Hvad skal besluttes, og hvad er der at tage stilling til? Højst 2.000 tegn.
dec-field-unit = Ansvarlig enhed
dec-field-committee = Besluttes af
dec-field-committee-hint = Udvalget eller byrådet, der træffer beslutningen.
dec-field-meeting = Mødedato
dec-field-hearing-from = Høring fra
dec-field-hearing-to = Høring til
dec-field-hearing-hint = Hvis sagen er i høring, så skriv perioden.
dec-error-title-missing = Skriv en titel.
dec-error-title-long = Titlen må højst være 200 tegn.
dec-error-description-missing = Skriv en kort beskrivelse.
dec-error-description-long = Beskrivelsen må højst være 2.000 tegn.
dec-error-unit = Vælg den enhed, der forbereder sagen.
dec-error-committee = Vælg udvalget eller byrådet, der beslutter.
dec-error-date = Skriv datoen som dd-mm-åååå.
dec-error-meeting-missing = Skriv datoen for mødet.
dec-error-meeting-past = Mødedatoen er allerede passeret.
dec-error-hearing-both = Skriv både første og sidste dag i høringen, eller ingen af dem.
dec-error-hearing-order = Høringen skal slutte efter, den begynder.
dec-field-case-number = Sagsnummer
dec-field-case-number-hint = Kommunens sagsnummer, hvis sagen har et. Højst 60 tegn.
dec-field-agenda = Link til punktet på dagsordenen
dec-field-agenda-hint = Hvis dagsordenen er offentliggjort, fx https://kommune.dk/dagsordener/…
dec-error-case-number-long = Sagsnummeret må højst være 60 tegn.
dec-error-agenda-invalid = Skriv en hel webadresse, der begynder med https://.
dec-agenda-label = Dagsorden
dec-agenda-link = Se punktet på dagsordenen
dec-done-published = Beslutningen er offentliggjort. Borgere kan nu holde saloner om den.
dec-done-saved = Ændringerne er gemt.
dec-done-decided = Beslutningen er registreret. Værterne og dem, der følger den, har fået besked.
dec-done-followed = Du følger nu beslutningen.
dec-done-unfollowed = Du følger ikke længere beslutningen.
dec-done-linked = Salonen er koblet til beslutningen.
dec-done-removed = Salonen er ikke længere koblet til beslutningen.
dec-outcome-title = Beslutningen om { $title }
dec-outcome-intro = Skriv, hvad der blev besluttet, og link til referatet. Værterne af salonerne om sagen og dem, der følger den, får besked.
dec-outcome-correct-intro = Beslutningen er registreret. Her kan du rette teksten eller linket; ingen får besked igen.
dec-field-outcome = Hvad blev besluttet?
dec-field-outcome-hint = I et sprog, alle kan forstå. Højst 4.000 tegn.
dec-field-minutes = Link til referatet
dec-field-minutes-hint = Adressen på mødets referat, fx https://kommune.dk/dagsordener/…
dec-outcome-button = Registrér beslutningen
dec-error-outcome-missing = Skriv, hvad der blev besluttet.
dec-error-outcome-long = Højst 4.000 tegn.
dec-error-minutes-missing = Skriv linket til referatet.
dec-error-minutes-invalid = Skriv en hel webadresse, der begynder med https://.
dec-links-title = Beslutninger for { $title }
dec-links-intro = Handler salonen om en sag, kommunen skal beslutte? Så kobl den til beslutningen. Salonen vises på beslutningens side med referat og næste skridt, så politikerne kan læse dem før mødet.
dec-links-not-public = Kun offentlige saloner vises på beslutningens side. Salonen er ikke offentlig.
dec-linked-heading = Denne salon handler om
dec-linked-empty = Salonen er ikke koblet til nogen beslutning.
dec-unlink-button = Fjern { $title }
dec-link-heading = Kobl til en beslutning
dec-link-none = Kommunen har ingen kommende beslutninger lige nu.
dec-field-link = Denne salon handler om …
dec-link-button = Kobl salonen til beslutningen
dec-option = { $title } ({ $committee }, { $meeting })
dec-error-link-choose = Vælg en kommende beslutning fra listen.
dec-error-link-municipality = Beslutningen hører til en anden kommune end salonen.
dec-municipality-heading = Kommende beslutninger
dec-municipality-all = Alle beslutninger i { $municipality }
salon-action-decisions = Beslutninger
salon-about-decision = Denne salon handler om
inv-record-decisions = Beslutninger med borgersaloner før behandling
inv-record-decisions-value = { $n } af { $of }
dec-mail-salon-subject = Ny salon om { $decision }
dec-mail-salon-body = Hej

    En ny samtalesalon handler om "{ $decision }", som du følger:
    { $salon }
    { $salon_link }

    Se beslutningen og alle salonerne om den: { $link }

    Venlig hilsen
    Medspil
dec-mail-summary-subject = Referat fra en salon om { $decision }
dec-mail-summary-body = Hej

    Samtalesalonen "{ $salon }" handler om "{ $decision }", som I forbereder eller skal beslutte. Her er referatet:

    { $summary }

    Salonen: { $salon_link }
    Beslutningen og alle salonerne om den: { $link }

    Venlig hilsen
    Medspil
dec-mail-briefing-subject = Før mødet { $day }: saloner om sager i { $committee }
dec-mail-briefing-body = Hej

    { $committee } behandler på mødet { $day } sager, som borgere har holdt samtalesaloner om. Her er salonernes referater og de næste skridt, der stadig er åbne:

    { $cases }

    Alle kommende beslutninger: { $link }

    Venlig hilsen
    Medspil
dec-mail-briefing-steps = Åbne næste skridt
dec-mail-decided-subject = Beslutningen er truffet: { $decision }
dec-mail-decided-body = Hej

    Beslutningen er truffet: { $decision }

    { $outcome }

    Referat fra mødet: { $minutes }
    Hele forløbet med salonerne før beslutningen: { $link }

    Venlig hilsen
    Medspil
salon-field-decision-hint = Handler salonen om en sag, som kommunen skal beslutte? Så vises den på beslutningens side, og politikerne kan læse jeres referat før mødet. Beslutningen skal høre til salonens kommune.
salon-field-decision-none = Ingen bestemt beslutning
dec-mail-moved-subject = Ny mødedato for { $decision }
dec-mail-moved-body = Hej

    "{ $decision }" behandles nu { $day }. Hvis du holder en salon om sagen, så tjek, at den stadig ligger før mødet.

    Se beslutningen: { $link }

    Venlig hilsen
    Medspil

## Ingen beslutning før mødet: ny mødedato eller taget af dagsordenen
dec-state-withdrawn = Taget af dagsordenen
dec-withdrawn-because = Taget af dagsordenen: { $reason }
dec-withdrawn-from-meeting = Taget af dagsordenen i
dec-outcome-not-yet = Beslutningen kan først registreres fra mødedagen, { $day }. Er mødet flyttet, så skriv den nye dato; er sagen taget af dagsordenen, så skriv hvorfor.
dec-error-outcome-early = Beslutningen kan først registreres fra mødedagen, { $day }.
dec-error-withdrawn = Sagen er taget af dagsordenen, så der kan ikke registreres en beslutning.
dec-new-date-heading = Ny mødedato
dec-new-date-intro = Værterne af salonerne om sagen og dem, der følger den, får besked om den nye dato.
dec-new-date-link = Skift mødedatoen
dec-withdraw-heading = Taget af dagsordenen
dec-withdraw-intro = Bliver sagen ikke behandlet, så skriv hvorfor. Værterne af salonerne om sagen og dem, der følger den, får besked én gang, og der kan ikke længere holdes nye saloner om den.
dec-field-withdraw-reason = Hvorfor er sagen taget af dagsordenen?
dec-field-withdraw-reason-hint = Vises på sagens side. Højst 2.000 tegn.
dec-withdraw-button = Tag sagen af dagsordenen
dec-error-withdraw-reason-missing = Skriv, hvorfor sagen er taget af dagsordenen.
dec-error-withdraw-reason-long = Højst 2.000 tegn.
dec-done-withdrawn = Sagen er taget af dagsordenen. Værterne og dem, der følger den, har fået besked.
dec-mail-withdrawn-subject = Taget af dagsordenen: { $decision }
dec-mail-withdrawn-body = Hej

    "{ $decision }" er taget af dagsordenen og bliver ikke behandlet som planlagt.

    Begrundelse: { $reason }

    Se sagen: { $link }

    Venlig hilsen
    Medspil
