//! The one job table and its worker.
//!
//! Background and scheduled work is a row in `jobs` ([`enqueue`]); a [`Worker`] in any app
//! process claims due rows with `FOR UPDATE SKIP LOCKED`, runs the handler registered for the
//! row's kind, and records the outcome: done, retried later with backoff, or failed for good.
//! "Due" is judged by the app's [`Clock`](crate::clock::Clock), so tests move time instead of
//! waiting.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use futures_util::future::BoxFuture;
use serde_json::Value;
use sqlx::PgConnection;
use tokio::sync::{Notify, watch};

use crate::state::AppState;

/// How long a claim lasts: a worker that dies mid-job loses its claim after this.
const LEASE: Duration = Duration::minutes(10);
/// How often an idle worker looks for due jobs (jobs enqueued in this process wake it at once).
const POLL: StdDuration = StdDuration::from_secs(1);

/// A job to put in the table.
#[derive(Clone, Debug)]
pub struct NewJob {
    pub kind: &'static str,
    pub payload: Value,
    pub run_at: DateTime<Utc>,
    /// Enqueueing a second job with the same key does nothing.
    pub unique_key: Option<String>,
    pub max_attempts: i32,
}

impl NewJob {
    /// A job of `kind` due at `run_at`, retried up to 8 times.
    pub fn new(kind: &'static str, payload: Value, run_at: DateTime<Utc>) -> NewJob {
        NewJob {
            kind,
            payload,
            run_at,
            unique_key: None,
            max_attempts: 8,
        }
    }

    pub fn unique(mut self, key: impl Into<String>) -> NewJob {
        self.unique_key = Some(key.into());
        self
    }

    pub fn max_attempts(mut self, n: i32) -> NewJob {
        self.max_attempts = n.max(1);
        self
    }
}

/// Puts `job` in the table, in the caller's transaction. Returns false if a job with the same
/// unique key already exists (whatever its state), so callers can enqueue without checking.
pub async fn enqueue(
    conn: &mut PgConnection,
    job: NewJob,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let inserted = sqlx::query!(
        r#"INSERT INTO jobs (kind, payload, unique_key, run_at, max_attempts, created_at)
           VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (unique_key) DO NOTHING"#,
        job.kind,
        job.payload,
        job.unique_key,
        job.run_at,
        job.max_attempts,
        now,
    )
    .execute(conn)
    .await?
    .rows_affected();
    Ok(inserted == 1)
}

/// A claimed job, as a handler sees it.
#[derive(Clone, Debug)]
pub struct Job {
    pub id: i64,
    pub kind: String,
    pub payload: Value,
    /// 1 on the first run.
    pub attempt: i32,
}

/// What runs a job of one kind.
pub type Handler =
    Arc<dyn Fn(AppState, Job) -> BoxFuture<'static, anyhow::Result<()>> + Send + Sync>;

/// Claims and runs due jobs. Cheap to clone; several may run in one process or many.
#[derive(Clone)]
pub struct Worker {
    state: AppState,
    handlers: Arc<HashMap<&'static str, Handler>>,
    wake: Arc<Notify>,
}

/// What one call to [`Worker::run_once`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ran {
    Nothing,
    Done,
    Retry,
    Failed,
}

impl Worker {
    /// A worker with no handlers yet: the app adds its own through [`Worker::register_all`]
    /// (the list is in `startup.rs`); tests may register kinds of their own.
    pub fn empty(state: AppState) -> Worker {
        let wake = state.job_wake.clone();
        Worker {
            state,
            handlers: Arc::new(HashMap::new()),
            wake,
        }
    }

    /// The state handlers are given.
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Lets each of `features` register its handlers.
    pub fn register_all(self, features: &[fn(Worker) -> Worker]) -> Worker {
        features
            .iter()
            .fold(self, |worker, register| register(worker))
    }

    /// Registers the handler for `kind`. Jobs of kinds this worker has no handler for are
    /// left for a worker that has one (during a rolling upgrade, say).
    pub fn handle<F, Fut>(mut self, kind: &'static str, f: F) -> Worker
    where
        F: Fn(AppState, Job) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = anyhow::Result<()>> + Send + 'static,
    {
        let handler: Handler = Arc::new(move |state, job| Box::pin(f(state, job)));
        Arc::make_mut(&mut self.handlers).insert(kind, handler);
        self
    }

    /// Claims one due job and runs it.
    pub async fn run_once(&self) -> sqlx::Result<Ran> {
        let now = self.state.clock.now();
        let kinds: Vec<String> = self.handlers.keys().map(|k| k.to_string()).collect();
        let claimed = sqlx::query!(
            r#"UPDATE jobs SET attempts = attempts + 1, locked_until = $2
               WHERE id = (
                   SELECT id FROM jobs
                   WHERE done_at IS NULL AND failed_at IS NULL AND run_at <= $1
                     AND (locked_until IS NULL OR locked_until <= $1)
                     AND kind = ANY($3)
                   ORDER BY run_at, id
                   LIMIT 1
                   FOR UPDATE SKIP LOCKED)
               RETURNING id, kind, payload, attempts, max_attempts"#,
            now,
            now + LEASE,
            &kinds,
        )
        .fetch_optional(&self.state.db)
        .await?;
        let Some(row) = claimed else {
            return Ok(Ran::Nothing);
        };

        let job = Job {
            id: row.id,
            kind: row.kind,
            payload: row.payload,
            attempt: row.attempts,
        };
        let Some(handler) = self.handlers.get(job.kind.as_str()).cloned() else {
            return Ok(Ran::Nothing); // unreachable: the claim filters by kind
        };
        let (id, kind, attempt) = (job.id, job.kind.clone(), job.attempt);
        // A panicking handler must not take the worker down: run it as its own task.
        let outcome = match tokio::spawn(handler(self.state.clone(), job)).await {
            Ok(result) => result,
            Err(join) => Err(anyhow::anyhow!("the job's task panicked: {join}")),
        };
        let finished = self.state.clock.now();
        match outcome {
            Ok(()) => {
                sqlx::query!(
                    "UPDATE jobs SET done_at = $2, locked_until = NULL, last_error = NULL WHERE id = $1",
                    id,
                    finished
                )
                .execute(&self.state.db)
                .await?;
                tracing::debug!(job = id, kind, "job done");
                Ok(Ran::Done)
            }
            Err(e) => {
                let give_up = attempt >= row.max_attempts;
                let error = format!("{e:#}");
                sqlx::query!(
                    r#"UPDATE jobs SET locked_until = NULL, last_error = $2,
                           run_at = CASE WHEN $3::bool THEN run_at ELSE $4::timestamptz END,
                           failed_at = CASE WHEN $3::bool THEN $5::timestamptz ELSE NULL END
                       WHERE id = $1"#,
                    id,
                    error,
                    give_up,
                    finished + backoff(attempt),
                    finished,
                )
                .execute(&self.state.db)
                .await?;
                // The error text stays in the table: it may quote an address or a token.
                if give_up {
                    tracing::error!(
                        job = id,
                        kind,
                        attempt,
                        "job failed for good; see jobs.last_error"
                    );
                    Ok(Ran::Failed)
                } else {
                    tracing::warn!(
                        job = id,
                        kind,
                        attempt,
                        "job failed, will retry; see jobs.last_error"
                    );
                    Ok(Ran::Retry)
                }
            }
        }
    }

    /// Runs due jobs until none is left; returns how many ran.
    pub async fn run_until_idle(&self) -> sqlx::Result<usize> {
        let mut ran = 0;
        while self.run_once().await? != Ran::Nothing {
            ran += 1;
        }
        Ok(ran)
    }

    /// Runs until `shutdown` turns true: after it, no new job is claimed, and the job in
    /// hand finishes first.
    pub async fn run(self, mut shutdown: watch::Receiver<bool>) {
        let mut interval = tokio::time::interval(POLL);
        interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            if *shutdown.borrow() {
                break;
            }
            loop {
                if *shutdown.borrow() {
                    return;
                }
                match self.run_once().await {
                    Ok(Ran::Nothing) => break,
                    Ok(_) => {}
                    Err(e) => {
                        tracing::warn!(error = %e, "the job worker cannot reach the database");
                        break;
                    }
                }
            }
            tokio::select! {
                _ = shutdown.changed() => {}
                _ = self.wake.notified() => {}
                _ = interval.tick() => {}
            }
        }
        tracing::debug!("job worker stopped");
    }
}

/// 30 s, 1 min, 2 min, … capped at 6 h.
fn backoff(attempt: i32) -> Duration {
    let exp = attempt.clamp(1, 20) as u32 - 1;
    Duration::seconds((30_i64 << exp.min(10)).min(6 * 3600))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        assert_eq!(backoff(1), Duration::seconds(30));
        assert_eq!(backoff(2), Duration::seconds(60));
        assert_eq!(backoff(50), Duration::hours(6));
    }
}
