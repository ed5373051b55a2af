//! What a sign-in through a provider shows: "navn bekræftet med MitID" beside a name MitID gave
//! (on the public profile and the salon page's hosts) until the person edits it.

use reqwest::StatusCode;

use crate::helpers::browser::Browser;
use crate::helpers::oidc::{app_with_real_provider, login_at_provider, on_app};
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
