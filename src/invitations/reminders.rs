//! Reminders: an invitation still open 7 days after it was sent, and 3 days before the salon,
//! reminds those who may answer — once each (the job's unique key).

use chrono::{DateTime, Duration, Utc};
use serde_json::json;
use sqlx::PgConnection;
use uuid::Uuid;

use super::mails::{self, ToAnswerers};
use super::{Invitation, Status};
use crate::error::AppError;
use crate::jobs::{self, Job, NewJob};
use crate::state::AppState;

pub const KIND: &str = "invitation.remind";

/// Enqueues the invitation's two reminders (the one before the salon only if still ahead).
pub async fn schedule(
    conn: &mut PgConnection,
    inv: &Invitation,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let mut due = vec![("week", inv.sent_at + Duration::days(7))];
    if let Some(start) = inv.salon_first_start {
        due.push(("before", start - Duration::days(3)));
    }
    // While invitations come in, the units' Monday overview is due.
    super::weekly::schedule(conn, now).await?;
    for (which, at) in due {
        if at <= now {
            continue;
        }
        let job = NewJob::new(KIND, json!({ "invitation": inv.id, "which": which }), at)
            .unique(format!("invitation-remind:{}:{which}", inv.id));
        jobs::enqueue(conn, job, now).await?;
    }
    Ok(())
}

/// The reminder job: nothing when the invitation was answered, withdrawn or its salon is no
/// longer ahead.
pub async fn run(state: AppState, job: Job) -> anyhow::Result<()> {
    let id: Uuid = serde_json::from_value(job.payload["invitation"].clone())?;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let inv = match super::load(&mut tx, id).await {
        Ok(inv) => inv,
        Err(AppError::NotFound) => return Ok(()),
        Err(e) => return Err(anyhow::anyhow!("{e}")),
    };
    let ahead = inv.salon_first_start.is_some_and(|s| s > now);
    if inv.status != Status::Open || inv.salon_status != "published" || !ahead {
        return Ok(());
    }
    mails::tell_answerers(&mut tx, &state, &inv, ToAnswerers::Reminder)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    tx.commit().await?;
    Ok(())
}
