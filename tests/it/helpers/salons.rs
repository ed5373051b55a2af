//! Hosting salons the way a host does: through the form and the publish button.

use chrono::Duration;
use chrono_tz::Europe::Copenhagen;
use reqwest::StatusCode;
use uuid::Uuid;

use super::TestApp;
use super::browser::{Browser, Response};

/// A salon as a test refers to it.
#[derive(Clone, Debug)]
pub struct SalonRef {
    pub id: Uuid,
    /// The canonical path, `/salons/{id}-{slug}`.
    pub path: String,
}

/// The date (`YYYY-MM-DD`, Copenhagen) `days` after the test clock's now.
pub fn date_in(app: &TestApp, days: i64) -> String {
    (app.clock.now() + Duration::days(days))
        .with_timezone(&Copenhagen)
        .format("%Y-%m-%d")
        .to_string()
}

/// A complete, valid salon form: in person in Skanderborg, public, one session four days
/// from now (14:00–16:00), the given capacity. Tests change single fields with [`set`].
pub fn salon_form(app: &TestApp, title: &str, capacity: Option<u32>) -> Vec<(String, String)> {
    salon_form_at(app.clock.now(), title, capacity)
}

/// [`salon_form`] for a server whose clock says `now` (a separate process runs on real time).
pub fn salon_form_at(
    now: chrono::DateTime<chrono::Utc>,
    title: &str,
    capacity: Option<u32>,
) -> Vec<(String, String)> {
    let date_in = |days: i64| {
        (now + Duration::days(days))
            .with_timezone(&Copenhagen)
            .format("%Y-%m-%d")
            .to_string()
    };
    [
        ("title", title.to_string()),
        (
            "question",
            "Hvordan får vi mere liv i Ry bymidte?".to_string(),
        ),
        (
            "description",
            "Vi drikker **kaffe** og taler om byen.".to_string(),
        ),
        ("municipality", "0746".to_string()),
        ("town", "Ry".to_string()),
        ("format", "in_person".to_string()),
        ("place_name", "Ry Bibliotek".to_string()),
        ("address", "Klostervej 1, 8680 Ry".to_string()),
        ("online_link", String::new()),
        (
            "capacity",
            capacity.map(|c| c.to_string()).unwrap_or_default(),
        ),
        ("municipal_seats", "2".to_string()),
        ("visibility", "public".to_string()),
        ("topics", "byliv, handel".to_string()),
        ("step_free", "on".to_string()),
        ("accessibility_note", String::new()),
        ("session-0-date", date_in(4)),
        ("session-0-start", "14:00".to_string()),
        ("session-0-end", "16:00".to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

/// `form` with `name` set to `value` (added if missing).
pub fn set(mut form: Vec<(String, String)>, name: &str, value: &str) -> Vec<(String, String)> {
    match form.iter_mut().find(|(k, _)| k == name) {
        Some(pair) => pair.1 = value.to_string(),
        None => form.push((name.to_string(), value.to_string())),
    }
    form
}

/// Posts a form given as owned pairs.
pub async fn post_form(browser: &Browser, path: &str, form: &[(String, String)]) -> Response {
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    browser.post(path, &pairs).await
}

/// `host` creates a draft salon from `form`.
pub async fn create_salon(host: &Browser, form: &[(String, String)]) -> SalonRef {
    let r = post_form(host, "/salons/new", form).await;
    assert_eq!(
        r.status,
        StatusCode::SEE_OTHER,
        "creating a salon: {}",
        r.body
    );
    let location = r.location.expect("a redirect to the salon");
    let path = location.split('?').next().unwrap().to_string();
    let id = Uuid::parse_str(&path["/salons/".len().."/salons/".len() + 36])
        .expect("the salon's path starts with its id");
    SalonRef { id, path }
}

/// `host` publishes the salon.
pub async fn publish(host: &Browser, salon: &SalonRef) {
    let r = host.post(&format!("{}/publish", salon.path), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "publishing: {}", r.body);
}

/// `host` (a verified, signed-in person) creates and publishes a public salon in Skanderborg
/// with one session four days from now and `capacity` seats for citizens (`None`: no limit).
pub async fn published_salon(app: &TestApp, host: &Browser, capacity: Option<u32>) -> SalonRef {
    let salon = create_salon(host, &salon_form(app, "Liv i Ry bymidte", capacity)).await;
    publish(host, &salon).await;
    salon
}

/// `host` creates a salon from `form` and publishes it.
pub async fn published_from(host: &Browser, form: &[(String, String)]) -> SalonRef {
    let salon = create_salon(host, form).await;
    publish(host, &salon).await;
    salon
}

/// `host` invites `email` to co-host the salon at `salon_path`, and `cohost` (signed in with
/// that address) accepts from the invitation in their notifications.
pub async fn add_cohost(
    app: &TestApp,
    host: &Browser,
    salon_path: &str,
    cohost: &Browser,
    email: &str,
) {
    let r = host
        .post(&format!("{salon_path}/hosts"), &[("email", email)])
        .await;
    assert_eq!(
        r.status,
        StatusCode::SEE_OTHER,
        "inviting {email}: {}",
        r.body
    );
    let id: Uuid = sqlx::query_scalar(
        "SELECT id FROM cohost_invitations WHERE email = lower($1) AND status = 'open'
         ORDER BY created_at DESC LIMIT 1",
    )
    .bind(email)
    .fetch_one(&app.db)
    .await
    .unwrap_or_else(|_| panic!("no open co-host invitation to {email}"));
    let r = cohost
        .post(&format!("/cohost-invitations/{id}/accept"), &[])
        .await;
    assert_eq!(
        r.status,
        StatusCode::SEE_OTHER,
        "{email} accepting: {}",
        r.body
    );
}

/// `host` creates and publishes [`salon_form`]'s salon in three sessions ("tre tirsdage": 4,
/// 11 and 18 days from now, 14:00–16:00) with `capacity` seats per session. Returns the
/// salon and its sessions' ids in time order.
pub async fn three_session_salon(
    app: &TestApp,
    host: &Browser,
    capacity: Option<u32>,
) -> (SalonRef, Vec<Uuid>) {
    let mut form = salon_form(app, "Tre tirsdage i Ry", capacity);
    for (i, days) in [(1, 11), (2, 18)] {
        form = set(form, &format!("session-{i}-date"), &date_in(app, days));
        form = set(form, &format!("session-{i}-start"), "14:00");
        form = set(form, &format!("session-{i}-end"), "16:00");
    }
    let salon = published_from(host, &form).await;
    let sessions =
        sqlx::query_scalar("SELECT id FROM salon_sessions WHERE salon_id = $1 ORDER BY starts_at")
            .bind(salon.id)
            .fetch_all(&app.db)
            .await
            .unwrap();
    (salon, sessions)
}
