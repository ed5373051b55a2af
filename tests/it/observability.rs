//! What the operator sees: `/metrics` for Prometheus, and one structured log line per request
//! without personal data.

use chrono::Duration;
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::smtp::SmtpServer;
use crate::helpers::{Options, TestApp};
use medspil::jobs::{self, NewJob};

const TOKEN: &str = "scrape-token-for-the-test-0123";

async fn scrape(app: &TestApp) -> String {
    let r = app
        .client
        .get(app.url("/metrics"))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain; version=0.0.4")
    );
    r.text().await.unwrap()
}

/// The value of the sample named exactly `series` (name and labels).
fn sample(text: &str, series: &str) -> f64 {
    text.lines()
        .find_map(|l| l.strip_prefix(series)?.strip_prefix(' '))
        .unwrap_or_else(|| panic!("no sample {series} in:\n{text}"))
        .parse()
        .unwrap()
}

#[tokio::test]
async fn without_a_token_there_is_no_metrics_page() {
    let app = TestApp::spawn().await;
    assert_eq!(app.get("/metrics").await.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn metrics_need_the_token_and_show_requests_pool_jobs_and_mail() {
    let mut smtp = SmtpServer::start();
    let app = TestApp::spawn_with(Options {
        env: [
            ("MEDSPIL_METRICS_TOKEN", TOKEN.to_string()),
            ("SMTP_URL", smtp.url()),
        ]
        .into(),
        ..Default::default()
    })
    .await;
    assert_eq!(app.get("/metrics").await.status(), StatusCode::UNAUTHORIZED);
    let wrong = app
        .client
        .get(app.url("/metrics"))
        .bearer_auth("scrape-token-for-the-test-0124")
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);

    // Requests on a page, on a salon that does not exist, and on no route at all.
    assert_eq!(app.get("/salons").await.status(), StatusCode::OK);
    assert_eq!(app.get("/salons").await.status(), StatusCode::OK);
    let missing = "/salons/0b6e1c37-3f1c-4c52-9d89-8e1f1f7f0a11-secret-slug";
    assert_eq!(app.get(missing).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        app.get("/no/such/page?token=abc").await.status(),
        StatusCode::NOT_FOUND
    );
    // A mail delivered, one that fails, and a job waiting five minutes.
    app.registered_person("Mette", "mette@example.dk").await;
    app.run_jobs().await;
    smtp.stop();
    app.browser()
        .post("/password/forgot", &[("email", "mette@example.dk")])
        .await;
    app.run_jobs().await;
    let mut conn = app.db.acquire().await.unwrap();
    let due = NewJob::new(
        "test.nobody-handles-this",
        json!({}),
        app.clock.now() - Duration::minutes(5),
    );
    jobs::enqueue(&mut conn, due, app.clock.now())
        .await
        .unwrap();
    drop(conn);

    let text = scrape(&app).await;
    let salons = r#"{route="/salons",method="GET",status="200"}"#;
    assert_eq!(
        sample(&text, &format!("medspil_http_requests_total{salons}")),
        2.0
    );
    assert_eq!(
        sample(
            &text,
            &format!("medspil_http_request_duration_seconds_count{salons}")
        ),
        2.0
    );
    let inf = r#"{route="/salons",method="GET",status="200",le="+Inf"}"#;
    assert_eq!(
        sample(
            &text,
            &format!("medspil_http_request_duration_seconds_bucket{inf}")
        ),
        2.0
    );
    assert_eq!(
        sample(
            &text,
            r#"medspil_http_requests_total{route="/salons/{key}",method="GET",status="404"}"#
        ),
        1.0
    );
    assert_eq!(
        sample(
            &text,
            r#"medspil_http_requests_total{route="unmatched",method="GET",status="404"}"#
        ),
        1.0
    );
    assert!(
        !text.contains("secret-slug") && !text.contains("0b6e1c37") && !text.contains("token=abc"),
        "a raw path reached the metrics"
    );
    // The pool: the scrape itself holds no connection once answered, some are idle.
    assert!(sample(&text, r#"medspil_db_pool_connections{state="idle"}"#) >= 1.0);
    sample(&text, r#"medspil_db_pool_connections{state="in_use"}"#);
    assert_eq!(sample(&text, "medspil_database_up"), 1.0);
    assert!(sample(&text, "medspil_jobs_due") >= 1.0);
    assert_eq!(
        sample(&text, "medspil_jobs_oldest_due_age_seconds"),
        300.0,
        "the test clock stands still: the oldest due job waited exactly five minutes"
    );
    assert_eq!(sample(&text, "medspil_mails_sent_total"), 1.0);
    assert_eq!(sample(&text, "medspil_mails_failed_total"), 1.0);
}
