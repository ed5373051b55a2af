//! The notification centre, `/notifications`: every notice a person got, newest first, with
//! the unread ones marked and a link to what each concerns. The rows are written by
//! [`crate::mail::notify`] (the in-app twin of each mail to a person with an account) and, for
//! the few notices that come without a mail, by [`notify_in_app`]; this module reads them,
//! marks them read, and hands them to the data download and deletion.
//! The header's unread count is loaded with the session ([`crate::auth::sessions::load`]).

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use sqlx::PgConnection;
use uuid::Uuid;

use crate::auth::{Access, CurrentUser, RouteSpec};
use crate::domain::ids::NotificationId;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::path::Ids;
use crate::web::{Frame, Page};

/// The notification centre's routes.
pub fn routes() -> Vec<RouteSpec> {
    use Access::*;
    vec![
        RouteSpec::get("/notifications", SignedIn, get(list)),
        RouteSpec::post("/notifications/read", SignedIn, post(mark_all_read)),
        RouteSpec::post(
            "/notifications/{notification}/read",
            SignedIn,
            post(mark_read),
        ),
    ]
}

/// One notice, as the list shows it.
pub struct Notice {
    pub id: i64,
    pub subject: String,
    /// A path on this site, checked when it was stored.
    pub link: Option<String>,
    pub when: String,
    /// `datetime` attribute of the time element.
    pub at: String,
    pub unread: bool,
}

#[derive(Template)]
#[template(path = "notifications/list.html")]
pub struct NotificationsPage {
    f: Frame,
    notices: Vec<Notice>,
    unread: i64,
    /// The confirmation after marking, if any.
    notice: Option<String>,
    /// The link to the next, older page, when there is one.
    older: Option<String>,
    /// Whether this is a later page (it says so, and links back to the newest).
    paged: bool,
}

/// Notices per page: a person of many years has thousands, and a page shows what is new.
const PAGE: i64 = 50;

/// Where an older page starts: just after this notice, newest first. Written into the URL
/// as `<microseconds>_<id>`; anything else is the first page.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Before {
    at: DateTime<Utc>,
    id: i64,
}

impl Before {
    fn parse(raw: &str) -> Option<Before> {
        let (micros, id) = raw.split_once('_')?;
        Some(Before {
            at: DateTime::from_timestamp_micros(micros.parse().ok()?)?,
            id: id.parse().ok()?,
        })
    }
}

impl std::fmt::Display for Before {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}_{}", self.at.timestamp_micros(), self.id)
    }
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct ListQuery {
    done: Option<String>,
    before: Option<String>,
}

/// `GET /notifications`: the person's notices, newest first, a page at a time (keyset on the
/// index `notifications (user_id, created_at DESC, id DESC)`). One query; the unread count
/// comes with the session.
async fn list(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    Query(q): Query<ListQuery>,
) -> Result<Page<NotificationsPage>, AppError> {
    let before = q.before.as_deref().and_then(Before::parse);
    let mut rows = sqlx::query!(
        r#"SELECT id, subject, link, created_at AS "created_at: DateTime<Utc>", read_at IS NULL AS "unread!"
           FROM notifications
           WHERE user_id = $1
             AND ($2::timestamptz IS NULL OR (created_at, id) < ($2, $3))
           ORDER BY created_at DESC, id DESC
           LIMIT $4"#,
        user.id,
        before.map(|b| b.at),
        before.map_or(0, |b| b.id),
        PAGE + 1
    )
    .fetch_all(&state.db)
    .await?;
    let older = (rows.len() as i64 > PAGE).then(|| {
        rows.truncate(PAGE as usize);
        let last = rows.last().expect("a full page has a last row");
        format!(
            "/notifications?before={}",
            Before {
                at: last.created_at,
                id: last.id
            }
        )
    });
    let notices: Vec<Notice> = rows
        .into_iter()
        .map(|r| Notice {
            id: r.id,
            subject: r.subject,
            link: r.link,
            when: f.tr.datetime(r.created_at),
            // Whole seconds: HTML allows at most three digits of a fraction in `datetime`.
            at: r
                .created_at
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            unread: r.unread,
        })
        .collect();
    let notice = crate::web::done_notice(
        &f.tr,
        "notifications",
        q.done.as_deref(),
        &["read", "all-read"],
    );
    Ok(Page(NotificationsPage {
        f,
        notices,
        unread: user.unread,
        notice,
        older,
        paged: before.is_some(),
    }))
}

/// `POST /notifications/{id}/read`: marks one notice read. Someone else's notice does not
/// exist for this person (404), just like one that never did.
async fn mark_read(
    State(state): State<AppState>,
    user: CurrentUser,
    Ids(notification): Ids<NotificationId>,
) -> Result<Response, AppError> {
    let id = notification.0;
    let now = state.clock.now();
    let marked = sqlx::query!(
        "UPDATE notifications SET read_at = coalesce(read_at, $3) WHERE id = $1 AND user_id = $2",
        id,
        user.id,
        now
    )
    .execute(&state.db)
    .await?
    .rows_affected();
    if marked == 0 {
        return Err(AppError::NotFound);
    }
    Ok(Redirect::to("/notifications?done=read").into_response())
}

/// `POST /notifications/read`: marks every unread notice of the person read.
async fn mark_all_read(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Response, AppError> {
    let now = state.clock.now();
    sqlx::query!(
        "UPDATE notifications SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL",
        user.id,
        now
    )
    .execute(&state.db)
    .await?;
    Ok(Redirect::to("/notifications?done=all-read").into_response())
}

/// A notice in the app alone, without a mail: for news that would be too much as a mail each
/// time (a report waiting for the moderators, who get one mail a day about the queue instead).
/// `link` is a path on this site.
pub async fn notify_in_app(
    conn: &mut PgConnection,
    user: Uuid,
    kind: &str,
    subject: &str,
    link: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "INSERT INTO notifications (user_id, kind, subject, link, created_at) VALUES ($1, $2, $3, $4, $5)",
        user,
        kind,
        subject,
        crate::web::local_path(link),
        now,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The person's notices, for the data download.
pub async fn personal_data(conn: &mut PgConnection, user: Uuid) -> Result<Value, AppError> {
    let rows = sqlx::query!(
        r#"SELECT kind, subject, link, created_at AS "created_at: DateTime<Utc>",
                  read_at AS "read_at: DateTime<Utc>"
           FROM notifications WHERE user_id = $1 ORDER BY created_at, id"#,
        user
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(Value::Array(
        rows.iter()
            .map(|n| {
                json!({
                    "kind": n.kind, "subject": n.subject, "link": n.link,
                    "created_at": n.created_at, "read_at": n.read_at,
                })
            })
            .collect(),
    ))
}

/// Deletes the person's notices when the account is deleted.
pub async fn erase(conn: &mut PgConnection, user: Uuid) -> Result<(), AppError> {
    sqlx::query!("DELETE FROM notifications WHERE user_id = $1", user)
        .execute(conn)
        .await?;
    Ok(())
}
