//! Faults an operator meets: slow clients, a stop in the middle of work, a database that goes
//! away. The server answers what it can, says what it cannot, and never falls over.

use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use reqwest::StatusCode;
use scraper::Html;

use crate::helpers::cluster::{PrivateCluster, TestDatabase};
use crate::helpers::process::AppProcess;
use crate::helpers::{Options, PASSWORD, TestApp, text};

/// How many slow connections the slow-client test opens: enough to matter, bounded so the test
/// stays a test (on loopback only).
const SLOW_CONNECTIONS: usize = 200;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_clients_are_cut_off_after_the_header_timeout_while_others_are_served() {
    let app = TestApp::spawn_with(Options {
        env: [("MEDSPIL_HEADER_TIMEOUT", "1".to_string())].into(),
        ..Default::default()
    })
    .await;
    let addr = app.address.trim_start_matches("http://").to_string();
    let started = Instant::now();
    let mut slow = Vec::new();
    for i in 0..SLOW_CONNECTIONS {
        let addr = addr.clone();
        slow.push(tokio::spawn(async move {
            let stream = TcpStream::connect(&addr).await.expect("connect");
            let (mut read, mut write) = stream.into_split();
            // Headers that never end, a byte every 50 ms; every tenth connection says nothing.
            let writer = tokio::spawn(async move {
                if i % 10 == 0 {
                    // Dropping the write half would send FIN: keep it open, silently.
                    tokio::time::sleep(Duration::from_secs(10)).await;
                    drop(write);
                    return;
                }
                let head = b"GET / HTTP/1.1\r\nHost: medspil\r\nX-Slow: ";
                let bytes = head.iter().chain(std::iter::repeat(&b'a')).take(200);
                for byte in bytes {
                    if write.write_all(&[*byte]).await.is_err() {
                        return;
                    }
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            });
            let mut answer = Vec::new();
            // Closed (EOF or reset) by the server, or still open after 5 s.
            let closed =
                tokio::time::timeout(Duration::from_secs(5), read.read_to_end(&mut answer))
                    .await
                    .is_ok();
            writer.abort();
            (closed, started.elapsed())
        }));
    }

    // While they hang on, a visitor is served at once.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let asked = Instant::now();
    assert_eq!(app.get("/salons").await.status(), 200);
    assert!(
        asked.elapsed() < Duration::from_secs(2),
        "a normal request took {:?} beside slow clients",
        asked.elapsed()
    );

    for task in slow {
        let (closed, after) = task.await.unwrap();
        assert!(closed, "a slow connection was still open after 5 s");
        assert!(
            after >= Duration::from_millis(900),
            "a slow connection was closed after {after:?}, before the header timeout"
        );
    }
    // And the server still serves afterwards.
    assert_eq!(app.get("/healthz").await.status(), 200);
}

/// Opens a connection to `app` and sends a sign-in form's headers and the first bytes of its
/// body: a request the server has begun and cannot finish until the rest arrives.
async fn begin_slow_sign_in(app: &AppProcess, body: &str) -> TcpStream {
    let addr = app.base.trim_start_matches("http://");
    let mut conn = TcpStream::connect(addr).await.expect("connect");
    let head = format!(
        "POST /sign-in HTTP/1.1\r\nHost: {addr}\r\nOrigin: {}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n",
        app.base,
        body.len()
    );
    conn.write_all(head.as_bytes()).await.unwrap();
    conn.write_all(&body.as_bytes()[..10]).await.unwrap();
    conn
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_sigterm_requests_in_flight_finish_the_worker_stops_claiming_and_the_process_exits_in_time()
 {
    // Long enough for the request in flight to finish on a machine busy with other work (its
    // body arrives ~2 s after the signal, then a password hash); the stuck one is cut at the
    // timeout, which is what the exit is measured against.
    const TIMEOUT_SECS: u64 = 6;
    let database = TestDatabase::create().await;
    let db = sqlx::PgPool::connect(&database.url).await.unwrap();
    let timeout = TIMEOUT_SECS.to_string();
    let mut app = AppProcess::start(
        &database.url,
        &[("MEDSPIL_SHUTDOWN_TIMEOUT", timeout.as_str())],
    );
    assert_eq!(
        reqwest::get(app.url("/healthz")).await.unwrap().status(),
        200
    );

    let body = "email=nobody%40example.dk&password=ikke-den-rigtige";
    let mut in_flight = begin_slow_sign_in(&app, body).await;
    // A second request that never finishes: it may not hold the process past the timeout.
    let _stuck = begin_slow_sign_in(&app, body).await;
    tokio::time::sleep(Duration::from_millis(200)).await;

    app.sigterm();
    let signalled = Instant::now();
    // The listener closes as soon as the signal is handled; on a busy machine that may take
    // longer than a fixed pause, so ask until it refuses, for at most 2 s.
    let addr = app.base.trim_start_matches("http://").to_string();
    let mut refused = false;
    while signalled.elapsed() < Duration::from_secs(2) {
        tokio::time::sleep(Duration::from_millis(100)).await;
        if TcpStream::connect(&addr).await.is_err() {
            refused = true;
            break;
        }
    }
    assert!(refused, "still accepting new connections 2 s after SIGTERM");

    // A job falls due after the signal: this process must leave it for another.
    sqlx::query(
        "INSERT INTO jobs (kind, unique_key, run_at, created_at) \
         VALUES ('maintenance.daily', 'after-sigterm', now() - interval '1 minute', now())",
    )
    .execute(&db)
    .await
    .unwrap();
    // Longer than the worker's poll interval.
    tokio::time::sleep(Duration::from_millis(1300)).await;

    in_flight
        .write_all(&body.as_bytes()[10..])
        .await
        .expect("the in-flight request's connection is still open");
    let mut answer = Vec::new();
    tokio::time::timeout(Duration::from_secs(5), in_flight.read_to_end(&mut answer))
        .await
        .expect("the in-flight request was answered")
        .unwrap();
    let answer = String::from_utf8_lossy(&answer);
    let status_line = answer.lines().next().unwrap_or_default();
    assert!(
        status_line.starts_with("HTTP/1.1 2") || status_line.starts_with("HTTP/1.1 4"),
        "the in-flight request got {status_line:?}"
    );
    assert!(answer.contains("</html>"), "the answer was cut short");

    let status = app
        .wait_for_exit(Duration::from_secs(5))
        .expect("the process did not exit");
    assert!(status.success(), "medspil exited with {status}");
    let took = signalled.elapsed();
    assert!(
        took < Duration::from_secs(TIMEOUT_SECS) + Duration::from_millis(1500),
        "exit took {took:?} with MEDSPIL_SHUTDOWN_TIMEOUT={TIMEOUT_SECS}"
    );
    let attempts: i32 =
        sqlx::query_scalar("SELECT attempts FROM jobs WHERE unique_key = 'after-sigterm'")
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!(attempts, 0, "the worker claimed a job after SIGTERM");
    db.close().await;
}

/// Registers `email` through the form; the status the visitor saw.
async fn register(app: &TestApp, email: &str) -> StatusCode {
    app.browser()
        .post(
            "/register",
            &[
                ("name", "Ny Borger"),
                ("email", email),
                ("password", PASSWORD),
            ],
        )
        .await
        .status
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn when_the_database_stops_pages_say_so_and_everything_acknowledged_survives_its_return() {
    let mut cluster = PrivateCluster::start().await;
    // Short: pages must answer 503 soon after the database stops.
    let app = TestApp::spawn_with(Options {
        database_url: Some(cluster.url()),
        acquire_timeout: Some(Duration::from_secs(2)),
        env: [(
            "MEDSPIL_METRICS_TOKEN",
            "scrape-token-for-the-outage".to_string(),
        )]
        .into(),
        ..Default::default()
    })
    .await;
    assert_eq!(app.get("/healthz").await.status(), StatusCode::OK);
    assert_eq!(app.get("/readyz").await.status(), StatusCode::OK);
    let rikke = app.registered_person("Rikke", "rikke@example.dk").await;
    let mut acknowledged = Vec::new();
    for i in 0..5 {
        let email = format!("borger{i}@example.dk");
        assert_eq!(register(&app, &email).await, StatusCode::SEE_OTHER);
        acknowledged.push(email);
    }

    tokio::task::block_in_place(|| cluster.stop());
    let started = Instant::now();
    assert_eq!(
        app.get("/readyz").await.status(),
        StatusCode::SERVICE_UNAVAILABLE
    );
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "readyz took {:?}",
        started.elapsed()
    );
    // Pages say so in the frame, without internals; a form is refused, not half-done.
    let response = app.get("/municipalities").await;
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(
        response.headers()["retry-after"],
        "5",
        "a 503 says when to try again"
    );
    let api = app.get("/api/v1/salons").await;
    assert_eq!(api.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(api.headers()["retry-after"], "5");
    let page = Html::parse_document(&response.text().await.unwrap());
    assert_eq!(text(&page, "h1"), "Medspil er midlertidigt utilgængelig");
    assert_eq!(
        register(&app, "under-udfaldet@example.dk").await,
        StatusCode::SERVICE_UNAVAILABLE
    );
    // Many at once: every one answered 503 within the pool's wait, none fails otherwise.
    let burst: Vec<_> = [
        "/",
        "/salons",
        "/account",
        "/municipalities/skanderborg",
        "/sign-in",
    ]
    .iter()
    .cycle()
    .take(20)
    .map(|path| {
        let browser = rikke.clone();
        tokio::spawn(async move { browser.get(path).await.status })
    })
    .collect();
    for request in burst {
        let status = request.await.expect("a request panicked");
        assert!(
            status == StatusCode::SERVICE_UNAVAILABLE || status.is_success(),
            "{status} while the database was down"
        );
    }
    assert!(started.elapsed() < Duration::from_secs(15));
    assert_eq!(app.get("/healthz").await.status(), StatusCode::OK);
    let metrics = app
        .client
        .get(app.url("/metrics"))
        .bearer_auth("scrape-token-for-the-outage")
        .send()
        .await
        .unwrap();
    assert_eq!(metrics.status(), StatusCode::OK, "metrics still scrape");
    assert!(
        metrics
            .text()
            .await
            .unwrap()
            .contains("medspil_database_up 0")
    );

    // Back: the server recovers by itself, and nothing it acknowledged is lost.
    tokio::task::block_in_place(|| cluster.restart());
    let mut ready = false;
    for _ in 0..50 {
        if app.get("/readyz").await.status() == StatusCode::OK {
            ready = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(ready, "readyz did not recover after the database came back");
    assert_eq!(app.get("/municipalities").await.status(), StatusCode::OK);
    assert_eq!(
        rikke.get("/account").await.status,
        StatusCode::OK,
        "the session survived"
    );
    for email in &acknowledged {
        let mails: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM users u JOIN outbox o ON o.to_user = u.id WHERE u.email = $1",
        )
        .bind(email)
        .fetch_one(&app.db)
        .await
        .unwrap();
        assert_eq!(mails, 1, "{email}'s account and confirmation mail survived");
    }
    let refused: i64 =
        sqlx::query_scalar("SELECT count(*) FROM users WHERE email = 'under-udfaldet@example.dk'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(refused, 0, "a refused registration left nothing behind");
}
