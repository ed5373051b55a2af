//! How many SQL statements the busiest pages run: each resource is loaded once, by the access
//! check or the page, never again by the handler. The bounds are today's figures; a page that
//! needs more must say why here.

use reqwest::StatusCode;

use crate::helpers::fixtures::invited_department;
use crate::helpers::queries::QueryCount;
use crate::helpers::salons::published_salon;
use crate::helpers::{PASSWORD, TestApp};

/// The statements of one GET, after a warm-up request to the same path (so connection setup
/// and first-use statements are not counted).
async fn statements_for(browser: &crate::helpers::browser::Browser, path: &str) -> Vec<String> {
    let r = browser.get(path).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let count = QueryCount::start();
    let r = browser.get(path).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    count.take()
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
    let olga = app.browser();
    olga.post(
        "/sign-in",
        &[("email", "olga@skanderborg.dk"), ("password", PASSWORD)],
    )
    .await;
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

/// The salon, its text, its agreements.
const SALON_PAGE_SIGNED_OUT: usize = 3;
/// The session; the salon, its text, its agreements; the host's registration and invitations.
const SALON_PAGE_AS_HOST: usize = 6;
/// The session, the invitation with the access check (one statement), its answerers, roles
/// and thread. Before the check and the load were one: 10.
const INBOX_ITEM: usize = 9;
/// The session, the salon with the host check (one statement), its text, sessions and the
/// municipalities. Before the access check handed the salon over: 6.
const SALON_EDIT_FORM: usize = 5;
