//! Linking a provider's login to an existing account by a mailed link: against the real
//! `oidc-provider` and the real SMTP server the mail tests use.

use reqwest::StatusCode;

use crate::helpers::browser::{Browser, Response};
use crate::helpers::logs::LogCapture;
use crate::helpers::oidc::{RealProvider, app_with_real_provider_and, login_at_provider, on_app};
use crate::helpers::smtp::SmtpServer;
use crate::helpers::{TestApp, text, texts};

const SUBSTANTIAL: &str = "urn:grn:authn:dk:mitid:substantial";

/// Anna's account comes from MitID (no password); she now signs in with the municipality's
/// login, which vouches for the same address: she is asked to prove the account is hers.
async fn anna_at_the_link_page(app: &TestApp) -> Browser {
    let first = app.browser();
    let callback = login_at_provider(&first, "broker", "anna", SUBSTANTIAL).await;
    first.get(&on_app(&callback)).await;
    let anna = app.browser();
    let callback = login_at_provider(&anna, "staff", "anna", SUBSTANTIAL).await;
    let r = anna.get(&on_app(&callback)).await;
    assert_eq!(r.location.as_deref(), Some("/sign-in/link"), "{}", r.body);
    anna
}

/// The path of the link in the newest mail the SMTP server received.
fn link_in_smtp(smtp: &SmtpServer, app: &TestApp) -> String {
    let mails = smtp.received();
    let mail = mails
        .iter()
        .find(|m| m.text.contains("/sign-in/link/mail/"))
        .expect("the link's mail arrived");
    let start = mail.text.find(&app.address).expect("a link to the app");
    let link = mail.text[start..].split_whitespace().next().unwrap();
    link.trim_start_matches(&app.address).to_string()
}

async fn staff_links(app: &TestApp) -> i64 {
    sqlx::query_scalar(
        "SELECT count(*) FROM account_logins l JOIN users u ON u.id = l.user_id
         WHERE l.provider = 'staff' AND l.subject = 'anna' AND u.email = 'anna@example.dk'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap()
}

#[track_caller]
fn gone(r: &Response) {
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    assert!(text(&r.html, "#oidc-problem").contains("Linket er udløbet"));
}

async fn smtp_app(smtp: &SmtpServer) -> Option<(TestApp, RealProvider)> {
    app_with_real_provider_and(vec![("SMTP_URL".to_string(), smtp.url())]).await
}

#[tokio::test]
async fn a_mailed_link_links_the_login_once_in_the_browser_that_asked() {
    let captured = LogCapture::start();
    let smtp = SmtpServer::start();
    let Some((app, _provider)) = smtp_app(&smtp).await else {
        return;
    };
    let anna = anna_at_the_link_page(&app).await;
    // No password to type: the mailed link is the only way.
    let page = anna.get("/sign-in/link").await;
    assert!(texts(&page.html, "input[name=password]").is_empty());
    let sent = anna.post("/sign-in/link/mail", &[]).await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    assert!(text(&sent.html, "#oidc-link-sent").contains("anna@example.dk"));
    app.run_jobs().await;
    let link = link_in_smtp(&smtp, &app);
    let token = link.rsplit('/').next().unwrap().to_string();

    // Opened in another browser (the owner's phone, or someone who never asked): nothing.
    let elsewhere = app.browser();
    gone(&elsewhere.get(&link).await);
    gone(&elsewhere.post(&link, &[]).await);
    assert_eq!(staff_links(&app).await, 0);

    // In the browser that asked: a page with a button, then linked and signed in.
    anna.get(&link)
        .await
        .expect_page("Forbind dit login med din konto");
    let used = anna.post(&link, &[]).await;
    assert_eq!(used.status, StatusCode::SEE_OTHER, "{}", used.body);
    assert_eq!(staff_links(&app).await, 1);
    assert_eq!(anna.get("/account").await.status, StatusCode::OK);
    // Once only.
    gone(&anna.post(&link, &[]).await);

    let logs = captured.text();
    // The test's own HTML parsing logs what it parses: only the app's lines count.
    let leaks: Vec<&str> = logs
        .lines()
        .filter(|l| !l.contains(" html5ever::") && !l.contains(" selectors::"))
        .filter(|l| l.contains(&token))
        .collect();
    assert!(logs.contains("mail sent"), "the logs were captured");
    assert!(
        leaks.is_empty(),
        "the link's token reached the logs: {leaks:#?}"
    );
}

#[tokio::test]
async fn an_expired_link_by_the_apps_clock_is_refused() {
    let smtp = SmtpServer::start();
    let Some((app, _provider)) = smtp_app(&smtp).await else {
        return;
    };
    let anna = anna_at_the_link_page(&app).await;
    anna.post("/sign-in/link/mail", &[]).await;
    app.run_jobs().await;
    let link = link_in_smtp(&smtp, &app);
    app.clock.advance(chrono::Duration::minutes(16));
    gone(&anna.get(&link).await);
    gone(&anna.post(&link, &[]).await);
    assert_eq!(staff_links(&app).await, 0);
    assert_ne!(anna.get("/account").await.status, StatusCode::OK);
}

#[tokio::test]
async fn an_account_with_a_password_is_offered_both_ways() {
    let smtp = SmtpServer::start();
    let Some((app, _provider)) = smtp_app(&smtp).await else {
        return;
    };
    app.verified_person("Carl Borger", "carl@example.dk").await;
    let carl = app.browser();
    let callback = login_at_provider(&carl, "broker", "carl", SUBSTANTIAL).await;
    carl.get(&on_app(&callback)).await;
    let page = carl.get("/sign-in/link").await;
    assert_eq!(texts(&page.html, "input[name=password]").len(), 1);
    assert_eq!(
        texts(&page.html, "form[action='/sign-in/link/mail'] button"),
        vec!["Send mig et link".to_string()]
    );
}
