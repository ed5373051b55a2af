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

/// `host` invites `email` to `salon` by email.
async fn invites(
    host: &crate::helpers::browser::Browser,
    salon: &crate::helpers::salons::SalonRef,
    email: &str,
) -> crate::helpers::browser::Response {
    host.post(
        &format!("{}/invitations", salon.path),
        &[
            ("target", "email"),
            ("email", email),
            ("message", "Kom og hør, hvad vi mener om stien langs søen."),
        ],
    )
    .await
}

/// The invitee at `email` presses "send mig ikke flere invitationer" in the newest mail.
async fn says_stop(app: &TestApp, email: &str) {
    let body: String = sqlx::query_scalar(
        "SELECT body_text FROM outbox WHERE to_address = $1 ORDER BY seq DESC LIMIT 1",
    )
    .bind(email)
    .fetch_one(&app.db)
    .await
    .unwrap();
    let start = body.find("/invitations/stop/").expect("a stop link");
    let link = body[start..].split_whitespace().next().unwrap();
    let r = app.browser().post(link, &[]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}

#[tokio::test]
async fn a_stop_from_one_address_holds_for_every_plus_tag_of_its_mailbox() {
    use crate::helpers::salons::published_salon;
    let app = TestApp::spawn().await;
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    let salon = published_salon(&app, &host, Some(20)).await;
    let r = invites(&host, &salon, "victim@example.org").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    says_stop(&app, "victim@example.org").await;
    for tagged in ["victim+x@example.org", "Victim+salon@Example.org"] {
        let r = invites(&host, &salon, tagged).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{tagged}");
        assert!(r.body.contains("ikke at få flere invitationer"), "{tagged}");
        assert_eq!(app.mails_to(tagged).await, 0, "{tagged}");
    }

    // A stop from a tagged address stops the mailbox itself and its other tags.
    let r = invites(&host, &salon, "nabo+salon@example.org").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    says_stop(&app, "nabo+salon@example.org").await;
    for other in ["nabo@example.org", "nabo+andet@example.org"] {
        let r = invites(&host, &salon, other).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{other}");
    }
}

#[tokio::test]
async fn a_summary_by_a_brand_new_host_shows_its_links_as_text_on_the_decision_page_too() {
    use crate::helpers::salons::{create_salon, publish, salon_form, set};
    use chrono::Duration;
    let app = TestApp::spawn().await;
    let (_, _, _, decision) = crate::decisions::skanderborg_with_a_decision(&app).await;
    let id = decision.rsplit('/').next().unwrap().to_string();
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    let form = set(salon_form(&app, "Stien og os", Some(20)), "decision", &id);
    let salon = create_salon(&host, &form).await;
    publish(&host, &salon).await;
    app.clock.advance(Duration::days(5));
    app.run_jobs().await;
    let r = host
        .post(
            &format!("{}/summary", salon.path),
            &[
                (
                    "summary",
                    "Se [kortet](https://example.dk/kort) over stien.",
                ),
                ("action", "publish"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // A brand-new account becomes co-host: its links are text wherever the summary shows.
    let yrsa = app.verified_person("Yrsa Ung", "yrsa@example.dk").await;
    crate::helpers::salons::add_cohost(&app, &host, &salon.path, &yrsa, "yrsa@example.dk").await;
    let salon_page = app.titled(&salon.path, "Stien og os").await;
    let decision_page = app.titled(&decision, "Ny sti langs Skanderborg Sø").await;
    for (page, summary) in [
        (&salon_page, ".salon-summary .summary-text"),
        (&decision_page, ".decision-salon .summary-text"),
    ] {
        assert!(
            crate::helpers::texts(page, &format!("{summary} a")).is_empty(),
            "{summary}: a link from a day-old account"
        );
        assert!(text(page, summary).contains("kortet (https://example.dk/kort)"));
    }
    // A day later both show the link.
    app.clock.advance(Duration::days(1));
    let salon_page = app.page(&salon.path, StatusCode::OK).await;
    let decision_page = app.page(&decision, StatusCode::OK).await;
    for (page, summary) in [
        (&salon_page, ".salon-summary .summary-text a"),
        (&decision_page, ".decision-salon .summary-text a"),
    ] {
        assert_eq!(
            crate::helpers::attr(page, summary, "href").as_deref(),
            Some("https://example.dk/kort")
        );
    }
}

#[tokio::test]
async fn only_a_confirmed_address_counts_as_invited_to_an_invite_only_salon() {
    use crate::helpers::salons::{create_salon, publish, salon_form, set};
    let app = TestApp::spawn().await;
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    let form = set(
        salon_form(&app, "Kun for inviterede", None),
        "visibility",
        "invite_only",
    );
    let salon = create_salon(&host, &form).await;
    publish(&host, &salon).await;
    let r = invites(&host, &salon, "gaest@example.dk").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    // Someone registers claiming the invited address, without being able to read its mail.
    let claimant = app.registered_person("Mallory", "gaest@example.dk").await;
    assert_eq!(
        claimant.get(&salon.path).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        claimant
            .get(&format!("{}/calendar.ics", salon.path))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // Confirming the address (reading its mail) is what makes the invitation theirs.
    let link = app.link_in_mail("gaest@example.dk").await;
    assert!(link.starts_with("/account/verify/"), "{link}");
    assert_eq!(claimant.post(&link, &[]).await.status, StatusCode::OK);
    assert_eq!(claimant.get(&salon.path).await.status, StatusCode::OK);
}
