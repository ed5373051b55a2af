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
    let outcome = match outcome {
        Ok(()) => {
            let more = std::panic::AssertUnwindSafe(asked(&app, &mut browser));
            futures_util::FutureExt::catch_unwind(more).await
        }
        failed => failed,
    };
    // The true record moves the clock: it comes last.
    let outcome = match outcome {
        Ok(()) => {
            let more = std::panic::AssertUnwindSafe(true_record(&app, &mut browser, &council));
            futures_util::FutureExt::catch_unwind(more).await
        }
        failed => failed,
    };
    if let Err(panic) = outcome {
        browser.shot("FAILED").await;
        browser.close().await;
        std::panic::resume_unwind(panic);
    }
    let mut gate = browser.gate.take().unwrap();
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
    // Who is who: Skanderborg's council with its politician; Aarhus with nothing yet.
    browser.open("/municipalities/skanderborg/people").await;
    browser.sees("Byråd og udvalg").await;
    browser.check("people of a municipality").await;
    browser.open("/municipalities/aarhus/people").await;
    browser.sees("Kommunen har ikke oprettet byråd").await;
    browser.check("people of a municipality, none yet").await;
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
    browser.open("/mine").await;
    browser
        .sees("Du er ikke vært for nogen samtalesalon endnu")
        .await;
    browser.check("mine saloner, empty").await;
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
    browser.open(&format!("{salon}/picture")).await;
    browser.submit(&format!("{salon}/picture")).await;
    browser.check("salon picture, with errors").await;
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
    browser.open("/mine").await;
    browser.sees("Aflyst").await;
    browser.check("mine saloner, a cancelled salon").await;
    browser.sign_out().await;

    // The municipality's admin.
    browser.sign_in(ADMIN).await;
    // The header leads an admin to the municipality's pages.
    browser.follow("Administration").await;
    assert_eq!(browser.path().await, "/admin/skanderborg");
    browser.open("/mine").await;
    browser.sees("Administrer Skanderborg Kommune").await;
    browser.check("mine saloner, an admin").await;
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

/// The pages that keep the public record true: a corrected summary and next step with their
/// earlier versions, a next step's correction with its error, a withdrawn next step, the
/// invitations page of a salon that is over, a decision taken off the agenda, and a
/// municipality whose officials answer though it has no admin. Set up through HTTP (and the
/// clock moved, so this comes last); only the pages are seen in Chromium.
async fn true_record(app: &TestApp, browser: &mut Chromium, council: &str) {
    use reqwest::StatusCode;
    const KAREN: &str = "karen@example.dk";
    let ok = |r: crate::helpers::browser::Response| {
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        r
    };
    // (The tour set the sign-up limit to those made; new people sign up here.)
    app.set_limit("signups_per_address_per_hour", 100_000).await;
    let karen = app.verified_person("Karen Vært", KAREN).await;
    let salon = published_salon(app, &karen, Some(10)).await.path;
    // The admin takes a decision off the agenda.
    let admin = app.browser();
    ok(admin
        .post(
            "/sign-in",
            &[("email", ADMIN), ("password", crate::helpers::PASSWORD)],
        )
        .await);
    let meeting = date_in(app, 30);
    let r = ok(admin
        .post(
            "/municipalities/skanderborg/decisions/new",
            &[
                ("title", "Ny skole i Ry"),
                ("description", "Hvor skal skolen ligge?"),
                ("unit", council),
                ("committee", council),
                ("meeting_on", meeting.as_str()),
            ],
        )
        .await);
    let decision = r.location.unwrap().split('?').next().unwrap().to_string();
    ok(admin
        .post(
            &format!("{decision}/withdraw"),
            &[("reason", "Sagen venter på en ny befolkningsprognose.")],
        )
        .await);
    // Assens: an official answers for a department, and there is no admin (any more).
    let assens = app.municipality_admin("assens").await;
    let dept = app
        .create_unit(
            &assens,
            "assens",
            "department",
            "Udvikling og Borgerservice",
        )
        .await;
    app.approved_official(&assens, "assens", &dept, "Rikke Berg", "rikke@assens.dk")
        .await;
    sqlx::query(
        "UPDATE roles SET status = 'revoked', reason = 'Nyt job' WHERE kind = 'admin' AND municipality_code = '0420'",
    )
    .execute(&app.db)
    .await
    .unwrap();
    // After the salon: a summary corrected, a next step corrected and one withdrawn.
    app.clock.advance(chrono::Duration::days(5));
    app.run_jobs().await;
    let summary = format!("{salon}/summary");
    for (text, action) in [
        ("Vi var 12 på biblioteket.", "publish"),
        ("Vi var 14 på biblioteket.", "save"),
    ] {
        ok(karen
            .post(&summary, &[("summary", text), ("action", action)])
            .await);
    }
    let owner = format!("unit:{council}");
    for what in ["Flere bænke i parken", "Lys ved stien"] {
        ok(karen
            .post(
                &format!("{salon}/agreements"),
                &[("description", what), ("owner", owner.as_str())],
            )
            .await);
    }
    let step = |what: &'static str| async move {
        sqlx::query_scalar::<_, String>("SELECT id::text FROM agreements WHERE description = $1")
            .bind(what)
            .fetch_one(&app.db)
            .await
            .unwrap()
    };
    let benches = step("Flere bænke i parken").await;
    let light = step("Lys ved stien").await;
    ok(karen
        .post(
            &format!("{salon}/agreements/{benches}/edit"),
            &[("description", "Fire bænke i parken")],
        )
        .await);
    ok(karen
        .post(&format!("{salon}/agreements/{light}/withdraw"), &[])
        .await);

    browser.sign_in(KAREN).await;
    browser.open(&salon).await;
    browser.sees("rettet").await;
    browser
        .check("salon, closed, with a corrected summary and a withdrawn next step")
        .await;
    browser.open(&format!("/agreements/{benches}")).await;
    browser
        .check("next step, corrected, with its earlier text")
        .await;
    browser.open(&format!("{salon}/agreements")).await;
    browser
        .js(
            "const d = document.querySelector('details.agreement-edit'); d.open = true;
             d.querySelector('textarea').value = '';",
            vec![],
        )
        .await;
    browser
        .submit(&format!("{salon}/agreements/{benches}/edit"))
        .await;
    browser.sees("Skriv, hvad der er aftalt").await;
    browser.check("next steps, a correction with errors").await;
    browser.open(&format!("{salon}/invitations")).await;
    browser.sees("Salonen er slut").await;
    browser.check("invitations, the salon is over").await;
    browser.sign_out().await;
    browser.open(&decision).await;
    browser.sees("Taget af dagsordenen").await;
    browser.check("decision, taken off the agenda").await;
    browser.open("/municipalities/assens").await;
    browser
        .sees("har ingen administrator på Medspil endnu")
        .await;
    browser
        .check("municipality page, officials answer but no admin")
        .await;
}

/// Signs `email` in over HTTP, for the steps that only prepare a page.
async fn signed_in(app: &TestApp, email: &str) -> crate::helpers::browser::Browser {
    let b = app.browser();
    let r = b
        .post(
            "/sign-in",
            &[("email", email), ("password", crate::helpers::PASSWORD)],
        )
        .await;
    assert_eq!(
        r.status,
        reqwest::StatusCode::SEE_OTHER,
        "signing in {email}"
    );
    b
}

/// People asked, told and able to act: co-host invitations, the messages sent, the warning
/// that a person is already invited and the other invitation beside an answer, and the appeal
/// of a suspended person through the link in the mail, with the moderators' side of it.
async fn asked(app: &TestApp, browser: &mut Chromium) {
    // The tour set these limits to what it had used; back to room for more.
    app.set_limit("signups_per_address_per_hour", 100_000).await;
    app.set_limit("salons_per_day", 100_000).await;
    let hanne = signed_in(app, HOST).await;
    let salon = published_salon(app, &hanne, Some(5)).await;
    app.verified_person("Dora Dahl", "dora@example.dk").await;
    for email in ["dora@example.dk", "ny@example.dk"] {
        let r = hanne
            .post(&format!("{}/hosts", salon.path), &[("email", email)])
            .await;
        assert_eq!(r.status, reqwest::StatusCode::SEE_OTHER, "{}", r.body);
    }
    let rita = signed_in(app, REPORTER).await;
    let r = rita.post(&format!("{}/register", salon.path), &[]).await;
    assert_eq!(r.status, reqwest::StatusCode::SEE_OTHER, "{}", r.body);
    let r = hanne
        .post(
            &format!("{}/message", salon.path),
            &[("subject", "Husk kaffe"), ("body", "Tag en kop med.")],
        )
        .await;
    assert_eq!(r.status, reqwest::StatusCode::SEE_OTHER, "{}", r.body);

    browser.sign_in(HOST).await;
    browser
        .open(&format!("{}/hosts?done=invited", salon.path))
        .await;
    browser.sees("venter på svar").await;
    browser.check("co-hosts, invitations waiting").await;
    // At the daily limit of mail to addresses outside Medspil (she has sent one).
    app.set_limit("invitation_emails_per_day", 1).await;
    browser.fill("Medværtens e-mail", "endnu@example.dk").await;
    browser.press("Send invitationen").await;
    browser
        .sees("Du kan sende 1 invitation på e-mail i døgnet")
        .await;
    browser.check("co-hosts, at the daily limit (429)").await;
    app.set_limit("invitation_emails_per_day", 20).await;
    browser.open(&format!("{}/participants", salon.path)).await;
    browser.sees("Husk kaffe").await;
    browser.check("participants, with the messages sent").await;
    browser.sign_out().await;

    // The invited address without an account, and the one with an account.
    let link = app.link_in_mail("ny@example.dk").await;
    browser.open(&link).await;
    browser
        .sees("Opret en konto med ny@example.dk for at takke ja")
        .await;
    browser.check("co-host invitation, no account").await;
    browser.press("Nej tak").await;
    browser.sees("Du har takket nej").await;
    browser.check("co-host invitation, declined").await;
    let dora: String = sqlx::query_scalar(
        "SELECT id::text FROM cohost_invitations WHERE email = 'dora@example.dk'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    browser.sign_in("dora@example.dk").await;
    browser.open(&format!("/cohost-invitations/{dora}")).await;
    browser.sees("Ja, jeg vil være medvært").await;
    browser.check("co-host invitation").await;
    browser.sign_out().await;

    // One person, one line: a department and then one of its officials.
    let admin = signed_in(app, ADMIN).await;
    let unit = app.teknik_og_miljo(&admin).await;
    app.skanderborg_official(&admin, &unit, "Olga Hansen", "olga@skanderborg.dk")
        .await;
    let r = hanne
        .post(
            &format!("{}/invitations", salon.path),
            &[
                ("target", format!("unit:{unit}").as_str()),
                ("message", "Kom og hør, hvad vi mener."),
            ],
        )
        .await;
    assert_eq!(r.status, reqwest::StatusCode::SEE_OTHER, "{}", r.body);
    browser.sign_in(HOST).await;
    browser.open(&format!("{}/invitations", salon.path)).await;
    browser
        .select("Hvem vil I invitere?", "Olga Hansen (Vejingeniør)")
        .await;
    browser.fill("Personlig besked", "Kom også selv.").await;
    browser.press("Send invitationen").await;
    browser
        .sees("Olga Hansen er allerede inviteret via Teknik og Miljø.")
        .await;
    browser
        .check("invitations, the person is already invited")
        .await;
    browser.press("Send alligevel").await;
    browser.sees("Invitationen er sendt").await;
    browser.sign_out().await;
    let personal: String = sqlx::query_scalar(
        "SELECT id::text FROM invitations WHERE target = 'person' AND salon_id = $1",
    )
    .bind(salon.id)
    .fetch_one(&app.db)
    .await
    .unwrap();
    browser.sign_in("olga@skanderborg.dk").await;
    browser.open(&format!("/inbox/{personal}")).await;
    browser.sees("Du er også inviteret via").await;
    browser
        .check("invitation, also invited through the department")
        .await;
    // She says no to her own; while the salon is ahead she may still come after all.
    browser.fill("Begrundelse", "Jeg er på kursus.").await;
    browser.press("Tak nej").await;
    browser.sees("Kom alligevel").await;
    browser
        .check("invitation, declined, the answer can change")
        .await;
    browser.sign_out().await;

    // A suspended host appeals through the link in the suspension mail.
    let sune = app
        .verified_person("Sune Suspenderet", "sune@example.dk")
        .await;
    let his = published_salon(app, &sune, Some(5)).await;
    let r = rita
        .post(
            &format!("{}/report", his.path),
            &[("category", "harassment"), ("note", "")],
        )
        .await;
    assert_eq!(r.status, reqwest::StatusCode::SEE_OTHER, "{}", r.body);
    let item: String =
        sqlx::query_scalar("SELECT id::text FROM moderation_items WHERE target_id = $1")
            .bind(his.id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    let mona = signed_in(app, MODERATOR).await;
    let r = mona
        .post(
            &format!("/moderation/items/{item}/suspend"),
            &[("duration", "30"), ("reason", "Chikane af naboer.")],
        )
        .await;
    assert_eq!(r.status, reqwest::StatusCode::SEE_OTHER, "{}", r.body);
    browser.sign_in(MODERATOR).await;
    browser.open(&format!("/moderation/items/{item}")).await;
    browser.sees("Send et nyt link til klage").await;
    browser.check("moderation item, a suspended owner").await;
    browser.open("/notifications/settings").await;
    browser.sees("Moderationskøen").await;
    browser.check("mail settings, a moderator").await;
    browser.sign_out().await;
    let body: String = sqlx::query_scalar(
        "SELECT body_text FROM outbox WHERE to_address = 'sune@example.dk' ORDER BY seq DESC LIMIT 1",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    let start = body.find("/appeal/").expect("an appeal link");
    let appeal = body[start..].split_whitespace().next().unwrap().to_string();
    browser.open(&appeal).await;
    browser.sees("Chikane af naboer.").await;
    browser.check("appeal without signing in").await;
    browser.press("Send klagen").await;
    browser.sees("Skriv, hvorfor du klager").await;
    browser
        .check("appeal without signing in, with errors")
        .await;
    browser
        .fill("Din klage", "Jeg skrev til min nabo om hækken, ikke mere.")
        .await;
    browser.press("Send klagen").await;
    browser.sees("Din klage er sendt").await;
    browser.check("appeal without signing in, sent").await;
    browser.sign_in(MODERATOR).await;
    browser.open("/moderation").await;
    browser.sees("Det ældste har ventet").await;
    browser
        .check("moderation queue, with how long the oldest waited")
        .await;
    browser.sign_out().await;
}
