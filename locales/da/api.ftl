## /api: the open data

api-title = Åbne data og API
api-intro = Alt, hvad en besøgende kan se på Medspil om offentlige saloner, kommuner, kommende beslutninger og kommunernes svar, kan også hentes som data: til journalister, forskere, kommunerne selv og andre borgerrettede sider.
api-what-heading = Hvad er der
api-what-salons = de offentlige saloner med søgning og filtre som i oversigten
api-what-salon = én salon: tidspunkter, by og offentlig adresse, form, pladser, invitationerne til kommunen og hvor de står, referat og næste skridt med deres forløb
api-what-municipalities = kommunerne og deres enheder
api-what-record = kommunens eller enhedens svarprofil og næste skridt
api-what-decisions = kommende (og trufne) beslutninger med deres saloner og udfald
api-private = API'et læser ingen cookie og viser kun, hvad en besøgende uden login ser: intet ulistet, kun for inviterede, kladder, skjult eller privat. Borgere nævnes aldrig ved navn, kun som antal; navne kun for personer i en kommunal rolle.
api-how-heading = Sådan bruger du det
api-how = Svarene er JSON og kun GET. Lister hentes side for side: send værdien af next_cursor med som cursor for at få den næste side. Svarene har ETag og må gemmes i 60 sekunder; de kan hentes fra enhver hjemmeside (CORS). Fejl har altid formen {"{"} "error": {"{"} "code", "message" {"}"} {"}"}. Der er en grænse for, hvor mange forespørgsler én adresse må sende i minuttet.
api-openapi-link = Den fulde beskrivelse (OpenAPI 3.1)
api-record-heading = Svarprofilen: sådan regner vi
api-def-counted = invitationer de seneste 12 måneder, der tæller med
api-def-replied = af dem, med et beviseligt første svar før salonen
api-def-unanswered = uden svar, da salonen begyndte; de bliver i tallene som langsommere end alle svar
api-def-open = venter stadig, og salonen er ikke holdt endnu; open_old er sendt for mere end 14 dage siden
api-def-times = tid til første svar i sekunder og som tekst; unanswered er sand, når de ubesvarede afgør tallet
api-def-next-steps = åbne, gennemførte og forsinkede næste skridt fra offentlige saloner, og forslag uden svar i 14 dage
api-licence-heading = Licens
api-licence = Tallene må bruges frit under CC BY 4.0: nævn Medspil som kilde. Teksterne — beskrivelser, referater, kommunernes tekster — tilhører fortsat deres forfattere.
