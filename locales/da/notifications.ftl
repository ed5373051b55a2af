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
