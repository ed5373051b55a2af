//! The poster (`/salons/{key}/poster`) and sharing a salon from its page: what each shows by
//! the address rule and the visibility rule, the phone number typed at print time that is
//! never stored or logged, and the share links' encoding.

use reqwest::StatusCode;
use scraper::Html;

use crate::helpers::browser::Browser;
use crate::helpers::fixtures::invited_department;
use crate::helpers::logs::LogCapture;
use crate::helpers::salons::{SalonRef, create_salon, published_from, salon_form, set};
use crate::helpers::{TestApp, attr, text, texts};

async fn host(app: &TestApp) -> Browser {
    app.verified_person("Carl Borger", "carl@example.dk").await
}

/// `who` opens the poster of `salon` with `query`, expecting `status`.
async fn poster(who: &Browser, salon: &SalonRef, query: &str, status: StatusCode) -> Html {
    let r = who.get(&format!("{}/poster{query}", salon.path)).await;
    assert_eq!(r.status, status, "{}", r.body);
    r.html
}

#[tokio::test]
async fn the_poster_shows_the_salon_its_public_address_a_map_link_and_a_qr_code_to_its_page() {
    let app = TestApp::spawn().await;
    let host = host(&app).await;
    let salon = published_from(&host, &salon_form(&app, "Liv i Ry bymidte", Some(20))).await;

    let page = poster(&app.browser(), &salon, "", StatusCode::OK).await;
    assert_eq!(text(&page, "h2.poster-title"), "Liv i Ry bymidte");
    assert_eq!(
        text(&page, ".poster-question"),
        "Hvordan får vi mere liv i Ry bymidte?"
    );
    let sessions = texts(&page, ".poster-sessions li");
    assert_eq!(sessions.len(), 1);
    assert!(sessions[0].ends_with("kl. 14.00–16.00"), "{sessions:?}");
    assert_eq!(text(&page, ".poster-town"), "Ry");
    assert_eq!(
        text(&page, ".poster-place"),
        "Ry Bibliotek, Klostervej 1, 8680 Ry"
    );
    assert_eq!(
        attr(&page, ".poster-map a", "href").as_deref(),
        Some("https://www.openstreetmap.org/search?query=Klostervej%201%2C%208680%20Ry")
    );
    let url = app.url(&salon.path);
    assert_eq!(
        text(&page, ".poster-address"),
        url.trim_start_matches("http://")
    );
    // The code is drawn on the server, in the page: no image to fetch, no inline style.
    let qr = page
        .select(&scraper::Selector::parse(".poster-qr-box svg.poster-qr path").unwrap())
        .count();
    assert_eq!(qr, 1, "one path draws the code");
    assert_eq!(
        attr(&page, ".poster-qr-box", "aria-label").as_deref(),
        Some("QR-kode til salonens side")
    );
    let body = page.html();
    assert!(
        !body.contains("style=") && !body.contains("<?xml"),
        "{body}"
    );
    assert!(texts(&page, ".poster-phone").is_empty());
}

#[tokio::test]
async fn a_poster_of_a_salon_keeping_its_address_for_registered_people_shows_only_the_town() {
    let app = TestApp::spawn().await;
    let host = host(&app).await;
    let form = set(
        salon_form(&app, "Hemmelig adresse", None),
        "address_private",
        "on",
    );
    let salon = published_from(&host, &form).await;

    // Even its host, who sees the address on the salon page, prints a poster without it.
    for who in [&host, &app.browser()] {
        let page = poster(who, &salon, "", StatusCode::OK).await;
        assert_eq!(text(&page, ".poster-town"), "Ry");
        assert_eq!(
            text(&page, ".poster-place-private"),
            "Adressen får du, når du tilmelder dig."
        );
        assert!(texts(&page, ".poster-place, .poster-map").is_empty());
        assert!(!page.html().contains("Klostervej"));
    }
}

#[tokio::test]
async fn the_poster_says_who_has_said_yes_in_the_same_lines_as_the_salon_page() {
    let app = TestApp::spawn().await;
    let host = host(&app).await;
    let salon = published_from(&host, &salon_form(&app, "Stien langs søen", None)).await;
    let admin = app.municipality_admin("skanderborg").await;
    let invitation = invited_department(&app, &admin, &host, &salon.path).await;
    let olga = app.signed_in("olga@skanderborg.dk").await;
    let role: String = sqlx::query_scalar(
        "SELECT r.id::text FROM roles r JOIN users u ON u.id = r.user_id
         WHERE u.email = 'olga@skanderborg.dk' AND r.status = 'approved' LIMIT 1",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    let r = olga
        .post(
            &format!("/inbox/{invitation}/accept"),
            &[("comers", role.as_str())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    let visitor = app.browser();
    let page = poster(&visitor, &salon, "", StatusCode::OK).await;
    assert_eq!(
        text(&page, ".poster-invitations h3"),
        "Kommunen er inviteret"
    );
    let lines = texts(&page, ".poster-invitations li");
    assert_eq!(lines.len(), 1);
    assert!(lines[0].contains("kommer — Olga Officiel"), "{lines:?}");
    let shown = visitor.get(&salon.path).await.html;
    assert_eq!(lines, texts(&shown, ".salon-invitations li"));
}

#[tokio::test]
async fn the_phone_number_typed_at_print_time_is_on_the_poster_and_neither_stored_nor_logged() {
    let logs = LogCapture::start();
    let app = TestApp::spawn().await;
    let host = host(&app).await;
    let salon = published_from(&host, &salon_form(&app, "Liv i Ry bymidte", None)).await;

    let page = poster(
        &host,
        &salon,
        "?phone=%2B45+97+31+64+28&size=a4",
        StatusCode::OK,
    )
    .await;
    assert_eq!(text(&page, ".poster-phone-number"), "+45 97 31 64 28");
    // The form shows it again for the next print.
    assert_eq!(
        attr(&page, "input[name='phone']", "value").as_deref(),
        Some("+45 97 31 64 28")
    );

    // The app's lines: the test's own HTML parser logs the page it reads, number and all.
    let logged: String = logs
        .text()
        .lines()
        .filter(|l| !l.contains(" html5ever::") && !l.contains(" selectors::"))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        logged.contains("/salons/{key}/poster"),
        "requests are logged by route: {logged}"
    );
    for form in ["97 31 64 28", "97+31", "97%2031", "97316428"] {
        assert!(!logged.contains(form), "{form} in the logs: {logged}");
    }
    // No table holds it, in any form, anywhere.
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT quote_ident(table_name) FROM information_schema.tables
         WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert!(tables.len() > 20, "{tables:?}");
    for table in tables {
        let found: i64 = sqlx::query_scalar(&format!(
            "SELECT count(*) FROM {table} t
             WHERE t::text ~ '97.?31.?64.?28' OR t::text LIKE '%973164%'"
        ))
        .fetch_one(&app.db)
        .await
        .unwrap();
        assert_eq!(found, 0, "the number is stored in {table}");
    }
}

#[tokio::test]
async fn a_phone_number_that_is_not_one_is_refused_by_its_field_and_left_off_the_poster() {
    let app = TestApp::spawn().await;
    let host = host(&app).await;
    let salon = published_from(&host, &salon_form(&app, "Liv i Ry bymidte", None)).await;

    for bad in ["ring+til+Ole", "123", "%3Cb%3E12345678%3C%2Fb%3E"] {
        let page = poster(
            &host,
            &salon,
            &format!("?phone={bad}"),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert!(
            text(&page, "#poster-phone-error").contains("Skriv et telefonnummer"),
            "{bad}"
        );
        assert!(texts(&page, ".poster-phone").is_empty());
        // The poster is still there, without the number.
        assert_eq!(text(&page, "h2.poster-title"), "Liv i Ry bymidte");
    }
    // An empty field is no number, and no error.
    let page = poster(&host, &salon, "?phone=+&size=a4", StatusCode::OK).await;
    assert!(texts(&page, ".error-message, .poster-phone").is_empty());
}

#[tokio::test]
async fn the_a5_poster_is_two_copies_on_one_sheet_the_second_hidden_from_screen_readers() {
    let app = TestApp::spawn().await;
    let host = host(&app).await;
    let salon = published_from(&host, &salon_form(&app, "Liv i Ry bymidte", None)).await;

    let page = poster(&app.browser(), &salon, "?size=a5", StatusCode::OK).await;
    assert_eq!(texts(&page, ".poster-sheet-a5 article.poster").len(), 2);
    assert_eq!(texts(&page, "article.poster[aria-hidden='true']").len(), 1);
    assert_eq!(texts(&page, "#poster-heading").len(), 1);
    // Any other size is the ordinary A4 poster.
    let page = poster(&app.browser(), &salon, "?size=a0", StatusCode::OK).await;
    assert_eq!(texts(&page, ".poster-sheet-a4 article.poster").len(), 1);
}

#[tokio::test]
async fn the_poster_is_a_404_wherever_the_salon_page_is() {
    let app = TestApp::spawn().await;
    let host = host(&app).await;
    let draft = create_salon(&host, &salon_form(&app, "Kladde", None)).await;
    let invite_only = published_from(
        &host,
        &set(
            salon_form(&app, "Kun inviterede", None),
            "visibility",
            "invite_only",
        ),
    )
    .await;
    let stranger = app
        .verified_person("Sofie Fremmed", "sofie@example.dk")
        .await;

    for salon in [&draft, &invite_only] {
        for who in [&app.browser(), &stranger] {
            assert_eq!(who.get(&salon.path).await.status, StatusCode::NOT_FOUND);
            poster(who, salon, "", StatusCode::NOT_FOUND).await;
        }
        poster(&host, salon, "", StatusCode::OK).await;
    }
    // A key that names no salon, and an old slug that leads to the canonical address.
    let r = app
        .browser()
        .get("/salons/00000000-0000-0000-0000-000000000000/poster")
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let id = invite_only.id;
    let r = host.get(&format!("/salons/{id}-gammel/poster")).await;
    assert_eq!(r.status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(
        r.location.as_deref(),
        Some(format!("{}/poster", invite_only.path).as_str())
    );
}

#[tokio::test]
async fn share_links_carry_the_salons_address_and_texts_percent_encoded() {
    let app = TestApp::spawn().await;
    let host = host(&app).await;
    let salon = published_from(&host, &salon_form(&app, "Liv i Ry & omegn", None)).await;
    let url = app.url(&salon.path);
    let encoded: String = url.replace(':', "%3A").replace('/', "%2F");

    let page = app.browser().get(&salon.path).await.html;
    assert_eq!(text(&page, "#share-heading"), "Del salonen");
    assert_eq!(
        attr(&page, "#share-url", "value").as_deref(),
        Some(url.as_str())
    );
    assert!(attr(&page, "#share-url", "readonly").is_some());
    // The copy button waits, hidden, for the script that makes it work.
    assert!(attr(&page, "button[data-copy='share-url']", "hidden").is_some());
    assert_eq!(
        attr(&page, ".share-mail", "href"),
        Some(format!(
            "mailto:?subject=Liv%20i%20Ry%20%26%20omegn&body=Hvordan%20f%C3%A5r%20vi%20mere%20liv%20i%20Ry%20bymidte%3F%0A%0AL%C3%A6s%20mere%20og%20tilmeld%20dig%3A%20{encoded}"
        ))
    );
    assert_eq!(
        attr(&page, ".share-facebook", "href"),
        Some(format!(
            "https://www.facebook.com/sharer/sharer.php?u={encoded}"
        ))
    );
    assert_eq!(
        attr(&page, ".share-linkedin", "href"),
        Some(format!(
            "https://www.linkedin.com/sharing/share-offsite/?url={encoded}"
        ))
    );
    assert_eq!(
        attr(&page, ".share-sms", "href"),
        Some(format!(
            "sms:?&body=Liv%20i%20Ry%20%26%20omegn%3A%20{encoded}"
        ))
    );
    assert_eq!(
        attr(&page, ".share-poster", "href"),
        Some(format!("{}/poster", salon.path))
    );
    assert_eq!(
        attr(&page, ".map-link", "href").as_deref(),
        Some("https://www.openstreetmap.org/search?query=Klostervej%201%2C%208680%20Ry")
    );
    // Nothing is loaded from another site: the one script is ours, and it is served.
    let scripts: Vec<String> = page
        .select(&scraper::Selector::parse("script[src]").unwrap())
        .filter_map(|s| s.value().attr("src").map(str::to_string))
        .collect();
    assert_eq!(scripts.len(), 1, "{scripts:?}");
    assert!(scripts[0].starts_with("/static/share-"), "{scripts:?}");
    let r = app.get(&scripts[0]).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()[reqwest::header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/javascript")
    );
    assert!(r.text().await.unwrap().contains("clipboard"));
}

#[tokio::test]
async fn a_private_address_or_an_online_salon_has_no_map_link() {
    let app = TestApp::spawn().await;
    let host = host(&app).await;
    let private = published_from(
        &host,
        &set(salon_form(&app, "Hemmelig", None), "address_private", "on"),
    )
    .await;
    let online = set(salon_form(&app, "Online", None), "format", "online");
    let online = set(online, "online_link", "https://meet.example.dk/ry");
    let online = published_from(&host, &set(online, "address", "")).await;
    for salon in [&private, &online] {
        for who in [&host, &app.browser()] {
            let page = who.get(&salon.path).await.html;
            assert!(texts(&page, ".map-link").is_empty(), "{}", salon.path);
            assert_eq!(texts(&page, ".share-mail").len(), 1);
        }
    }
}

#[tokio::test]
async fn unlisted_salons_are_shared_by_their_hosts_and_invite_only_ones_by_no_one() {
    let app = TestApp::spawn().await;
    let host = host(&app).await;
    let unlisted = published_from(
        &host,
        &set(salon_form(&app, "Ulistet", None), "visibility", "unlisted"),
    )
    .await;
    let invite_only = published_from(
        &host,
        &set(
            salon_form(&app, "Lukket", None),
            "visibility",
            "invite_only",
        ),
    )
    .await;
    let draft = create_salon(&host, &salon_form(&app, "Kladde", None)).await;

    let page = host.get(&unlisted.path).await.html;
    assert_eq!(texts(&page, ".share-facebook").len(), 1);
    let page = app.browser().get(&unlisted.path).await.html;
    assert_eq!(text(&page, "h1"), "Ulistet");
    assert!(texts(&page, "#share-heading, .share-links a, #share-url").is_empty());

    let page = host.get(&invite_only.path).await.html;
    assert!(texts(&page, ".share-links a, #share-url").is_empty());
    assert!(text(&page, ".share-invite-only").starts_with("Salonen er kun for inviterede"));

    let page = host.get(&draft.path).await.html;
    assert_eq!(text(&page, "h1"), "Kladde");
    assert!(texts(&page, "#share-heading").is_empty());
}
