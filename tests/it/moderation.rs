//! Moderation: reporting a salon, a message and a profile; each moderator action and whom it
//! tells; hidden salons gone from every list with the reason in their place; suspension and its
//! side effects; the one appeal; the append-only log; a municipality's admin refused; reports in
//! the data download and on account deletion.

use chrono::Duration;
use reqwest::StatusCode;

use crate::helpers::browser::Browser;
use crate::helpers::salons::published_salon;
use crate::helpers::{PASSWORD, TestApp, page_titled, text, texts};

/// Mona, a platform moderator, signed in.
pub(crate) async fn moderator(app: &TestApp) -> Browser {
    let mona = app
        .verified_person("Mona Moderator", "mona@medspil.dk")
        .await;
    app.grant_moderator("mona@medspil.dk").await;
    mona
}

/// The one moderation item's id.
pub(crate) async fn item_of(app: &TestApp) -> String {
    sqlx::query_scalar("SELECT id::text FROM moderation_items")
        .fetch_one(&app.db)
        .await
        .unwrap()
}

/// How many moderation notices went to `email`.
async fn notices_to(app: &TestApp, email: &str) -> i64 {
    sqlx::query_scalar(
        "SELECT count(*) FROM outbox WHERE to_address = $1 AND kind = 'moderation.notice'",
    )
    .bind(email)
    .fetch_one(&app.db)
    .await
    .unwrap()
}

pub(crate) async fn report(browser: &Browser, path: &str, category: &str) {
    let r = browser
        .post(
            path,
            &[
                ("category", category),
                ("note", "Det her hører ikke hjemme her."),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
}

pub(crate) async fn hide(mona: &Browser, item: &str, reason: &str) {
    let r = mona
        .post(
            &format!("/moderation/items/{item}/hide"),
            &[("public_reason", reason)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
}

#[tokio::test]
async fn a_report_reaches_the_queue_and_dismissing_it_tells_the_reporter() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    let salon = published_salon(&app, &host, Some(20)).await;
    let nina = app.verified_person("Nina Nabo", "nina@example.dk").await;
    let mona = moderator(&app).await;

    // Signed-in people see "Anmeld"; visitors are sent to sign in.
    let page = nina.get(&salon.path).await;
    assert_eq!(text(&page.html, ".report-link a"), "Anmeld salonen");
    let r = app.browser().get(&format!("{}/report", salon.path)).await;
    assert!(r.location.unwrap().starts_with("/sign-in"));
    // The form: a category is needed, and what was typed comes back.
    let form = nina.get(&format!("{}/report", salon.path)).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("href=\"/rules\""));
    let r = nina
        .post(
            &format!("{}/report", salon.path),
            &[("category", ""), ("note", "Reklame for biler")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(text(&r.html, "#field-category-error").ends_with("Vælg, hvad problemet er."));
    assert_eq!(text(&r.html, "#field-note"), "Reklame for biler");
    report(&nina, &format!("{}/report", salon.path), "spam").await;
    let sent = nina.get(&format!("{}/report?done=sent", salon.path)).await;
    assert!(sent.body.contains("Tak. Din anmeldelse er sendt"));
    // Reporting again while it waits adds nothing.
    report(&nina, &format!("{}/report", salon.path), "spam").await;
    let reports: i64 = sqlx::query_scalar("SELECT count(*) FROM reports")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(reports, 1);

    // A moderator finds the queue from their account page; others see no such link.
    let account = mona.get("/account").await;
    assert_eq!(
        crate::helpers::attr(&account.html, ".moderation-link a", "href").as_deref(),
        Some("/moderation")
    );
    assert!(!nina.get("/account").await.body.contains("moderation-link"));
    let queue = mona.get("/moderation").await;
    assert_eq!(queue.status, StatusCode::OK);
    assert_eq!(
        texts(&queue.html, ".queue-item h2"),
        vec!["Salon: Liv i Ry bymidte"]
    );
    let item = item_of(&app).await;
    let page = mona.get(&format!("/moderation/items/{item}")).await;
    assert!(texts(&page.html, ".item-reports li")[0].contains("Nina Nabo"));
    assert!(page.body.contains("Det her hører ikke hjemme her."));

    let r = mona
        .post(
            &format!("/moderation/items/{item}/dismiss"),
            &[("note", "Ikke reklame")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(notices_to(&app, "nina@example.dk").await, 1);
    let body: String = sqlx::query_scalar(
        "SELECT body_text FROM outbox WHERE to_address = 'nina@example.dk' AND kind = 'moderation.notice'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert!(body.contains("fandt ikke, at indholdet bryder husreglerne"));
    let queue = mona.get("/moderation").await;
    assert!(queue.body.contains("Der er intet, der venter"));
    let log = mona.get("/moderation/log").await;
    let lines = texts(&log.html, ".moderation-log li");
    assert_eq!(lines.len(), 1);
    assert!(lines[0].contains("Mona Moderator") && lines[0].contains("afviste anmeldelserne"));
    // The salon is still shown.
    app.page(&salon.path, StatusCode::OK).await;
}

#[tokio::test]
async fn a_hidden_salon_leaves_every_list_and_shows_the_reason_in_its_place() {
    let app = TestApp::spawn().await;
    app.municipality_admin("skanderborg").await;
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    let salon = published_salon(&app, &host, Some(20)).await;
    let nina = app.verified_person("Nina Nabo", "nina@example.dk").await;
    let mona = moderator(&app).await;
    // Each list with its page's h1 (the calendar feed has none), to tell it from an error page.
    let lists = [
        ("/salons", Some("Find en samtalesalon")),
        ("/salons?q=bymidte", Some("Find en samtalesalon")),
        ("/", Some("Borgerne inviterer kommunen med i samtalen")),
        ("/municipalities/skanderborg", Some("Skanderborg Kommune")),
        ("/municipalities/skanderborg/calendar.ics", None),
    ];
    for (list, _) in lists {
        let body = app.get(list).await.text().await.unwrap();
        assert!(body.contains("Liv i Ry bymidte"), "{list} before");
    }
    report(&nina, &format!("{}/report", salon.path), "hate").await;
    let item = item_of(&app).await;
    // The public reason is required.
    let r = mona
        .post(
            &format!("/moderation/items/{item}/hide"),
            &[("public_reason", " ")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Skriv en begrundelse."));
    hide(
        &mona,
        &item,
        "Nedsættende om en gruppe borgere (husreglerne).",
    )
    .await;

    for (list, h1) in lists {
        let r = app.get(list).await;
        let status = r.status();
        let body = r.text().await.unwrap();
        match h1 {
            Some(h1) => {
                page_titled(status, &body, h1);
            }
            None => {
                assert_eq!(status, StatusCode::OK, "{list}: {body}");
                assert!(body.starts_with("BEGIN:VCALENDAR"), "{list}: {body}");
            }
        }
        assert!(!body.contains("Liv i Ry bymidte"), "{list} after");
    }
    // In its place: the reason, not the content; nothing under it is reachable.
    let page = app.page(&salon.path, StatusCode::OK).await;
    assert_eq!(text(&page, "h1"), "Salonen er skjult");
    assert!(text(&page, ".hidden-notice").contains("Nedsættende om en gruppe borgere"));
    let html = page.html();
    assert!(!html.contains("Liv i Ry bymidte") && !html.contains("Hvordan får vi mere liv"));
    assert_eq!(
        app.get(&format!("{}/calendar.ics", salon.path))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    // Nor is its poster, to print and put up.
    assert_eq!(
        app.get(&format!("{}/poster", salon.path)).await.status(),
        StatusCode::NOT_FOUND
    );
    let r = nina.post(&format!("{}/register", salon.path), &[]).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // Its hosts still see it, with the reason and where to appeal.
    let own = host.get(&salon.path).await;
    assert_eq!(text(&own.html, "h1"), "Liv i Ry bymidte");
    let appeal = format!("/moderation/appeals/{item}");
    assert!(own.body.contains(&appeal));
    // The owner is told why, with the appeal link; the reporter the outcome.
    assert_eq!(app.link_in_mail("carl@example.dk").await, appeal);
    assert_eq!(notices_to(&app, "nina@example.dk").await, 1);
    let outcome: String = sqlx::query_scalar("SELECT outcome::text FROM reports")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(outcome, "hidden");

    // Restored, it is back everywhere and its owner is told.
    let r = mona
        .post(&format!("/moderation/items/{item}/restore"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    for (list, _) in lists {
        let body = app.get(list).await.text().await.unwrap();
        assert!(body.contains("Liv i Ry bymidte"), "{list} restored");
    }
    assert_eq!(notices_to(&app, "carl@example.dk").await, 2);
    // Restoring what is shown does nothing.
    let r = mona
        .post(&format!("/moderation/items/{item}/restore"), &[])
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn the_owner_appeals_once_and_the_appeal_goes_back_to_the_queue() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    let salon = published_salon(&app, &host, Some(20)).await;
    let nina = app.verified_person("Nina Nabo", "nina@example.dk").await;
    let mona = moderator(&app).await;
    report(&nina, &format!("{}/report", salon.path), "spam").await;
    let item = item_of(&app).await;
    let appeal = format!("/moderation/appeals/{item}");
    // Nothing to appeal while it is shown; nobody else may see the page.
    let r = host.post(&appeal, &[("note", "Hvorfor?")]).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(nina.get(&appeal).await.status, StatusCode::NOT_FOUND);
    hide(&mona, &item, "Reklame for en bilforhandler.").await;

    let page = host.get(&appeal).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        text(&page.html, ".public-reason"),
        "Reklame for en bilforhandler."
    );
    let r = host.post(&appeal, &[("note", "")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Skriv, hvorfor du klager."));
    let r = host
        .post(&appeal, &[("note", "Det er en salon om byens butikker.")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    // Back in the queue, marked as an appeal.
    let queue = mona.get("/moderation").await;
    assert!(text(&queue.html, ".queue-item p").starts_with("Klage"));
    let page = mona.get(&format!("/moderation/items/{item}")).await;
    assert_eq!(
        text(&page.html, ".appeal-note"),
        "Det er en salon om byens butikker."
    );
    // Only once.
    let r = host.post(&appeal, &[("note", "Igen!")]).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(
        text(&r.html, "#appeal-problem"),
        "Du har allerede klaget over denne afgørelse. Man kan kun klage én gang."
    );
    // The moderator keeps it hidden; the owner is told.
    let before = notices_to(&app, "carl@example.dk").await;
    let r = mona
        .post(&format!("/moderation/items/{item}/dismiss"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(notices_to(&app, "carl@example.dk").await, before + 1);
    assert_eq!(
        text(&app.page(&salon.path, StatusCode::OK).await, "h1"),
        "Salonen er skjult"
    );
    let log = mona.get("/moderation/log").await;
    let actions = texts(&log.html, ".log-action");
    assert_eq!(
        actions,
        vec![
            "afviste klagen (forbliver skjult)",
            "klagede",
            "skjulte indholdet"
        ]
    );
}

#[tokio::test]
async fn a_suspension_ends_sessions_hides_salons_drops_email_invitations_and_blocks_sign_in() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    let salon = published_salon(&app, &host, Some(20)).await;
    let r = host
        .post(
            &format!("{}/invitations", salon.path),
            &[
                ("target", "email"),
                ("email", "nabo@example.dk"),
                ("message", "Kom og vær med."),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(app.mails_to("nabo@example.dk").await, 1);
    let nina = app.verified_person("Nina Nabo", "nina@example.dk").await;
    let mona = moderator(&app).await;
    report(&nina, &format!("{}/report", salon.path), "harassment").await;
    let item = item_of(&app).await;

    let r = mona
        .post(
            &format!("/moderation/items/{item}/suspend"),
            &[("duration", ""), ("reason", "")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Vælg, hvor længe.") && r.body.contains("Skriv en begrundelse."));
    let r = mona
        .post(
            &format!("/moderation/items/{item}/suspend"),
            &[
                ("duration", "7"),
                ("reason", "Gentagne trusler mod naboer."),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    // Signed out everywhere, and cannot sign in again, with the end date.
    let r = host.get("/account").await;
    assert!(r.location.unwrap().starts_with("/sign-in"));
    let sessions: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = 'carl@example.dk'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(sessions, 0);
    let r = host
        .post(
            "/sign-in",
            &[("email", "carl@example.dk"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(
        text(&r.html, "#sign-in-problem")
            .starts_with("Din konto er suspenderet til tirsdag 8. december"),
        "{}",
        text(&r.html, "#sign-in-problem")
    );
    // A wrong password says nothing about a suspension.
    let r = host
        .post(
            "/sign-in",
            &[
                ("email", "carl@example.dk"),
                ("password", "forkert kodeord"),
            ],
        )
        .await;
    // The sign-in form back (its status and h1), not an error page that would pass as well.
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(text(&r.html, "h1"), "Log ind");
    assert!(!r.body.contains("suspenderet"));
    // Its salons are hidden, with a sentence saying why.
    let page = app.page(&salon.path, StatusCode::OK).await;
    assert_eq!(
        text(&page, ".hidden-notice p strong"),
        "Skjult af Medspils moderatorer:"
    );
    assert!(page.html().contains("værtens konto er suspenderet"));
    // Its open email invitation is withdrawn and its unsent mail dropped.
    let status: String = sqlx::query_scalar("SELECT status::text FROM invitations")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(status, "withdrawn");
    assert_eq!(app.mails_to("nabo@example.dk").await, 0);
    // The person was told; so was the reporter.
    let subject: String = sqlx::query_scalar(
        "SELECT subject FROM outbox WHERE to_address = 'carl@example.dk' ORDER BY seq DESC LIMIT 1",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(subject, "Din konto på Medspil er suspenderet");
    assert_eq!(notices_to(&app, "nina@example.dk").await, 1);
    let page = mona.get(&format!("/moderation/items/{item}")).await;
    assert!(text(&page.html, ".owner-suspended").starts_with("Suspenderet til"));

    // When the period is over, a job ends it: salons back, sign-in works.
    app.clock.advance(Duration::days(8));
    app.run_jobs().await;
    let page = app.page(&salon.path, StatusCode::OK).await;
    assert_eq!(text(&page, "h1"), "Liv i Ry bymidte");
    let r = host
        .post(
            "/sign-in",
            &[("email", "carl@example.dk"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let log = mona.get("/moderation/log").await;
    assert_eq!(
        texts(&log.html, ".log-action"),
        vec!["suspensionen udløb", "suspenderede kontoen"]
    );

    // For good, until a moderator lifts it.
    let r = mona
        .post(
            &format!("/moderation/items/{item}/suspend"),
            &[("duration", "permanent"), ("reason", "Igen.")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = host
        .post(
            "/sign-in",
            &[("email", "carl@example.dk"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(
        text(&r.html, "#sign-in-problem"),
        "Din konto er suspenderet for altid. Læs hvorfor i den e-mail, Medspil sendte dig."
    );
    let r = mona
        .post(
            &format!("/moderation/items/{item}/suspend"),
            &[("duration", "7"), ("reason", "x")],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    let r = mona
        .post(&format!("/moderation/items/{item}/lift"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    app.page(&salon.path, StatusCode::OK).await;
    let r = host
        .post(
            "/sign-in",
            &[("email", "carl@example.dk"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_message_and_a_profile_are_reported_and_hidden_with_the_reason_in_place() {
    let app = TestApp::spawn().await;
    let admin = app.municipality_admin("skanderborg").await;
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    let salon = published_salon(&app, &host, Some(20)).await;
    let invitation =
        crate::helpers::fixtures::invited_department(&app, &admin, &host, &salon.path).await;
    let olga = app.browser();
    olga.post(
        "/sign-in",
        &[("email", "olga@skanderborg.dk"), ("password", PASSWORD)],
    )
    .await;
    let mona = moderator(&app).await;

    // Olga reports the host's message from her inbox.
    let page = olga.get(&format!("/inbox/{invitation}")).await;
    let link = crate::helpers::attr(&page.html, ".invitation-history .report-link", "href")
        .expect("an Anmeld link by the message");
    let nina = app.verified_person("Nina Nabo", "nina@example.dk").await;
    // Someone outside the thread cannot.
    assert_eq!(nina.get(&link).await.status, StatusCode::NOT_FOUND);
    report(&olga, &link, "harassment").await;
    let item = item_of(&app).await;
    hide(&mona, &item, "Personangreb (husreglerne).").await;
    let page = olga.get(&format!("/inbox/{invitation}")).await;
    assert!(text(&page.html, ".thread-hidden").contains("Personangreb (husreglerne)."));
    page.expect_page("Invitation: Liv i Ry bymidte");
    assert!(!page.body.contains("Kom og hør, hvad vi mener om stien."));
    let page = host.get(&format!("{}/invitations", salon.path)).await;
    assert!(page.body.contains("Personangreb (husreglerne)."));

    // Nina reports Olga's public profile.
    let olga_id: String =
        sqlx::query_scalar("SELECT id::text FROM users WHERE email = 'olga@skanderborg.dk'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    let profile = format!("/people/{olga_id}");
    let page = nina.get(&profile).await;
    assert_eq!(text(&page.html, ".report-link a"), "Anmeld profilen");
    report(&nina, &format!("{profile}/report"), "other").await;
    let profile_item: String =
        sqlx::query_scalar("SELECT id::text FROM moderation_items WHERE target = 'profile'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    hide(&mona, &profile_item, "Falsk titel.").await;
    let page = app.page(&profile, StatusCode::OK).await;
    assert_eq!(text(&page, "h1"), "Profilen er skjult");
    assert!(page.html().contains("Falsk titel."));
    // Olga sees where to appeal; others do not.
    let own = olga.get(&profile).await;
    assert!(
        own.body
            .contains(&format!("/moderation/appeals/{profile_item}"))
    );
    assert!(
        !nina
            .get(&profile)
            .await
            .body
            .contains("/moderation/appeals/")
    );
}

#[tokio::test]
async fn the_audit_log_cannot_be_changed_or_deleted() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    let salon = published_salon(&app, &host, Some(20)).await;
    let nina = app.verified_person("Nina Nabo", "nina@example.dk").await;
    let mona = moderator(&app).await;
    report(&nina, &format!("{}/report", salon.path), "spam").await;
    let item = item_of(&app).await;
    hide(&mona, &item, "Reklame.").await;
    for sql in [
        "UPDATE moderation_log SET note = 'intet'",
        "DELETE FROM moderation_log",
        "TRUNCATE moderation_log",
    ] {
        let e = sqlx::query(sql)
            .execute(&app.db)
            .await
            .expect_err("the log must refuse");
        assert!(e.to_string().contains("append-only"), "{sql}: {e}");
    }
    let (n, note): (i64, String) = sqlx::query_as("SELECT count(*), max(note) FROM moderation_log")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!((n, note.as_str()), (1, "Reklame."));
}

#[tokio::test]
async fn a_municipality_admin_cannot_moderate_not_even_salons_about_their_municipality() {
    let app = TestApp::spawn().await;
    let admin = app.municipality_admin("skanderborg").await;
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    let salon = published_salon(&app, &host, Some(20)).await;
    // The admin may report, like anyone…
    report(&admin, &format!("{}/report", salon.path), "misinformation").await;
    let item = item_of(&app).await;
    // …but nothing of moderation is theirs.
    for path in [
        "/moderation".to_string(),
        "/moderation/log".to_string(),
        format!("/moderation/items/{item}"),
    ] {
        assert_eq!(
            admin.get(&path).await.status,
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    for action in ["dismiss", "hide", "restore", "suspend", "lift"] {
        let r = admin
            .post(
                &format!("/moderation/items/{item}/{action}"),
                &[
                    ("public_reason", "Kritik af kommunen"),
                    ("reason", "Kritik"),
                    ("duration", "permanent"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{action}");
    }
    let hidden: bool = sqlx::query_scalar("SELECT hidden FROM moderation_items")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert!(!hidden);
    app.page(&salon.path, StatusCode::OK).await;
}

#[tokio::test]
async fn reports_are_in_the_data_download_and_stay_anonymous_after_deletion() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    let salon = published_salon(&app, &host, Some(20)).await;
    let nina = app.verified_person("Nina Nabo", "nina@example.dk").await;
    report(&nina, &format!("{}/report", salon.path), "privacy").await;
    let data = nina.get("/account/data.json").await;
    let json: serde_json::Value = serde_json::from_str(&data.body).unwrap();
    let made = &json["moderation"]["reports_made"];
    assert_eq!(made[0]["category"], "privacy");
    assert_eq!(made[0]["about"], "salon");
    assert_eq!(made[0]["note"], "Det her hører ikke hjemme her.");
    let r = nina
        .post("/account/delete", &[("current_password", PASSWORD)])
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let (n, reporter): (i64, Option<uuid::Uuid>) =
        sqlx::query_as("SELECT count(*), max(reporter_id::text)::uuid FROM reports")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!((n, reporter), (1, None));
}

#[tokio::test]
async fn the_house_rules_are_public_and_linked_from_every_page() {
    let app = TestApp::spawn().await;
    let page = app.page("/rules", StatusCode::OK).await;
    assert_eq!(text(&page, "h1"), "Husregler");
    assert!(page.html().contains("aldrig til kommunen"));
    let front = app.page("/", StatusCode::OK).await;
    assert_eq!(
        crate::helpers::attr(&front, ".footer-links a[href='/rules']", "href").as_deref(),
        Some("/rules")
    );
    let en = app.get_in("/rules", "en").await.text().await.unwrap();
    assert!(en.contains("House rules"));
}

#[tokio::test]
async fn an_invitation_from_a_hidden_salon_leaves_the_inbox_and_the_response_record() {
    let app = TestApp::spawn().await;
    let admin = app.municipality_admin("skanderborg").await;
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    let salon = published_salon(&app, &host, Some(20)).await;
    crate::helpers::fixtures::invited_department(&app, &admin, &host, &salon.path).await;
    let olga = app.browser();
    olga.post(
        "/sign-in",
        &[("email", "olga@skanderborg.dk"), ("password", PASSWORD)],
    )
    .await;
    let inbox = olga.get("/inbox").await;
    assert_eq!(text(&inbox.html, ".inbox-link .count"), "(1 åben)");
    assert!(inbox.body.contains("Liv i Ry bymidte"));
    // The record counts it while it is open and ahead… (one counted, open now)
    let m = app
        .page("/municipalities/skanderborg", StatusCode::OK)
        .await;
    assert_eq!(text(&m, ".record-open"), "1");

    let nina = app.verified_person("Nina Nabo", "nina@example.dk").await;
    report(&nina, &format!("{}/report", salon.path), "spam").await;
    let mona = moderator(&app).await;
    hide(&mona, &item_of(&app).await, "Reklame.").await;

    let inbox = olga.get("/inbox").await;
    assert!(texts(inbox.expect_page("Indbakke"), ".inbox-link .count").is_empty());
    assert!(!inbox.body.contains("Liv i Ry bymidte"));
    let m = app
        .titled("/municipalities/skanderborg", "Skanderborg Kommune")
        .await;
    assert!(
        texts(&m, ".record-open").is_empty(),
        "nothing is counted: the record is empty"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_operator_grants_a_moderator_from_the_command_line() {
    let app = TestApp::spawn().await;
    let mona = app
        .verified_person("Mona Moderator", "mona@medspil.dk")
        .await;
    assert_eq!(mona.get("/moderation").await.status, StatusCode::FORBIDDEN);
    let grant = |args: &[&str]| app.operator(&[&["admin", "grant"], args].concat());
    let out = tokio::task::block_in_place(|| grant(&["--moderator", "mona@medspil.dk"]));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("Mona Moderator er nu moderator."));
    assert_eq!(mona.get("/moderation").await.status, StatusCode::OK);
    // An unknown account is refused; the two kinds of grant do not mix.
    let out = tokio::task::block_in_place(|| grant(&["--moderator", "nobody@medspil.dk"]));
    assert!(!out.status.success());
    let out = tokio::task::block_in_place(|| {
        grant(&["--moderator", "mona@medspil.dk", "--municipality", "aarhus"])
    });
    assert!(!out.status.success());
}

#[tokio::test]
async fn no_one_is_offered_to_report_their_own_message_and_such_a_report_is_refused() {
    let app = TestApp::spawn().await;
    let admin = app.municipality_admin("skanderborg").await;
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    let salon = published_salon(&app, &host, Some(20)).await;
    let invitation =
        crate::helpers::fixtures::invited_department(&app, &admin, &host, &salon.path).await;
    let olga = app.browser();
    olga.post(
        "/sign-in",
        &[("email", "olga@skanderborg.dk"), ("password", PASSWORD)],
    )
    .await;
    // The host's message is Olga's to report…
    let page = olga.get(&format!("/inbox/{invitation}")).await;
    let link = crate::helpers::attr(&page.html, ".invitation-history .report-link", "href")
        .expect("an Anmeld link by the host's message");
    // …but not the host's own: the thread he sees has its message and no link by it.
    let page = host.get(&format!("{}/invitations", salon.path)).await;
    assert!(page.body.contains("Kom og hør"), "{}", page.body);
    assert!(
        texts(&page.html, ".report-link").is_empty(),
        "{}",
        page.body
    );
    // Asked for anyway, the form and the report are refused and nothing reaches the queue.
    assert_eq!(host.get(&link).await.status, StatusCode::FORBIDDEN);
    let r = host
        .post(&link, &[("category", "spam"), ("note", "")])
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    let items: i64 = sqlx::query_scalar("SELECT count(*) FROM moderation_items")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(items, 0);
}
