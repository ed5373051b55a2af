//! The person's registrations in their data download, and what deleting the account does to
//! them: every live registration is cancelled (a seat goes to the first in line, who is told),
//! and needs are deleted at once.

use anyhow::Context;
use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use sqlx::PgConnection;
use uuid::Uuid;

use super::waitlist;
use crate::error::AppError;
use crate::jobs::{self, Job, NewJob};
use crate::salons::calendar::SalonCalendar;
use crate::salons::load_visible;
use crate::state::AppState;

pub const TELL_PROMOTED: &str = "registrations.tell-promoted";

/// The person's registrations, for the download (key "registrations").
pub async fn personal_data(conn: &mut PgConnection, user: Uuid) -> Result<Value, AppError> {
    let rows = sqlx::query!(
        r#"SELECT s.id AS salon_id, s.slug, s.title, r.kind::text AS "kind!",
                  r.status::text AS "status!", r.waitlist_position, r.needs, r.show_name,
                  r.asked_state,
                  r.created_at AS "created_at: DateTime<Utc>",
                  r.updated_at AS "updated_at: DateTime<Utc>"
           FROM registrations r JOIN salons s ON s.id = r.salon_id
           WHERE r.user_id = $1 ORDER BY r.created_at"#,
        user
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(Value::Array(
        rows.into_iter()
            .map(|r| {
                json!({
                    "salon": r.title,
                    "salon_path": crate::salons::visibility::path(r.salon_id, &r.slug),
                    "kind": r.kind,
                    "status": r.status,
                    "waitlist_position": r.waitlist_position,
                    "needs": r.needs,
                    "show_name": r.show_name,
                    // named by a colleague: asked, confirmed or declined
                    "asked": r.asked_state,
                    "created_at": r.created_at,
                    "updated_at": r.updated_at,
                })
            })
            .collect(),
    ))
}

/// Cancels the person's live registrations (promoting whoever is next, who is told by a job
/// that can build the calendar file) and deletes their needs.
pub async fn on_account_deleted(
    conn: &mut PgConnection,
    user: Uuid,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    // In salon order, so two transactions that lock several salons cannot deadlock.
    let live = sqlx::query!(
        r#"SELECT id, salon_id FROM registrations
           WHERE user_id = $1 AND status IN ('registered', 'waitlisted') ORDER BY salon_id"#,
        user
    )
    .fetch_all(&mut *conn)
    .await?;
    for r in live {
        let mut seats = waitlist::lock(conn, r.salon_id).await?;
        if let Some(done) = waitlist::withdraw(conn, &mut seats, r.id, "cancelled", now).await? {
            waitlist::save(conn, &seats).await?;
            tell_later(conn, &done.promoted, now).await?;
        }
    }
    sqlx::query!(
        "UPDATE registrations SET needs = '', show_name = false WHERE user_id = $1",
        user
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Enqueues the mails telling `promoted` they have a seat, for when no request is at hand.
pub async fn tell_later(
    conn: &mut PgConnection,
    promoted: &[waitlist::Promoted],
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    for p in promoted.iter().filter(|p| p.user.is_some()) {
        let job = NewJob::new(
            TELL_PROMOTED,
            json!({ "registration": p.registration, "session": p.session }),
            now,
        )
        // One mail for someone promoted in several sessions at once.
        .unique(format!(
            "{TELL_PROMOTED}:{}:{}",
            p.registration,
            now.timestamp()
        ));
        jobs::enqueue(conn, job, now).await?;
    }
    Ok(())
}

/// Gives free seats to those first in line after the salon's seats changed (a host raised the
/// capacity or the municipal seats). In the caller's transaction; those promoted are told by a
/// job. Returns how many were promoted.
pub async fn fill_free_seats(
    conn: &mut PgConnection,
    salon: Uuid,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let mut seats = waitlist::lock(conn, salon).await?;
    let promoted = waitlist::promote_all(conn, &mut seats, now).await?;
    waitlist::save(conn, &seats).await?;
    tell_later(conn, &promoted, now).await?;
    Ok(promoted.len())
}

/// The job: tells someone promoted (outside a request) that they have a seat.
pub async fn tell_promoted(state: AppState, job: Job) -> anyhow::Result<()> {
    let registration: Uuid = serde_json::from_value(job.payload["registration"].clone())
        .context("a job without a registration")?;
    let Some(row) = sqlx::query!(
        "SELECT salon_id, user_id FROM registrations WHERE id = $1 AND status = 'registered'",
        registration
    )
    .fetch_optional(&state.db)
    .await?
    else {
        return Ok(());
    };
    // As a visitor sees it; a salon hidden from visitors gets no mail from here.
    let Ok(salon) = load_visible(&state.db, row.salon_id, None).await else {
        return Ok(());
    };
    let calendar = SalonCalendar::load(&state, &super::as_participant(&salon))
        .await
        .map_err(|e| anyhow::anyhow!("building the calendar: {e}"))?;
    // Jobs queued before seats were per session name no session.
    let session = serde_json::from_value(job.payload["session"].clone()).unwrap_or_default();
    let promoted = [waitlist::Promoted {
        registration,
        user: row.user_id,
        session,
    }];
    let mut tx = state.db.begin().await?;
    super::tell_promoted(&mut tx, &state, &salon, &promoted, &calendar)
        .await
        .map_err(|e| anyhow::anyhow!("telling the promoted person: {e}"))?;
    tx.commit().await?;
    Ok(())
}
