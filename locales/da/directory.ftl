# Find en salon: oversigten, søgning og filtre.

directory-title = Find en samtalesalon
directory-filter-label = Søg blandt saloner
directory-field-q = Søg
directory-field-q-hint = Søg i titel, spørgsmål, beskrivelse og by, fx "bymidte" eller "skole".
directory-filter-legend = Afgræns
directory-field-municipality = Kommune
directory-any-municipality = Alle kommuner
directory-field-town = By eller område
directory-field-topic = Emne
directory-field-format = Form
directory-any-format = Alle former
directory-field-from = Fra dato
directory-field-to = Til dato
directory-date-hint = Vælg dagen i kalenderen, eller skriv den som fx 2026-12-05.
directory-date-invalid = Datoen kan ikke læses. Vælg dagen i kalenderen, eller skriv den som fx 2026-12-05.
directory-more-filters = Flere filtre
directory-field-seats = Kun saloner med ledige pladser
directory-field-when = Hvornår
directory-when-upcoming = Kommende saloner
directory-when-past = Afholdte saloner
directory-submit = Vis saloner
directory-reset = Nulstil
directory-results-upcoming = Kommende saloner
directory-results-past = Afholdte saloner
directory-empty = Ingen saloner passer på din søgning. Prøv med færre filtre.
directory-no-more = Der er ikke flere saloner.
directory-pages-label = Sider
directory-next-page = Næste side
directory-more-sessions = { $first } og flere møder
directory-front-heading = De næste samtalesaloner
directory-front-empty = Der er ingen kommende saloner lige nu. Hvorfor ikke holde den første?
directory-see-all = Se alle saloner
directory-municipality-heading = Kommende saloner i { $municipality }
directory-municipality-empty = Der er ingen kommende offentlige saloner i kommunen lige nu.
directory-municipality-all = Se alle saloner i { $municipality }
# A salon's card in a list: its status chip and the municipality's answer in one line.
salon-chip-draft = Kladde
salon-chip-open = Ledige pladser
salon-chip-waitlist = Venteliste
salon-chip-full = Fuldt
salon-chip-cancelled = Aflyst
salon-chip-held = Afholdt
salon-chip-summary = Referat
salon-card-coming = { $units } kommer
salon-card-no-date = Intet tidspunkt endnu
salon-card-and-others = { $first } og { $count ->
    [one] 1 anden
   *[other] { $count } andre
}
directory-follow-button = Få besked om nye saloner, der passer til søgningen
directory-follow-hint = Du får en mail, når en ny offentlig salon passer til søgeordene og filtrene ovenfor.
directory-follow-sign-in = Log ind for at få besked om nye saloner, der passer til søgningen
directory-follow-done = Du følger nu søgningen og får besked om nye saloner, der passer til den.
directory-follow-full = Du følger allerede { $limit } søgninger, og flere kan du ikke følge. Stop en af dem for at følge denne.
directory-follow-manage = Se de søgninger, du følger
searches-title = Søgninger, du følger
searches-intro = Du får en mail, når en ny offentlig salon passer til en af søgningerne. Du kan samle mails om dagen eller slå dem fra under indstillinger for mails.
searches-empty = Du følger ingen søgninger. Søg blandt salonerne, og tryk "Få besked om nye saloner".
searches-to-directory = Find en samtalesalon
searches-delete = Stop
searches-done-deleted = Du følger ikke længere søgningen.
search-part-words = "{ $words }"
search-part-topic = emne: { $topic }
search-mail-new-salon-subject = Ny salon: { $salon }
search-mail-new-salon-body = Hej

    En ny samtalesalon passer til en søgning, du følger ({ $search }):

    { $salon }
    { $town }, { $municipality } · { $when }
    { $link }

    Se og stop de søgninger, du følger: { $searches_link }

    Venlig hilsen
    Medspil
