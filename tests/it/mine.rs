//! "Mine saloner" (`/mine`) and the header by role: each person sees their own salons with the
//! next thing to do, and the header shows the links their roles give.

use chrono::Duration;
use reqwest::StatusCode;

use crate::helpers::fixtures::invited_department;
use crate::helpers::salons::{
    create_salon, date_in, published_from, published_salon, salon_form, set,
};
use crate::helpers::{TestApp, attr, text, texts};

const TITLE: &str = "Mine saloner";

#[tokio::test]
async fn a_visitor_is_sent_to_sign_in_and_back_to_mine() {
    let app = TestApp::spawn().await;
    let r = app.browser().get("/mine").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location.as_deref(), Some("/sign-in?next=%2Fmine"));
}

#[tokio::test]
async fn a_host_sees_each_salon_by_where_it_is_with_the_next_action() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    // Held after five days: its session is in four.
    let held = published_salon(&app, &host, Some(20)).await;
    let later = |title: &str| {
        set(
            salon_form(&app, title, None),
            "session-0-date",
            &date_in(&app, 10),
        )
    };
    let upcoming = published_from(&host, &later("Stier ved søen")).await;
    let cancelled = published_from(&host, &later("Torvedag")).await;
    let r = host
        .post(
            &format!("{}/cancel", cancelled.path),
            &[("message", "Værten er syg.")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    app.clock.advance(Duration::days(5));
    app.run_jobs().await;
    let draft = create_salon(&host, &later("Skolevejen")).await;
    // Someone else's salon is not theirs.
    let other = app.verified_person("Otto Anden", "otto@example.dk").await;
    published_from(&other, &later("Ottos salon")).await;

    let page = host.get("/mine").await;
    let html = page.expect_page(TITLE);
    let titles = |section: &str| texts(html, &format!("#{section} + .mine-list .salon-item-title"));
    assert_eq!(titles("hosting-drafts"), ["Skolevejen"]);
    assert_eq!(titles("hosting-needs-summary"), ["Liv i Ry bymidte"]);
    assert_eq!(titles("hosting-upcoming"), ["Stier ved søen"]);
    assert_eq!(titles("hosting-cancelled"), ["Torvedag"]);
    assert!(!page.body.contains("Ottos salon"));
    // Each with what to do next.
    let action = |href: String| text(html, &format!(".mine-item-action a[href=\"{href}\"]"));
    assert!(action(format!("{}/edit", draft.path)).starts_with("Gør færdig og offentliggør"));
    assert!(action(format!("{}/summary", held.path)).starts_with("Skriv referatet"));
    assert!(action(format!("{}/invitations", upcoming.path)).starts_with("Inviter kommunen"));
    // Dates the Danish way, in Copenhagen time.
    let when = texts(html, "#hosting-upcoming + .mine-list time");
    assert!(when[0].contains(" kl. 14.00"), "{when:?}");
    // Each row is a salon card: its status chip, and a date badge when it has a date.
    let chips = |section: &str| texts(html, &format!("#{section} + .mine-list .chip"));
    assert_eq!(chips("hosting-drafts"), ["Kladde"]);
    assert_eq!(chips("hosting-upcoming"), ["Ledige pladser"]);
    assert_eq!(chips("hosting-cancelled"), ["Aflyst"]);
    assert_eq!(
        texts(html, "#hosting-upcoming + .mine-list .date-badge").len(),
        1
    );
    // Nothing they are registered for yet: the next step instead.
    assert!(text(html, "#attending .mine-empty").contains("Du er ikke tilmeldt"));

    // Once the summary is out, the salon moves on.
    let r = host
        .post(
            &format!("{}/summary", held.path),
            &[("summary", "Vi talte om byen."), ("action", "publish")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = host.get("/mine").await;
    let html = page.expect_page(TITLE);
    assert_eq!(
        texts(html, "#hosting-done + .mine-list .salon-item-title"),
        ["Liv i Ry bymidte"]
    );
    assert!(texts(html, "#hosting-needs-summary").is_empty());

    // A draft from before sessions were required has no date: no badge, and it says so.
    sqlx::query("DELETE FROM salon_sessions WHERE salon_id = $1")
        .bind(draft.id)
        .execute(&app.db)
        .await
        .unwrap();
    let page = host.get("/mine").await;
    let html = page.expect_page(TITLE);
    assert!(texts(html, "#hosting-drafts + .mine-list .date-badge").is_empty());
    assert_eq!(
        text(html, "#hosting-drafts + .mine-list .salon-item-when"),
        "Intet tidspunkt endnu"
    );
}

#[tokio::test]
async fn registered_and_waitlisted_people_see_their_place_and_nobody_elses() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    let salon = published_salon(&app, &host, Some(1)).await;
    let anna = app.verified_person("Anna Først", "anna@example.dk").await;
    let bo = app.verified_person("Bo Bagefter", "bo@example.dk").await;
    for p in [&anna, &bo] {
        let r = p.post(&format!("{}/register", salon.path), &[]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    }

    let page = anna.get("/mine").await;
    let html = page.expect_page(TITLE);
    assert_eq!(
        texts(html, "#attending .salon-item-title"),
        ["Liv i Ry bymidte"]
    );
    assert_eq!(text(html, "#attending .mine-status"), "Du er tilmeldt");
    assert!(text(html, "#hosting .mine-empty").contains("Du er ikke vært"));
    // Hosting nothing, what she attends comes first.
    assert_eq!(
        texts(html, "main h2")[..2],
        ["Saloner, du er tilmeldt", "Saloner, du er vært for"]
    );
    assert_eq!(
        attr(html, ".mine-new-link", "href").as_deref(),
        Some("/salons/new")
    );

    let page = bo.get("/mine").await;
    let html = page.expect_page(TITLE);
    assert_eq!(
        text(html, "#attending .mine-status"),
        "Du er nr. 1 på ventelisten"
    );

    // A person with nothing to do with it sees none of it.
    let carl = app.verified_person("Carl Borger", "carl@example.dk").await;
    let page = carl.get("/mine").await;
    let html = page.expect_page(TITLE);
    assert!(texts(html, ".mine-item").is_empty());
    assert!(!page.body.contains("Liv i Ry bymidte"));
}

#[tokio::test]
async fn an_official_sees_the_units_open_invitations_and_then_the_salon_they_come_to() {
    let app = TestApp::spawn().await;
    let admin = app.municipality_admin("skanderborg").await;
    let host = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    let salon = published_salon(&app, &host, Some(20)).await;
    let invitation = invited_department(&app, &admin, &host, &salon.path).await;
    let olga = app.signed_in("olga@skanderborg.dk").await;

    let page = olga.get("/mine").await;
    let html = page.expect_page(TITLE);
    assert!(text(html, "#role .mine-roles").contains("Vejingeniør"));
    let answer = format!("/inbox/{invitation}");
    assert!(
        text(
            html,
            &format!("#role .mine-item-action a[href=\"{answer}\"]")
        )
        .starts_with("Svar på invitationen")
    );
    assert_eq!(text(html, "#role .mine-holder"), "Til Teknik og Miljø");
    assert!(text(html, "#role-attending + .mine-empty").contains("ikke sagt ja"));

    // She accepts for herself and names a colleague, who is asked to confirm.
    let unit: String =
        sqlx::query_scalar("SELECT id::text FROM units WHERE name = 'Teknik og Miljø'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    let (ole, ole_role) = app
        .skanderborg_official(&admin, &unit, "Ole Kollega", "ole@skanderborg.dk")
        .await;
    let role: String = sqlx::query_scalar(
        "SELECT r.id::text FROM roles r JOIN users u ON u.id = r.user_id WHERE u.email = 'olga@skanderborg.dk'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    let r = olga
        .post(
            &format!("{answer}/accept"),
            &[("comers", role.as_str()), ("comers", ole_role.as_str())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = olga.get("/mine").await;
    let html = page.expect_page(TITLE);
    assert_eq!(
        texts(html, "#role-attending + .mine-list .salon-item-title"),
        ["Liv i Ry bymidte"]
    );
    // Her registration says in which role she comes (the title read from her role).
    assert_eq!(
        text(html, "#role-attending + .mine-list .mine-holder"),
        "Som Vejingeniør"
    );
    assert!(text(html, "#role-inbox + .mine-empty").contains("ingen åbne invitationer"));
    let page = ole.get("/mine").await;
    let html = page.expect_page(TITLE);
    assert!(text(html, "#invited .mine-status").starts_with("En kollega har skrevet dig på"));
    assert!(
        text(html, "#invited .mine-item-action a[href^=\"/named/\"]")
            .starts_with("Sig ja eller nej")
    );
    // The host sees the municipality's answer in one line.
    let page = host.get("/mine").await;
    let html = page.expect_page(TITLE);
    assert_eq!(
        text(html, "#hosting .salon-item-answer"),
        "Teknik og Miljø kommer"
    );
}

#[tokio::test]
async fn invitations_by_email_and_to_co_host_wait_under_invitations_to_you() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    let form = set(
        salon_form(&app, "Kun for naboer", None),
        "visibility",
        "invite_only",
    );
    let private = published_from(&host, &form).await;
    let r = host
        .post(
            &format!("{}/invitations", private.path),
            &[
                ("target", "email"),
                ("email", "ines@example.dk"),
                ("message", "Kom og vær med, nabo."),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let open = published_salon(&app, &host, Some(20)).await;
    let r = host
        .post(
            &format!("{}/hosts", open.path),
            &[("email", "ines@example.dk")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    let ines = app
        .verified_person("Ines Inviteret", "ines@example.dk")
        .await;
    let page = ines.get("/mine").await;
    let html = page.expect_page(TITLE);
    let mut titles = texts(html, "#invited .salon-item-title");
    titles.sort();
    assert_eq!(titles, ["Kun for naboer", "Liv i Ry bymidte"]);
    assert!(
        text(
            html,
            &format!("#invited a[href=\"{}/register\"]", private.path)
        )
        .starts_with("Tilmeld dig")
    );
    let cohost = texts(
        html,
        "#invited .mine-item-action a[href^=\"/cohost-invitations/\"]",
    );
    assert_eq!(cohost.len(), 1);

    // Registered, the invitation is done with: the salon is under what she attends.
    let r = ines.post(&format!("{}/register", private.path), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = ines.get("/mine").await;
    let html = page.expect_page(TITLE);
    assert_eq!(
        texts(html, "#invited .salon-item-title"),
        ["Liv i Ry bymidte"]
    );
    assert_eq!(
        texts(html, "#attending .salon-item-title"),
        ["Kun for naboer"]
    );

    // The host, invited to nothing, has no such section.
    let carl_page = host.get("/mine").await;
    assert!(texts(carl_page.expect_page(TITLE), "#invited").is_empty());
}

#[tokio::test]
async fn the_header_shows_administration_only_to_admins_and_moderation_only_to_moderators() {
    let app = TestApp::spawn().await;
    let visitor = app.browser().get("/").await;
    assert!(texts(&visitor.html, "header .mine-link").is_empty());

    let citizen = app.verified_person("Carl Borger", "carl@example.dk").await;
    let page = citizen.get("/").await;
    assert_eq!(text(&page.html, "header a.mine-link"), "Mine saloner");
    assert!(texts(&page.html, "header .admin-link").is_empty());
    assert!(texts(&page.html, "header .moderation-link").is_empty());
    assert!(texts(&page.html, "header .inbox-link").is_empty());
    let mine = citizen.get("/mine").await;
    assert_eq!(
        attr(&mine.html, "header a.mine-link", "aria-current").as_deref(),
        Some("page")
    );

    let admin = app.municipality_admin("skanderborg").await;
    let page = admin.get("/").await;
    assert_eq!(
        attr(&page.html, "header a.admin-link", "href").as_deref(),
        Some("/admin/skanderborg")
    );
    assert!(texts(&page.html, "header .moderation-link").is_empty());
    // Admins answer for their municipality: the inbox is theirs too.
    assert_eq!(texts(&page.html, "header .inbox-link").len(), 1);

    app.verified_person("Mona Moderator", "mona@medspil.dk")
        .await;
    app.grant_moderator("mona@medspil.dk").await;
    let mona = app.signed_in("mona@medspil.dk").await;
    let page = mona.get("/").await;
    assert_eq!(
        attr(&page.html, "header a.moderation-link", "href").as_deref(),
        Some("/moderation")
    );
    assert!(texts(&page.html, "header .admin-link").is_empty());

    // Someone who administers two municipalities picks one on their page.
    app.grant_admin("admin@skanderborg.example.dk", "aarhus")
        .await;
    let page = admin.get("/").await;
    assert_eq!(
        attr(&page.html, "header a.admin-link", "href").as_deref(),
        Some("/mine#administration")
    );
    let mine = admin.get("/mine").await;
    let links = texts(
        mine.expect_page(TITLE),
        "#administration + .mine-admin-links a",
    );
    assert_eq!(
        links,
        [
            "Administrer Aarhus Kommune",
            "Administrer Skanderborg Kommune"
        ]
    );
}
