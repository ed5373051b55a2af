//! notify(), the outbox, SMTP delivery through a real server, and the dev mailbox.

use chrono::Duration;
use medspil::mail::{self, Attachment, Message, Recipient};
use medspil::tokens::{self, Purpose};
use medspil::web::i18n::Locale;
use reqwest::StatusCode;
use uuid::Uuid;

use crate::helpers::logs::LogCapture;
use crate::helpers::smtp::SmtpServer;
use crate::helpers::{Options, TestApp, text, texts};

const EMAIL: &str = "rikke.berg@example.dk";

async fn a_person(app: &TestApp) -> Uuid {
    let id = Uuid::new_v4();
    sqlx::query(
        "INSERT INTO users (id, email, name, created_at) VALUES ($1, $2, 'Rikke Berg', $3)",
    )
    .bind(id)
    .bind(EMAIL)
    .bind(app.clock.now())
    .execute(&app.db)
    .await
    .unwrap();
    id
}

/// Queues a message with a one-time link, as a feature would; returns the message id and token.
async fn send_welcome(app: &TestApp, to: Uuid, attachments: Vec<Attachment>) -> (Uuid, String) {
    let mut tx = app.db.begin().await.unwrap();
    let now = app.clock.now();
    let token = tokens::issue(
        &mut tx,
        Purpose("test.link"),
        Some(to),
        serde_json::json!({}),
        now,
        Some(Duration::hours(48)),
    )
    .await
    .unwrap();
    let link = app.state.config.link(&format!("/confirm/{token}"));
    let mut message = Message::new(
        "test.welcome",
        "Velkommen til Medspil".into(),
        format!("Hej Rikke\n\nKlik her: {link}\n"),
    );
    message.attachments = attachments;
    let id = mail::notify(&mut tx, now, Recipient::User(to), message)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    (id, token)
}

async fn smtp_app(smtp: &SmtpServer) -> TestApp {
    TestApp::spawn_with(Options {
        env: [("SMTP_URL", smtp.url())].into(),
        ..Default::default()
    })
    .await
}

#[tokio::test]
async fn a_notification_is_delivered_over_smtp_and_marked_sent() {
    let smtp = SmtpServer::start();
    let app = smtp_app(&smtp).await;
    let person = a_person(&app).await;
    let ics = Attachment {
        filename: "salon.ics".into(),
        content_type: "text/calendar; charset=utf-8".into(),
        content: b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".to_vec(),
    };
    let (id, token) = send_welcome(&app, person, vec![ics]).await;

    assert_eq!(app.run_jobs().await, 1);
    let received = smtp.received();
    assert_eq!(received.len(), 1);
    let mail = &received[0];
    assert_eq!(
        mail.header("Message-ID"),
        Some(format!("<{id}@127.0.0.1>").as_str()),
        "the outbox id is the Message-ID"
    );
    assert_eq!(mail.header("To"), Some(EMAIL));
    assert_eq!(mail.header("Subject"), Some("Velkommen til Medspil"));
    assert!(
        mail.text.contains(&app.url(&format!("/confirm/{token}"))),
        "{}",
        mail.text
    );
    assert_eq!(mail.attachments, ["salon.ics"]);

    let sent: bool = sqlx::query_scalar("SELECT sent_at IS NOT NULL FROM outbox WHERE id = $1")
        .bind(id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert!(sent);
    // Delivered once: a second run finds nothing to do.
    assert_eq!(app.run_jobs().await, 0);
    assert_eq!(smtp.messages().len(), 1);
}

#[tokio::test]
async fn mail_is_retried_while_the_smtp_server_is_down() {
    let mut smtp = SmtpServer::start();
    let app = smtp_app(&smtp).await;
    let person = a_person(&app).await;
    smtp.stop();
    let (id, _) = send_welcome(&app, person, vec![]).await;

    assert_eq!(app.run_jobs().await, 1, "one failed attempt");
    let (attempts, sent, error): (i32, bool, Option<String>) = sqlx::query_as(
        "SELECT attempts, sent_at IS NOT NULL, last_error FROM outbox WHERE id = $1",
    )
    .bind(id)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!((attempts, sent), (1, false));
    assert!(error.is_some());

    let back = SmtpServer::start_on(smtp.port);
    assert_eq!(app.run_jobs().await, 0, "not retried before its backoff");
    app.clock.advance(Duration::seconds(30));
    assert_eq!(app.run_jobs().await, 1);
    assert_eq!(back.messages().len(), 1);
    let sent: bool = sqlx::query_scalar("SELECT sent_at IS NOT NULL FROM outbox WHERE id = $1")
        .bind(id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert!(sent);
}

#[tokio::test]
async fn without_smtp_mail_stays_queued_and_shows_in_the_dev_mailbox() {
    let app = TestApp::spawn().await;
    let person = a_person(&app).await;
    let (id, token) = send_welcome(&app, person, vec![]).await;
    assert_eq!(
        app.run_jobs().await,
        0,
        "no process can deliver it, so it waits"
    );

    let page = app.page("/dev/mailbox", StatusCode::OK).await;
    assert_eq!(texts(&page, "tr.message td:nth-child(2)"), [EMAIL]);
    assert_eq!(texts(&page, "tr.message td:nth-child(5)"), ["i kø"]);
    let page = app
        .page(&format!("/dev/mailbox/{id}"), StatusCode::OK)
        .await;
    assert_eq!(text(&page, "h1"), "Velkommen til Medspil");
    let link = crate::helpers::attr(&page, ".mail-body a", "href").unwrap();
    assert!(link.ends_with(&format!("/confirm/{token}")));
}

#[tokio::test]
async fn the_dev_mailbox_does_not_exist_unless_enabled() {
    let app = TestApp::spawn_with(Options {
        env: [("MEDSPIL_DEV_MAILBOX", "0".to_string())].into(),
        ..Default::default()
    })
    .await;
    assert_eq!(
        app.get("/dev/mailbox").await.status(),
        StatusCode::NOT_FOUND
    );
    let app = TestApp::spawn_with(Options {
        env: [("MEDSPIL_BASE_URL", "https://medspil.example".to_string())].into(),
        ..Default::default()
    })
    .await;
    assert_eq!(
        app.get("/dev/mailbox").await.status(),
        StatusCode::NOT_FOUND,
        "never over https"
    );
}

#[tokio::test]
async fn a_message_to_an_address_uses_the_given_language() {
    let app = TestApp::spawn().await;
    let mut conn = app.db.acquire().await.unwrap();
    let to = Recipient::Address {
        email: "nabo@example.dk".into(),
        locale: Locale::En,
    };
    assert_eq!(
        mail::recipient_locale(&mut conn, &to).await.unwrap(),
        Locale::En
    );
    let id = mail::notify(
        &mut conn,
        app.clock.now(),
        to,
        Message::new("test.hello", "Hello".into(), "Hi".into()),
    )
    .await
    .unwrap();
    let locale: String = sqlx::query_scalar("SELECT locale FROM outbox WHERE id = $1")
        .bind(id)
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    assert_eq!(locale, "en");
}

#[tokio::test]
async fn a_token_works_once_and_not_after_it_expires() {
    let app = TestApp::spawn().await;
    let person = a_person(&app).await;
    let mut conn = app.db.acquire().await.unwrap();
    let now = app.clock.now();
    let purpose = Purpose("test.link");
    let token = tokens::issue(
        &mut conn,
        purpose,
        Some(person),
        serde_json::json!({"x": 1}),
        now,
        Some(Duration::hours(1)),
    )
    .await
    .unwrap();
    // Looking does not use it up; the wrong purpose never works.
    assert!(
        tokens::peek(&mut conn, purpose, &token, now)
            .await
            .unwrap()
            .is_some()
    );
    assert!(
        tokens::consume(&mut conn, Purpose("other"), &token, now)
            .await
            .unwrap()
            .is_none()
    );
    let used = tokens::consume(&mut conn, purpose, &token, now)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(used.user_id, Some(person));
    assert!(
        tokens::consume(&mut conn, purpose, &token, now)
            .await
            .unwrap()
            .is_none()
    );

    let late = tokens::issue(
        &mut conn,
        purpose,
        None,
        serde_json::json!({}),
        now,
        Some(Duration::hours(1)),
    )
    .await
    .unwrap();
    assert!(
        tokens::consume(&mut conn, purpose, &late, now + Duration::hours(1))
            .await
            .unwrap()
            .is_none()
    );
    let (plain, hashed): (i64, i64) = sqlx::query_as(
        "SELECT count(*) FILTER (WHERE hash = convert_to($1, 'UTF8')),
                count(*) FILTER (WHERE hash = sha256(convert_to($1, 'UTF8'))) FROM tokens",
    )
    .bind(&token)
    .fetch_one(&mut *conn)
    .await
    .unwrap();
    assert_eq!((plain, hashed), (0, 1), "only the token's hash is stored");
}

#[tokio::test]
async fn logs_of_sending_mail_hold_no_address_and_no_token() {
    let captured = LogCapture::start();
    let mut smtp = SmtpServer::start();
    let app = smtp_app(&smtp).await;
    let person = a_person(&app).await;
    let (_, token) = send_welcome(&app, person, vec![]).await;
    assert_eq!(app.run_jobs().await, 1);
    // A failed delivery, and a request carrying the token in its path and query.
    smtp.stop();
    send_welcome(&app, person, vec![]).await;
    app.run_jobs().await;
    app.get(&format!("/confirm/{token}?token={token}&email={EMAIL}"))
        .await;

    let logs = captured.text();
    assert!(logs.contains("mail sent"), "the logs were captured: {logs}");
    assert!(
        logs.contains("route=\"unmatched\""),
        "requests are logged by route: {logs}"
    );
    assert!(
        !logs.contains(EMAIL),
        "an address reached the logs:\n{logs}"
    );
    assert!(!logs.contains(&token), "a token reached the logs:\n{logs}");
}
