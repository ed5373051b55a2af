//! Signing in with MitID or the municipality's own login: against a real OpenID Connect
//! provider (`oidc-provider`), and against a rogue one for the tokens a real one never makes.

use reqwest::StatusCode;

use crate::helpers::browser::{Browser, Response};
use crate::helpers::oidc::{app_with_real_provider, app_with_rogue, login_at_provider, on_app};
use crate::helpers::{PASSWORD, TestApp, text};

const SUBSTANTIAL: &str = "urn:grn:authn:dk:mitid:substantial";
const LOW: &str = "urn:grn:authn:dk:mitid:low";

async fn sessions(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM sessions")
        .fetch_one(&app.db)
        .await
        .unwrap()
}

async fn signed_in(browser: &Browser) -> bool {
    browser.get("/account").await.status == StatusCode::OK
}

/// The friendly page, with no session cookie set.
#[track_caller]
fn refused_kindly(r: &Response) {
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    assert_eq!(text(&r.html, "h1"), "Log ind lykkedes ikke");
    let sets_session = r
        .headers
        .get_all("set-cookie")
        .iter()
        .any(|v| v.to_str().unwrap().starts_with("medspil_session="));
    assert!(!sets_session, "a refused sign-in set a session cookie");
}

#[tokio::test]
async fn without_providers_the_sign_in_page_is_as_before() {
    let app = TestApp::spawn().await;
    let page = app.page("/sign-in", StatusCode::OK).await;
    assert!(crate::helpers::texts(&page, ".sign-in-providers button").is_empty());
}

#[tokio::test]
async fn signing_in_with_a_verified_email_creates_a_confirmed_account() {
    let Some((app, _provider)) = app_with_real_provider().await else {
        return;
    };
    let page = app.page("/sign-in", StatusCode::OK).await;
    let buttons = crate::helpers::texts(&page, ".sign-in-providers button");
    assert!(
        buttons.contains(&"Log ind med MitID".to_string()),
        "{buttons:?}"
    );

    let anna = app.browser();
    let callback = login_at_provider(&anna, "broker", "anna", SUBSTANTIAL).await;
    let r = anna.get(&on_app(&callback)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location.as_deref(), Some("/account"));
    assert!(signed_in(&anna).await);
    let row: (String, bool, Option<String>) = sqlx::query_as(
        "SELECT u.name, u.email_verified_at IS NOT NULL, u.name_verified_by FROM users u
         JOIN account_logins l ON l.user_id = u.id
         WHERE l.provider = 'broker' AND l.subject = 'anna' AND lower(u.email) = 'anna@example.dk'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(row, ("Anna Andersen".into(), true, Some("broker".into())));
    // The account page lists the login, and the next sign-in lands in the same account.
    let account = anna.get("/account").await;
    assert!(text(&account.html, "#logins [data-provider=broker]").contains("Forbundet"));
    let again = app.browser();
    let callback = login_at_provider(&again, "broker", "anna", SUBSTANTIAL).await;
    again.get(&on_app(&callback)).await;
    let accounts: i64 = sqlx::query_scalar("SELECT count(*) FROM users")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(accounts, 1);
    assert!(signed_in(&again).await);
}

#[tokio::test]
async fn an_identity_without_a_verified_email_is_asked_for_one_and_confirms_it_by_mail() {
    let Some((app, _provider)) = app_with_real_provider().await else {
        return;
    };
    let mette = app.browser();
    let callback = login_at_provider(&mette, "broker", "mette", SUBSTANTIAL).await;
    let r = mette.get(&on_app(&callback)).await;
    assert_eq!(r.location.as_deref(), Some("/sign-in/email"));
    assert!(!signed_in(&mette).await);
    let form = mette.get("/sign-in/email").await;
    form.expect_page("Hvilken e-mailadresse skal vi skrive til?");
    let done = mette
        .post(
            "/sign-in/email",
            &[("name", "Mette Mitid"), ("email", "mette@example.dk")],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert!(signed_in(&mette).await);
    // Not confirmed until the mail's link is followed: no hosting before that.
    let verified: bool = sqlx::query_scalar(
        "SELECT email_verified_at IS NOT NULL FROM users WHERE email = 'mette@example.dk'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert!(!verified);
    let link = app.link_in_mail("mette@example.dk").await;
    assert!(link.starts_with("/account/verify/"), "{link}");

    // Bent's provider gives an email but does not vouch for it: it is asked for too.
    let bent = app.browser();
    let callback = login_at_provider(&bent, "broker", "bent", SUBSTANTIAL).await;
    let r = bent.get(&on_app(&callback)).await;
    assert_eq!(r.location.as_deref(), Some("/sign-in/email"));
}

#[tokio::test]
async fn a_verified_email_links_to_its_account_only_with_the_password() {
    let Some((app, _provider)) = app_with_real_provider().await else {
        return;
    };
    app.verified_person("Carl Borger", "carl@example.dk").await;
    let browser = app.browser();
    let callback = login_at_provider(&browser, "broker", "carl", SUBSTANTIAL).await;
    let r = browser.get(&on_app(&callback)).await;
    assert_eq!(r.location.as_deref(), Some("/sign-in/link"));
    assert!(!signed_in(&browser).await);
    let wrong = browser
        .post("/sign-in/link", &[("password", "not the password")])
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!signed_in(&browser).await);
    let right = browser
        .post("/sign-in/link", &[("password", PASSWORD)])
        .await;
    assert_eq!(right.status, StatusCode::SEE_OTHER, "{}", right.body);
    assert!(signed_in(&browser).await);
    let linked: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM account_logins l JOIN users u ON u.id = l.user_id
         WHERE u.email = 'carl@example.dk' AND l.subject = 'carl'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(linked, 1);
}

#[tokio::test]
async fn the_required_acr_is_checked() {
    let Some((app, _provider)) = app_with_real_provider().await else {
        return;
    };
    let low = app.browser();
    let callback = login_at_provider(&low, "strict", "anna", LOW).await;
    refused_kindly(&low.get(&on_app(&callback)).await);
    assert_eq!(sessions(&app).await, 0);
    let substantial = app.browser();
    let callback = login_at_provider(&substantial, "strict", "anna", SUBSTANTIAL).await;
    let r = substantial.get(&on_app(&callback)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(signed_in(&substantial).await);
}

#[tokio::test]
async fn a_wrong_state_and_a_replayed_code_are_refused() {
    let Some((app, _provider)) = app_with_real_provider().await else {
        return;
    };
    let browser = app.browser();
    let callback = login_at_provider(&browser, "broker", "anna", SUBSTANTIAL).await;
    let mut tampered = url::Url::parse(&callback).unwrap();
    let pairs: Vec<(String, String)> = tampered
        .query_pairs()
        .map(|(k, v)| {
            let v = if k == "state" {
                "forged".into()
            } else {
                v.into_owned()
            };
            (k.into_owned(), v)
        })
        .collect();
    tampered.query_pairs_mut().clear().extend_pairs(pairs);
    refused_kindly(&browser.get(&on_app(tampered.as_str())).await);
    assert_eq!(sessions(&app).await, 0);

    // The code, taken by someone who starts a flow of their own and brings their own state.
    let code = url::Url::parse(&callback)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "code")
        .unwrap()
        .1
        .into_owned();
    let thief = app.browser();
    let start = thief
        .post("/sign-in/provider/broker", &[("next", "/account")])
        .await;
    let state = url::Url::parse(start.location.as_deref().unwrap())
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "state")
        .unwrap()
        .1
        .into_owned();
    let r = thief
        .get(&format!("/sign-in/callback?code={code}&state={state}"))
        .await;
    refused_kindly(&r);
    // And the same callback again in the first browser: its flow is used up.
    refused_kindly(&browser.get(&on_app(&callback)).await);
    assert_eq!(sessions(&app).await, 0);
}

/// Starts a sign-in with the rogue provider; returns the `state` and `nonce` it asked for.
async fn start_rogue(browser: &Browser) -> (String, String) {
    let start = browser
        .post("/sign-in/provider/rogue", &[("next", "/account")])
        .await;
    let url = url::Url::parse(start.location.as_deref().expect("a redirect")).unwrap();
    let get = |name: &str| {
        url.query_pairs()
            .find(|(k, _)| k == name)
            .unwrap()
            .1
            .into_owned()
    };
    assert_eq!(get("response_mode"), "query");
    assert_eq!(get("code_challenge_method"), "S256");
    (get("state"), get("nonce"))
}

#[tokio::test]
async fn tokens_a_real_provider_never_makes_are_refused_with_a_friendly_page() {
    let (app, rogue) = app_with_rogue().await;
    let now = app.clock.now();
    type Case<'a> = (&'static str, Box<dyn Fn(&str) -> String + 'a>);
    let r = &rogue;
    let cases: Vec<Case> = vec![
        ("alg none", Box::new(move |n| r.unsigned(n, now))),
        (
            "another key",
            Box::new(move |n| r.token(n, now, |t| t.other_key = true)),
        ),
        (
            "another audience",
            Box::new(move |n| r.token(n, now, |t| t.audience = "someone-else".into())),
        ),
        (
            "another issuer",
            Box::new(move |n| r.token(n, now, |t| t.issuer = "http://evil.example".into())),
        ),
        (
            "expired",
            Box::new(move |n| {
                r.token(n, now, |t| {
                    t.issued = now - chrono::Duration::hours(2);
                    t.expires = now - chrono::Duration::hours(1);
                })
            }),
        ),
        (
            "wrong nonce",
            Box::new(move |n| r.token(n, now, |t| t.nonce = format!("{n}x"))),
        ),
    ];
    for (name, token) in &cases {
        let browser = app.browser();
        let (state, nonce) = start_rogue(&browser).await;
        rogue.serve(token(&nonce));
        let r = browser
            .get(&format!("/sign-in/callback?code=any&state={state}"))
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{name}: {}", r.body);
        refused_kindly(&r);
        assert!(!signed_in(&browser).await, "{name}");
        assert_eq!(sessions(&app).await, 0, "{name}");
    }
    // The same provider's honest token signs in: the refusals above were the tokens' fault.
    let browser = app.browser();
    let (state, nonce) = start_rogue(&browser).await;
    rogue.serve(rogue.token(&nonce, now, |_| {}));
    let r = browser
        .get(&format!("/sign-in/callback?code=any&state={state}"))
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(signed_in(&browser).await);
}

#[tokio::test]
async fn the_last_way_into_an_account_cannot_be_unlinked() {
    let (app, rogue) = app_with_rogue().await;
    let browser = app.browser();
    let (state, nonce) = start_rogue(&browser).await;
    rogue.serve(rogue.token(&nonce, app.clock.now(), |_| {}));
    browser
        .get(&format!("/sign-in/callback?code=any&state={state}"))
        .await;
    assert!(signed_in(&browser).await);
    let r = browser.post("/account/logins/rogue/unlink", &[]).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    let left: i64 = sqlx::query_scalar("SELECT count(*) FROM account_logins")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(left, 1);
}

#[tokio::test]
async fn a_staff_login_with_the_claim_is_approved_at_once_and_without_it_not() {
    let Some((app, _provider)) = app_with_real_provider().await else {
        return;
    };
    let admin = app.municipality_admin("skanderborg").await;
    let unit = app.teknik_og_miljo(&admin).await;
    let status = |email: &'static str| {
        let db = app.db.clone();
        async move {
            sqlx::query_scalar::<_, String>(
                "SELECT r.status::text FROM roles r JOIN users u ON u.id = r.user_id WHERE u.email = $1",
            )
            .bind(email)
            .fetch_one(&db)
            .await
            .unwrap()
        }
    };
    let form = [
        ("kind", "official"),
        ("units", unit.as_str()),
        ("title", "Vejingeniør"),
    ];
    // Olga's token carries groups=Medspil.Staff; Gert is a guest in the tenant without it.
    for (login, email, expected) in [
        ("olga", "olga@skanderborg.dk", "approved"),
        ("gert", "gert@example.dk", "pending"),
    ] {
        let browser = app.browser();
        let callback = login_at_provider(&browser, "staff", login, SUBSTANTIAL).await;
        let r = browser.get(&on_app(&callback)).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{login}: {}", r.body);
        let r = browser
            .post("/municipalities/skanderborg/roles/request", &form)
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{login}: {}", r.body);
        assert_eq!(status(email).await, expected, "{login}");
    }
}
