//! Who speaks for the municipality, rules 2, 3 and 10: an answer through an address the host
//! typed is not the municipality's; an invitation to a unit nobody answers for lands with the
//! admins; a draft's invitations go out only when it is published; and a municipality's page
//! says "not on Medspil" only when no one there can answer.

use chrono::Duration;
use reqwest::StatusCode;
use uuid::Uuid;

use crate::helpers::browser::{Browser, Response};
use crate::helpers::salons::{
    SalonRef, create_salon, date_in, publish, published_from, salon_form, set,
};
use crate::helpers::{TestApp, text, texts};

async fn invite(host: &Browser, salon: &SalonRef, target: &str, email: &str) -> Response {
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

async fn newest(app: &TestApp, salon: &SalonRef) -> Uuid {
    sqlx::query_scalar(
        "SELECT id FROM invitations WHERE salon_id = $1 ORDER BY sent_at DESC, id LIMIT 1",
    )
    .bind(salon.id)
    .fetch_one(&app.db)
    .await
    .unwrap()
}

/// How many invitation mails `email` has had.
async fn invitation_mails(app: &TestApp, email: &str) -> i64 {
    sqlx::query_scalar(
        "SELECT count(*) FROM outbox WHERE to_address = $1 AND kind LIKE 'invitation.%'",
    )
    .bind(email)
    .fetch_one(&app.db)
    .await
    .unwrap()
}

/// The admin of `slug` leaves (their role is revoked), as happens when someone changes jobs.
async fn admin_leaves(app: &TestApp, slug: &str) {
    sqlx::query(
        "UPDATE roles SET status = 'revoked', reason = 'Har fået nyt job' FROM municipalities m
         WHERE m.code = roles.municipality_code AND m.slug = $1 AND roles.kind = 'admin'",
    )
    .bind(slug)
    .execute(&app.db)
    .await
    .unwrap();
}

/// A published salon of the municipality with code `code`, 10 days ahead.
async fn salon_in(app: &TestApp, host: &Browser, code: &str, title: &str) -> SalonRef {
    let form = set(
        set(salon_form(app, title, Some(20)), "municipality", code),
        "session-0-date",
        &date_in(app, 10),
    );
    published_from(host, &form).await
}

#[tokio::test]
async fn an_answer_from_an_address_the_host_typed_is_not_the_municipalitys() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    // Aarhus: no one on Medspil and no contact address, so the host types one — his own.
    let salon = salon_in(&app, &host, "0751", "Stier i Aarhus").await;
    let r = invite(&host, &salon, "municipality", "carl@example.dk").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = app.page(&salon.path, StatusCode::OK).await;
    assert!(
        text(&page, ".invitation-public-state")
            .starts_with("sendt til en adresse, som værten har angivet"),
        "{}",
        page.html()
    );
    // He declines "on behalf of the municipality".
    let link = app.link_in_mail("carl@example.dk").await;
    let r = host
        .post(
            &link,
            &[
                ("action", "decline"),
                ("name", "Aarhus Kommune"),
                ("reason", "Kommunen har ikke tid."),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let page = app.titled(&salon.path, "Stier i Aarhus").await;
    assert_eq!(
        text(&page, ".invitation-public-state"),
        "svar modtaget fra en adresse, som værten har angivet"
    );
    assert!(!page.html().contains("Kommunen har ikke tid"));
    // The invitation counts; the answer does not; unanswered stays unanswered.
    let aarhus = app.page("/municipalities/aarhus", StatusCode::OK).await;
    assert_eq!(text(&aarhus, ".record-replied"), "0 af 1");
    assert_eq!(text(&aarhus, ".record-declined"), "0");
    assert_eq!(text(&aarhus, ".record-typed"), "1");
    assert!(
        text(&aarhus, ".record-not-on-medspil")
            .ends_with("0 invitationer er sendt til kommunens postkasse."),
        "a typed address is not the municipality's mailbox"
    );
    assert!(text(&aarhus, ".record-explained").contains("adresse, som værten har angivet"));
    app.clock.advance(Duration::days(11));
    let aarhus = app.page("/municipalities/aarhus", StatusCode::OK).await;
    assert_eq!(text(&aarhus, ".record-unanswered"), "1");
    assert_eq!(text(&aarhus, ".record-median"), "ikke besvaret");

    // Once the municipality has a contact address, a typed address is not used at all: the
    // unit's (else the municipality's) own address is, and an answer through it counts.
    let admin = app.municipality_admin("aarhus").await;
    let r = admin
        .post(
            "/admin/aarhus/units",
            &[
                ("kind", "department"),
                ("name", "Teknik og Miljø"),
                ("description", ""),
                ("contact_email", "teknik@aarhus.dk"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let unit: String =
        sqlx::query_scalar("SELECT id::text FROM units WHERE name = 'Teknik og Miljø'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    admin_leaves(&app, "aarhus").await;
    let other = salon_in(&app, &host, "0751", "Cykelstier i Aarhus").await;
    let r = invite(&host, &other, &format!("unit:{unit}"), "carl@example.dk").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let (email, typed): (String, bool) =
        sqlx::query_as("SELECT email, typed_address FROM invitations WHERE salon_id = $1")
            .bind(other.id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!((email.as_str(), typed), ("teknik@aarhus.dk", false));
    let link = app.link_in_mail("teknik@aarhus.dk").await;
    let r = app
        .browser()
        .post(
            &link,
            &[
                ("action", "decline"),
                ("name", "Birthe Holm"),
                ("reason", "Vi har ingen ledige den aften."),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let page = app.page(&other.path, StatusCode::OK).await;
    assert_eq!(
        text(&page, ".invitation-public-state"),
        "har takket nej: Vi har ingen ledige den aften."
    );
    let aarhus = app.page("/municipalities/aarhus", StatusCode::OK).await;
    assert_eq!(text(&aarhus, ".record-replied"), "1 af 2");
}

#[tokio::test]
async fn a_unit_nobody_answers_for_lands_with_the_admins_and_the_host_types_nothing() {
    let app = TestApp::spawn().await;
    let admin = app.municipality_admin("skanderborg").await;
    let unit = app
        .create_unit(&admin, "skanderborg", "department", "Kultur og Fritid")
        .await;
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    let salon = salon_in(&app, &host, "0746", "Biblioteket i Ry").await;
    // No address asked for, none used.
    let r = invite(&host, &salon, &format!("unit:{unit}"), "").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let id = newest(&app, &salon).await;
    let (email, via_mailbox): (Option<String>, bool) =
        sqlx::query_as("SELECT email, via_mailbox FROM invitations WHERE id = $1")
            .bind(id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!((email, via_mailbox), (None, false));
    // The admins have it in their inbox and are told.
    assert_eq!(
        app.link_in_mail("admin@skanderborg.example.dk").await,
        format!("/inbox/{id}")
    );
    let inbox = admin.get("/inbox").await;
    assert_eq!(texts(&inbox.html, ".inbox-line th a"), ["Biblioteket i Ry"]);
    let r = admin
        .post(
            &format!("/inbox/{id}/decline"),
            &[("reason", "Biblioteket holder lukket i uge 50.")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = app.page(&salon.path, StatusCode::OK).await;
    assert_eq!(
        texts(&page, ".salon-invitations li"),
        [
            "Kultur og Fritid, Skanderborg Kommune: har takket nej: Biblioteket holder lukket i uge 50."
        ]
    );
    // Once someone answers for the unit, it is theirs and no longer the admins'.
    let (olga, _) = app
        .skanderborg_official(&admin, &unit, "Olga Hansen", "olga@skanderborg.dk")
        .await;
    let other = salon_in(&app, &host, "0746", "Koncerter i parken").await;
    let r = invite(&host, &other, &format!("unit:{unit}"), "").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let id = newest(&app, &other).await;
    assert_eq!(
        olga.get(&format!("/inbox/{id}")).await.status,
        StatusCode::OK
    );
    assert_eq!(
        admin.get(&format!("/inbox/{id}")).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn drafts_invite_no_one_until_they_are_published() {
    let app = TestApp::spawn().await;
    let admin = app.municipality_admin("skanderborg").await;
    let unit = app.teknik_og_miljo(&admin).await;
    let (olga, _) = app
        .skanderborg_official(&admin, &unit, "Olga Hansen", "olga@skanderborg.dk")
        .await;
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    let form = set(
        salon_form(&app, "Stien langs søen", Some(20)),
        "session-0-date",
        &date_in(&app, 10),
    );
    let salon = create_salon(&host, &form).await;
    let r = invite(&host, &salon, &format!("unit:{unit}"), "").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = invite(&host, &salon, "email", "nabo@example.dk").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let id: Uuid = sqlx::query_scalar("SELECT id FROM invitations WHERE target = 'unit'")
        .fetch_one(&app.db)
        .await
        .unwrap();

    // Saved, sent to no one: no mail, no inbox, no reminder, nothing to answer.
    assert_eq!(invitation_mails(&app, "olga@skanderborg.dk").await, 0);
    assert_eq!(app.mails_to("nabo@example.dk").await, 0);
    assert!(
        texts(
            olga.get("/inbox").await.expect_page("Indbakke"),
            ".inbox-line"
        )
        .is_empty()
    );
    assert_eq!(
        olga.get(&format!("/inbox/{id}")).await.status,
        StatusCode::NOT_FOUND
    );
    let reminders: i64 =
        sqlx::query_scalar("SELECT count(*) FROM jobs WHERE kind = 'invitation.remind'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(reminders, 0);
    let page = host.get(&format!("{}/invitations", salon.path)).await;
    assert!(
        texts(&page.html, ".invitation-state")
            .iter()
            .all(|s| s == "Gemt — sendes, når salonen offentliggøres"),
        "{:?}",
        texts(&page.html, ".invitation-state")
    );
    // A draft counts for nothing in the record, however long it waits.
    app.clock.advance(Duration::days(3));
    let record = app
        .page("/municipalities/skanderborg", StatusCode::OK)
        .await;
    assert_eq!(
        text(&record, ".response-record .empty-state"),
        "Ingen invitationer de seneste 12 måneder."
    );

    // Published: now they go out, timed from this moment.
    publish(&host, &salon).await;
    assert_eq!(invitation_mails(&app, "olga@skanderborg.dk").await, 1);
    assert_eq!(
        app.link_in_mail("olga@skanderborg.dk").await,
        format!("/inbox/{id}")
    );
    assert_eq!(app.mails_to("nabo@example.dk").await, 1);
    assert_eq!(
        texts(&olga.get("/inbox").await.html, ".inbox-line th a"),
        ["Stien langs søen"]
    );
    let page = app.page(&salon.path, StatusCode::OK).await;
    assert_eq!(
        text(&page, ".invitation-public-state"),
        "har ikke svaret endnu (sendt i dag)"
    );
    let reminders: i64 =
        sqlx::query_scalar("SELECT count(*) FROM jobs WHERE kind = 'invitation.remind'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(reminders, 2);
    let record = app
        .page("/municipalities/skanderborg", StatusCode::OK)
        .await;
    assert_eq!(text(&record, ".record-open"), "1");
    let history = host.get(&format!("{}/invitations", salon.path)).await;
    assert!(
        texts(&history.html, ".invitation-history li")
            .iter()
            .any(|l| l.contains("Carl Borger sendte invitationen.")),
        "{}",
        history.body
    );
}

#[tokio::test]
async fn a_municipality_is_not_on_medspil_only_when_no_one_there_can_answer() {
    let app = TestApp::spawn().await;
    let notice = |page: &scraper::Html| texts(page, "#not-on-medspil");
    let assens = app.page("/municipalities/assens", StatusCode::OK).await;
    assert_eq!(
        notice(&assens),
        [
            "Assens Kommune er ikke med på Medspil endnu. Siden viser kommunen, så du kan finde den, men der er endnu ingen fra kommunen, der svarer her."
        ]
    );
    assert_eq!(
        text(&assens, ".record-not-on-medspil strong"),
        "Ikke på Medspil endnu."
    );

    // Two officials answer for a department; then the admin who approved them leaves.
    let admin = app.municipality_admin("assens").await;
    let unit = app
        .create_unit(&admin, "assens", "department", "Udvikling og Borgerservice")
        .await;
    app.approved_official(&admin, "assens", &unit, "Rikke Berg", "rikke@assens.dk")
        .await;
    app.approved_official(&admin, "assens", &unit, "Bo Lund", "bo@assens.dk")
        .await;
    let with_admin = app.titled("/municipalities/assens", "Assens Kommune").await;
    assert!(notice(&with_admin).is_empty());
    admin_leaves(&app, "assens").await;

    let assens = app.titled("/municipalities/assens", "Assens Kommune").await;
    assert_eq!(
        notice(&assens),
        [
            "Assens Kommune har ingen administrator på Medspil endnu. 2 personer svarer her for kommunens enheder; invitationer til hele kommunen sendes med e-mail."
        ]
    );
    assert!(!assens.html().contains("ingen fra kommunen, der svarer her"));
    assert!(texts(&assens, ".record-not-on-medspil").is_empty());
    let unit_page = app
        .titled(
            "/municipalities/assens/units/udvikling-og-borgerservice",
            "Udvikling og Borgerservice",
        )
        .await;
    assert!(texts(&unit_page, ".record-not-on-medspil").is_empty());
    // And a host inviting that department reaches them on Medspil, with no address asked for.
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    let salon = salon_in(&app, &host, "0420", "Havnen i Assens").await;
    let r = invite(&host, &salon, &format!("unit:{unit}"), "").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let rikke = app.signed_in("rikke@assens.dk").await;
    assert_eq!(
        texts(&rikke.get("/inbox").await.html, ".inbox-line th a"),
        ["Havnen i Assens"]
    );
}

/// Municipalities and units whose kept count of who answers (migration 0068) is not what
/// counting their roles, units and people from scratch says, as "code unit: kept ≠ counted".
pub(crate) async fn answerers_not_kept(app: &TestApp) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT m.code || ' ' || coalesce(u.id::text, '-') || ': ' || kk.k::text || ' ' || km.k::text
                || ' ≠ ' || cc.c::text || ' ' || cm.c::text
         FROM municipalities m LEFT JOIN units u ON u.municipality_code = m.code
         CROSS JOIN LATERAL (SELECT row(a.*) AS k FROM municipality_answerers(m.code, u.id) a) kk
         CROSS JOIN LATERAL (SELECT row(a.*) AS c
                             FROM municipality_answerers_counted(m.code, u.id) a) cc
         CROSS JOIN LATERAL (SELECT row(a.*) AS k FROM municipality_answerers(m.code, NULL) a) km
         CROSS JOIN LATERAL (SELECT row(a.*) AS c
                             FROM municipality_answerers_counted(m.code, NULL) a) cm
         WHERE kk.k IS DISTINCT FROM cc.c OR km.k IS DISTINCT FROM cm.c
         ORDER BY 1",
    )
    .fetch_all(&app.db)
    .await
    .unwrap()
}

#[tokio::test]
async fn who_answers_is_kept_true_as_roles_units_and_people_change() {
    let app = TestApp::spawn().await;
    let kept = |step: &'static str| {
        let app = &app;
        async move {
            assert_eq!(
                answerers_not_kept(app).await,
                Vec::<String>::new(),
                "{step}"
            )
        }
    };
    kept("at the start").await;
    let admin = app.municipality_admin("assens").await;
    kept("an admin approved").await;
    let unit = app
        .create_unit(&admin, "assens", "department", "Udvikling og Borgerservice")
        .await;
    let other = app
        .create_unit(&admin, "assens", "department", "Teknik og Miljø")
        .await;
    kept("units created").await;
    app.approved_official(&admin, "assens", &unit, "Rikke Berg", "rikke@assens.dk")
        .await;
    app.approved_official(&admin, "assens", &unit, "Bo Lund", "bo@assens.dk")
        .await;
    kept("two officials approved").await;
    let counts = |unit: Option<&str>| {
        let app = &app;
        let unit = unit.map(|u| Uuid::parse_str(u).unwrap());
        async move {
            sqlx::query_as::<_, (i64, i64)>(
                "SELECT admins, for_units FROM municipality_answerers('0420', $1)",
            )
            .bind(unit)
            .fetch_one(&app.db)
            .await
            .unwrap()
        }
    };
    assert_eq!(counts(None).await, (1, 2));
    assert_eq!(counts(Some(&unit)).await, (1, 2));
    assert_eq!(counts(Some(&other)).await, (1, 0));

    // One official's role moves to the other unit; the other's stops answering for it.
    sqlx::query(
        "UPDATE role_units SET unit_id = $2 FROM roles r, users u
         WHERE r.id = role_units.role_id AND u.id = r.user_id AND u.email = 'bo@assens.dk'
           AND role_units.unit_id = $1",
    )
    .bind(Uuid::parse_str(&unit).unwrap())
    .bind(Uuid::parse_str(&other).unwrap())
    .execute(&app.db)
    .await
    .unwrap();
    kept("a role moved to another unit").await;
    assert_eq!(counts(Some(&other)).await, (1, 1));
    sqlx::query("UPDATE role_units SET answers_for = false WHERE unit_id = $1")
        .bind(Uuid::parse_str(&unit).unwrap())
        .execute(&app.db)
        .await
        .unwrap();
    kept("no longer answering for a unit").await;
    assert_eq!(counts(Some(&unit)).await, (1, 0));
    assert_eq!(counts(None).await, (1, 1));

    // The unit archived, a person deleted, a role revoked, the admin leaving.
    sqlx::query("UPDATE units SET archived_at = now() WHERE id = $1")
        .bind(Uuid::parse_str(&other).unwrap())
        .execute(&app.db)
        .await
        .unwrap();
    kept("a unit archived").await;
    assert_eq!(counts(None).await, (1, 0));
    sqlx::query("UPDATE units SET archived_at = NULL WHERE id = $1")
        .bind(Uuid::parse_str(&other).unwrap())
        .execute(&app.db)
        .await
        .unwrap();
    kept("the unit back").await;
    assert_eq!(counts(None).await, (1, 1));
    sqlx::query("UPDATE users SET deleted_at = now(), email = NULL WHERE email = 'bo@assens.dk'")
        .execute(&app.db)
        .await
        .unwrap();
    kept("a person deleted").await;
    assert_eq!(counts(None).await, (1, 0));
    sqlx::query("UPDATE role_units SET answers_for = true WHERE unit_id = $1")
        .bind(Uuid::parse_str(&unit).unwrap())
        .execute(&app.db)
        .await
        .unwrap();
    assert_eq!(counts(None).await, (1, 1));
    sqlx::query(
        "UPDATE roles SET status = 'revoked' FROM users u
         WHERE u.id = roles.user_id AND u.email = 'rikke@assens.dk'",
    )
    .execute(&app.db)
    .await
    .unwrap();
    kept("a role revoked").await;
    assert_eq!(counts(None).await, (1, 0));
    admin_leaves(&app, "assens").await;
    kept("the admin left").await;
    assert_eq!(counts(None).await, (0, 0));
    // A role deleted with its person.
    sqlx::query("DELETE FROM users WHERE email = 'rikke@assens.dk'")
        .execute(&app.db)
        .await
        .unwrap();
    kept("a person erased").await;

    // And the page says what the kept count says.
    let assens = app.page("/municipalities/assens", StatusCode::OK).await;
    assert_eq!(texts(&assens, "#not-on-medspil").len(), 1);
}
