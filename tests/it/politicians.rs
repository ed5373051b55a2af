//! Politicians and officials who can be found: the municipality's people page, names linking
//! to public profiles, and what a profile says of the salons someone comes to or answered.

use chrono::Duration;
use reqwest::StatusCode;
use uuid::Uuid;

use crate::helpers::browser::Browser;
use crate::helpers::salons::{SalonRef, published_from, salon_form, set};
use crate::helpers::{TestApp, attr, text, texts};

/// `email`'s user id.
pub async fn user_id(app: &TestApp, email: &str) -> Uuid {
    sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(email)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

/// `name` (`email`) asks to be a politician for `party` on `units` of Skanderborg, listed on
/// their pages, and the admin approves: their browser.
pub async fn skanderborg_politician(
    app: &TestApp,
    admin: &Browser,
    name: &str,
    email: &str,
    party: &str,
    units: &[&str],
) -> Browser {
    listed_role(app, admin, ("politician", name, email, party), units).await
}

/// (`kind`, `name`, `email`, `party`): the person asks for the role in Skanderborg's
/// `units`, listed on their pages, and the admin approves. Their browser.
async fn listed_role(
    app: &TestApp,
    admin: &Browser,
    (kind, name, email, party): (&str, &str, &str, &str),
    units: &[&str],
) -> Browser {
    let person = app.verified_person(name, email).await;
    let title = if kind == "politician" {
        "Byrådsmedlem"
    } else {
        "Vejingeniør"
    };
    let mut form = vec![
        ("kind", kind),
        ("party", party),
        ("title", title),
        ("listed", "on"),
    ];
    form.extend(units.iter().map(|u| ("units", *u)));
    let r = person
        .post("/municipalities/skanderborg/roles/request", &form)
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let (role, status): (String, String) = sqlx::query_as(
        "SELECT r.id::text, r.status::text FROM roles r JOIN users u ON u.id = r.user_id
         WHERE u.email = $1",
    )
    .bind(email)
    .fetch_one(&app.db)
    .await
    .unwrap();
    // An address at the municipality's own domain may be approved at once.
    if status != "approved" {
        let r = admin
            .post(&format!("/admin/skanderborg/requests/{role}/approve"), &[])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    }
    person
}

#[tokio::test]
async fn the_people_page_lists_the_council_committees_and_who_answers_with_links_to_profiles() {
    let app = TestApp::spawn().await;
    let admin = app.municipality_admin("skanderborg").await;
    let department = app.teknik_og_miljo(&admin).await;
    let council = app
        .create_unit(&admin, "skanderborg", "council", "Byrådet")
        .await;
    let committee = app
        .create_unit(&admin, "skanderborg", "committee", "Klimaudvalget")
        .await;
    // Olga answers for the department (every member of a department does).
    listed_role(
        &app,
        &admin,
        ("official", "Olga Hansen", "olga@skanderborg.dk", ""),
        &[&department],
    )
    .await;
    skanderborg_politician(
        &app,
        &admin,
        "Pia Politiker",
        "pia@example.dk",
        "Venstre",
        &[&council, &committee],
    )
    .await;
    let pia = user_id(&app, "pia@example.dk").await;
    let olga = user_id(&app, "olga@skanderborg.dk").await;

    // The municipality's page links to it.
    let m = app
        .page("/municipalities/skanderborg", StatusCode::OK)
        .await;
    assert_eq!(
        attr(&m, "a.municipality-people", "href").as_deref(),
        Some("/municipalities/skanderborg/people")
    );
    let page = app
        .titled(
            "/municipalities/skanderborg/people",
            "Politikere og medarbejdere · Skanderborg Kommune",
        )
        .await;
    // The council first, then the committees; each politician with party and committees.
    assert_eq!(
        texts(&page, ".people-political .people-unit h3"),
        ["Byrådet", "Klimaudvalget"]
    );
    assert_eq!(
        texts(&page, ".people-political .person-name"),
        ["Pia Politiker", "Pia Politiker"]
    );
    assert_eq!(
        texts(&page, ".people-political .person-role")[0],
        "Venstre · Byrådsmedlem"
    );
    assert_eq!(
        texts(&page, ".people-political .person-committees")[0],
        "Sidder i: Byrådet, Klimaudvalget"
    );
    let profiles: Vec<String> = page
        .select(&scraper::Selector::parse("a.person-name").unwrap())
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    assert_eq!(
        profiles,
        [
            format!("/people/{pia}"),
            format!("/people/{pia}"),
            format!("/people/{olga}")
        ]
    );
    // The department with who answers for it.
    assert_eq!(
        texts(&page, ".people-departments .people-unit h3"),
        ["Teknik og Miljø"]
    );
    assert_eq!(
        texts(&page, ".people-departments .person-name"),
        ["Olga Hansen"]
    );
    // Every profile link leads to a profile.
    for p in &profiles {
        app.page(p, StatusCode::OK).await;
    }
    // The unit's page links its members' names to their profiles too.
    let unit = app
        .page(
            "/municipalities/skanderborg/units/klimaudvalget",
            StatusCode::OK,
        )
        .await;
    assert_eq!(
        attr(&unit, ".member a.badge-profile", "href"),
        Some(format!("/people/{pia}"))
    );
    // Another municipality's page lists none of them; an unknown one is a 404.
    let aarhus = app
        .page("/municipalities/aarhus/people", StatusCode::OK)
        .await;
    assert!(texts(&aarhus, ".person-name").is_empty());
    assert_eq!(
        app.get("/municipalities/nowhere/people").await.status(),
        StatusCode::NOT_FOUND
    );
}

/// `host` publishes a salon from `form` and invites Teknik og Miljø; `olga` accepts for
/// herself.
async fn olga_comes_to(
    app: &TestApp,
    host: &Browser,
    olga: &Browser,
    olga_role: &str,
    unit: &str,
    form: Vec<(String, String)>,
) -> SalonRef {
    let salon = published_from(host, &form).await;
    let r = host
        .post(
            &format!("{}/invitations", salon.path),
            &[
                ("target", format!("unit:{unit}").as_str()),
                ("email", ""),
                ("message", "Kom og hør, hvad vi mener om stien langs søen."),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let id: Uuid = sqlx::query_scalar(
        "SELECT id FROM invitations WHERE salon_id = $1 ORDER BY sent_at DESC, id LIMIT 1",
    )
    .bind(salon.id)
    .fetch_one(&app.db)
    .await
    .unwrap();
    let r = olga
        .post(&format!("/inbox/{id}/accept"), &[("comers", olga_role)])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    salon
}

#[tokio::test]
async fn a_profile_says_coming_until_the_salon_is_over_and_lists_only_public_salons() {
    let app = TestApp::spawn().await;
    let admin = app.municipality_admin("skanderborg").await;
    let unit = app.teknik_og_miljo(&admin).await;
    let (olga, olga_role) = app
        .skanderborg_official(&admin, &unit, "Olga Hansen", "olga@skanderborg.dk")
        .await;
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    olga_comes_to(
        &app,
        &host,
        &olga,
        &olga_role,
        &unit,
        salon_form(&app, "Liv i Ry bymidte", Some(20)),
    )
    .await;
    // Salons not open to everyone are never on a profile, whatever she answered.
    for (title, visibility) in [
        ("Stille salon om stien", "unlisted"),
        ("Lukket salon om stien", "invite_only"),
    ] {
        let form = set(salon_form(&app, title, Some(20)), "visibility", visibility);
        olga_comes_to(&app, &host, &olga, &olga_role, &unit, form).await;
    }
    let profile = format!("/people/{}", user_id(&app, "olga@skanderborg.dk").await);
    let page = app.page(&profile, StatusCode::OK).await;
    assert_eq!(texts(&page, ".profile-salons a"), ["Liv i Ry bymidte"]);
    // Four days before it: she is coming, she has not taken part.
    assert!(
        text(&page, ".profile-salons li").ends_with("· kommer"),
        "{}",
        text(&page, ".profile-salons li")
    );
    // During it (14:00–16:00, four days ahead) still "kommer"; after it, "deltog".
    app.clock.advance(Duration::days(4) + Duration::hours(5));
    let page = app.page(&profile, StatusCode::OK).await;
    assert!(!text(&page, ".profile-salons li").contains("deltog"));
    app.clock.advance(Duration::hours(2));
    let page = app.page(&profile, StatusCode::OK).await;
    assert!(
        text(&page, ".profile-salons li").ends_with("· deltog"),
        "{}",
        text(&page, ".profile-salons li")
    );
}

/// `host` publishes a salon titled `title` with `visibility`, invites `role`'s holder in
/// person, and `person` accepts for themselves.
async fn accepts_in_person(
    app: &TestApp,
    host: &Browser,
    person: &Browser,
    role: &str,
    (title, visibility): (&str, &str),
) {
    let form = set(salon_form(app, title, Some(20)), "visibility", visibility);
    let salon = published_from(host, &form).await;
    let r = host
        .post(
            &format!("{}/invitations", salon.path),
            &[
                ("target", format!("person:{role}").as_str()),
                ("email", ""),
                ("message", "Vil du komme og høre, hvad vi mener?"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let id: Uuid = sqlx::query_scalar(
        "SELECT id FROM invitations WHERE salon_id = $1 ORDER BY sent_at DESC, id LIMIT 1",
    )
    .bind(salon.id)
    .fetch_one(&app.db)
    .await
    .unwrap();
    let r = person
        .post(&format!("/inbox/{id}/accept"), &[("comers", role)])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
}

/// The subjects of the "politician.accepted" mails to `email`.
async fn told(app: &TestApp, email: &str) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT subject FROM outbox WHERE to_address = $1 AND kind = 'politician.accepted'
         ORDER BY created_at, id",
    )
    .bind(email)
    .fetch_all(&app.db)
    .await
    .unwrap()
}

#[tokio::test]
async fn a_follower_hears_when_a_politician_accepts_a_public_salon_and_not_after_unfollowing() {
    let app = TestApp::spawn().await;
    let admin = app.municipality_admin("skanderborg").await;
    let council = app
        .create_unit(&admin, "skanderborg", "council", "Byrådet")
        .await;
    let pia = skanderborg_politician(
        &app,
        &admin,
        "Pia Politiker",
        "pia@example.dk",
        "Venstre",
        &[&council],
    )
    .await;
    let pia_id = user_id(&app, "pia@example.dk").await;
    let role: String = sqlx::query_scalar("SELECT id::text FROM roles WHERE user_id = $1")
        .bind(pia_id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let profile = format!("/people/{pia_id}");

    // A visitor is asked to sign in; a citizen follows from the profile.
    let page = app.page(&profile, StatusCode::OK).await;
    assert_eq!(text(&page, ".profile-follow a"), "Log ind for at følge");
    let fie = app.verified_person("Fie Følger", "fie@example.dk").await;
    let r = fie.post(&format!("{profile}/follow"), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        r.location.as_deref(),
        Some(format!("{profile}?done=followed").as_str())
    );
    let page = fie.get(&profile).await;
    assert_eq!(text(&page.html, ".profile-followers"), "1 person følger.");
    assert_eq!(
        text(&page.html, ".profile-follow button"),
        "Følg ikke længere"
    );
    // Twice is once.
    fie.post(&format!("{profile}/follow"), &[]).await;
    assert_eq!(
        text(
            &app.page(&profile, StatusCode::OK).await,
            ".profile-followers"
        ),
        "1 person følger."
    );
    // No one follows themselves, and a citizen without a profile cannot be followed.
    let r = pia.post(&format!("{profile}/follow"), &[]).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    let carl = user_id(&app, "carl@example.dk").await;
    let r = fie.post(&format!("/people/{carl}/follow"), &[]).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    // Only a public salon is news: unlisted and invite-only ones are not.
    for salon in [
        ("Stille salon om stien", "unlisted"),
        ("Lukket salon om stien", "invite_only"),
        ("Liv i Ry bymidte", "public"),
    ] {
        accepts_in_person(&app, &host, &pia, &role, salon).await;
    }
    app.run_jobs().await;
    assert_eq!(
        told(&app, "fie@example.dk").await,
        ["Pia Politiker kommer til \"Liv i Ry bymidte\""]
    );
    let body: String = sqlx::query_scalar(
        "SELECT body_text FROM outbox WHERE to_address = 'fie@example.dk'
           AND kind = 'politician.accepted'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert!(body.contains(&profile), "{body}");

    // In the follower's data download.
    let data: serde_json::Value =
        serde_json::from_str(&fie.get("/account/data.json").await.body).unwrap();
    assert_eq!(data["people_followed"][0]["person"], "Pia Politiker");
    assert_eq!(data["people_followed"][0]["profile"], profile.as_str());

    // After unfollowing, nothing more.
    let r = fie.post(&format!("{profile}/unfollow"), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    accepts_in_person(&app, &host, &pia, &role, ("Kaffe ved søen", "public")).await;
    app.run_jobs().await;
    assert_eq!(told(&app, "fie@example.dk").await.len(), 1);
    let data: serde_json::Value =
        serde_json::from_str(&fie.get("/account/data.json").await.body).unwrap();
    assert_eq!(data["people_followed"], serde_json::json!([]));
}

#[tokio::test]
async fn the_people_page_runs_two_statements_whatever_the_number_of_units() {
    let app = TestApp::spawn().await;
    let admin = app.municipality_admin("skanderborg").await;
    let department = app.teknik_og_miljo(&admin).await;
    let mut units = vec![department.clone()];
    for name in ["Byrådet", "Klimaudvalget", "Børne- og Ungeudvalget"] {
        let kind = if name == "Byrådet" {
            "council"
        } else {
            "committee"
        };
        units.push(app.create_unit(&admin, "skanderborg", kind, name).await);
    }
    listed_role(
        &app,
        &admin,
        ("official", "Olga Hansen", "olga@skanderborg.dk", ""),
        &[&department],
    )
    .await;
    for (i, email) in ["pia@example.dk", "per@example.dk"].iter().enumerate() {
        let name = format!("Politiker {}", i + 1);
        let mine: Vec<&str> = units[1..].iter().map(String::as_str).collect();
        skanderborg_politician(&app, &admin, &name, email, "Venstre", &mine).await;
    }
    let visitor = app.browser();
    let path = "/municipalities/skanderborg/people";
    visitor.get(path).await;
    let mut fewest = usize::MAX;
    for _ in 0..3 {
        let count = crate::helpers::queries::QueryCount::start();
        let r = visitor.get(path).await;
        assert_eq!(r.status, StatusCode::OK);
        fewest = fewest.min(count.take().len());
    }
    eprintln!("the people page: {fewest} statements");
    // The municipality, and the units with their people.
    assert!(fewest <= 2, "{fewest} statements");
}
