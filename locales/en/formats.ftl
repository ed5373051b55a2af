# Salon formats: guides a host can start from (the programme is Markdown that goes into the
# description), and the page on how to host a good salon.

formats-heading = Start from a format
formats-intro = Choose a format and the description gets a suggested programme, roles and ground rules, which you then adapt.
formats-guide-link = How to host a good conversation salon
formats-chosen = Started from: { $format }. Adapt the programme to your salon. Give no end time, and the sessions last as long as the programme.

format-kaffesalon-name = Coffee salon – 90 min
format-kaffesalon-summary = The classic: a small circle around one question, with coffee and cake.
format-kaffesalon-programme =
    ### Programme (90 minutes)

    - 0–10 min: **Welcome.** Coffee is poured. The host says why we are here and reads the question aloud.
    - 10–30 min: **The round.** Everyone in turn says who they are and what they think about the question – two minutes at most each.
    - 30–70 min: **The conversation.** We talk freely about what the round brought up. The municipality's guest listens first and answers afterwards.
    - 70–85 min: **What do we take away?** We sum up: what do we agree on, and who does what?
    - 85–90 min: **Thank you.** The note-taker reads the summary aloud.

    ### Roles

    - **Host:** welcomes everyone, keeps the time and makes sure everyone gets a say.
    - **Note-taker:** writes down what we agreed and who does what.
    - **The municipality's guest:** listens, asks and answers – and takes the answer home.

    ### Ground rules

    - We listen to understand, not to reply.
    - One speaker at a time, and nobody speaks twice before everyone has spoken once.
    - What is said may be shared – but not who said it.

format-gaatur-name = Walk in the neighbourhood
format-gaatur-summary = We walk together through the place the question is about, stopping on the way.
format-gaatur-programme =
    ### Programme (about 2 hours)

    - 0–15 min: **Meeting point.** Welcome, the question and the route. Remember that everyone must be able to keep up.
    - 15–75 min: **The route with three stops.** At each stop a participant tells what happens here, and we talk about it for 10–15 minutes.
    - 75–105 min: **At the end.** We sit down, ideally with something warm to drink, and sum up.
    - 105–120 min: **What do we take away?** What did we see, what do we want to change, and who does what?

    ### Roles

    - **Host:** knows the route, keeps the time and waits for the last one.
    - **Photographer:** takes pictures at the stops for the summary.
    - **Note-taker:** takes notes at every stop.
    - **The municipality's guest:** sees the place through the citizens' eyes and tells what the municipality knows and plans.

    ### Ground rules

    - We walk at the pace of the slowest; the route must be passable with a walker and a pram.
    - We talk to the people we meet on the way – they belong to the neighbourhood too.
    - At every stop everyone gets the chance to say something.

format-faellesspisning-name = Shared meal
format-faellesspisning-summary = We eat together and talk about the question at the table.
format-faellesspisning-programme =
    ### Programme (about 2½ hours)

    - 0–20 min: **Arrival.** Everyone helps to lay the table. The host welcomes everyone and reads the question aloud.
    - 20–80 min: **The meal.** We eat and talk at the tables. Each table has a table host and a card with the question.
    - 80–120 min: **The tables report.** Each table tells what they talked about. The municipality's guest answers.
    - 120–150 min: **Coffee and summing up.** What do we agree on, and who does what? Then we clear up together.

    ### Roles

    - **Host:** welcomes everyone and keeps track of the time.
    - **Cooks:** make the food, ideally with some of the guests.
    - **Table hosts:** make sure everyone at the table gets a say.
    - **Note-taker:** collects what the tables report.
    - **The municipality's guest:** sits at a table like everyone else and answers at the end.

    ### Ground rules

    - Write allergies and needs when you register.
    - We sit next to someone we do not know.
    - Everyone helps to clear up.

format-walk-and-talk-name = Walk-and-talk with a politician
format-walk-and-talk-summary = A small group goes for a walk with a politician and talks about what matters to them.
format-walk-and-talk-programme =
    ### Programme (60 minutes)

    - 0–10 min: **We meet.** The politician and the participants introduce themselves. The host reads the question aloud.
    - 10–45 min: **The walk.** We walk in pairs or small groups and change partners at every stop, so everyone talks with the politician.
    - 45–60 min: **Summing up.** The politician says what they take away, and when the participants will hear more.

    ### Roles

    - **Host:** keeps the time and makes sure everyone gets their turn with the politician.
    - **Note-taker:** writes down what the politician promises to follow up.
    - **The politician:** listens most, asks a lot and promises only what can be kept.

    ### Ground rules

    - It is a conversation, not a hustings: no speeches, no campaigning.
    - The route is short and accessible to everyone.
    - What the politician promises goes into the summary, which everyone can see.

guide-title = How to host a good conversation salon
guide-intro = A conversation salon is a small conversation among citizens about something local, with the municipality invited as a guest. Here is the most important advice.
guide-before-heading = Before the salon
guide-before-question = Choose one open question that nobody can answer yes or no: "How do we bring more life to the town centre?" is better than "Should there be more benches?"
guide-before-invite = Invite widely: neighbours, associations, young and old. Six to twenty participants is a good size.
guide-before-municipality = Invite the municipality in good time – a department, a committee or a named politician – and say what you would like an answer to.
guide-before-access = Choose a place everyone can get to, and write what it offers (step-free access, hearing loop, toilet).
guide-during-heading = During the salon
guide-during-welcome = Welcome everyone, read the question aloud and say when you will finish.
guide-during-round = Start with a round in which everyone says something. Then everyone has had the floor from the start.
guide-during-listen = Let the municipality's guest listen first and answer afterwards.
guide-during-time = Keep the time. It is better to finish while the conversation is good than to let it run dry.
guide-after-heading = After the salon
guide-after-summary = Write briefly what you agreed and who does what.
guide-after-follow = Follow up in public: a promise without an owner and a date is seldom kept.
guide-after-thanks = Thank the participants and the municipality's guest, and tell them what happens next.
guide-formats-heading = Start from a format
guide-formats-intro = Each format gives a suggested programme, roles and ground rules that you adapt when you create your salon.
