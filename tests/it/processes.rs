//! Several Medspil processes on one database, as behind a load balancer: all state is in
//! PostgreSQL, so any process serves any request, and background work is done once.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use sqlx::PgPool;

use crate::helpers::PASSWORD;
use crate::helpers::cluster::TestDatabase;
use crate::helpers::process::AppProcess;
use crate::helpers::smtp::SmtpServer;
use medspil::database::MIGRATOR;

/// The public address both processes sit behind (a reverse proxy's); forms carry it as their
/// `Origin`, as a browser would.
const PUBLIC: &str = "http://medspil.test";

/// One browser that the load balancer sends now to one process, now to the other.
struct Visitor {
    client: reqwest::Client,
}

impl Visitor {
    fn new() -> Visitor {
        Visitor {
            client: reqwest::Client::builder()
                .cookie_store(true)
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
        }
    }

    async fn post(&self, app: &AppProcess, path: &str, form: &[(&str, &str)]) -> StatusCode {
        self.client
            .post(app.url(path))
            .header("origin", PUBLIC)
            .form(form)
            .send()
            .await
            .expect("POST")
            .status()
    }

    async fn get(&self, app: &AppProcess, path: &str) -> (StatusCode, String) {
        let r = self.client.get(app.url(path)).send().await.expect("GET");
        (r.status(), r.text().await.unwrap())
    }

    async fn register(&self, app: &AppProcess, name: &str, email: &str) {
        let form = [("name", name), ("email", email), ("password", PASSWORD)];
        assert_eq!(
            self.post(app, "/register", &form).await,
            StatusCode::SEE_OTHER,
            "registering {email}"
        );
    }
}

/// Waits until every queued mail is marked sent; returns how many there are.
async fn all_mail_sent(db: &PgPool) -> i64 {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let (total, unsent): (i64, i64) =
            sqlx::query_as("SELECT count(*), count(*) FILTER (WHERE sent_at IS NULL) FROM outbox")
                .fetch_one(db)
                .await
                .unwrap();
        if unsent == 0 {
            return total;
        }
        assert!(
            Instant::now() < deadline,
            "{unsent} of {total} mails were still unsent after 20 s"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Every received message's `Message-ID` is distinct, and there are `expected` of them.
fn received_exactly_once(smtp: &SmtpServer, expected: i64) {
    let received = smtp.received();
    let ids: HashSet<String> = received
        .iter()
        .map(|m| m.header("Message-ID").expect("a Message-ID").to_string())
        .collect();
    assert_eq!(ids.len(), received.len(), "a mail was delivered twice");
    assert_eq!(received.len() as i64, expected, "mails received");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_share_sessions_deliver_each_mail_once_and_survive_each_other() {
    let database = TestDatabase::create().await;
    let db = PgPool::connect(&database.url).await.unwrap();
    let smtp = SmtpServer::start();
    let env = [
        ("SMTP_URL", smtp.url()),
        ("MEDSPIL_BASE_URL", PUBLIC.to_string()),
        ("MEDSPIL_SHUTDOWN_TIMEOUT", "3".to_string()),
    ];
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let mut a = AppProcess::start(&database.url, &env);
    let b = AppProcess::start(&database.url, &env);

    // Signed in through one process, known to the other.
    let rikke = Visitor::new();
    rikke.register(&a, "Rikke Borger", "rikke@example.dk").await;
    let sign_in = [("email", "rikke@example.dk"), ("password", PASSWORD)];
    assert_eq!(
        rikke.post(&a, "/sign-in", &sign_in).await,
        StatusCode::SEE_OTHER
    );
    let (status, page) = rikke.get(&b, "/account").await;
    assert_eq!(status, StatusCode::OK, "the session from A is unknown to B");
    assert!(page.contains("Rikke Borger"));

    // People register through both; both workers deliver, and every mail goes out once.
    for i in 0..10 {
        let via = if i % 2 == 0 { &a } else { &b };
        Visitor::new()
            .register(
                via,
                &format!("Borger {i}"),
                &format!("borger{i}@example.dk"),
            )
            .await;
    }
    let queued = all_mail_sent(&db).await;
    assert_eq!(queued, 11, "one confirmation mail per registration");
    received_exactly_once(&smtp, queued);
    let retried: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM jobs WHERE kind = 'mail.send' AND (attempts <> 1 OR done_at IS NULL)",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(retried, 0, "every mail job ran exactly once");

    // One process stops; the other serves the same people on.
    a.stop(Duration::from_secs(5));
    let (status, _) = rikke.get(&b, "/account").await;
    assert_eq!(status, StatusCode::OK);
    Visitor::new()
        .register(&b, "Efter Stoppet", "efter@example.dk")
        .await;
    assert_eq!(all_mail_sent(&db).await, 12);
    received_exactly_once(&smtp, 12);
    drop(b);
    db.close().await;
}

#[tokio::test]
async fn a_process_starts_on_a_database_that_a_newer_version_has_migrated() {
    let database = TestDatabase::create().await;
    let db = PgPool::connect(&database.url).await.unwrap();
    // What the next release's migration leaves behind: a row this version has no file for.
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
         VALUES (99990101000000, 'from a newer release', true, '\\x00', 1)",
    )
    .execute(&db)
    .await
    .unwrap();
    MIGRATOR
        .run(&db)
        .await
        .expect("the migrator refused a database migrated by a newer release");
    let app = AppProcess::start(&database.url, &[]);
    let r = reqwest::get(app.url("/readyz")).await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    db.close().await;
}
