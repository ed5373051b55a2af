//! A salon's life: draft → published (no session in the past) → held (a job after its last
//! session ends) ; or cancelled with a message that reaches everyone registered or waiting and
//! everyone invited who has not declined.

use askama::Template;
use axum::Form as PostForm;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::json;
use sqlx::PgConnection;
use uuid::Uuid;

use super::HostedSalon;
use super::visibility::VisibleSalon;
use super::{SalonStatus, mails, show};
use crate::auth::CurrentUser;
use crate::config::Config;
use crate::domain::{Body, Invalid};
use crate::error::AppError;
use crate::jobs::{self, Job, NewJob};
use crate::mail::{self, Recipient};
use crate::state::AppState;
use crate::web::forms::{Field, Form};
use crate::web::{Frame, Page};

/// The job that marks a salon held after its last session.
pub const HELD_KIND: &str = "salon.held";

/// Enqueues the job that marks the salon held when its last session has ended; one per salon
/// and end time, so a moved end gets its own job and the old one finds nothing to do.
pub async fn schedule_held(
    conn: &mut PgConnection,
    id: Uuid,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let last = sqlx::query_scalar!(
        "SELECT max(ends_at) FROM salon_sessions WHERE salon_id = $1",
        id
    )
    .fetch_one(&mut *conn)
    .await?;
    if let Some(last) = last {
        let job = NewJob::new(HELD_KIND, json!({ "salon": id }), last)
            .unique(format!("salon-held:{id}:{}", last.timestamp()));
        jobs::enqueue(conn, job, now).await?;
    }
    Ok(())
}

/// The held job: a published salon whose sessions have all ended becomes held.
pub async fn run_held(state: AppState, job: Job) -> anyhow::Result<()> {
    let id: Uuid = serde_json::from_value(job.payload["salon"].clone())?;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let held = sqlx::query_scalar!(
        r#"UPDATE salons SET status = 'held', updated_at = $2
           WHERE id = $1 AND status = 'published'
             AND (SELECT max(ends_at) FROM salon_sessions WHERE salon_id = $1) <= $2
           RETURNING (SELECT max(ends_at) FROM salon_sessions WHERE salon_id = $1) AS "last_end!""#,
        id,
        now
    )
    .fetch_optional(&mut *tx)
    .await?;
    // Now that it is over, its hosts are reminded to write the summary.
    if let Some(last_end) = held {
        super::summary::schedule_reminders(&mut tx, id, last_end, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// `POST /salons/{key}/publish`.
pub async fn publish(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    HostedSalon(salon): HostedSalon,
) -> Result<Response, AppError> {
    let mut tx = state.db.begin().await?;
    match publish_salon(&mut tx, &state, salon.id).await? {
        Published::Done => {
            tx.commit().await?;
            state.job_wake.notify_one();
            Ok(Redirect::to(&format!("{}?done=published", salon.path())).into_response())
        }
        Published::NotDraft => Ok(Redirect::to(&salon.path()).into_response()),
        Published::NoFutureSession => {
            drop(tx);
            let error = f.tr.t("error-salon-publish-past");
            let page = show::render(&state, f, salon, Some(&user), None, Some(error)).await?;
            Ok(Page::invalid(page))
        }
    }
}

/// What [`publish_salon`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Published {
    Done,
    /// Only a draft is published; nothing changed.
    NotDraft,
    /// A salon whose first session has begun cannot be published; nothing changed.
    NoFutureSession,
}

/// Publishes draft `id` in the caller's transaction: the held job and the reminders are
/// scheduled, followers of a decision it is about hear of it, and the invitations saved on the
/// draft go out; followers of a search it matches hear of it too. The caller wakes the worker after committing.
pub async fn publish_salon(
    tx: &mut PgConnection,
    state: &AppState,
    id: Uuid,
) -> Result<Published, AppError> {
    let now = state.clock.now();
    let status = sqlx::query_scalar!(
        r#"SELECT status AS "status: SalonStatus" FROM salons WHERE id = $1 FOR UPDATE"#,
        id
    )
    .fetch_one(&mut *tx)
    .await?;
    if status != SalonStatus::Draft {
        return Ok(Published::NotDraft);
    }
    let first = sqlx::query_scalar!(
        "SELECT min(starts_at) FROM salon_sessions WHERE salon_id = $1",
        id
    )
    .fetch_one(&mut *tx)
    .await?;
    if first.is_none_or(|t| t <= now) {
        return Ok(Published::NoFutureSession);
    }
    sqlx::query!(
        r#"UPDATE salons SET status = 'published', published_at = $2, updated_at = $2,
                  sequence = sequence + 1
           WHERE id = $1"#,
        id,
        now
    )
    .execute(&mut *tx)
    .await?;
    schedule_held(tx, id, now).await?;
    super::reminders::schedule(tx, id, now).await?;
    crate::registrations::schedule_cleanup(tx, id, now).await?;
    crate::decisions::salon_published(tx, state, id).await?;
    crate::directory::follow::salon_public(tx, state, id).await?;
    crate::invitations::send_awaiting(tx, state, id).await?;
    Ok(Published::Done)
}

/// The cancel form.
#[derive(Template)]
#[template(path = "salons/cancel.html")]
pub struct CancelPage {
    f: Frame,
    salon: VisibleSalon,
    form: Form,
}

fn cancel_fields(f: &Frame, message: &str) -> Form {
    Form::new(vec![
        Field::new(&f.tr, "message", "textarea", "salon-cancel-message")
            .value(message)
            .hint(&f.tr, "salon-cancel-message-hint"),
    ])
}

/// `GET /salons/{key}/cancel`.
pub async fn cancel_form(
    State(_state): State<AppState>,
    f: Frame,
    HostedSalon(salon): HostedSalon,
) -> Result<Response, AppError> {
    if !matches!(salon.status, SalonStatus::Draft | SalonStatus::Published) {
        return Ok(Redirect::to(&salon.path()).into_response());
    }
    let form = cancel_fields(&f, "");
    Ok(Page(CancelPage { f, salon, form }).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CancelInput {
    message: String,
}

fn cancel_message(raw: &str) -> Result<Body<2000>, Invalid> {
    Body::required(raw).map_err(|e| {
        e.key(
            "error-salon-cancel-message-missing",
            "error-salon-cancel-message-too-long",
        )
    })
}

/// `POST /salons/{key}/cancel`.
pub async fn cancel(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    HostedSalon(salon): HostedSalon,
    PostForm(input): PostForm<CancelInput>,
) -> Result<Response, AppError> {
    let mut form = cancel_fields(&f, &input.message);
    let Some(message) = form.check("message", &f.tr, cancel_message(&input.message)) else {
        return Ok(Page::invalid(CancelPage { f, salon, form }));
    };
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    cancel_salon(
        &mut tx,
        &state.config,
        salon.id,
        message.as_str(),
        Some(user.id),
        now,
    )
    .await?;
    tx.commit().await?;
    state.job_wake.notify_one();
    Ok(Redirect::to(&format!("{}?done=cancelled", salon.path())).into_response())
}

/// Cancels a draft or published salon with `message` and tells everyone registered or
/// waiting, and the other hosts; does nothing to a salon in another state.
pub async fn cancel_salon(
    conn: &mut PgConnection,
    config: &Config,
    id: Uuid,
    message: &str,
    by: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if mark_cancelled(conn, id, message, now).await? {
        notify_cancelled(conn, config, id, by, now).await?;
    }
    Ok(())
}

/// Marks a draft or published salon cancelled; false if it was in another state.
pub async fn mark_cancelled(
    conn: &mut PgConnection,
    id: Uuid,
    message: &str,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let done = sqlx::query!(
        r#"UPDATE salons SET status = 'cancelled', cancel_message = $2, cancelled_at = $3,
                  updated_at = $3, sequence = sequence + 1
           WHERE id = $1 AND status IN ('draft', 'published')"#,
        id,
        message,
        now
    )
    .execute(&mut *conn)
    .await?
    .rows_affected();
    Ok(done == 1)
}

/// Tells everyone the salon concerns that it is cancelled, with its message, each once:
/// those registered or waiting, the hosts other than `by`, and everyone invited who has not
/// declined — whoever may answer an invitation still open or accepted, and the addresses
/// invited by email or through a municipal mailbox (as the person, when the address has an
/// account; never an address that asked for no more invitations).
pub async fn notify_cancelled(
    conn: &mut PgConnection,
    config: &Config,
    id: Uuid,
    by: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let row = sqlx::query!(
        "SELECT title, slug, cancel_message FROM salons WHERE id = $1",
        id
    )
    .fetch_one(&mut *conn)
    .await?;
    let sessions = show::sessions(&mut *conn, id).await?;
    let recipients = sqlx::query_scalar!(
        r#"SELECT r.user_id AS "user_id!" FROM registrations r JOIN users u ON u.id = r.user_id
           WHERE r.salon_id = $1 AND r.status IN ('registered', 'waitlisted')
             AND u.deleted_at IS NULL
           UNION
           SELECT h.user_id FROM salon_hosts h JOIN users u ON u.id = h.user_id
           WHERE h.salon_id = $1 AND u.deleted_at IS NULL AND h.user_id IS DISTINCT FROM $2
           UNION
           SELECT a.user_id FROM invitations i
           JOIN invitation_answerers a ON a.invitation_id = i.id
           JOIN users u ON u.id = a.user_id
           WHERE i.salon_id = $1 AND i.status IN ('open', 'proposed', 'accepted')
             AND NOT i.awaits_publish
             AND u.deleted_at IS NULL AND a.user_id IS DISTINCT FROM $2
           UNION
           SELECT u.id FROM invitations i
           JOIN users u ON lower(u.email) = lower(i.email) AND u.deleted_at IS NULL
                       AND u.email_verified_at IS NOT NULL
           WHERE i.salon_id = $1 AND (i.target = 'email' OR i.via_mailbox)
             AND i.status IN ('open', 'proposed', 'accepted') AND NOT i.awaits_publish
             AND u.id IS DISTINCT FROM $2"#,
        id,
        by
    )
    .fetch_all(&mut *conn)
    .await?;
    let path = super::visibility::path(id, &row.slug);
    for to in recipients {
        let to = Recipient::User(to);
        let locale = mail::recipient_locale(conn, &to).await?;
        let m = mails::cancelled(
            config,
            locale,
            &row.title,
            &path,
            &sessions,
            &row.cancel_message,
        );
        mail::notify(conn, now, to, m).await?;
    }
    // Addresses without an account: the salon's page may not exist for them, so the mail
    // carries no link to it — only the stop link every invitation mail carries.
    let addresses = sqlx::query_scalar!(
        r#"SELECT DISTINCT lower(i.email) AS "email!" FROM invitations i
           WHERE i.salon_id = $1 AND i.email IS NOT NULL AND (i.target = 'email' OR i.via_mailbox)
             AND i.status IN ('open', 'proposed', 'accepted') AND NOT i.awaits_publish
             AND NOT EXISTS (SELECT 1 FROM users u WHERE lower(u.email) = lower(i.email)
                             AND u.deleted_at IS NULL AND u.email_verified_at IS NOT NULL)"#,
        id
    )
    .fetch_all(&mut *conn)
    .await?;
    for email in addresses {
        // A stop holds for every +tag of its mailbox.
        if crate::invitations::is_suppressed(conn, &email).await? {
            continue;
        }
        let locale = crate::web::i18n::Locale::Da;
        let mut m =
            mails::cancelled_for_invited(locale, &row.title, &sessions, &row.cancel_message);
        crate::invitations::add_stop_link(conn, config, &mut m, &email, now).await?;
        mail::notify(conn, now, Recipient::Address { email, locale }, m).await?;
    }
    Ok(())
}

/// The job that tells people of a cancellation made where no configuration is at hand
/// (account deletion).
pub const NOTIFY_CANCELLED_KIND: &str = "salon.notify-cancelled";

pub async fn run_notify_cancelled(state: AppState, job: Job) -> anyhow::Result<()> {
    let id: Uuid = serde_json::from_value(job.payload["salon"].clone())?;
    let by: Option<Uuid> = serde_json::from_value(job.payload["by"].clone())?;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    notify_cancelled(&mut tx, &state.config, id, by, now)
        .await
        .map_err(|e| anyhow::anyhow!("notifying a cancellation: {e:?}"))?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cancellation_needs_a_message() {
        assert!(cancel_message("  ").is_err());
        assert_eq!(cancel_message(" Syg vært ").unwrap(), "Syg vært");
        assert!(cancel_message(&"x".repeat(2001)).is_err());
    }
}
