//! Rule 4, co-hosts are asked: adding a co-host sends an invitation the person accepts or
//! declines (a mail link valid 7 days, and in their notifications); only then are they a
//! public host. The form answers the same for any address; a mail to an address without an
//! account counts against `invitation_emails_per_day` and carries the stop link.

use chrono::Duration;
use reqwest::StatusCode;

use super::{notifications_of, subjects_to};
use crate::helpers::salons::published_salon;
use crate::helpers::{TestApp, text, texts};

async fn headers_of(app: &TestApp, email: &str) -> String {
    sqlx::query_scalar::<_, serde_json::Value>(
        "SELECT headers FROM outbox WHERE to_address = $1 ORDER BY seq DESC LIMIT 1",
    )
    .bind(email)
    .fetch_one(&app.db)
    .await
    .unwrap()
    .to_string()
}

#[tokio::test]
async fn co_hosts_are_asked_and_the_form_answers_the_same_for_any_address() {
    let app = TestApp::spawn().await;
    let carl = app.verified_person("Carl Borger", "carl@example.dk").await;
    let salon = published_salon(&app, &carl, Some(20)).await;
    let dora = app.verified_person("Dora Dahl", "dora@example.dk").await;
    let nina = app.verified_person("Nina Nabo", "nina@example.dk").await;
    let hosts = format!("{}/hosts", salon.path);

    // An address with an account and one without get the very same answer.
    let with = carl.post(&hosts, &[("email", "Dora@example.dk")]).await;
    let without = carl.post(&hosts, &[("email", "ny@example.dk")]).await;
    assert_eq!(with.status, StatusCode::SEE_OTHER, "{}", with.body);
    assert_eq!(
        (without.status, &without.location),
        (with.status, &with.location)
    );
    let page = carl.get(with.location.as_deref().unwrap()).await;
    assert_eq!(
        text(&page.html, ".notice"),
        "Invitationen er sendt. Personen bliver medvært, når hun eller han takker ja."
    );
    assert_eq!(
        texts(&page.html, ".cohost-invited .cohost-waiting"),
        vec![
            "dora@example.dk — venter på svar",
            "ny@example.dk — venter på svar"
        ]
    );
    // Nobody is a public host before saying yes.
    let public = app.page(&salon.path, StatusCode::OK).await;
    assert_eq!(texts(&public, ".salon-hosts li"), ["Carl Borger"]);

    // Dora is mailed a link and told in her notifications.
    assert_eq!(
        subjects_to(&app, "dora@example.dk").await.last().unwrap(),
        "Carl Borger inviterer dig til at være medvært på Liv i Ry bymidte"
    );
    let link = app.link_in_mail("dora@example.dk").await;
    assert!(link.starts_with("/cohost/"), "{link}");
    let (_, notice) = notifications_of(&app, "dora@example.dk").await.remove(0);
    let notice = notice.expect("the notice links to the invitation");
    assert!(notice.starts_with("/cohost-invitations/"), "{notice}");
    // Signed in, her link leads to the invitation; nobody else may see or answer it.
    let r = dora.get(&link).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location.as_deref(), Some(notice.as_str()));
    assert_eq!(nina.get(&notice).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        nina.post(&format!("{notice}/accept"), &[]).await.status,
        StatusCode::NOT_FOUND
    );
    let shown = dora.get(&notice).await;
    assert_eq!(shown.status, StatusCode::OK);
    assert_eq!(
        text(&shown.html, "h1"),
        "Carl Borger inviterer dig til at være medvært"
    );
    let r = dora.post(&format!("{notice}/accept"), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location.as_deref(), Some(salon.path.as_str()));
    let public = app.page(&salon.path, StatusCode::OK).await;
    assert_eq!(
        texts(&public, ".salon-hosts li"),
        ["Carl Borger", "Dora Dahl"]
    );
    assert_eq!(dora.get(&hosts).await.status, StatusCode::OK);
    assert_eq!(
        subjects_to(&app, "carl@example.dk").await.last().unwrap(),
        "Dora Dahl er nu medvært på Liv i Ry bymidte"
    );
    assert_eq!(
        dora.post(&format!("{notice}/accept"), &[]).await.status,
        StatusCode::CONFLICT,
        "answered once"
    );
    // The invitation is in her data download.
    let data: serde_json::Value =
        serde_json::from_str(&dora.get("/account/data.json").await.body).unwrap();
    assert_eq!(data["cohost_invitations"][0]["status"], "accepted");

    // The address without an account: the mail carries the stop link, and the link lets
    // anyone holding it decline — making an account with that address lets them accept.
    let mail = super::last_mail_to(&app, "ny@example.dk").await;
    assert!(mail.contains("/invitations/stop/"), "{mail}");
    assert!(
        headers_of(&app, "ny@example.dk")
            .await
            .contains("List-Unsubscribe")
    );
    let link = app.link_in_mail("ny@example.dk").await;
    let visitor = app.browser();
    let page = visitor.get(&link).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        text(&page.html, ".cohost-call"),
        "Opret en konto med ny@example.dk for at takke ja"
    );
    let r = visitor.post(&format!("{link}/decline"), &[]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        text(&r.html, ".notice"),
        "Du har takket nej. Værterne har fået besked."
    );
    assert_eq!(
        subjects_to(&app, "carl@example.dk").await.last().unwrap(),
        "ny@example.dk har takket nej til at være medvært på Liv i Ry bymidte"
    );
    assert_eq!(visitor.get(&link).await.status, StatusCode::GONE);

    // A link is good for seven days.
    let r = carl.post(&hosts, &[("email", "nina@example.dk")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let link = app.link_in_mail("nina@example.dk").await;
    app.clock.advance(Duration::days(7) + Duration::minutes(1));
    assert_eq!(nina.get(&link).await.status, StatusCode::GONE);
    let (_, notice) = notifications_of(&app, "nina@example.dk").await.remove(0);
    let r = nina.post(&format!("{}/accept", notice.unwrap()), &[]).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    let public = app.page(&salon.path, StatusCode::OK).await;
    assert_eq!(
        texts(&public, ".salon-hosts li"),
        ["Carl Borger", "Dora Dahl"]
    );
}

#[tokio::test]
async fn a_co_host_mail_to_an_address_without_an_account_counts_against_the_daily_limit() {
    let app = TestApp::spawn().await;
    app.set_limit("invitation_emails_per_day", 2).await;
    let carl = app.verified_person("Carl Borger", "carl@example.dk").await;
    app.verified_person("Dora Dahl", "dora@example.dk").await;
    app.verified_person("Eva Ejer", "eva@example.dk").await;
    let salon = published_salon(&app, &carl, Some(20)).await;
    let hosts = format!("{}/hosts", salon.path);
    // An account's address is told in the app and does not count.
    for email in ["dora@example.dk", "ny1@example.dk", "ny2@example.dk"] {
        let r = carl.post(&hosts, &[("email", email)]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{email}: {}", r.body);
    }
    // At the limit the form says so for any address, and nothing is sent.
    let eva_mails = app.mails_to("eva@example.dk").await;
    for email in ["ny3@example.dk", "eva@example.dk"] {
        let r = carl.post(&hosts, &[("email", email)]).await;
        assert_eq!(crate::helpers::retry_after(&r), 24 * 3600, "{email}");
        assert!(r.body.contains(email), "what was typed is kept");
    }
    assert_eq!(app.mails_to("ny3@example.dk").await, 0);
    assert_eq!(app.mails_to("eva@example.dk").await, eva_mails);
    // The same count holds for invitations by email.
    let r = carl
        .post(
            &format!("{}/invitations", salon.path),
            &[
                ("target", "email"),
                ("email", "nabo@example.dk"),
                ("message", "Kom og vær med."),
            ],
        )
        .await;
    assert_eq!(crate::helpers::retry_after(&r), 24 * 3600);
}

#[tokio::test]
async fn a_host_withdraws_a_co_host_invitation_that_waits_and_its_link_says_so() {
    let app = TestApp::spawn().await;
    let carl = app.verified_person("Carl Borger", "carl@example.dk").await;
    let salon = published_salon(&app, &carl, Some(20)).await;
    let dora = app.verified_person("Dora Dahl", "dora@example.dk").await;
    let nina = app.verified_person("Nina Nabo", "nina@example.dk").await;
    let hosts = format!("{}/hosts", salon.path);
    let r = carl.post(&hosts, &[("email", "ny@example.dk")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = carl.post(&hosts, &[("email", "dora@example.dk")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let link = app.link_in_mail("ny@example.dk").await;
    let ids: Vec<(String, String)> =
        sqlx::query_as("SELECT email, id::text FROM cohost_invitations ORDER BY email")
            .fetch_all(&app.db)
            .await
            .unwrap();
    let (dora_id, ny_id) = (ids[0].1.clone(), ids[1].1.clone());
    let withdraw = format!("{hosts}/withdraw");

    // Only a host takes one back.
    let r = nina
        .post(&withdraw, &[("invitation", ny_id.as_str())])
        .await;
    assert!(
        [StatusCode::FORBIDDEN, StatusCode::NOT_FOUND].contains(&r.status),
        "{}",
        r.status
    );
    let page = carl.get(&hosts).await;
    let button = texts(&page.html, ".cohost-invited button");
    assert!(
        button.contains(&"Træk invitationen til ny@example.dk tilbage".to_string()),
        "{button:?}"
    );
    let r = carl
        .post(&withdraw, &[("invitation", ny_id.as_str())])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = carl.get(r.location.as_deref().unwrap()).await;
    assert_eq!(
        text(&page.html, ".notice"),
        "Invitationen er trukket tilbage."
    );
    assert_eq!(
        texts(&page.html, ".cohost-invited .cohost-waiting"),
        ["dora@example.dk — venter på svar"]
    );
    // The link in the mail no longer leads to an answer; a second withdrawal finds nothing.
    let r = app.browser().get(&link).await;
    assert_eq!(r.status, StatusCode::GONE, "{}", r.body);
    let r = carl
        .post(&withdraw, &[("invitation", ny_id.as_str())])
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    // Withdrawn while Dora has it open: her page says so, and her yes changes nothing.
    let r = carl
        .post(&withdraw, &[("invitation", dora_id.as_str())])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let mine = format!("/cohost-invitations/{dora_id}");
    let shown = dora.get(&mine).await;
    assert_eq!(shown.status, StatusCode::OK);
    assert!(
        shown
            .body
            .contains("Værten har trukket invitationen tilbage"),
        "{}",
        shown.body
    );
    let r = dora.post(&format!("{mine}/accept"), &[]).await;
    assert_ne!(r.status, StatusCode::SEE_OTHER);
    let public = app.page(&salon.path, StatusCode::OK).await;
    assert_eq!(texts(&public, ".salon-hosts li"), ["Carl Borger"]);
}
