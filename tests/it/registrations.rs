//! Registrations: signing up, the waitlist and promotion (also under 200 concurrent sign-ups),
//! role holders on the municipal seats, the host's participant list, CSV, removal, offline
//! additions, messages, the 30-day cleanup, and the person's data download and deletion.

use chrono::{DateTime, Duration, Utc};
use futures_util::future::join_all;
use reqwest::StatusCode;

use crate::helpers::browser::{Browser, Response};
use crate::helpers::salons::published_salon;
use crate::helpers::{PASSWORD, TestApp, attr, text, texts};

/// `person` registers for the salon at `path` with `form`.
async fn register(person: &Browser, path: &str, form: &[(&str, &str)]) -> Response {
    person.post(&format!("{path}/register"), form).await
}

async fn cancel(person: &Browser, path: &str) -> Response {
    person
        .post(&format!("{path}/registration/cancel"), &[])
        .await
}

/// The live registration of `email` on the salon: status and waitlist position.
async fn status_of(app: &TestApp, salon: &str, email: &str) -> Option<(String, Option<i32>)> {
    sqlx::query_as(
        "SELECT r.status::text, r.waitlist_position FROM registrations r JOIN users u ON u.id = r.user_id
         WHERE r.salon_id = $1::uuid AND lower(u.email) = lower($2)
           AND r.status IN ('registered', 'waitlisted')",
    )
    .bind(salon)
    .bind(email)
    .fetch_optional(&app.db)
    .await
    .unwrap()
}

/// The salon's counters, and the registered rows counted.
async fn counters(app: &TestApp, salon: &str) -> (i32, i32, i64) {
    sqlx::query_as(
        "SELECT citizens_registered, municipal_registered,
                (SELECT count(*) FROM registrations WHERE salon_id = s.id AND status = 'registered')
         FROM salons s WHERE id = $1::uuid",
    )
    .bind(salon)
    .fetch_one(&app.db)
    .await
    .unwrap()
}

/// The citizen waitlist's positions in order.
async fn positions(app: &TestApp, salon: &str) -> Vec<i32> {
    sqlx::query_scalar(
        "SELECT waitlist_position FROM registrations WHERE salon_id = $1::uuid
         AND status = 'waitlisted' AND kind = 'citizen' ORDER BY waitlist_position",
    )
    .bind(salon)
    .fetch_all(&app.db)
    .await
    .unwrap()
}

/// The kinds of mail queued for `email`, oldest first.
async fn mail_kinds(app: &TestApp, email: &str) -> Vec<String> {
    sqlx::query_scalar("SELECT kind FROM outbox WHERE lower(to_address) = lower($1) ORDER BY seq")
        .bind(email)
        .fetch_all(&app.db)
        .await
        .unwrap()
}

async fn count(app: &TestApp, sql: &str, salon: &str) -> i64 {
    sqlx::query_scalar(sql)
        .bind(salon)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

fn email(n: usize) -> String {
    format!("person{n}@example.dk")
}

#[tokio::test]
async fn a_verified_person_registers_for_every_session_and_gets_the_calendar_by_mail() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    let salon = published_salon(&app, &host, Some(10)).await;
    let id = salon.id.to_string();
    let rikke = app.verified_person("Rikke Berg", "rikke@example.dk").await;

    // The salon page offers the form.
    let page = rikke.get(&salon.path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        attr(&page.html, "#registration form", "action"),
        Some(format!("{}/register", salon.path))
    );

    let r = register(
        &rikke,
        &salon.path,
        &[("needs", "Trinfri adgang"), ("show_name", "1")],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        r.location.as_deref(),
        Some(format!("{}#registration", salon.path).as_str())
    );
    assert_eq!(
        status_of(&app, &id, "rikke@example.dk").await,
        Some(("registered".into(), None))
    );
    assert_eq!(counters(&app, &id).await, (1, 0, 1));
    let sessions = count(
        &app,
        "SELECT count(*) FROM salon_sessions WHERE salon_id = $1::uuid",
        &id,
    )
    .await;
    let attending = count(
        &app,
        "SELECT count(*) FROM registration_sessions rs JOIN registrations r ON r.id = rs.registration_id
         WHERE r.salon_id = $1::uuid",
        &id,
    )
    .await;
    assert!(sessions >= 1);
    assert_eq!(attending, sessions, "registered for every session");

    assert_eq!(
        mail_kinds(&app, "rikke@example.dk").await.last().unwrap(),
        "registration.registered"
    );
    let attachment: (String, Vec<u8>) = sqlx::query_as(
        "SELECT a.content_type, a.content FROM outbox_attachments a JOIN outbox o ON o.id = a.message_id
         WHERE o.kind = 'registration.registered'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert!(attachment.0.starts_with("text/calendar"));
    assert!(
        String::from_utf8(attachment.1)
            .unwrap()
            .contains("BEGIN:VEVENT")
    );

    // The page says so, with a way to change and to cancel; her name is shown because she
    // chose it.
    let page = rikke.get(&salon.path).await;
    assert_eq!(text(&page.html, ".registration-status"), "Du er tilmeldt.");
    assert_eq!(
        attr(
            &page.html,
            "#registration .registration-change form",
            "action"
        ),
        Some(format!("{}/registration", salon.path))
    );
    assert_eq!(
        attr(&page.html, "#registration form.inline-form", "action"),
        Some(format!("{}/registration/cancel", salon.path))
    );
    assert!(texts(&page.html, ".attendees li").contains(&"Rikke Berg".to_string()));

    // Registering twice changes nothing.
    register(&rikke, &salon.path, &[]).await;
    assert_eq!(counters(&app, &id).await, (1, 0, 1));
}

#[tokio::test]
async fn visitors_and_unconfirmed_people_cannot_register_and_bad_keys_are_not_found() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    let salon = published_salon(&app, &host, Some(10)).await;
    let id = salon.id.to_string();

    let visitor = app.browser();
    let page = visitor.get(&salon.path).await;
    assert!(
        attr(&page.html, "#registration a", "href")
            .unwrap()
            .starts_with("/sign-in?next=")
    );
    let r = register(&visitor, &salon.path, &[]).await;
    assert!(r.location.unwrap().starts_with("/sign-in"));

    let ulla = app.registered_person("Ulla", "ulla@example.dk").await;
    assert_eq!(
        register(&ulla, &salon.path, &[]).await.status,
        StatusCode::FORBIDDEN
    );

    let carl = app.verified_person("Carl", "carl@example.dk").await;
    for bad in [
        "/salons/not-a-uuid",
        "/salons/00000000-0000-0000-0000-000000000000-x",
    ] {
        assert_eq!(
            register(&carl, bad, &[]).await.status,
            StatusCode::NOT_FOUND
        );
    }
    assert_eq!(counters(&app, &id).await, (0, 0, 0));
}

#[tokio::test]
async fn bad_input_comes_back_in_danish_with_what_was_typed() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    let salon = published_salon(&app, &host, Some(10)).await;
    let rikke = app.verified_person("Rikke Berg", "rikke@example.dk").await;
    let long = "å".repeat(1001);
    let r = register(&rikke, &salon.path, &[("needs", &long), ("show_name", "1")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        text(&r.html, "#registration-needs-error"),
        "Fejl:Skriv højst 1000 tegn om dine behov."
    );
    assert_eq!(text(&r.html, "#registration-needs"), long);
    assert_eq!(
        attr(&r.html, "#registration-needs", "aria-invalid").as_deref(),
        Some("true")
    );
    assert!(attr(&r.html, "#registration-show_name", "checked").is_some());
    assert_eq!(texts(&r.html, ".error-summary a").len(), 1);
    assert_eq!(counters(&app, &salon.id.to_string()).await, (0, 0, 0));
}

#[tokio::test]
async fn a_full_salon_has_a_waitlist_and_a_cancellation_promotes_the_first_at_once() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    let salon = published_salon(&app, &host, Some(1)).await;
    let id = salon.id.to_string();
    let mut people = Vec::new();
    for n in 0..4 {
        let p = app.verified_person(&format!("Person {n}"), &email(n)).await;
        let r = register(&p, &salon.path, &[]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        people.push(p);
    }
    assert_eq!(
        status_of(&app, &id, &email(0)).await,
        Some(("registered".into(), None))
    );
    for n in 1..4 {
        assert_eq!(
            status_of(&app, &id, &email(n)).await,
            Some(("waitlisted".into(), Some(n as i32)))
        );
    }
    assert_eq!(
        mail_kinds(&app, &email(2)).await.last().unwrap(),
        "registration.waitlisted"
    );
    let page = people[2].get(&salon.path).await;
    assert_eq!(
        text(&page.html, ".registration-status"),
        "Du er nummer 2 på ventelisten."
    );
    assert!(text(&page.html, ".registration-seats").contains("3 står på ventelisten"));

    // Person 2 leaves the line: person 3 moves up, no gap.
    let r = cancel(&people[2], &salon.path).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(status_of(&app, &id, &email(2)).await, None);
    assert_eq!(positions(&app, &id).await, [1, 2]);
    assert_eq!(
        status_of(&app, &id, &email(3)).await,
        Some(("waitlisted".into(), Some(2)))
    );

    // Person 0 cancels: person 1 gets the seat at once and is told, with the calendar.
    cancel(&people[0], &salon.path).await;
    assert_eq!(
        status_of(&app, &id, &email(1)).await,
        Some(("registered".into(), None))
    );
    assert_eq!(
        status_of(&app, &id, &email(3)).await,
        Some(("waitlisted".into(), Some(1)))
    );
    assert_eq!(
        mail_kinds(&app, &email(1)).await.last().unwrap(),
        "registration.promoted"
    );
    assert_eq!(counters(&app, &id).await, (1, 0, 1));
    let page = people[1].get(&salon.path).await;
    assert_eq!(text(&page.html, ".registration-status"), "Du er tilmeldt.");

    // Cancelling with nothing to cancel changes nothing.
    assert_eq!(
        cancel(&people[0], &salon.path).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(counters(&app, &id).await, (1, 0, 1));
}

/// An approved politician of the salon's municipality, signed in.
async fn politician(app: &TestApp, salon: &str) -> (Browser, String) {
    let slug: String = sqlx::query_scalar(
        "SELECT m.slug FROM salons s JOIN municipalities m ON m.code = s.municipality_code WHERE s.id = $1::uuid",
    )
    .bind(salon)
    .fetch_one(&app.db)
    .await
    .unwrap();
    app.approved_politician(&slug).await
}

#[tokio::test]
async fn a_role_holder_chooses_how_to_come_and_in_their_role_uses_the_municipal_seats() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    let salon = published_salon(&app, &host, Some(1)).await;
    let id = salon.id.to_string();
    let (pia, role) = politician(&app, &id).await;

    let page = pia.get(&salon.path).await;
    assert_eq!(
        texts(&page.html, "#registration input[name=come_as]").len(),
        2
    );
    let r = register(&pia, &salon.path, &[("needs", "Teleslynge")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        text(&r.html, "#registration-come_as-error"),
        "Fejl:Vælg, om du kommer som privat borger eller i din rolle."
    );
    assert_eq!(text(&r.html, "#registration-needs"), "Teleslynge");
    // Someone else's role, or a made-up one, is refused by the field.
    let r = register(
        &pia,
        &salon.path,
        &[("come_as", "6f1c2a3e-0b7d-4c55-9a61-2f0e8d9b1c44")],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);

    // The citizen seat is taken; Pia comes in her role all the same, on the municipal seats.
    let carl = app.verified_person("Carl", "carl@example.dk").await;
    register(&carl, &salon.path, &[]).await;
    let r = register(&pia, &salon.path, &[("come_as", role.as_str())]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        status_of(&app, &id, "pia@example.dk").await,
        Some(("registered".into(), None))
    );
    assert_eq!(counters(&app, &id).await, (1, 1, 2));
    let page = app.browser().get(&salon.path).await;
    let shown = texts(&page.html, ".attendees li");
    assert!(
        shown
            .iter()
            .any(|s| s.contains("Pia Politiker") && s.contains("Byrådsmedlem")),
        "{shown:?}"
    );
    // Carl did not choose to be shown.
    assert!(!shown.iter().any(|s| s.contains("Carl")));
}

#[tokio::test]
async fn the_host_sees_participants_with_needs_and_exports_them_without_needs() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    let salon = published_salon(&app, &host, Some(1)).await;
    let id = salon.id.to_string();
    let rikke = app.verified_person("Rikke Berg", "rikke@example.dk").await;
    register(&rikke, &salon.path, &[("needs", "Tegnsprogstolk")]).await;
    let evil = app
        .verified_person("=cmd|' /C calc'!A0", "evil@example.dk")
        .await;
    register(&evil, &salon.path, &[("needs", "hemmeligt")]).await;

    let list = host.get(&format!("{}/participants", salon.path)).await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    let names = texts(&list.html, "table.participants th.name");
    assert_eq!(names.len(), 2);
    assert!(names[0].starts_with("Rikke Berg"));
    assert!(texts(&list.html, "td.needs").contains(&"Tegnsprogstolk".to_string()));
    assert!(texts(&list.html, "td.status").contains(&"Venteliste nr. 1".to_string()));

    let csv = host.get(&format!("{}/participants.csv", salon.path)).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(!csv.body.contains("Tegnsprogstolk") && !csv.body.contains("hemmeligt"));
    assert!(csv.body.contains("\"Rikke Berg\";\"Tilmeldt\""));
    assert!(
        csv.body
            .contains("\"'=cmd|' /C calc'!A0\";\"Venteliste nr. 1\""),
        "{}",
        csv.body
    );

    // The salon page links hosts to the list, and nobody else.
    let page = host.get(&salon.path).await;
    assert_eq!(
        attr(&page.html, ".registration-host a", "href"),
        Some(format!("{}/participants", salon.path))
    );
    let page = rikke.get(&salon.path).await;
    assert!(texts(page.expect_page("Liv i Ry bymidte"), ".registration-host").is_empty());

    // Neither a participant nor a visitor sees the list or the CSV, or can remove anyone: to
    // them the host's pages do not exist.
    for path in ["participants", "participants.csv"] {
        let r = rikke.get(&format!("{}/{path}", salon.path)).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
        let r = app.browser().get(&format!("{}/{path}", salon.path)).await;
        assert!(r.location.unwrap().starts_with("/sign-in"));
    }
    let registration: String = sqlx::query_scalar(
        "SELECT id::text FROM registrations WHERE salon_id = $1::uuid AND status = 'registered'",
    )
    .bind(&id)
    .fetch_one(&app.db)
    .await
    .unwrap();
    let r = evil
        .post(
            &format!("{}/participants/{registration}/remove", salon.path),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(
        status_of(&app, &id, "rikke@example.dk").await,
        Some(("registered".into(), None))
    );
}

#[tokio::test]
async fn a_host_removes_a_participant_who_is_told_and_the_first_in_line_gets_the_seat() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    let salon = published_salon(&app, &host, Some(1)).await;
    let id = salon.id.to_string();
    let a = app.verified_person("Anna", &email(0)).await;
    register(&a, &salon.path, &[]).await;
    let b = app.verified_person("Bo", &email(1)).await;
    register(&b, &salon.path, &[]).await;
    let registration: String = sqlx::query_scalar(
        "SELECT id::text FROM registrations WHERE salon_id = $1::uuid AND status = 'registered'",
    )
    .bind(&id)
    .fetch_one(&app.db)
    .await
    .unwrap();
    let r = host
        .post(
            &format!("{}/participants/{registration}/remove", salon.path),
            &[],
        )
        .await;
    assert_eq!(
        r.location.as_deref(),
        Some(format!("{}/participants?done=removed", salon.path).as_str())
    );
    assert_eq!(status_of(&app, &id, &email(0)).await, None);
    assert_eq!(
        mail_kinds(&app, &email(0)).await.last().unwrap(),
        "registration.removed"
    );
    assert_eq!(
        status_of(&app, &id, &email(1)).await,
        Some(("registered".into(), None))
    );
    assert_eq!(
        mail_kinds(&app, &email(1)).await.last().unwrap(),
        "registration.promoted"
    );
    assert_eq!(counters(&app, &id).await, (1, 0, 1));
    // Removing again, or a made-up registration, is not found.
    for r in [registration.as_str(), "not-a-uuid"] {
        let again = host
            .post(&format!("{}/participants/{r}/remove", salon.path), &[])
            .await;
        assert_eq!(again.status, StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn offline_additions_count_against_the_seats_and_their_phones_go_after_30_days() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    let salon = published_salon(&app, &host, Some(1)).await;
    let id = salon.id.to_string();
    let offline = format!("{}/participants/offline", salon.path);

    let r = host
        .post(
            &offline,
            &[("offline_name", " "), ("offline_phone", "ring til mig")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        text(&r.html, "#offline-offline_name-error"),
        "Fejl:Skriv deltagerens navn."
    );
    assert_eq!(
        attr(&r.html, "#offline-offline_phone", "value").as_deref(),
        Some("ring til mig")
    );

    let r = host
        .post(
            &offline,
            &[
                ("offline_name", "Grethe Hansen"),
                ("offline_phone", "+45 12 34 56 78"),
            ],
        )
        .await;
    assert_eq!(
        r.location.as_deref(),
        Some(format!("{}/participants?done=added", salon.path).as_str())
    );
    assert_eq!(counters(&app, &id).await, (1, 0, 1));
    let r = host.post(&offline, &[("offline_name", "@SUM(1+1)")]).await;
    assert_eq!(
        r.location.as_deref(),
        Some(format!("{}/participants?done=added-waitlist", salon.path).as_str())
    );
    let rikke = app.verified_person("Rikke", "rikke@example.dk").await;
    register(&rikke, &salon.path, &[("needs", "Trinfri adgang")]).await;
    assert_eq!(positions(&app, &id).await, [1, 2]);
    let list = host.get(&format!("{}/participants", salon.path)).await;
    assert!(texts(&list.html, ".phone").contains(&"Telefon: +45 12 34 56 78".to_string()));
    let csv = host.get(&format!("{}/participants.csv", salon.path)).await;
    // A file, not a page: its status and a line it must hold tell it from an error page.
    assert_eq!(csv.status, StatusCode::OK, "{}", csv.body);
    assert!(csv.body.contains("\"'@SUM(1+1)\""));
    // The phone of someone the hosts added is in the file; the needs never are.
    assert!(csv.body.contains("\"'+45 12 34 56 78\""), "{}", csv.body);
    assert!(!csv.body.contains("Trinfri adgang"));

    // 30 days after the last session, the needs and the phone number are gone.
    let last_end: DateTime<Utc> =
        sqlx::query_scalar("SELECT max(ends_at) FROM salon_sessions WHERE salon_id = $1::uuid")
            .bind(&id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    let kept = "SELECT count(*) FROM registrations WHERE salon_id = $1::uuid AND (needs <> '' OR offline_phone IS NOT NULL)";
    app.clock.set(last_end + Duration::days(29));
    app.run_jobs().await;
    assert_eq!(count(&app, kept, &id).await, 2);
    app.clock
        .set(last_end + Duration::days(30) + Duration::minutes(1));
    app.run_jobs().await;
    assert_eq!(count(&app, kept, &id).await, 0);
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM registrations WHERE salon_id = $1::uuid",
            &id
        )
        .await,
        3,
        "the registrations themselves stay"
    );
}

#[tokio::test]
async fn hosts_message_everyone_registered_a_few_times_a_day() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    let salon = published_salon(&app, &host, Some(1)).await;
    let id = salon.id.to_string();
    let a = app.verified_person("Anna", &email(0)).await;
    register(&a, &salon.path, &[]).await;
    let b = app.verified_person("Bo", &email(1)).await;
    register(&b, &salon.path, &[]).await; // waitlisted: not messaged
    let message = format!("{}/message", salon.path);

    let r = host
        .post(&message, &[("subject", " "), ("body", "Husk kaffe")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        text(&r.html, "#message-subject-error"),
        "Fejl:Skriv et emne."
    );
    assert_eq!(text(&r.html, "#message-body"), "Husk kaffe");

    // A participant cannot send one.
    assert_eq!(
        a.post(&message, &[("subject", "Hej"), ("body", "Spam")])
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    for n in 0..3 {
        let r = host
            .post(
                &message,
                &[("subject", "Husk"), ("body", &format!("Besked {n}"))],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    }
    let kinds = mail_kinds(&app, &email(0)).await;
    assert_eq!(kinds.iter().filter(|k| *k == "salon.message").count(), 3);
    assert!(
        !mail_kinds(&app, &email(1))
            .await
            .contains(&"salon.message".to_string())
    );
    let r = host
        .post(&message, &[("subject", "Husk"), ("body", "En til")])
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(text(&r.html, "#message-problem").contains("3 beskeder"));
    assert_eq!(text(&r.html, "#message-body"), "En til");
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM salon_messages WHERE salon_id = $1::uuid",
            &id
        )
        .await,
        3
    );
    // A day later the host may write again.
    app.clock.advance(Duration::hours(25));
    let r = host
        .post(&message, &[("subject", "Husk"), ("body", "En til")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn the_data_download_has_the_registrations_and_deleting_the_account_frees_the_seat() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    let salon = published_salon(&app, &host, Some(1)).await;
    let id = salon.id.to_string();
    let a = app.verified_person("Anna", &email(0)).await;
    register(&a, &salon.path, &[("needs", "Teleslynge")]).await;
    let b = app.verified_person("Bo", &email(1)).await;
    register(&b, &salon.path, &[]).await;

    let data = a.get("/account/data.json").await;
    let json: serde_json::Value = serde_json::from_str(&data.body).unwrap();
    let mine = &json["registrations"][0];
    assert_eq!(mine["status"], "registered");
    assert_eq!(mine["needs"], "Teleslynge");
    assert_eq!(mine["salon_path"], salon.path.as_str());

    let r = a
        .post("/account/delete", &[("current_password", PASSWORD)])
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        status_of(&app, &id, &email(1)).await,
        Some(("registered".into(), None))
    );
    assert_eq!(counters(&app, &id).await, (1, 0, 1));
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM registrations WHERE salon_id = $1::uuid AND needs <> ''",
            &id
        )
        .await,
        0
    );
    app.run_jobs().await;
    assert_eq!(
        mail_kinds(&app, &email(1)).await.last().unwrap(),
        "registration.promoted"
    );
}

/// 200 people at once at a 20-seat salon: exactly 20 seats and a line of 180 without gaps;
/// then cancellations at once promote the first in line, in order.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_at_once_fill_twenty_seats_and_line_up_without_gaps() {
    let app = TestApp::spawn_for_burst().await;
    let host = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    let salon = published_salon(&app, &host, Some(20)).await;
    let id = salon.id.to_string();

    let mut people = Vec::new();
    for chunk in (0..200).collect::<Vec<_>>().chunks(25) {
        let made = join_all(chunk.iter().map(|n| {
            let (name, address) = (format!("Person {n}"), email(*n));
            let app = &app;
            async move { app.verified_person(&name, &address).await }
        }))
        .await;
        people.extend(made);
    }

    let responses = join_all(people.iter().map(|p| register(p, &salon.path, &[]))).await;
    for r in &responses {
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    }
    assert_eq!(counters(&app, &id).await, (20, 0, 20));
    assert_eq!(positions(&app, &id).await, (1..=180).collect::<Vec<i32>>());

    // The line before: who is at positions 1..=10.
    let line: Vec<String> = sqlx::query_scalar(
        "SELECT u.email FROM registrations r JOIN users u ON u.id = r.user_id
         WHERE r.salon_id = $1::uuid AND r.status = 'waitlisted' ORDER BY r.waitlist_position",
    )
    .bind(&id)
    .fetch_all(&app.db)
    .await
    .unwrap();
    let seated: Vec<String> = sqlx::query_scalar(
        "SELECT u.email FROM registrations r JOIN users u ON u.id = r.user_id
         WHERE r.salon_id = $1::uuid AND r.status = 'registered' ORDER BY u.email",
    )
    .bind(&id)
    .fetch_all(&app.db)
    .await
    .unwrap();
    let index = |e: &str| (0..200).find(|n| email(*n) == e).unwrap();

    // Five seated people and three in line cancel at once.
    let leaving_seated: Vec<usize> = seated[..5].iter().map(|e| index(e)).collect();
    let leaving_line: Vec<usize> = line[10..13].iter().map(|e| index(e)).collect();
    let cancels = join_all(
        leaving_seated
            .iter()
            .chain(&leaving_line)
            .map(|n| cancel(&people[*n], &salon.path)),
    )
    .await;
    assert!(cancels.iter().all(|r| r.status == StatusCode::SEE_OTHER));

    assert_eq!(counters(&app, &id).await, (20, 0, 20));
    for promoted in &line[..5] {
        assert_eq!(
            status_of(&app, &id, promoted).await,
            Some(("registered".into(), None)),
            "{promoted} was among the first five in line"
        );
        assert_eq!(
            mail_kinds(&app, promoted).await.last().unwrap(),
            "registration.promoted"
        );
    }
    assert_eq!(positions(&app, &id).await, (1..=172).collect::<Vec<i32>>());
    // Those behind keep their order.
    let after: Vec<String> = sqlx::query_scalar(
        "SELECT u.email FROM registrations r JOIN users u ON u.id = r.user_id
         WHERE r.salon_id = $1::uuid AND r.status = 'waitlisted' ORDER BY r.waitlist_position",
    )
    .bind(&id)
    .fetch_all(&app.db)
    .await
    .unwrap();
    let expected: Vec<String> = line[5..]
        .iter()
        .filter(|e| !line[10..13].contains(e))
        .cloned()
        .collect();
    assert_eq!(after, expected);
}

#[tokio::test]
async fn raising_the_seats_fills_them_from_the_front_of_the_line() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    let salon = published_salon(&app, &host, Some(1)).await;
    let id = salon.id.to_string();
    for n in 0..3 {
        let p = app.verified_person(&format!("Person {n}"), &email(n)).await;
        register(&p, &salon.path, &[]).await;
    }
    // What the salons feature does when a host raises the capacity.
    let mut tx = app.db.begin().await.unwrap();
    sqlx::query("UPDATE salons SET capacity = 2 WHERE id = $1")
        .bind(salon.id)
        .execute(&mut *tx)
        .await
        .unwrap();
    let promoted = medspil::registrations::fill_free_seats(&mut tx, salon.id, app.clock.now())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(promoted, 1);
    assert_eq!(
        status_of(&app, &id, &email(1)).await,
        Some(("registered".into(), None))
    );
    assert_eq!(
        status_of(&app, &id, &email(2)).await,
        Some(("waitlisted".into(), Some(1)))
    );
    assert_eq!(counters(&app, &id).await, (2, 0, 2));
    app.run_jobs().await;
    assert_eq!(
        mail_kinds(&app, &email(1)).await.last().unwrap(),
        "registration.promoted"
    );
}

#[tokio::test]
async fn unlisted_salons_take_registrations_and_invite_only_ones_only_from_those_invited() {
    use crate::helpers::salons::{create_salon, publish, salon_form, set};
    let app = TestApp::spawn().await;
    let host = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    let carl = app.verified_person("Carl", "carl@example.dk").await;

    let form = set(
        salon_form(&app, "Kun med link", Some(5)),
        "visibility",
        "unlisted",
    );
    let unlisted = create_salon(&host, &form).await;
    publish(&host, &unlisted).await;
    let r = register(&carl, &unlisted.path, &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        status_of(&app, &unlisted.id.to_string(), "carl@example.dk").await,
        Some(("registered".into(), None))
    );

    let form = set(
        salon_form(&app, "Kun inviterede", Some(5)),
        "visibility",
        "invite_only",
    );
    let invite_only = create_salon(&host, &form).await;
    publish(&host, &invite_only).await;
    let r = register(&carl, &invite_only.path, &[]).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(counters(&app, &invite_only.id.to_string()).await, (0, 0, 0));
    // Those who may see it — its hosts, those invited (tests/it/invitations.rs) — may register.
    let r = register(&host, &invite_only.path, &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
}

#[tokio::test]
async fn the_panel_speaks_the_page_language() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    let salon = published_salon(&app, &host, Some(5)).await;
    let visitor = app.browser();
    visitor.get("/language?lang=en&next=/").await;
    let page = visitor.get(&salon.path).await;
    assert_eq!(text(&page.html, "#registration-heading"), "Registration");
    assert_eq!(
        text(&page.html, ".registration-seats"),
        "0 of 5 seats are taken."
    );
}

#[tokio::test]
async fn the_participants_csv_opens_in_danish_excel_with_sessions_status_and_phone() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    let salon = published_salon(&app, &host, Some(5)).await;
    let rikke = app.verified_person("Rikke Berg", "rikke@example.dk").await;
    register(&rikke, &salon.path, &[("needs", "Tegnsprogstolk")]).await;
    let r = host
        .post(
            &format!("{}/participants/offline", salon.path),
            &[
                ("offline_name", "Grethe Hansen"),
                ("offline_phone", "86 12 34 56"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    let csv = host.get(&format!("{}/participants.csv", salon.path)).await;
    assert_eq!(csv.status, StatusCode::OK, "{}", csv.body);
    // A byte-order mark, then `;` between quoted cells and CRLF line ends.
    assert!(csv.body.starts_with('\u{feff}'), "{:?}", &csv.body[..10]);
    let lines: Vec<&str> = csv
        .body
        .trim_start_matches('\u{feff}')
        .split("\r\n")
        .collect();
    assert_eq!(
        lines[0],
        "\"Navn\";\"Status\";\"Kommer som\";\"Møder\";\"Telefon\""
    );
    let row = |name: &str| -> Vec<String> {
        let line = lines
            .iter()
            .find(|l| l.starts_with(&format!("\"{name}\"")))
            .unwrap_or_else(|| panic!("{name} in {}", csv.body));
        line.split(';')
            .map(|c| c.trim_matches('"').to_string())
            .collect()
    };
    let rikke = row("Rikke Berg");
    assert_eq!(rikke.len(), 5, "{rikke:?}");
    assert_eq!(rikke[1], "Tilmeldt");
    assert!(rikke[3].contains("kl. 14.00"), "the sessions: {rikke:?}");
    assert_eq!(rikke[4], "");
    let grethe = row("Grethe Hansen");
    assert_eq!(grethe[4], "86 12 34 56");
    // Needs are health data kept 30 days: a downloaded file would outlive that.
    assert!(!csv.body.contains("Tegnsprogstolk"));
    assert!(!csv.body.contains("Behov"));
}
