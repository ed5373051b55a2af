//! Reminders a day and two hours before each session: to each registered person once, with
//! time and place or link; none for a cancelled salon, a session's old time or someone who
//! cancelled; once per person and session even with two workers and a fan-out run twice.

use chrono::Duration;
use reqwest::StatusCode;

use crate::helpers::TestApp;
use crate::helpers::browser::Browser;
use crate::helpers::salons::{
    SalonRef, date_in, post_form, published_from, published_salon, salon_form, set,
};

const HOST: &str = "hanne@example.dk";
const BO: &str = "bo@example.dk";
const IDA: &str = "ida@example.dk";

/// The session in `salon_form` starts four days on at 14.00 Copenhagen time (13.00 UTC), the
/// test clock at 9.00 UTC: its day-before reminder is due 3 days 4 hours from the start...
fn until_day_before() -> Duration {
    Duration::days(3) + Duration::hours(4)
}

/// ...and its two-hours reminder 22 hours after that.
fn day_to_two_hours() -> Duration {
    Duration::hours(22)
}

async fn register(person: &Browser, salon: &SalonRef) {
    let r = person.post(&format!("{}/register", salon.path), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "registering: {}", r.body);
}

async fn cancel(person: &Browser, salon: &SalonRef) {
    let path = format!("{}/registration/cancel", salon.path);
    let r = person.post(&path, &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "cancelling: {}", r.body);
}

/// `(subject, body)` of every reminder queued for `email`, oldest first.
async fn reminders(app: &TestApp, email: &str) -> Vec<(String, String)> {
    sqlx::query_as(
        "SELECT subject, body_text FROM outbox WHERE to_address = $1 AND kind = 'salon.reminder'
         ORDER BY seq",
    )
    .bind(email)
    .fetch_all(&app.db)
    .await
    .unwrap()
}

async fn jobs_of(app: &TestApp, kind: &str) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM jobs WHERE kind = $1")
        .bind(kind)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn each_registered_person_is_reminded_a_day_and_two_hours_before_with_time_and_place() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Hanne Vært", HOST).await;
    let salon = published_salon(&app, &host, None).await;
    register(&app.verified_person("Bo Borger", BO).await, &salon).await;
    register(&app.verified_person("Ida Borger", IDA).await, &salon).await;
    app.run_jobs().await;

    app.clock.advance(until_day_before() - Duration::minutes(1));
    app.run_jobs().await;
    assert!(reminders(&app, BO).await.is_empty(), "not before its time");

    app.clock.advance(Duration::minutes(1));
    app.run_jobs().await;
    app.run_jobs().await;
    for email in [BO, IDA] {
        let sent = reminders(&app, email).await;
        assert_eq!(sent.len(), 1, "one day-before reminder to {email}");
        let (subject, body) = &sent[0];
        assert_eq!(subject, "Om et døgn: Liv i Ry bymidte");
        assert!(
            body.contains("Tid: lørdag 5. december kl. 14.00–16.00"),
            "{body}"
        );
        assert!(
            body.contains("Sted: Ry Bibliotek, Klostervej 1, 8680 Ry"),
            "{body}"
        );
        assert!(body.contains(&app.url(&salon.path)), "{body}");
        assert!(!body.contains("Onlinemøde"), "{body}");
    }
    assert!(reminders(&app, BO).await[0].1.starts_with("Hej Bo Borger"));

    app.clock.advance(day_to_two_hours());
    app.run_jobs().await;
    app.clock.advance(Duration::days(2));
    app.run_jobs().await;
    for email in [BO, IDA] {
        let sent = reminders(&app, email).await;
        assert_eq!(sent.len(), 2, "and one two hours before, to {email}");
        assert_eq!(sent[1].0, "Om to timer: Liv i Ry bymidte");
        assert!(sent[1].1.contains("kl. 14.00–16.00"), "{}", sent[1].1);
    }
    assert!(
        reminders(&app, HOST).await.is_empty(),
        "the host is not registered"
    );
}

#[tokio::test]
async fn an_online_salon_s_reminder_has_the_link_and_a_hybrid_one_the_private_address_too() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Hanne Vært", HOST).await;
    let mut online = salon_form(&app, "Ry online", None);
    online = set(online, "format", "online");
    online = set(online, "online_link", "https://meet.example.dk/ry");
    let online = published_from(&host, &online).await;
    let mut hybrid = salon_form(&app, "Ry begge steder", None);
    hybrid = set(hybrid, "format", "hybrid");
    hybrid = set(hybrid, "online_link", "https://meet.example.dk/hybrid");
    hybrid = set(hybrid, "address_private", "on");
    let hybrid = published_from(&host, &hybrid).await;
    let bo = app.verified_person("Bo Borger", BO).await;
    register(&bo, &online).await;
    register(&bo, &hybrid).await;

    app.clock.advance(until_day_before());
    app.run_jobs().await;
    let sent = reminders(&app, BO).await;
    assert_eq!(sent.len(), 2, "one per salon");
    let body = |title: &str| {
        sent.iter()
            .find(|(s, _)| s.ends_with(title))
            .map(|(_, b)| b.clone())
            .unwrap_or_else(|| panic!("no reminder for {title}: {sent:?}"))
    };
    let online = body("Ry online");
    assert!(
        online.contains("Onlinemøde: https://meet.example.dk/ry"),
        "{online}"
    );
    assert!(!online.contains("Sted:"), "{online}");
    let hybrid = body("Ry begge steder");
    assert!(
        hybrid.contains("Sted: Ry Bibliotek, Klostervej 1, 8680 Ry"),
        "{hybrid}"
    );
    assert!(
        hybrid.contains("Onlinemøde: https://meet.example.dk/hybrid"),
        "{hybrid}"
    );
}

#[tokio::test]
async fn a_cancelled_salon_reminds_nobody() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Hanne Vært", HOST).await;
    let salon = published_salon(&app, &host, None).await;
    register(&app.verified_person("Bo Borger", BO).await, &salon).await;
    let r = host
        .post(
            &format!("{}/cancel", salon.path),
            &[("message", "Værten er syg.")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    app.clock.advance(until_day_before());
    app.run_jobs().await;
    app.clock.advance(day_to_two_hours());
    app.run_jobs().await;
    assert!(reminders(&app, BO).await.is_empty());
    assert_eq!(jobs_of(&app, "salon.remind-person").await, 0);
}

#[tokio::test]
async fn a_moved_session_is_reminded_at_its_new_time_and_not_its_old() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Hanne Vært", HOST).await;
    let salon = published_salon(&app, &host, None).await;
    register(&app.verified_person("Bo Borger", BO).await, &salon).await;
    let session: uuid::Uuid =
        sqlx::query_scalar("SELECT id FROM salon_sessions WHERE salon_id = $1")
            .bind(salon.id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    // Four days later: Wednesday 9 December, same hours.
    let mut form = salon_form(&app, "Liv i Ry bymidte", None);
    form = set(form, "session-0-id", &session.to_string());
    form = set(form, "session-0-date", &date_in(&app, 8));
    let r = post_form(&host, &format!("{}/edit", salon.path), &form).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    // The old time's reminders come due and find nothing to do.
    app.clock.advance(until_day_before());
    app.run_jobs().await;
    app.clock.advance(day_to_two_hours());
    app.run_jobs().await;
    assert!(reminders(&app, BO).await.is_empty());

    // The new time's day-before reminder: four days after the old one's.
    app.clock.advance(Duration::days(4) - day_to_two_hours());
    app.run_jobs().await;
    let sent = reminders(&app, BO).await;
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert!(
        sent[0]
            .1
            .contains("Tid: onsdag 9. december kl. 14.00–16.00"),
        "{}",
        sent[0].1
    );
    app.clock.advance(day_to_two_hours());
    app.run_jobs().await;
    assert_eq!(reminders(&app, BO).await.len(), 2);
}

#[tokio::test]
async fn someone_who_cancelled_is_not_reminded_even_after_the_reminders_were_queued() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Hanne Vært", HOST).await;
    let salon = published_salon(&app, &host, None).await;
    let bo = app.verified_person("Bo Borger", BO).await;
    let ida = app.verified_person("Ida Borger", IDA).await;
    let kim = app.verified_person("Kim Borger", "kim@example.dk").await;
    for person in [&bo, &ida, &kim] {
        register(person, &salon).await;
    }
    // Kim cancels days before; Ida between the session's job and her own.
    cancel(&kim, &salon).await;
    app.run_jobs().await;
    app.clock.advance(until_day_before());
    assert_ne!(
        app.worker().run_once().await.unwrap(),
        medspil::jobs::Ran::Nothing
    );
    assert_eq!(jobs_of(&app, "salon.remind-person").await, 2, "Bo and Ida");
    cancel(&ida, &salon).await;
    app.run_jobs().await;
    assert_eq!(reminders(&app, BO).await.len(), 1);
    assert!(reminders(&app, IDA).await.is_empty());
    assert!(reminders(&app, "kim@example.dk").await.is_empty());
}

#[tokio::test]
async fn two_workers_competing_send_each_person_one_reminder_per_session_and_time() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Hanne Vært", HOST).await;
    let salon = published_salon(&app, &host, None).await;
    let people = [
        "bo@example.dk",
        "ida@example.dk",
        "kim@example.dk",
        "ole@example.dk",
    ];
    for (n, email) in people.iter().enumerate() {
        let person = app.verified_person(&format!("Borger {n}"), email).await;
        register(&person, &salon).await;
    }
    app.run_jobs().await;
    // Delivered at least once: a session's job may run twice (a retry after a crash). Copy
    // each, without its unique key, so both workers get one to fan out.
    sqlx::query(
        "INSERT INTO jobs (kind, payload, run_at, created_at)
         SELECT kind, payload, run_at, created_at FROM jobs WHERE kind = 'salon.remind-session'",
    )
    .execute(&app.db)
    .await
    .unwrap();
    assert_eq!(jobs_of(&app, "salon.remind-session").await, 4);

    let (a, b) = (app.worker(), app.worker());
    app.clock.advance(until_day_before());
    let (ran_a, ran_b) = tokio::join!(a.run_until_idle(), b.run_until_idle());
    // Two session jobs and four people's.
    assert_eq!(ran_a.unwrap() + ran_b.unwrap(), 6);
    app.clock.advance(day_to_two_hours());
    let (ran_a, ran_b) = tokio::join!(a.run_until_idle(), b.run_until_idle());
    assert_eq!(ran_a.unwrap() + ran_b.unwrap(), 6);

    for email in people {
        let subjects: Vec<String> = reminders(&app, email)
            .await
            .into_iter()
            .map(|(s, _)| s)
            .collect();
        assert_eq!(
            subjects,
            [
                "Om et døgn: Liv i Ry bymidte",
                "Om to timer: Liv i Ry bymidte"
            ],
            "{email}"
        );
    }
    assert_eq!(jobs_of(&app, "salon.remind-person").await, 8);
}
