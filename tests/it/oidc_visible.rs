//! What a sign-in through a provider shows: "navn bekræftet med MitID" beside a name MitID gave
//! (on the public profile and the salon page's hosts) until the person edits it, and the
//! provider's own sign-out offered after Medspil's.

use reqwest::StatusCode;

use crate::helpers::browser::Browser;
use crate::helpers::oidc::{app_with_real_provider, app_with_rogue, login_at_provider, on_app};
use crate::helpers::salons::published_salon;
use crate::helpers::{TestApp, text, texts};

const SUBSTANTIAL: &str = "urn:grn:authn:dk:mitid:substantial";
const BADGE: &str = "navn bekræftet med MitID";

/// `person` asks to be a politician in Skanderborg's council and `admin` approves: from then
/// on the person has a public profile. Returns its path.
async fn approved_politician(
    app: &TestApp,
    admin: &Browser,
    person: &Browser,
    email: &str,
) -> String {
    let unit = app
        .create_unit(admin, "skanderborg", "council", "Byrådet")
        .await;
    let form = [
        ("kind", "politician"),
        ("units", unit.as_str()),
        ("title", "Byrådsmedlem"),
    ];
    let r = person
        .post("/municipalities/skanderborg/roles/request", &form)
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let (role, user): (String, String) = sqlx::query_as(
        "SELECT r.id::text, u.id::text FROM roles r JOIN users u ON u.id = r.user_id WHERE u.email = $1",
    )
    .bind(email)
    .fetch_one(&app.db)
    .await
    .unwrap();
    let r = admin
        .post(&format!("/admin/skanderborg/requests/{role}/approve"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    format!("/people/{user}")
}

/// The badges on the profile and among the salon's hosts.
async fn badges(app: &TestApp, profile: &str, salon: &str) -> (Vec<String>, Vec<String>) {
    let on_profile = app.page(profile, StatusCode::OK).await;
    let on_salon = app.page(salon, StatusCode::OK).await;
    (
        texts(&on_profile, ".name-verified"),
        texts(&on_salon, ".salon-hosts .name-verified"),
    )
}

async fn name_verified_by(app: &TestApp, email: &str) -> Option<String> {
    sqlx::query_scalar("SELECT name_verified_by FROM users WHERE email = $1")
        .bind(email)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_name_from_mitid_is_shown_as_verified_until_the_person_edits_it() {
    let Some((app, _provider)) = app_with_real_provider().await else {
        return;
    };
    let anna = app.browser();
    let callback = login_at_provider(&anna, "broker", "anna", SUBSTANTIAL).await;
    let r = anna.get(&on_app(&callback)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let admin = app.municipality_admin("skanderborg").await;
    let profile = approved_politician(&app, &admin, &anna, "anna@example.dk").await;
    let salon = published_salon(&app, &anna, Some(20)).await;

    let (on_profile, on_salon) = badges(&app, &profile, &salon.path).await;
    assert_eq!(on_profile, [BADGE]);
    assert_eq!(on_salon, [BADGE]);
    let page = app.page(&salon.path, StatusCode::OK).await;
    assert_eq!(
        text(&page, ".salon-hosts li"),
        format!("Anna Andersen {BADGE}")
    );

    // Saving the same name (another setting of the form) keeps the mark.
    let same = anna
        .post(
            "/account/profile",
            &[("name", "Anna Andersen"), ("language", "da")],
        )
        .await;
    assert_eq!(same.status, StatusCode::SEE_OTHER, "{}", same.body);
    assert_eq!(
        name_verified_by(&app, "anna@example.dk").await.as_deref(),
        Some("broker")
    );

    // Another name is the person's own words: the mark goes.
    let edited = anna
        .post(
            "/account/profile",
            &[("name", "Anna Andersen-Berg"), ("language", "da")],
        )
        .await;
    assert_eq!(edited.status, StatusCode::SEE_OTHER, "{}", edited.body);
    assert_eq!(name_verified_by(&app, "anna@example.dk").await, None);
    let (on_profile, on_salon) = badges(&app, &profile, &salon.path).await;
    assert!(on_profile.is_empty(), "{on_profile:?}");
    assert!(on_salon.is_empty(), "{on_salon:?}");
    let page = app.page(&salon.path, StatusCode::OK).await;
    assert_eq!(text(&page, ".salon-hosts li"), "Anna Andersen-Berg");
}

#[tokio::test]
async fn no_one_gets_the_mark_by_typing_it_or_by_a_form_field() {
    let app = TestApp::spawn().await;
    let admin = app.municipality_admin("skanderborg").await;
    let hanne = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    let profile = approved_politician(&app, &admin, &hanne, "hanne@example.dk").await;
    let salon = published_salon(&app, &hanne, Some(20)).await;
    for name in [
        r#"Hanne <span class="badge name-verified">navn bekræftet med MitID</span>"#,
        "Hanne navn bekræftet med MitID",
    ] {
        // With the column's name as an extra field too: the form has no such field.
        let r = hanne
            .post(
                "/account/profile",
                &[
                    ("name", name),
                    ("language", "da"),
                    ("name_verified_by", "broker"),
                ],
            )
            .await;
        assert!(
            matches!(
                r.status,
                StatusCode::SEE_OTHER | StatusCode::UNPROCESSABLE_ENTITY
            ),
            "{name}: {} {}",
            r.status,
            r.body
        );
        assert_eq!(name_verified_by(&app, "hanne@example.dk").await, None);
        let (on_profile, on_salon) = badges(&app, &profile, &salon.path).await;
        assert!(on_profile.is_empty(), "{name}: {on_profile:?}");
        assert!(on_salon.is_empty(), "{name}: {on_salon:?}");
    }
    // The typed words are there, as the name's text.
    let page = app.page(&salon.path, StatusCode::OK).await;
    assert_eq!(
        text(&page, ".salon-hosts li"),
        "Hanne navn bekræftet med MitID"
    );
}

/// Starts a sign-in at `provider` in `browser` and follows the provider's redirects: whether it
/// asks for the login (its page) rather than sending the browser straight back.
async fn provider_asks_for_the_login(browser: &Browser, provider: &str) -> bool {
    let start = browser
        .post(
            &format!("/sign-in/provider/{provider}"),
            &[("next", "/account")],
        )
        .await;
    let mut url = start.location.expect("off to the provider");
    for _ in 0..10 {
        if url.contains("/interaction/") {
            return true;
        }
        if url.starts_with(&browser.base) {
            return false;
        }
        let r = browser.client.get(&url).send().await.unwrap();
        url = crate::helpers::oidc::next_location(&url, &r);
    }
    panic!("the provider never settled");
}

#[tokio::test]
async fn signing_out_offers_the_providers_sign_out_which_ends_the_session_there_too() {
    let Some((app, _provider)) = app_with_real_provider().await else {
        return;
    };
    let anna = app.browser();
    let callback = login_at_provider(&anna, "broker", "anna", SUBSTANTIAL).await;
    anna.get(&on_app(&callback)).await;
    assert_eq!(anna.get("/account").await.status, StatusCode::OK);
    // While the provider's session lives, a new sign-in there needs no login.
    assert!(!provider_asks_for_the_login(&anna, "broker").await);
    let callback = login_at_provider(&anna, "broker", "anna", SUBSTANTIAL).await;
    anna.get(&on_app(&callback)).await;

    let out = anna.post("/sign-out", &[]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER, "{}", out.body);
    assert_eq!(out.location.as_deref(), Some("/signed-out?provider=broker"));
    assert_ne!(anna.get("/account").await.status, StatusCode::OK);
    let page = anna.get("/signed-out?provider=broker").await;
    page.expect_page("Du er logget ud");
    assert_eq!(
        text(&page.html, "a.provider-sign-out"),
        "Log også ud hos MitID"
    );
    let href = page
        .html
        .select(&scraper::Selector::parse("a.provider-sign-out").unwrap())
        .next()
        .unwrap()
        .value()
        .attr("href")
        .unwrap()
        .to_string();
    let link = url::Url::parse(&href).unwrap();
    let query: Vec<(String, String)> = link.query_pairs().into_owned().collect();
    assert!(
        query.contains(&("client_id".into(), "medspil".into())),
        "{href}"
    );
    assert!(
        query.contains(&(
            "post_logout_redirect_uri".into(),
            format!("{}/", app.address)
        )),
        "{href}"
    );
    assert!(!href.contains("id_token"), "{href}");

    // The provider asks "sign out?" with its own form; yes ends its session and sends the
    // browser back to our front page.
    let confirm = anna.client.get(href.as_str()).send().await.unwrap();
    assert_eq!(confirm.status(), StatusCode::OK);
    let body = confirm.text().await.unwrap();
    let html = scraper::Html::parse_document(&body);
    let form = html
        .select(&scraper::Selector::parse("form").unwrap())
        .next()
        .unwrap_or_else(|| panic!("no form on the provider's sign-out page: {body}"));
    let action = link.join(form.value().attr("action").unwrap()).unwrap();
    let xsrf = html
        .select(&scraper::Selector::parse("input[name=xsrf]").unwrap())
        .next()
        .unwrap()
        .value()
        .attr("value")
        .unwrap()
        .to_string();
    let done = anna
        .client
        .post(action)
        .form(&[("xsrf", xsrf.as_str()), ("logout", "yes")])
        .send()
        .await
        .unwrap();
    let back = done
        .headers()
        .get("location")
        .unwrap_or_else(|| panic!("the provider answered {}", done.status()))
        .to_str()
        .unwrap()
        .to_string();
    assert_eq!(back, format!("{}/", app.address));
    assert_eq!(anna.get("/").await.status, StatusCode::OK);
    assert!(provider_asks_for_the_login(&anna, "broker").await);
}

#[tokio::test]
async fn without_an_end_session_endpoint_signing_out_goes_to_the_front_page_as_before() {
    let (app, rogue) = app_with_rogue().await;
    let browser = app.browser();
    let start = browser
        .post("/sign-in/provider/rogue", &[("next", "/account")])
        .await;
    let url = url::Url::parse(start.location.as_deref().unwrap()).unwrap();
    let get = |name: &str| {
        url.query_pairs()
            .find(|(k, _)| k == name)
            .unwrap()
            .1
            .into_owned()
    };
    rogue.serve(rogue.token(&get("nonce"), app.clock.now(), |_| {}));
    browser
        .get(&format!(
            "/sign-in/callback?code=any&state={}",
            get("state")
        ))
        .await;
    assert_eq!(browser.get("/account").await.status, StatusCode::OK);
    let out = browser.post("/sign-out", &[]).await;
    assert_eq!(out.location.as_deref(), Some("/"));
    let page = browser.get("/signed-out?provider=rogue").await;
    assert_eq!(page.location.as_deref(), Some("/"));

    // A password's session, too.
    let carl = app.verified_person("Carl Borger", "carl@example.dk").await;
    let out = carl.post("/sign-out", &[]).await;
    assert_eq!(out.location.as_deref(), Some("/"));
}

#[tokio::test]
async fn pages_let_a_provider_button_lead_to_the_provider_and_nowhere_else() {
    let (app, rogue) = app_with_rogue().await;
    // The button posts to Medspil, which redirects to the provider: browsers hold that
    // redirect to the page's form-action.
    let page = app.browser().get("/sign-in").await;
    let csp = page.headers["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains(&format!("form-action 'self' {};", rogue.issuer)),
        "{csp}"
    );
    let plain = TestApp::spawn().await.browser().get("/sign-in").await;
    let csp = plain.headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("form-action 'self';"), "{csp}");
}
