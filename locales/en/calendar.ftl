# Calendar feeds: a person's secret feed and each municipality's public feed.

calendar-feed-personal-name = Medspil – my conversation salons
calendar-feed-municipality-name = Conversation salons in { $municipality }

calendar-account-heading = Calendar
calendar-account-intro = Get every salon you host or are registered for into your own calendar (Google Calendar, Outlook or iPhone, for instance). The address is secret: anyone who has it can see your salons with their addresses and online links.
calendar-account-since = You have a calendar address from { $date }. We do not keep it in readable form, so we cannot show it again.
calendar-account-create = Create a calendar address
calendar-account-replace = Make a new address (the old one stops working)
calendar-account-stop = Stop the calendar address
account-done-calendar-stopped = Your calendar address no longer works.

calendar-address-title = Your calendar address
calendar-address-intro = Add the address to your calendar as a subscription ("Add calendar from URL" or similar). Your calendar fetches new salons and changes by itself.
calendar-address-label = Calendar address
calendar-address-copy-hint = Select the address and copy it.
calendar-address-subscribe = Subscribe in your calendar
calendar-address-once = The address is shown only this once. If you need it again, make a new one on your account page.
calendar-address-replaced = Your old calendar address no longer works.
calendar-address-back = Back to your account

municipality-calendar-link = Subscribe to the municipality's salons in your calendar
