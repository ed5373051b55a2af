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
