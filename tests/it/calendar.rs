//! Calendar feeds and salon formats: a person's secret feed (what they host and attend, private
//! parts and cancellations included), its address shown once and replaced, the municipality's
//! public feed (only published public salons), the formats that prefill a new salon and the
//! guide page. Feeds are parsed back with icalendar's parser.

use reqwest::StatusCode;

use crate::helpers::browser::Browser;
use crate::helpers::ics::{events, prop};
use crate::helpers::salons::{
    SalonRef, create_salon, post_form, publish, published_salon, salon_form, set,
};
use crate::helpers::{PASSWORD, TestApp, attr, text, texts};

/// The SUMMARY of every event, sorted (sessions at the same time come in no set order).
fn summaries(ics: &str) -> Vec<String> {
    let mut all: Vec<String> = events(ics)
        .iter()
        .map(|e| prop(e, "SUMMARY").unwrap_or_default().to_string())
        .collect();
    all.sort();
    all
}

/// The event whose SUMMARY is `title`.
fn titled(events: &[Vec<(String, String)>], title: &str) -> Vec<(String, String)> {
    events
        .iter()
        .find(|e| prop(e, "SUMMARY") == Some(title))
        .unwrap_or_else(|| panic!("no event {title}"))
        .clone()
}

/// `person` makes (or replaces) their feed address from `/account`; returns its path, as the
/// page that answers shows it once.
async fn make_feed_address(app: &TestApp, person: &Browser) -> String {
    let r = person.post("/account/calendar", &[]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let url = attr(&r.html, "#calendar-url", "value").expect("the address is shown");
    assert!(url.starts_with(&app.address), "{url}");
    url.trim_start_matches(&app.address).to_string()
}

/// Anyone (no cookies) fetches a feed; returns its text, checking it is a calendar.
async fn feed(app: &TestApp, path: &str) -> String {
    let r = app.get(path).await;
    assert_eq!(r.status(), StatusCode::OK, "GET {path}");
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/calendar")
    );
    r.text().await.unwrap()
}

/// A published salon in Skanderborg titled `title`, from `form` changes on the default form.
async fn salon_with(
    app: &TestApp,
    host: &Browser,
    title: &str,
    changes: &[(&str, &str)],
    published: bool,
) -> SalonRef {
    let mut form = salon_form(app, title, None);
    for (k, v) in changes {
        form = set(form, k, v);
    }
    let salon = create_salon(host, &form).await;
    if published {
        publish(host, &salon).await;
    }
    salon
}

#[tokio::test]
async fn a_personal_feed_has_what_the_person_hosts_and_attends_with_private_parts_and_cancellations()
 {
    let app = TestApp::spawn().await;
    let hanne = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    let hybrid = [
        ("format", "hybrid"),
        ("online_link", "https://meet.example.dk/ry-hemmelig"),
        ("address_private", "on"),
    ];
    let hosted = salon_with(&app, &hanne, "Liv i Ry", &hybrid, true).await;
    salon_with(&app, &hanne, "Kladden", &[], false).await;
    let full = salon_with(&app, &hanne, "Fuldt hus", &[("capacity", "1")], true).await;

    let rikke = app.verified_person("Rikke Berg", "rikke@example.dk").await;
    let carl = app.verified_person("Carl Borger", "carl@example.dk").await;
    for (who, salon) in [(&rikke, &hosted), (&carl, &full), (&rikke, &full)] {
        let r = who.post(&format!("{}/register", salon.path), &[]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    }

    let hanne_feed = make_feed_address(&app, &hanne).await;
    let rikke_feed = make_feed_address(&app, &rikke).await;
    assert_ne!(hanne_feed, rikke_feed);

    // The host: her published salons, not the draft.
    let ics = feed(&app, &hanne_feed).await;
    assert_eq!(summaries(&ics), ["Fuldt hus", "Liv i Ry"]);
    // Rikke: the salon she is registered for, not the one she waits for.
    let ics = feed(&app, &rikke_feed).await;
    let events = events(&ics);
    assert_eq!(summaries(&ics), ["Liv i Ry"]);
    let e = &events[0];
    // The owner sees the private address (the link is not LOCATION when there is a place).
    assert_eq!(
        prop(e, "LOCATION"),
        Some("Ry Bibliotek, Klostervej 1, 8680 Ry")
    );
    assert_eq!(prop(e, "STATUS"), Some("CONFIRMED"));
    assert_eq!(prop(e, "URL"), Some(app.url(&hosted.path).as_str()));
    // The same session is the same event as in the salon's own file.
    let own = rikke.get(&format!("{}/calendar.ics", hosted.path)).await;
    assert_eq!(prop(&self::events(&own.body)[0], "UID"), prop(e, "UID"));

    // A cancelled salon stays in the feed, cancelled.
    let r = hanne
        .post(
            &format!("{}/cancel", hosted.path),
            &[("message", "Vi må desværre aflyse.")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    for path in [&hanne_feed, &rikke_feed] {
        let e = titled(&self::events(&feed(&app, path).await), "Liv i Ry");
        assert_eq!(prop(&e, "STATUS"), Some("CANCELLED"), "{path}");
    }
}

#[tokio::test]
async fn an_online_salon_gives_its_link_as_the_location_in_the_owners_feed() {
    let app = TestApp::spawn().await;
    let hanne = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    let online = [
        ("format", "online"),
        ("online_link", "https://meet.example.dk/ry-hemmelig"),
    ];
    salon_with(&app, &hanne, "Online aften", &online, true).await;
    let path = make_feed_address(&app, &hanne).await;
    let events = events(&feed(&app, &path).await);
    assert_eq!(
        prop(&events[0], "LOCATION"),
        Some("https://meet.example.dk/ry-hemmelig")
    );
}

#[tokio::test]
async fn a_politician_coming_in_their_role_finds_the_salon_in_their_feed() {
    let app = TestApp::spawn().await;
    let hanne = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    let salon = published_salon(&app, &hanne, Some(10)).await;
    let (pia, role) = app.approved_politician("skanderborg").await;
    let r = pia
        .post(
            &format!("{}/register", salon.path),
            &[("come_as", role.as_str())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let kind: String = sqlx::query_scalar(
        "SELECT r.kind::text FROM registrations r JOIN users u ON u.id = r.user_id WHERE u.email = 'pia@example.dk'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(kind, "municipal");
    let path = make_feed_address(&app, &pia).await;
    assert_eq!(summaries(&feed(&app, &path).await), ["Liv i Ry bymidte"]);
}

#[tokio::test]
async fn the_feed_address_is_shown_once_and_a_new_one_kills_the_old() {
    let app = TestApp::spawn().await;
    let hanne = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    published_salon(&app, &hanne, None).await;

    let account = hanne.get("/account").await;
    assert_eq!(
        texts(&account.html, ".calendar-feed button"),
        ["Opret kalenderadresse"]
    );

    let r = hanne.post("/account/calendar", &[]).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        texts(r.expect_page("Din kalenderadresse"), ".notice[role=status]").is_empty(),
        "nothing replaced yet"
    );
    let subscribe = attr(&r.html, ".calendar-subscribe", "href").unwrap();
    assert!(subscribe.starts_with("webcal://"), "{subscribe}");
    let old = attr(&r.html, "#calendar-url", "value")
        .unwrap()
        .trim_start_matches(&app.address)
        .to_string();
    let token = old
        .trim_start_matches("/calendar/")
        .trim_end_matches(".ics")
        .to_string();
    assert_eq!(token.len(), 64);
    assert_eq!(summaries(&feed(&app, &old).await), ["Liv i Ry bymidte"]);

    // The account page says there is an address, but cannot show it again.
    let account = hanne.get("/account").await;
    account.expect_page("Min konto");
    assert!(!account.body.contains(&token));
    assert_eq!(texts(&account.html, ".calendar-since").len(), 1);
    assert_eq!(
        texts(&account.html, ".calendar-feed button"),
        [
            "Lav en ny adresse (den gamle holder op med at virke)",
            "Stop kalenderadressen"
        ]
    );
    // Only its hash is stored.
    let stored: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM tokens WHERE purpose = 'calendar.feed' AND encode(hash, 'hex') <> $1",
    )
    .bind(&token)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(stored, 1);

    let r = hanne.post("/account/calendar", &[]).await;
    assert_eq!(
        text(&r.html, ".notice[role=status]"),
        "Din gamle kalenderadresse virker ikke længere."
    );
    let new = attr(&r.html, "#calendar-url", "value")
        .unwrap()
        .trim_start_matches(&app.address)
        .to_string();
    assert_ne!(new, old);
    assert_eq!(app.get(&old).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(summaries(&feed(&app, &new).await), ["Liv i Ry bymidte"]);

    // Only the exact file name works.
    let new_token = new
        .trim_start_matches("/calendar/")
        .trim_end_matches(".ics");
    for path in [
        format!("/calendar/{new_token}"),
        format!("/calendar/{new_token}.txt"),
        format!("/calendar/{}.ics", "0".repeat(64)),
        "/calendar/nope.ics".to_string(),
    ] {
        assert_eq!(
            app.get(&path).await.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }

    // Stopping it: the address is gone, and the page offers a new one.
    let r = hanne.post("/account/calendar/stop", &[]).await;
    assert_eq!(
        r.location.as_deref(),
        Some("/account?done=calendar-stopped")
    );
    assert_eq!(app.get(&new).await.status(), StatusCode::NOT_FOUND);
    let account = hanne.get("/account?done=calendar-stopped").await;
    assert_eq!(
        text(&account.html, ".notice[role=status]"),
        "Din kalenderadresse virker ikke længere."
    );
    assert_eq!(
        texts(&account.html, ".calendar-feed button"),
        ["Opret kalenderadresse"]
    );
}

#[tokio::test]
async fn deleting_the_account_removes_the_feed_address() {
    let app = TestApp::spawn().await;
    let hanne = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    let path = make_feed_address(&app, &hanne).await;
    feed(&app, &path).await;
    let r = hanne
        .post("/account/delete", &[("current_password", PASSWORD)])
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(app.get(&path).await.status(), StatusCode::NOT_FOUND);
    let left: i64 =
        sqlx::query_scalar("SELECT count(*) FROM tokens WHERE purpose = 'calendar.feed'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(left, 0);
}

#[tokio::test]
async fn the_municipality_feed_has_only_its_published_public_salons() {
    let app = TestApp::spawn().await;
    let hanne = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    let private_place = [
        ("format", "hybrid"),
        ("online_link", "https://meet.example.dk/ry-hemmelig"),
        ("address_private", "on"),
    ];
    salon_with(&app, &hanne, "Offentlig", &private_place, true).await;
    salon_with(&app, &hanne, "Skjult", &[("visibility", "unlisted")], true).await;
    salon_with(
        &app,
        &hanne,
        "Lukket",
        &[("visibility", "invite_only")],
        true,
    )
    .await;
    salon_with(&app, &hanne, "Kladde", &[], false).await;
    salon_with(&app, &hanne, "I Aarhus", &[("municipality", "0751")], true).await;
    let cancelled = salon_with(&app, &hanne, "Aflyst", &[], true).await;
    let r = hanne
        .post(
            &format!("{}/cancel", cancelled.path),
            &[("message", "Vi må desværre aflyse.")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    let page = app
        .page("/municipalities/skanderborg", StatusCode::OK)
        .await;
    let link = attr(&page, ".municipality-calendar a", "href").unwrap();
    assert_eq!(link, "/municipalities/skanderborg/calendar.ics");

    let ics = feed(&app, &link).await;
    assert!(ics.contains("Skanderborg Kommune"), "{ics}");
    let events = events(&ics);
    assert_eq!(summaries(&ics), ["Aflyst", "Offentlig"]);
    // A public feed never holds the private address or the online link.
    assert_eq!(prop(&titled(&events, "Offentlig"), "LOCATION"), None);
    assert!(!ics.contains("ry-hemmelig"));
    // An address the host did not keep private is public.
    assert_eq!(
        prop(&titled(&events, "Aflyst"), "LOCATION"),
        Some("Ry Bibliotek, Klostervej 1, 8680 Ry")
    );
    assert_eq!(
        prop(&titled(&events, "Aflyst"), "STATUS"),
        Some("CANCELLED")
    );

    assert_eq!(
        summaries(&feed(&app, "/municipalities/aarhus/calendar.ics").await),
        ["I Aarhus"]
    );
    assert_eq!(
        app.get("/municipalities/atlantis/calendar.ics")
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_format_prefills_the_description_which_the_host_then_edits() {
    let app = TestApp::spawn().await;
    let hanne = app.verified_person("Hanne Vært", "hanne@example.dk").await;

    let blank = hanne.get("/salons/new").await;
    assert_eq!(blank.status, StatusCode::OK);
    assert_eq!(
        texts(&blank.html, ".salon-formats .salon-format"),
        [
            "Kaffesalon – 90 min",
            "Gåtur i nabolaget",
            "Fællesspisning",
            "Walk-and-talk med en politiker"
        ]
    );
    assert_eq!(text(&blank.html, "#field-description"), "");
    assert_eq!(
        attr(
            &blank.html,
            ".salon-formats a[href='/salons/guide']",
            "href"
        )
        .as_deref(),
        Some("/salons/guide")
    );

    let started = hanne.get("/salons/new?format=kaffesalon").await;
    assert_eq!(started.status, StatusCode::OK);
    assert_eq!(
        text(&started.html, ".salon-format[aria-current]"),
        "Kaffesalon – 90 min"
    );
    let description = scraper::Selector::parse("#field-description").unwrap();
    let prefilled: String = started
        .html
        .select(&description)
        .next()
        .unwrap()
        .text()
        .collect();
    assert!(
        prefilled.starts_with("### Program (90 minutter)\n\n- 0–10 min"),
        "{prefilled}"
    );
    assert!(prefilled.contains("### Spilleregler"));
    for slug in ["gaatur", "faellesspisning", "walk-and-talk"] {
        let r = hanne.get(&format!("/salons/new?format={slug}")).await;
        assert!(!text(&r.html, "#field-description").is_empty(), "{slug}");
    }
    // An unknown format gives the blank form.
    let r = hanne.get("/salons/new?format=kaffe").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(text(&r.html, "#field-description"), "");

    // The host edits the programme and creates the salon with it.
    let edited = prefilled.replace("90 minutter", "2 timer");
    let form = set(salon_form(&app, "Kaffe i Ry", None), "description", &edited);
    let r = post_form(&hanne, "/salons/new", &form).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let path = r.location.unwrap().split('?').next().unwrap().to_string();
    let page = hanne.get(&path).await;
    assert!(
        texts(&page.html, ".salon-description h3").contains(&"Program (2 timer)".to_string()),
        "{:?}",
        texts(&page.html, ".salon-description h3")
    );
    // Editing offers no formats: a link would throw the salon's text away.
    let edit = hanne.get(&format!("{path}/edit")).await;
    assert!(texts(edit.expect_page("Rediger Kaffe i Ry"), ".salon-formats").is_empty());
}

#[tokio::test]
async fn the_guide_page_tells_in_danish_how_to_host_a_good_salon() {
    let app = TestApp::spawn().await;
    let page = app.page("/salons/guide", StatusCode::OK).await;
    assert_eq!(text(&page, "h1"), "Sådan holder du en god samtalesalon");
    assert_eq!(
        texts(&page, "h2")
            .into_iter()
            .filter(|h| h.starts_with("Før") || h.starts_with("Under") || h.starts_with("Efter"))
            .count(),
        3
    );
    assert_eq!(
        attr(&page, ".salon-formats .salon-format", "href").as_deref(),
        Some("/salons/new?format=kaffesalon")
    );
    let english = app.get_in("/salons/guide", "en").await;
    let english = scraper::Html::parse_document(&english.text().await.unwrap());
    assert_eq!(
        text(&english, "h1"),
        "How to host a good conversation salon"
    );
}

#[tokio::test]
async fn every_calendar_file_names_medspil_as_its_maker() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    let salon = crate::helpers::salons::published_salon(&app, &host, Some(5)).await;
    for path in [
        format!("{}/calendar.ics", salon.path),
        "/municipalities/skanderborg/calendar.ics".to_string(),
    ] {
        let ics = feed(&app, &path).await;
        let prodid: Vec<&str> = ics.lines().filter(|l| l.starts_with("PRODID")).collect();
        assert_eq!(prodid, ["PRODID:-//Medspil//Medspil//DA"], "{path}");
    }
}
