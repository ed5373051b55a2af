//! The rest of the gate: pages and forms the journey does not pass through — every other form
//! sent empty so it shows its errors, the admins' pages, the error pages and empty states. The
//! people and rows come from the HTTP helpers (quick); only the pages are seen in Chromium.

use super::page::Chromium;
use crate::helpers::TestApp;
use crate::helpers::salons::{date_in, published_salon};

const HOST: &str = "hanne@example.dk";
const ADMIN: &str = "admin@skanderborg.example.dk";
const UNVERIFIED: &str = "ulla@example.dk";
const REPORTER: &str = "rita@example.dk";
const MODERATOR: &str = "mona@medspil.dk";

#[tokio::test]
async fn every_other_page_form_error_and_empty_state_passes_the_accessibility_gate() {
    if !super::driver::available("gate-tour") {
        return;
    }
    let app = TestApp::spawn().await;
    // Skanderborg with an admin, the council, an approved politician and a pending request.
    let (_, pia_role) = app.approved_politician("skanderborg").await;
    let council: String = sqlx::query_scalar("SELECT id::text FROM units WHERE name = 'Byrådet'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let otto = app.verified_person("Otto Olsen", "otto@example.dk").await;
    let r = otto
        .post(
            "/municipalities/skanderborg/roles/request",
            &[
                ("kind", "politician"),
                ("units", council.as_str()),
                ("title", "Byrådsmedlem"),
            ],
        )
        .await;
    assert_eq!(r.status, reqwest::StatusCode::SEE_OTHER, "{}", r.body);
    let otto_role: String = sqlx::query_scalar(
        "SELECT r.id::text FROM roles r JOIN users u ON u.id = r.user_id WHERE u.email = 'otto@example.dk'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    let hanne = app.verified_person("Hanne Vært", HOST).await;
    let salon = published_salon(&app, &hanne, Some(5)).await.path;
    app.registered_person("Ulla Ubekræftet", UNVERIFIED).await;
    // For moderation: a second salon of Hanne's to report, a reporter and a moderator.
    let reported = published_salon(&app, &hanne, Some(5)).await.path;
    app.verified_person("Rita Rapportør", REPORTER).await;
    app.verified_person("Mona Moderator", MODERATOR).await;
    app.grant_moderator(MODERATOR).await;

    let mut browser = Chromium::start(&app.address, "gate-tour", true, true).await;
    let outcome = std::panic::AssertUnwindSafe(tour(
        &app,
        &mut browser,
        &salon,
        &council,
        &pia_role,
        &otto_role,
    ));
    let outcome = futures_util::FutureExt::catch_unwind(outcome).await;
    let outcome = match outcome {
        Ok(()) => {
            let more = std::panic::AssertUnwindSafe(moderation(&app, &mut browser, &reported));
            futures_util::FutureExt::catch_unwind(more).await
        }
        failed => failed,
    };
    if let Err(panic) = outcome {
        browser.shot("FAILED").await;
        browser.close().await;
        std::panic::resume_unwind(panic);
    }
    let gate = browser.gate.take().unwrap();
    browser.close().await;
    gate.finish();
}

async fn tour(
    app: &TestApp,
    browser: &mut Chromium,
    salon: &str,
    unit: &str,
    pia_role: &str,
    otto_role: &str,
) {
    // A visitor.
    browser.open("/salons?when=past").await;
    browser.sees("Ingen saloner passer på din søgning").await;
    browser.check("directory, past salons, empty").await;
    browser.open("/sign-in").await;
    browser.check("sign in").await;
    browser.submit("/sign-in").await;
    browser.check("sign in, with errors").await;
    // Too many sign-ups from one address in an hour (an operator set it to those made).
    let made: i64 = sqlx::query_scalar("SELECT count(*) FROM signup_attempts")
        .fetch_one(&app.db)
        .await
        .unwrap();
    app.set_limit("signups_per_address_per_hour", made).await;
    browser.open("/register").await;
    browser.fill("Navn", "Nina Ny").await;
    browser.fill("E-mailadresse", "nina@example.dk").await;
    browser
        .fill("Ny adgangskode", "en lang nok adgangskode")
        .await;
    browser.press("Opret konto").await;
    browser
        .sees("Der er oprettet mange konti fra din internetforbindelse")
        .await;
    browser
        .check("register, too many sign-ups from the address (429)")
        .await;
    browser.open("/password/forgot").await;
    browser.check("forgot password").await;
    browser.submit("/password/forgot").await;
    browser.check("forgot password, with errors").await;
    browser.fill("E-mailadresse", HOST).await;
    browser.submit("/password/forgot").await;
    browser.check("forgot password, sent").await;
    app.run_jobs().await;
    let reset = app.link_in_mail(HOST).await;
    browser.open(&reset).await;
    browser.check("reset password").await;
    browser.submit(&reset).await;
    browser.check("reset password, with errors").await;
    browser
        .open(&format!("/account/verify/{}", "0".repeat(64)))
        .await;
    browser.check("a used or unknown link").await;
    browser
        .open(&format!("/municipalities/skanderborg/units/{unit}"))
        .await;
    browser.check("unit page").await;
    browser
        .open(&format!("/salons/{}", uuid::Uuid::nil()))
        .await;
    browser.check("unknown salon (404)").await;
    // A malformed path: the friendly page, not a parser's complaint.
    browser.open("/dev/mailbox/not-a-uuid").await;
    browser.check("malformed path (404)").await;

    // Someone who has not confirmed their email may not host.
    browser.sign_in(UNVERIFIED).await;
    browser.check("account, email not confirmed").await;
    browser.open("/salons/new").await;
    browser.check("new salon, email not confirmed (403)").await;
    // The notification centre with nothing in it, as for people from before it existed.
    sqlx::query(
        "DELETE FROM notifications WHERE user_id = (SELECT id FROM users WHERE email = $1)",
    )
    .bind(UNVERIFIED)
    .execute(&app.db)
    .await
    .unwrap();
    browser.open("/notifications").await;
    browser.sees("Du har ingen notifikationer endnu").await;
    browser.check("notifications, empty").await;
    browser.open("/").await;
    browser.sign_out().await;

    // A host: her account's forms, her salon's forms, and cancelling it.
    browser.sign_in(HOST).await;
    browser.open("/account").await;
    browser.fill("Navn", "").await;
    browser.submit("/account/profile").await;
    browser.check("account, profile with errors").await;
    browser.open("/account").await;
    browser.submit("/account/email").await;
    browser.check("account, email with errors").await;
    browser.open("/account").await;
    browser.submit("/account/password").await;
    browser.check("account, password with errors").await;
    // Too many wrong current passwords (from another of her sessions): the form says to wait.
    let elsewhere = app.browser();
    let her = [("email", HOST), ("password", crate::helpers::PASSWORD)];
    elsewhere.post("/sign-in", &her).await;
    for _ in 0..5 {
        let wrong = [
            ("current_password", "forkert"),
            ("password", "et nyt langt kodeord"),
        ];
        elsewhere.post("/account/password", &wrong).await;
    }
    browser.open("/account").await;
    browser.submit("/account/password").await;
    browser.sees("for mange forkerte adgangskoder").await;
    browser.check("account, password while waiting (429)").await;
    app.clock.advance(chrono::Duration::minutes(1));
    // An email change asked for: the old address's mail links to a page that stops it.
    let change = [
        ("email", "hanne.ny@example.dk"),
        ("current_password", crate::helpers::PASSWORD),
    ];
    elsewhere.post("/account/email", &change).await;
    let stop = app.link_in_mail(HOST).await;
    assert!(stop.starts_with("/account/email/cancel/"), "{stop}");
    browser.open(&stop).await;
    browser.check("stop an email change").await;
    browser.submit(&stop).await;
    browser.sees("Skiftet er stoppet").await;
    browser.check("email change stopped").await;
    browser.open("/account").await;
    browser.submit("/account/calendar").await;
    browser.check("account, new calendar address").await;
    browser
        .open("/municipalities/skanderborg/roles/request")
        .await;
    browser.check("ask for a role").await;
    browser
        .submit("/municipalities/skanderborg/roles/request")
        .await;
    browser.check("ask for a role, with errors").await;
    // At the limit of salons a day (an operator set it to the one she has): the form comes
    // back with the message and what she typed.
    app.set_limit("salons_per_day", 1).await;
    browser.open("/salons/new").await;
    browser.fill("Titel", "Endnu en salon").await;
    browser
        .fill("Spørgsmålet, I vil tale om", "Hvad mangler Ry?")
        .await;
    browser.select("Kommune", "Skanderborg").await;
    browser.fill("By eller område", "Ry").await;
    browser
        .fill_in(Some("Møde 1"), "Dato", &date_in(app, 10))
        .await;
    browser
        .fill_in(Some("Møde 1"), "Starter kl.", "19:00")
        .await;
    browser
        .fill_in(Some("Møde 1"), "Slutter kl.", "21:00")
        .await;
    browser.choose("Fysisk møde").await;
    browser.fill("Stedets navn", "Ry Bibliotek").await;
    browser.fill("Adresse", "Klostervej 1, 8680 Ry").await;
    browser.choose("Offentlig: alle kan finde den").await;
    browser.press("Opret salon (som kladde)").await;
    browser
        .sees("Du har oprettet 1 salon det seneste døgn")
        .await;
    browser.check("new salon, at the daily limit (429)").await;
    browser.open(&format!("{salon}/edit")).await;
    browser.check("edit salon").await;
    browser.fill("Titel", "").await;
    browser.press("Gem ændringer").await;
    browser.check("edit salon, with errors").await;
    browser.open(&format!("{salon}/hosts")).await;
    browser.check("co-hosts").await;
    browser.submit(&format!("{salon}/hosts")).await;
    browser.check("co-hosts, with errors").await;
    browser.open(&format!("{salon}/participants")).await;
    browser.sees("Ingen endnu").await;
    browser.check("participants, nobody yet").await;
    browser.open(&format!("{salon}/cancel")).await;
    browser.check("cancel salon").await;
    browser.submit(&format!("{salon}/cancel")).await;
    browser.check("cancel salon, with errors").await;
    browser
        .fill("Besked til deltagerne", "Vi finder en ny dato.")
        .await;
    browser.submit(&format!("{salon}/cancel")).await;
    browser.sees("Salonen er aflyst").await;
    browser.check("salon, cancelled").await;
    browser.sign_out().await;

    // The municipality's admin.
    browser.sign_in(ADMIN).await;
    let admin = "/admin/skanderborg";
    browser.open(admin).await;
    browser.check("admin, requests").await;
    let request = format!("{admin}/requests/{otto_role}");
    browser.open(&request).await;
    browser.check("admin, one request").await;
    browser.submit(&format!("{request}/reject")).await;
    browser.check("admin, reject with errors").await;
    browser.open(&format!("{admin}/roles")).await;
    browser.check("admin, roles").await;
    let role = format!("{admin}/roles/{pia_role}");
    browser.open(&role).await;
    browser.check("admin, one role").await;
    browser.submit(&format!("{role}/revoke")).await;
    browser.check("admin, revoke with errors").await;
    browser.open(&format!("{admin}/units")).await;
    browser.check("admin, units").await;
    browser.submit(&format!("{admin}/units")).await;
    browser.check("admin, new unit with errors").await;
    let unit_page = format!("{admin}/units/{unit}");
    browser.open(&unit_page).await;
    browser.check("admin, one unit").await;
    browser.fill("Navn", "").await;
    browser.submit(&unit_page).await;
    browser.check("admin, unit with errors").await;
    browser.open(&format!("{admin}/domains")).await;
    browser.check("admin, email domains").await;
    browser.submit(&format!("{admin}/domains")).await;
    browser.check("admin, email domain with errors").await;
    browser.open(&format!("{admin}/page")).await;
    browser.check("admin, municipality page text").await;
    browser.open("/municipalities/skanderborg").await;
    browser.check("municipality page, on Medspil").await;

    // An admin publishes a decision and edits it; a host starts a salon about it.
    browser
        .open("/municipalities/skanderborg/decisions/new")
        .await;
    browser.check("new decision").await;
    browser.fill("Titel", "Budget 2028").await;
    browser
        .fill("Kort beskrivelse", "Byrådet vedtager budgettet.")
        .await;
    browser.select("Ansvarlig enhed", "Byrådet").await;
    browser.select("Besluttes af", "Byrådet").await;
    browser.fill("Mødedato", &date_in(app, 20)).await;
    browser.press("Gem").await;
    browser.sees("Beslutningen er offentliggjort").await;
    let decision = browser.path().await;
    browser.follow("Ret beslutningen").await;
    browser.check("edit decision").await;
    browser.fill("Høring fra", &date_in(app, 2)).await;
    browser.press("Gem").await;
    browser
        .sees("Skriv både første og sidste dag i høringen")
        .await;
    browser.check("edit decision, with errors").await;
    browser.open("/municipalities/skanderborg").await;
    browser.sees("Budget 2028").await;
    browser
        .check("municipality page, with an open decision")
        .await;
    browser.sign_out().await;
    browser.open(&decision).await;
    browser.check("decision, visitor").await;
    browser.sign_in(HOST).await;
    let id = decision.rsplit('/').next().unwrap();
    browser.open(&format!("/salons/new?decision={id}")).await;
    browser.check("new salon, about a decision").await;
    browser.press("Opret salon (som kladde)").await;
    browser.sees("Skriv en titel").await;
    browser
        .check("new salon, about a decision, with errors")
        .await;
    browser.sign_out().await;
}

/// Reporting, the moderators' pages, a hidden salon and the owner's appeal.
async fn moderation(app: &TestApp, browser: &mut Chromium, salon: &str) {
    browser.open("/rules").await;
    browser.check("house rules").await;
    browser.sign_in(REPORTER).await;
    browser.open(salon).await;
    browser.follow("Anmeld salonen").await;
    browser.check("report a salon").await;
    let report = format!("{salon}/report");
    browser.submit(&report).await;
    browser.check("report a salon, with errors").await;
    browser.choose("Spam eller reklame").await;
    browser.submit(&report).await;
    browser.sees("Din anmeldelse er sendt").await;
    browser.check("report a salon, sent").await;
    browser.sign_out().await;

    browser.sign_in(MODERATOR).await;
    browser.open("/moderation").await;
    browser.check("moderation queue").await;
    let item: String = sqlx::query_scalar("SELECT id::text FROM moderation_items")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let page = format!("/moderation/items/{item}");
    browser.open(&page).await;
    browser.check("moderation item").await;
    browser.submit(&format!("{page}/hide")).await;
    browser.check("moderation item, hide with errors").await;
    browser
        .fill(
            "Offentlig begrundelse",
            "Reklame for en forretning (husreglerne).",
        )
        .await;
    browser.submit(&format!("{page}/hide")).await;
    browser.sees("Indholdet er skjult").await;
    browser.check("moderation item, hidden").await;
    browser.submit(&format!("{page}/suspend")).await;
    browser.check("moderation item, suspend with errors").await;
    browser.open("/moderation").await;
    browser.check("moderation queue, empty").await;
    browser.open("/moderation/log").await;
    browser.check("moderation log").await;
    browser.sign_out().await;

    browser.open(salon).await;
    browser.sees("Salonen er skjult").await;
    browser.check("hidden salon").await;
    browser.sign_in(HOST).await;
    browser.open(salon).await;
    browser.check("hidden salon, as its host").await;
    let appeal = format!("/moderation/appeals/{item}");
    browser.open(&appeal).await;
    browser.check("appeal").await;
    browser.submit(&appeal).await;
    browser.check("appeal, with errors").await;
    browser.sign_out().await;
}
