//! Rule 7, a suspended person can appeal: a suspension ends their sessions and refuses
//! sign-in, so the suspension mail carries a link with a token (one use, valid 30 days or until
//! the item is decided; a moderator can send a new one) that opens the appeal form without
//! signing in.

use chrono::Duration;
use reqwest::StatusCode;

use crate::helpers::browser::Browser;
use crate::helpers::salons::published_salon;
use crate::helpers::{PASSWORD, TestApp, text, texts};

/// Carl's salon, reported by Nina and suspended by Mona for `days`: Mona and the item.
async fn suspended(app: &TestApp, days: &str) -> (Browser, String) {
    let carl = app.verified_person("Carl Borger", "carl@example.dk").await;
    let salon = published_salon(app, &carl, Some(20)).await;
    let nina = app.verified_person("Nina Nabo", "nina@example.dk").await;
    let mona = app
        .verified_person("Mona Moderator", "mona@medspil.dk")
        .await;
    app.grant_moderator("mona@medspil.dk").await;
    let r = nina
        .post(
            &format!("{}/report", salon.path),
            &[("category", "harassment"), ("note", "Han skriver grimt.")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let item: String = sqlx::query_scalar("SELECT id::text FROM moderation_items")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let r = mona
        .post(
            &format!("/moderation/items/{item}/suspend"),
            &[("duration", days), ("reason", "Chikane af naboer.")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    (mona, item)
}

/// The appeal link in the newest mail to Carl.
async fn appeal_link(app: &TestApp) -> String {
    let body: String = sqlx::query_scalar(
        "SELECT body_text FROM outbox WHERE to_address = 'carl@example.dk' ORDER BY seq DESC LIMIT 1",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    let start = body
        .find(&format!("{}/appeal/", app.address))
        .unwrap_or_else(|| panic!("no appeal link in: {body}"));
    body[start..]
        .split_whitespace()
        .next()
        .unwrap()
        .trim_start_matches(&app.address)
        .to_string()
}

#[tokio::test]
async fn a_suspended_person_can_appeal_through_the_link_in_the_mail() {
    let app = TestApp::spawn().await;
    let (mona, item) = suspended(&app, "30").await;
    // Carl cannot sign in…
    let carl = app.browser();
    let r = carl
        .post(
            "/sign-in",
            &[("email", "carl@example.dk"), ("password", PASSWORD)],
        )
        .await;
    assert_ne!(r.status, StatusCode::SEE_OTHER);
    // …but the suspension mail's link opens the appeal form.
    let link = appeal_link(&app).await;
    let page = carl.get(&link).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(text(&page.html, ".suspension-reason"), "Chikane af naboer.");
    let r = carl.post(&link, &[("note", "")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Skriv, hvorfor du klager."));
    let r = carl
        .post(
            &link,
            &[("note", "Jeg skrev til min nabo om hækken, ikke mere.")],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        text(&r.html, ".notice"),
        "Din klage er sendt. Du får besked, når en moderator har set på den."
    );
    // It is in the queue as an appeal, and in the log.
    let queue = mona.get("/moderation").await;
    assert!(
        text(&queue.html, ".queue-item p").starts_with("Klage"),
        "{}",
        queue.body
    );
    let page = mona.get(&format!("/moderation/items/{item}")).await;
    assert_eq!(
        text(&page.html, ".appeal-note"),
        "Jeg skrev til min nabo om hækken, ikke mere."
    );
    let log = mona.get("/moderation/log").await;
    assert!(texts(&log.html, ".log-action").contains(&"klagede".to_string()));
    // One use.
    assert_eq!(carl.get(&link).await.status, StatusCode::GONE);
    assert_eq!(
        carl.post(&link, &[("note", "Igen.")]).await.status,
        StatusCode::GONE
    );
}

#[tokio::test]
async fn an_appeal_link_lasts_30_days_or_until_decided_and_a_moderator_can_send_a_new_one() {
    let app = TestApp::spawn().await;
    let (mona, item) = suspended(&app, "365").await;
    let carl = app.browser();
    let first = appeal_link(&app).await;
    assert_eq!(carl.get(&first).await.status, StatusCode::OK);

    // 30 days on, it no longer works; a moderator sends a new one, which does.
    app.clock.advance(Duration::days(30) + Duration::minutes(1));
    assert_eq!(carl.get(&first).await.status, StatusCode::GONE);
    // (A session unused for two weeks has ended: Mona signs in again.)
    mona.post(
        "/sign-in",
        &[("email", "mona@medspil.dk"), ("password", PASSWORD)],
    )
    .await;
    let page = mona.get(&format!("/moderation/items/{item}")).await;
    assert!(
        page.body.contains("Send et nyt link til klage"),
        "{}",
        page.body
    );
    let r = mona
        .post(&format!("/moderation/items/{item}/appeal-link"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let second = appeal_link(&app).await;
    assert_ne!(first, second);
    // Who sent it is in the log, as every moderator action is.
    let log = mona.get(&format!("/moderation/items/{item}")).await;
    assert!(
        texts(&log.html, ".log-action")
            .iter()
            .any(|a| a == "sendte et nyt link til klage"),
        "{}",
        log.body
    );
    assert_eq!(carl.get(&second).await.status, StatusCode::OK);
    // A third replaces the second.
    let r = mona
        .post(&format!("/moderation/items/{item}/appeal-link"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let third = appeal_link(&app).await;
    assert_eq!(carl.get(&second).await.status, StatusCode::GONE);

    // Decided: once the suspension is lifted there is nothing left to appeal.
    let r = mona
        .post(&format!("/moderation/items/{item}/lift"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(carl.get(&third).await.status, StatusCode::GONE);
    // Only a moderator sends links.
    let nina = app.browser();
    nina.post(
        "/sign-in",
        &[("email", "nina@example.dk"), ("password", PASSWORD)],
    )
    .await;
    let r = nina
        .post(&format!("/moderation/items/{item}/appeal-link"), &[])
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}
