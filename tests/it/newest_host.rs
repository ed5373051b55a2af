//! When a salon's newest host made their account is kept on the salon (migration 0075): a
//! decision page reads it for each salon's summary (a new host's links are shown as text)
//! instead of its hosts and their people. These tests change hosts and accounts over HTTP
//! (a co-host added and removed, an account deleted) and in the database (an account's age),
//! and compare the kept value with the count from scratch after each change.

use chrono::{DateTime, Duration, Utc};
use reqwest::StatusCode;
use uuid::Uuid;

use crate::helpers::salons::{SalonRef, add_cohost, create_salon, publish, salon_form};
use crate::helpers::{PASSWORD, TestApp};

/// Salons whose kept value differs from the count over their hosts — the statement the
/// decision page ran before the value was kept, the test's oracle.
async fn not_kept(app: &TestApp) -> Vec<Uuid> {
    sqlx::query_scalar(
        "SELECT s.id FROM salons s
         WHERE s.newest_host_since IS DISTINCT FROM
               (SELECT max(u.created_at) FROM salon_hosts h JOIN users u ON u.id = h.user_id
                WHERE h.salon_id = s.id)",
    )
    .fetch_all(&app.db)
    .await
    .unwrap()
}

async fn kept(app: &TestApp, salon: &SalonRef) -> Option<DateTime<Utc>> {
    sqlx::query_scalar("SELECT newest_host_since FROM salons WHERE id = $1")
        .bind(salon.id)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

async fn person(app: &TestApp, email: &str) -> (Uuid, DateTime<Utc>) {
    sqlx::query_as("SELECT id, created_at FROM users WHERE email = $1")
        .bind(email)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

/// Moves an account's age, as only a test does.
async fn made_at(app: &TestApp, email: &str, at: DateTime<Utc>) {
    sqlx::query("UPDATE users SET created_at = $2 WHERE email = $1")
        .bind(email)
        .bind(at)
        .execute(&app.db)
        .await
        .unwrap();
}

#[tokio::test]
async fn the_kept_newest_host_stays_true_as_hosts_come_and_go_and_accounts_are_deleted() {
    let app = TestApp::spawn().await;
    let rikke = app.verified_person("Rikke Vært", "rikke@example.dk").await;
    let shared = create_salon(&rikke, &salon_form(&app, "Liv i Ry bymidte", None)).await;
    publish(&rikke, &shared).await;
    let alone = create_salon(&rikke, &salon_form(&app, "Alene", None)).await;
    publish(&rikke, &alone).await;
    let (_, rikke_since) = person(&app, "rikke@example.dk").await;
    assert_eq!(not_kept(&app).await, Vec::<Uuid>::new(), "new salons");
    assert_eq!(kept(&app, &shared).await, Some(rikke_since));

    // A newer person becomes co-host: theirs is the newest account.
    let mads = app.verified_person("Mads Medvært", "mads@example.dk").await;
    let mads_since = rikke_since + Duration::days(1);
    made_at(&app, "mads@example.dk", mads_since).await;
    add_cohost(&app, &rikke, &shared.path, &mads, "mads@example.dk").await;
    assert_eq!(not_kept(&app).await, Vec::<Uuid>::new(), "a co-host added");
    assert_eq!(kept(&app, &shared).await, Some(mads_since));
    assert_eq!(kept(&app, &alone).await, Some(rikke_since));

    // A host's account age moves: every salon they host follows.
    let rikke_later = rikke_since + Duration::days(2);
    made_at(&app, "rikke@example.dk", rikke_later).await;
    assert_eq!(not_kept(&app).await, Vec::<Uuid>::new(), "an account's age");
    assert_eq!(kept(&app, &shared).await, Some(rikke_later));
    assert_eq!(kept(&app, &alone).await, Some(rikke_later));

    // A newer co-host added to the other salon and removed again.
    let lis = app.verified_person("Lis Medvært", "lis@example.dk").await;
    let lis_since = rikke_since + Duration::days(3);
    made_at(&app, "lis@example.dk", lis_since).await;
    add_cohost(&app, &rikke, &alone.path, &lis, "lis@example.dk").await;
    assert_eq!(kept(&app, &alone).await, Some(lis_since));
    let (lis_id, _) = person(&app, "lis@example.dk").await;
    let r = rikke
        .post(
            &format!("{}/hosts/remove", alone.path),
            &[("user", &lis_id.to_string())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        not_kept(&app).await,
        Vec::<Uuid>::new(),
        "a co-host removed"
    );
    assert_eq!(kept(&app, &alone).await, Some(rikke_later));

    // Rikke deletes her account: the shared salon keeps Mads alone, the other is cancelled
    // with her still its host.
    let r = rikke
        .post("/account/delete", &[("current_password", PASSWORD)])
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    app.run_jobs().await;
    assert_eq!(
        not_kept(&app).await,
        Vec::<Uuid>::new(),
        "an account deleted"
    );
    assert_eq!(kept(&app, &shared).await, Some(mads_since));
}
