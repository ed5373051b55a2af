//! The journey through Medspil as people make it, in a real Chromium: a host registers and
//! confirms from the dev mailbox, creates a three-session salon and publishes it; a neighbour
//! finds it by search and registers; a third person lands on the waitlist; the neighbour
//! cancels and the third is promoted; the host adds someone who is not online and downloads the
//! calendar file; a politician comes in her role, to two of the three sessions; an official proposes another time, which the
//! host keeps (the public line says so), and accepts on the municipality's waitlist naming a
//! colleague (the line says they wait, not that they come; the colleague is counted, not named,
//! until he confirms); a neighbour invited to an invite-only salon opens the link in the mail,
//! makes an account and registers; a neighbour asks a question on the salon page, which the
//! host and the official answer, and a comment on the summary is reported and hidden. The
//! host's account form is filled with the keyboard alone.
//! Once with JavaScript and the accessibility gate on every page and state,
//! once with JavaScript turned off.
//!
//! A later feature adds its steps here and its pages to the gate (`browser.check(...)`).

use futures_util::FutureExt;

use super::page::Chromium;
use crate::helpers::salons::{date_in, published_from, salon_form, set};
use crate::helpers::{TestApp, ics};

const HOST: &str = "hanne@example.dk";
const NEIGHBOUR: &str = "soeren@example.dk";
const THIRD: &str = "tove@example.dk";
const POLITICIAN: &str = "pia@example.dk";
const OFFICIAL: &str = "olga@skanderborg.dk";
const COLLEAGUE: &str = "ole@skanderborg.dk";
const INVITEE: &str = "ines@example.dk";
const MODERATOR: &str = "mona@medspil.example";
/// Made by `approved_politician`.
const MUNICIPALITY_ADMIN: &str = "admin@skanderborg.example.dk";

#[tokio::test]
async fn the_journey_passes_in_chromium_and_every_page_passes_the_accessibility_gate() {
    run("journey", true).await;
}

#[tokio::test]
async fn the_journey_passes_in_chromium_with_javascript_turned_off() {
    run("journey-no-js", false).await;
}

async fn run(name: &str, javascript: bool) {
    if !super::driver::available(name) {
        return;
    }
    let app = TestApp::spawn().await;
    let mut browser = Chromium::start(&app.address, name, javascript, javascript).await;
    if !javascript {
        javascript_is_off(&browser).await;
    }
    // A failed step still leaves a screenshot of where it stood, and the browser is closed.
    let outcome = std::panic::AssertUnwindSafe(journey(&app, &mut browser))
        .catch_unwind()
        .await;
    if let Err(panic) = outcome {
        browser.shot("FAILED").await;
        browser.close().await;
        std::panic::resume_unwind(panic);
    }
    let gate = browser.gate.take();
    browser.close().await;
    if let Some(mut gate) = gate {
        gate.finish();
    }
}

/// Proves the setting took: a page's own script does not run.
async fn javascript_is_off(browser: &Chromium) {
    browser
        .client
        .goto("data:text/html,<title>before</title><script>document.title='after'</script>")
        .await
        .unwrap();
    assert_eq!(browser.client.title().await.unwrap(), "before");
}

async fn journey(app: &TestApp, browser: &mut Chromium) {
    // Before anything exists: the empty states and the pages a visitor reads first.
    browser.open("/").await;
    browser.sees("Der er ingen kommende saloner lige nu").await;
    browser.check("front page, no salons yet").await;
    browser.follow("Se alle saloner").await;
    browser.sees("Ingen saloner passer på din søgning").await;
    browser.check("directory, empty").await;
    browser.open("/municipalities").await;
    browser.check("municipalities").await;
    browser.open("/municipalities/skanderborg").await;
    browser
        .check("municipality not on Medspil yet, no salons")
        .await;
    browser.open("/salons/guide").await;
    browser.check("guide to hosting").await;
    browser.open("/privacy").await;
    browser.check("privacy").await;
    browser.open("/accessibility").await;
    browser.check("accessibility statement").await;
    browser.open("/dev/mailbox").await;
    browser.check("dev mailbox, empty").await;
    browser.open("/der-er-ingen-side-her").await;
    browser.sees("404").await;
    browser.check("404 page").await;

    // The host registers. A first try with nothing filled in shows every error.
    browser.open("/").await;
    browser.follow("Opret konto").await;
    browser.press("Opret konto").await;
    browser.sees("Der er noget, der skal rettes").await;
    browser.check("register, with errors").await;
    // Then the whole form with the keyboard alone: Tab to each field, Enter submits.
    browser.open("/register").await;
    browser.check("register").await;
    browser.tab_to("Navn", 30).await;
    browser.keys("Hanne Vært").await;
    browser.tab().await;
    assert_eq!(
        browser.focused_id().await,
        browser
            .field("E-mailadresse")
            .await
            .attr("id")
            .await
            .unwrap()
            .unwrap(),
        "Tab goes from the name to the email"
    );
    browser.keys(HOST).await;
    browser.tab().await;
    assert_eq!(
        browser.focused_id().await,
        browser
            .field("Ny adgangskode")
            .await
            .attr("id")
            .await
            .unwrap()
            .unwrap(),
        "Tab goes from the email to the password"
    );
    browser.keys(crate::helpers::PASSWORD).await;
    browser.enter().await;
    browser.sees("Tjek din e-mail").await;
    browser.check("check your email").await;

    // She confirms her address from the mail, found in the dev mailbox.
    browser.open("/dev/mailbox").await;
    browser.sees(HOST).await;
    browser.check("dev mailbox").await;
    browser.follow("Bekræft din e-mailadresse på Medspil").await;
    browser.check("dev mailbox, one mail").await;
    browser.follow_containing("/account/verify/").await;
    browser.sees("Tryk på knappen").await;
    browser.check("confirm email").await;
    browser.press("Bekræft e-mailadresse").await;
    browser.sees("Din e-mailadresse er bekræftet").await;
    browser.check("email confirmed").await;

    // She signs in: a mistyped password first.
    browser.open("/").await;
    browser.follow("Log ind").await;
    browser.fill("E-mailadresse", HOST).await;
    browser.fill("Adgangskode", "forkert adgangskode").await;
    browser.press("Log ind").await;
    browser
        .sees("E-mailadressen eller adgangskoden er forkert")
        .await;
    browser.check("sign in, wrong password").await;
    browser.sign_in(HOST).await;
    browser.open("/account").await;
    browser.check("account").await;

    // She creates a salon with three sessions; sending the empty form shows every error.
    browser.open("/").await;
    browser.follow("Hold en samtalesalon").await;
    browser.check("new salon").await;
    browser.press("Opret salon (som kladde)").await;
    browser.sees("Der er noget, der skal rettes").await;
    browser.check("new salon, with errors").await;
    browser.fill("Titel", "Liv i Ry bymidte").await;
    browser
        .fill(
            "Spørgsmålet, I vil tale om",
            "Hvordan får vi mere liv i bymidten?",
        )
        .await;
    browser
        .fill(
            "Beskrivelse",
            "Vi drikker kaffe og taler om byen. Alle er velkomne.",
        )
        .await;
    browser.select("Kommune", "Skanderborg").await;
    browser.fill("By eller område", "Ry").await;
    browser.press("Tilføj et møde mere").await;
    browser.press("Tilføj et møde mere").await;
    for (n, days) in [(1, 10), (2, 17), (3, 24)] {
        let legend = format!("Møde {n}");
        browser
            .fill_in(Some(&legend), "Dato", &date_in(app, days))
            .await;
        browser.fill_in(Some(&legend), "Starter kl.", "19:00").await;
        browser.fill_in(Some(&legend), "Slutter kl.", "21:00").await;
    }
    browser.choose("Fysisk møde").await;
    browser.fill("Stedets navn", "Ry Bibliotek").await;
    browser.fill("Adresse", "Klostervej 1, 8680 Ry").await;
    browser.fill("Pladser til borgere", "1").await;
    browser.fill("Pladser til kommunens gæster", "1").await;
    browser.choose("Offentlig: alle kan finde den").await;
    browser.fill("Emner", "byliv, handel").await;
    browser.choose("Niveaufri adgang").await;
    browser.press("Opret salon (som kladde)").await;
    browser.sees("Salonen er oprettet som kladde").await;
    browser.check("salon, draft").await;
    let salon = browser.path().await;
    let salon = salon.split('?').next().unwrap().to_string();
    browser.press("Offentliggør salonen").await;
    browser.sees("Salonen er offentliggjort").await;
    browser.check("salon, published, host's view").await;
    // A picture of the square: without one first (the message by the field), then a photo
    // from her computer, which the page then shows.
    browser.follow("Tilføj et billede").await;
    browser.check("salon picture").await;
    browser.press("Gem billedet").await;
    browser.sees("Vælg et billede.").await;
    browser.check("salon picture, with errors").await;
    let photo = std::env::temp_dir().join(format!("ry-torv-{}.jpg", uuid::Uuid::new_v4()));
    image::RgbImage::from_fn(1200, 800, |x, y| {
        image::Rgb([(x / 5) as u8, (y / 4) as u8, 140])
    })
    .save(&photo)
    .unwrap();
    browser
        .field("Billede")
        .await
        .send_keys(photo.to_str().unwrap())
        .await
        .unwrap();
    browser
        .fill("Hvad viser billedet?", "Ry Torv en lørdag formiddag")
        .await;
    browser.press("Gem billedet").await;
    browser.sees("Billedet er gemt.").await;
    let _ = std::fs::remove_file(&photo);
    browser.open(&salon).await;
    browser.check("salon, with its picture").await;
    // She prints a poster for the library with her phone number on it; a number that is not
    // one is refused by its field, and the poster waits without it.
    browser.follow("Plakat til udskrift").await;
    browser.sees("Scan koden med din telefon").await;
    browser.check("poster").await;
    browser
        .fill("Telefonnummer på plakaten", "ring til mig")
        .await;
    browser.press("Vis plakaten").await;
    browser.sees("Skriv et telefonnummer med cifre").await;
    browser.check("poster, with errors").await;
    browser
        .fill("Telefonnummer på plakaten", "12 34 56 78")
        .await;
    browser
        .select("Papir", "A5 (to plakater på et A4-ark)")
        .await;
    browser.press("Vis plakaten").await;
    browser.sees("Spørgsmål? Ring til 12 34 56 78").await;
    browser.check("poster, A5 with a phone number").await;
    browser.open(&salon).await;
    // Her own page lists it with what to do next, reached from the header.
    browser.follow("Mine saloner").await;
    browser.sees("Liv i Ry bymidte").await;
    browser.sees("Inviter kommunen").await;
    browser.sees("Du er ikke tilmeldt nogen samtalesalon").await;
    browser.check("mine saloner, host").await;
    // On a phone the header's links fold into a menu, which opens with the keyboard.
    browser.set_width(375).await;
    browser.open("/").await;
    browser.shot("front page, 375 px").await;
    browser.open_menu_with_keyboard("Mine saloner").await;
    browser.check("header menu open, 375 px").await;
    browser.set_width(375).await;
    browser.follow("Mine saloner").await;
    browser.sees("Saloner, du er vært for").await;
    browser.shot("mine saloner, 375 px").await;
    browser.set_width(1280).await;
    browser.sign_out().await;

    // A neighbour finds it by searching and registers.
    app.verified_person("Søren Nabo", NEIGHBOUR).await;
    app.verified_person("Tove Tredje", THIRD).await;
    browser.sign_in(NEIGHBOUR).await;
    browser.open("/").await;
    browser.check("front page, with a salon").await;
    browser.showcase("front-page").await;
    browser.follow("Se alle saloner").await;
    browser.fill("Søg", "bymidte").await;
    browser.press("Vis saloner").await;
    browser.sees("Liv i Ry bymidte").await;
    browser.check("directory, search results").await;
    browser.showcase("directory").await;
    browser.fill("Søg", "svømmehal").await;
    browser.press("Vis saloner").await;
    browser.sees("Ingen saloner passer på din søgning").await;
    browser.check("directory, search without results").await;
    browser.fill("Søg", "bymidte").await;
    browser.press("Vis saloner").await;
    browser.follow("Liv i Ry bymidte").await;
    browser.sees("Tilmeld mig").await;
    browser.check("salon, open for registration").await;
    browser.showcase("salon").await;
    browser.press("Tilmeld mig").await;
    browser.sees("Du er tilmeldt.").await;
    browser.check("salon, registered").await;
    // The registration's mail has its twin in the notification centre, linked to the salon.
    browser.follow("Notifikationer (2)").await;
    browser.sees("Du er tilmeldt").await;
    browser.check("notifications").await;
    browser.press("Markér alle som læst").await;
    browser
        .sees("Alle notifikationer er markeret som læst.")
        .await;
    browser.check("notifications, all read").await;
    browser.follow("Indstillinger for mails").await;
    browser.check("mail settings").await;
    browser
        .choose_in_fieldset(
            "Tilmeldinger og venteliste",
            "Samlet i én mail om dagen (kl. 7)",
        )
        .await;
    browser.press("Gem").await;
    browser.sees("Dine valg er gemt").await;
    browser.check("mail settings, saved").await;
    browser.open("/notifications").await;
    browser.follow_containing("Liv i Ry bymidte").await;
    browser.sees("Du er tilmeldt.").await;
    browser.open(&format!("{salon}/participants")).await;
    browser.sees("Siden findes ikke").await;
    browser.check("participants, not the host (404)").await;
    browser.open(&salon).await;
    browser.sign_out().await;

    // The salon is full: a visitor sees it, and the third person goes on the waitlist.
    browser.open(&salon).await;
    browser.check("salon, visitor").await;
    browser.sign_in(THIRD).await;
    browser.open(&salon).await;
    browser.sees("Salonen er fuld").await;
    browser.check("salon, full").await;
    browser.press("Skriv mig på ventelisten").await;
    browser.sees("Du er nummer 1 på ventelisten").await;
    browser.check("salon, waitlisted").await;
    browser.follow("Mine saloner").await;
    browser.sees("Du er nr. 1 på ventelisten").await;
    browser.check("mine saloner, waitlisted").await;
    browser.sign_out().await;

    // The neighbour cancels, and the third person is promoted at once.
    browser.sign_in(NEIGHBOUR).await;
    browser.open(&salon).await;
    browser.press("Afmeld mig").await;
    // The seat went on to the first in line at once: the salon is full again.
    browser.sees("Skriv mig på ventelisten").await;
    browser.check("salon, after cancelling").await;
    browser.sign_out().await;
    browser.sign_in(THIRD).await;
    browser.open(&salon).await;
    browser.sees("Du er tilmeldt.").await;
    browser.check("salon, promoted from the waitlist").await;
    browser.open("/dev/mailbox").await;
    browser.sees("Der er blevet plads").await;
    browser.sign_out().await;

    // The host adds a neighbour who is not online and downloads the calendar file.
    browser.sign_in(HOST).await;
    browser.open(&salon).await;
    browser.follow("Se deltagerlisten").await;
    browser.sees("Tove Tredje").await;
    browser.check("participants").await;
    browser.press("Tilføj deltager").await;
    browser.sees("Skriv deltagerens navn").await;
    browser.check("participants, add offline with errors").await;
    browser.fill("Navn", "Grethe Hansen").await;
    browser.fill("Telefonnummer", "12 34 56 78").await;
    browser.press("Tilføj deltager").await;
    browser.sees("Grethe Hansen").await;
    browser.check("participants, offline neighbour added").await;
    browser.press("Send besked").await;
    browser.sees("Skriv et emne").await;
    browser.check("participants, message with errors").await;
    browser.open(&salon).await;
    browser.download("Føj til kalender (.ics)").await;
    let calendar = browser.downloaded(".ics").await;
    let events = ics::events(&calendar);
    assert_eq!(events.len(), 3, "one event per session: {calendar}");
    assert!(
        events
            .iter()
            .all(|e| ics::prop(e, "SUMMARY") == Some("Liv i Ry bymidte")),
        "{calendar}"
    );
    browser.sign_out().await;

    // A politician of the municipality comes in her role, on the seats kept for it.
    app.approved_politician("skanderborg").await;
    browser.sign_in(POLITICIAN).await;
    browser.open(&salon).await;
    browser.sees("Hvordan kommer du?").await;
    browser.check("salon, a politician registering").await;
    browser.choose_starting("I min rolle").await;
    // She can come to two of the three sessions: each has its own seats.
    browser.untick_session(1).await;
    // The citizens' seats are full, so the one button reads "waitlist"; in her role she takes
    // one of the municipality's free seats in each session she chose.
    browser.press("Skriv mig på ventelisten").await;
    browser.sees("Du er tilmeldt i din rolle").await;
    browser.sees("Du har en plads").await;
    browser.check("salon, politician registered in role").await;
    browser.showcase("salon-sessions").await;
    let chosen: Vec<String> = sqlx::query_scalar(
        "SELECT rs.place::text FROM registration_sessions rs
         JOIN registrations r ON r.id = rs.registration_id
         WHERE r.kind = 'municipal' AND r.role_id IS NOT NULL
         ORDER BY rs.session_id",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(chosen, ["seat", "seat"], "two of three sessions");
    browser.open("/municipalities/skanderborg").await;
    browser.sees("Liv i Ry bymidte").await;
    browser.check("municipality page, with a salon").await;
    browser.sign_out().await;

    // The host invites a department of the municipality; an official accepts, naming a
    // colleague who comes with her.
    let admin = app.browser();
    admin
        .post(
            "/sign-in",
            &[
                ("email", MUNICIPALITY_ADMIN),
                ("password", crate::helpers::PASSWORD),
            ],
        )
        .await;
    let unit = app.teknik_og_miljo(&admin).await;
    app.skanderborg_official(&admin, &unit, "Olga Hansen", OFFICIAL)
        .await;
    app.skanderborg_official(&admin, &unit, "Ole Berg", COLLEAGUE)
        .await;
    browser.sign_in(HOST).await;
    browser.open(&salon).await;
    browser.follow("Inviter kommunen og andre").await;
    browser
        .sees("I har ikke sendt nogen invitationer endnu")
        .await;
    browser.check("invitations, none sent").await;
    browser.press("Send invitationen").await;
    browser.sees("Der er noget, der skal rettes").await;
    browser.check("invitations, send with errors").await;
    browser
        .select("Hvem vil I invitere?", "Teknik og Miljø")
        .await;
    browser
        .fill(
            "Personlig besked",
            "Kom og hør, hvad vi mener om trafikken i bymidten.",
        )
        .await;
    browser.press("Send invitationen").await;
    browser.sees("Invitationen er sendt").await;
    browser.check("invitations, sent").await;
    browser.open(&salon).await;
    browser.sees("har ikke svaret endnu").await;
    browser.sign_out().await;

    browser.sign_in(OFFICIAL).await;
    browser.follow("Mine saloner").await;
    browser.sees("Åbne invitationer til din enhed").await;
    browser.sees("Svar på invitationen").await;
    browser.check("mine saloner, official").await;
    browser.open("/inbox").await;
    browser.sees("Venter på svar").await;
    browser.check("inbox").await;
    browser.showcase("inbox").await;
    browser.follow("Liv i Ry bymidte").await;
    browser.check("invitation in the inbox").await;
    let invitation = browser.path().await;
    // She takes it, so her colleagues see who handles it, and leaves them a note.
    browser.press("Jeg tager den").await;
    browser.sees("Du har taget invitationen").await;
    browser.sees("Olga Hansen har taget den siden").await;
    browser
        .fill(
            "Ny note",
            "Jeg tjekker med vejafdelingen, om torsdag passer bedre.",
        )
        .await;
    browser.press("Gem note").await;
    browser.sees("Noten er gemt").await;
    browser.check("invitation, claimed, with a note").await;
    browser.showcase("invitation-claimed").await;
    browser.open("/inbox?claim=mine").await;
    browser.sees("Olga Hansen siden").await;
    browser.check("inbox, mine").await;
    browser.sign_out().await;
    // Her colleague Ole sees who has it and answers for the unit all the same: he proposes
    // another evening for the first meeting (after the empty choice); the timeline shows the
    // time itself.
    browser.sign_in(COLLEAGUE).await;
    browser.open("/inbox").await;
    browser.sees("Olga Hansen siden").await;
    browser.open(&invitation).await;
    browser.sees("Jeg tjekker med vejafdelingen").await;
    browser
        .field("Møde")
        .await
        .select_by_index(1)
        .await
        .expect("the first meeting");
    browser.fill("Ny dato", &date_in(app, 16)).await;
    browser.fill("Starter kl.", "17:00").await;
    browser.fill("Slutter kl.", "19:00").await;
    browser.press("Foreslå tidspunktet").await;
    browser.sees("Værterne har fået forslaget").await;
    browser.sees("Ole Berg foreslog").await;
    browser.sees("kl. 17.00–19.00").await;
    browser.check("invitation, another time proposed").await;
    browser.sign_out().await;
    // The host keeps the old time: the public line shows the proposal and the choice.
    browser.sign_in(HOST).await;
    browser.open(&format!("{salon}/invitations")).await;
    browser.sees("De foreslår et andet tidspunkt").await;
    browser.press("Behold det gamle tidspunkt").await;
    browser.sees("I beholder tidspunktet").await;
    browser.open(&salon).await;
    browser
        .sees("kl. 17.00 — værten beholdt det oprindelige tidspunkt")
        .await;
    browser.check("salon, a proposed time the host kept").await;
    browser.sign_out().await;
    browser.sign_in(OFFICIAL).await;
    browser.open(&invitation).await;
    browser.press("Tak nej").await;
    browser.sees("Skriv en begrundelse").await;
    browser.check("invitation, decline with errors").await;
    browser.choose("Ole Berg (Vejingeniør)").await;
    // They come to the sessions the politician comes to; seats are per session.
    browser.untick_session(1).await;
    browser.press("Tak ja").await;
    browser
        .sees("Værterne har fået besked om, hvem der kommer")
        .await;
    browser.check("invitation, accepted").await;
    browser.open("/inbox").await;
    browser.sees("Der er ingen invitationer her").await;
    browser.check("inbox, empty").await;
    // The politician has the municipality's one seat: a yes is not a seat, and the line says
    // they wait.
    browser.open(&salon).await;
    // Ole is asked before he is named: until he says yes he is "1 kollega".
    browser
        .sees(
            "Teknik og Miljø, Skanderborg Kommune: har sagt ja — står på venteliste: \
             Olga Hansen, Vejingeniør og 1 kollega",
        )
        .await;
    browser
        .check("salon, the municipality has said yes and waits")
        .await;
    browser.open("/municipalities/skanderborg").await;
    browser.sees("Sådan svarer de på invitationer").await;
    browser
        .check("municipality page, with its response record")
        .await;
    browser.showcase("municipality-record").await;
    browser.follow("Se politikere og medarbejdere").await;
    browser.sees("Afdelinger og hvem der svarer").await;
    browser
        .check("people of a municipality, with who answers")
        .await;
    browser.showcase("municipality-people").await;
    browser.open("/municipalities/skanderborg").await;
    browser.follow("Teknik og Miljø").await;
    browser.sees("Sendt videre").await;
    browser.check("unit page, with its response record").await;
    let official: String = sqlx::query_scalar("SELECT id::text FROM users WHERE email = $1")
        .bind(OFFICIAL)
        .fetch_one(&app.db)
        .await
        .unwrap();
    browser.open(&format!("/people/{official}")).await;
    browser.sees("Vejingeniør").await;
    browser.check("public profile of an official").await;
    browser.sign_out().await;

    // Ole, the colleague Olga named, finds it in his notifications and says yes.
    browser.sign_in(COLLEAGUE).await;
    browser.open("/notifications").await;
    browser.follow_containing("har meldt dig til").await;
    browser
        .sees("Olga Hansen har meldt dig til Liv i Ry bymidte")
        .await;
    browser.check("named colleague, asked").await;
    browser.press("Ja, jeg kommer").await;
    browser.sees("Dit navn står nu på salonens side").await;
    browser.check("named colleague, confirmed").await;
    browser.open(&salon).await;
    browser
        .sees("Olga Hansen, Vejingeniør; Ole Berg, Vejingeniør")
        .await;
    browser.sign_out().await;

    // Before the salon a neighbour asks a question on its page; the host answers and marks it
    // answered, and the official answers for her unit, with its badge.
    browser.sign_in(NEIGHBOUR).await;
    browser.open(&salon).await;
    browser.sees("Spørgsmål og input").await;
    browser.sees("Der er ingen indlæg endnu").await;
    browser.check("salon, no questions yet").await;
    browser.press("Send spørgsmål").await;
    browser.sees("Skriv din tekst.").await;
    browser.check("salon, a question with errors").await;
    browser
        .fill("Dit spørgsmål eller input", "Må man tage børn med?")
        .await;
    browser.press("Send spørgsmål").await;
    browser.sees("Må man tage børn med?").await;
    browser.check("salon, a question asked").await;
    browser.sign_out().await;
    browser.sign_in(HOST).await;
    browser.open(&salon).await;
    browser
        .fill("Dit svar", "Ja, der er legetøj til børnene.")
        .await;
    browser.press("Svar").await;
    browser.sees("Ja, der er legetøj til børnene.").await;
    browser.press("Markér som besvaret").await;
    browser.sees("Besvaret").await;
    browser.sign_out().await;
    browser.sign_in(OFFICIAL).await;
    browser.open(&salon).await;
    browser
        .fill(
            "Dit svar",
            "Vi tager en kollega med, der kender skolevejen.",
        )
        .await;
    browser.press("Svar").await;
    browser.sees("svar fra Teknik og Miljø").await;
    browser
        .check("salon, a question answered by the host and the municipality")
        .await;
    browser.sign_out().await;

    // The host invites a neighbour to an invite-only salon; the neighbour has no account,
    // opens the link in the mail, makes an account with that address and registers.
    let hanne = app.browser();
    hanne
        .post(
            "/sign-in",
            &[("email", HOST), ("password", crate::helpers::PASSWORD)],
        )
        .await;
    let private = published_from(
        &hanne,
        &set(
            salon_form(app, "Naboernes have", Some(10)),
            "visibility",
            "invite_only",
        ),
    )
    .await;
    let r = hanne
        .post(
            &format!("{}/invitations", private.path),
            &[
                ("target", "email"),
                ("email", INVITEE),
                ("message", "Kom og vær med til at planlægge haven."),
            ],
        )
        .await;
    assert_eq!(r.status, reqwest::StatusCode::SEE_OTHER, "{}", r.body);
    browser.open(&private.path).await;
    browser.sees("Siden findes ikke").await;
    browser.open("/dev/mailbox").await;
    browser.follow("Du er inviteret: Naboernes have").await;
    browser.follow_containing("/invited/").await;
    browser
        .sees("Opret en konto med ines@example.dk for at tilmelde dig")
        .await;
    browser.check("invitee's link, no account yet").await;
    browser
        .follow("Opret en konto med ines@example.dk for at tilmelde dig")
        .await;
    browser
        .check("register, the invited address filled in")
        .await;
    browser.fill("Navn", "Ines Inviteret").await;
    browser
        .fill("Ny adgangskode", crate::helpers::PASSWORD)
        .await;
    browser.press("Opret konto").await;
    browser.sees("Tjek din e-mail").await;
    let confirm = app.link_in_mail(INVITEE).await;
    browser.open(&confirm).await;
    browser.press("Bekræft e-mailadresse").await;
    browser.sees("Din e-mailadresse er bekræftet").await;
    browser.sign_in(INVITEE).await;
    browser.open(&private.path).await;
    browser.press("Tilmeld mig").await;
    browser.sees("Du er tilmeldt.").await;
    browser
        .check("invite-only salon, the invitee registered")
        .await;
    browser.sign_out().await;
    browser.sign_in(OFFICIAL).await;

    // The official publishes an upcoming decision; the host links the salon to it and
    // follows it. Its meeting is after the salon, so the salon comes before the decision.
    app.create_unit(&admin, "skanderborg", "committee", "Plan- og Miljøudvalget")
        .await;
    browser.open("/municipalities/skanderborg/decisions").await;
    browser
        .sees("Der er ingen kommende beslutninger lige nu")
        .await;
    browser.check("decisions, none yet").await;
    browser.follow("Offentliggør en kommende beslutning").await;
    browser.press("Gem").await;
    browser.sees("Skriv en titel").await;
    browser.check("new decision, with errors").await;
    browser.fill("Titel", "Helhedsplan for Ry bymidte").await;
    browser
        .fill(
            "Kort beskrivelse",
            "Udvalget vedtager en plan for trafik og torvet i Ry.",
        )
        .await;
    browser.select("Ansvarlig enhed", "Teknik og Miljø").await;
    browser
        .select("Besluttes af", "Plan- og Miljøudvalget")
        .await;
    let meeting = date_in(app, 40);
    browser.fill("Mødedato", &meeting).await;
    browser.fill("Sagsnummer", "01.02.05-P20-3-26").await;
    browser
        .fill(
            "Link til punktet på dagsordenen",
            "https://skanderborg.dk/dagsordener/plan-og-miljo/punkt-4",
        )
        .await;
    browser.press("Gem").await;
    browser.sees("Beslutningen er offentliggjort").await;
    browser.sees("01.02.05-P20-3-26").await;
    browser.check("decision, published").await;
    let decision = browser.path().await;
    browser.sign_out().await;
    browser.sign_in(HOST).await;
    browser.open(&salon).await;
    browser.follow("Beslutninger").await;
    browser.check("salon decisions, none linked").await;
    browser.press("Kobl salonen til beslutningen").await;
    browser.sees("Vælg en kommende beslutning fra listen").await;
    browser.check("salon decisions, with errors").await;
    let day = chrono::NaiveDate::parse_from_str(&meeting, "%Y-%m-%d").unwrap();
    let tr = medspil::web::i18n::Tr::new(medspil::web::i18n::Locale::Da);
    browser
        .select(
            "Denne salon handler om …",
            &format!(
                "Helhedsplan for Ry bymidte (Plan- og Miljøudvalget, {})",
                tr.day(day)
            ),
        )
        .await;
    browser.press("Kobl salonen til beslutningen").await;
    browser.sees("Salonen er koblet til beslutningen").await;
    browser.check("salon decisions, linked").await;
    browser.follow("Helhedsplan for Ry bymidte").await;
    browser.sees("Liv i Ry bymidte").await;
    browser.press("Følg beslutningen").await;
    browser.sees("Du følger nu beslutningen").await;
    browser.check("decision, with a salon, followed").await;
    browser.sign_out().await;

    // After the last session the host writes the summary and publishes it.
    app.clock.advance(chrono::Duration::days(30));
    app.run_jobs().await;
    browser.sign_in(HOST).await;
    browser.open(&salon).await;
    browser.follow("Skriv referat").await;
    browser.check("summary form").await;
    browser.press("Offentliggør referatet").await;
    browser.sees("Skriv referatet").await;
    browser.check("summary form, with errors").await;
    browser
        .fill(
            "Referat",
            "Vi talte om **lys** på torvet og om bænke ved åen.",
        )
        .await;
    browser.press("Offentliggør referatet").await;
    browser.sees("Referatet er offentliggjort").await;
    browser.check("salon, closed with its summary").await;
    // …with a next step for the department, which the official takes and marks done.
    browser.follow("Næste skridt").await;
    browser.check("next steps, none yet").await;
    browser.press("Tilføj").await;
    browser.sees("Skriv, hvad der er aftalt").await;
    browser.check("next steps, with errors").await;
    browser
        .fill("Hvad er aftalt?", "Mere lys ved stien ned til åen")
        .await;
    browser.select("Hvem tager den?", "Teknik og Miljø").await;
    browser.press("Tilføj").await;
    browser.sees("Det næste skridt er tilføjet").await;
    browser.check("next steps, one proposed").await;
    browser.sign_out().await;
    browser.sign_in(OFFICIAL).await;
    browser.open("/inbox").await;
    browser.follow("Mere lys ved stien ned til åen").await;
    browser.check("next step, proposed to the unit").await;
    browser.press("Vi tager den").await;
    browser.check("next step, agreed").await;
    browser.choose("Gennemført").await;
    browser.fill("Offentlig note", "Lamperne er sat op.").await;
    browser.press("Opdater").await;
    browser.sees("Status er opdateret").await;
    browser.check("next step, done").await;
    browser.open("/municipalities/skanderborg").await;
    browser
        .sees("0 åbne, 1 gennemført, 0 forsinket, 0 ikke besvaret")
        .await;

    // Before the meeting day no outcome can be recorded: a new date or off the agenda.
    browser.open(&decision).await;
    browser.sees("Vi talte om lys på torvet").await;
    browser.follow("Registrér beslutningen").await;
    browser.sees("kan først registreres fra mødedagen").await;
    browser.press("Tag sagen af dagsordenen").await;
    browser
        .sees("Skriv, hvorfor sagen er taget af dagsordenen")
        .await;
    browser
        .check("decision outcome, before the meeting day, with errors")
        .await;
    // The meeting day comes, and the official records the decision.
    app.clock.advance(chrono::Duration::days(10));
    browser.sign_out().await;
    browser.sign_in(OFFICIAL).await;
    browser.open(&decision).await;
    browser.follow("Registrér beslutningen").await;
    browser.check("decision outcome form").await;
    browser.press("Registrér beslutningen").await;
    browser.sees("Skriv, hvad der blev besluttet").await;
    browser.check("decision outcome, with errors").await;
    browser
        .fill(
            "Hvad blev besluttet?",
            "Udvalget vedtog planen med mere lys på torvet.",
        )
        .await;
    browser
        .fill(
            "Link til referatet",
            "https://skanderborg.dk/dagsordener/pmu/12",
        )
        .await;
    browser.press("Registrér beslutningen").await;
    browser.sees("Beslutningen er registreret").await;
    browser.check("decision, decided").await;
    browser.open("/municipalities/skanderborg/decisions").await;
    browser.check("decisions, one decided").await;
    browser.sign_out().await;

    // A neighbour reports the official's profile; a platform moderator (never the
    // municipality) looks at it and dismisses the report, and the neighbour is told.
    app.verified_person("Mona Moderator", MODERATOR).await;
    app.grant_moderator(MODERATOR).await;
    browser.sign_in(NEIGHBOUR).await;
    browser.open(&format!("/people/{official}")).await;
    browser.press("Følg").await;
    browser.sees("Du følger nu personen").await;
    browser.check("public profile, followed").await;
    browser.follow("Anmeld profilen").await;
    browser.check("report a profile").await;
    browser.choose("Spam eller reklame").await;
    browser.press("Send anmeldelsen").await;
    browser.sees("Din anmeldelse er sendt").await;
    browser.check("report a profile, sent").await;
    browser.sign_out().await;
    browser.sign_in(MODERATOR).await;
    browser.open("/moderation").await;
    browser.follow_containing("Olga Hansen").await;
    browser.check("moderation item, a profile").await;
    browser.press("Afvis").await;
    browser.sees("Anmeldelserne er afvist").await;
    browser.check("moderation item, dismissed").await;
    browser.open("/moderation/log").await;
    browser.check("moderation log, one dismissal").await;
    browser.sign_out().await;

    // After the summary the comments are open; one is reported and hidden, and its place
    // says why.
    browser.sign_in(THIRD).await;
    browser.open(&salon).await;
    browser.sees("Kommentarer til referatet").await;
    browser
        .fill("Din kommentar til referatet", "Køb billige solbriller her")
        .await;
    browser.press("Send kommentar").await;
    browser.sees("Køb billige solbriller her").await;
    browser.check("salon, a comment on the summary").await;
    browser.sign_out().await;
    let comment: String =
        sqlx::query_scalar("SELECT id::text FROM conversation_items WHERE kind = 'after'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    browser.sign_in(NEIGHBOUR).await;
    browser.open(&format!("/questions/{comment}/report")).await;
    browser.choose("Spam eller reklame").await;
    browser.press("Send anmeldelsen").await;
    browser.sees("Din anmeldelse er sendt").await;
    browser.sign_out().await;
    browser.sign_in(MODERATOR).await;
    browser.open("/moderation").await;
    browser.follow_containing("Tove Tredje").await;
    browser.check("moderation item, a comment").await;
    browser
        .fill("Offentlig begrundelse", "Reklame (husreglerne).")
        .await;
    browser.press("Skjul").await;
    browser.open(&salon).await;
    browser
        .sees("Skjult af moderatorerne: Reklame (husreglerne).")
        .await;
    browser.check("salon, a comment hidden").await;
    browser.sign_out().await;
}
