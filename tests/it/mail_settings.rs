//! Which kinds of email a person gets: settings per kind, the one-click unsubscribe every such
//! mail carries (RFC 8058, without signing in), and security mail that always arrives.

use reqwest::StatusCode;

use crate::helpers::salons::published_salon;
use crate::helpers::smtp::SmtpServer;
use crate::helpers::{Options, TestApp, attr, text, texts};

async fn outbox(app: &TestApp, email: &str, kind: &str) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM outbox WHERE to_address = $1 AND kind = $2")
        .bind(email)
        .bind(kind)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_kind_turned_off_is_not_mailed_but_still_noticed_and_security_mail_always_comes() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    let salon = published_salon(&app, &host, Some(20)).await;
    let nina = app.verified_person("Nina Nabo", "nina@example.dk").await;
    let page = nina.get("/notifications/settings").await;
    assert_eq!(page.status, StatusCode::OK);
    // Registrations off, everything else at once.
    let r = nina
        .post("/notifications/settings", &[("registrations", "off")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = nina.post(&format!("{}/register", salon.path), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        outbox(&app, "nina@example.dk", "registration.registered").await,
        0
    );
    let noticed: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM notifications n JOIN users u ON u.id = n.user_id
         WHERE u.email = 'nina@example.dk' AND n.kind = 'registration.registered'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(noticed, 1, "the in-app twin is still there");
    // Everything off: a password reset (security) still arrives.
    let all_off = crate::helpers::fixtures::all_mail_off();
    let r = nina.post("/notifications/settings", &all_off).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let before = app.mails_to("nina@example.dk").await;
    let visitor = app.browser();
    visitor
        .post("/password/forgot", &[("email", "nina@example.dk")])
        .await;
    app.run_jobs().await;
    assert_eq!(app.mails_to("nina@example.dk").await, before + 1);
}

#[tokio::test]
async fn a_choice_the_settings_page_does_not_offer_gets_the_page_back_with_a_message() {
    let app = TestApp::spawn().await;
    let nina = app.verified_person("Nina Nabo", "nina@example.dk").await;
    let r = nina
        .post(
            "/notifications/settings",
            &[
                ("registrations", "off"),
                // Invitations come at once or not at all: the page offers no digest.
                ("invitations", "digest"),
                ("changes", "sometimes"),
                ("reminders", "off"),
                ("reminders", "now"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(text(&r.html, "h1"), "Indstillinger for mails");
    assert!(text(&r.html, "#setting-invitations-error").contains("kan ikke samles"));
    assert!(text(&r.html, "#setting-changes-error").contains("Vælg én"));
    assert!(text(&r.html, "#setting-reminders-error").contains("Vælg én"));
    assert!(texts(&r.html, "#setting-registrations-error").is_empty());
    // What was chosen is still chosen on the page; nothing is saved.
    assert_eq!(
        attr(&r.html, "input[name=registrations][value=off]", "checked").as_deref(),
        Some("")
    );
    let saved: i64 = sqlx::query_scalar("SELECT count(*) FROM mail_preferences")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(saved, 0);
}

#[tokio::test]
async fn every_mail_of_a_kind_carries_a_one_click_unsubscribe_that_needs_no_sign_in() {
    let smtp = SmtpServer::start();
    let app = TestApp::spawn_with(Options {
        env: [("SMTP_URL", smtp.url())].into(),
        ..Default::default()
    })
    .await;
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    let salon = published_salon(&app, &host, Some(20)).await;
    let nina = app.verified_person("Nina Nabo", "nina@example.dk").await;
    let r = nina.post(&format!("{}/register", salon.path), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    app.run_jobs().await;
    let received = smtp.received();
    let registered = received
        .iter()
        .find(|m| m.header("To") == Some("nina@example.dk") && m.text.contains("tilmeldt"))
        .expect("the registration mail");
    let header = registered
        .header("List-Unsubscribe")
        .expect("List-Unsubscribe");
    assert_eq!(
        registered.header("List-Unsubscribe-Post"),
        Some("List-Unsubscribe=One-Click")
    );
    let url = header.trim_matches(['<', '>']).to_string();
    assert!(
        registered.text.contains(&url),
        "the link is in the text too"
    );
    // The confirmation mail (security) has none.
    let confirm = received.iter().find(|m| {
        m.header("To") == Some("nina@example.dk") && m.header("List-Unsubscribe").is_none()
    });
    assert!(confirm.is_some(), "security mail carries no unsubscribe");

    // The mail provider's one-click POST: no cookies, no browser headers.
    let r = reqwest::Client::new()
        .post(&url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    // Cancelling is a registrations mail too: not sent now.
    let r = nina
        .post(&format!("{}/registration/cancel", salon.path), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let registrations: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM outbox WHERE to_address = 'nina@example.dk' AND kind LIKE 'registration.%'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(registrations, 1, "only the first, before the click");
}

#[tokio::test]
async fn the_frequent_kinds_can_come_as_one_mail_a_day() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    let first = published_salon(&app, &host, Some(20)).await;
    let second = published_salon(&app, &host, Some(20)).await;
    let nina = app.verified_person("Nina Nabo", "nina@example.dk").await;
    let r = nina
        .post(
            "/notifications/settings",
            &[("registrations", "digest"), ("changes", "digest")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    // Invitations and reminders cannot be gathered: asking for it means at once.
    nina.post(
        "/notifications/settings",
        &[
            ("registrations", "digest"),
            ("changes", "digest"),
            ("reminders", "digest"),
        ],
    )
    .await;
    let page = nina.get("/notifications/settings").await;
    assert!(
        page.body
            .contains(r#"name="registrations" value="digest" checked"#),
        "{}",
        page.body
    );
    page.expect_page("Indstillinger for mails");
    assert!(!page.body.contains(r#"name="reminders" value="digest""#));
    for salon in [&first, &second] {
        let r = nina.post(&format!("{}/register", salon.path), &[]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
    }
    let held: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM outbox WHERE to_address = 'nina@example.dk' AND held_for_digest",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(held, 2);
    // The test clock starts at 10:00 in Copenhagen; the digest goes at 07:00 the next day.
    app.run_jobs().await;
    assert_eq!(outbox(&app, "nina@example.dk", "mail.digest").await, 0);
    app.clock.advance(chrono::Duration::hours(21));
    app.run_jobs().await;
    app.run_jobs().await;
    assert_eq!(outbox(&app, "nina@example.dk", "mail.digest").await, 1);
    let body: String = sqlx::query_scalar(
        "SELECT body_text FROM outbox WHERE to_address = 'nina@example.dk' AND kind = 'mail.digest'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(body.matches("== ").count(), 2, "{body}");
    // The digest itself goes out (it is never held for another digest).
    let queued: bool = sqlx::query_scalar(
        "SELECT NOT held_for_digest FROM outbox WHERE to_address = 'nina@example.dk' AND kind = 'mail.digest'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert!(queued);
}
