//! A response record with every one of its rows — the long Danish labels included, such as
//! "Svar fra en adresse, som værten har angivet (tæller ikke)" — on a municipality's and a
//! unit's page must fit a phone: the gate's other pages have records with short rows only.

use super::page::Chromium;
use crate::helpers::TestApp;
use crate::helpers::fixtures::invite_unit;
use crate::helpers::salons::published_salon;

#[tokio::test]
async fn a_response_record_with_every_row_passes_the_accessibility_gate() {
    if !super::driver::available("gate-record") {
        return;
    }
    let app = TestApp::spawn().await;
    // Teknik og Miljø with an official, and a decision of its in Klimaudvalget.
    let _ = crate::decisions::skanderborg_with_a_decision(&app).await;
    let (unit, slug): (String, String) =
        sqlx::query_as("SELECT id::text, slug FROM units WHERE name = 'Teknik og Miljø'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    let host = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    for _ in 0..2 {
        let salon = published_salon(&app, &host, Some(20)).await;
        invite_unit(&host, &salon.path, &unit).await;
    }
    // One invitation was answered through an address the host typed, and one was passed on
    // by the department: the two rows only such invitations show. (Written straight to the
    // rows: getting there through the forms is other tests' business; this one is about how
    // the record looks.)
    let now = app.clock.now();
    sqlx::query(
        "UPDATE invitations SET typed_address = true, via_mailbox = true, email = 'vej@example.dk',
                first_reply_at = sent_at + interval '1 hour', first_reply_kind = 'accepted'
         WHERE id = (SELECT id FROM invitations ORDER BY sent_at, id LIMIT 1)",
    )
    .execute(&app.db)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO invitation_events (id, invitation_id, kind, unit_id, at)
         SELECT gen_random_uuid(), id, 'passed_on', $1::uuid, $2
         FROM invitations ORDER BY sent_at DESC, id LIMIT 1",
    )
    .bind(&unit)
    .bind(now)
    .execute(&app.db)
    .await
    .unwrap();
    // The decision's meeting has passed: it is in the record's twelve months.
    app.clock.advance(chrono::Duration::days(31));

    let mut browser = Chromium::start(&app.address, "gate-record", true, true).await;
    browser.open("/municipalities/skanderborg").await;
    browser
        .sees("Svar fra en adresse, som værten har angivet")
        .await;
    browser
        .check("municipality page, a response record with every row")
        .await;
    // The record's chart and its table, opened.
    browser.sees("Svartid måned for måned").await;
    browser.showcase("record-chart").await;
    browser
        .open(&format!("/municipalities/skanderborg/units/{slug}"))
        .await;
    browser.sees("Sendt videre").await;
    browser
        .sees("Svar fra en adresse, som værten har angivet")
        .await;
    browser
        .check("unit page, a response record with every row")
        .await;
    // Denmark side by side, once its job has run.
    medspil::figures::schedule(&app.state).await.unwrap();
    app.run_jobs().await;
    browser.open("/tal").await;
    browser.sees("Medspil i tal").await;
    browser.check("Medspil i tal").await;
    browser.showcase("tal").await;
    let mut gate = browser.gate.take().unwrap();
    browser.close().await;
    gate.finish();
}
