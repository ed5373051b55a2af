//! Upcoming decisions: staff publish them, hosts link salons (at creation and later),
//! followers, the unit and the committee are told, the outcome is recorded and reaches the
//! hosts and followers; the lists, the feed and the response record show it.

use chrono::Duration;
use reqwest::StatusCode;

use crate::helpers::browser::Browser;
use crate::helpers::salons::{create_salon, date_in, publish, published_salon, salon_form, set};
use crate::helpers::{PASSWORD, TestApp, text, texts};

/// Skanderborg with a department (Olga answers for it), a committee with a politician on it
/// (Pia), and an upcoming decision Olga published: (admin, olga, pia, decision path).
/// The decision [`skanderborg_with_a_decision`] publishes: its page's h1.
const DECISION: &str = "Ny sti langs Skanderborg Sø";

pub async fn skanderborg_with_a_decision(app: &TestApp) -> (Browser, Browser, Browser, String) {
    let admin = app.municipality_admin("skanderborg").await;
    let department = app.teknik_og_miljo(&admin).await;
    let (olga, _) = app
        .skanderborg_official(&admin, &department, "Olga Officiel", "olga@skanderborg.dk")
        .await;
    let committee = app
        .create_unit(&admin, "skanderborg", "committee", "Klimaudvalget")
        .await;
    let pia = app.verified_person("Pia Politiker", "pia@example.dk").await;
    let r = pia
        .post(
            "/municipalities/skanderborg/roles/request",
            &[
                ("kind", "politician"),
                ("units", committee.as_str()),
                ("title", "Formand"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let role: String = sqlx::query_scalar(
        "SELECT r.id::text FROM roles r JOIN users u ON u.id = r.user_id WHERE u.email = 'pia@example.dk'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    let r = admin
        .post(&format!("/admin/skanderborg/requests/{role}/approve"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let meeting = date_in(app, 30);
    let r = olga
        .post(
            "/municipalities/skanderborg/decisions/new",
            &[
                ("title", DECISION),
                (
                    "description",
                    "Udvalget skal vælge mellem to linjeføringer for stien.",
                ),
                ("unit", department.as_str()),
                ("committee", committee.as_str()),
                ("meeting_on", meeting.as_str()),
                ("hearing_from", date_in(app, 2).as_str()),
                ("hearing_to", date_in(app, 20).as_str()),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let path = r.location.unwrap().split('?').next().unwrap().to_string();
    (admin, olga, pia, path)
}

/// The edit form's fields as they stand.
async fn edit_values(staff: &Browser, path: &str) -> Vec<(String, String)> {
    let page = staff.get(&format!("{path}/edit")).await;
    let mut out = Vec::new();
    for name in [
        "title",
        "unit",
        "committee",
        "meeting_on",
        "hearing_from",
        "hearing_to",
    ] {
        let sel = format!("[name={name}]");
        let el = page
            .html
            .select(&scraper::Selector::parse(&sel).unwrap())
            .next()
            .unwrap();
        let value = match el.value().name() {
            "select" => el
                .select(&scraper::Selector::parse("option[selected]").unwrap())
                .next()
                .and_then(|o| o.value().attr("value"))
                .unwrap_or_default()
                .to_string(),
            _ => el.value().attr("value").unwrap_or_default().to_string(),
        };
        out.push((name.to_string(), value));
    }
    let description = page
        .html
        .select(&scraper::Selector::parse("textarea[name=description]").unwrap())
        .next()
        .unwrap()
        .text()
        .collect::<String>();
    out.push(("description".to_string(), description));
    out
}

fn decision_id(path: &str) -> &str {
    path.rsplit('/').next().unwrap()
}

async fn subjects(app: &TestApp, email: &str) -> Vec<String> {
    // Not the account's own mail (the address confirmation).
    sqlx::query_scalar(
        "SELECT subject FROM outbox WHERE to_address = $1 AND kind NOT LIKE 'account.%'
         ORDER BY created_at, id",
    )
    .bind(email)
    .fetch_all(&app.db)
    .await
    .unwrap()
}

#[tokio::test]
async fn staff_publish_a_decision_and_bad_input_comes_back_by_the_fields() {
    let app = TestApp::spawn().await;
    let (_admin, olga, pia, path) = skanderborg_with_a_decision(&app).await;
    // Politicians decide; they do not publish the municipality's cases.
    let r = pia.get("/municipalities/skanderborg/decisions/new").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = pia
        .post(
            &format!("{path}/outcome"),
            &[("outcome", "Ja"), ("minutes_url", "https://x.dk/")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    // The form refuses what is wrong, keeping what was typed.
    let r = olga
        .post(
            "/municipalities/skanderborg/decisions/new",
            &[
                ("title", "Skolestruktur"),
                ("description", ""),
                ("unit", "not-a-unit"),
                ("committee", ""),
                ("meeting_on", date_in(&app, -3).as_str()),
                ("hearing_from", date_in(&app, 5).as_str()),
                ("hearing_to", ""),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    for message in [
        "Skriv en kort beskrivelse.",
        "Vælg den enhed, der forbereder sagen.",
        "Vælg udvalget eller byrådet, der beslutter.",
        "Mødedatoen er allerede passeret.",
        "Skriv både første og sidste dag i høringen",
    ] {
        assert!(r.body.contains(message), "missing {message}");
    }
    assert_eq!(
        crate::helpers::attr(&r.html, "#field-title", "value").as_deref(),
        Some("Skolestruktur")
    );
    assert_eq!(
        crate::helpers::attr(&r.html, "#field-description", "aria-describedby").as_deref(),
        Some("field-description-hint field-description-error")
    );
    // A unit of another municipality is not offered and not accepted.
    let aarhus_admin = app.municipality_admin("aarhus").await;
    let aarhus_unit = app
        .create_unit(&aarhus_admin, "aarhus", "committee", "Teknisk Udvalg")
        .await;
    let r = olga
        .post(
            "/municipalities/skanderborg/decisions/new",
            &[
                ("title", "X"),
                ("description", "Y"),
                ("unit", aarhus_unit.as_str()),
                ("committee", aarhus_unit.as_str()),
                ("meeting_on", date_in(&app, 10).as_str()),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);

    // The page, the list and the municipality's page show it, with its dates in Danish.
    let page = app.page(&path, StatusCode::OK).await;
    assert_eq!(text(&page, "h1"), "Ny sti langs Skanderborg Sø");
    assert!(text(&page, ".decision-state").contains("Skal besluttes"));
    assert!(
        text(&page, ".decision-meeting").contains("december 2026"),
        "{}",
        text(&page, ".decision-meeting")
    );
    assert!(text(&page, ".decision-hearing").starts_with("Høring "));
    assert_eq!(
        text(&page, ".decision-salons .empty-state"),
        "Ingen saloner handler om denne beslutning endnu."
    );
    let list = app
        .page("/municipalities/skanderborg/decisions", StatusCode::OK)
        .await;
    assert_eq!(
        texts(&list, ".decision h3"),
        ["Ny sti langs Skanderborg Sø"]
    );
    assert_eq!(text(&list, ".decision-salons"), "Ingen saloner endnu");
    let m = app
        .page("/municipalities/skanderborg", StatusCode::OK)
        .await;
    assert_eq!(
        texts(&m, ".municipality-decisions .decision h3"),
        ["Ny sti langs Skanderborg Sø"]
    );
    // The committee's and the unit's pages list it too.
    let units: Vec<String> = page
        .select(&scraper::Selector::parse(".facts a").unwrap())
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    assert_eq!(units.len(), 2);
    for unit in units {
        let u = app.page(&unit, StatusCode::OK).await;
        assert_eq!(
            texts(&u, ".unit-decisions .decision h3"),
            ["Ny sti langs Skanderborg Sø"]
        );
    }

    // A follower hears when the meeting moves.
    let fie = app.verified_person("Fie Følger", "fie@example.dk").await;
    fie.post(&format!("{path}/follow"), &[]).await;
    let mut form: Vec<(String, String)> = edit_values(&olga, &path).await;
    for (k, v) in form.iter_mut() {
        if k == "meeting_on" {
            *v = date_in(&app, 45);
        }
    }
    let r = crate::helpers::salons::post_form(&olga, &format!("{path}/edit"), &form).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    app.run_jobs().await; // the news goes out through a job
    assert_eq!(
        subjects(&app, "fie@example.dk").await,
        ["Ny mødedato for Ny sti langs Skanderborg Sø"]
    );

    // Editing keeps the address; staff see the links, others do not.
    let staff_view = olga.get(&path).await;
    assert!(staff_view.body.contains("Ret beslutningen"));
    assert!(
        !app.page(&path, StatusCode::OK)
            .await
            .html()
            .contains("Ret beslutningen")
    );
    let edit = olga.get(&format!("{path}/edit")).await;
    assert_eq!(edit.status, StatusCode::OK);
    assert_eq!(
        crate::helpers::attr(&edit.html, "#field-title", "value").as_deref(),
        Some("Ny sti langs Skanderborg Sø")
    );

    // The feed has the meeting as an all-day event.
    let feed = app.get("/municipalities/skanderborg/decisions.ics").await;
    assert_eq!(feed.status(), StatusCode::OK);
    let ics = feed.text().await.unwrap();
    let cal: icalendar::Calendar = ics.parse().unwrap();
    assert_eq!(cal.components.len(), 1, "{ics}");
    assert!(
        ics.contains("SUMMARY:Klimaudvalget: Ny sti langs Skanderborg Sø"),
        "{ics}"
    );
    assert!(ics.contains("DTSTART;VALUE=DATE:"), "{ics}");

    // Another municipality's address for it is a 404, as is nonsense.
    let id = decision_id(&path);
    assert_eq!(
        app.get(&format!("/municipalities/aarhus/decisions/{id}"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/municipalities/skanderborg/decisions/nope")
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn salons_link_followers_hear_of_them_and_the_committee_gets_the_summary() {
    let app = TestApp::spawn().await;
    let (_admin, _olga, _pia, path) = skanderborg_with_a_decision(&app).await;
    let id = decision_id(&path).to_string();
    let fie = app.verified_person("Fie Følger", "fie@example.dk").await;
    let r = fie.post(&format!("{path}/follow"), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(fie.get(&path).await.body.contains("Følg ikke længere"));

    // At creation: the decision is offered; one of another municipality is refused.
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    let new = host.get(&format!("/salons/new?decision={id}")).await;
    assert_eq!(
        crate::helpers::attr(&new.html, "#field-decision option[selected]", "value").as_deref(),
        Some(id.as_str())
    );
    let form = salon_form(&app, "Stien og os", Some(20));
    let wrong = set(set(form.clone(), "decision", &id), "municipality", "0751");
    let r = crate::helpers::salons::post_form(&host, "/salons/new", &wrong).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains("Beslutningen hører til en anden kommune end salonen.")
    );
    let salon = create_salon(&host, &set(form, "decision", &id)).await;
    // A draft is nobody's news yet.
    assert!(subjects(&app, "fie@example.dk").await.is_empty());
    assert!(
        app.page(&path, StatusCode::OK)
            .await
            .html()
            .contains("Ingen saloner handler")
    );
    publish(&host, &salon).await;
    app.run_jobs().await; // the news goes out through a job
    assert_eq!(
        subjects(&app, "fie@example.dk").await,
        ["Ny salon om Ny sti langs Skanderborg Sø"]
    );
    let page = app.page(&path, StatusCode::OK).await;
    assert_eq!(texts(&page, ".decision-salon h3"), ["Stien og os"]);
    let salon_page = app.page(&salon.path, StatusCode::OK).await;
    assert!(text(&salon_page, ".salon-decisions").contains("Ny sti langs Skanderborg Sø"));

    // Later: a second salon links from its own page, once.
    let host2 = app.verified_person("Bo Borger", "bo@example.dk").await;
    let second = published_salon(&app, &host2, None).await;
    let links = host2.get(&format!("{}/decisions", second.path)).await;
    assert_eq!(links.status, StatusCode::OK);
    let r = host2
        .post(&format!("{}/decisions", second.path), &[("decision", "")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Vælg en kommende beslutning fra listen."));
    for _ in 0..2 {
        let r = host2
            .post(
                &format!("{}/decisions", second.path),
                &[("decision", id.as_str())],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    }
    app.run_jobs().await; // the news goes out through a job
    assert_eq!(
        subjects(&app, "fie@example.dk").await.len(),
        2,
        "told once per salon"
    );
    let list = app
        .page("/municipalities/skanderborg/decisions", StatusCode::OK)
        .await;
    assert_eq!(text(&list, ".decision-salons"), "2 saloner");
    // Only a host links: another citizen's attempt is a 404 and changes nothing.
    let r = fie
        .post(
            &format!("{}/decisions/remove", second.path),
            &[("decision", id.as_str())],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    // The summary goes to the one answering for the unit; the committee's member gets it in
    // the briefing before the meeting (a_committee_gets_one_briefing_before_its_meeting).
    app.clock.advance(Duration::days(5));
    app.run_jobs().await;
    let r = host
        .post(
            &format!("{}/summary", salon.path),
            &[
                ("summary", "Vi foretrækker linjeføringen tæt på vandet."),
                ("action", "publish"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let subject = "Referat fra en salon om Ny sti langs Skanderborg Sø".to_string();
    assert!(
        subjects(&app, "olga@skanderborg.dk")
            .await
            .contains(&subject)
    );
    assert!(!subjects(&app, "pia@example.dk").await.contains(&subject));
    let body: String = sqlx::query_scalar(
        "SELECT body_text FROM outbox WHERE to_address = 'olga@skanderborg.dk' AND subject = $1",
    )
    .bind(&subject)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert!(body.contains("linjeføringen tæt på vandet"));
    // Editing the summary does not send it again.
    host.post(
        &format!("{}/summary", salon.path),
        &[("summary", "Rettet referat."), ("action", "publish")],
    )
    .await;
    let n = subjects(&app, "olga@skanderborg.dk")
        .await
        .iter()
        .filter(|s| **s == subject)
        .count();
    assert_eq!(n, 1);
    let page = app.page(&path, StatusCode::OK).await;
    assert!(text(&page, ".decision-salon .summary-text").contains("Rettet referat."));

    // The host removes the second salon again.
    let r = host2
        .post(
            &format!("{}/decisions/remove", second.path),
            &[("decision", id.as_str())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let list = app
        .page("/municipalities/skanderborg/decisions", StatusCode::OK)
        .await;
    assert_eq!(text(&list, ".decision-salons"), "1 salon");
    // A salon the moderators hid is on no decision's page.
    sqlx::query("UPDATE salons SET hidden_reason = 'Brud på husreglerne' WHERE id = $1")
        .bind(salon.id)
        .execute(&app.db)
        .await
        .unwrap();
    let list = app
        .page("/municipalities/skanderborg/decisions", StatusCode::OK)
        .await;
    assert_eq!(text(&list, ".decision-salons"), "Ingen saloner endnu");
    assert!(texts(&app.titled(&path, DECISION).await, ".decision-salon").is_empty());
}

#[tokio::test]
async fn the_outcome_reaches_hosts_and_followers_once_and_counts_in_the_record() {
    let app = TestApp::spawn().await;
    let (_admin, olga, _pia, path) = skanderborg_with_a_decision(&app).await;
    let id = decision_id(&path).to_string();
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    let salon = create_salon(
        &host,
        &set(salon_form(&app, "Stien og os", None), "decision", &id),
    )
    .await;
    publish(&host, &salon).await;
    let fie = app.verified_person("Fie Følger", "fie@example.dk").await;
    fie.post(&format!("{path}/follow"), &[]).await;
    let quitter = app.verified_person("Kim Kortvarig", "kim@example.dk").await;
    quitter.post(&format!("{path}/follow"), &[]).await;
    quitter.post(&format!("{path}/unfollow"), &[]).await;

    // The outcome is recorded on the meeting day (30 days on; everyone signs in again).
    app.clock.advance(Duration::days(30));
    for (who, email) in [(&olga, "olga@skanderborg.dk"), (&host, "carl@example.dk")] {
        let r = who
            .post("/sign-in", &[("email", email), ("password", PASSWORD)])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    }
    // Bad input first.
    let r = olga
        .post(
            &format!("{path}/outcome"),
            &[("outcome", ""), ("minutes_url", "javascript:alert(1)")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("Skriv, hvad der blev besluttet.")
            && r.body.contains("Skriv en hel webadresse")
    );
    assert!(
        r.body.contains("javascript:alert(1)"),
        "what was typed stays"
    );

    let r = olga
        .post(
            &format!("{path}/outcome"),
            &[
                ("outcome", "Udvalget valgte linjeføringen tæt på vandet."),
                ("minutes_url", "https://skanderborg.dk/dagsordener/klima/42"),
            ],
        )
        .await;
    assert_eq!(
        r.location.as_deref(),
        Some(format!("{path}?done=decided").as_str())
    );
    app.run_jobs().await; // the news goes out through a job
    let told = "Beslutningen er truffet: Ny sti langs Skanderborg Sø".to_string();
    assert!(
        subjects(&app, "carl@example.dk").await.contains(&told),
        "{:?}",
        subjects(&app, "carl@example.dk").await
    );
    assert!(subjects(&app, "fie@example.dk").await.contains(&told));
    assert!(!subjects(&app, "kim@example.dk").await.contains(&told));
    // A correction does not tell anyone again.
    olga.post(
        &format!("{path}/outcome"),
        &[
            (
                "outcome",
                "Udvalget valgte linjeføringen tæt på vandet, med bænke.",
            ),
            ("minutes_url", "https://skanderborg.dk/dagsordener/klima/42"),
        ],
    )
    .await;
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM outbox WHERE subject = $1")
        .bind(&told)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(n, 2, "one mail each to the host and the follower");

    // The page keeps the whole story; the decided one leaves the open list and takes no
    // new salons.
    let page = app.page(&path, StatusCode::OK).await;
    assert!(text(&page, ".decision-state").contains("Besluttet"));
    assert!(text(&page, ".decision-outcome").contains("med bænke"));
    assert_eq!(
        crate::helpers::attr(&page, ".decision-minutes", "href").as_deref(),
        Some("https://skanderborg.dk/dagsordener/klima/42")
    );
    assert_eq!(texts(&page, ".decision-salon h3"), ["Stien og os"]);
    let list = app
        .page("/municipalities/skanderborg/decisions", StatusCode::OK)
        .await;
    assert!(texts(&list, "#open-heading + .empty-state").len() == 1);
    let other = published_salon(&app, &host, None).await;
    let r = host
        .post(
            &format!("{}/decisions", other.path),
            &[("decision", id.as_str())],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);

    // The response record: one decision, with a salon before it.
    let m = app
        .page("/municipalities/skanderborg", StatusCode::OK)
        .await;
    assert_eq!(text(&m, ".record-decisions"), "1 af 1");
}

#[tokio::test]
async fn followed_decisions_are_in_the_data_download_and_forgotten_on_deletion() {
    let app = TestApp::spawn().await;
    let (_admin, olga, _pia, path) = skanderborg_with_a_decision(&app).await;
    let fie = app.verified_person("Fie Følger", "fie@example.dk").await;
    fie.post(&format!("{path}/follow"), &[]).await;
    let data = fie.get("/account/data.json").await;
    let json: serde_json::Value = serde_json::from_str(&data.body).unwrap();
    assert_eq!(
        json["decisions"]["following"][0]["decision"],
        "Ny sti langs Skanderborg Sø"
    );
    let olga_data: serde_json::Value =
        serde_json::from_str(&olga.get("/account/data.json").await.body).unwrap();
    assert_eq!(
        olga_data["decisions"]["published_or_recorded"][0]["published"],
        true
    );

    let r = fie
        .post("/account/delete", &[("current_password", PASSWORD)])
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let left: i64 = sqlx::query_scalar("SELECT count(*) FROM decision_followers")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(left, 0);
    // The decision Olga published stays when she leaves.
    olga.post("/account/delete", &[("current_password", PASSWORD)])
        .await;
    assert_eq!(app.get(&path).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn an_edited_salon_keeps_its_links_only_in_its_municipality_and_is_announced_once_public() {
    let app = TestApp::spawn().await;
    let (_admin, _olga, _pia, path) = skanderborg_with_a_decision(&app).await;
    let id = decision_id(&path).to_string();
    let fie = app.verified_person("Fie Følger", "fie@example.dk").await;
    fie.post(&format!("{path}/follow"), &[]).await;
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    // Published unlisted: no one is told, the decision's page does not show it.
    let form = set(
        set(salon_form(&app, "Stien og os", None), "decision", &id),
        "visibility",
        "unlisted",
    );
    let salon = create_salon(&host, &form).await;
    publish(&host, &salon).await;
    assert!(subjects(&app, "fie@example.dk").await.is_empty());
    // Made public by an edit: now it is news, once.
    let public = set(form.clone(), "visibility", "public");
    let r =
        crate::helpers::salons::post_form(&host, &format!("{}/edit", salon.path), &public).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    app.run_jobs().await; // the news goes out through a job
    assert_eq!(
        subjects(&app, "fie@example.dk").await,
        ["Ny salon om Ny sti langs Skanderborg Sø"]
    );
    let r =
        crate::helpers::salons::post_form(&host, &format!("{}/edit", salon.path), &public).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(subjects(&app, "fie@example.dk").await.len(), 1);
    let page = app.page(&path, StatusCode::OK).await;
    assert_eq!(texts(&page, ".decision-salon h3"), ["Stien og os"]);
    // Moved to Aarhus: it is not about Skanderborg's decision any more.
    let moved = set(public, "municipality", "0751");
    let r = crate::helpers::salons::post_form(&host, &format!("{}/edit", salon.path), &moved).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = app.titled(&path, DECISION).await;
    assert!(texts(&page, ".decision-salon").is_empty());
}

#[tokio::test]
async fn followers_are_told_through_a_job_and_two_workers_mail_each_of_them_once() {
    let app = TestApp::spawn().await;
    let (_admin, olga, _pia, path) = skanderborg_with_a_decision(&app).await;
    let followers = ["fie@example.dk", "gry@example.dk", "hans@example.dk"];
    for (i, email) in followers.iter().enumerate() {
        let person = app
            .verified_person(&format!("Følger {}", i + 1), email)
            .await;
        let r = person.post(&format!("{path}/follow"), &[]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    }
    app.clock.advance(Duration::days(30));
    let r = olga
        .post(
            "/sign-in",
            &[("email", "olga@skanderborg.dk"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = olga
        .post(
            &format!("{path}/outcome"),
            &[
                ("outcome", "Udvalget valgte linjeføringen tæt på vandet."),
                ("minutes_url", "https://skanderborg.dk/dagsordener/klima/42"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    // The request only enqueued the news: one job, no mail yet.
    let told = "Beslutningen er truffet: Ny sti langs Skanderborg Sø";
    let jobs: i64 = sqlx::query_scalar("SELECT count(*) FROM jobs WHERE kind = 'decision.tell'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(jobs, 1);
    for email in followers {
        assert!(!subjects(&app, email).await.iter().any(|s| s == told));
    }

    // Two workers at once: each follower is mailed exactly once.
    let (a, b) = (app.worker(), app.worker());
    let (ran_a, ran_b) = tokio::join!(a.run_until_idle(), b.run_until_idle());
    ran_a.unwrap();
    ran_b.unwrap();
    for email in followers {
        let n = subjects(&app, email)
            .await
            .iter()
            .filter(|s| *s == told)
            .count();
        assert_eq!(n, 1, "{email}");
    }
}

#[tokio::test]
async fn a_decision_shows_its_case_number_and_agenda_link_and_a_bad_link_is_refused_by_the_field() {
    let app = TestApp::spawn().await;
    let (_admin, olga, _pia, path) = skanderborg_with_a_decision(&app).await;
    // Neither is required: the decision published without them shows neither.
    let page = app.page(&path, StatusCode::OK).await;
    assert!(texts(&page, ".decision-case-number").is_empty());
    assert!(texts(&page, ".decision-agenda").is_empty());

    // Only a whole http(s) address is taken, with the message by the field.
    let mut form = edit_values(&olga, &path).await;
    form.push(("case_number".into(), "01.05.00-P20-3-26".into()));
    form.push(("agenda_url".into(), "javascript:alert(1)".into()));
    let r = crate::helpers::salons::post_form(&olga, &format!("{path}/edit"), &form).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        text(&r.html, "#field-agenda_url-error")
            .contains("Skriv en hel webadresse, der begynder med https://."),
        "{}",
        r.body
    );
    assert_eq!(
        crate::helpers::attr(&r.html, "#field-case_number", "value").as_deref(),
        Some("01.05.00-P20-3-26")
    );
    let long = "1".repeat(61);
    form.retain(|(k, _)| k != "agenda_url" && k != "case_number");
    form.push(("case_number".into(), long));
    let r = crate::helpers::salons::post_form(&olga, &format!("{path}/edit"), &form).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        text(&r.html, "#field-case_number-error").contains("Sagsnummeret må højst være 60 tegn.")
    );

    form.retain(|(k, _)| k != "case_number");
    form.push(("case_number".into(), "01.05.00-P20-3-26".into()));
    form.push((
        "agenda_url".into(),
        "https://skanderborg.dk/dagsorden/2026-12/punkt-4".into(),
    ));
    let r = crate::helpers::salons::post_form(&olga, &format!("{path}/edit"), &form).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    // The page shows both; the edit form keeps them; the feed carries them.
    let page = app.page(&path, StatusCode::OK).await;
    assert_eq!(text(&page, ".decision-case-number"), "01.05.00-P20-3-26");
    assert_eq!(
        crate::helpers::attr(&page, "a.decision-agenda", "href").as_deref(),
        Some("https://skanderborg.dk/dagsorden/2026-12/punkt-4")
    );
    let values = edit_values(&olga, &path).await;
    assert!(values.contains(&("title".into(), DECISION.into())));
    let edit = olga.get(&format!("{path}/edit")).await;
    assert_eq!(
        crate::helpers::attr(&edit.html, "#field-agenda_url", "value").as_deref(),
        Some("https://skanderborg.dk/dagsorden/2026-12/punkt-4")
    );
    let ics = app
        .get("/municipalities/skanderborg/decisions.ics")
        .await
        .text()
        .await
        .unwrap();
    let events = crate::helpers::ics::events(&ics);
    let description = crate::helpers::ics::prop(&events[0], "DESCRIPTION")
        .unwrap_or_default()
        .to_string();
    assert!(
        description.contains("Sagsnummer: 01.05.00-P20-3-26"),
        "{description}"
    );
    assert!(
        description.contains("Dagsorden: https://skanderborg.dk/dagsorden/2026-12/punkt-4"),
        "{description}"
    );
}

/// The bodies of the committee briefings mailed to `email`.
async fn briefings(app: &TestApp, email: &str) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT body_text FROM outbox WHERE to_address = $1 AND kind = 'decision.briefing'
         ORDER BY created_at, id",
    )
    .bind(email)
    .fetch_all(&app.db)
    .await
    .unwrap()
}

#[tokio::test]
async fn a_committee_gets_one_briefing_before_its_meeting_and_two_workers_send_it_once() {
    let app = TestApp::spawn().await;
    let (_admin, olga, _pia, path) = skanderborg_with_a_decision(&app).await;
    let unit_id = |name: &'static str| {
        let db = app.db.clone();
        async move {
            sqlx::query_scalar::<_, String>("SELECT id::text FROM units WHERE name = $1")
                .bind(name)
                .fetch_one(&db)
                .await
                .unwrap()
        }
    };
    let (department, committee) = (
        unit_id("Teknik og Miljø").await,
        unit_id("Klimaudvalget").await,
    );
    // A second case for the same meeting.
    let r = olga
        .post(
            "/municipalities/skanderborg/decisions/new",
            &[
                ("title", "Skolevejen i Ry"),
                ("description", "Skal vejen lukkes for biler om morgenen?"),
                ("unit", department.as_str()),
                ("committee", committee.as_str()),
                ("meeting_on", date_in(&app, 30).as_str()),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let second = r.location.unwrap().split('?').next().unwrap().to_string();
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    let mut salons = Vec::new();
    for (title, decision) in [("Stien og os", &path), ("Morgen på skolevejen", &second)] {
        let form = set(
            salon_form(&app, title, Some(20)),
            "decision",
            decision_id(decision),
        );
        let salon = create_salon(&host, &form).await;
        publish(&host, &salon).await;
        salons.push(salon);
    }
    let r = host
        .post(
            &format!("{}/agreements", salons[0].path),
            &[
                ("description", "Vi samler underskrifter"),
                ("owner", "citizens"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // A summary before the briefing: the unit gets it at once, the committee waits.
    app.clock.advance(Duration::days(5));
    app.run_jobs().await;
    let r = host
        .post(
            &format!("{}/summary", salons[0].path),
            &[
                ("summary", "Vi foretrækker linjeføringen tæt på vandet."),
                ("action", "publish"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let summaries = |email: &'static str| {
        let app = &app;
        async move {
            subjects(app, email)
                .await
                .into_iter()
                .filter(|s| s.starts_with("Referat fra en salon"))
                .count()
        }
    };
    assert_eq!(summaries("pia@example.dk").await, 0);
    assert_eq!(summaries("olga@skanderborg.dk").await, 1);

    // Four days before the meeting: nothing yet.
    app.clock.advance(Duration::days(21));
    app.run_jobs().await;
    assert!(briefings(&app, "pia@example.dk").await.is_empty());
    // Three days before (07:00 in Copenhagen), two workers at once: one mail.
    app.clock.advance(Duration::days(2));
    let (a, b) = (app.worker(), app.worker());
    let (ran_a, ran_b) = tokio::join!(a.run_until_idle(), b.run_until_idle());
    ran_a.unwrap();
    ran_b.unwrap();
    app.run_jobs().await;
    let mails = briefings(&app, "pia@example.dk").await;
    assert_eq!(mails.len(), 1, "{mails:?}");
    for part in [
        "Klimaudvalget",
        DECISION,
        "Skolevejen i Ry",
        "Stien og os",
        "Vi foretrækker linjeføringen tæt på vandet.",
        "Vi samler underskrifter",
        "Morgen på skolevejen",
        "Referatet er ikke offentliggjort endnu.",
    ] {
        assert!(mails[0].contains(part), "{part} missing from {}", mails[0]);
    }
    let subject: String = sqlx::query_scalar(
        "SELECT subject FROM outbox WHERE to_address = 'pia@example.dk' AND kind = 'decision.briefing'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert!(subject.starts_with("Før mødet "), "{subject}");
    // Only the committee: the official preparing the cases is not on it.
    assert!(briefings(&app, "olga@skanderborg.dk").await.is_empty());

    // A summary after the briefing reaches the committee on its own (the host signs in
    // again: three weeks have passed).
    let r = host
        .post(
            "/sign-in",
            &[("email", "carl@example.dk"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = host
        .post(
            &format!("{}/summary", salons[1].path),
            &[
                ("summary", "Luk vejen fra 7.30 til 8.15."),
                ("action", "publish"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(
        subjects(&app, "pia@example.dk")
            .await
            .contains(&"Referat fra en salon om Skolevejen i Ry".to_string())
    );
    assert_eq!(briefings(&app, "pia@example.dk").await.len(), 1);
}

/// The committee's name is kept on each decision for the lists (migration 0077): a rename of
/// the committee, and a decision moved to another committee, show the name the committee has
/// now, everywhere the lists show it.
#[tokio::test]
async fn the_lists_name_the_committee_as_it_is_named_after_a_rename_or_a_move() {
    let app = TestApp::spawn().await;
    let (admin, _olga, _pia, path) = skanderborg_with_a_decision(&app).await;
    let list = "/municipalities/skanderborg/decisions";
    let facts = |html: &scraper::Html| text(html, ".decision-facts");
    assert!(facts(&app.browser().get(list).await.html).contains("Klimaudvalget"));

    let committee: String =
        sqlx::query_scalar("SELECT committee_id::text FROM decisions WHERE id = $1::uuid")
            .bind(decision_id(&path))
            .fetch_one(&app.db)
            .await
            .unwrap();
    let r = admin
        .post(
            &format!("/admin/skanderborg/units/{committee}"),
            &[("name", "Klima- og Naturudvalget")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let shown = facts(&app.browser().get(list).await.html);
    assert!(shown.contains("Klima- og Naturudvalget"), "{shown}");
    assert_eq!(
        crate::record_kept::decisions_not_kept(&app).await,
        Vec::<String>::new()
    );

    // Another committee decides it.
    let other = app
        .create_unit(&admin, "skanderborg", "committee", "Økonomiudvalget")
        .await;
    sqlx::query("UPDATE decisions SET committee_id = $1::uuid WHERE id = $2::uuid")
        .bind(&other)
        .bind(decision_id(&path))
        .execute(&app.db)
        .await
        .unwrap();
    let shown = facts(&app.browser().get(list).await.html);
    assert!(shown.contains("Økonomiudvalget"), "{shown}");
    assert_eq!(
        crate::record_kept::decisions_not_kept(&app).await,
        Vec::<String>::new()
    );
}

/// A decision's page reads its salons' next steps in one go with the salons' ids and hands
/// each salon its own: each under its salon, in the order they were made, and none of a salon
/// about another decision.
#[tokio::test]
async fn a_decisions_page_shows_each_salons_next_steps_under_it_in_the_order_they_were_made() {
    let app = TestApp::spawn().await;
    let (_admin, olga, _pia, path) = skanderborg_with_a_decision(&app).await;
    let id = decision_id(&path).to_string();
    let committee: String =
        sqlx::query_scalar("SELECT committee_id::text FROM decisions WHERE id = $1::text::uuid")
            .bind(&id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    let department: String =
        sqlx::query_scalar("SELECT unit_id::text FROM decisions WHERE id = $1::text::uuid")
            .bind(&id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    let r = olga
        .post(
            "/municipalities/skanderborg/decisions/new",
            &[
                ("title", "Skolevejen i Ry"),
                ("description", "Skal vejen lukkes for biler om morgenen?"),
                ("unit", department.as_str()),
                ("committee", committee.as_str()),
                ("meeting_on", date_in(&app, 30).as_str()),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let other = r.location.unwrap().split('?').next().unwrap().to_string();
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    let mut salons = Vec::new();
    for (title, decision) in [
        ("Stien og os", &path),
        ("Stien om aftenen", &path),
        ("Morgen på skolevejen", &other),
    ] {
        let form = set(
            salon_form(&app, title, Some(20)),
            "decision",
            decision_id(decision),
        );
        let salon = create_salon(&host, &form).await;
        publish(&host, &salon).await;
        salons.push(salon);
    }
    // Made in turn across the salons, a minute apart.
    for (salon, step) in [
        (0, "Vi samler underskrifter"),
        (2, "Et andet skridt"),
        (1, "Vi mødes igen"),
        (0, "Vi skriver til udvalget"),
    ] {
        let r = host
            .post(
                &format!("{}/agreements", salons[salon].path),
                &[("description", step), ("owner", "citizens")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        app.clock.advance(Duration::minutes(1));
    }
    let page = app.titled(&path, DECISION).await;
    let titles = texts(&page, ".decision-salon h3");
    assert_eq!(titles.len(), 2, "{titles:?}");
    for (n, title) in titles.iter().enumerate() {
        let steps = texts(
            &page,
            &format!(
                ".decision-salon:nth-child({}) .agreement-description",
                n + 1
            ),
        );
        let expected: &[&str] = if title == "Stien og os" {
            &["Vi samler underskrifter", "Vi skriver til udvalget"]
        } else {
            &["Vi mødes igen"]
        };
        assert_eq!(steps, expected, "under {title}");
    }
    let other_page = app.titled(&other, "Skolevejen i Ry").await;
    assert_eq!(
        texts(&other_page, ".agreement-description"),
        ["Et andet skridt"]
    );
}

/// A decision's page lists its salons by first start and, starting together, by id — the
/// order the directory lists them in — whatever order its links are read in (by salon id).
#[tokio::test]
async fn a_decisions_page_lists_its_salons_by_first_start_then_id() {
    let app = TestApp::spawn().await;
    let (_admin, _olga, _pia, path) = skanderborg_with_a_decision(&app).await;
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    let mut ids = Vec::new();
    for (title, start, end) in [
        ("Om aftenen", "18:00", "20:00"),
        ("Samtidig et", "14:00", "16:00"),
        ("Om morgenen", "09:00", "11:00"),
        ("Samtidig to", "14:00", "16:00"),
        ("Ved middag", "12:00", "13:00"),
    ] {
        let form = set(
            set(
                set(
                    salon_form(&app, title, Some(20)),
                    "decision",
                    decision_id(&path),
                ),
                "session-0-start",
                start,
            ),
            "session-0-end",
            end,
        );
        let salon = create_salon(&host, &form).await;
        publish(&host, &salon).await;
        ids.push(salon.id);
    }
    let expected: Vec<String> = sqlx::query_scalar(
        "SELECT title FROM salons WHERE id = ANY($1) ORDER BY first_starts_at, id",
    )
    .bind(&ids)
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(expected.first().map(String::as_str), Some("Om morgenen"));
    assert_eq!(expected.get(1).map(String::as_str), Some("Ved middag"));
    assert_eq!(expected.last().map(String::as_str), Some("Om aftenen"));
    let page = app.titled(&path, DECISION).await;
    assert_eq!(texts(&page, ".decision-salon h3"), expected);
}
