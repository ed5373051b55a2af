# The poster and sharing a salon ("Share", "Show on map").

salon-map-link = Show on map (OpenStreetMap)

share-heading = Share the salon
share-url-label = The salon's address
share-copy = Copy link
share-copied = The link is copied.
share-mail = Send as e-mail
share-mail-more = Read more and sign up
share-facebook = Share on Facebook
share-linkedin = Share on LinkedIn
share-sms = Send as text message
share-poster = Poster to print
share-invite-only = The salon is for invited people only, so it has no links to share. Invite people from the salon's invitations.

poster-title = Poster
poster-intro = Print the poster and put it up where your neighbours go: the library, the supermarket, the school. It shows only what anyone may see on the salon's page.
poster-phone-label = Phone number on the poster
poster-phone-hint = If people should be able to call you. The number goes on the poster only and is not saved.
poster-size-label = Paper
poster-size-a4 = A4 (one poster)
poster-size-a5 = A5 (two posters on an A4 sheet)
poster-show = Show the poster
poster-print-hint = Print with your browser's print function (Ctrl+P or ⌘P). The paper is set to A4, and only the poster is printed.
poster-back = Back to the salon
poster-kicker = Conversation salon
poster-cancelled = Cancelled
poster-address-private = You get the address when you sign up.
poster-online = You can also take part online.
poster-signup-heading = Sign up
poster-signup = It is free. Scan the code with your phone, or type the address:
poster-qr-label = QR code to the salon's page
poster-phone-text = Questions? Call
