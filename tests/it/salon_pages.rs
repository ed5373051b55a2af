//! The salon page's public part is kept by the database (`salon_pages`, migration 0066), one
//! value per salon rewritten by triggers on everything it shows. These tests drive every kind
//! of change the page shows — over HTTP where the app makes it, in SQL where only an
//! administrator's tool or time would — and after each compare every salon's kept value with
//! what its one definition (`salon_page_public`) computes now. Every salon page a debug build
//! serves makes the same comparison and answers 500 when they differ (the last test).

use chrono::Duration;
use reqwest::StatusCode;

use crate::helpers::TestApp;
use crate::helpers::browser::{Browser, Response};
use crate::helpers::salons::{SalonRef, add_cohost, published_salon};
use crate::invitations::{invite, newest, worked_example};

/// The salons whose kept value is not what it computes to now (or is missing).
async fn not_kept(app: &TestApp) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT s.title FROM salons s LEFT JOIN salon_pages p ON p.salon_id = s.id
         WHERE p.public::jsonb IS DISTINCT FROM salon_page_public(s.id)::jsonb
         ORDER BY s.title",
    )
    .fetch_all(&app.db)
    .await
    .unwrap()
}

/// Every salon is kept, and each salon page opens as a visitor (the debug check on read).
async fn agree(app: &TestApp, when: &str) {
    assert_eq!(not_kept(app).await, Vec::<String>::new(), "{when}");
    let paths: Vec<String> = sqlx::query_scalar(
        "SELECT '/salons/' || id || '-' || slug FROM salons WHERE status <> 'draft'
           AND hidden_reason IS NULL",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    let visitor = app.browser();
    for path in paths {
        let r = visitor.get(&path).await;
        assert_eq!(r.status, StatusCode::OK, "{when}: {path}: {}", r.body);
    }
}

async fn sql(app: &TestApp, statement: &str) {
    sqlx::query(statement).execute(&app.db).await.unwrap();
}

fn ok(r: Response, what: &str) {
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{what}: {}", r.body);
}

async fn register(person: &Browser, salon: &SalonRef, form: &[(&str, &str)]) {
    ok(
        person.post(&format!("{}/register", salon.path), form).await,
        "register",
    );
}

#[tokio::test]
async fn the_kept_public_part_follows_every_change_the_page_shows() {
    // Invitations sent, accepted with comers, asked about, passed on, declined, withdrawn and
    // answered with another time.
    let (s, _) = worked_example().await;
    let app = &s.app;
    agree(app, "the worked example").await;

    // The host takes a proposed time: the salon's session moves.
    let (f, f_path): (String, String) = sqlx::query_as(
        "SELECT i.id::text, '/salons/' || s.id || '-' || s.slug FROM invitations i
         JOIN salons s ON s.id = i.salon_id WHERE i.status = 'proposed'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    ok(
        s.host
            .post(
                &format!("{f_path}/invitations/{f}/proposal"),
                &[("decision", "accept")],
            )
            .await,
        "a proposed time taken",
    );
    agree(app, "a proposed time taken").await;

    // People register, one shown by name, one with needs; one changes to be shown by name.
    let rikke = app.verified_person("Rikke Berg", "rikke@example.dk").await;
    let nina = app.verified_person("Nina Nabo", "nina@example.dk").await;
    register(&rikke, &s.salon, &[("show_name", "1")]).await;
    register(&nina, &s.salon, &[("needs", "Teleslynge")]).await;
    agree(app, "two registered").await;
    ok(
        nina.post(
            &format!("{}/registration", s.salon.path),
            &[("needs", "Teleslynge"), ("show_name", "1")],
        )
        .await,
        "shown by name",
    );
    agree(app, "shown by name").await;

    // A salon with one seat: the second in line, promoted when the first cancels.
    let small = published_salon(app, &s.host, Some(1)).await;
    register(&rikke, &small, &[]).await;
    register(&nina, &small, &[("show_name", "1")]).await;
    agree(app, "one seat, one waiting").await;
    ok(
        rikke
            .post(&format!("{}/registration/cancel", small.path), &[])
            .await,
        "cancel",
    );
    agree(app, "the waitlist promoted").await;

    // An invitation to the unit, withdrawn; the conversation: a question, a reply, hidden.
    ok(
        invite(&s.host, &small, &format!("unit:{}", s.unit), "").await,
        "invite",
    );
    agree(app, "invited").await;
    let id = newest(app, &small).await;
    ok(
        s.host
            .post(&format!("{}/invitations/{id}/withdraw", small.path), &[])
            .await,
        "withdraw",
    );
    agree(app, "withdrawn").await;
    ok(
        rikke
            .post(
                &format!("{}/questions", s.salon.path),
                &[("body", "Kan vi få kaffe?")],
            )
            .await,
        "a question",
    );
    agree(app, "a question").await;
    sql(app, "UPDATE conversation_items SET hidden_reason = 'spam'").await;
    agree(app, "a question hidden").await;

    // A co-host; a host renames herself; a person deletes her account.
    let hanne = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    add_cohost(app, &s.host, &s.salon.path, &hanne, "hanne@example.dk").await;
    agree(app, "a co-host").await;
    ok(
        hanne
            .post(
                "/account/profile",
                &[("name", "Hanne Værtinde"), ("language", "da")],
            )
            .await,
        "renamed",
    );
    agree(app, "a host renamed").await;
    let r = rikke
        .post(
            "/account/delete",
            &[("current_password", crate::helpers::PASSWORD)],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    agree(app, "an account deleted").await;

    // What administrators and time change: a role's title, a unit and a municipality renamed,
    // a decision linked and retitled, a picture, a session added and moved, a next step.
    sql(app, "UPDATE roles SET title = 'Specialkonsulent'").await;
    agree(app, "a role retitled").await;
    sql(app, "UPDATE units SET name = name || ' (ny)'").await;
    agree(app, "a unit renamed").await;
    sql(
        app,
        "UPDATE municipalities SET name = 'Skanderborg Kommune', official_name = 'Skanderborg',
                slug = 'skanderborg-ny' WHERE code = '0746'",
    )
    .await;
    agree(app, "a municipality renamed").await;
    sql(
        app,
        "INSERT INTO decisions (id, municipality_code, title, description, unit_id,
                                committee_id, meeting_on, status, created_at, updated_at)
         SELECT gen_random_uuid(), '0746', 'Stien langs søen', 'Hvor skal stien gå?', u.id, u.id,
                current_date + 30, 'upcoming', now(), now()
         FROM units u WHERE u.municipality_code = '0746' LIMIT 1",
    )
    .await;
    sql(
        app,
        "INSERT INTO salon_decisions (salon_id, decision_id, linked_at)
         SELECT s.id, d.id, now() FROM salons s, decisions d",
    )
    .await;
    agree(app, "a decision linked").await;
    sql(
        app,
        "UPDATE decisions SET title = 'Stien langs Skanderborg Sø'",
    )
    .await;
    agree(app, "a decision retitled").await;
    sql(
        app,
        "INSERT INTO salon_pictures (salon_id, hash, alt, uploaded_by, uploaded_at)
         SELECT id, md5('søen'), 'Søen', created_by, now() FROM salons LIMIT 1",
    )
    .await;
    sql(
        app,
        "INSERT INTO salon_picture_files (salon_id, hash, width, height, bytes)
         SELECT salon_id, hash, 640, 480, '\\x00'::bytea FROM salon_pictures",
    )
    .await;
    agree(app, "a picture").await;
    sql(
        app,
        "INSERT INTO salon_sessions (id, salon_id, starts_at, ends_at)
         SELECT gen_random_uuid(), salon_id, starts_at + interval '7 days',
                ends_at + interval '7 days' FROM salon_sessions",
    )
    .await;
    sql(
        app,
        "UPDATE salon_sessions SET starts_at = starts_at + interval '1 hour',
                                   ends_at = ends_at + interval '1 hour'",
    )
    .await;
    agree(app, "sessions added and moved").await;
    sql(
        app,
        "INSERT INTO agreements (id, salon_id, description, owner, status, created_by,
                                 created_at, updated_at)
         SELECT gen_random_uuid(), id, 'Vi mødes igen.', 'citizens', 'agreed', created_by,
                now(), now()
         FROM salons",
    )
    .await;
    agree(app, "next steps").await;
    app.clock.advance(Duration::days(60));
    agree(app, "two months later").await;
}

/// A debug build checks the kept value on every salon page it serves: a value that is not
/// what it computes to answers 500.
#[tokio::test]
async fn a_salon_page_whose_kept_part_is_wrong_answers_500_in_a_debug_build() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    let salon = published_salon(&app, &host, Some(20)).await;
    assert_eq!(app.browser().get(&salon.path).await.status, StatusCode::OK);
    sql(
        &app,
        "UPDATE salon_pages SET public = (public::jsonb
             || '{\"hosts\": {\"names\": [\"Mallory\"], \"verified\": [true],
                              \"newest_since\": null}}')::json",
    )
    .await;
    assert_eq!(
        app.browser().get(&salon.path).await.status,
        StatusCode::INTERNAL_SERVER_ERROR
    );
}
