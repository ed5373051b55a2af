//! What the operator sees: `/metrics` for Prometheus, and one structured log line per request
//! without personal data.

use chrono::Duration;
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::browser::Browser;
use crate::helpers::cluster::TestDatabase;
use crate::helpers::process::AppProcess;
use crate::helpers::salons::{create_salon, publish, salon_form_at};
use crate::helpers::smtp::SmtpServer;
use crate::helpers::{Options, PASSWORD, TestApp};
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
    // The pool has connections open. Whether one shows as idle or still in use depends on
    // when the last request's connection went back (sqlx returns it in the background).
    let idle = sample(&text, r#"medspil_db_pool_connections{state="idle"}"#);
    let in_use = sample(&text, r#"medspil_db_pool_connections{state="in_use"}"#);
    assert!(idle + in_use >= 1.0, "idle {idle}, in use {in_use}");
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

/// The newest link to `base` in the last mail queued for `email`, as a path.
/// The link to `path` (a prefix) in the newest mail to `email`, waiting for the process's
/// worker to write it (a reset link is written by a job).
async fn link_in_mail(db: &sqlx::PgPool, base: &str, email: &str, path: &str) -> String {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let body: String = sqlx::query_scalar(
            "SELECT body_text FROM outbox WHERE to_address = $1 ORDER BY seq DESC LIMIT 1",
        )
        .bind(email)
        .fetch_one(db)
        .await
        .unwrap();
        let start = body.find(base).expect("a link in the mail");
        let link = body[start..].split_whitespace().next().unwrap();
        let link = link.trim_start_matches(base).to_string();
        if link.starts_with(path) {
            return link;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no mail with a link to {path}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_logs_have_one_line_per_request_and_no_personal_data_or_tokens() {
    let database = TestDatabase::create().await;
    let db = sqlx::PgPool::connect(&database.url).await.unwrap();
    let app = AppProcess::start(
        &database.url,
        &[
            ("MEDSPIL_LOG_FORMAT", "json"),
            ("RUST_LOG", "info,sqlx=warn"),
        ],
    );
    let (name, email) = ("Karen Hemmelighed", "karen.hemmelighed@example.dk");
    let new_password = "en helt ny adgangskode til karen";
    let mut secrets: Vec<String> = vec![
        name.into(),
        email.into(),
        "karen.hemmelighed".into(),
        PASSWORD.into(),
        new_password.into(),
    ];

    // The journey: register, confirm, sign out and in, host a salon, a calendar address,
    // a forgotten password.
    let karen = Browser::new(&app.base);
    let form = [("name", name), ("email", email), ("password", PASSWORD)];
    assert_eq!(karen.post("/register", &form).await.status, 303);
    let confirm = link_in_mail(&db, &app.base, email, "/account/verify/").await;
    secrets.push(confirm.rsplit('/').next().unwrap().to_string());
    assert_eq!(karen.get(&confirm).await.status, 200);
    assert_eq!(karen.post(&confirm, &[]).await.status, 200);
    let sign_in = app.url("/sign-in").parse::<reqwest::Url>().unwrap();
    let signed_in = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(sign_in)
        .header("origin", &app.base)
        .form(&[("email", email), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), 303);
    let cookie = signed_in.headers()["set-cookie"].to_str().unwrap();
    let session = cookie.split(';').next().unwrap().split('=').nth(1).unwrap();
    secrets.push(session.to_string());
    assert_eq!(karen.post("/sign-out", &[]).await.status, 303);
    let again = [("email", email), ("password", PASSWORD)];
    assert_eq!(karen.post("/sign-in", &again).await.status, 303);
    let form = salon_form_at(chrono::Utc::now(), "Karens hemmelige salon", Some(12));
    let salon = create_salon(&karen, &form).await;
    publish(&karen, &salon).await;
    assert_eq!(karen.get(&salon.path).await.status, 200);
    let feed = karen.post("/account/calendar", &[]).await;
    assert_eq!(feed.status, 200);
    let start = feed.body.find("/calendar/").expect("the feed's address");
    let token = feed.body[start + "/calendar/".len()..]
        .split(".ics")
        .next()
        .unwrap()
        .to_string();
    assert_eq!(
        karen.get(&format!("/calendar/{token}.ics")).await.status,
        200
    );
    secrets.push(token);
    assert_eq!(karen.post("/sign-out", &[]).await.status, 303);
    let forgot = [("email", email)];
    assert!(
        karen
            .post("/password/forgot", &forgot)
            .await
            .status
            .is_success()
    );
    let reset = link_in_mail(&db, &app.base, email, "/password/reset/").await;
    secrets.push(reset.rsplit('/').next().unwrap().to_string());
    assert_eq!(karen.get(&reset).await.status, 200);
    let form = [("password", new_password)];
    assert!(karen.post(&reset, &form).await.status.is_redirection());
    let tagged = app.url("/salons").parse::<reqwest::Url>().unwrap();
    let r = karen
        .client
        .get(tagged)
        .header("x-request-id", "journey-check-42")
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["x-request-id"], "journey-check-42");

    // Give the log lines of the last request a moment to be written.
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let output = app.output();
    let lines: Vec<serde_json::Value> = output
        .iter()
        .filter(|l| l.starts_with('{'))
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    let requests: Vec<&serde_json::Value> =
        lines.iter().filter(|l| l["message"] == "request").collect();
    assert!(
        requests.len() >= 16,
        "{} request lines in:\n{}",
        requests.len(),
        output.join("\n")
    );
    let mut ids = std::collections::HashSet::new();
    for r in &requests {
        let span = &r["span"];
        assert!(span["route"].is_string(), "no route in {r}");
        assert!(r["status"].is_u64(), "no status in {r}");
        assert!(r["latency_ms"].is_f64(), "no latency in {r}");
        let id = span["request_id"].as_str().expect("a request id");
        assert!(ids.insert(id.to_string()), "two lines for request {id}");
    }
    let tagged: Vec<_> = requests
        .iter()
        .filter(|r| r["span"]["request_id"] == "journey-check-42")
        .collect();
    assert_eq!(tagged.len(), 1);
    assert_eq!(tagged[0]["span"]["route"], "/salons");
    assert_eq!(tagged[0]["status"], 200);
    assert!(
        requests
            .iter()
            .any(|r| r["span"]["route"] == "/account/verify/{token}"),
        "routes are logged as templates"
    );

    // Every line is one JSON object with each key once (a field named `message` would clash
    // with the event's message).
    for line in output.iter().filter(|l| l.starts_with('{')) {
        let keys = line.matches("\"message\":").count();
        assert_eq!(keys, 1, "a line with {keys} message keys: {line}");
    }
    let all = output.join("\n");
    for secret in &secrets {
        for form in [
            secret.clone(),
            secret.to_lowercase(),
            secret.replace('@', "%40"),
        ] {
            assert!(
                !all.contains(&form),
                "the logs contain {form:?}:\n{}",
                output
                    .iter()
                    .filter(|l| l.contains(&form))
                    .cloned()
                    .collect::<Vec<_>>()
                    .join("\n")
            );
        }
    }
    db.close().await;
}
