//! Following a search from the directory: a mail about each new public salon that matches it,
//! once per salon and person (also with two workers racing), never about unlisted,
//! invite-only or draft salons, nor about a salon that does not match or that one hosts;
//! stopped from the list of followed searches; in the data download and gone with the account.

use reqwest::StatusCode;

use crate::helpers::browser::Browser;
use crate::helpers::salons::{create_salon, post_form, published_from, salon_form, set};
use crate::helpers::{PASSWORD, TestApp, attr, texts};

/// Subject and body of the search mails to `email`, oldest first.
async fn news(app: &TestApp, email: &str) -> Vec<(String, String)> {
    sqlx::query_as(
        "SELECT subject, body_text FROM outbox WHERE to_address = $1 AND kind = 'search.new-salon'
         ORDER BY created_at, seq",
    )
    .bind(email)
    .fetch_all(&app.db)
    .await
    .unwrap()
}

/// `person` follows the directory's search `query` with the button on the directory.
async fn follow(person: &Browser, query: &[(&str, &str)]) {
    let r = person.post("/salons/follow", query).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(
        r.location.as_deref().unwrap().ends_with("done=followed"),
        "{:?}",
        r.location
    );
}

/// A salon `title` in Ry, Skanderborg, public unless `visibility` says otherwise.
fn salon(app: &TestApp, title: &str, visibility: &str) -> Vec<(String, String)> {
    set(
        set(
            salon_form(app, title, Some(10)),
            "question",
            "Hvad vil vi med området?",
        ),
        "visibility",
        visibility,
    )
}

#[tokio::test]
async fn a_follower_is_mailed_once_about_each_new_public_salon_that_matches_the_search() {
    let app = TestApp::spawn().await;
    let fie = app.verified_person("Fie Følger", "fie@example.dk").await;
    // The directory offers the search to follow, with what it is.
    let page = fie
        .get("/salons?q=trafik&municipality=skanderborg&when=upcoming")
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        attr(&page.html, "form.follow-search input[name=q]", "value").as_deref(),
        Some("trafik")
    );
    // A visitor is asked to sign in instead.
    let visitor = app.browser().get("/salons?q=trafik").await;
    assert!(texts(&visitor.html, "form.follow-search").is_empty());
    assert_eq!(texts(&visitor.html, "p.follow-search a").len(), 1);
    follow(&fie, &[("q", "trafik"), ("municipality", "skanderborg")]).await;
    let page = fie
        .get("/salons?q=trafik&municipality=skanderborg&done=followed")
        .await;
    assert_eq!(
        texts(&page.html, ".notice a"),
        ["Se de søgninger, du følger"]
    );

    let host = app.verified_person("Rikke Vært", "rikke@example.dk").await;
    // The host follows the same search, and is not told of her own salon.
    follow(&host, &[("q", "trafik")]).await;
    // A word start, as the directory finds it: "trafik" in "Trafiksikker".
    let public = salon(&app, "Trafiksikker skolevej", "public");
    let matching = published_from(&host, &public).await;
    // Not public, not published, not about trafik, not in Skanderborg: no news.
    published_from(&host, &salon(&app, "Trafik ved hallen", "unlisted")).await;
    published_from(&host, &salon(&app, "Trafik på torvet", "invite_only")).await;
    create_salon(&host, &salon(&app, "Trafik ved skolen", "public")).await;
    published_from(&host, &salon(&app, "Liv i Ry bymidte", "public")).await;
    published_from(
        &host,
        &set(
            set(
                salon(&app, "Trafik i Aarhus", "public"),
                "municipality",
                "0751",
            ),
            "town",
            "Aarhus",
        ),
    )
    .await;
    app.run_jobs().await;

    let mails = news(&app, "fie@example.dk").await;
    assert_eq!(mails.len(), 1, "{mails:?}");
    let (subject, body) = &mails[0];
    assert_eq!(subject, "Ny salon: Trafiksikker skolevej");
    assert!(body.contains("\"trafik\" · Skanderborg"), "{body}");
    assert!(body.contains("Ry, Skanderborg"), "{body}");
    assert!(body.contains(&matching.path), "{body}");
    assert!(body.contains("/notifications/searches"), "{body}");
    assert!(news(&app, "rikke@example.dk").await.is_empty());

    // An edit of the public salon is no news; neither is the same salon again.
    let r = post_form(
        &host,
        &format!("{}/edit", matching.path),
        &set(public, "title", "Trafiksikker skolevej i Ry"),
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    app.run_jobs().await;
    assert_eq!(news(&app, "fie@example.dk").await.len(), 1);
}

#[tokio::test]
async fn a_salon_published_unlisted_is_news_when_an_edit_makes_it_public() {
    let app = TestApp::spawn().await;
    let fie = app.verified_person("Fie Følger", "fie@example.dk").await;
    follow(&fie, &[("town", "Ry"), ("topic", "Byliv")]).await;
    let host = app.verified_person("Rikke Vært", "rikke@example.dk").await;
    let form = salon(&app, "Stien og os", "unlisted");
    let s = published_from(&host, &form).await;
    app.run_jobs().await;
    assert!(news(&app, "fie@example.dk").await.is_empty());
    let r = post_form(
        &host,
        &format!("{}/edit", s.path),
        &set(form, "visibility", "public"),
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    app.run_jobs().await;
    let mails = news(&app, "fie@example.dk").await;
    assert_eq!(mails.len(), 1);
    assert!(mails[0].1.contains("Ry · emne: Byliv"), "{}", mails[0].1);
}

#[tokio::test]
async fn two_workers_racing_mail_each_follower_once_about_a_new_salon() {
    let app = TestApp::spawn().await;
    let followers = ["fie@example.dk", "gry@example.dk", "hans@example.dk"];
    for (i, email) in followers.iter().enumerate() {
        let person = app.verified_person(&format!("Følger {i}"), email).await;
        follow(&person, &[("q", "skolevej")]).await;
        // Two of one's searches match: still one mail.
        follow(&person, &[("municipality", "skanderborg")]).await;
    }
    let host = app.verified_person("Rikke Vært", "rikke@example.dk").await;
    published_from(&host, &salon(&app, "Trafiksikker skolevej", "public")).await;
    // A job may run twice (a retry after a crash): copy it without its unique key, so each
    // worker gets one.
    sqlx::query(
        "INSERT INTO jobs (kind, payload, run_at, created_at)
         SELECT kind, payload, run_at, created_at FROM jobs WHERE kind = 'directory.new-salon'",
    )
    .execute(&app.db)
    .await
    .unwrap();
    let (a, b) = (app.worker(), app.worker());
    app.clock.advance(chrono::Duration::minutes(1));
    let (ran_a, ran_b) = tokio::join!(a.run_until_idle(), b.run_until_idle());
    ran_a.unwrap();
    ran_b.unwrap();
    for email in followers {
        assert_eq!(news(&app, email).await.len(), 1, "{email}");
    }
}

#[tokio::test]
async fn a_followed_search_is_listed_stopped_downloaded_and_forgotten_with_the_account() {
    let app = TestApp::spawn().await;
    let fie = app.verified_person("Fie Følger", "fie@example.dk").await;
    follow(&fie, &[("q", "trafik"), ("format", "in_person")]).await;
    // Following it twice is one search.
    follow(&fie, &[("q", "trafik"), ("format", "in_person")]).await;
    let page = fie.get("/notifications/searches").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        texts(&page.html, ".followed-search-text"),
        ["\"trafik\" · Fysisk møde"]
    );
    let id = attr(&page.html, ".followed-search input[name=search]", "value").unwrap();
    // The category has its own line in the mail settings, with a daily digest.
    let settings = fie.get("/notifications/settings").await;
    assert_eq!(
        texts(&settings.html, "#setting-searches input[value=digest]").len(),
        1
    );
    let data: serde_json::Value =
        serde_json::from_str(&fie.get("/account/data.json").await.body).unwrap();
    assert_eq!(data["searches"]["following"][0]["words"], "trafik");

    // Someone else cannot stop it.
    let gry = app.verified_person("Gry Anden", "gry@example.dk").await;
    let r = gry
        .post("/notifications/searches/delete", &[("search", id.as_str())])
        .await;
    assert_eq!(r.location.as_deref(), Some("/notifications/searches"));
    assert_eq!(
        texts(
            &fie.get("/notifications/searches").await.html,
            ".followed-search"
        )
        .len(),
        1
    );
    // Fie stops it: a new matching salon is no news to her.
    let r = fie
        .post("/notifications/searches/delete", &[("search", id.as_str())])
        .await;
    assert_eq!(
        r.location.as_deref(),
        Some("/notifications/searches?done=deleted")
    );
    let page = fie.get("/notifications/searches?done=deleted").await;
    assert!(texts(&page.html, ".followed-search").is_empty());
    let host = app.verified_person("Rikke Vært", "rikke@example.dk").await;
    published_from(&host, &salon(&app, "Trafik i Ry", "public")).await;
    app.run_jobs().await;
    assert!(news(&app, "fie@example.dk").await.is_empty());

    // Gone with the account.
    follow(&gry, &[("town", "Ry")]).await;
    let r = gry
        .post("/account/delete", &[("current_password", PASSWORD)])
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let left: i64 = sqlx::query_scalar("SELECT count(*) FROM salon_searches")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(left, 0);
}

#[tokio::test]
async fn a_filter_without_anything_to_follow_saves_nothing() {
    let app = TestApp::spawn().await;
    let fie = app.verified_person("Fie Følger", "fie@example.dk").await;
    for query in [
        vec![],
        vec![("municipality", "atlantis")],
        vec![("seats", "1"), ("from", "2026-12-24")],
    ] {
        let r = fie.post("/salons/follow", &query).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{query:?}");
        assert!(!r.location.unwrap().contains("done=followed"), "{query:?}");
    }
    let page = fie.get("/salons?seats=1").await;
    assert!(texts(&page.html, ".follow-search").is_empty());
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM salon_searches")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(n, 0);
}

/// At the limit of searches a person may follow, following one more says so — it does not
/// look like success — and the same search followed twice is still one search.
#[tokio::test]
async fn following_past_the_limit_is_said_and_a_repeat_is_one_search() {
    let app = TestApp::spawn().await;
    let fie = app.verified_person("Fie Holm", "fie@example.dk").await;
    follow(&fie, &[("q", "trafik")]).await;
    follow(&fie, &[("q", "trafik")]).await;
    let count = || async {
        sqlx::query_scalar::<_, i64>("SELECT count(*) FROM salon_searches")
            .fetch_one(&app.db)
            .await
            .unwrap()
    };
    assert_eq!(count().await, 1);

    for n in 1..50 {
        follow(&fie, &[("q", &format!("emne{n}"))]).await;
    }
    assert_eq!(count().await, 50);
    let r = fie.post("/salons/follow", &[("q", "skolevej")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let back = r.location.unwrap();
    assert!(back.ends_with("done=searches-full"), "{back}");
    let page = fie.get(&back).await;
    assert!(
        page.body
            .contains("Du følger allerede 50 søgninger, og flere kan du ikke følge."),
        "{}",
        page.body
    );
    assert_eq!(count().await, 50);
}
