# The notification centre, /notifications, and the header's link to it.

nav-notifications = Notifikationer
notifications-title = Notifikationer
notifications-empty = Du har ingen notifikationer endnu. Når der sker noget med dine saloner, tilmeldinger eller invitationer, står det her – og i din mail.
notifications-unread-summary = { $count ->
    [0] Alle er læst.
    [one] 1 ulæst.
   *[other] { $count } ulæste.
}
notifications-unread = Ulæst
notifications-mark-read = Markér som læst
notifications-mark-all = Markér alle som læst
notifications-done-read = Notifikationen er markeret som læst.
notifications-done-all-read = Alle notifikationer er markeret som læst.

## Hvilke mails
mail-settings-title = Indstillinger for mails
mail-settings-intro = Vælg, hvilke slags mails du vil have. Det, du fravælger, står stadig under Notifikationer.
mail-settings-legend = Send mig mails om
mail-settings-invitations = Invitationer og svar
mail-settings-invitations-hint = Når du inviteres, eller når kommunen svarer på jeres invitationer.
mail-settings-registrations = Tilmeldinger og venteliste
mail-settings-registrations-hint = Din tilmelding, ventelisten og beskeder fra værterne.
mail-settings-changes = Ændringer og aflysninger
mail-settings-changes-hint = Når tid eller sted for en salon ændres, eller den aflyses.
mail-settings-reminders = Påmindelser
mail-settings-reminders-hint = Dagen før og to timer før et møde, og påmindelser om referater.
mail-settings-followup = Opfølgning
mail-settings-followup-hint = Referater og nyt om næste skridt fra saloner, du har været med i, og nyt om beslutninger, du følger.
mail-settings-security = Mails om din konto — bekræftelse, ny adgangskode, ny e-mailadresse — og om din rolle i kommunen får du altid.
mail-settings-save = Gem
mail-settings-saved = Dine valg er gemt.
mail-settings-footer = Vil du ikke have flere mails af denne slags? Tryk her (du behøver ikke logge ind):
mail-unsubscribe-title = Ingen flere mails af denne slags
mail-unsubscribe-intro = Tryk på knappen, så får du ikke flere mails om: { $kind }.
mail-unsubscribe-button = Stop disse mails
mail-unsubscribe-done = Du får ikke flere mails om: { $kind }.
mail-unsubscribe-undo = Du kan slå dem til igen under
mail-settings-now = Med det samme
mail-settings-digest = Samlet i én mail om dagen (kl. 7)
mail-settings-off = Ingen mails
mail-settings-error-choice = Vælg én af mulighederne.
mail-settings-error-no-digest = Denne slags mails kan ikke samles i én mail om dagen. Vælg "Med det samme" eller "Ingen mails".
mail-digest-subject = { $count ->
    [one] Dit overblik fra Medspil: 1 besked
   *[other] Dit overblik fra Medspil: { $count } beskeder
}
mail-digest-body = Hej

    Her er det, der er sket siden sidst:

    { $messages }

    Du kan ændre, hvad du får samlet, under Indstillinger for mails på Medspil.
notifications-pages-label = Sider med notifikationer
notifications-older = Ældre notifikationer
notifications-newest = Nyeste notifikationer
mail-settings-searches = Nye saloner, der passer til dine søgninger
mail-settings-searches-hint = Når en ny offentlig salon passer til en søgning, du følger.
mail-settings-searches-link = Se de søgninger, du følger
