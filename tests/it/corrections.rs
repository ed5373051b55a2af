//! What follows a salon stays true, rules 6, 7 and 8: no one can make the municipality late
//! with a next step; no outcome is recorded before the meeting (a decision can be moved or
//! taken off the agenda instead); and a correction of a published summary or a next step's
//! text shows, with the earlier versions one click away.

use chrono::{Duration, NaiveTime};
use chrono_tz::Europe::Copenhagen;
use reqwest::StatusCode;

use crate::helpers::browser::Browser;
use crate::helpers::salons::{SalonRef, date_in, published_from, salon_form};
use crate::helpers::{PASSWORD, TestApp, attr, text, texts};

/// Skanderborg with Teknik og Miljø (Olga answers for it) and Plan- og Miljøudvalget, and
/// Carl's public salon four days ahead.
/// The scene's salon, its page's h1.
const SALON: &str = "Stien langs søen";

struct Scene {
    app: TestApp,
    host: Browser,
    olga: Browser,
    salon: SalonRef,
    unit: String,
    committee: String,
}

async fn scene() -> Scene {
    let app = TestApp::spawn().await;
    let admin = app.municipality_admin("skanderborg").await;
    let unit = app.teknik_og_miljo(&admin).await;
    let committee = app
        .create_unit(&admin, "skanderborg", "committee", "Plan- og Miljøudvalget")
        .await;
    let (olga, _) = app
        .skanderborg_official(&admin, &unit, "Olga Hansen", "olga@skanderborg.dk")
        .await;
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    let salon = published_from(&host, &salon_form(&app, SALON, Some(20))).await;
    Scene {
        app,
        host,
        olga,
        salon,
        unit,
        committee,
    }
}

/// The salon is over: its hosts may write the summary and the next steps.
async fn after_the_salon(s: &Scene) {
    s.app.clock.advance(Duration::days(5));
    s.app.run_jobs().await;
}

async fn add_step(
    s: &Scene,
    description: &str,
    owner: &str,
    due: &str,
) -> crate::helpers::browser::Response {
    s.host
        .post(
            &format!("{}/agreements", s.salon.path),
            &[
                ("description", description),
                ("owner", owner),
                ("due_on", due),
            ],
        )
        .await
}

async fn step_id(s: &Scene, description: &str) -> String {
    sqlx::query_scalar("SELECT id::text FROM agreements WHERE description = $1")
        .bind(description)
        .fetch_one(&s.app.db)
        .await
        .unwrap()
}

/// The host and Olga sign in again after the clock has moved on.
async fn signed_in_again(s: &Scene) {
    for (who, email) in [
        (&s.host, "carl@example.dk"),
        (&s.olga, "olga@skanderborg.dk"),
    ] {
        let r = who
            .post("/sign-in", &[("email", email), ("password", PASSWORD)])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    }
}

async fn counts(s: &Scene, path: &str) -> String {
    text(&s.app.page(path, StatusCode::OK).await, ".agreement-counts")
}

#[tokio::test]
async fn no_one_can_make_the_municipality_late() {
    let s = scene().await;
    after_the_salon(&s).await;
    let owner = format!("unit:{}", s.unit);
    // A due date in the past is refused, with what was typed kept.
    let r = add_step(&s, "Mere lys ved stien", &owner, &date_in(&s.app, -1)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        text(&r.html, "#field-due_on-error"),
        "Fejl:Datoen er allerede passeret."
    );
    assert_eq!(
        attr(&r.html, "#field-description", "value")
            .or_else(|| Some(text(&r.html, "#field-description")))
            .as_deref(),
        Some("Mere lys ved stien")
    );
    let r = add_step(&s, "Mere lys ved stien", &owner, &date_in(&s.app, 5)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let id = step_id(&s, "Mere lys ved stien").await;

    // Past its due date while only proposed: not late, nowhere.
    s.app.clock.advance(Duration::days(7));
    let page = s.app.titled(&s.salon.path, SALON).await;
    assert!(texts(&page, ".agreement .overdue").is_empty());
    assert_eq!(texts(&page, ".agreement-status"), ["Foreslået"]);
    assert_eq!(
        counts(&s, "/municipalities/skanderborg").await,
        "1 åbne, 0 gennemført, 0 forsinket, 0 ikke besvaret"
    );
    // No answer 14 days after it was proposed: the unit's figures say so.
    s.app.clock.advance(Duration::days(8));
    let unit_page = "/municipalities/skanderborg/units/teknik-og-miljoe";
    assert_eq!(
        counts(&s, unit_page).await,
        "1 åbne, 0 gennemført, 0 forsinket, 1 ikke besvaret"
    );
    let page = s.app.page(unit_page, StatusCode::OK).await;
    assert_eq!(texts(&page, ".agreement .unanswered"), ["Ikke besvaret"]);

    // (Three weeks on, both sign in again: a session ends after 14 days unused.)
    signed_in_again(&s).await;
    // The owner takes it and confirms or sets the due date (never in the past).
    let accept = format!("/agreements/{id}/accept");
    let r = s
        .olga
        .post(&accept, &[("due_on", &date_in(&s.app, -2))])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        text(&r.html, "#accept-due_on-error"),
        "Fejl:Datoen er allerede passeret."
    );
    let page = s.olga.get(&format!("/agreements/{id}")).await;
    assert_eq!(
        attr(&page.html, "#accept-due_on", "value"),
        Some(date_in(&s.app, -10)),
        "the proposed date is offered to confirm or change"
    );
    let r = s
        .olga
        .post(&accept, &[("due_on", &date_in(&s.app, 10))])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = s
        .app
        .page(&format!("/agreements/{id}"), StatusCode::OK)
        .await;
    assert_eq!(text(&page, "dd.agreement-status"), "Aftalt");
    assert_eq!(
        counts(&s, unit_page).await,
        "1 åbne, 0 gennemført, 0 forsinket, 0 ikke besvaret"
    );
    // Taken and then past its date: late, as it should be.
    s.app.clock.advance(Duration::days(11));
    assert_eq!(
        counts(&s, unit_page).await,
        "1 åbne, 0 gennemført, 1 forsinket, 0 ikke besvaret"
    );

    // A step the municipality declines reads as that, never as "Opgivet".
    signed_in_again(&s).await;
    let r = add_step(&s, "Ny bro over åen", &owner, "").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let bridge = step_id(&s, "Ny bro over åen").await;
    let r = s
        .olga
        .post(
            &format!("/agreements/{bridge}/refuse"),
            &[("reason", "Broen ligger på privat grund.")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = s.app.titled(&s.salon.path, SALON).await;
    assert!(
        texts(&page, ".agreement-status")
            .contains(&"Afvist af kommunen: Broen ligger på privat grund.".to_string()),
        "{:?}",
        texts(&page, ".agreement-status")
    );
    assert!(!page.html().contains("Opgivet"));
    let page = s
        .app
        .titled(&format!("/agreements/{bridge}"), "Næste skridt")
        .await;
    assert_eq!(
        text(&page, "dd.agreement-status"),
        "Afvist af kommunen: Broen ligger på privat grund."
    );
    assert!(!page.html().contains("Opgivet"));
}

/// Olga publishes a decision of the committee, its meeting `days` ahead: its page.
async fn decision(s: &Scene, title: &str, days: i64) -> String {
    let meeting = date_in(&s.app, days);
    let r = s
        .olga
        .post(
            "/municipalities/skanderborg/decisions/new",
            &[
                ("title", title),
                ("description", "Hvor skal stien gå?"),
                ("unit", s.unit.as_str()),
                ("committee", s.committee.as_str()),
                ("meeting_on", meeting.as_str()),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    r.location.unwrap().split('?').next().unwrap().to_string()
}

async fn mails_with(s: &Scene, kind: &str) -> Vec<String> {
    sqlx::query_scalar("SELECT to_address FROM outbox WHERE kind = $1 ORDER BY to_address")
        .bind(kind)
        .fetch_all(&s.app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn no_outcome_is_recorded_before_the_meeting_day() {
    let s = scene().await;
    let path = decision(&s, "Ny sti langs søen", 30).await;
    let id = path.rsplit('/').next().unwrap().to_string();
    let r = s
        .host
        .post(
            &format!("{}/decisions", s.salon.path),
            &[("decision", id.as_str())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let nina = s.app.verified_person("Nina Nabo", "nina@example.dk").await;
    let r = nina.post(&format!("{path}/follow"), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    // Before the meeting day: no outcome form, but a new date or "off the agenda".
    let form = s.olga.get(&format!("{path}/outcome")).await;
    form.expect_page("Beslutningen om Ny sti langs søen");
    assert!(texts(&form.html, "#field-outcome").is_empty());
    assert_eq!(
        attr(&form.html, "a.decision-new-date", "href"),
        Some(format!("{path}/edit"))
    );
    assert_eq!(
        texts(&form.html, "#withdraw-heading"),
        ["Taget af dagsordenen"]
    );
    let r = s
        .olga
        .post(
            &format!("{path}/outcome"),
            &[
                ("outcome", "Udvalget vedtog stien."),
                ("minutes_url", "https://skanderborg.dk/referat/1"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("kan først registreres fra mødedagen"),
        "{}",
        r.body
    );
    assert!(mails_with(&s, "decision.decided").await.is_empty());

    // Taken off the agenda: a reason is needed; hosts and followers are told once.
    let withdraw = format!("{path}/withdraw");
    let r = s.olga.post(&withdraw, &[("reason", "")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        text(&r.html, "#withdraw-reason-error"),
        "Fejl:Skriv, hvorfor sagen er taget af dagsordenen."
    );
    let r = s
        .olga
        .post(
            &withdraw,
            &[("reason", "Sagen venter på en ny VVM-redegørelse.")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    s.app.run_jobs().await; // the news goes out through a job
    assert_eq!(
        mails_with(&s, "decision.withdrawn").await,
        ["carl@example.dk", "nina@example.dk"]
    );
    let r = s.olga.post(&withdraw, &[("reason", "Igen.")]).await;
    assert_ne!(r.status, StatusCode::INTERNAL_SERVER_ERROR);
    s.app.run_jobs().await;
    assert_eq!(
        mails_with(&s, "decision.withdrawn").await.len(),
        2,
        "told once"
    );
    let page = s.app.page(&path, StatusCode::OK).await;
    assert_eq!(
        text(&page, ".decision-withdrawn"),
        "Taget af dagsordenen: Sagen venter på en ny VVM-redegørelse."
    );
    // A calendar holding its meeting shows it cancelled.
    let feed = s
        .app
        .get("/municipalities/skanderborg/decisions.ics")
        .await
        .text()
        .await
        .unwrap();
    assert!(feed.contains("STATUS:CANCELLED"), "{feed}");
    // It closes for new salons.
    let links = s.host.get(&format!("{}/decisions", s.salon.path)).await;
    assert!(
        texts(
            links.expect_page("Beslutninger for Stien langs søen"),
            &format!("#field-decision option[value=\"{id}\"]")
        )
        .is_empty()
    );
    let r = s
        .host
        .post(
            &format!("{}/decisions", s.salon.path),
            &[("decision", id.as_str())],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = s
        .olga
        .post(
            &format!("{path}/outcome"),
            &[
                ("outcome", "Udvalget vedtog stien."),
                ("minutes_url", "https://skanderborg.dk/referat/1"),
            ],
        )
        .await;
    assert_ne!(
        r.status,
        StatusCode::SEE_OTHER,
        "no outcome for a withdrawn decision"
    );

    // From the meeting day (Copenhagen), the outcome is recorded.
    let other = decision(&s, "Nye bænke på torvet", 30).await;
    let day = chrono::NaiveDate::parse_from_str(&date_in(&s.app, 30), "%Y-%m-%d").unwrap();
    let just_before = day
        .and_time(NaiveTime::from_hms_opt(0, 0, 0).unwrap())
        .and_local_timezone(Copenhagen)
        .unwrap()
        .to_utc()
        - Duration::minutes(1);
    s.app.clock.set(just_before);
    signed_in_again(&s).await;
    let outcome = [
        ("outcome", "Udvalget vedtog tre bænke."),
        ("minutes_url", "https://skanderborg.dk/referat/2"),
    ];
    let r = s.olga.post(&format!("{other}/outcome"), &outcome).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    s.app.clock.advance(Duration::minutes(2));
    let r = s.olga.post(&format!("{other}/outcome"), &outcome).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
}

/// Olga tries to edit the decision at `path`: the form is not there, a save changes nothing.
async fn edit_refused(s: &Scene, path: &str, title: &str) {
    let r = s.olga.get(&format!("{path}/edit")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
    let meeting = date_in(&s.app, 60);
    let r = s
        .olga
        .post(
            &format!("{path}/edit"),
            &[
                ("title", "Noget andet"),
                ("description", "Hvor skal stien gå?"),
                ("unit", s.unit.as_str()),
                ("committee", s.committee.as_str()),
                ("meeting_on", meeting.as_str()),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
    let page = s.olga.get(path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(text(&page.html, "h1"), title);
    assert!(
        texts(&page.html, "a.decision-edit").is_empty(),
        "no edit link"
    );
}

#[tokio::test]
async fn a_decided_or_withdrawn_decision_is_no_longer_edited() {
    let s = scene().await;
    let withdrawn = decision(&s, "Ny sti langs søen", 30).await;
    let decided = decision(&s, "Nye bænke på torvet", 1).await;
    // While upcoming, the staff edit it.
    let page = s.olga.get(&withdrawn).await;
    assert_eq!(texts(&page.html, "a.decision-edit").len(), 1);
    let r = s
        .olga
        .post(
            &format!("{withdrawn}/withdraw"),
            &[("reason", "Sagen venter på en ny VVM-redegørelse.")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    edit_refused(&s, &withdrawn, "Ny sti langs søen").await;

    s.app.clock.advance(Duration::days(1));
    signed_in_again(&s).await;
    let r = s
        .olga
        .post(
            &format!("{decided}/outcome"),
            &[
                ("outcome", "Udvalget vedtog tre bænke."),
                ("minutes_url", "https://skanderborg.dk/referat/2"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // A new meeting date now would put the meeting after its own outcome.
    edit_refused(&s, &decided, "Nye bænke på torvet").await;
}

#[tokio::test]
async fn corrections_of_a_summary_and_a_next_step_show_with_the_earlier_versions() {
    let s = scene().await;
    after_the_salon(&s).await;
    let summary = format!("{}/summary", s.salon.path);
    // Drafts before publishing are not corrections.
    let r = s
        .host
        .post(
            &summary,
            &[("summary", "Første udkast."), ("action", "save")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = s
        .host
        .post(
            &summary,
            &[("summary", "Vi var 12 ved søen."), ("action", "publish")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = s.app.titled(&s.salon.path, SALON).await;
    assert!(texts(&page, ".summary-corrected").is_empty());

    // Edited after publishing, whether saved or published again: it shows.
    s.app.clock.advance(Duration::days(1));
    let r = s
        .host
        .post(
            &summary,
            &[("summary", "Vi var 14 ved søen."), ("action", "save")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let tr = medspil::web::i18n::Tr::new(medspil::web::i18n::Locale::Da);
    let today = tr.day(s.app.clock.now().with_timezone(&Copenhagen).date_naive());
    let page = s.app.titled(&s.salon.path, SALON).await;
    assert_eq!(text(&page, ".summary-text"), "Vi var 14 ved søen.");
    assert_eq!(text(&page, ".summary-corrected"), format!("rettet {today}"));
    assert_eq!(
        texts(&page, ".salon-summary .earlier-versions .earlier-text"),
        ["Vi var 12 ved søen."]
    );
    assert!(!page.html().contains("Første udkast"));

    // A next step's text, corrected by the hosts.
    let owner = format!("unit:{}", s.unit);
    let r = add_step(&s, "Mere lys ved stien", &owner, "").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let id = step_id(&s, "Mere lys ved stien").await;
    let r = s
        .host
        .post(
            &format!("{}/agreements/{id}/edit", s.salon.path),
            &[("description", "Mere lys ved stien ned til søen")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = s
        .app
        .page(&format!("/agreements/{id}"), StatusCode::OK)
        .await;
    assert_eq!(
        text(&page, ".agreement-description"),
        "Mere lys ved stien ned til søen"
    );
    assert_eq!(
        text(&page, ".agreement-corrected"),
        format!("rettet {today}")
    );
    assert_eq!(
        texts(&page, ".earlier-versions .earlier-text"),
        ["Mere lys ved stien"]
    );
    let salon_page = s.app.page(&s.salon.path, StatusCode::OK).await;
    assert_eq!(
        texts(&salon_page, ".salon-agreements .agreement-corrected"),
        [format!("rettet {today}")]
    );
    // An empty text is refused.
    let r = s
        .host
        .post(
            &format!("{}/agreements/{id}/edit", s.salon.path),
            &[("description", " ")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);

    // Withdrawn by the hosts while proposed: shown as withdrawn, never deleted.
    let r = s
        .host
        .post(&format!("{}/agreements/{id}/withdraw", s.salon.path), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = s
        .app
        .page(&format!("/agreements/{id}"), StatusCode::OK)
        .await;
    assert_eq!(
        text(&page, "dd.agreement-status"),
        "Trukket tilbage af værterne"
    );
    let salon_page = s.app.page(&s.salon.path, StatusCode::OK).await;
    assert!(
        texts(&salon_page, ".agreement-status")
            .contains(&"Trukket tilbage af værterne".to_string())
    );
    // Once taken, it is the owner's: the hosts cannot withdraw it.
    let r = add_step(&s, "Skilte ved stien", &owner, "").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let signs = step_id(&s, "Skilte ved stien").await;
    let r = s
        .olga
        .post(&format!("/agreements/{signs}/accept"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = s
        .host
        .post(
            &format!("{}/agreements/{signs}/withdraw", s.salon.path),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    let page = s
        .app
        .page(&format!("/agreements/{signs}"), StatusCode::OK)
        .await;
    assert_eq!(text(&page, "dd.agreement-status"), "Aftalt");
}
