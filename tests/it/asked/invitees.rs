//! Rule 3, an invite-only invitee can get in: the invitation mail's link carries a token
//! (stored hashed) that shows the salon as a visitor of a public salon would see it, with
//! "Opret en konto med <adresse> for at tilmelde dig"; it is `no-store` and `noindex`, never
//! shows the private address or the online link, and dies with the invitation, the salon's
//! cancellation or hiding, and after the salon's last session.

use chrono::Duration;
use reqwest::StatusCode;
use scraper::Html;
use sha2::{Digest, Sha256};

use crate::helpers::browser::Browser;
use crate::helpers::salons::{SalonRef, published_from, salon_form, set};
use crate::helpers::{TestApp, attr, text};

/// Carl's invite-only, hybrid salon with a private address, and his invitation by email to
/// `invitee`: the link in the mail.
async fn invited(app: &TestApp, host: &Browser, invitee: &str) -> (SalonRef, String) {
    let mut form = salon_form(app, "Liv i Ry bymidte", Some(20));
    for (k, v) in [
        ("visibility", "invite_only"),
        ("format", "hybrid"),
        ("online_link", "https://meet.example.dk/ry-bymidte"),
        ("address_private", "on"),
    ] {
        form = set(form, k, v);
    }
    let salon = published_from(host, &form).await;
    let r = host
        .post(
            &format!("{}/invitations", salon.path),
            &[
                ("target", "email"),
                ("email", invitee),
                ("message", "Kom og vær med, nabo."),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let link = app.link_in_mail(invitee).await;
    (salon, link)
}

#[tokio::test]
async fn an_invite_only_invitee_gets_in_through_the_link_in_the_mail() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    let (salon, link) = invited(&app, &host, "ines@example.dk").await;
    assert!(link.starts_with("/invited/"), "{link}");
    let mail = super::last_mail_to(&app, "ines@example.dk").await;
    assert!(
        mail.contains(&format!(
            "Se salonen og tilmeld dig her: {}{link}",
            app.address
        )),
        "{mail}"
    );
    // Without the link the salon does not exist for her.
    assert_eq!(app.get(&salon.path).await.status(), StatusCode::NOT_FOUND);

    // With it: the salon as a visitor sees a public one, kept out of caches and search.
    let response = app.get(&link).await;
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers().clone();
    assert!(
        headers["cache-control"]
            .to_str()
            .unwrap()
            .contains("no-store"),
        "{headers:?}"
    );
    assert_eq!(headers["x-robots-tag"], "noindex");
    let body = response.text().await.unwrap();
    let page = Html::parse_document(&body);
    assert_eq!(
        attr(&page, "meta[name=robots]", "content").as_deref(),
        Some("noindex")
    );
    assert_eq!(text(&page, "h1"), "Liv i Ry bymidte");
    assert_eq!(
        text(&page, ".invitee-call"),
        "Opret en konto med ines@example.dk for at tilmelde dig"
    );
    assert_eq!(
        attr(&page, ".invitee-call a", "href").as_deref(),
        Some("/register?email=ines%40example.dk")
    );
    assert!(body.contains("Hvordan får vi mere liv i Ry bymidte?"));
    assert!(!body.contains("Klostervej"), "never the private address");
    assert!(!body.contains("meet.example.dk"), "never the online link");
    assert!(body.contains("Vises for tilmeldte") || body.contains("vises for tilmeldte"));

    // The token is stored only as its hash.
    let token = link.trim_start_matches("/invited/");
    let stored: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM tokens WHERE hash = $1 AND purpose = 'invitation-view'",
    )
    .bind(Sha256::digest(token.as_bytes()).to_vec())
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(stored, 1);
    let leaked: i64 =
        sqlx::query_scalar("SELECT count(*) FROM tokens WHERE data::text LIKE '%' || $1 || '%'")
            .bind(token)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(leaked, 0);

    // The sign-up form has her address filled in; with an account on it, she gets in.
    let register = app
        .page("/register?email=ines%40example.dk", StatusCode::OK)
        .await;
    assert_eq!(
        attr(&register, "input[name=email]", "value").as_deref(),
        Some("ines@example.dk")
    );
    let ines = app
        .verified_person("Ines Inviteret", "ines@example.dk")
        .await;
    // Signed in with that address, the link leads to the salon itself.
    let r = ines.get(&link).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location.as_deref(), Some(salon.path.as_str()));
    let r = ines.post(&format!("{}/register", salon.path), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = ines.get(&salon.path).await;
    assert_eq!(text(&page.html, ".registration-status"), "Du er tilmeldt.");
    assert!(
        page.body.contains("meet.example.dk"),
        "registered, she sees the link"
    );
}

#[tokio::test]
async fn the_invitee_link_dies_with_the_invitation_the_salon_and_its_last_session() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    let mona = app
        .verified_person("Mona Moderator", "mona@medspil.dk")
        .await;
    app.grant_moderator("mona@medspil.dk").await;
    let visitor = app.browser();

    // Withdrawn.
    let (salon, link) = invited(&app, &host, "a@example.dk").await;
    assert_eq!(visitor.get(&link).await.status, StatusCode::OK);
    let invitation: String =
        sqlx::query_scalar("SELECT id::text FROM invitations WHERE salon_id = $1")
            .bind(salon.id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    let r = host
        .post(
            &format!("{}/invitations/{invitation}/withdraw", salon.path),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(visitor.get(&link).await.status, StatusCode::NOT_FOUND);

    // Cancelled.
    let (salon, link) = invited(&app, &host, "b@example.dk").await;
    let r = host
        .post(
            &format!("{}/cancel", salon.path),
            &[("message", "Vi må aflyse.")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(visitor.get(&link).await.status, StatusCode::NOT_FOUND);

    // Hidden by the moderators (reported by someone invited who can see it).
    let (salon, link) = invited(&app, &host, "c@example.dk").await;
    let reporter = app.verified_person("Cecilie", "c@example.dk").await;
    let r = reporter
        .post(
            &format!("{}/report", salon.path),
            &[("category", "spam"), ("note", "")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let item: String =
        sqlx::query_scalar("SELECT id::text FROM moderation_items WHERE target_id = $1")
            .bind(salon.id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    let r = mona
        .post(
            &format!("/moderation/items/{item}/hide"),
            &[("public_reason", "Reklame.")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(visitor.get(&link).await.status, StatusCode::NOT_FOUND);

    // Over: valid until the salon's last session.
    let (_, link) = invited(&app, &host, "d@example.dk").await;
    assert_eq!(visitor.get(&link).await.status, StatusCode::OK);
    app.clock.advance(Duration::days(5));
    assert_eq!(visitor.get(&link).await.status, StatusCode::NOT_FOUND);
    // And a made-up token is no different.
    assert_eq!(
        visitor
            .get(&format!("/invited/{}", "0".repeat(64)))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}
