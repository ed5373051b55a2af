//! A fresh sign-in through a linked provider stands in for the password of an account that has
//! none: against the real `oidc-provider`, with the app's clock deciding what is fresh.

use reqwest::StatusCode;

use crate::helpers::browser::{Browser, Response};
use crate::helpers::oidc::{app_with_real_provider, login_at_provider, on_app, through_provider};
use crate::helpers::{TestApp, text, texts};

const SUBSTANTIAL: &str = "urn:grn:authn:dk:mitid:substantial";

/// Anna signs in with MitID for the first time: an account without a password.
async fn passwordless_anna(app: &TestApp) -> Browser {
    let anna = app.browser();
    let callback = login_at_provider(&anna, "broker", "anna", SUBSTANTIAL).await;
    let r = anna.get(&on_app(&callback)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    anna
}

/// Posts an account form that asks for a fresh sign-in, checks the provider is asked to
/// authenticate again, signs in there as `login`, and returns the app's callback (not opened).
async fn confirm_at_provider(
    browser: &Browser,
    path: &str,
    form: &[(&str, &str)],
    login: &str,
) -> String {
    let start = browser.post(path, form).await;
    assert_eq!(start.status, StatusCode::SEE_OTHER, "{}", start.body);
    let url = start.location.expect("off to the provider");
    let parsed = url::Url::parse(&url).unwrap();
    let param = |name: &str| {
        parsed
            .query_pairs()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    };
    assert_eq!(param("prompt").as_deref(), Some("login"), "{url}");
    assert_eq!(param("max_age").as_deref(), Some("0"), "{url}");
    through_provider(browser, url, login, SUBSTANTIAL).await
}

async fn deleted(app: &TestApp, email: &str) -> bool {
    let left: i64 = sqlx::query_scalar("SELECT count(*) FROM users WHERE lower(email) = $1")
        .bind(email)
        .fetch_one(&app.db)
        .await
        .unwrap();
    left == 0
}

/// The friendly page, and the account page still there.
#[track_caller]
fn refused_kindly(r: &Response, message: &str) {
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    assert_eq!(text(&r.html, "h1"), "Log ind lykkedes ikke");
    assert!(
        text(&r.html, "#oidc-problem").contains(message),
        "{}",
        r.body
    );
}

#[tokio::test]
async fn an_account_without_a_password_deletes_itself_after_a_fresh_sign_in() {
    let Some((app, _provider)) = app_with_real_provider().await else {
        return;
    };
    let anna = passwordless_anna(&app).await;
    let account = anna.get("/account").await;
    // No password field to fill: a button to confirm with the linked login instead.
    assert!(
        texts(
            &account.html,
            "form[action='/account/delete'] input[name=current_password]"
        )
        .is_empty()
    );
    assert_eq!(
        texts(
            &account.html,
            "form[action='/account/delete'] button[name=provider]"
        ),
        vec!["Bekræft med MitID".to_string()]
    );
    // Nor a password form that could never pass: a link to choose a first password instead.
    assert!(texts(&account.html, "form[action='/account/password']").is_empty());
    assert_eq!(texts(&account.html, "#password-none a").len(), 1);

    let callback =
        confirm_at_provider(&anna, "/account/delete", &[("provider", "broker")], "anna").await;
    let back = anna.get(&on_app(&callback)).await;
    assert_eq!(
        back.location.as_deref(),
        Some("/account/confirm"),
        "{}",
        back.body
    );
    // Nothing happens on the provider's redirect: the confirm page posts the deletion.
    assert!(!deleted(&app, "anna@example.dk").await);
    let page = anna.get("/account/confirm").await;
    page.expect_page("Du har bekræftet, at det er dig");
    let done = anna.post("/account/confirm", &[("kind", "delete")]).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert!(deleted(&app, "anna@example.dk").await);
    let logins: i64 = sqlx::query_scalar("SELECT count(*) FROM account_logins")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(logins, 0);
}

#[tokio::test]
async fn a_sign_in_older_than_the_window_by_the_apps_clock_is_refused() {
    let Some((app, _provider)) = app_with_real_provider().await else {
        return;
    };
    let anna = passwordless_anna(&app).await;
    let callback =
        confirm_at_provider(&anna, "/account/delete", &[("provider", "broker")], "anna").await;
    // The provider authenticated Anna now; by the time the app hears of it, six minutes passed.
    app.clock.advance(chrono::Duration::minutes(6));
    let r = anna.get(&on_app(&callback)).await;
    refused_kindly(&r, "ikke nyt nok");
    let confirm = anna.post("/account/confirm", &[("kind", "delete")]).await;
    assert_eq!(confirm.status, StatusCode::BAD_REQUEST);
    assert!(!deleted(&app, "anna@example.dk").await);
}

#[tokio::test]
async fn a_fresh_sign_in_by_another_person_is_refused() {
    let Some((app, _provider)) = app_with_real_provider().await else {
        return;
    };
    let anna = passwordless_anna(&app).await;
    // Carl signs in at the provider in Anna's browser: a real login, but not Anna's.
    let callback =
        confirm_at_provider(&anna, "/account/delete", &[("provider", "broker")], "carl").await;
    let r = anna.get(&on_app(&callback)).await;
    refused_kindly(&r, "hører ikke til denne konto");
    let confirm = anna.get("/account/confirm").await;
    assert_eq!(confirm.status, StatusCode::BAD_REQUEST);
    assert!(!deleted(&app, "anna@example.dk").await);
    // Carl's login was not linked to anything, and Anna is still herself.
    let carl: i64 =
        sqlx::query_scalar("SELECT count(*) FROM account_logins WHERE subject = 'carl'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(carl, 0);
    assert_eq!(anna.get("/account").await.status, StatusCode::OK);
}

#[tokio::test]
async fn an_account_without_a_password_changes_its_email_after_a_fresh_sign_in() {
    let Some((app, _provider)) = app_with_real_provider().await else {
        return;
    };
    let anna = passwordless_anna(&app).await;
    let form = [("email", "anna@nyadresse.dk"), ("provider", "broker")];
    let callback = confirm_at_provider(&anna, "/account/email", &form, "anna").await;
    let back = anna.get(&on_app(&callback)).await;
    assert_eq!(back.location.as_deref(), Some("/account/confirm"));
    let page = anna.get("/account/confirm").await;
    assert!(text(&page.html, "#oidc-confirm-body").contains("anna@nyadresse.dk"));
    // A grant is for the action it was asked for only.
    let wrong = anna.post("/account/confirm", &[("kind", "delete")]).await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    assert!(!deleted(&app, "anna@example.dk").await);
    let done = anna.post("/account/confirm", &[("kind", "email")]).await;
    assert_eq!(done.location.as_deref(), Some("/account?done=email-sent"));
    let link = app.link_in_mail("anna@nyadresse.dk").await;
    assert!(link.starts_with("/account/verify/"), "{link}");
    // Used once: posting again changes nothing more.
    let again = anna.post("/account/confirm", &[("kind", "email")]).await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST);
    assert_eq!(app.mails_to("anna@nyadresse.dk").await, 1);

    // Too late: the same round trip, the app's clock past the window.
    let form = [("email", "anna@tredje.dk"), ("provider", "broker")];
    let callback = confirm_at_provider(&anna, "/account/email", &form, "anna").await;
    app.clock.advance(chrono::Duration::minutes(6));
    refused_kindly(&anna.get(&on_app(&callback)).await, "ikke nyt nok");
    // And by another person.
    let callback = confirm_at_provider(&anna, "/account/email", &form, "carl").await;
    refused_kindly(
        &anna.get(&on_app(&callback)).await,
        "hører ikke til denne konto",
    );
    assert_eq!(app.mails_to("anna@tredje.dk").await, 0);
}

#[tokio::test]
async fn an_account_with_a_password_keeps_the_password_check() {
    let Some((app, _provider)) = app_with_real_provider().await else {
        return;
    };
    let carl = app.verified_person("Carl Borger", "carl@example.dk").await;
    carl.post("/account/logins/broker", &[]).await;
    let r = carl
        .post(
            "/account/delete",
            &[("provider", "broker"), ("current_password", "")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let account = carl.get("/account").await;
    assert!(texts(&account.html, "button[name=provider]").is_empty());
    assert!(!deleted(&app, "carl@example.dk").await);
}
