//! The salon page reads the request's session in its own statement (`salons::show::page`), not
//! in a statement of the session layer's: it must admit exactly the sessions every other page
//! admits (`auth::sessions::load`), write the last-seen time exactly when due, and leave the
//! person known to the error page's frame.

use chrono::Duration;
use reqwest::StatusCode;
use scraper::Html;
use uuid::Uuid;

use crate::helpers::salons::{SalonRef, published_salon};
use crate::helpers::{TestApp, text};

/// A session of `email`'s made directly, so the test can send its cookie after changing the
/// row: returns the cookie's token.
async fn session_of(app: &TestApp, email: &str) -> String {
    let user: Uuid = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(email)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let mut conn = app.db.acquire().await.unwrap();
    medspil::auth::sessions::create(&mut conn, user, "Firefox", app.clock.now())
        .await
        .unwrap()
}

/// Runs `statement` with the session's token hash as `$1` and the test clock's now as `$2`.
async fn on_session(app: &TestApp, token: &str, statement: &str) {
    let statement = statement.replace("$session", "sha256(convert_to($1, 'UTF8'))");
    let done = sqlx::query(&statement)
        .bind(token)
        .bind(app.clock.now())
        .execute(&app.db)
        .await
        .unwrap();
    assert!(done.rows_affected() >= 1, "{statement}");
}

/// The session's last-seen time.
async fn last_seen(app: &TestApp, token: &str) -> chrono::DateTime<chrono::Utc> {
    sqlx::query_scalar(
        "SELECT last_seen_at FROM sessions WHERE token_hash = sha256(convert_to($1, 'UTF8'))",
    )
    .bind(token)
    .fetch_one(&app.db)
    .await
    .unwrap()
}

/// `path` opened with the session cookie `token` and nothing else.
async fn open(app: &TestApp, token: &str, path: &str) -> (StatusCode, Html) {
    let r = app
        .browser()
        .client
        .get(app.url(path))
        .header("cookie", format!("medspil_session={token}"))
        .send()
        .await
        .unwrap();
    let status = r.status();
    (status, Html::parse_document(&r.text().await.unwrap()))
}

/// Whether the header shows someone signed in (their account link and "Log ud").
fn signed_in(page: &Html) -> bool {
    let signs_out = scraper::Selector::parse(".account-links form[action='/sign-out']").unwrap();
    let signs_in = scraper::Selector::parse(".account-links a[href='/sign-in']").unwrap();
    let out = page.select(&signs_out).next().is_some();
    assert_ne!(out, page.select(&signs_in).next().is_some());
    out
}

/// A salon with Gitte registered for it; her session's token.
async fn registered_guest(app: &TestApp) -> (SalonRef, String) {
    let host = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    let salon = published_salon(app, &host, Some(20)).await;
    let guest = app.verified_person("Gitte Gæst", "gitte@example.dk").await;
    let r = guest.post(&format!("{}/register", salon.path), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let token = session_of(app, "gitte@example.dk").await;
    (salon, token)
}

/// `page` is the salon page as a visitor sees it: signed out, no registration shown as theirs.
fn as_visitor(page: &Html, what: &str) {
    assert!(!signed_in(page), "{what}: the header is signed in");
    let status = scraper::Selector::parse(".registration-status").unwrap();
    assert!(page.select(&status).next().is_none(), "{what}");
}

#[tokio::test]
async fn a_valid_session_shows_the_person_with_their_registration_panel() {
    let app = TestApp::spawn().await;
    let (salon, token) = registered_guest(&app).await;
    let (status, page) = open(&app, &token, &salon.path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(signed_in(&page));
    assert_eq!(text(&page, ".account-links bdi"), "Gitte Gæst");
    assert_eq!(text(&page, ".registration-status"), "Du er tilmeldt.");
}

#[tokio::test]
async fn sessions_that_have_ended_show_the_salon_page_as_to_a_visitor() {
    let app = TestApp::spawn().await;
    let (salon, _) = registered_guest(&app).await;

    let idle = session_of(&app, "gitte@example.dk").await;
    on_session(
        &app,
        &idle,
        "UPDATE sessions SET last_seen_at = $2 - interval '14 days' WHERE token_hash = $session",
    )
    .await;
    as_visitor(&open(&app, &idle, &salon.path).await.1, "14 days unused");

    let old = session_of(&app, "gitte@example.dk").await;
    on_session(
        &app,
        &old,
        "UPDATE sessions SET created_at = $2 - interval '90 days' WHERE token_hash = $session",
    )
    .await;
    as_visitor(&open(&app, &old, &salon.path).await.1, "begun 90 days ago");

    // Just inside both limits, the same session is still hers.
    let fresh = session_of(&app, "gitte@example.dk").await;
    on_session(
        &app,
        &fresh,
        "UPDATE sessions SET created_at = $2 - interval '90 days' + interval '1 second',
                             last_seen_at = $2 - interval '14 days' + interval '1 second'
         WHERE token_hash = $session",
    )
    .await;
    let (_, page) = open(&app, &fresh, &salon.path).await;
    assert_eq!(text(&page, ".registration-status"), "Du er tilmeldt.");

    // Signed out: the cookie sent again is no one's.
    let (status, _) = {
        let r = app
            .browser()
            .client
            .post(app.url("/sign-out"))
            .header("cookie", format!("medspil_session={fresh}"))
            .header("origin", &app.address)
            .send()
            .await
            .unwrap();
        (r.status(), ())
    };
    assert_eq!(status, StatusCode::SEE_OTHER);
    as_visitor(&open(&app, &fresh, &salon.path).await.1, "signed out");
}

#[tokio::test]
async fn a_deleted_or_suspended_persons_session_shows_the_salon_page_as_to_a_visitor() {
    let app = TestApp::spawn().await;
    let (salon, token) = registered_guest(&app).await;

    // A suspension deletes the person's sessions; one made since (a password reset signs in)
    // is refused by the session's own conditions.
    sqlx::query(
        "INSERT INTO suspensions (id, user_id, starts_at, ends_at, reason)
         SELECT gen_random_uuid(), id, $1, $1 + interval '7 days', 'Trusler.' FROM users
         WHERE email = 'gitte@example.dk'",
    )
    .bind(app.clock.now())
    .execute(&app.db)
    .await
    .unwrap();
    as_visitor(&open(&app, &token, &salon.path).await.1, "suspended");
    app.clock.advance(Duration::days(8));
    let (_, page) = open(&app, &token, &salon.path).await;
    assert!(signed_in(&page), "the suspension has ended");

    let token = session_of(&app, "gitte@example.dk").await;
    sqlx::query("UPDATE users SET deleted_at = $1 WHERE email = 'gitte@example.dk'")
        .bind(app.clock.now())
        .execute(&app.db)
        .await
        .unwrap();
    as_visitor(&open(&app, &token, &salon.path).await.1, "deleted");
}

#[tokio::test]
async fn the_last_seen_time_is_written_when_five_minutes_have_passed_and_not_before() {
    let app = TestApp::spawn().await;
    let (salon, token) = registered_guest(&app).await;
    let made = last_seen(&app, &token).await;

    app.clock.advance(Duration::minutes(4));
    assert_eq!(open(&app, &token, &salon.path).await.0, StatusCode::OK);
    assert_eq!(last_seen(&app, &token).await, made, "after 4 minutes");

    app.clock.advance(Duration::minutes(2));
    assert_eq!(open(&app, &token, &salon.path).await.0, StatusCode::OK);
    let now = app.clock.now();
    assert_eq!(last_seen(&app, &token).await, now, "after 6 minutes");

    // Its idle time counts from then: more than 14 days after it was made, it is still valid.
    app.clock.advance(Duration::days(14) - Duration::minutes(3));
    let (_, page) = open(&app, &token, &salon.path).await;
    assert!(signed_in(&page));
}

#[tokio::test]
async fn a_salon_that_does_not_exist_is_a_404_with_the_person_signed_in_in_the_header() {
    let app = TestApp::spawn().await;
    let (salon, token) = registered_guest(&app).await;
    let missing = format!("/salons/{}-findes-ikke", Uuid::new_v4());
    let (status, page) = open(&app, &token, &missing).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(signed_in(&page));
    assert_eq!(text(&page, ".account-links bdi"), "Gitte Gæst");
    // A visitor's 404 is signed out, and the salon's own page still shows her.
    let (status, page) = open(&app, &"0".repeat(64), &missing).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(!signed_in(&page));
    assert!(signed_in(&open(&app, &token, &salon.path).await.1));
}
