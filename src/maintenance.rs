//! Daily housekeeping, as a job: expired sessions, used and expired tokens, and old sign-in
//! failure counters are removed. Each run schedules the next (a unique key per day, so any
//! number of processes schedule it once).

use chrono::{DateTime, Duration, Utc};
use serde_json::json;

use crate::auth::sessions;
use crate::jobs::{self, Job, NewJob, Worker};
use crate::state::AppState;

const KIND: &str = "maintenance.daily";

fn job_for(day: DateTime<Utc>) -> NewJob {
    NewJob::new(KIND, json!({}), day).unique(format!("{KIND}:{}", day.format("%Y-%m-%d")))
}

/// Makes sure today's run is queued (called when a worker starts).
pub async fn schedule(state: &AppState) -> sqlx::Result<()> {
    let now = state.clock.now();
    let mut conn = state.db.acquire().await?;
    jobs::enqueue(&mut conn, job_for(now), now).await?;
    Ok(())
}

pub fn register_jobs(worker: Worker) -> Worker {
    worker.handle(KIND, |state: AppState, _job: Job| async move {
        run(&state).await
    })
}

async fn run(state: &AppState) -> anyhow::Result<()> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    sqlx::query!(
        "DELETE FROM sessions WHERE last_seen_at <= $1 OR created_at <= $2",
        now - sessions::IDLE,
        now - sessions::ABSOLUTE
    )
    .execute(&mut *tx)
    .await?;
    // Kept a while after use or expiry, so a second click says "used" rather than "unknown".
    sqlx::query!(
        "DELETE FROM tokens WHERE (used_at IS NOT NULL AND used_at < $1) OR (expires_at IS NOT NULL AND expires_at < $1)",
        now - Duration::days(30)
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "DELETE FROM sign_in_failures WHERE last_failure_at < $1",
        now - Duration::days(1)
    )
    .execute(&mut *tx)
    .await?;
    let tomorrow = (now + Duration::days(1))
        .date_naive()
        .and_hms_opt(3, 0, 0)
        .map(|t| t.and_utc());
    if let Some(tomorrow) = tomorrow {
        jobs::enqueue(&mut tx, job_for(tomorrow), now).await?;
    }
    tx.commit().await?;
    Ok(())
}
