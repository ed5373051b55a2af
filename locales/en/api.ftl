## /api: the open data

api-title = Open data and API
api-intro = Everything a visitor can see on Medspil about public salons, municipalities, upcoming decisions and how the municipalities answer can also be fetched as data: for journalists, researchers, the municipalities themselves and other civic sites.
api-what-heading = What is there
api-what-salons = the public salons, with search and filters as in the directory
api-what-salon = one salon: its sessions, town and public address, form, seats, the invitations to the municipality and where they stand, summary and next steps with their timelines
api-what-municipalities = the municipalities and their units
api-what-record = a municipality's or unit's response record and next steps
api-what-decisions = upcoming (and decided) decisions with their salons and outcome
api-private = The API reads no cookie and shows only what a signed-out visitor sees: nothing unlisted, invite-only, draft, hidden or private. Citizens are never named, only counted; names only for people in a municipal role.
api-how-heading = How to use it
api-how = Answers are JSON, GET only. Lists come page by page: send the value of next_cursor back as cursor for the next page. Answers carry an ETag and may be cached for 60 seconds; any website may fetch them (CORS). Errors always have the shape {"{"} "error": {"{"} "code", "message" {"}"} {"}"}. One address may send a limited number of requests a minute.
api-openapi-link = The full description (OpenAPI 3.1)
api-record-heading = The response record: how we count
api-def-counted = invitations in the last 12 months that count
api-def-replied = of those, with a proven first reply before the salon
api-def-unanswered = no reply when the salon began; they stay in the figures as slower than any reply
api-def-open = still waiting, the salon not held yet; open_old were sent more than 14 days ago
api-def-times = time to first reply in seconds and as text; unanswered is true when the unanswered decide the figure
api-def-next-steps = open, done and overdue next steps from public salons, and proposals unanswered for 14 days
api-licence-heading = Licence
api-licence = The figures may be used freely under CC BY 4.0: credit Medspil. The texts — descriptions, summaries, the municipalities' texts — remain their authors'.
