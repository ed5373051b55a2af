//! Accounts: registration, verification, sign-in, reset, the account page, CSRF, throttling,
//! the data download and deletion.

use chrono::Duration;
use reqwest::StatusCode;

use crate::helpers::{Options, PASSWORD, TestApp, attr, text, texts};

const RIKKE: &str = "rikke.berg@example.dk";

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&app.db).await.unwrap()
}

#[tokio::test]
async fn registration_errors_keep_what_was_typed_and_point_at_the_fields() {
    let app = TestApp::spawn().await;
    let person = app.browser();
    let r = person
        .post(
            "/register",
            &[
                ("name", "Rikke Berg"),
                ("email", "rikke@"),
                ("password", "kort"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        attr(&r.html, "#field-name", "value").as_deref(),
        Some("Rikke Berg")
    );
    assert_eq!(
        attr(&r.html, "#field-email", "value").as_deref(),
        Some("rikke@")
    );
    assert_eq!(
        attr(&r.html, "#field-password", "value").as_deref(),
        Some(""),
        "passwords are not sent back"
    );
    assert_eq!(
        text(&r.html, "#field-email-error"),
        "Fejl:Skriv en gyldig e-mailadresse, fx navn@eksempel.dk."
    );
    assert_eq!(
        attr(&r.html, "#field-email", "aria-invalid").as_deref(),
        Some("true")
    );
    assert!(
        attr(&r.html, "#field-password", "aria-describedby")
            .unwrap()
            .contains("field-password-error")
    );
    assert_eq!(texts(&r.html, ".error-summary a").len(), 2);

    let r = person
        .post(
            "/register",
            &[
                ("name", "Rikke"),
                ("email", RIKKE),
                ("password", "1234567890"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(text(&r.html, "#field-password-error").contains("blandt de mest brugte"));
    assert_eq!(count(&app, "SELECT count(*) FROM users").await, 0);
}

#[tokio::test]
async fn a_taken_email_gets_the_same_neutral_page_and_the_owner_is_told() {
    let app = TestApp::spawn().await;
    let first = app
        .browser()
        .post(
            "/register",
            &[("name", "Rikke"), ("email", RIKKE), ("password", PASSWORD)],
        )
        .await;
    let again = app
        .browser()
        .post(
            "/register",
            &[
                ("name", "Mallory"),
                ("email", "Rikke.Berg@example.dk"),
                ("password", "et helt andet kodeord"),
            ],
        )
        .await;
    assert_eq!(first.status, again.status);
    assert_eq!(first.location, again.location);
    assert_eq!(again.location.as_deref(), Some("/register/check-email"));
    let page = app.browser().get("/register/check-email").await;
    assert_eq!(text(&page.html, "h1"), "Tjek din e-mail");

    assert_eq!(count(&app, "SELECT count(*) FROM users").await, 1);
    let kinds: Vec<String> =
        sqlx::query_scalar("SELECT kind FROM outbox ORDER BY created_at, kind")
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert_eq!(kinds.len(), 2);
    assert!(
        kinds.contains(&"account.verify".to_string())
            && kinds.contains(&"account.already-registered".to_string())
    );
}

#[tokio::test]
async fn a_verification_link_shows_a_button_works_once_and_expires() {
    let app = TestApp::spawn().await;
    let person = app.registered_person("Rikke", RIKKE).await;
    let link = app.link_in_mail(RIKKE).await;
    assert!(link.starts_with("/account/verify/"));

    // A mail scanner opening the link twice uses nothing up.
    for _ in 0..2 {
        let page = person.get(&link).await;
        assert_eq!(page.status, StatusCode::OK);
        assert_eq!(
            text(&page.html, "main form button"),
            "Bekræft e-mailadresse"
        );
    }
    let account = person.get("/account").await;
    assert!(text(&account.html, ".notice-warning p").contains("ikke bekræftet"));

    let done = person.post(&link, &[]).await;
    assert_eq!(done.status, StatusCode::OK);
    assert_eq!(text(&done.html, "h1"), "Din e-mailadresse er bekræftet");
    let account = person.get("/account").await;
    assert!(texts(account.expect_page("Min konto"), ".notice-warning").is_empty());
    assert_eq!(
        person.post(&link, &[]).await.status,
        StatusCode::GONE,
        "used once"
    );

    // A second person's link expires after 48 hours.
    app.registered_person("Jens", "jens@example.dk").await;
    let link = app.link_in_mail("jens@example.dk").await;
    app.clock.advance(Duration::hours(48));
    assert_eq!(app.browser().get(&link).await.status, StatusCode::GONE);
    assert_eq!(
        app.browser().post(&link, &[]).await.status,
        StatusCode::GONE
    );
}

#[tokio::test]
async fn an_unverified_person_can_ask_for_the_link_again() {
    let app = TestApp::spawn().await;
    let person = app.registered_person("Rikke", RIKKE).await;
    let r = person.post("/account/verify-resend", &[]).await;
    assert_eq!(r.location.as_deref(), Some("/account?done=verify-sent"));
    assert_eq!(app.mails_to(RIKKE).await, 2);
}

#[tokio::test]
async fn signing_in_with_a_wrong_password_says_so_without_telling_which_part() {
    let app = TestApp::spawn().await;
    app.registered_person("Rikke", RIKKE).await;
    let stranger = app.browser();
    let wrong = stranger
        .post(
            "/sign-in",
            &[("email", RIKKE), ("password", "forkert kodeord")],
        )
        .await;
    let unknown = stranger
        .post(
            "/sign-in",
            &[
                ("email", "ingen@example.dk"),
                ("password", "forkert kodeord"),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        text(&wrong.html, "#sign-in-problem"),
        text(&unknown.html, "#sign-in-problem")
    );
    assert_eq!(
        attr(&wrong.html, "#field-email", "value").as_deref(),
        Some(RIKKE)
    );
}

#[tokio::test]
async fn the_session_cookie_is_httponly_lax_and_renewed_at_sign_in() {
    let app = TestApp::spawn().await;
    app.registered_person("Rikke", RIKKE).await;
    let response = app
        .client
        .post(app.url("/sign-in"))
        .header("origin", &app.address)
        .form(&[("email", RIKKE), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(cookie.starts_with("medspil_session="));
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));
    assert!(!cookie.contains("Secure"), "plain http in tests");
    assert_eq!(
        count(&app, "SELECT count(*) FROM sessions").await,
        2,
        "a new session, not the registration's"
    );
}

#[tokio::test]
async fn signing_out_ends_the_session() {
    let app = TestApp::spawn().await;
    let person = app.registered_person("Rikke", RIKKE).await;
    assert_eq!(person.get("/account").await.status, StatusCode::OK);
    let out = person.post("/sign-out", &[]).await;
    assert_eq!(out.location.as_deref(), Some("/"));
    let again = person.get("/account").await;
    assert_eq!(again.location.as_deref(), Some("/sign-in?next=%2Faccount"));
    assert_eq!(count(&app, "SELECT count(*) FROM sessions").await, 0);
}

#[tokio::test]
async fn a_session_expires_after_14_idle_days_or_90_days_in_all() {
    let app = TestApp::spawn().await;
    let person = app.registered_person("Rikke", RIKKE).await;
    for _ in 0..6 {
        app.clock.advance(Duration::days(13));
        assert_eq!(person.get("/account").await.status, StatusCode::OK);
    }
    app.clock.advance(Duration::days(13));
    assert_eq!(
        person.get("/account").await.status,
        StatusCode::SEE_OTHER,
        "91 days after signing in"
    );

    let other = app.registered_person("Jens", "jens@example.dk").await;
    app.clock.advance(Duration::days(14) + Duration::minutes(1));
    assert_eq!(
        other.get("/account").await.status,
        StatusCode::SEE_OTHER,
        "14 days unused"
    );
}

#[tokio::test]
async fn anonymous_pages_create_no_session() {
    let app = TestApp::spawn().await;
    let visitor = app.browser();
    for path in [
        "/",
        "/municipalities",
        "/municipalities/skanderborg",
        "/sign-in",
        "/register",
        "/nowhere",
    ] {
        visitor.get(path).await;
    }
    visitor
        .post(
            "/sign-in",
            &[("email", RIKKE), ("password", "forkert kodeord")],
        )
        .await;
    assert_eq!(count(&app, "SELECT count(*) FROM sessions").await, 0);
}

#[tokio::test]
async fn a_cross_site_post_and_a_post_without_origin_are_refused() {
    let app = TestApp::spawn().await;
    let person = app.registered_person("Rikke", RIKKE).await;
    let form = [("name", "Mallory"), ("language", "da")];

    let cross = person
        .post_with(
            "/account/profile",
            &form,
            &[
                ("origin", "https://evil.example"),
                ("sec-fetch-site", "cross-site"),
            ],
        )
        .await;
    assert_eq!(cross.status, StatusCode::FORBIDDEN);
    assert_eq!(text(&cross.html, "h1"), "Formularen kom fra et andet sted");
    let bare = person.post_with("/account/profile", &form, &[]).await;
    assert_eq!(bare.status, StatusCode::FORBIDDEN);
    let origin_only = person
        .post_with(
            "/account/profile",
            &form,
            &[("origin", "https://evil.example")],
        )
        .await;
    assert_eq!(origin_only.status, StatusCode::FORBIDDEN);
    assert_eq!(
        count(&app, "SELECT count(*) FROM users WHERE name = 'Mallory'").await,
        0
    );

    let same = person
        .post_with(
            "/account/profile",
            &form,
            &[("sec-fetch-site", "same-origin")],
        )
        .await;
    assert_eq!(same.status, StatusCode::SEE_OTHER);
    assert_eq!(
        count(&app, "SELECT count(*) FROM users WHERE name = 'Mallory'").await,
        1
    );
}

#[tokio::test]
async fn a_reset_link_works_once_within_an_hour_and_ends_other_sessions() {
    let app = TestApp::spawn().await;
    let laptop = app.registered_person("Rikke", RIKKE).await;
    let phone = app.browser();
    phone
        .post("/sign-in", &[("email", RIKKE), ("password", PASSWORD)])
        .await;

    // Unknown addresses get the same answer.
    let unknown = app
        .browser()
        .post("/password/forgot", &[("email", "ingen@example.dk")])
        .await;
    let known = app
        .browser()
        .post("/password/forgot", &[("email", RIKKE)])
        .await;
    assert_eq!(text(&unknown.html, "main"), text(&known.html, "main"));
    app.run_jobs().await;
    assert_eq!(app.mails_to("ingen@example.dk").await, 0);

    let link = app.link_in_mail(RIKKE).await;
    assert!(link.starts_with("/password/reset/"));
    let someone = app.browser();
    assert_eq!(someone.get(&link).await.status, StatusCode::OK);
    let short = someone.post(&link, &[("password", "kort")]).await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    let done = someone
        .post(&link, &[("password", "et nyt og langt kodeord")])
        .await;
    assert_eq!(done.location.as_deref(), Some("/account?done=password"));
    assert_eq!(
        someone.get("/account").await.status,
        StatusCode::OK,
        "signed in with the new password"
    );
    assert_eq!(
        laptop.get("/account").await.status,
        StatusCode::SEE_OTHER,
        "other sessions ended"
    );
    assert_eq!(phone.get("/account").await.status, StatusCode::SEE_OTHER);
    assert_eq!(
        someone
            .post(&link, &[("password", "endnu et nyt kodeord")])
            .await
            .status,
        StatusCode::GONE
    );

    let r = app
        .browser()
        .post(
            "/sign-in",
            &[("email", RIKKE), ("password", "et nyt og langt kodeord")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);

    app.browser()
        .post("/password/forgot", &[("email", RIKKE)])
        .await;
    app.run_jobs().await;
    let late = app.link_in_mail(RIKKE).await;
    app.clock.advance(Duration::hours(1));
    assert_eq!(app.browser().get(&late).await.status, StatusCode::GONE);
}

#[tokio::test]
async fn changing_the_password_keeps_this_session_and_ends_the_others() {
    let app = TestApp::spawn().await;
    let laptop = app.registered_person("Rikke", RIKKE).await;
    let phone = app.browser();
    phone
        .post("/sign-in", &[("email", RIKKE), ("password", PASSWORD)])
        .await;

    let wrong = laptop
        .post(
            "/account/password",
            &[
                ("current_password", "forkert"),
                ("password", "et nyt og langt kodeord"),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        text(&wrong.html, "#password-current_password-error"),
        "Fejl:Adgangskoden er forkert."
    );

    let ok = laptop
        .post(
            "/account/password",
            &[
                ("current_password", PASSWORD),
                ("password", "et nyt og langt kodeord"),
            ],
        )
        .await;
    assert_eq!(ok.location.as_deref(), Some("/account?done=password"));
    assert_eq!(laptop.get("/account").await.status, StatusCode::OK);
    assert_eq!(phone.get("/account").await.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn the_account_lists_sessions_and_can_sign_out_everywhere_else() {
    let app = TestApp::spawn().await;
    let laptop = app.registered_person("Rikke", RIKKE).await;
    let phone = app.browser();
    phone
        .post("/sign-in", &[("email", RIKKE), ("password", PASSWORD)])
        .await;
    let page = laptop.get("/account").await;
    let sessions = texts(&page.html, "li.session");
    assert_eq!(sessions.len(), 2, "laptop and phone: {sessions:?}");
    assert!(sessions.iter().all(|s| s.starts_with("Firefox på Linux")));
    assert_eq!(
        sessions
            .iter()
            .filter(|s| s.contains("denne browser"))
            .count(),
        1
    );

    laptop.post("/account/sessions/end-others", &[]).await;
    assert_eq!(phone.get("/account").await.status, StatusCode::SEE_OTHER);
    assert_eq!(
        texts(&laptop.get("/account").await.html, "li.session").len(),
        1
    );
}

#[tokio::test]
async fn a_new_email_takes_effect_only_once_confirmed() {
    let app = TestApp::spawn().await;
    let person = app.verified_person("Rikke", RIKKE).await;
    let r = person
        .post(
            "/account/email",
            &[("email", "rikke@assens.dk"), ("current_password", PASSWORD)],
        )
        .await;
    assert_eq!(r.location.as_deref(), Some("/account?done=email-sent"));
    let current: String = sqlx::query_scalar("SELECT email FROM users")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(current, RIKKE);

    let link = app.link_in_mail("rikke@assens.dk").await;
    assert_eq!(person.post(&link, &[]).await.status, StatusCode::OK);
    let current: String = sqlx::query_scalar("SELECT email FROM users")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(current, "rikke@assens.dk");
}

#[tokio::test]
async fn throttling_slows_an_attacker_without_locking_the_owner_out() {
    let app = TestApp::spawn_with(Options {
        env: [("MEDSPIL_TRUSTED_PROXIES", "127.0.0.1".to_string())].into(),
        ..Default::default()
    })
    .await;
    app.registered_person("Rikke", RIKKE).await;
    let attacker = app.browser();
    let from = |ip: &'static str| [("origin", app.address.as_str()), ("x-forwarded-for", ip)];
    let attacker_headers = from("203.0.113.9");
    for _ in 0..5 {
        let r = attacker
            .post_with(
                "/sign-in",
                &[("email", RIKKE), ("password", "gæt et kodeord")],
                &attacker_headers,
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    // Past the allowance the attacker must wait — even with the right password.
    let r = attacker
        .post_with(
            "/sign-in",
            &[("email", RIKKE), ("password", PASSWORD)],
            &attacker_headers,
        )
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(text(&r.html, "#sign-in-problem").contains("for mange forsøg"));

    // The owner, from her own address, signs in at once.
    let owner = app.browser();
    let r = owner
        .post_with(
            "/sign-in",
            &[("email", RIKKE), ("password", PASSWORD)],
            &from("198.51.100.7"),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);

    // The attacker's wait grows with each failure, and passes.
    app.clock.advance(Duration::seconds(1));
    let r = attacker
        .post_with(
            "/sign-in",
            &[("email", RIKKE), ("password", "gæt igen kodeord")],
            &attacker_headers,
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    app.clock.advance(Duration::seconds(1));
    let r = attacker
        .post_with(
            "/sign-in",
            &[("email", RIKKE), ("password", PASSWORD)],
            &attacker_headers,
        )
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "now two seconds");
    app.clock.advance(Duration::seconds(1));
    let r = attacker
        .post_with(
            "/sign-in",
            &[("email", RIKKE), ("password", PASSWORD)],
            &attacker_headers,
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn the_data_download_holds_the_persons_records() {
    let app = TestApp::spawn().await;
    let person = app.verified_person("Rikke Berg", RIKKE).await;
    let r = person.get("/account/data.json").await;
    assert_eq!(r.status, StatusCode::OK);
    let data: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(data["account"]["name"], "Rikke Berg");
    assert_eq!(data["account"]["email"], RIKKE);
    assert!(data["account"]["email_verified_at"].is_string());
    assert!(!data["sessions"].as_array().unwrap().is_empty());
    assert_eq!(
        data["emails"][0]["subject"],
        "Bekræft din e-mailadresse på Medspil"
    );
    assert!(data["roles"].is_array());
    assert_eq!(
        app.browser().get("/account/data.json").await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn deleting_the_account_removes_the_person() {
    let app = TestApp::spawn().await;
    let person = app.verified_person("Rikke Berg", RIKKE).await;
    let wrong = person
        .post(
            "/account/delete",
            &[("current_password", "forkert kodeord")],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);

    let r = person
        .post("/account/delete", &[("current_password", PASSWORD)])
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(text(&r.html, "h1"), "Din konto er slettet");
    assert_eq!(person.get("/account").await.status, StatusCode::SEE_OTHER);
    let left: (String, Option<String>, bool) =
        sqlx::query_as("SELECT name, email, deleted_at IS NOT NULL FROM users")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(left, (String::new(), None, true));
    assert_eq!(count(&app, "SELECT count(*) FROM sessions").await, 0);
    assert_eq!(count(&app, "SELECT count(*) FROM outbox").await, 0);
    let again = app
        .browser()
        .post("/sign-in", &[("email", RIKKE), ("password", PASSWORD)])
        .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    // The address is free for a new account.
    app.verified_person("Rikke Berg", RIKKE).await;
}

#[tokio::test]
async fn the_header_shows_who_is_signed_in() {
    let app = TestApp::spawn().await;
    let visitor = app.browser().get("/").await;
    assert!(texts(&visitor.html, ".account-links a").contains(&"Log ind".to_string()));
    let person = app.registered_person("Rikke Berg", RIKKE).await;
    let page = person.get("/").await;
    assert!(
        texts(&page.html, ".account-links a")
            .iter()
            .any(|t| t.starts_with("Min konto"))
    );
    assert_eq!(text(&page.html, ".account-links button"), "Log ud");
}

#[tokio::test]
async fn the_data_page_shows_each_part_of_the_download_under_its_heading() {
    use crate::helpers::salons::{create_salon, publish, published_salon, salon_form};
    let app = TestApp::spawn().await;
    let admin = app.municipality_admin("skanderborg").await;
    let carl = app.verified_person("Carl Borger", "carl@example.dk").await;
    // A salon he hosts, with an invitation and its message…
    let hosted = published_salon(&app, &carl, Some(20)).await;
    crate::helpers::fixtures::invited_department(&app, &admin, &carl, &hosted.path).await;
    // …a registration for someone else's salon, and a report of it.
    let nina = app.verified_person("Nina Nabo", "nina@example.dk").await;
    let other = create_salon(&nina, &salon_form(&app, "Stien langs søen", None)).await;
    publish(&nina, &other).await;
    let r = carl.post(&format!("{}/register", other.path), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = carl
        .post(
            &format!("{}/report", other.path),
            &[("category", "spam"), ("note", "Ligner en reklame.")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    let account = carl.get("/account").await;
    assert_eq!(
        attr(&account.html, "a[href='/account/data']", "href").as_deref(),
        Some("/account/data")
    );
    let page = carl.get("/account/data").await;
    let html = page.expect_page("Dine data på Medspil");
    for (section, value) in [
        ("account", "carl@example.dk"),
        ("salons-hosted", "Liv i Ry bymidte"),
        ("registrations", "Stien langs søen"),
        ("invitations", "Kom og hør, hvad vi mener om stien."),
        ("moderation", "Ligner en reklame."),
        ("emails", "Bekræft din e-mailadresse på Medspil"),
    ] {
        let shown = texts(html, &format!("section[aria-labelledby=data-{section}]")).join(" ");
        assert!(
            shown.contains(value),
            "no {value:?} under {section}: {shown}"
        );
    }
    // Every part of the download has its section, in the download's order, with a heading
    // from the locale files.
    let data: serde_json::Value =
        serde_json::from_str(&carl.get("/account/data.json").await.body).unwrap();
    let keys: Vec<String> = data
        .as_object()
        .unwrap()
        .keys()
        .map(|k| format!("data-{}", k.replace('_', "-")))
        .collect();
    let ids: Vec<String> = {
        let sel = scraper::Selector::parse(".data-section h2").unwrap();
        html.select(&sel)
            .filter_map(|h| h.value().attr("id").map(str::to_string))
            .collect()
    };
    assert_eq!(ids, keys);
    assert!(!page.body.contains("account-data-section"), "{}", page.body);
    assert_eq!(
        app.browser().get("/account/data").await.status,
        StatusCode::SEE_OTHER
    );
}
