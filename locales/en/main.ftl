# Medspil — English (second language)

## The frame
skip-to-content = Skip to content
nav-label = Main menu
nav-municipalities = Municipalities
nav-dev-mailbox = Developer mailbox
language-switch = Dansk
footer-tagline = Medspil: citizens invite the municipality into the conversation.
breadcrumb-label = Breadcrumb

## Front page
meta-description = Medspil: citizens hold conversation salons about local matters and invite the municipality. Find a salon near you, or hold your own.
meta-description-municipality = Conversation salons, upcoming decisions and who answers in { $municipality } on Medspil.
front-title = Conversation salons
front-heading = Citizens invite the municipality into the conversation
front-lead = On Medspil, citizens gather neighbours around a local matter in a conversation salon – and invite the municipality's departments, staff and politicians as guests. The municipality answers visibly and in good time, and what you agree on is followed up in public.
front-host-link = Host a conversation salon
front-how-heading = How it works
front-step-host = A citizen creates a conversation salon about a question that matters locally.
front-step-invite = The host invites neighbours and the municipality: a department, a committee, a politician or the whole municipality.
front-step-answer = The municipality answers: who is coming, a no with a reason, or another time.
front-step-follow-up = Afterwards a summary is published and the agreements are followed up, so everyone can see what happened.
front-host-note = It is free, and you decide the topic, the place and who is invited.
front-step-host-title = Host a salon
front-step-invite-title = Invite the municipality
front-step-answer-title = The municipality answers
front-step-follow-up-title = Follow up
front-summaries-heading = Latest summaries
front-summaries-empty = No summaries have been published yet.
front-summary-published = Summary published { $date }
front-find-lead = See which departments, committees and politicians are on Medspil, how quickly they answer, and which salons are held in your municipality.
front-find-heading = Find your municipality
front-find-link = See all 98 municipalities

## Municipalities
municipalities-title = Municipalities
municipalities-intro = All 98 municipalities of Denmark, by region.
municipality-units-heading = Departments, committees and council
municipality-no-units = The municipality has not yet set up departments or committees on Medspil.
unit-kind-department = Department
unit-kind-committee = Committee
unit-kind-council = Council

## Fixed pages
privacy-title = Privacy policy
privacy-intro = Medspil keeps only what it needs to run conversation salons and follow them up. Here is what we keep, why, for how long, and your rights.
privacy-what-heading = What we keep
privacy-what-account = Your account: name, email address, language and a hashed form of your password (never the password itself).
privacy-what-sessions = Where you are signed in: which browser and when it was last used, so you can see and end your sign-ins.
privacy-what-roles = Roles with the municipality, if you ask for them: title, units and, for politicians, party.
privacy-what-content = What you write and do on Medspil: salons, sign-ups, invitations, answers and summaries.
privacy-what-mail = The emails we send you.
privacy-why-heading = Why
privacy-why-body = So you can host and join conversation salons, and so the municipality's answers and follow-up can be seen in public. We sell no data, show no ads and use no tracking or third-party cookies.
privacy-how-long-heading = How long
privacy-how-long-account = Your account is kept until you delete it.
privacy-how-long-sessions = A sign-in expires after 14 days unused and after 90 days at most.
privacy-how-long-links = Links in emails expire: confirmation after 48 hours, a new password after one hour.
privacy-how-long-needs = Particular needs you give when signing up are deleted 30 days after the salon.
privacy-how-long-notes = Internal notes you write about an invitation as a member of the municipality's staff stay with the municipality when you delete your account, but without your name. They are included when you download your data.
privacy-how-long-conversation = Questions, comments and replies you write at a salon are deleted when you delete your account. A question others have answered stays without its text, so the answers still make sense. Answers you gave on behalf of a unit of the municipality stay, with "deleted user" instead of your name, as answers to invitations do. All of it is included when you download your data.
privacy-rights-heading = Your rights
privacy-rights-body = You can see and correct your details at any time, download everything we hold about you as one file, and delete your account. You can also complain to the Danish Data Protection Agency (Datatilsynet).
privacy-rights-link = Go to My account
privacy-contact-heading = Contact
privacy-contact-operator = Medspil at this address is run by { $name }.
privacy-contact-missing = The operator has not given their details yet.
accessibility-title = Accessibility statement
accessibility-official = The official accessibility statement is here:
accessibility-intro = Medspil is built to be usable by everyone and aims to meet WCAG 2.1 level AA.
accessibility-how-heading = How the site is built
accessibility-how-keyboard = Everything works with a keyboard, and focus is always visible.
accessibility-how-nojs = Every page works without JavaScript.
accessibility-how-zoom = Text can be enlarged, and the site adapts to small screens.
accessibility-how-language = The site is available in Danish and English.
accessibility-contact-heading = Having problems?
accessibility-contact-operator = Write to { $name } and we will fix it.
accessibility-complaint = You can also complain to the Danish Agency for Digital Government, which oversees the accessibility of public websites.

## Error pages
error-404-title = Page not found
error-404-message = We could not find the page you are looking for. The address may be mistyped, or the page has moved.
error-400-title = The request could not be understood
error-400-message = We could not use what your browser sent. Please try again from the front page.
error-500-title = Something went wrong
error-500-message = An error happened on our side. It has been logged so we can fix it. Please try again shortly.
error-503-title = Medspil is temporarily unavailable
error-503-message = We cannot reach our database right now. Please try again in a moment – your data has not been lost.
error-back-home = Go to the front page
error-status = Error code
error-text-hidden-characters = The text holds invisible characters or characters that turn the writing direction (often copied along with text). Type it again without them.

## Developer mailbox
mailbox-title = Developer mailbox
mailbox-intro = Every email Medspil has put in its outbox. Shown only when MEDSPIL_DEV_MAILBOX=1.
mailbox-empty = There are no emails yet.
mailbox-created = Created
mailbox-to = To
mailbox-subject = Subject
mailbox-kind = Kind
mailbox-state = State
mailbox-sent = sent
mailbox-queued = queued
mailbox-back = Back to the mailbox
mailbox-attachments = Attached

## Dates (Europe/Copenhagen)
datetime-long = { $weekday } { $day } { $month } at { $time }
date-long = { $day } { $month } { $year }
day-long = { $weekday } { $day } { $month } { $year }
weekday-1 = Monday
weekday-2 = Tuesday
weekday-3 = Wednesday
weekday-4 = Thursday
weekday-5 = Friday
weekday-6 = Saturday
weekday-7 = Sunday
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

## Corrections: a text corrected after publishing says so, with the earlier versions
corrected-on = corrected { $date }
earlier-versions-heading = Earlier versions
earlier-version-until = The text until { $date }:
weekday-short-1 = Mon
weekday-short-2 = Tue
weekday-short-3 = Wed
weekday-short-4 = Thu
weekday-short-5 = Fri
weekday-short-6 = Sat
weekday-short-7 = Sun
month-short-1 = Jan
month-short-2 = Feb
month-short-3 = Mar
month-short-4 = Apr
month-short-5 = May
month-short-6 = Jun
month-short-7 = Jul
month-short-8 = Aug
month-short-9 = Sep
month-short-10 = Oct
month-short-11 = Nov
month-short-12 = Dec
