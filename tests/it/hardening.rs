//! What a security review of the public site found, each kept fixed: no parser text in error
//! pages, caching that never keeps one person's page for another, a security.txt, invitations
//! that cannot be dodged with a +tag, summaries shown by one rule everywhere, and invite-only
//! salons seen only by a confirmed invited address.

use reqwest::StatusCode;
use scraper::Html;

use crate::helpers::{Options, TestApp, text};

/// Parser words axum's own refusals would show.
const PARSER_TEXT: [&str; 5] = [
    "UUID",
    "Invalid URL",
    "Failed to deserialize",
    "Form requests must have",
    "missing field",
];

/// A raw request's status, content type and body.
async fn raw(app: &TestApp, request: reqwest::RequestBuilder) -> (StatusCode, String, String) {
    let _ = app;
    let r = request.send().await.unwrap();
    let status = r.status();
    let content_type = r
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    (status, content_type, r.text().await.unwrap())
}

#[tokio::test]
async fn malformed_paths_queries_and_forms_get_the_friendly_page_without_parser_text() {
    let app = TestApp::spawn().await;
    let cases = [
        // A path segment that is not a UUID (Path), a query without its field (Query).
        (
            app.client.get(app.url("/dev/mailbox/not-a-uuid")),
            StatusCode::NOT_FOUND,
            "Siden findes ikke",
        ),
        (
            app.client.get(app.url("/language?next=/")),
            StatusCode::NOT_FOUND,
            "Siden findes ikke",
        ),
        // A form body of the wrong type (Form).
        (
            app.client
                .post(app.url("/sign-in"))
                .header("origin", &app.address)
                .header("content-type", "text/plain")
                .body("email=x"),
            StatusCode::BAD_REQUEST,
            "Forespørgslen kunne ikke forstås",
        ),
        // A method the route does not have.
        (
            app.client
                .delete(app.url("/sign-in"))
                .header("origin", &app.address),
            StatusCode::METHOD_NOT_ALLOWED,
            "Forespørgslen kunne ikke forstås",
        ),
    ];
    for (request, status, title) in cases {
        let (got, content_type, body) = raw(&app, request).await;
        assert_eq!(got, status, "{body}");
        assert!(
            content_type.starts_with("text/html"),
            "{content_type}: {body}"
        );
        let html = Html::parse_document(&body);
        assert_eq!(text(&html, "h1"), title);
        for words in PARSER_TEXT {
            assert!(!body.contains(words), "{words:?} shown: {body}");
        }
    }
}

/// The one `Vary` header of a response (there must be exactly one).
fn one_vary(headers: &reqwest::header::HeaderMap) -> String {
    let all: Vec<_> = headers.get_all("vary").iter().collect();
    assert_eq!(all.len(), 1, "one Vary header, not {all:?}");
    all[0].to_str().unwrap().to_lowercase()
}

#[tokio::test]
async fn pages_are_never_stored_for_someone_signed_in_and_vary_is_one_header() {
    let app = TestApp::spawn().await;
    let get = |path: &str, client: &reqwest::Client| {
        client
            .get(app.url(path))
            .header("accept-encoding", "gzip")
            .send()
    };
    // A visitor's page may be kept, but must be checked again.
    let visitor = reqwest::Client::new();
    for path in ["/", "/salons", "/nowhere"] {
        let r = get(path, &visitor).await.unwrap();
        assert_eq!(r.headers()["cache-control"], "no-cache", "{path}");
        assert_eq!(r.headers()["content-encoding"], "gzip", "{path}");
        let vary = one_vary(r.headers());
        for name in ["accept-encoding", "cookie", "accept-language"] {
            assert!(vary.contains(name), "{path}: Vary: {vary}");
        }
    }
    // A signed-in person's pages are theirs alone.
    let person = app.verified_person("Rikke", "rikke.berg@example.dk").await;
    for path in ["/", "/account", "/nowhere"] {
        let r = get(path, &person.client).await.unwrap();
        assert_eq!(r.headers()["cache-control"], "private, no-store", "{path}");
        let vary = one_vary(r.headers());
        for name in ["accept-encoding", "cookie", "accept-language"] {
            assert!(vary.contains(name), "{path}: Vary: {vary}");
        }
    }
    // Assets keep their own long caching.
    let page = app.page("/", StatusCode::OK).await;
    let css = crate::helpers::attr(&page, "link[rel=stylesheet]", "href").unwrap();
    let r = get(&css, &visitor).await.unwrap();
    assert!(
        r.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    assert_eq!(r.headers().get_all("vary").iter().count(), 1);
}

#[tokio::test]
async fn security_txt_names_the_operator_and_expires_a_year_ahead() {
    let app = TestApp::spawn_with(Options {
        env: [(
            "MEDSPIL_OPERATOR_EMAIL",
            "sikkerhed@medspil.example".to_string(),
        )]
        .into(),
        ..Default::default()
    })
    .await;
    let r = app.get("/.well-known/security.txt").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain")
    );
    let body = r.text().await.unwrap();
    let lines: Vec<&str> = body.lines().collect();
    assert!(
        lines.contains(&"Contact: mailto:sikkerhed@medspil.example"),
        "{body}"
    );
    // The test clock stands at 2026-12-01 09:00 UTC.
    assert!(lines.contains(&"Expires: 2027-12-01T09:00:00Z"), "{body}");
    assert!(
        lines.contains(&format!("Canonical: {}/.well-known/security.txt", app.address).as_str()),
        "{body}"
    );

    // Without an operator address there is no one to name.
    let nobody = TestApp::spawn().await;
    let r = nobody.get("/.well-known/security.txt").await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}
