# The notification centre, /notifications, and the header's link to it.

nav-notifications = Notifications
notifications-title = Notifications
notifications-empty = You have no notifications yet. When something happens to your salons, registrations or invitations, it shows here – and in your email.
notifications-unread-summary = { $count ->
    [0] All read.
    [one] 1 unread.
   *[other] { $count } unread.
}
notifications-unread = Unread
notifications-mark-read = Mark as read
notifications-mark-all = Mark all as read
notifications-done-read = The notification is marked as read.
notifications-done-all-read = All notifications are marked as read.

## Which mails
mail-settings-title = Email settings
mail-settings-intro = Choose which kinds of email you want. What you turn off still shows under Notifications.
mail-settings-legend = Email me about
mail-settings-invitations = Invitations and answers
mail-settings-invitations-hint = When you are invited, or when the municipality answers your invitations.
mail-settings-registrations = Registrations and waitlist
mail-settings-registrations-hint = Your registration, the waitlist and messages from the hosts.
mail-settings-changes = Changes and cancellations
mail-settings-changes-hint = When a salon's time or place changes, or it is cancelled.
mail-settings-reminders = Reminders
mail-settings-reminders-hint = The day before and two hours before a session, and reminders about summaries.
mail-settings-followup = Follow-up
mail-settings-followup-hint = Summaries and news about next steps from salons you took part in, and news about decisions you follow.
mail-settings-security = Mail about your account — confirmation, a new password, a new email address — and about your role in the municipality always arrives.
mail-settings-save = Save
mail-settings-saved = Your choices are saved.
mail-settings-footer = No more emails of this kind? Press here (no need to sign in):
mail-unsubscribe-title = No more emails of this kind
mail-unsubscribe-intro = Press the button, and you get no more emails about: { $kind }.
mail-unsubscribe-button = Stop these emails
mail-unsubscribe-done = You get no more emails about: { $kind }.
mail-unsubscribe-undo = You can turn them on again under
mail-settings-now = At once
mail-settings-digest = Gathered in one mail a day (at 7)
mail-settings-off = No emails
mail-settings-error-choice = Choose one of the options.
mail-settings-error-no-digest = This kind of email cannot be gathered into one mail a day. Choose "At once" or "No emails".
mail-digest-subject = { $count ->
    [one] Your Medspil summary: 1 message
   *[other] Your Medspil summary: { $count } messages
}
mail-digest-body = Hello

    Here is what happened since last time:

    { $messages }

    You can change what is gathered under Email settings on Medspil.
notifications-pages-label = Pages of notifications
notifications-older = Older notifications
notifications-newest = Newest notifications
mail-settings-searches = New salons matching your searches
mail-settings-searches-hint = When a new public salon matches a search you follow.
mail-settings-searches-link = See the searches you follow
