//! The abuse limits: salons per person and day, host messages and invitation emails per person
//! and day, sign-ups per client address and hour — each under and at its limit, with its
//! message and nothing created, the window sliding with the clock, a value changed in the
//! table taking effect, two apps on one database sharing the count; and links in the texts of
//! a salon whose host's account is less than a day old shown as text.

use chrono::Duration;
use reqwest::StatusCode;

use crate::helpers::browser::{Browser, Response};
use crate::helpers::salons::{
    add_cohost, create_salon, post_form, published_from, salon_form, set,
};
use crate::helpers::{Options, PASSWORD, TestApp, attr, retry_after, text, texts};

/// An app with the migration's limits, and `limits` changed as an operator would.
async fn app_with(limits: &[(&'static str, i64)]) -> TestApp {
    TestApp::spawn_with(Options {
        default_limits: true,
        limits: limits.to_vec(),
        ..Default::default()
    })
    .await
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&app.db).await.unwrap()
}

/// `host` sends the new-salon form titled `title`.
async fn new_salon(app: &TestApp, host: &Browser, title: &str) -> Response {
    post_form(host, "/salons/new", &salon_form(app, title, Some(20))).await
}

#[tokio::test]
async fn a_person_creates_salons_up_to_the_daily_limit_and_the_window_slides() {
    let app = app_with(&[("salons_per_day", 2)]).await;
    let host = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    create_salon(&host, &salon_form(&app, "Første salon", None)).await;
    app.clock.advance(Duration::hours(12));
    create_salon(&host, &salon_form(&app, "Anden salon", None)).await;

    // At the limit: the form again, with the message and everything typed, and no salon.
    let r = new_salon(&app, &host, "Tredje salon").await;
    assert_eq!(
        retry_after(&r),
        12 * 3600,
        "the first salon leaves the window in 12 hours"
    );
    let problem = text(&r.html, "#form-problem");
    assert!(
        problem.contains("Du har oprettet 2 saloner det seneste døgn"),
        "{problem}"
    );
    // The first salon (Tuesday 10.00 in Copenhagen) leaves the window a day later.
    assert!(
        problem.contains("onsdag 2. december kl. 10.00"),
        "{problem}"
    );
    assert_eq!(
        attr(&r.html, "#field-title", "value").as_deref(),
        Some("Tredje salon")
    );
    assert_eq!(
        text(&r.html, "#field-description"),
        "Vi drikker **kaffe** og taler om byen."
    );
    assert_eq!(count(&app, "SELECT count(*) FROM salons").await, 2);
    // Opening the form says so before anything is typed.
    let r = host.get("/salons/new").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(text(&r.html, "#form-problem").contains("Du kan oprette den næste fra onsdag"));

    // A minute short of a day after the first, still at the limit; then one more is allowed.
    app.clock
        .advance(Duration::hours(12) - Duration::minutes(1));
    let r = new_salon(&app, &host, "Tredje salon").await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    app.clock.advance(Duration::minutes(1));
    let r = new_salon(&app, &host, "Tredje salon").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = new_salon(&app, &host, "Fjerde salon").await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(text(&r.html, "#form-problem").contains("onsdag 2. december kl. 22.00"));

    // Another person has their own count.
    let other = app.verified_person("Carl Borger", "carl@example.dk").await;
    let r = new_salon(&app, &other, "Carls salon").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_limit_changed_in_the_table_takes_effect_at_once() {
    let app = app_with(&[("salons_per_day", 1)]).await;
    let host = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    create_salon(&host, &salon_form(&app, "Første salon", None)).await;
    let r = new_salon(&app, &host, "Anden salon").await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(text(&r.html, "#form-problem").contains("Du har oprettet 1 salon det seneste døgn"));

    app.set_limit("salons_per_day", 2).await;
    let r = new_salon(&app, &host, "Anden salon").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(count(&app, "SELECT count(*) FROM salons").await, 2);

    // An unknown name or a value below 1 is refused, and changes nothing.
    assert!(
        medspil::limits::set(&app.db, "salons_per_week", 3)
            .await
            .is_err()
    );
    assert!(
        medspil::limits::set(&app.db, "salons_per_day", 0)
            .await
            .is_err()
    );
    let all = medspil::limits::all(&app.db).await.unwrap();
    let value = |name: &str| all.iter().find(|(l, _)| l.name() == name).unwrap().1;
    assert_eq!(value("salons_per_day"), 2);
    assert_eq!(value("messages_per_day"), 3);
    assert_eq!(value("invitation_emails_per_day"), 20);
    assert_eq!(value("invitation_emails_per_salon"), 50);
    assert_eq!(value("signups_per_address_per_hour"), 20);
}

#[tokio::test]
async fn two_apps_on_one_database_share_the_count() {
    let a = app_with(&[("salons_per_day", 1)]).await;
    let b = TestApp::spawn_with(Options {
        default_limits: true,
        database_url: Some(a.database_url()),
        ..Default::default()
    })
    .await;
    let host = a.verified_person("Hanne Vært", "hanne@example.dk").await;
    create_salon(&host, &salon_form(&a, "Første salon", None)).await;
    // The same person through the other process.
    let via_b = b.browser();
    let r = via_b
        .post(
            "/sign-in",
            &[("email", "hanne@example.dk"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = new_salon(&b, &via_b, "Anden salon").await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    // And an operator's change reaches both.
    b.set_limit("salons_per_day", 2).await;
    let r = new_salon(&a, &host, "Anden salon").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(count(&a, "SELECT count(*) FROM salons").await, 2);
}

#[tokio::test]
async fn a_host_sends_messages_up_to_the_daily_limit() {
    let app = app_with(&[("messages_per_day", 1)]).await;
    let host = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    let salon = published_from(&host, &salon_form(&app, "Liv i Ry", Some(20))).await;
    let message = format!("{}/message", salon.path);
    let r = host
        .post(&message, &[("subject", "Husk"), ("body", "Kaffe")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = host
        .post(&message, &[("subject", "Husk igen"), ("body", "Kage")])
        .await;
    assert_eq!(retry_after(&r), 24 * 3600);
    let problem = text(&r.html, "#message-problem");
    assert!(
        problem.contains("Du har sendt 1 besked det seneste døgn"),
        "{problem}"
    );
    assert!(
        problem.contains("onsdag 2. december kl. 10.00"),
        "{problem}"
    );
    assert_eq!(text(&r.html, "#message-body"), "Kage");
    assert_eq!(
        attr(&r.html, "#message-subject", "value").as_deref(),
        Some("Husk igen")
    );
    assert_eq!(count(&app, "SELECT count(*) FROM salon_messages").await, 1);
    // The page tells the host the limit as the table has it.
    let page = host.get(&format!("{}/participants", salon.path)).await;
    assert!(
        page.body.contains("højst 1 beskeder i døgnet"),
        "{}",
        page.body
    );

    app.clock.advance(Duration::hours(24));
    let r = host
        .post(&message, &[("subject", "Husk igen"), ("body", "Kage")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_host_sends_invitations_by_email_up_to_the_daily_limit() {
    let app = app_with(&[("invitation_emails_per_day", 1)]).await;
    let host = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    let salon = published_from(&host, &salon_form(&app, "Liv i Ry", Some(20))).await;
    let invite = |address: &'static str| {
        let (host, path) = (host.clone(), format!("{}/invitations", salon.path));
        async move {
            host.post(
                &path,
                &[
                    ("target", "email"),
                    ("email", address),
                    ("message", "Kom og vær med."),
                ],
            )
            .await
        }
    };
    let r = invite("nabo1@example.dk").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    app.clock.advance(Duration::hours(1));
    let r = invite("nabo2@example.dk").await;
    assert_eq!(retry_after(&r), 23 * 3600);
    assert!(
        r.body
            .contains("Du kan sende 1 invitation på e-mail i døgnet"),
        "{}",
        r.body
    );
    assert!(
        r.body.contains("onsdag 2. december kl. 10.00"),
        "{}",
        r.body
    );
    assert!(r.body.contains("nabo2@example.dk"), "what was typed stays");
    assert_eq!(count(&app, "SELECT count(*) FROM invitations").await, 1);
    assert_eq!(app.mails_to("nabo2@example.dk").await, 0);
    app.clock.advance(Duration::hours(23));
    let r = invite("nabo2@example.dk").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
}

/// A visitor signs up as `email` (from the address `from`, told by a trusted proxy).
async fn sign_up(app: &TestApp, email: &str, from: &str) -> Response {
    app.browser()
        .post_with(
            "/register",
            &[
                ("name", "Nina Ny"),
                ("email", email),
                ("password", PASSWORD),
            ],
            &[("origin", &app.address), ("x-forwarded-for", from)],
        )
        .await
}

#[tokio::test]
async fn sign_ups_from_one_address_are_limited_per_hour() {
    let app = TestApp::spawn_with(Options {
        default_limits: true,
        limits: vec![("signups_per_address_per_hour", 2)],
        env: [("MEDSPIL_TRUSTED_PROXIES", "127.0.0.1".to_string())].into(),
        ..Default::default()
    })
    .await;
    let here = "203.0.113.7";
    assert_eq!(
        sign_up(&app, "a@example.dk", here).await.status,
        StatusCode::SEE_OTHER
    );
    app.clock.advance(Duration::minutes(30));
    // A taken address counts as well: the limit says nothing about who has an account.
    assert_eq!(
        sign_up(&app, "a@example.dk", here).await.status,
        StatusCode::SEE_OTHER
    );
    let r = sign_up(&app, "b@example.dk", here).await;
    assert_eq!(retry_after(&r), 30 * 60);
    let problem = text(&r.html, "#register-problem");
    assert!(
        problem.contains("Prøv igen fra tirsdag 1. december kl. 11.00"),
        "{problem}"
    );
    assert_eq!(
        attr(&r.html, "#field-email", "value").as_deref(),
        Some("b@example.dk")
    );
    assert_eq!(
        attr(&r.html, "#field-name", "value").as_deref(),
        Some("Nina Ny")
    );
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM users WHERE email = 'b@example.dk'"
        )
        .await,
        0
    );
    assert_eq!(app.mails_to("b@example.dk").await, 0);
    // Another address has its own count; an IPv6 household counts as one (its /64).
    assert_eq!(
        sign_up(&app, "c@example.dk", "198.51.100.1").await.status,
        StatusCode::SEE_OTHER
    );
    for (n, ip) in ["2001:db8:1:1::1", "2001:db8:1:1::2"].iter().enumerate() {
        let r = sign_up(&app, &format!("v6-{n}@example.dk"), ip).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
    }
    let r = sign_up(&app, "v6-x@example.dk", "2001:db8:1:1::3").await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);

    // An hour after the first attempt one more is allowed, and attempts older than the hour
    // are gone from the table.
    app.clock.advance(Duration::minutes(30));
    let r = sign_up(&app, "b@example.dk", here).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM users WHERE email = 'b@example.dk'"
        )
        .await,
        1
    );
    let r = sign_up(&app, "d@example.dk", here).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM signup_attempts WHERE at <= '2026-12-01T09:00:00Z'"
        )
        .await,
        0
    );
}

#[tokio::test]
async fn links_in_the_texts_of_a_host_younger_than_a_day_are_plain_text() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    let form = set(
        salon_form(&app, "Liv i Ry", Some(20)),
        "description",
        "Se [kortet](https://example.dk/kort) før vi mødes.",
    );
    let salon = published_from(&host, &form).await;
    // Checked on the salon's own page (status 200, its h1), so an error page cannot pass.
    let links = |r: &Response| texts(r.expect_page("Liv i Ry"), ".salon-description a");

    app.clock
        .advance(Duration::hours(24) - Duration::minutes(1));
    let r = app.browser().get(&salon.path).await;
    assert!(links(&r).is_empty(), "{}", r.body);
    assert!(
        text(&r.html, ".salon-description").contains("kortet (https://example.dk/kort)"),
        "the address is visible as text"
    );

    app.clock.advance(Duration::minutes(1));
    let r = app.browser().get(&salon.path).await;
    assert_eq!(links(&r), ["kortet"]);
    assert_eq!(
        attr(&r.html, ".salon-description a", "href").as_deref(),
        Some("https://example.dk/kort")
    );

    // A co-host with a new account makes the links text again: any host can edit the texts.
    let young = app.verified_person("Yrsa Ung", "yrsa@example.dk").await;
    add_cohost(&app, &host, &salon.path, &young, "yrsa@example.dk").await;
    let r = app.browser().get(&salon.path).await;
    assert!(links(&r).is_empty(), "{}", r.body);
}

#[tokio::test]
async fn simultaneous_sends_cannot_both_slip_past_the_limit() {
    let a = app_with(&[("salons_per_day", 2)]).await;
    let b = TestApp::spawn_with(Options {
        default_limits: true,
        database_url: Some(a.database_url()),
        ..Default::default()
    })
    .await;
    let host = a.verified_person("Hanne Vært", "hanne@example.dk").await;
    let via_b = b.browser();
    let r = via_b
        .post(
            "/sign-in",
            &[("email", "hanne@example.dk"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    // Six at once, half through each process.
    let tries = (0..6).map(|n| {
        let (app, browser) = if n % 2 == 0 {
            (&a, &host)
        } else {
            (&b, &via_b)
        };
        new_salon(app, browser, "Samtidig salon")
    });
    let answers = futures_util::future::join_all(tries).await;
    let created = answers
        .iter()
        .filter(|r| r.status == StatusCode::SEE_OTHER)
        .count();
    assert_eq!(created, 2);
    assert!(
        answers
            .iter()
            .all(|r| [StatusCode::SEE_OTHER, StatusCode::TOO_MANY_REQUESTS].contains(&r.status))
    );
    assert_eq!(count(&a, "SELECT count(*) FROM salons").await, 2);
}

/// Runs `medspil admin limits …` against `app`'s database.
fn operator(app: &TestApp, args: &[&str]) -> std::process::Output {
    app.operator(&[&["admin", "limits"], args].concat())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_operator_lists_and_changes_the_limits_from_the_command_line() {
    let app = app_with(&[]).await;
    let out = tokio::task::block_in_place(|| operator(&app, &["set", "salons_per_day", "7"]));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        medspil::limits::value(&app.db, medspil::limits::Limit::SalonsPerDay)
            .await
            .unwrap(),
        7
    );
    let out = tokio::task::block_in_place(|| operator(&app, &[]));
    assert!(out.status.success());
    let listing = String::from_utf8(out.stdout).unwrap();
    let line = |name: &str| {
        listing
            .lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("{name} is not listed: {listing}"))
            .split_whitespace()
            .nth(1)
            .unwrap()
            .to_string()
    };
    assert_eq!(line("salons_per_day"), "7");
    assert_eq!(line("signups_per_address_per_hour"), "20");

    let out = tokio::task::block_in_place(|| operator(&app, &["set", "salons_per_week", "7"]));
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("ukendt grænse"));
    let out = tokio::task::block_in_place(|| operator(&app, &["set", "salons_per_day", "0"]));
    assert!(!out.status.success());
}

#[tokio::test]
async fn the_new_salon_form_shows_its_hint_without_waiting_for_a_save_in_progress() {
    let app = app_with(&[("salons_per_day", 1)]).await;
    let host = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    create_salon(&host, &salon_form(&app, "Første salon", None)).await;
    let user: uuid::Uuid =
        sqlx::query_scalar("SELECT id FROM users WHERE email = 'hanne@example.dk'")
            .fetch_one(&app.db)
            .await
            .unwrap();

    // Another save by the same host holds the host's lock while the form is asked for.
    let mut saving = app.db.begin().await.unwrap();
    sqlx::query("SELECT pg_advisory_xact_lock(hashtextextended('limit:' || $1 || ':' || $2, 0))")
        .bind("salons_per_day")
        .bind(user.to_string())
        .execute(&mut *saving)
        .await
        .unwrap();
    let page = tokio::time::timeout(std::time::Duration::from_secs(5), host.get("/salons/new"))
        .await
        .expect("the form answers while a save holds the lock");
    saving.rollback().await.unwrap();
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(text(&page.html, "h1"), "Opret en samtalesalon");
    assert!(
        text(&page.html, "#form-problem").contains("Du har oprettet 1 salon det seneste døgn"),
        "{}",
        page.body
    );
}
