# Finding a salon: the directory, search and filters.

directory-title = Find a conversation salon
directory-filter-label = Search salons
directory-field-q = Search
directory-field-q-hint = Searches title, question, description and town, e.g. "bymidte" or "skole".
directory-filter-legend = Narrow down
directory-field-municipality = Municipality
directory-any-municipality = All municipalities
directory-field-town = Town or area
directory-field-topic = Topic
directory-field-format = Format
directory-any-format = All formats
directory-field-from = From date
directory-field-to = To date
directory-date-hint = Pick the day in the calendar, or write it as e.g. 2026-12-05.
directory-date-invalid = The date cannot be read. Pick the day in the calendar, or write it as e.g. 2026-12-05.
directory-more-filters = More filters
directory-field-seats = Only salons with free seats
directory-field-when = When
directory-when-upcoming = Upcoming salons
directory-when-past = Past salons
directory-submit = Show salons
directory-reset = Reset
directory-results-upcoming = Upcoming salons
directory-results-past = Past salons
directory-empty = No salons match your search. Try fewer filters.
directory-no-more = There are no more salons.
directory-pages-label = Pages
directory-next-page = Next page
directory-more-sessions = { $first } and more sessions
directory-front-heading = The next conversation salons
directory-front-empty = There are no upcoming salons right now. Why not host the first?
directory-see-all = See all salons
directory-municipality-heading = Upcoming salons in { $municipality }
directory-municipality-empty = There are no upcoming public salons in the municipality right now.
directory-municipality-all = See all salons in { $municipality }
# A salon's card in a list: its status chip and the municipality's answer in one line.
salon-chip-draft = Draft
salon-chip-open = Seats available
salon-chip-waitlist = Waitlist
salon-chip-full = Full
salon-chip-cancelled = Cancelled
salon-chip-held = Held
salon-chip-summary = Summary
salon-card-coming = Coming: { $units }
salon-card-no-date = No time set yet
salon-card-and-others = { $first } and { $count ->
    [one] 1 other
   *[other] { $count } others
}
directory-follow-button = Tell me about new salons matching this search
directory-follow-hint = You get an email when a new public salon matches the words and filters above.
directory-follow-sign-in = Sign in to hear about new salons matching this search
directory-follow-done = You now follow this search and will hear about new salons matching it.
directory-follow-full = You already follow { $limit } searches, which is as many as you can. Stop one of them to follow this one.
directory-follow-manage = See the searches you follow
searches-title = Searches you follow
searches-intro = You get an email when a new public salon matches one of these searches. You can gather the emails into one a day, or turn them off, in the email settings.
searches-empty = You follow no searches. Search the salons and press "Tell me about new salons".
searches-to-directory = Find a conversation salon
searches-delete = Stop
searches-done-deleted = You no longer follow the search.
search-part-words = "{ $words }"
search-part-topic = topic: { $topic }
search-mail-new-salon-subject = New salon: { $salon }
search-mail-new-salon-body = Hello

    A new conversation salon matches a search you follow ({ $search }):

    { $salon }
    { $town }, { $municipality } · { $when }
    { $link }

    See and stop the searches you follow: { $searches_link }

    Kind regards
    Medspil
