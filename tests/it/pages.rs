//! The page frame, the municipalities, error pages, headers and health.

use reqwest::StatusCode;
use scraper::Html;

use crate::helpers::{Options, TestApp, attr, text, texts};

#[tokio::test]
async fn the_front_page_speaks_danish_by_default() {
    let app = TestApp::spawn().await;
    let page = app.page("/", StatusCode::OK).await;
    assert_eq!(attr(&page, "html", "lang").as_deref(), Some("da"));
    assert_eq!(
        text(&page, "h1"),
        "Borgerne inviterer kommunen med i samtalen"
    );
    assert!(text(&page, ".skip-link").contains("Gå til indhold"));
    assert_eq!(attr(&page, "main", "id").as_deref(), Some("main"));
    assert!(texts(&page, "footer a").contains(&"Privatlivspolitik".to_string()));
}

#[tokio::test]
async fn the_front_page_speaks_english_to_an_english_browser() {
    let app = TestApp::spawn().await;
    let response = app.get_in("/", "en-GB,en;q=0.9").await;
    let page = Html::parse_document(&response.text().await.unwrap());
    assert_eq!(attr(&page, "html", "lang").as_deref(), Some("en"));
    assert_eq!(
        text(&page, "h1"),
        "Citizens invite the municipality into the conversation"
    );
}

#[tokio::test]
async fn the_language_switch_remembers_the_choice_and_returns_to_the_page() {
    let app = TestApp::spawn().await;
    let page = app.page("/municipalities", StatusCode::OK).await;
    let switch = attr(&page, "a.lang-switch", "href").unwrap();
    assert_eq!(switch, "/language?lang=en&next=%2Fmunicipalities");

    let response = app.get(&switch).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/municipalities");
    // The cookie now wins over a Danish browser.
    let page = Html::parse_document(
        &app.get_in("/municipalities", "da")
            .await
            .text()
            .await
            .unwrap(),
    );
    assert_eq!(attr(&page, "html", "lang").as_deref(), Some("en"));
}

#[tokio::test]
async fn the_language_switch_never_redirects_off_the_site() {
    let app = TestApp::spawn().await;
    for next in [
        "https%3A%2F%2Fevil.example",
        "%2F%2Fevil.example",
        "%2F%5Cevil.example",
    ] {
        let response = app.get(&format!("/language?lang=en&next={next}")).await;
        assert_eq!(response.headers()["location"], "/", "next={next}");
    }
    assert_eq!(
        app.get("/language?lang=xx").await.status(),
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn all_98_municipalities_are_listed_by_region() {
    let app = TestApp::spawn().await;
    let page = app.page("/municipalities", StatusCode::OK).await;
    assert_eq!(texts(&page, ".region li a").len(), 98);
    assert_eq!(
        texts(&page, ".region h2"),
        [
            "Region Hovedstaden",
            "Region Midtjylland",
            "Region Nordjylland",
            "Region Sjælland",
            "Region Syddanmark"
        ]
    );
    let midt = texts(&page, ".region:nth-of-type(2) li a");
    assert!(midt.contains(&"Skanderborg".to_string()));
    // Danish order: Aarhus (Aa) comes last, after Ø.
    assert_eq!(midt.last().map(String::as_str), Some("Aarhus"));
}

#[tokio::test]
async fn a_municipality_page_shows_its_units() {
    let app = TestApp::spawn().await;
    sqlx::query(
        "INSERT INTO units (id, municipality_code, kind, name, slug, created_at)
         VALUES (gen_random_uuid(), '0746', 'department', 'Teknik og Miljø', 'teknik-og-miljoe', $1),
                (gen_random_uuid(), '0746', 'council', 'Byrådet', 'byraadet', $1)",
    )
    .bind(app.clock.now())
    .execute(&app.db)
    .await
    .unwrap();
    let page = app
        .page("/municipalities/skanderborg", StatusCode::OK)
        .await;
    assert_eq!(text(&page, "h1"), "Skanderborg Kommune");
    let units = texts(&page, ".unit h3");
    assert!(
        units.contains(&"Teknik og Miljø".to_string()) && units.contains(&"Byrådet".to_string())
    );
}

#[tokio::test]
async fn an_unknown_municipality_is_a_danish_404_page_in_the_frame() {
    let app = TestApp::spawn().await;
    let page = app
        .page("/municipalities/atlantis", StatusCode::NOT_FOUND)
        .await;
    assert_eq!(text(&page, "h1"), "Siden findes ikke");
    assert_eq!(attr(&page, "html", "lang").as_deref(), Some("da"));
    assert_eq!(texts(&page, "header .brand"), ["Medspil"]);

    let page = app.page("/no/such/page", StatusCode::NOT_FOUND).await;
    assert_eq!(text(&page, "h1"), "Siden findes ikke");
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = TestApp::spawn().await;
    for path in ["/", "/municipalities", "/nowhere", "/healthz"] {
        let response = app.get(path).await;
        let h = response.headers();
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(
            csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
            "{path}: {csp}"
        );
        assert!(csp.contains("frame-ancestors 'none'"), "{path}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(
            h["referrer-policy"], "strict-origin-when-cross-origin",
            "{path}"
        );
        assert!(h.contains_key("x-request-id"), "{path}");
    }
}

#[tokio::test]
async fn the_favicon_and_the_touch_icon_are_fingerprinted_and_cached_for_a_year() {
    let app = TestApp::spawn().await;
    let page = app.page("/", StatusCode::OK).await;
    for (selector, prefix, suffix, kind) in [
        (
            "link[rel=icon]",
            "/static/favicon-",
            ".svg",
            "image/svg+xml",
        ),
        (
            "link[rel=apple-touch-icon]",
            "/static/touch-icon-",
            ".png",
            "image/png",
        ),
    ] {
        let href = attr(&page, selector, "href").unwrap();
        assert!(href.starts_with(prefix) && href.ends_with(suffix), "{href}");
        let response = app.get(&href).await;
        assert_eq!(response.status(), StatusCode::OK, "{href}");
        assert_eq!(response.headers()["content-type"], kind);
        assert_eq!(
            response.headers()["cache-control"],
            "public, max-age=31536000, immutable"
        );
    }
}

#[tokio::test]
async fn the_stylesheet_is_fingerprinted_and_cached_for_a_year() {
    let app = TestApp::spawn().await;
    let page = app.page("/", StatusCode::OK).await;
    let href = attr(&page, "link[rel=stylesheet]", "href").unwrap();
    assert!(
        href.starts_with("/static/site-") && href.ends_with(".css"),
        "{href}"
    );
    let response = app
        .client
        .get(app.url(&href))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(response.headers()["content-encoding"], "gzip");
    assert_eq!(
        app.get("/static/site-0000000000.css").await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn an_oversized_body_is_refused() {
    let app = TestApp::spawn().await;
    let body = vec![b'a'; 70 * 1024];
    let response = app
        .client
        .post(app.url("/"))
        .body(body)
        .send()
        .await
        .unwrap();
    assert!(response.status().is_client_error(), "{}", response.status());
}

#[tokio::test]
async fn the_privacy_policy_and_accessibility_statement_name_the_operator() {
    let app = TestApp::spawn_with(Options {
        env: [
            ("MEDSPIL_OPERATOR_NAME", "Skanderborg Kommune".to_string()),
            ("MEDSPIL_OPERATOR_EMAIL", "dpo@skanderborg.dk".to_string()),
            (
                "MEDSPIL_ACCESSIBILITY_URL",
                "https://www.was.digst.dk/skanderborg-dk".to_string(),
            ),
        ]
        .into(),
        ..Default::default()
    })
    .await;
    let page = app.page("/privacy", StatusCode::OK).await;
    assert_eq!(text(&page, "h1"), "Privatlivspolitik");
    assert!(text(&page, "main").contains("drives af Skanderborg Kommune"));
    assert!(
        attr(&page, "a[href^=mailto]", "href")
            .unwrap()
            .ends_with("dpo@skanderborg.dk")
    );
    let page = app.page("/accessibility", StatusCode::OK).await;
    assert_eq!(text(&page, "h1"), "Tilgængelighedserklæring");
    assert!(
        texts(&page, "main a").contains(&"https://www.was.digst.dk/skanderborg-dk".to_string())
    );
}

#[tokio::test]
async fn an_error_page_shows_a_signed_in_person_as_signed_in() {
    let app = TestApp::spawn().await;
    let person = app.verified_person("Carl Borger", "carl@example.dk").await;
    let page = person.get("/der-er-ingen-side-her").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    let header = text(&page.html, ".account-links");
    assert!(
        header.contains("Min konto") && !header.contains("Log ind"),
        "{header}"
    );
}
