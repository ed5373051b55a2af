//! How many SQL statements the busiest pages run: each resource is loaded once, by the access
//! check or the page, never again by the handler. The bounds are today's figures; a page that
//! needs more must say why here.

use reqwest::StatusCode;

use crate::helpers::TestApp;
use crate::helpers::fixtures::{invite_unit, invited_department};
use crate::helpers::queries::QueryCount;
use crate::helpers::salons::published_salon;

/// The statements of one GET in the steady state: after a warm-up request to the same path, the
/// fewest of three counted requests. A request that happens to get a pool connection that has
/// not run the page's statements yet also runs the driver's own first-use look-ups, which are
/// not the page's; a statement the page itself adds shows in every try.
async fn statements_for(browser: &crate::helpers::browser::Browser, path: &str) -> Vec<String> {
    let r = browser.get(path).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let mut fewest: Option<Vec<String>> = None;
    for _ in 0..3 {
        let count = QueryCount::start();
        let r = browser.get(path).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let statements = count.take();
        if fewest.as_ref().is_none_or(|f| statements.len() < f.len()) {
            fewest = Some(statements);
        }
    }
    fewest.unwrap_or_default()
}

fn assert_at_most(statements: &[String], bound: usize, what: &str) {
    eprintln!("{what}: {} statements", statements.len());
    assert!(
        statements.len() <= bound,
        "{what} ran {} statements, at most {bound} expected:\n{}",
        statements.len(),
        statements.join("\n")
    );
}

#[tokio::test]
async fn salon_page_signed_out() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    let salon = published_salon(&app, &host, Some(20)).await;
    let statements = statements_for(&app.browser(), &salon.path).await;
    assert_at_most(
        &statements,
        SALON_PAGE_SIGNED_OUT,
        "the salon page, signed out",
    );
}

/// The conversation comes in the salon's own statement, however many items it has.
#[tokio::test]
async fn salon_page_with_a_conversation_signed_out() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    let salon = published_salon(&app, &host, Some(20)).await;
    let nina = app.verified_person("Nina Nabo", "nina@example.dk").await;
    for n in 1..=3 {
        let body = format!("Spørgsmål {n}");
        let r = nina
            .post(&format!("{}/questions", salon.path), &[("body", &body)])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let id: String =
            sqlx::query_scalar("SELECT id::text FROM conversation_items WHERE body = $1")
                .bind(&body)
                .fetch_one(&app.db)
                .await
                .unwrap();
        let r = host
            .post(&format!("/questions/{id}/replies"), &[("body", "Svar")])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    }
    let statements = statements_for(&app.browser(), &salon.path).await;
    assert_at_most(
        &statements,
        SALON_PAGE_SIGNED_OUT,
        "the salon page with a conversation, signed out",
    );
}

#[tokio::test]
async fn salon_page_as_host() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    let salon = published_salon(&app, &host, Some(20)).await;
    let statements = statements_for(&host, &salon.path).await;
    assert_at_most(
        &statements,
        SALON_PAGE_AS_HOST,
        "the salon page, as its host",
    );
}

#[tokio::test]
async fn inbox_item_as_official() {
    let app = TestApp::spawn().await;
    let admin = app.municipality_admin("skanderborg").await;
    let host = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    let salon = published_salon(&app, &host, Some(20)).await;
    let invitation = invited_department(&app, &admin, &host, &salon.path).await;
    let olga = app.signed_in("olga@skanderborg.dk").await;
    let statements = statements_for(&olga, &format!("/inbox/{invitation}")).await;
    assert_at_most(
        &statements,
        INBOX_ITEM,
        "an invitation in an official's inbox",
    );
}

#[tokio::test]
async fn salon_edit_form_as_host() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    let salon = published_salon(&app, &host, Some(20)).await;
    let statements = statements_for(&host, &format!("{}/edit", salon.path)).await;
    assert_at_most(
        &statements,
        SALON_EDIT_FORM,
        "the salon's edit form, as its host",
    );
}

#[tokio::test]
async fn mine_for_someone_who_hosts_attends_and_answers_for_a_unit() {
    let app = TestApp::spawn().await;
    let admin = app.municipality_admin("skanderborg").await;
    let host = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    let salon = published_salon(&app, &host, Some(1)).await;
    invited_department(&app, &admin, &host, &salon.path).await;
    let olga = app.signed_in("olga@skanderborg.dk").await;
    // Olga hosts two salons, is registered for one and waitlisted for another.
    for _ in 0..2 {
        published_salon(&app, &olga, Some(1)).await;
    }
    let other = published_salon(&app, &admin, Some(1)).await;
    for (who, path) in [(&host, &other.path), (&olga, &other.path)] {
        let r = who
            .post(&format!("{path}/register"), &[("come_as", "citizen")])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    }
    let r = olga
        .post(
            &format!("{}/register", salon.path),
            &[("come_as", "citizen")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let statements = statements_for(&olga, "/mine").await;
    assert_at_most(&statements, MINE, "Mine saloner, for an official");
    let statements = statements_for(&host, "/mine").await;
    assert_at_most(&statements, MINE - 1, "Mine saloner, for a citizen");
}

/// The session; every salon the person has to do with (one statement); their roles (people
/// in a role only).
const MINE: usize = 3;
/// The salon with the access check, its text, whether it has next steps (their list is read
/// only when it has) and its conversation: one statement. Before: 3, then 2 (the access check
/// apart).
const SALON_PAGE_SIGNED_OUT: usize = 1;
/// The salon with the access check and its text with the person's registration, and the
/// session's person: one statement. Before: 5, then 3, then 2 (the session apart).
const SALON_PAGE_REGISTERED: usize = 1;
/// The municipality with its units, who answers for it, its open decisions, its next steps
/// and the response record with the chart's months, from the kept record lines (one
/// statement, composed of those features' SQL functions), with its next salons. Before: 8,
/// then 3, then 2 (the next salons apart).
const MUNICIPALITY_PAGE: usize = 1;
/// The municipality with the unit, its people, who answers for it, its decisions, its next
/// steps, its record with the chart's months and the salons it is invited to (one statement).
/// Before: 9, then 3, then 2 (the invited salons apart).
const UNIT_PAGE: usize = 1;
/// The session; a page of invitations with the units to filter by, whether the person answers
/// for anything and the next steps they own (one statement). Before: 4, then 3.
const INBOX: usize = 2;
/// The salon with the access check, its text with the host's registration and the session's
/// person (one statement); the invitations the host manages. Before: 6, then 4, then 3 (the
/// session apart).
const SALON_PAGE_AS_HOST: usize = 2;
/// The session, the invitation with the access check (one statement), its answerers, roles
/// and thread. Before the check and the load were one: 10.
const INBOX_ITEM: usize = 9;
/// The session, the salon with the host check (one statement), its text, sessions and the
/// municipalities. Before the access check handed the salon over: 6.
const SALON_EDIT_FORM: usize = 5;

/// Every page the benchmark measures (`bench/run`), counted in one app. The goal is at most 3
/// statements a page; the bounds are today's figures, and a page above 3 says why.
#[tokio::test]
async fn every_benchmarked_page_runs_a_bounded_number_of_statements() {
    let app = TestApp::spawn().await;
    let (_admin, olga, _pia, decision) = crate::decisions::skanderborg_with_a_decision(&app).await;
    let host = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    let salon = published_salon(&app, &host, Some(20)).await;
    let (unit_id, unit): (String, String) =
        sqlx::query_as("SELECT id::text, slug FROM units WHERE name = 'Teknik og Miljø'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    invite_unit(&host, &salon.path, &unit_id).await;
    let guest = app.verified_person("Gitte Gæst", "gitte@example.dk").await;
    let r = guest.post(&format!("{}/register", salon.path), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let visitor = app.browser();
    let unit_page = format!("/municipalities/skanderborg/units/{unit}");
    let unit_csv = format!("{unit_page}/record.csv");
    // A later page of the directory, as its "next" link writes it (`micros_id`).
    let deeper = format!("/salons?after=0_{}", uuid::Uuid::nil());
    let pages: [(&str, &crate::helpers::browser::Browser, &str, usize); 21] = [
        // The next salons, and the latest summaries ("Seneste referater") from their own index
        // in the same statement. Before: 2.
        ("the front page", &visitor, "/", 1),
        ("the directory", &visitor, "/salons", 1),
        ("a search", &visitor, "/salons?q=liv", 1),
        (
            "a filtered directory",
            &visitor,
            "/salons?format=in_person&seats=1",
            1,
        ),
        (
            "a directory filtered by municipality",
            &visitor,
            "/salons?municipality=skanderborg&format=in_person&seats=1",
            1,
        ),
        ("a later page of the directory", &visitor, &deeper, 1),
        (
            "a salon page, visitor",
            &visitor,
            &salon.path,
            SALON_PAGE_SIGNED_OUT,
        ),
        (
            "a salon page, registered",
            &guest,
            &salon.path,
            SALON_PAGE_REGISTERED,
        ),
        (
            "a municipality page",
            &visitor,
            "/municipalities/skanderborg",
            MUNICIPALITY_PAGE,
        ),
        ("a unit page", &visitor, &unit_page, UNIT_PAGE),
        // The municipality beside its two lists (one row per decision). Before: 2.
        (
            "a municipality's decisions",
            &visitor,
            "/municipalities/skanderborg/decisions",
            1,
        ),
        // The decision; its salons beside who follows it (one statement). Before: 3.
        ("a decision page", &visitor, &decision, 2),
        ("an official's inbox", &olga, "/inbox", INBOX),
        ("the notification centre", &olga, "/notifications", 2),
        ("Mine saloner, an official", &olga, "/mine", MINE),
        // Every municipality with its figures from the summary the job keeps: one statement.
        ("Medspil i tal", &visitor, "/tal?sort=median&dir=desc", 1),
        // The municipality with its next steps (not the page's whole loader) and its record.
        // Before: 3, then 2.
        (
            "a municipality's record as CSV",
            &visitor,
            "/municipalities/skanderborg/record.csv",
            1,
        ),
        // The unit, its next steps and its kept months in the municipality's statement.
        // Before: 4.
        ("a unit's record as CSV", &visitor, &unit_csv, 1),
        // The page's loader with its record, who answers for it among the rest. Before: 2.
        (
            "a municipality's record in the open API",
            &visitor,
            "/api/v1/municipalities/skanderborg/record",
            1,
        ),
        // The municipality with its units (the page's loader).
        (
            "a municipality in the open API",
            &visitor,
            "/api/v1/municipalities/skanderborg",
            1,
        ),
        // The open API's first page of salons: the directory's statement.
        ("the open API's salons", &visitor, "/api/v1/salons", 1),
    ];
    for (what, who, path, bound) in pages {
        let statements = statements_for(who, path).await;
        assert_at_most(&statements, bound, what);
    }
}
