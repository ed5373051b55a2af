//! The job table and its worker, driven with the test clock.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::Duration;
use medspil::jobs::{self, NewJob, Ran, Worker};
use serde_json::json;

use crate::helpers::TestApp;

type Runs = Arc<Mutex<HashMap<i64, usize>>>;

/// A worker that knows one kind, `test.count`, which records each run.
fn counting_worker(app: &TestApp, runs: Runs) -> Worker {
    Worker::empty(app.state.clone()).handle("test.count", move |_state, job| {
        let runs = runs.clone();
        async move {
            *runs.lock().unwrap().entry(job.id).or_default() += 1;
            // Long enough for the other worker to try the same rows.
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
            Ok(())
        }
    })
}

async fn enqueue(app: &TestApp, job: NewJob) -> bool {
    let mut conn = app.db.acquire().await.unwrap();
    jobs::enqueue(&mut conn, job, app.clock.now())
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_competing_workers_run_each_due_job_exactly_once() {
    let app = TestApp::spawn().await;
    for n in 0..40 {
        enqueue(
            &app,
            NewJob::new("test.count", json!({ "n": n }), app.clock.now()),
        )
        .await;
    }
    let runs: Runs = Arc::default();
    let (a, b) = (
        counting_worker(&app, runs.clone()),
        counting_worker(&app, runs.clone()),
    );
    let (ran_a, ran_b) = tokio::join!(
        tokio::spawn(async move { a.run_until_idle().await.unwrap() }),
        tokio::spawn(async move { b.run_until_idle().await.unwrap() }),
    );
    let (ran_a, ran_b) = (ran_a.unwrap(), ran_b.unwrap());
    assert_eq!(ran_a + ran_b, 40);
    assert!(
        ran_a > 0 && ran_b > 0,
        "both workers should have taken jobs: {ran_a} / {ran_b}"
    );
    {
        let runs = runs.lock().unwrap();
        assert_eq!(runs.len(), 40);
        assert!(runs.values().all(|&n| n == 1), "a job ran twice: {runs:?}");
    }
    let pending: i64 = sqlx::query_scalar("SELECT count(*) FROM jobs WHERE done_at IS NULL")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(pending, 0);
}

#[tokio::test]
async fn a_future_job_waits_until_the_clock_passes_its_time() {
    let app = TestApp::spawn().await;
    enqueue(
        &app,
        NewJob::new(
            "test.count",
            json!({}),
            app.clock.now() + Duration::hours(1),
        ),
    )
    .await;
    let runs: Runs = Arc::default();
    let worker = counting_worker(&app, runs.clone());
    assert_eq!(worker.run_until_idle().await.unwrap(), 0);
    app.clock.advance(Duration::minutes(59));
    assert_eq!(worker.run_until_idle().await.unwrap(), 0);
    app.clock.advance(Duration::minutes(1));
    assert_eq!(worker.run_until_idle().await.unwrap(), 1);
    assert_eq!(runs.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn a_failing_job_is_retried_with_backoff_and_its_error_recorded() {
    let app = TestApp::spawn().await;
    enqueue(&app, NewJob::new("test.flaky", json!({}), app.clock.now())).await;
    let worker = Worker::empty(app.state.clone()).handle("test.flaky", |_state, job| async move {
        if job.attempt < 3 {
            anyhow::bail!("the far end said no (attempt {})", job.attempt)
        } else {
            Ok(())
        }
    });

    assert_eq!(worker.run_once().await.unwrap(), Ran::Retry);
    let (attempts, error): (i32, Option<String>) =
        sqlx::query_as("SELECT attempts, last_error FROM jobs")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(attempts, 1);
    assert_eq!(error.as_deref(), Some("the far end said no (attempt 1)"));
    // Not due again until the backoff has passed.
    assert_eq!(worker.run_once().await.unwrap(), Ran::Nothing);
    app.clock.advance(Duration::seconds(30));
    assert_eq!(worker.run_once().await.unwrap(), Ran::Retry);
    app.clock.advance(Duration::seconds(59));
    assert_eq!(worker.run_once().await.unwrap(), Ran::Nothing);
    app.clock.advance(Duration::seconds(1));
    assert_eq!(worker.run_once().await.unwrap(), Ran::Done);
    let done: bool =
        sqlx::query_scalar("SELECT done_at IS NOT NULL AND last_error IS NULL FROM jobs")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert!(done);
}

#[tokio::test]
async fn a_job_that_keeps_failing_is_given_up_after_its_attempts() {
    let app = TestApp::spawn().await;
    enqueue(
        &app,
        NewJob::new("test.broken", json!({}), app.clock.now()).max_attempts(2),
    )
    .await;
    let worker = Worker::empty(app.state.clone())
        .handle("test.broken", |_state, _job| async move {
            anyhow::bail!("always broken")
        });
    assert_eq!(worker.run_once().await.unwrap(), Ran::Retry);
    app.clock.advance(Duration::hours(1));
    assert_eq!(worker.run_once().await.unwrap(), Ran::Failed);
    app.clock.advance(Duration::days(1));
    assert_eq!(worker.run_once().await.unwrap(), Ran::Nothing);
    let failed: bool = sqlx::query_scalar("SELECT failed_at IS NOT NULL FROM jobs")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert!(failed);
}

#[tokio::test]
async fn a_panicking_job_does_not_take_the_worker_down() {
    let app = TestApp::spawn().await;
    enqueue(&app, NewJob::new("test.panic", json!({}), app.clock.now())).await;
    let worker = Worker::empty(app.state.clone()).handle("test.panic", |_state, _job| async move {
        if true {
            panic!("boom");
        }
        Ok(())
    });
    assert_eq!(worker.run_once().await.unwrap(), Ran::Retry);
}

#[tokio::test]
async fn a_job_with_a_unique_key_is_enqueued_once() {
    let app = TestApp::spawn().await;
    let job =
        NewJob::new("test.count", json!({}), app.clock.now()).unique("reminder:salon-1:person-2");
    assert!(enqueue(&app, job.clone()).await);
    assert!(!enqueue(&app, job).await);
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM jobs")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(count, 1);
}

#[tokio::test]
async fn a_worker_leaves_kinds_it_does_not_know_to_others() {
    let app = TestApp::spawn().await;
    enqueue(
        &app,
        NewJob::new("test.elsewhere", json!({}), app.clock.now()),
    )
    .await;
    let worker = counting_worker(&app, Arc::default());
    assert_eq!(worker.run_until_idle().await.unwrap(), 0);
    let attempts: i32 = sqlx::query_scalar("SELECT attempts FROM jobs")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(attempts, 0);
}

#[tokio::test]
async fn the_background_worker_runs_new_jobs_and_stops_claiming_on_shutdown() {
    let app = TestApp::spawn().await;
    let runs: Runs = Arc::default();
    let worker = counting_worker(&app, runs.clone());
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let task = tokio::spawn(worker.run(stopped));

    enqueue(&app, NewJob::new("test.count", json!({}), app.clock.now())).await;
    app.state.job_wake.notify_one();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while runs.lock().unwrap().is_empty() {
        assert!(
            std::time::Instant::now() < deadline,
            "the worker did not pick the job up"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }

    stop.send(true).unwrap();
    tokio::time::timeout(std::time::Duration::from_secs(5), task)
        .await
        .expect("worker stops")
        .unwrap();
    enqueue(&app, NewJob::new("test.count", json!({}), app.clock.now())).await;
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    assert_eq!(
        runs.lock().unwrap().len(),
        1,
        "a stopped worker claimed a job"
    );
}

#[tokio::test]
async fn daily_maintenance_removes_expired_sessions_and_schedules_the_next_day() {
    let app = TestApp::spawn().await;
    app.registered_person("Rikke", "rikke@example.dk").await;
    medspil::maintenance::schedule(&app.state).await.unwrap();
    medspil::maintenance::schedule(&app.state).await.unwrap();
    assert_eq!(
        app.run_jobs().await,
        1,
        "scheduled once however often asked"
    );
    let sessions: i64 = sqlx::query_scalar("SELECT count(*) FROM sessions")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(sessions, 1, "a fresh session stays");

    app.clock.advance(Duration::days(15));
    assert_eq!(app.run_jobs().await, 1, "the next day's run");
    let sessions: i64 = sqlx::query_scalar("SELECT count(*) FROM sessions")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(sessions, 0, "an idle session is gone");
    let next: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM jobs WHERE kind = 'maintenance.daily' AND done_at IS NULL",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(next, 1);
}
