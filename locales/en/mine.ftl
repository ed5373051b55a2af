# "My salons", /mine, and the header's menu for signed-in people.

nav-mine = My salons
nav-menu = Menu
nav-administration = Administration
nav-moderation = Moderation

mine-title = My salons
mine-lead = The conversation salons you host, are registered for or are invited to – and what to do next.
mine-new-salon = Host a conversation salon

mine-hosting-heading = Salons you host
mine-hosting-empty = You do not host a conversation salon yet. Host one about something that matters to your community, and invite the municipality.
mine-hosting-empty-guide = See how a conversation salon works
mine-hosting-drafts = Drafts
mine-hosting-needs-summary = Held – summary missing
mine-hosting-upcoming = Upcoming
mine-hosting-done = Closed with a summary
mine-hosting-cancelled = Cancelled

mine-invited-heading = Invitations to you
mine-attending-heading = Salons you are registered for
mine-attending-empty = You are not registered for any conversation salon.
mine-attending-empty-find = Find a conversation salon near you

mine-role-heading = In your role
mine-administration-heading = Administration
mine-administration-link = Administer { $municipality }
mine-inbox-heading = Open invitations to your unit
mine-inbox-empty = There are no open invitations for you to answer.
mine-inbox-all = Go to the inbox
mine-in-role-heading = Salons you attend in your role
mine-in-role-empty = You have not said yes to attending any conversation salon in your role.

mine-status-draft = Draft – not published
mine-status-published = Published
mine-status-needs-summary = Held – write the summary
mine-status-summary = Summary published
mine-status-held = Held
mine-status-cancelled = Cancelled
mine-status-hidden = Hidden by a moderator
mine-status-registered = You are registered
mine-status-waitlisted = You are number { $place } on the waitlist
mine-status-invited = You are invited
mine-status-asked = A colleague named you – say whether you are coming

mine-holder-inbox = To { $holder }
mine-holder-role = As { $title }
mine-answered-by = { $unit } is coming

mine-action-finish = Finish and publish
mine-action-copy = Create a new salon from this one
mine-action-summary = Write the summary
mine-action-invite = Invite the municipality
mine-action-read-summary = Read the summary
mine-action-answer = Answer the invitation
mine-action-confirm = Say yes or no
mine-action-register = Register
