//! A handler works on the resource its route's access check loaded: the check and the page
//! agree on which salon or invitation the path names, and who may not have it gets what they
//! got before (404 for a salon or invitation that is not theirs, 403 for another municipality's
//! admin pages), a malformed id the friendly 404.

use reqwest::StatusCode;

use crate::helpers::fixtures::invited_department;
use crate::helpers::salons::published_salon;
use crate::helpers::{TestApp, text};

#[tokio::test]
async fn a_host_gets_the_salon_the_check_loaded() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    let salon = published_salon(&app, &host, Some(20)).await;
    let title: String = sqlx::query_scalar("SELECT title FROM salons WHERE id = $1")
        .bind(salon.id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    for page in ["edit", "hosts", "participants", "invitations", "agreements"] {
        let r = host.get(&format!("{}/{page}", salon.path)).await;
        assert_eq!(r.status, StatusCode::OK, "{page}: {}", r.body);
        assert!(r.body.contains(&title), "{page} shows another salon");
    }
    // The bare uuid names the same salon.
    let r = host.get(&format!("/salons/{}/edit", salon.id)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}

#[tokio::test]
async fn someone_else_finds_no_salon_to_host() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    let salon = published_salon(&app, &host, Some(20)).await;
    let other = app.verified_person("Ole Anden", "ole@example.dk").await;
    for page in ["edit", "hosts", "participants"] {
        let r = other.get(&format!("{}/{page}", salon.path)).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{page}");
    }
    let r = other.post(&format!("{}/publish", salon.path), &[]).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // The salon page itself is public.
    let r = other.get(&salon.path).await;
    assert_eq!(r.status, StatusCode::OK);
}

#[tokio::test]
async fn a_malformed_id_is_the_friendly_not_found_page() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    let salon = published_salon(&app, &host, Some(20)).await;
    let simple = salon.id.simple().to_string();
    for path in [
        "/salons/not-a-uuid/edit".to_string(),
        format!("/salons/{simple}/edit"),
        format!("/salons/{}x/edit", salon.id),
        "/inbox/not-a-uuid".to_string(),
        "/agreements/42".to_string(),
        format!("/salons/{}/edit", uuid::Uuid::new_v4()),
        format!("/inbox/{}", uuid::Uuid::new_v4()),
    ] {
        let r = host.get(&path).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}: {}", r.body);
        assert!(r.body.contains("<h1"), "{path}: not the friendly page");
    }
}

#[tokio::test]
async fn a_malformed_id_of_any_kind_is_the_friendly_not_found_page() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    let salon = published_salon(&app, &host, Some(20)).await;
    let s = &salon.path;
    // One malformed id per kind a path names; the route's own access check passes (Hanne
    // hosts the salon, is signed in and confirmed), so the id alone decides.
    let gets = [
        "/salons/not-a-uuid".to_string(),
        "/salons/not-a-uuid/calendar.ics".to_string(),
        "/salons/not-a-uuid/register".to_string(),
        "/salons/not-a-uuid/report".to_string(),
        "/cohost-invitations/not-a-uuid".to_string(),
        "/people/not-a-uuid".to_string(),
        "/people/not-a-uuid/report".to_string(),
        "/messages/not-a-uuid/report".to_string(),
        "/agreements/not-a-uuid".to_string(),
    ];
    let posts = [
        "/notifications/not-a-number/read".to_string(),
        format!("{s}/participants/not-a-uuid/remove"),
        format!("{s}/agreements/not-a-uuid/edit"),
        format!("{s}/invitations/not-a-uuid/withdraw"),
        "/cohost-invitations/not-a-uuid/accept".to_string(),
    ];
    for path in &gets {
        let r = host.get(path).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "GET {path}: {}", r.body);
        assert_eq!(text(&r.html, "h1"), "Siden findes ikke", "GET {path}");
    }
    for path in &posts {
        let r = host.post(path, &[]).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "POST {path}: {}", r.body);
        assert_eq!(text(&r.html, "h1"), "Siden findes ikke", "POST {path}");
    }
}

#[tokio::test]
async fn an_invitation_is_its_answerers_alone() {
    let app = TestApp::spawn().await;
    let admin = app.municipality_admin("skanderborg").await;
    let host = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    let salon = published_salon(&app, &host, Some(20)).await;
    let invitation = invited_department(&app, &admin, &host, &salon.path).await;
    let olga = app.signed_in("olga@skanderborg.dk").await;
    let r = olga.get(&format!("/inbox/{invitation}")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        r.body.contains("Teknik og Miljø"),
        "another invitation shown"
    );
    // Another municipality's admin, and the host, cannot open it as an answerer.
    let aarhus = app.municipality_admin("aarhus").await;
    for who in [&aarhus, &host] {
        let r = who.get(&format!("/inbox/{invitation}")).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        let r = who
            .post(
                &format!("/inbox/{invitation}/question"),
                &[("question", "Hvornår?")],
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn another_municipalitys_admin_pages_are_refused() {
    let app = TestApp::spawn().await;
    let _skanderborg = app.municipality_admin("skanderborg").await;
    let aarhus = app.municipality_admin("aarhus").await;
    let r = aarhus.get("/admin/aarhus/units").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = aarhus.get("/admin/skanderborg/units").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}
