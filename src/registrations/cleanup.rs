//! Needs and offline phone numbers are deleted 30 days after a salon's last session: a job per
//! salon, enqueued when someone registers (and by the salons feature when a salon is published).
//!
//! The job's unique key names the last session's end, so a salon moved later gets a new job;
//! a job that finds the salon's sessions moved past its time re-schedules itself instead.

use anyhow::Context;
use chrono::{DateTime, Duration, Utc};
use serde_json::json;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::jobs::{self, Job, NewJob, Worker};
use crate::state::AppState;

const KIND: &str = "registrations.forget-needs";

/// How long after the last session needs and phone numbers are kept.
pub const KEEP: Duration = Duration::days(30);

fn job_for(salon: Uuid, last_end: DateTime<Utc>) -> NewJob {
    NewJob::new(KIND, json!({ "salon": salon }), last_end + KEEP)
        .unique(format!("{KIND}:{salon}:{}", last_end.timestamp()))
}

async fn last_end(conn: &mut PgConnection, salon: Uuid) -> sqlx::Result<Option<DateTime<Utc>>> {
    sqlx::query_scalar!(
        r#"SELECT max(ends_at) AS "end: DateTime<Utc>" FROM salon_sessions WHERE salon_id = $1"#,
        salon
    )
    .fetch_one(conn)
    .await
}

/// Makes sure the salon's needs and phone numbers are deleted 30 days after its last session
/// (idempotent; in the caller's transaction).
pub async fn schedule_cleanup(
    conn: &mut PgConnection,
    salon: Uuid,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    if let Some(end) = last_end(conn, salon).await? {
        jobs::enqueue(conn, job_for(salon, end), now).await?;
    }
    Ok(())
}

/// Adds the registrations' jobs to `worker`.
pub fn register_jobs(worker: Worker) -> Worker {
    worker.handle(KIND, run)
}

async fn run(state: AppState, job: Job) -> anyhow::Result<()> {
    let salon: Uuid = serde_json::from_value(job.payload["salon"].clone())
        .context("a cleanup job without a salon")?;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    match last_end(&mut tx, salon).await? {
        // The salon is gone, or has no sessions: nothing to wait for.
        None => {}
        Some(end) if now < end + KEEP => {
            jobs::enqueue(&mut tx, job_for(salon, end), now).await?;
        }
        Some(_) => {
            let n = sqlx::query!(
                r#"UPDATE registrations SET needs = '', offline_phone = NULL
                   WHERE salon_id = $1 AND (needs <> '' OR offline_phone IS NOT NULL)"#,
                salon
            )
            .execute(&mut *tx)
            .await?
            .rows_affected();
            tracing::info!(%salon, registrations = n, "needs and phone numbers deleted");
        }
    }
    tx.commit().await?;
    Ok(())
}
