//! What a unit and its municipality get out of the inbox: the admins' spreadsheet of every
//! invitation and event, and the weekly mail to those who answer for a unit.

use chrono::Duration;
use reqwest::StatusCode;

use crate::helpers::browser::Browser;
use crate::helpers::fixtures::invite_unit;
use crate::helpers::salons::{SalonRef, create_salon, date_in, publish, salon_form, set};
use crate::helpers::{TestApp, attr, texts};

/// Skanderborg's "Teknik og Miljø" with Olga answering for it, and Carl's published salon
/// (three weeks ahead) that invited the department.
struct Scene {
    app: TestApp,
    admin: Browser,
    olga: Browser,
    host: Browser,
    salon: SalonRef,
    invitation: String,
}

async fn scene() -> Scene {
    let app = TestApp::spawn().await;
    let admin = app.municipality_admin("skanderborg").await;
    let unit = app.teknik_og_miljo(&admin).await;
    let (olga, _) = app
        .skanderborg_official(&admin, &unit, "Olga Hansen", "olga@skanderborg.dk")
        .await;
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    // Three weeks ahead: still to come on the Mondays the tests look at.
    let form = set(
        salon_form(&app, "Liv i Ry bymidte", Some(20)),
        "session-0-date",
        &date_in(&app, 21),
    );
    let salon = create_salon(&host, &form).await;
    publish(&host, &salon).await;
    invite_unit(&host, &salon.path, &unit).await;
    let invitation: String =
        sqlx::query_scalar("SELECT id::text FROM invitations ORDER BY sent_at DESC, id LIMIT 1")
            .fetch_one(&app.db)
            .await
            .unwrap();
    Scene {
        app,
        admin,
        olga,
        host,
        salon,
        invitation,
    }
}

/// When event `kind` of `invitation` happened, as the export writes it (Copenhagen).
async fn local_time(app: &TestApp, invitation: &str, kind: &str) -> String {
    sqlx::query_scalar(
        "SELECT to_char(at AT TIME ZONE 'Europe/Copenhagen', 'YYYY-MM-DD HH24:MI')
         FROM invitation_events WHERE invitation_id = $1::uuid AND kind = $2",
    )
    .bind(invitation)
    .bind(kind)
    .fetch_one(&app.db)
    .await
    .unwrap()
}

#[tokio::test]
async fn the_admins_export_has_one_row_per_event_with_a_bom_and_semicolons() {
    let s = scene().await;
    let r = s
        .olga
        .post(&format!("/inbox/{}/claim", s.invitation), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    // Linked from the admins' pages.
    let page = s.admin.get("/admin/skanderborg").await;
    assert_eq!(
        attr(&page.html, "a#admin-export", "href"),
        Some("/admin/skanderborg/invitations.csv".to_string())
    );
    let r = s.admin.get("/admin/skanderborg/invitations.csv").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        r.headers["content-type"].to_str().unwrap(),
        "text/csv; charset=utf-8"
    );
    assert!(
        r.headers["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment;")
    );
    let sent = local_time(&s.app, &s.invitation, "sent").await;
    let claimed = local_time(&s.app, &s.invitation, "claimed").await;
    let expected = format!(
        "\u{feff}\"Salon\";\"Enhed\";\"Invitation\";\"Status\";\"Hændelse\";\"Tidspunkt\";\"Hvem\"\r\n\
         \"Liv i Ry bymidte\";\"Teknik og Miljø\";\"{id}\";\"open\";\"sent\";\"{sent}\";\"Carl Borger\"\r\n\
         \"Liv i Ry bymidte\";\"Teknik og Miljø\";\"{id}\";\"open\";\"claimed\";\"{claimed}\";\"Olga Hansen\"\r\n",
        id = s.invitation
    );
    assert_eq!(r.body, expected);
    assert!(r.body.as_bytes().starts_with(&[0xef, 0xbb, 0xbf]));
}

#[tokio::test]
async fn the_export_names_no_citizen_but_the_host_and_neutralises_formulas() {
    let s = scene().await;
    // A host named like a formula: shown, as the salon page shows it, but harmless.
    sqlx::query("UPDATE users SET name = '=HYPERLINK(\"x\")' WHERE email = 'carl@example.dk'")
        .execute(&s.app.db)
        .await
        .unwrap();
    // An answer through the mailed link (no account) names nobody: the typed name stays out.
    sqlx::query(
        "INSERT INTO invitation_events (id, invitation_id, kind, actor_name, message, at)
         VALUES (gen_random_uuid(), $1::uuid, 'question', 'Privat Person', 'Hvornår?',
                 (SELECT max(at) + interval '1 minute' FROM invitation_events
                  WHERE invitation_id = $1::uuid))",
    )
    .bind(&s.invitation)
    .execute(&s.app.db)
    .await
    .unwrap();
    let r = s.admin.get("/admin/skanderborg/invitations.csv").await;
    assert_eq!(r.status, StatusCode::OK);
    let lines: Vec<&str> = r.body.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 3, "{}", r.body);
    assert!(
        lines[1].ends_with(";\"'=HYPERLINK(\"\"x\"\")\""),
        "{}",
        lines[1]
    );
    assert!(lines[2].contains(";\"question\";"), "{}", lines[2]);
    assert!(lines[2].ends_with(";\"\""), "{}", lines[2]);
    assert!(!r.body.contains("Privat Person"));
    assert!(!r.body.contains("Hvornår?"), "messages are not exported");
}

#[tokio::test]
async fn only_the_municipalitys_own_admins_get_the_export() {
    let s = scene().await;
    let path = "/admin/skanderborg/invitations.csv";
    let aarhus = s.app.municipality_admin("aarhus").await;
    for (who, browser) in [
        ("another municipality's admin", &aarhus),
        ("an official", &s.olga),
    ] {
        let r = browser.get(path).await;
        assert!(
            matches!(r.status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
            "{who}: {}",
            r.status
        );
        assert!(!r.body.contains(&s.invitation), "{who}");
    }
    let r = s.app.browser().get(path).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(r.location.unwrap().starts_with("/sign-in"));
    // Aarhus's own export holds none of Skanderborg's invitations.
    let r = aarhus.get("/admin/aarhus/invitations.csv").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.body.split("\r\n").filter(|l| !l.is_empty()).count(), 1);
}

/// The bodies of the weekly mails `email` got, oldest first.
async fn weekly_mails(app: &TestApp, email: &str) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT body_text FROM outbox WHERE to_address = $1 AND kind = 'unit.weekly'
         ORDER BY created_at, id",
    )
    .bind(email)
    .fetch_all(&app.db)
    .await
    .unwrap()
}

/// Moves the test clock to the next Monday at 07:00 in Copenhagen and lets two workers race
/// over the jobs that are due, then one more run (a late worker finds nothing left to send).
async fn monday_morning_with_two_workers(app: &TestApp) {
    let now = app.clock.now();
    let next = medspil::invitations::next_weekly_slot(now);
    app.clock.advance(next - now);
    let (a, b) = (app.worker(), app.worker());
    let (ran_a, ran_b) = tokio::join!(a.run_until_idle(), b.run_until_idle());
    ran_a.unwrap();
    ran_b.unwrap();
    app.run_jobs().await;
}

#[tokio::test]
async fn each_person_answering_for_the_unit_gets_one_weekly_mail_with_two_workers() {
    let s = scene().await;
    let (_ole, _) = {
        let unit: String =
            sqlx::query_scalar("SELECT id::text FROM units WHERE name = 'Teknik og Miljø'")
                .fetch_one(&s.app.db)
                .await
                .unwrap();
        s.app
            .skanderborg_official(&s.admin, &unit, "Ole Berg", "ole@skanderborg.dk")
            .await
    };
    let r = s
        .olga
        .post(&format!("/inbox/{}/claim", s.invitation), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // Not before Monday morning.
    s.app.clock.advance(Duration::days(2));
    s.app.run_jobs().await;
    assert!(weekly_mails(&s.app, "olga@skanderborg.dk").await.is_empty());

    monday_morning_with_two_workers(&s.app).await;
    for email in ["olga@skanderborg.dk", "ole@skanderborg.dk"] {
        let mails = weekly_mails(&s.app, email).await;
        assert_eq!(mails.len(), 1, "{email}: {mails:?}");
        for part in [
            "Teknik og Miljø",
            "Liv i Ry bymidte",
            "Olga Hansen har den",
            "De sidste 30 dage: 1 invitation modtaget, 0 besvaret af enheden.",
            "/inbox",
        ] {
            assert!(mails[0].contains(part), "{part} missing from {}", mails[0]);
        }
    }
    // The host and the admin (who answers for no unit) get none.
    assert!(weekly_mails(&s.app, "carl@example.dk").await.is_empty());
    assert!(
        weekly_mails(&s.app, "admin@skanderborg.example.dk")
            .await
            .is_empty()
    );

    // The job enqueued the next Monday's: still open, so one more mail a week later.
    monday_morning_with_two_workers(&s.app).await;
    assert_eq!(weekly_mails(&s.app, "ole@skanderborg.dk").await.len(), 2);
}

#[tokio::test]
async fn no_weekly_mail_goes_out_when_nothing_is_open_or_due() {
    let s = scene().await;
    let r = s
        .host
        .post(
            &format!("{}/invitations/{}/withdraw", s.salon.path, s.invitation),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    monday_morning_with_two_workers(&s.app).await;
    assert!(weekly_mails(&s.app, "olga@skanderborg.dk").await.is_empty());
    let recorded: i64 = sqlx::query_scalar("SELECT count(*) FROM unit_weekly_mails")
        .fetch_one(&s.app.db)
        .await
        .unwrap();
    assert_eq!(recorded, 0);
    // The next Monday's job is still there for when something comes in.
    let next: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM jobs WHERE kind = 'invitation.unit-weekly' AND run_at > $1",
    )
    .bind(s.app.clock.now())
    .fetch_one(&s.app.db)
    .await
    .unwrap();
    assert_eq!(next, 1);
}

#[tokio::test]
async fn the_weekly_mail_is_a_choice_only_for_those_who_answer_for_a_unit() {
    let s = scene().await;
    let choice = "input[name='unit-weekly']";
    let page = s.olga.get("/notifications/settings").await;
    assert!(!texts(&page.html, choice).is_empty(), "{}", page.body);
    let page = s.host.get("/notifications/settings").await;
    assert!(texts(&page.html, choice).is_empty());
    // Turned off, it is not mailed.
    let r = s
        .olga
        .post("/notifications/settings", &[("unit-weekly", "off")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    monday_morning_with_two_workers(&s.app).await;
    assert!(weekly_mails(&s.app, "olga@skanderborg.dk").await.is_empty());
}

#[tokio::test]
async fn a_next_step_the_unit_took_is_in_the_weekly_mail_when_due_and_when_overdue() {
    let s = scene().await;
    // Nothing open: the step alone is worth the mail.
    let r = s
        .host
        .post(
            &format!("{}/invitations/{}/withdraw", s.salon.path, s.invitation),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let unit: String =
        sqlx::query_scalar("SELECT id::text FROM units WHERE name = 'Teknik og Miljø'")
            .fetch_one(&s.app.db)
            .await
            .unwrap();
    let owner = format!("unit:{unit}");
    let due = date_in(&s.app, 9);
    let r = s
        .host
        .post(
            &format!("{}/agreements", s.salon.path),
            &[
                ("description", "Mere lys ved stien ned til søen"),
                ("owner", owner.as_str()),
                ("due_on", due.as_str()),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let step: String = sqlx::query_scalar("SELECT id::text FROM agreements")
        .fetch_one(&s.app.db)
        .await
        .unwrap();
    // Olga takes it, confirming the date.
    let r = s
        .olga
        .post(
            &format!("/agreements/{step}/accept"),
            &[("due_on", due.as_str())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    // Due within the week.
    monday_morning_with_two_workers(&s.app).await;
    let mails = weekly_mails(&s.app, "olga@skanderborg.dk").await;
    assert_eq!(mails.len(), 1, "{mails:?}");
    for part in [
        "Ingen åbne invitationer.",
        "- Mere lys ved stien ned til søen (senest",
    ] {
        assert!(mails[0].contains(part), "{part} missing from {}", mails[0]);
    }
    // A week later it is overdue.
    monday_morning_with_two_workers(&s.app).await;
    let mails = weekly_mails(&s.app, "olga@skanderborg.dk").await;
    assert_eq!(mails.len(), 2, "{mails:?}");
    assert!(
        mails[1].contains("- Mere lys ved stien ned til søen (forfalden"),
        "{}",
        mails[1]
    );
}

#[tokio::test]
async fn the_weekly_mail_and_the_unit_page_say_the_same_figure_for_the_same_data() {
    let s = scene().await;
    let unit: String =
        sqlx::query_scalar("SELECT id::text FROM units WHERE name = 'Teknik og Miljø'")
            .fetch_one(&s.app.db)
            .await
            .unwrap();
    // A second salon the unit says yes to: a reply.
    let answered = create_salon(
        &s.host,
        &set(
            salon_form(&s.app, "Stien langs søen", Some(20)),
            "session-0-date",
            &date_in(&s.app, 14),
        ),
    )
    .await;
    publish(&s.host, &answered).await;
    invite_unit(&s.host, &answered.path, &unit).await;
    let olga_role: String = sqlx::query_scalar(
        "SELECT r.id::text FROM roles r JOIN users u ON u.id = r.user_id
         WHERE u.email = 'olga@skanderborg.dk'",
    )
    .fetch_one(&s.app.db)
    .await
    .unwrap();
    let invitation: String =
        sqlx::query_scalar("SELECT id::text FROM invitations WHERE salon_id = $1")
            .bind(answered.id)
            .fetch_one(&s.app.db)
            .await
            .unwrap();
    let r = s
        .olga
        .post(
            &format!("/inbox/{invitation}/accept"),
            &[("comers", olga_role.as_str())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // A third salon, cancelled before the unit replied: the record does not count it (it
    // says nothing about how the unit answers), so neither may the mail.
    let cancelled = create_salon(
        &s.host,
        &set(
            salon_form(&s.app, "Torvet i Skanderborg", Some(20)),
            "session-0-date",
            &date_in(&s.app, 10),
        ),
    )
    .await;
    publish(&s.host, &cancelled).await;
    invite_unit(&s.host, &cancelled.path, &unit).await;
    let r = s
        .host
        .post(
            &format!("{}/cancel", cancelled.path),
            &[("message", "Værten er syg.")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    monday_morning_with_two_workers(&s.app).await;
    let mails = weekly_mails(&s.app, "olga@skanderborg.dk").await;
    assert_eq!(mails.len(), 1, "{mails:?}");
    assert!(
        mails[0].contains("De sidste 30 dage: 2 invitationer modtaget, 1 besvaret af enheden."),
        "{}",
        mails[0]
    );
    // The unit's page, the same day, with the same invitations: the same figure.
    let slug: String = sqlx::query_scalar("SELECT slug FROM units WHERE id = $1::uuid")
        .bind(&unit)
        .fetch_one(&s.app.db)
        .await
        .unwrap();
    let page = s
        .app
        .page(
            &format!("/municipalities/skanderborg/units/{slug}"),
            StatusCode::OK,
        )
        .await;
    assert_eq!(texts(&page, ".record-replied"), ["1 af 2"]);
}
