//! Rule 8, moderators hear of reports: a notification at once when something enters the queue
//! and, while anything waits, one mail a day (its own kind in the mail settings); the queue
//! shows how long the oldest item has waited.

use chrono::Duration;
use reqwest::StatusCode;

use super::notifications_of;
use crate::helpers::salons::published_salon;
use crate::helpers::{TestApp, text, texts};

async fn queue_mails_to(app: &TestApp, email: &str) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT subject FROM outbox WHERE to_address = $1 AND kind = 'moderator.queue' ORDER BY seq",
    )
    .bind(email)
    .fetch_all(&app.db)
    .await
    .unwrap()
}

#[tokio::test]
async fn moderators_hear_of_reports_at_once_and_once_a_day_while_anything_waits() {
    let app = TestApp::spawn().await;
    let carl = app.verified_person("Carl Borger", "carl@example.dk").await;
    let salon = published_salon(&app, &carl, Some(20)).await;
    let mona = app
        .verified_person("Mona Moderator", "mona@medspil.dk")
        .await;
    app.grant_moderator("mona@medspil.dk").await;
    let max = app.verified_person("Max Moderator", "max@medspil.dk").await;
    app.grant_moderator("max@medspil.dk").await;
    let nina = app.verified_person("Nina Nabo", "nina@example.dk").await;
    let bo = app.verified_person("Bo Borger", "bo@example.dk").await;
    let empty = mona.get("/moderation").await;
    assert!(texts(&empty.html, ".queue-oldest").is_empty());

    // A report: each moderator is notified at once, in the app; no mail yet.
    let report = format!("{}/report", salon.path);
    let r = nina
        .post(&report, &[("category", "spam"), ("note", "Reklame.")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let item: String = sqlx::query_scalar("SELECT id::text FROM moderation_items")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let queue_notices = |email: &'static str| {
        let app = &app;
        async move {
            notifications_of(app, email)
                .await
                .into_iter()
                .filter(|(s, _)| s.contains("moderationskøen"))
                .collect::<Vec<_>>()
        }
    };
    for moderator in ["mona@medspil.dk", "max@medspil.dk"] {
        let notices = queue_notices(moderator).await;
        assert_eq!(notices.len(), 1, "{moderator}: {notices:?}");
        assert_eq!(notices[0].0, "En anmeldelse venter i moderationskøen");
        assert_eq!(
            notices[0].1.as_deref(),
            Some(format!("/moderation/items/{item}").as_str())
        );
        assert!(queue_mails_to(&app, moderator).await.is_empty());
    }
    // Nobody else hears of it.
    assert!(
        notifications_of(&app, "carl@example.dk")
            .await
            .iter()
            .all(|(s, _)| !s.contains("moderationskøen"))
    );
    // A second report on the waiting item adds no notice, and does not restart the wait.
    app.clock.advance(Duration::hours(5));
    let r = bo
        .post(&report, &[("category", "spam"), ("note", "")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(queue_notices("mona@medspil.dk").await.len(), 1);
    let queue = mona.get("/moderation").await;
    assert_eq!(
        text(&queue.html, ".queue-oldest"),
        "Det ældste har ventet 5 timer."
    );

    // Max turns the daily mail off in his mail settings; Mona keeps it.
    let settings = max.get("/notifications/settings").await;
    assert!(
        settings.body.contains("Moderationskøen"),
        "its own kind: {}",
        settings.body
    );
    let r = max
        .post("/notifications/settings", &[("moderation", "off")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let plain = nina.get("/notifications/settings").await;
    assert!(
        !plain.body.contains("Moderationskøen"),
        "only for moderators"
    );

    // The next morning at 07:00 one mail, while it waits; again the day after.
    app.clock.advance(Duration::days(1));
    app.run_jobs().await;
    assert_eq!(
        queue_mails_to(&app, "mona@medspil.dk").await,
        vec!["1 ting venter i moderationskøen"]
    );
    assert!(queue_mails_to(&app, "max@medspil.dk").await.is_empty());
    let mail: String = sqlx::query_scalar(
        "SELECT body_text FROM outbox WHERE to_address = 'mona@medspil.dk' AND kind = 'moderator.queue'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert!(mail.contains("Det ældste har ventet 1 dag."), "{mail}");
    assert!(
        mail.contains(&format!("{}/moderation", app.address)),
        "{mail}"
    );
    app.run_jobs().await;
    assert_eq!(
        queue_mails_to(&app, "mona@medspil.dk").await.len(),
        1,
        "one a day"
    );
    app.clock.advance(Duration::days(1));
    app.run_jobs().await;
    assert_eq!(queue_mails_to(&app, "mona@medspil.dk").await.len(), 2);

    // Once nothing waits, the mails stop.
    let r = mona
        .post(&format!("/moderation/items/{item}/dismiss"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let queue = mona.get("/moderation").await;
    assert!(texts(&queue.html, ".queue-oldest").is_empty());
    app.clock.advance(Duration::days(1));
    app.run_jobs().await;
    assert_eq!(queue_mails_to(&app, "mona@medspil.dk").await.len(), 2);
}
