//! Finding salons: the directory's filters, Danish search, keyset pagination without
//! duplicates or gaps, what is never listed, the front page and municipality page lists, and
//! the JSON-LD and Open Graph on a salon page with a hostile title.

use std::collections::HashSet;

use chrono::Duration;
use reqwest::StatusCode;
use scraper::{Html, Selector};

use crate::helpers::browser::Browser;
use crate::helpers::salons::{SalonRef, create_salon, date_in, published_from, salon_form, set};
use crate::helpers::{TestApp, attr, page_titled, texts};

async fn host(app: &TestApp) -> Browser {
    app.verified_person("Rikke Vært", "rikke@example.dk").await
}

/// A public salon form with its own title and question (the default question mentions
/// "bymidte", which the search tests look for).
fn form(app: &TestApp, title: &str) -> Vec<(String, String)> {
    set(
        salon_form(app, title, Some(10)),
        "question",
        "Hvad vil vi med området?",
    )
}

/// The salon paths listed on a page, in order.
fn listed(html: &Html) -> Vec<String> {
    let sel = Selector::parse(".salon-list .salon-item-title a").unwrap();
    html.select(&sel)
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect()
}

/// The directory's h1.
const DIRECTORY: &str = "Find en samtalesalon";

async fn directory(app: &TestApp, query: &str) -> Vec<String> {
    listed(&titled(app, &format!("/salons{query}"), DIRECTORY).await)
}

/// The page at `path`, asserted to be the page expected (status 200, `h1`).
async fn titled(app: &TestApp, path: &str, h1: &str) -> Html {
    let r = app.get(path).await;
    let status = r.status();
    page_titled(status, &r.text().await.unwrap(), h1)
}

/// Every salon path on every page, following the "next page" links from `query`; with the
/// number of rows on each page.
async fn all_pages(app: &TestApp, query: &str) -> (Vec<String>, Vec<usize>) {
    let mut path = format!("/salons{query}");
    let (mut all, mut sizes) = (Vec::new(), Vec::new());
    loop {
        let html = app.page(&path, StatusCode::OK).await;
        let rows = listed(&html);
        sizes.push(rows.len());
        all.extend(rows);
        match attr(&html, "a.next-page", "href") {
            Some(next) => path = next.replace("&amp;", "&"),
            None => return (all, sizes),
        }
        assert!(sizes.len() < 20, "the pages never end");
    }
}

#[tokio::test]
async fn the_directory_lists_upcoming_public_salons_soonest_first() {
    let app = TestApp::spawn().await;
    let host = host(&app).await;
    let later = published_from(
        &host,
        &set(
            form(&app, "Senere salon"),
            "session-0-date",
            &date_in(&app, 9),
        ),
    )
    .await;
    let sooner = published_from(
        &host,
        &set(
            form(&app, "Snart salon"),
            "session-0-date",
            &date_in(&app, 2),
        ),
    )
    .await;

    let html = app.page("/salons", StatusCode::OK).await;
    assert_eq!(listed(&html), [sooner.path.clone(), later.path.clone()]);
    let when = texts(&html, ".salon-item-when");
    assert!(when[0].contains("december kl. 14.00"), "{when:?}");
    assert_eq!(texts(&html, ".salon-item-seats")[0], "10 ledige pladser");
    assert!(attr(&html, "a.next-page", "href").is_none());
    // Labels for every field, and a GET form that works without JavaScript.
    for id in [
        "q",
        "municipality",
        "town",
        "topic",
        "format",
        "from",
        "to",
        "seats",
    ] {
        assert_eq!(texts(&html, &format!("label[for='{id}']")).len(), 1, "{id}");
    }
    assert_eq!(
        attr(&html, "form.directory-filter", "method").as_deref(),
        Some("get")
    );
}

#[tokio::test]
async fn an_empty_directory_says_so() {
    let app = TestApp::spawn().await;
    let html = titled(&app, "/salons?q=ingenting", DIRECTORY).await;
    assert_eq!(texts(&html, ".empty-state").len(), 1);
    assert!(listed(&html).is_empty());
}

#[tokio::test]
async fn drafts_unlisted_and_invite_only_salons_are_never_listed() {
    let app = TestApp::spawn().await;
    let host = host(&app).await;
    let public = published_from(&host, &form(&app, "Åben bymidte salon")).await;
    let unlisted = published_from(
        &host,
        &set(form(&app, "Skjult bymidte salon"), "visibility", "unlisted"),
    )
    .await;
    let invite_only = published_from(
        &host,
        &set(
            form(&app, "Lukket bymidte salon"),
            "visibility",
            "invite_only",
        ),
    )
    .await;
    let draft = create_salon(&host, &form(&app, "Kladde bymidte salon")).await;
    let hidden: Vec<&SalonRef> = vec![&unlisted, &invite_only, &draft];

    app.clock.advance(Duration::days(10));
    let mut pages = Vec::new();
    for (path, h1) in [
        ("/salons", DIRECTORY),
        ("/salons?q=bymidte", DIRECTORY),
        (
            "/salons?q=salon&municipality=skanderborg&town=Ry&topic=byliv&format=in_person",
            DIRECTORY,
        ),
        ("/salons?when=past", DIRECTORY),
        ("/salons?when=past&q=salon", DIRECTORY),
        ("/", "Borgerne inviterer kommunen med i samtalen"),
        ("/municipalities/skanderborg", "Skanderborg Kommune"),
    ] {
        pages.push((path, titled(&app, path, h1).await.html()));
    }
    for (path, body) in &pages {
        for salon in &hidden {
            assert!(
                !body.contains(&salon.id.to_string()),
                "{path} shows a hidden salon"
            );
        }
    }
    // The past pages list the public one; the upcoming ones are empty by now.
    assert!(pages[3].1.contains(&public.path) && pages[4].1.contains(&public.path));
    // Even as their host: lists are the same for everyone.
    let r = host.get("/salons?when=past").await;
    let body = page_titled(r.status, &r.body, DIRECTORY).html();
    for salon in &hidden {
        assert!(!body.contains(&salon.id.to_string()));
    }
}

#[tokio::test]
async fn the_filters_narrow_the_list() {
    let app = TestApp::spawn().await;
    let host = host(&app).await;
    let ry = published_from(&host, &form(&app, "Ry salon")).await;
    let assens = published_from(
        &host,
        &set(
            set(
                set(form(&app, "Assens salon"), "municipality", "0420"),
                "town",
                "Glamsbjerg",
            ),
            "topics",
            "natur",
        ),
    )
    .await;
    let online = published_from(
        &host,
        &set(
            set(
                set(
                    set(form(&app, "Online salon"), "format", "online"),
                    "online_link",
                    "https://meet.example.dk/x",
                ),
                "place_name",
                "",
            ),
            "address",
            "",
        ),
    )
    .await;
    let later = published_from(
        &host,
        &set(
            form(&app, "Senere salon"),
            "session-0-date",
            &date_in(&app, 20),
        ),
    )
    .await;
    let full = published_from(&host, &form(&app, "Fuld salon")).await;
    // Full in every session (seats are counted per session).
    sqlx::query(
        "UPDATE salon_sessions ss SET citizens_registered = s.capacity FROM salons s
         WHERE s.id = ss.salon_id AND s.id = $1",
    )
    .bind(full.id)
    .execute(&app.db)
    .await
    .unwrap();

    assert_eq!(
        directory(&app, "?municipality=assens").await,
        [assens.path.as_str()]
    );
    assert_eq!(
        directory(&app, "?town=glamsbjerg").await,
        [assens.path.as_str()]
    );
    assert_eq!(
        directory(&app, "?topic=Natur").await,
        [assens.path.as_str()]
    );
    assert_eq!(
        directory(&app, "?format=online").await,
        [online.path.as_str()]
    );
    let in_range = directory(
        &app,
        &format!("?from={}&to={}", date_in(&app, 15), date_in(&app, 25)),
    )
    .await;
    assert_eq!(in_range, [later.path.as_str()]);
    // Danish dates from a plain text box work too.
    let danish = chrono::NaiveDate::parse_from_str(&date_in(&app, 20), "%Y-%m-%d")
        .unwrap()
        .format("%d-%m-%Y")
        .to_string();
    assert_eq!(
        directory(&app, &format!("?from={danish}")).await,
        [later.path.as_str()]
    );
    let with_seats = directory(&app, "?seats=1").await;
    assert!(!with_seats.contains(&full.path) && with_seats.contains(&ry.path));
    assert_eq!(with_seats.len(), 4);
    assert_eq!(directory(&app, "?when=past").await.len(), 0);

    // After the salons, the past view lists them newest first.
    app.clock.advance(Duration::days(30));
    assert!(directory(&app, "").await.is_empty());
    let past = directory(&app, "?when=past").await;
    assert_eq!(past.len(), 5);
    assert_eq!(past[0], later.path);
    // The form shows the filters back.
    let html = app
        .page("/salons?town=Glamsbjerg&when=past", StatusCode::OK)
        .await;
    assert_eq!(attr(&html, "#town", "value").as_deref(), Some("Glamsbjerg"));
    assert!(attr(&html, "#when-past", "checked").is_some());
}

#[tokio::test]
async fn the_search_and_two_filters_show_and_the_rest_wait_behind_more_filters() {
    let app = TestApp::spawn().await;
    let html = app.page("/salons", StatusCode::OK).await;
    for id in ["q", "municipality", "topic"] {
        assert!(attr(&html, &format!("#{id}"), "id").is_some(), "{id}");
        assert!(
            attr(&html, &format!("details #{id}"), "id").is_none(),
            "{id}"
        );
    }
    for id in ["town", "format", "from", "to", "seats", "when-past"] {
        assert!(
            attr(&html, &format!("details.more-filters #{id}"), "id").is_some(),
            "{id} is behind 'Flere filtre'"
        );
    }
    assert_eq!(
        texts(&html, "details.more-filters > summary"),
        ["Flere filtre"]
    );
    assert!(attr(&html, "details.more-filters", "open").is_none());
    // The date fields are the browser's date picker, and the help text does not ask for
    // another format than the one it shows.
    assert_eq!(attr(&html, "#from", "type").as_deref(), Some("date"));
    let hint = texts(&html, "#date-hint").join(" ");
    assert!(!hint.contains("dd-mm"), "{hint}");

    // A filter behind it that is set opens it.
    let html = app.page("/salons?town=Ry", StatusCode::OK).await;
    assert!(attr(&html, "details.more-filters", "open").is_some());
    let html = app.page("/salons?topic=trafik", StatusCode::OK).await;
    assert!(attr(&html, "details.more-filters", "open").is_none());
}

#[tokio::test]
async fn the_municipality_filter_shows_every_municipality_and_the_chosen_one_selected() {
    let app = TestApp::spawn().await;
    let selected = |html: &Html| {
        let sel = Selector::parse("#municipality option[selected]").unwrap();
        html.select(&sel)
            .map(|o| o.value().attr("value").unwrap().to_string())
            .collect::<Vec<_>>()
    };
    let options = |html: &Html| texts(html, "#municipality option").len();
    // The options are kept between pages: the chosen one follows each page's URL.
    for (query, chosen) in [
        ("", vec![]),
        ("?municipality=skanderborg", vec!["skanderborg"]),
        ("?municipality=aarhus", vec!["aarhus"]),
        ("?municipality=atlantis", vec![]),
        ("", vec![]),
    ] {
        let html = app.page(&format!("/salons{query}"), StatusCode::OK).await;
        assert_eq!(selected(&html), chosen, "{query}");
        // 98 municipalities and "any municipality".
        assert_eq!(options(&html), 99, "{query}");
    }
}

#[tokio::test]
async fn a_date_that_cannot_be_read_is_refused_by_its_field() {
    let app = TestApp::spawn().await;
    let r = app.get("/salons?from=banana&town=Ry").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = Html::parse_document(&r.text().await.unwrap());
    let message = texts(&html, "#from-error").join(" ");
    assert!(message.contains("Datoen kan ikke læses"), "{message}");
    assert_eq!(
        attr(&html, "#from", "aria-invalid").as_deref(),
        Some("true")
    );
    assert!(attr(&html, "details.more-filters", "open").is_some());
    // What was typed stays in the form.
    assert_eq!(attr(&html, "#from", "value").as_deref(), Some("banana"));
    assert_eq!(attr(&html, "#town", "value").as_deref(), Some("Ry"));
    assert!(texts(&html, "#to-error").is_empty());
    // Both ways of writing a day are read.
    for day in ["2026-12-24", "24-12-2026"] {
        let r = app.get(&format!("/salons?to={day}")).await;
        assert_eq!(r.status(), StatusCode::OK, "{day}");
    }
}

#[tokio::test]
async fn danish_search_finds_word_forms_and_ranks_titles_first() {
    let app = TestApp::spawn().await;
    let host = host(&app).await;
    let in_title = published_from(&host, &form(&app, "Liv i bymidten")).await;
    let in_description = published_from(
        &host,
        &set(
            form(&app, "Torvedag"),
            "description",
            "Vi mødes i **bymidterne** til kaffe.",
        ),
    )
    .await;
    let in_town = published_from(
        &host,
        &set(form(&app, "Skolen"), "town", "Skanderborg Bymidte"),
    )
    .await;
    let _other = published_from(&host, &form(&app, "Naturen ved søen")).await;

    let found = directory(&app, "?q=bymidte").await;
    assert_eq!(
        found,
        [
            in_title.path.clone(),
            in_town.path.clone(),
            in_description.path.clone()
        ]
    );
    assert_eq!(directory(&app, "?q=s%C3%B8en").await.len(), 1);
    // Odd input is a search, not an error.
    assert!(
        directory(&app, "?q=%22%29%28%3A%2A%26%7C%21")
            .await
            .is_empty()
    );
}

#[tokio::test]
async fn a_word_start_finds_the_danish_compound_it_begins() {
    let app = TestApp::spawn().await;
    let host = host(&app).await;
    let compound = published_from(&host, &form(&app, "Trafiksikker skolevej")).await;
    let _other = published_from(&host, &form(&app, "Naturen ved søen")).await;

    assert_eq!(directory(&app, "?q=trafik").await, [compound.path.as_str()]);
    assert_eq!(
        directory(&app, "?q=Trafik+skole").await,
        [compound.path.as_str()]
    );
    // A word that only sits inside the compound is no word start.
    assert!(directory(&app, "?q=sikker").await.is_empty());
    // An excluded word stays excluded when its neighbour is a prefix.
    assert!(directory(&app, "?q=trafik+-skolevej").await.is_empty());
}

#[tokio::test]
async fn pages_follow_each_other_without_duplicates_or_gaps() {
    let app = TestApp::spawn().await;
    let host = host(&app).await;
    let mut made = HashSet::new();
    for i in 0..45 {
        // Many salons start at the same moment: the id settles their order.
        let f = set(
            form(&app, &format!("Om havnen, salon {i}")),
            "session-0-date",
            &date_in(&app, 2 + i % 3),
        );
        made.insert(published_from(&host, &f).await.path);
    }
    let (all, sizes) = all_pages(&app, "").await;
    assert_eq!(sizes, [20, 20, 5]);
    assert_eq!(all.iter().cloned().collect::<HashSet<_>>(), made);
    assert_eq!(all.len(), 45);

    // The same through a search (ranked) and a filter, and with free seats.
    let (searched, sizes) = all_pages(&app, "?q=havnen&municipality=skanderborg&seats=1").await;
    assert_eq!(sizes, [20, 20, 5]);
    assert_eq!(searched.iter().cloned().collect::<HashSet<_>>(), made);

    app.clock.advance(Duration::days(10));
    let (past, _) = all_pages(&app, "?when=past").await;
    assert_eq!(past.iter().cloned().collect::<HashSet<_>>(), made);
    assert_eq!(past.len(), 45);
    let (past_search, _) = all_pages(&app, "?when=past&q=havn").await;
    assert_eq!(past_search.len(), 45);
    assert_eq!(past_search.iter().cloned().collect::<HashSet<_>>(), made);

    // A broken cursor shows the first page.
    assert_eq!(directory(&app, "?when=past&after=junk").await.len(), 20);
}

#[tokio::test]
async fn the_front_page_and_the_municipality_page_list_upcoming_salons() {
    let app = TestApp::spawn().await;
    let host = host(&app).await;
    let ry = published_from(&host, &form(&app, "Ry salon")).await;
    let assens = published_from(
        &host,
        &set(form(&app, "Assens salon"), "municipality", "0420"),
    )
    .await;

    let front = listed(&app.page("/", StatusCode::OK).await);
    assert_eq!(front.len(), 2);
    assert!(front.contains(&ry.path) && front.contains(&assens.path));

    let html = app
        .page("/municipalities/skanderborg", StatusCode::OK)
        .await;
    assert_eq!(listed(&html), [ry.path.as_str()]);
    assert_eq!(
        attr(&html, ".municipality-salons a.all-salons", "href").as_deref(),
        Some("/salons?municipality=skanderborg")
    );
    let html = titled(&app, "/municipalities/odense", "Odense Kommune").await;
    assert!(listed(&html).is_empty());
    assert_eq!(texts(&html, ".municipality-salons .empty-state").len(), 1);
}

#[tokio::test]
async fn the_municipality_page_lists_the_first_ten_of_the_directorys_salons_there() {
    // The page reads its next salons in its own statement, with the directory's conditions
    // written again: the same salons in the same order as the directory's page for the
    // municipality, which lists more. The salons neither may list start first, so a condition
    // dropped from the page's statement would put them at its top.
    let app = TestApp::spawn().await;
    let host = host(&app).await;
    let soon = |title: &str| set(form(&app, title), "session-0-date", &date_in(&app, 1));
    let past = published_from(&host, &soon("Ry salon forbi")).await;
    app.clock.advance(Duration::days(2));
    let unlisted = published_from(&host, &set(soon("Ry skjult"), "visibility", "unlisted")).await;
    let invite_only =
        published_from(&host, &set(soon("Ry lukket"), "visibility", "invite_only")).await;
    let draft = create_salon(&host, &soon("Ry kladde")).await;
    let moderated = published_from(&host, &soon("Ry skjult af moderatorerne")).await;
    sqlx::query("UPDATE salons SET hidden_reason = 'Reklame' WHERE id = $1")
        .bind(moderated.id)
        .execute(&app.db)
        .await
        .unwrap();
    for n in 0..12 {
        let later = set(
            form(&app, &format!("Ry salon {n}")),
            "session-0-date",
            &date_in(&app, 3),
        );
        published_from(&host, &later).await;
    }
    published_from(
        &host,
        &set(form(&app, "Assens salon"), "municipality", "0420"),
    )
    .await;
    let directory = listed(
        &app.page("/salons?municipality=skanderborg", StatusCode::OK)
            .await,
    );
    assert_eq!(directory.len(), 12);
    let page = listed(
        &app.page("/municipalities/skanderborg", StatusCode::OK)
            .await,
    );
    assert_eq!(page, directory[..10]);
    let html = app
        .titled("/municipalities/skanderborg", "Skanderborg Kommune")
        .await
        .html();
    for salon in [&past, &unlisted, &invite_only, &draft, &moderated] {
        assert!(
            !html.contains(&salon.id.to_string()),
            "the municipality page lists {}",
            salon.path
        );
    }
}

#[tokio::test]
async fn the_unit_page_lists_the_salons_it_is_invited_to_that_the_directory_lists() {
    // The unit page reads the salons it is invited to in its own statement, with the
    // directory's conditions written again beside the invitations' own (not withdrawn, this
    // unit holding or having answered it): the page lists the unit's invited salons that the
    // directory lists, in the directory's order. The salons it may not list start first, so a
    // condition dropped from the page's statement would put them at its top.
    let app = TestApp::spawn().await;
    let host = host(&app).await;
    let admin = app.municipality_admin("skanderborg").await;
    let unit = app.teknik_og_miljo(&admin).await;
    let other = app
        .create_unit(&admin, "skanderborg", "department", "Kultur og Fritid")
        .await;
    let invited = |salon: SalonRef, unit: String| {
        let host = &host;
        async move {
            crate::helpers::fixtures::invite_unit(host, &salon.path, &unit).await;
            salon
        }
    };
    let soon = |title: &str| set(form(&app, title), "session-0-date", &date_in(&app, 1));
    let past = published_from(&host, &soon("Ry salon forbi")).await;
    let past = invited(past, unit.clone()).await;
    app.clock.advance(Duration::days(2));
    let unlisted = published_from(&host, &set(soon("Ry skjult"), "visibility", "unlisted")).await;
    let unlisted = invited(unlisted, unit.clone()).await;
    let invite_only =
        published_from(&host, &set(soon("Ry lukket"), "visibility", "invite_only")).await;
    let invite_only = invited(invite_only, unit.clone()).await;
    let draft = invited(create_salon(&host, &soon("Ry kladde")).await, unit.clone()).await;
    let moderated = published_from(&host, &soon("Ry skjult af moderatorerne")).await;
    let moderated = invited(moderated, unit.clone()).await;
    sqlx::query("UPDATE salons SET hidden_reason = 'Reklame' WHERE id = $1")
        .bind(moderated.id)
        .execute(&app.db)
        .await
        .unwrap();
    let withdrawn = invited(
        published_from(&host, &soon("Ry trukket tilbage")).await,
        unit.clone(),
    )
    .await;
    let id: String = sqlx::query_scalar("SELECT id::text FROM invitations WHERE salon_id = $1")
        .bind(withdrawn.id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let r = host
        .post(
            &format!("{}/invitations/{id}/withdraw", withdrawn.path),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let elsewhere = invited(
        published_from(&host, &soon("Ry for en anden enhed")).await,
        other,
    )
    .await;
    let not_invited = published_from(&host, &soon("Ry uden invitation")).await;
    let mut listed_here = Vec::new();
    for n in 0..3 {
        let later = set(
            form(&app, &format!("Ry salon {n}")),
            "session-0-date",
            &date_in(&app, 3 + n),
        );
        listed_here.push(
            invited(published_from(&host, &later).await, unit.clone())
                .await
                .path,
        );
    }
    let directory = listed(
        &app.page("/salons?municipality=skanderborg", StatusCode::OK)
            .await,
    );
    let expected: Vec<_> = directory
        .iter()
        .filter(|path| listed_here.contains(path))
        .cloned()
        .collect();
    assert_eq!(expected, listed_here);
    let slug: String = sqlx::query_scalar("SELECT slug FROM units WHERE id = $1::uuid")
        .bind(&unit)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let html = app
        .page(
            &format!("/municipalities/skanderborg/units/{slug}"),
            StatusCode::OK,
        )
        .await;
    assert_eq!(listed(&html), expected);
    let text = html.html();
    for salon in [
        &past,
        &unlisted,
        &invite_only,
        &draft,
        &moderated,
        &withdrawn,
        &elsewhere,
        &not_invited,
    ] {
        assert!(
            !text.contains(&salon.id.to_string()),
            "the unit page lists {}",
            salon.path
        );
    }
}

#[tokio::test]
async fn the_unit_page_lists_the_first_twenty_salons_of_both_its_walks_together() {
    // The unit page walks the invitations the unit holds and those it first answered apart,
    // each walk stopping at its first 20 salons, and lists the first 20 of both together. Here
    // the unit first answered an invitation another unit holds, to the salon that starts first,
    // and holds invitations to 21 salons after it: the page lists that salon, then 19 of them.
    let app = TestApp::spawn().await;
    let host = host(&app).await;
    let admin = app.municipality_admin("skanderborg").await;
    let unit = app.teknik_og_miljo(&admin).await;
    let other = app
        .create_unit(&admin, "skanderborg", "department", "Kultur og Fritid")
        .await;
    let on_day =
        |title: String, day: i64| set(form(&app, &title), "session-0-date", &date_in(&app, day));
    let answered = published_from(&host, &on_day("Ry besvaret af enheden".into(), 1)).await;
    crate::helpers::fixtures::invite_unit(&host, &answered.path, &other).await;
    let changed =
        sqlx::query("UPDATE invitations SET first_reply_unit_id = $1::uuid WHERE salon_id = $2")
            .bind(&unit)
            .bind(answered.id)
            .execute(&app.db)
            .await
            .unwrap();
    assert_eq!(changed.rows_affected(), 1);
    let mut held = Vec::new();
    for n in 0..21 {
        let salon = published_from(&host, &on_day(format!("Ry salon {n}"), 2 + n)).await;
        crate::helpers::fixtures::invite_unit(&host, &salon.path, &unit).await;
        held.push(salon.path);
    }
    let slug: String = sqlx::query_scalar("SELECT slug FROM units WHERE id = $1::uuid")
        .bind(&unit)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let html = app
        .page(
            &format!("/municipalities/skanderborg/units/{slug}"),
            StatusCode::OK,
        )
        .await;
    let mut expected = vec![answered.path.clone()];
    expected.extend(held[..19].iter().cloned());
    assert_eq!(listed(&html), expected);
}

#[tokio::test]
async fn a_salon_page_carries_event_json_ld_that_a_hostile_title_cannot_break() {
    let app = TestApp::spawn().await;
    let host = host(&app).await;
    let title = r#"</script><script>alert("x")</script> & <!-- kaffe"#;
    let salon = published_from(&host, &form(&app, title)).await;

    let r = app.get(&salon.path).await;
    assert_eq!(r.status(), StatusCode::OK);
    let body = r.text().await.unwrap();
    let html = Html::parse_document(&body);
    // The JSON-LD block is the one inline script; any other is our own file, empty inside
    // (the share button's), so a title that broke out would show as a second inline script.
    let all: Vec<_> = html.select(&Selector::parse("script").unwrap()).collect();
    let (scripts, files): (Vec<_>, Vec<_>) = all
        .into_iter()
        .partition(|s| s.value().attr("src").is_none());
    assert_eq!(scripts.len(), 1, "the title broke out of the JSON-LD block");
    assert_eq!(scripts[0].value().attr("type"), Some("application/ld+json"));
    for file in files {
        assert!(file.value().attr("src").unwrap().starts_with("/static/"));
        assert!(file.inner_html().trim().is_empty());
    }
    let json: serde_json::Value = serde_json::from_str(&scripts[0].inner_html()).unwrap();
    assert_eq!(json["@type"], "Event");
    assert_eq!(json["name"], title);
    assert_eq!(json["eventStatus"], "https://schema.org/EventScheduled");
    assert_eq!(
        json["eventAttendanceMode"],
        "https://schema.org/OfflineEventAttendanceMode"
    );
    assert_eq!(json["url"], app.url(&salon.path));
    assert_eq!(
        json["location"]["address"]["streetAddress"],
        "Klostervej 1, 8680 Ry"
    );
    assert_eq!(json["organizer"][0]["name"], "Rikke Vært");
    let start = chrono::DateTime::parse_from_rfc3339(json["startDate"].as_str().unwrap()).unwrap();
    let end = chrono::DateTime::parse_from_rfc3339(json["endDate"].as_str().unwrap()).unwrap();
    assert_eq!(end - start, Duration::hours(2));
    assert_eq!(
        json["description"],
        "Hvad vil vi med området? Vi drikker kaffe og taler om byen."
    );

    assert_eq!(
        attr(&html, "meta[property='og:title']", "content").as_deref(),
        Some(title)
    );
    assert_eq!(
        attr(&html, "meta[property='og:type']", "content").as_deref(),
        Some("event")
    );
    assert_eq!(
        attr(&html, "meta[property='og:url']", "content"),
        Some(app.url(&salon.path))
    );
}

#[tokio::test]
async fn json_ld_keeps_a_private_address_private_and_says_when_a_salon_is_cancelled() {
    let app = TestApp::spawn().await;
    let host = host(&app).await;
    let salon = published_from(
        &host,
        &set(form(&app, "Hemmelig adresse"), "address_private", "on"),
    )
    .await;
    let r = host
        .post(
            &format!("{}/cancel", salon.path),
            &[("message", "Vi må aflyse.")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    let body = titled(&app, &salon.path, "Hemmelig adresse").await.html();
    assert!(!body.contains("Klostervej"));
    let html = Html::parse_document(&body);
    let script = html
        .select(&Selector::parse("script[type='application/ld+json']").unwrap())
        .next()
        .unwrap()
        .inner_html();
    let json: serde_json::Value = serde_json::from_str(&script).unwrap();
    assert_eq!(json["eventStatus"], "https://schema.org/EventCancelled");
    assert_eq!(json["location"]["address"]["addressLocality"], "Ry");
    assert!(json["location"]["address"].get("streetAddress").is_none());
}

#[tokio::test]
async fn moving_or_adding_a_session_moves_the_salon_in_the_directory() {
    let app = TestApp::spawn().await;
    let host = host(&app).await;
    let first = published_from(&host, &form(&app, "Først")).await;
    let second = published_from(
        &host,
        &set(form(&app, "Dernæst"), "session-0-date", &date_in(&app, 6)),
    )
    .await;
    assert_eq!(
        directory(&app, "").await,
        [first.path.clone(), second.path.clone()]
    );

    // The first salon moves after the second and gets a second session.
    let session: uuid::Uuid =
        sqlx::query_scalar("SELECT id FROM salon_sessions WHERE salon_id = $1")
            .bind(first.id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    let edited = set(
        set(
            set(
                set(form(&app, "Først"), "session-0-id", &session.to_string()),
                "session-0-date",
                &date_in(&app, 8),
            ),
            "session-1-date",
            &date_in(&app, 15),
        ),
        "session-1-start",
        "10:00",
    );
    let edited = set(edited, "session-1-end", "12:00");
    let r =
        crate::helpers::salons::post_form(&host, &format!("{}/edit", first.path), &edited).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let html = app.page("/salons", StatusCode::OK).await;
    assert_eq!(listed(&html), [second.path.clone(), first.path.clone()]);
    assert!(texts(&html, ".salon-item-when")[1].contains("og flere møder"));
    // Only the first session has passed: the salon is still upcoming.
    app.clock.advance(Duration::days(10));
    assert_eq!(directory(&app, "").await, [first.path.as_str()]);
}

#[tokio::test]
async fn closed_salons_are_listed_in_the_past_and_found_by_their_summary() {
    let app = TestApp::spawn().await;
    let host = host(&app).await;
    let closed = published_from(&host, &form(&app, "Lys på torvet")).await;
    let held = published_from(&host, &form(&app, "Bænke ved åen")).await;
    let drafted = published_from(&host, &form(&app, "Skilte ved stationen")).await;
    app.clock.advance(Duration::days(5));
    app.run_jobs().await;
    // One closed with its summary; one with only a draft of a summary, which stays private.
    let summary = |salon: &SalonRef, text: &str, action: &str| {
        let path = format!("{}/summary", salon.path);
        let (text, action) = (text.to_string(), action.to_string());
        let host = host.clone();
        async move {
            let r = host
                .post(
                    &path,
                    &[("summary", text.as_str()), ("action", action.as_str())],
                )
                .await;
            assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        }
    };
    summary(
        &closed,
        "Vi blev enige om en vandrestien rundt om søen.",
        "publish",
    )
    .await;
    summary(&drafted, "Hemmelige planer om cykelparkeringen.", "save").await;

    let past = directory(&app, "?when=past").await;
    assert_eq!(past.len(), 3, "{past:?}");
    for salon in [&closed, &held, &drafted] {
        assert!(past.contains(&salon.path), "{} is not listed", salon.path);
    }
    // Its summary is searched (in Danish word forms); a draft summary never.
    assert_eq!(
        directory(&app, "?when=past&q=vandresti").await,
        [closed.path.as_str()]
    );
    assert_eq!(
        directory(&app, "?when=past&q=torvet").await,
        [closed.path.as_str()]
    );
    assert!(
        directory(&app, "?when=past&q=cykelparkering")
            .await
            .is_empty()
    );
    // The past view pages through closed salons like the others.
    let (all, _) = all_pages(&app, "?when=past").await;
    assert_eq!(all.len(), 3);
}

#[tokio::test]
async fn the_sitemap_lists_what_anyone_may_find_and_nothing_reached_only_by_link() {
    let app = TestApp::spawn().await;
    let (_, _, _, decision) = crate::decisions::skanderborg_with_a_decision(&app).await;
    let host = host(&app).await;
    let public = published_from(&host, &form(&app, "Åben salon")).await;
    let unlisted = published_from(
        &host,
        &set(form(&app, "Skjult salon"), "visibility", "unlisted"),
    )
    .await;
    let invite_only = published_from(
        &host,
        &set(form(&app, "Lukket salon"), "visibility", "invite_only"),
    )
    .await;
    let draft = create_salon(&host, &form(&app, "Kladde salon")).await;
    let hidden = published_from(&host, &form(&app, "Skjult af moderatorerne")).await;
    sqlx::query("UPDATE salons SET hidden_reason = 'Reklame' WHERE id = $1")
        .bind(hidden.id)
        .execute(&app.db)
        .await
        .unwrap();

    let r = app.get("/sitemap.xml").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/xml")
    );
    let xml = r.text().await.unwrap();
    assert!(xml.starts_with("<?xml"), "{xml}");
    let locs: Vec<String> = xml
        .split("<loc>")
        .skip(1)
        .map(|part| part.split("</loc>").next().unwrap().to_string())
        .collect();
    let listed = |path: &str| locs.iter().any(|l| l.ends_with(path));
    assert!(listed(&public.path), "{xml}");
    assert!(listed(&decision), "{decision} in {xml}");
    assert!(listed("/municipalities/skanderborg"));
    assert!(listed("/salons"));
    for salon in [&unlisted, &invite_only, &draft, &hidden] {
        assert!(
            !xml.contains(&salon.id.to_string()),
            "{} is in the sitemap",
            salon.path
        );
    }
    assert!(locs.iter().all(|l| l.starts_with("http")), "absolute URLs");

    let r = app.get("/robots.txt").await;
    assert_eq!(r.status(), StatusCode::OK);
    let robots = r.text().await.unwrap();
    assert!(robots.contains("User-agent: *"), "{robots}");
    assert!(
        robots
            .lines()
            .any(|l| l.starts_with("Sitemap: http") && l.ends_with("/sitemap.xml")),
        "{robots}"
    );
}

#[tokio::test]
async fn every_page_describes_itself_and_salons_reached_only_by_link_say_noindex() {
    let app = TestApp::spawn().await;
    let (_, _, _, decision) = crate::decisions::skanderborg_with_a_decision(&app).await;
    let host = host(&app).await;
    let public = published_from(&host, &form(&app, "Åben salon")).await;
    let unlisted = published_from(
        &host,
        &set(form(&app, "Skjult salon"), "visibility", "unlisted"),
    )
    .await;

    let description = |html: &Html| attr(html, "meta[name='description']", "content");
    let default = description(&app.page("/", StatusCode::OK).await).unwrap();
    assert!(default.contains("samtalesaloner"), "{default}");
    for path in ["/salons", "/municipalities", "/privacy"] {
        let html = app.page(path, StatusCode::OK).await;
        assert!(description(&html).is_some_and(|d| !d.is_empty()), "{path}");
    }
    let html = app
        .page("/municipalities/skanderborg", StatusCode::OK)
        .await;
    let own = description(&html).unwrap();
    assert!(own.contains("Skanderborg") && own != default, "{own}");
    let html = app.page(&decision, StatusCode::OK).await;
    let own = description(&html).unwrap();
    assert!(
        own.starts_with("Ny sti langs Skanderborg Sø: Udvalget"),
        "{own}"
    );
    let html = app.page(&public.path, StatusCode::OK).await;
    let own = description(&html).unwrap();
    assert!(own.starts_with("Hvad vil vi med området?"), "{own}");
    assert!(attr(&html, "meta[name='robots']", "content").is_none());

    let html = app.page(&unlisted.path, StatusCode::OK).await;
    assert_eq!(
        attr(&html, "meta[name='robots']", "content").as_deref(),
        Some("noindex")
    );
}

#[tokio::test]
async fn english_pages_mark_the_danish_that_people_wrote() {
    let app = TestApp::spawn().await;
    let host = host(&app).await;
    let salon = published_from(
        &host,
        &set(
            form(&app, "Liv i bymidten"),
            "description",
            "Vi mødes til kaffe.",
        ),
    )
    .await;

    let english = |path: String| {
        let app = &app;
        async move {
            let r = app.get_in(&path, "en").await;
            assert_eq!(r.status(), StatusCode::OK, "{path}");
            Html::parse_document(&r.text().await.unwrap())
        }
    };
    let html = english(salon.path.clone()).await;
    assert_eq!(attr(&html, "html", "lang").as_deref(), Some("en"));
    assert_eq!(texts(&html, "h1[lang='da']"), ["Liv i bymidten"]);
    assert_eq!(
        texts(&html, ".salon-question [lang='da']"),
        ["Hvad vil vi med området?"]
    );
    assert_eq!(
        texts(&html, ".salon-description[lang='da']"),
        ["Vi mødes til kaffe."]
    );
    for path in ["/salons", "/"] {
        let html = english(path.to_string()).await;
        assert_eq!(
            texts(&html, ".salon-item-title[lang='da']"),
            ["Liv i bymidten"],
            "{path}"
        );
        assert_eq!(texts(&html, ".salon-item-question[lang='da']").len(), 1);
    }
    // On a Danish page the page's own language says it.
    let html = app.page(&salon.path, StatusCode::OK).await;
    assert!(texts(&html, "[lang='da']:not(html)").is_empty());
}
