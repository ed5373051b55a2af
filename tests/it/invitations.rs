//! Inviting the municipality: sending, the inbox and each answer with its refusals, the
//! emailed path for those not on Medspil, the race between two officials, reminders, the
//! salon page, and the response record's worked example.

use chrono::Duration;
use reqwest::StatusCode;
use uuid::Uuid;

use crate::helpers::browser::{Browser, Response};
use crate::helpers::salons::{SalonRef, date_in, published_from, published_salon, salon_form, set};
use crate::helpers::{Options, TestApp, attr, text, texts};

/// Skanderborg with a department whose two officials answer for it, and a citizen host with a
/// published salon four days ahead.
pub(crate) struct Scene {
    pub(crate) app: TestApp,
    pub(crate) admin: Browser,
    pub(crate) host: Browser,
    pub(crate) salon: SalonRef,
    pub(crate) unit: String,
    pub(crate) olga: Browser,
    pub(crate) olga_role: String,
    pub(crate) ole: Browser,
    pub(crate) ole_role: String,
}

async fn scene_with(options: Options) -> Scene {
    let app = TestApp::spawn_with(options).await;
    let admin = app.municipality_admin("skanderborg").await;
    let unit = app.teknik_og_miljo(&admin).await;
    let (olga, olga_role) = app
        .skanderborg_official(&admin, &unit, "Olga Hansen", "olga@skanderborg.dk")
        .await;
    let (ole, ole_role) = app
        .skanderborg_official(&admin, &unit, "Ole Berg", "ole@skanderborg.dk")
        .await;
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    let salon = published_salon(&app, &host, Some(20)).await;
    Scene {
        app,
        admin,
        host,
        salon,
        unit,
        olga,
        olga_role,
        ole,
        ole_role,
    }
}

pub(crate) async fn scene() -> Scene {
    scene_with(Options::default()).await
}

pub(crate) async fn invite(
    host: &Browser,
    salon: &SalonRef,
    target: &str,
    email: &str,
) -> Response {
    host.post(
        &format!("{}/invitations", salon.path),
        &[
            ("target", target),
            ("email", email),
            ("message", "Kom og hør, hvad vi mener om stien langs søen."),
        ],
    )
    .await
}

/// The newest invitation of `salon`.
pub(crate) async fn newest(app: &TestApp, salon: &SalonRef) -> Uuid {
    sqlx::query_scalar(
        "SELECT id FROM invitations WHERE salon_id = $1 ORDER BY sent_at DESC, id LIMIT 1",
    )
    .bind(salon.id)
    .fetch_one(&app.db)
    .await
    .unwrap()
}

async fn invite_unit(s: &Scene) -> Uuid {
    let r = invite(&s.host, &s.salon, &format!("unit:{}", s.unit), "").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    newest(&s.app, &s.salon).await
}

#[tokio::test]
async fn a_host_invites_a_unit_and_an_official_accepts_naming_a_colleague() {
    let s = scene().await;
    let id = invite_unit(&s).await;
    // Both officials are told, with a link to the inbox.
    let link = s.app.link_in_mail("olga@skanderborg.dk").await;
    assert_eq!(link, format!("/inbox/{id}"));
    assert!(
        s.app
            .link_in_mail("ole@skanderborg.dk")
            .await
            .ends_with(&id.to_string())
    );

    // The inbox lists it with its age and the header counts it.
    let inbox = s.olga.get("/inbox").await;
    assert_eq!(inbox.status, StatusCode::OK);
    assert_eq!(
        texts(&inbox.html, ".inbox-line th a"),
        vec!["Liv i Ry bymidte"]
    );
    assert!(
        text(&inbox.html, ".inbox-link").contains("1 åben"),
        "{}",
        inbox.body
    );
    // Opening the invitation (as a mail scanner would) answers nothing.
    let page = s.olga.get(&link).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        text(&page.html, ".invitation-holder"),
        "Teknik og Miljø, Skanderborg Kommune"
    );

    let r = s
        .olga
        .post(
            &format!("/inbox/{id}/accept"),
            &[
                ("comers", s.olga_role.as_str()),
                ("comers", s.ole_role.as_str()),
                ("note", "Vi glæder os."),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let municipal: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM registrations WHERE invitation_id = $1 AND kind = 'municipal' AND status = 'registered'",
    )
    .bind(id)
    .fetch_one(&s.app.db)
    .await
    .unwrap();
    assert_eq!(municipal, 2);
    let mail: String = sqlx::query_scalar(
        "SELECT body_text FROM outbox WHERE to_address = 'carl@example.dk' AND kind = 'invitation.update'",
    )
    .fetch_one(&s.app.db)
    .await
    .unwrap();
    // Ole is asked first (issue 18): until he confirms he is "1 kollega", also to the host.
    assert!(mail.contains("Olga Hansen og 1 kollega"), "{mail}");

    // In public: who comes, with their titles.
    let salon = s.app.page(&s.salon.path, StatusCode::OK).await;
    let line = text(&salon, ".salon-invitations li");
    assert!(
        line.starts_with("Teknik og Miljø, Skanderborg Kommune: kommer — "),
        "{line}"
    );
    assert!(line.contains("Olga Hansen, Vejingeniør"), "{line}");

    // Answered exactly once: the colleague is told who answered.
    s.app.clock.advance(Duration::minutes(2));
    let again = s
        .ole
        .post(&format!("/inbox/{id}/decline"), &[("reason", "Travlt")])
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(
        text(&again.html, "#answer-problem"),
        "Olga Hansen svarede for 2 minutter siden."
    );
    // The name in the sentence is isolated, as everywhere a name stands inside a sentence.
    assert_eq!(texts(&again.html, "#answer-problem bdi"), ["Olga Hansen"]);
    // …and the host cannot withdraw an answered invitation.
    let withdraw = s
        .host
        .post(&format!("{}/invitations/{id}/withdraw", s.salon.path), &[])
        .await;
    assert_eq!(withdraw.status, StatusCode::CONFLICT);

    // Someone falls ill: the list of who comes changes and the host is told.
    let r = s
        .olga
        .post(
            &format!("/inbox/{id}/attendees"),
            &[("comers", s.olga_role.as_str())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let coming: Vec<String> = sqlx::query_scalar(
        "SELECT u.name FROM registrations r JOIN users u ON u.id = r.user_id WHERE r.invitation_id = $1 AND r.status = 'registered'",
    )
    .bind(id)
    .fetch_all(&s.app.db)
    .await
    .unwrap();
    assert_eq!(coming, vec!["Olga Hansen"]);
}

#[tokio::test]
async fn only_those_who_answer_for_the_unit_may_answer_and_a_decline_needs_a_reason() {
    let s = scene().await;
    let id = invite_unit(&s).await;
    // The municipality's admin does not answer for the department; a citizen even less.
    for who in [&s.admin, &s.host] {
        let r = who
            .post(
                &format!("/inbox/{id}/accept"),
                &[("comers", s.olga_role.as_str())],
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
    }
    let r = s
        .olga
        .post(&format!("/inbox/{id}/decline"), &[("reason", " ")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Skriv en begrundelse"), "{}", r.body);
    let r = s
        .olga
        .post(
            &format!("/inbox/{id}/decline"),
            &[("reason", "Vi har ingen på stien i december.")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let salon = s.app.page(&s.salon.path, StatusCode::OK).await;
    assert_eq!(
        text(&salon, ".invitation-public-state"),
        "har takket nej: Vi har ingen på stien i december."
    );
}

#[tokio::test]
async fn passing_on_moves_the_invitation_inside_the_municipality_only() {
    let s = scene().await;
    let id = invite_unit(&s).await;
    let plan = s
        .app
        .create_unit(&s.admin, "skanderborg", "department", "Plan og Byg")
        .await;
    let (per, _) = s
        .app
        .skanderborg_official(&s.admin, &plan, "Per Plan", "per@skanderborg.dk")
        .await;
    // Not to another municipality's unit.
    let aarhus_admin = s.app.municipality_admin("aarhus").await;
    let aarhus_unit = s
        .app
        .create_unit(&aarhus_admin, "aarhus", "department", "Teknik")
        .await;
    let r = s
        .olga
        .post(
            &format!("/inbox/{id}/pass-on"),
            &[("to", format!("unit:{aarhus_unit}").as_str())],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);

    let r = s
        .olga
        .post(
            &format!("/inbox/{id}/pass-on"),
            &[
                ("to", format!("unit:{plan}").as_str()),
                ("note", "Det er jeres sti."),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // Olga lands in her inbox and is told it went.
    let location = r.location.clone().unwrap();
    assert_eq!(location, "/inbox?done=passed-on");
    let inbox = s.olga.get(&location).await;
    assert_eq!(
        text(inbox.expect_page("Indbakke"), ".notice"),
        "Invitationen er sendt videre."
    );
    // It moved: Olga no longer holds it, Per does and was told, its history stays.
    assert_eq!(
        s.olga.get(&format!("/inbox/{id}")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        s.app.link_in_mail("per@skanderborg.dk").await,
        format!("/inbox/{id}")
    );
    let page = per.get(&format!("/inbox/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    let history = texts(&page.html, ".invitation-history li");
    assert!(
        history[1].contains("sendte invitationen videre til Plan og Byg"),
        "{history:?}"
    );
    let sent_at: chrono::DateTime<chrono::Utc> =
        sqlx::query_scalar("SELECT sent_at FROM invitations WHERE id = $1")
            .bind(id)
            .fetch_one(&s.app.db)
            .await
            .unwrap();
    assert_eq!(
        sent_at,
        crate::helpers::test_start(),
        "the clock keeps running from sending"
    );
}

#[tokio::test]
async fn two_officials_answering_at_the_same_moment_give_one_answer() {
    let s = scene().await;
    let id = invite_unit(&s).await;
    let accept_path = format!("/inbox/{id}/accept");
    let decline_path = format!("/inbox/{id}/decline");
    let accept_form = [("comers", s.olga_role.as_str())];
    let decline_form = [("reason", "Vi kan ikke.")];
    let (a, b) = tokio::join!(
        s.olga.post(&accept_path, &accept_form),
        s.ole.post(&decline_path, &decline_form),
    );
    let mut statuses = vec![a.status, b.status];
    statuses.sort();
    assert_eq!(statuses, vec![StatusCode::SEE_OTHER, StatusCode::CONFLICT]);
    let loser = if a.status == StatusCode::CONFLICT {
        &a
    } else {
        &b
    };
    let winner = if a.status == StatusCode::CONFLICT {
        "Ole Berg"
    } else {
        "Olga Hansen"
    };
    assert!(
        text(&loser.html, "#answer-problem").starts_with(&format!("{winner} svarede")),
        "{}",
        loser.body
    );
    let answers: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM invitation_events WHERE invitation_id = $1 AND kind IN ('accepted', 'declined')",
    )
    .bind(id)
    .fetch_one(&s.app.db)
    .await
    .unwrap();
    assert_eq!(answers, 1);
}

#[tokio::test]
async fn a_municipality_not_on_medspil_is_invited_by_email_and_answers_by_link() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    let form = set(
        salon_form(&app, "Stier i Aarhus", Some(20)),
        "municipality",
        "0751",
    );
    let salon = published_from(&host, &form).await;
    // No one from Aarhus is on Medspil and it has no contact address: the host must give one.
    let r = invite(&host, &salon, "municipality", "").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("Ingen fra dem er på Medspil endnu"),
        "{}",
        r.body
    );
    assert!(
        r.body.contains("Kom og hør, hvad vi mener"),
        "what was typed is kept"
    );
    let r = invite(&host, &salon, "municipality", "postkasse@aarhus.dk").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // Not the municipality's own address: the page says whose it is.
    let salon_page = app.page(&salon.path, StatusCode::OK).await;
    assert!(
        text(&salon_page, ".invitation-public-state")
            .starts_with("sendt til en adresse, som værten har angivet"),
        "{}",
        salon_page.html()
    );
    let link = app.link_in_mail("postkasse@aarhus.dk").await;
    assert!(link.starts_with("/invitations/answer/"), "{link}");
    let visitor = app.browser();
    let page = visitor.get(&link).await;
    assert_eq!(page.status, StatusCode::OK);
    // A question is a reply, and the link still works afterwards.
    let r = visitor
        .post(
            &link,
            &[
                ("action", "question"),
                ("name", "Jens Hansen"),
                ("text", "Hvor lang er turen?"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = visitor
        .post(
            &link,
            &[("action", "accept"), ("name", "Jens Hansen"), ("names", "")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Skriv navnet på mindst én"));
    let r = visitor
        .post(
            &link,
            &[
                ("action", "accept"),
                ("name", "Jens Hansen"),
                ("names", "Jens Hansen, vejingeniør"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // The link is used up.
    let again = visitor
        .post(
            &link,
            &[("action", "decline"), ("name", "Mette"), ("reason", "Nej")],
        )
        .await;
    assert_eq!(again.status, StatusCode::GONE);
    assert_eq!(visitor.get(&link).await.status, StatusCode::GONE);
    // An answer through an address the host typed is never the municipality's own words, and
    // does not count as its reply (see `who_answers.rs`).
    let salon_page = app.page(&salon.path, StatusCode::OK).await;
    assert_eq!(
        text(&salon_page, ".invitation-public-state"),
        "svar modtaget fra en adresse, som værten har angivet"
    );
    let aarhus = app.page("/municipalities/aarhus", StatusCode::OK).await;
    assert!(text(&aarhus, ".record-not-on-medspil").contains("Ikke på Medspil endnu"));
    assert_eq!(text(&aarhus, ".record-replied"), "0 af 1");
}

#[tokio::test]
async fn an_address_that_says_stop_gets_no_more_invitations() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    let salon = published_salon(&app, &host, Some(20)).await;
    let r = invite(&host, &salon, "email", "nabo@example.dk").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // Twice while open: refused.
    let r = invite(&host, &salon, "email", "NABO@example.dk").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let headers: serde_json::Value = sqlx::query_scalar(
        "SELECT headers FROM outbox WHERE to_address = 'nabo@example.dk' ORDER BY seq DESC LIMIT 1",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    let unsubscribe = headers
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h[0] == "List-Unsubscribe")
        .map(|h| h[1].as_str().unwrap().to_string())
        .expect("a List-Unsubscribe header");
    let url = unsubscribe.trim_matches(['<', '>']).to_string();
    // The one-click POST comes from the mail provider: no browser headers at all.
    let r = reqwest::Client::new()
        .post(&url)
        .body("List-Unsubscribe=One-Click")
        .header("content-type", "application/x-www-form-urlencoded")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let other = published_from(&host, &salon_form(&app, "Endnu en salon", Some(20))).await;
    let r = invite(&host, &other, "email", "nabo@example.dk").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("ikke at få flere invitationer"),
        "{}",
        r.body
    );
}

#[tokio::test]
async fn invitations_by_email_are_limited_per_host_and_day() {
    let app = TestApp::spawn_with(Options {
        limits: vec![("invitation_emails_per_day", 2)],
        ..Default::default()
    })
    .await;
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    let salon = published_salon(&app, &host, Some(20)).await;
    for n in 0..2 {
        let r = invite(&host, &salon, "email", &format!("nabo{n}@example.dk")).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
    }
    let r = invite(&host, &salon, "email", "nabo9@example.dk").await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(
        r.body.contains("2 invitationer på e-mail i døgnet"),
        "{}",
        r.body
    );
    app.clock.advance(Duration::hours(25));
    let r = invite(&host, &salon, "email", "nabo9@example.dk").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn an_open_invitation_reminds_once_a_week_after_and_three_days_before() {
    let s = scene().await;
    // A salon three weeks ahead.
    let form = set(
        salon_form(&s.app, "Stien", Some(20)),
        "session-0-date",
        &date_in(&s.app, 21),
    );
    let salon = published_from(&s.host, &form).await;
    let r = invite(&s.host, &salon, &format!("unit:{}", s.unit), "").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let reminders = || async {
        sqlx::query_scalar::<_, i64>(
            "SELECT count(*) FROM outbox WHERE to_address = 'olga@skanderborg.dk' AND subject LIKE 'Påmindelse%'",
        )
        .fetch_one(&s.app.db)
        .await
        .unwrap()
    };
    s.app.run_jobs().await;
    assert_eq!(reminders().await, 0);
    s.app
        .clock
        .advance(Duration::days(7) + Duration::minutes(1));
    s.app.run_jobs().await;
    s.app.run_jobs().await;
    assert_eq!(reminders().await, 1);
    s.app.clock.advance(Duration::days(12));
    s.app.run_jobs().await;
    assert_eq!(reminders().await, 2);
    // Once each: running the worker again sends nothing more.
    s.app.run_jobs().await;
    assert_eq!(reminders().await, 2);
}

/// The response record's worked example, on day 11: six salons A–F invite Teknik og Miljø;
/// A accepted, B asked then accepted, C was passed on to Plan og Byg and declined there, D's
/// salon started unanswered, E was withdrawn and F proposed another time. Returns the scene
/// and the slug of Teknik og Miljø.
pub(crate) async fn worked_example() -> (Scene, String) {
    let s = scene().await;
    let plan = s
        .app
        .create_unit(&s.admin, "skanderborg", "department", "Plan og Byg")
        .await;
    let (per, per_role) = s
        .app
        .skanderborg_official(&s.admin, &plan, "Per Plan", "per@skanderborg.dk")
        .await;
    let _ = per_role;
    // Six salons, A–F, each inviting the department; D's salon is on day 10, the rest later.
    let mut ids = Vec::new();
    for (name, day) in [
        ("A", 30),
        ("B", 30),
        ("C", 30),
        ("D", 10),
        ("E", 30),
        ("F", 30),
    ] {
        let form = set(
            salon_form(&s.app, &format!("Salon {name}"), Some(20)),
            "session-0-date",
            &date_in(&s.app, day),
        );
        let salon = published_from(&s.host, &form).await;
        let r = invite(&s.host, &salon, &format!("unit:{}", s.unit), "").await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        ids.push((salon.clone(), newest(&s.app, &salon).await));
    }
    let path = |i: usize, what: &str| format!("/inbox/{}/{what}", ids[i].1);
    let ok = |r: Response| assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // Day 1: A accepted; C passed on; E withdrawn.
    s.app.clock.advance(Duration::days(1));
    ok(s.olga
        .post(&path(0, "accept"), &[("comers", s.olga_role.as_str())])
        .await);
    ok(s.olga
        .post(
            &path(2, "pass-on"),
            &[("to", format!("unit:{plan}").as_str())],
        )
        .await);
    ok(s.host
        .post(
            &format!("{}/invitations/{}/withdraw", ids[4].0.path, ids[4].1),
            &[],
        )
        .await);
    // Day 2: B asks a question.
    s.app.clock.advance(Duration::days(1));
    ok(s.olga
        .post(&path(1, "question"), &[("text", "Hvor mødes vi?")])
        .await);
    // Day 3: F proposes a time.
    s.app.clock.advance(Duration::days(1));
    let new_date = date_in(&s.app, 28);
    ok(s.olga
        .post(
            &path(5, "propose"),
            &[
                ("session", session_of(&s.app, &ids[5].0).await.as_str()),
                ("date", new_date.as_str()),
                ("start", "10:00"),
                ("end", "12:00"),
            ],
        )
        .await);
    // Day 4: C declined by the unit it was passed on to.
    s.app.clock.advance(Duration::days(1));
    ok(per
        .post(&path(2, "decline"), &[("reason", "Ikke i år.")])
        .await);
    // Day 5: B accepted.
    s.app.clock.advance(Duration::days(1));
    ok(s.ole
        .post(&path(1, "accept"), &[("comers", s.ole_role.as_str())])
        .await);
    // Day 11: D's salon has started without an answer.
    s.app.clock.advance(Duration::days(6));
    let slug: String = sqlx::query_scalar("SELECT slug FROM units WHERE id = $1::uuid")
        .bind(&s.unit)
        .fetch_one(&s.app.db)
        .await
        .unwrap();
    (s, slug)
}

#[tokio::test]
async fn the_response_record_follows_the_worked_example() {
    let (s, slug) = worked_example().await;
    let page = s
        .app
        .page("/municipalities/skanderborg", StatusCode::OK)
        .await;
    assert_eq!(text(&page, ".record-replied"), "4 af 5");
    assert_eq!(text(&page, ".record-median"), "3 dage");
    assert_eq!(text(&page, ".record-p90"), "ikke besvaret");
    assert_eq!(text(&page, ".record-accepted"), "2");
    assert_eq!(text(&page, ".record-declined"), "1");
    assert_eq!(text(&page, ".record-proposed"), "1");
    assert_eq!(text(&page, ".record-unanswered"), "1");
    assert_eq!(text(&page, ".record-open"), "1", "F waits for the host");

    let unit = s
        .app
        .page(
            &format!("/municipalities/skanderborg/units/{slug}"),
            StatusCode::OK,
        )
        .await;
    assert_eq!(text(&unit, ".record-passed-on"), "1");
    assert_eq!(
        text(&unit, ".record-replied"),
        "3 af 4",
        "A, B and F replied; D did not"
    );

    // The same figures as data, asked with a host's cookie (which the API ignores).
    let host = &s.host;
    let json = |path: String| async move {
        let r = host.get(&path).await;
        assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.body);
        serde_json::from_str::<serde_json::Value>(&r.body).unwrap()
    };
    let m = json("/api/v1/municipalities/skanderborg/record".to_string()).await;
    let i = &m["invitations"];
    assert_eq!(
        (i["replied"].as_i64(), i["counted"].as_i64()),
        (Some(4), Some(5))
    );
    assert_eq!(i["median"]["text"], "3 dage");
    assert_eq!(i["median"]["seconds"].as_f64(), Some(3.0 * 86_400.0));
    assert_eq!(i["p90"]["text"], "ikke besvaret");
    assert_eq!(i["p90"]["unanswered"], true);
    assert_eq!(i["p90"]["seconds"], serde_json::Value::Null);
    for (field, n) in [
        ("accepted", 2),
        ("declined", 1),
        ("proposed", 1),
        ("unanswered", 1),
        ("open_now", 1),
    ] {
        assert_eq!(i[field].as_i64(), Some(n), "{field}");
    }
    let u = json(format!("/api/v1/units/skanderborg/{slug}/record")).await;
    assert_eq!(u["invitations"]["passed_on"].as_i64(), Some(1));
    assert_eq!(
        (
            u["invitations"]["replied"].as_i64(),
            u["invitations"]["counted"].as_i64()
        ),
        (Some(3), Some(4))
    );
}

async fn session_of(app: &TestApp, salon: &SalonRef) -> String {
    sqlx::query_scalar("SELECT id::text FROM salon_sessions WHERE salon_id = $1")
        .bind(salon.id)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn the_host_takes_a_proposed_time_and_registered_people_are_told() {
    let s = scene().await;
    let id = invite_unit(&s).await;
    let neighbour = s.app.verified_person("Nina Nabo", "nina@example.dk").await;
    let r = neighbour
        .post(&format!("{}/register", s.salon.path), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let date = date_in(&s.app, 6);
    // A required choice starts empty, so nothing is proposed for a session by default.
    let page = s.olga.get(&format!("/inbox/{id}")).await;
    assert_eq!(
        attr(&page.html, "#propose-session option", "value").as_deref(),
        Some(""),
        "{}",
        page.body
    );
    let r = s
        .olga
        .post(
            &format!("/inbox/{id}/propose"),
            &[
                ("session", ""),
                ("date", date.as_str()),
                ("start", "17:00"),
                ("end", "19:00"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = s
        .olga
        .post(
            &format!("/inbox/{id}/propose"),
            &[
                ("session", session_of(&s.app, &s.salon).await.as_str()),
                ("date", date.as_str()),
                ("start", "17:00"),
                ("end", "19:00"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = s.host.get(&format!("{}/invitations", s.salon.path)).await;
    assert!(
        page.body.contains("De foreslår et andet tidspunkt"),
        "{}",
        page.body
    );
    let r = s
        .host
        .post(
            &format!("{}/invitations/{id}/proposal", s.salon.path),
            &[("decision", "accept")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let mail: String = sqlx::query_scalar(
        "SELECT body_text FROM outbox WHERE to_address = 'nina@example.dk' AND kind = 'salon.changed'",
    )
    .fetch_one(&s.app.db)
    .await
    .unwrap();
    assert!(mail.contains("17.00"), "{mail}");
    // Nina is reminded of the new time only (the old time's reminders find it moved).
    // Hour by hour, as a running worker would see them come due.
    for _ in 0..8 * 24 {
        s.app.clock.advance(Duration::hours(1));
        s.app.run_jobs().await;
    }
    let reminders: Vec<String> = sqlx::query_scalar(
        "SELECT body_text FROM outbox WHERE to_address = 'nina@example.dk' AND kind = 'salon.reminder'",
    )
    .fetch_all(&s.app.db)
    .await
    .unwrap();
    assert_eq!(reminders.len(), 2, "{reminders:?}");
    assert!(
        reminders.iter().all(|m| m.contains("kl. 17.00–19.00")),
        "{reminders:?}"
    );
    // Open again for an answer.
    let r = s
        .olga
        .post(
            &format!("/inbox/{id}/accept"),
            &[("comers", s.olga_role.as_str())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
}

#[tokio::test]
async fn invitations_are_in_the_data_download_and_deletion_forgets_names() {
    let s = scene().await;
    let id = invite_unit(&s).await;
    let r = s
        .olga
        .post(&format!("/inbox/{id}/question"), &[("text", "Hvor?")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let data = s.host.get("/account/data.json").await;
    let json: serde_json::Value = serde_json::from_str(&data.body).unwrap();
    assert_eq!(json["invitations"]["sent"][0]["id"], id.to_string());
    let data = s.olga.get("/account/data.json").await;
    let json: serde_json::Value = serde_json::from_str(&data.body).unwrap();
    assert_eq!(json["invitations"]["actions"][0]["kind"], "question");

    // Olga deletes her account: her question stays in the history, without her name.
    let r = s
        .olga
        .post(
            "/account/delete",
            &[("current_password", crate::helpers::PASSWORD)],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let history = s.ole.get(&format!("/inbox/{id}")).await;
    let lines = texts(&history.html, ".invitation-history li");
    assert!(
        lines[1].contains("slettet bruger stillede et spørgsmål"),
        "{lines:?}"
    );
    history.expect_page("Invitation: Liv i Ry bymidte");
    assert!(!history.body.contains("Olga Hansen"));

    // The host deletes theirs: the private address they invited is forgotten.
    let r = invite(&s.host, &s.salon, "email", "nabo@example.dk").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = s
        .host
        .post(
            "/account/delete",
            &[("current_password", crate::helpers::PASSWORD)],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let addresses: i64 =
        sqlx::query_scalar("SELECT count(*) FROM invitations WHERE email = 'nabo@example.dk'")
            .fetch_one(&s.app.db)
            .await
            .unwrap();
    assert_eq!(addresses, 0);
}

#[tokio::test]
async fn an_answer_link_stops_working_a_week_after_the_salon_and_a_salon_has_its_own_limit() {
    let app = TestApp::spawn_with(Options {
        limits: vec![("invitation_emails_per_salon", 1)],
        ..Default::default()
    })
    .await;
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    let form = set(
        salon_form(&app, "Stier i Aarhus", Some(20)),
        "municipality",
        "0751",
    );
    let salon = published_from(&host, &form).await;
    let r = invite(&host, &salon, "municipality", "postkasse@aarhus.dk").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = invite(&host, &salon, "email", "nabo@example.dk").await;
    // A limit in all never passes: no 429 promising a later try.
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.headers.get(reqwest::header::RETRY_AFTER).is_none());
    assert!(
        r.body.contains("En salon kan sende 1 invitation på e-mail"),
        "{}",
        r.body
    );
    let link = app.link_in_mail("postkasse@aarhus.dk").await;
    // The salon is four days ahead; its link works until a week after it.
    app.clock.advance(Duration::days(10));
    assert_eq!(app.browser().get(&link).await.status, StatusCode::OK);
    app.clock.advance(Duration::days(2));
    assert_eq!(app.browser().get(&link).await.status, StatusCode::GONE);
}

#[tokio::test]
async fn a_public_profile_shows_what_someone_did_in_their_role_and_nothing_else() {
    let s = scene().await;
    let id = invite_unit(&s).await;
    let r = s
        .olga
        .post(
            &format!("/inbox/{id}/accept"),
            &[("comers", s.olga_role.as_str())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    // As a private citizen Olga also signs up for another salon.
    let private = published_from(&s.host, &salon_form(&s.app, "Privat kaffe", Some(20))).await;
    let r = s
        .olga
        .post(
            &format!("{}/register", private.path),
            &[("come_as", "citizen")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let olga: String =
        sqlx::query_scalar("SELECT id::text FROM users WHERE email = 'olga@skanderborg.dk'")
            .fetch_one(&s.app.db)
            .await
            .unwrap();
    let page = s.app.page(&format!("/people/{olga}"), StatusCode::OK).await;
    assert!(text(&page, ".profile-roles").contains("Vejingeniør"));
    assert_eq!(texts(&page, ".profile-salons a"), vec!["Liv i Ry bymidte"]);
    // A citizen without a role has no public profile.
    let carl: String =
        sqlx::query_scalar("SELECT id::text FROM users WHERE email = 'carl@example.dk'")
            .fetch_one(&s.app.db)
            .await
            .unwrap();
    assert_eq!(
        s.app.get(&format!("/people/{carl}")).await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn an_invite_only_salon_opens_to_those_invited_and_no_one_else() {
    let s = scene().await;
    let form = set(
        salon_form(&s.app, "Lukket salon om stien", Some(20)),
        "visibility",
        "invite_only",
    );
    let salon = published_from(&s.host, &form).await;
    let r = invite(&s.host, &salon, &format!("unit:{}", s.unit), "").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = invite(&s.host, &salon, "email", "nina@example.dk").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // The officials answering for the unit, and the invited neighbour once signed in, see it.
    assert_eq!(s.olga.get(&salon.path).await.status, StatusCode::OK);
    let nina = s.app.verified_person("Nina Nabo", "nina@example.dk").await;
    assert_eq!(nina.get(&salon.path).await.status, StatusCode::OK);
    // …and may register for it.
    let r = nina.post(&format!("{}/register", salon.path), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // Anyone else: it does not exist.
    let other = s.app.verified_person("Otto Anden", "otto@example.dk").await;
    assert_eq!(other.get(&salon.path).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        s.app.browser().get(&salon.path).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(s.admin.get(&salon.path).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_whole_municipality_lands_with_its_admins_who_pass_it_to_a_person() {
    let s = scene().await;
    let r = invite(&s.host, &s.salon, "municipality", "").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let id = newest(&s.app, &s.salon).await;
    // Only the admins hold it; the header counts it for them.
    let inbox = s.admin.get("/inbox").await;
    assert_eq!(
        texts(&inbox.html, ".inbox-line th a"),
        vec!["Liv i Ry bymidte"]
    );
    assert!(text(&inbox.html, ".inbox-link").contains("1 åben"));
    assert_eq!(
        s.olga.get(&format!("/inbox/{id}")).await.status,
        StatusCode::NOT_FOUND
    );
    let olga: String =
        sqlx::query_scalar("SELECT id::text FROM users WHERE email = 'olga@skanderborg.dk'")
            .fetch_one(&s.app.db)
            .await
            .unwrap();
    let r = s
        .admin
        .post(
            &format!("/inbox/{id}/pass-on"),
            &[
                ("to", format!("person:{olga}").as_str()),
                ("note", "Du kender stien."),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        s.olga.get(&format!("/inbox/{id}")).await.status,
        StatusCode::OK
    );
    assert_eq!(
        s.ole.get(&format!("/inbox/{id}")).await.status,
        StatusCode::NOT_FOUND
    );

    // The host writes in the thread; the one holding it is told.
    let before = s.app.mails_to("olga@skanderborg.dk").await;
    let r = s
        .host
        .post(
            &format!("{}/invitations/{id}/message", s.salon.path),
            &[("text", "Vi mødes ved bålhytten.")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(s.app.mails_to("olga@skanderborg.dk").await, before + 1);

    // Filters: it is open, not answered; once answered it moves.
    let open = s.olga.get("/inbox?status=open").await;
    assert_eq!(texts(&open.html, ".inbox-line").len(), 1);
    let answered = s.olga.get("/inbox?status=answered").await;
    assert!(texts(answered.expect_page("Indbakke"), ".inbox-line").is_empty());
    let r = s
        .olga
        .post(
            &format!("/inbox/{id}/decline"),
            &[("reason", "Vi kan ikke den dag.")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let answered = s.olga.get("/inbox?status=answered").await;
    assert_eq!(texts(&answered.html, ".inbox-line").len(), 1);
    let later = s
        .olga
        .get(&format!("/inbox?status=all&from={}", date_in(&s.app, 10)))
        .await;
    assert!(
        texts(later.expect_page("Indbakke"), ".inbox-line").is_empty(),
        "the salon is before that date"
    );
}

#[tokio::test]
async fn a_cancelled_salon_has_no_message_forms_and_refuses_messages() {
    let s = scene().await;
    let id = invite_unit(&s).await;
    let r = s
        .olga
        .post(
            &format!("/inbox/{id}/accept"),
            &[("comers", s.olga_role.as_str())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let hosts_page = format!("{}/invitations", s.salon.path);
    let message = format!("{}/invitations/{id}/message", s.salon.path);
    let question = format!("/inbox/{id}/question");
    let host_form = format!("form[action=\"{message}\"]");
    let question_form = format!("form[action=\"{question}\"]");
    // While the salon stands, both sides may write.
    let page = s.host.get(&hosts_page).await;
    assert_eq!(texts(&page.html, &host_form).len(), 1, "{}", page.body);
    let page = s.olga.get(&format!("/inbox/{id}")).await;
    assert_eq!(texts(&page.html, &question_form).len(), 1, "{}", page.body);

    let r = s
        .host
        .post(
            &format!("{}/cancel", s.salon.path),
            &[("message", "Vi må desværre aflyse.")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // The accepted invitation stays accepted, yet neither side is offered a message box…
    let page = s.host.get(&hosts_page).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(texts(&page.html, &host_form).is_empty(), "{}", page.body);
    let page = s.olga.get(&format!("/inbox/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        texts(&page.html, &question_form).is_empty(),
        "{}",
        page.body
    );
    // (The unit's internal notes are no message to anyone and stay open.)
    assert!(
        texts(&page.html, "form:not([action$='/notes']) textarea").is_empty(),
        "{}",
        page.body
    );
    // …and a message sent anyway is refused, with nobody mailed.
    let before = s.app.mails_to("olga@skanderborg.dk").await;
    let r = s
        .host
        .post(&message, &[("text", "Vi ses alligevel?")])
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert_eq!(s.app.mails_to("olga@skanderborg.dk").await, before);
    let before = s.app.mails_to("carl@example.dk").await;
    let r = s.olga.post(&question, &[("text", "Hvorfor?")]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert_eq!(s.app.mails_to("carl@example.dk").await, before);
    // Nor does the participants page offer to write to everyone registered, and a message
    // to them sent anyway is refused with nobody mailed.
    let everyone = format!("{}/message", s.salon.path);
    let page = s.host.get(&format!("{}/participants", s.salon.path)).await;
    assert_eq!(page.status, StatusCode::OK);
    let everyone_form = format!("form[action=\"{everyone}\"]");
    assert!(
        texts(&page.html, &everyone_form).is_empty(),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains("Salonen er aflyst, og de tilmeldte har fået besked")
    );
    let before = s.app.mails_to("olga@skanderborg.dk").await;
    let r = s
        .host
        .post(
            &everyone,
            &[("subject", "Ny dato"), ("body", "Vi prøver igen.")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert_eq!(s.app.mails_to("olga@skanderborg.dk").await, before);
    let events: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM invitation_events WHERE invitation_id = $1 AND kind IN ('host_message', 'question')",
    )
    .bind(id)
    .fetch_one(&s.app.db)
    .await
    .unwrap();
    assert_eq!(events, 0);
}
