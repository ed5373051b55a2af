//! Hosting salons: create → publish → edit → cancel with the notifications, the form's error
//! path and its add-session round trip, a session's own place, the held job, visibility per
//! route, private parts, payloads, slugs, the calendar file, co-hosts and account deletion.

use chrono::Duration;
use reqwest::StatusCode;
use uuid::Uuid;

use crate::helpers::browser::Browser;
use crate::helpers::ics::{events, prop};
use crate::helpers::salons::{
    SalonRef, add_cohost, create_salon, date_in, post_form, publish, published_salon, salon_form,
    set,
};
use crate::helpers::{PASSWORD, TestApp, attr, text, texts};

const HOST: &str = "rikke@example.dk";

async fn host(app: &TestApp) -> Browser {
    app.verified_person("Rikke Vært", HOST).await
}

async fn status_of(app: &TestApp, salon: &SalonRef) -> String {
    sqlx::query_scalar("SELECT status::text FROM salons WHERE id = $1")
        .bind(salon.id)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

/// Puts a person on the salon directly (registering is another feature's form).
async fn register_directly(app: &TestApp, salon: &SalonRef, email: &str, status: &str) {
    sqlx::query(
        r#"INSERT INTO registrations (id, salon_id, user_id, status, waitlist_position, created_at, updated_at)
           SELECT gen_random_uuid(), $1, u.id, $3::registration_status,
                  CASE WHEN $3 = 'waitlisted' THEN 1 END, $4, $4
           FROM users u WHERE u.email = $2"#,
    )
    .bind(salon.id)
    .bind(email)
    .bind(status)
    .bind(app.clock.now())
    .execute(&app.db)
    .await
    .unwrap();
    // Seats and lines are per session: in each of the salon's sessions, alike.
    sqlx::query(
        r#"INSERT INTO registration_sessions (registration_id, session_id, kind, place, waitlist_position)
           SELECT r.id, ss.id, r.kind,
                  CASE WHEN r.status = 'waitlisted' THEN 'waitlist' ELSE 'seat' END::session_place,
                  r.waitlist_position
           FROM registrations r JOIN users u ON u.id = r.user_id
           JOIN salon_sessions ss ON ss.salon_id = r.salon_id
           WHERE r.salon_id = $1 AND u.email = $2"#,
    )
    .bind(salon.id)
    .bind(email)
    .execute(&app.db)
    .await
    .unwrap();
}

/// The text of the newest mail of `kind` to `email`.
async fn mail_text(app: &TestApp, email: &str, kind: &str) -> Option<String> {
    sqlx::query_scalar(
        "SELECT body_text FROM outbox WHERE to_address = $1 AND kind = $2 ORDER BY seq DESC LIMIT 1",
    )
    .bind(email)
    .bind(kind)
    .fetch_optional(&app.db)
    .await
    .unwrap()
}

async fn ics(browser: &Browser, salon: &SalonRef) -> String {
    let r = browser.get(&format!("{}/calendar.ics", salon.path)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.body
}

#[tokio::test]
async fn a_host_creates_a_draft_publishes_it_and_everyone_sees_the_page() {
    let app = TestApp::spawn().await;
    let rikke = host(&app).await;
    let form = rikke.get("/salons/new").await;
    assert_eq!(form.status, StatusCode::OK);
    assert_eq!(texts(&form.html, "#field-municipality option").len(), 99);
    assert_eq!(texts(&form.html, "h1").len(), 1);
    // Optional fields say so; required ones, and those required by the format (the address
    // in person, the link online), never do.
    let label = |id: &str| texts(&form.html, &format!("label[for='field-{id}']")).join(" ");
    for optional in ["description", "town", "place_name"] {
        assert!(
            label(optional).ends_with("(valgfrit)"),
            "{}",
            label(optional)
        );
    }
    for required in ["title", "question", "address", "online_link"] {
        assert!(!label(required).contains("valgfrit"), "{}", label(required));
    }
    assert!(texts(&form.html, "#field-address-hint")[0].contains("Skal udfyldes"));

    let salon = create_salon(&rikke, &salon_form(&app, "Liv i Ry bymidte", Some(20))).await;
    assert!(salon.path.ends_with("-liv-i-ry-bymidte"), "{}", salon.path);
    let draft = rikke.get(&salon.path).await;
    assert_eq!(draft.status, StatusCode::OK);
    assert_eq!(texts(&draft.html, ".banner-draft").len(), 1);
    // Its hosts' box comes first, publishing as its one primary action.
    assert_eq!(text(&draft.html, ".salon-head .chip"), "Kladde");
    assert_eq!(
        text(&draft.html, ".host-actions .publish-form button"),
        "Offentliggør salonen"
    );
    assert_eq!(
        texts(
            &draft.html,
            ".host-actions a.button.button-secondary.action-invitations"
        )
        .len(),
        1
    );
    assert_eq!(app.get(&salon.path).await.status(), StatusCode::NOT_FOUND);

    publish(&rikke, &salon).await;
    assert_eq!(status_of(&app, &salon).await, "published");
    let page = app.titled(&salon.path, "Liv i Ry bymidte").await;
    assert_eq!(text(&page, "h1"), "Liv i Ry bymidte");
    // The date badge and the status chip beside the title, as on its card.
    assert_eq!(text(&page, ".salon-head .date-badge"), "lør.5dec.");
    assert_eq!(text(&page, ".salon-head .chip"), "Ledige pladser");
    let hosts_view = rikke.get(&salon.path).await;
    assert_eq!(
        texts(
            &hosts_view.html,
            ".host-actions a.button.action-invitations:not(.button-secondary)"
        ),
        ["Inviter kommunen og andre"]
    );
    assert_eq!(
        text(&page, ".salon-question"),
        "Spørgsmål: Hvordan får vi mere liv i Ry bymidte?"
    );
    assert_eq!(
        texts(&page, ".salon-sessions li"),
        ["lørdag 5. december kl. 14.00–16.00"]
    );
    assert_eq!(text(&page, ".salon-municipality"), "Skanderborg, Ry");
    assert_eq!(
        text(&page, ".salon-place"),
        "Ry Bibliotek, Klostervej 1, 8680 Ry"
    );
    assert_eq!(
        text(&page, ".salon-capacity"),
        "Plads til 20 borgere · 20 ledige pladser"
    );
    assert_eq!(texts(&page, ".salon-topics li"), ["byliv", "handel"]);
    assert_eq!(texts(&page, ".salon-access li"), ["Niveaufri adgang"]);
    assert_eq!(texts(&page, ".salon-hosts li"), ["Rikke Vært"]);
    assert!(text(&page, ".salon-description").contains("kaffe"));
    assert!(texts(&page, ".host-actions").is_empty());
    let english = app.get_in(&salon.path, "en").await;
    let english = scraper::Html::parse_document(&english.text().await.unwrap());
    assert_eq!(
        texts(&english, ".salon-sessions li"),
        ["Saturday 5 December at 14:00–16:00"]
    );
    let own = rikke.get(&salon.path).await;
    assert_eq!(
        attr(&own.html, ".action-participants", "href"),
        Some(format!("{}/participants", salon.path))
    );
}

#[tokio::test]
async fn form_errors_are_shown_by_each_field_and_everything_typed_is_kept() {
    let app = TestApp::spawn().await;
    let rikke = host(&app).await;
    let mut form = salon_form(&app, "", Some(20));
    form = set(form, "question", "Hvad med havnen?");
    form = set(form, "capacity", "mange");
    form = set(form, "format", "hybrid");
    form = set(form, "session-0-end", "13:00");
    form = set(form, "description", "Kaffe <b>og</b> kage");
    let r = post_form(&rikke, "/salons/new", &form).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(text(&r.html, "#field-title-error"), "Fejl:Skriv en titel.");
    assert!(text(&r.html, "#field-capacity-error").contains("helt tal"));
    assert!(text(&r.html, "#field-online_link-error").contains("linket"));
    assert!(text(&r.html, "#session-0-end-error").contains("slutte"));
    assert_eq!(
        attr(&r.html, "#session-0-end", "aria-describedby").as_deref(),
        Some("session-0-end-error")
    );
    assert_eq!(texts(&r.html, ".error-summary a").len(), 4);
    assert_eq!(
        attr(&r.html, ".error-summary a", "href").as_deref(),
        Some("#field-title")
    );
    // Everything typed comes back.
    assert_eq!(
        attr(&r.html, "#field-question", "value").as_deref(),
        Some("Hvad med havnen?")
    );
    assert_eq!(
        attr(&r.html, "#field-capacity", "value").as_deref(),
        Some("mange")
    );
    assert_eq!(text(&r.html, "#field-description"), "Kaffe <b>og</b> kage");
    assert_eq!(
        attr(&r.html, "#session-0-date", "value"),
        Some(date_in(&app, 4))
    );
    assert_eq!(
        attr(&r.html, "#session-0-end", "value").as_deref(),
        Some("13:00")
    );
    assert!(attr(&r.html, "#field-format-hybrid", "checked").is_some());
    assert!(attr(&r.html, "#field-step_free", "checked").is_some());
    assert!(
        attr(
            &r.html,
            "#field-municipality option[value='0746']",
            "selected"
        )
        .is_some()
    );
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM salons")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(count, 0);
}

#[tokio::test]
async fn another_session_is_added_and_removed_without_javascript() {
    let app = TestApp::spawn().await;
    let rikke = host(&app).await;
    let form = set(
        salon_form(&app, "Tre tirsdage", None),
        "action",
        "add-session",
    );
    let r = post_form(&rikke, "/salons/new", &form).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        texts(r.expect_page("Opret en samtalesalon"), ".error-message").is_empty(),
        "no errors yet"
    );
    assert_eq!(texts(&r.html, "fieldset.session-row").len(), 2);
    assert_eq!(
        attr(&r.html, "#field-title", "value").as_deref(),
        Some("Tre tirsdage")
    );
    assert_eq!(
        attr(&r.html, "#session-0-start", "value").as_deref(),
        Some("14:00")
    );
    assert_eq!(
        attr(&r.html, "#session-1-date", "value").as_deref(),
        Some("")
    );

    // Add a third, remove the second, fill the last and save.
    let mut form = set(form, "session-1-date", &date_in(&app, 11));
    form = set(form, "session-1-start", "19:00");
    form = set(form, "session-1-end", "21:00");
    let r = post_form(&rikke, "/salons/new", &form).await;
    assert_eq!(texts(&r.html, "fieldset.session-row").len(), 3);
    form = set(form, "action", "remove-session-1");
    form = set(form, "session-2-date", &date_in(&app, 18));
    let r = post_form(&rikke, "/salons/new", &form).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(texts(&r.html, "fieldset.session-row").len(), 2);
    assert_eq!(
        attr(&r.html, "#session-1-date", "value"),
        Some(date_in(&app, 18))
    );
    // The last row is missing its times: the error is by that row, and nothing is lost.
    let form = vec![
        ("session-1-date".to_string(), date_in(&app, 18)),
        ("session-1-start".to_string(), "19:00".to_string()),
        ("session-1-end".to_string(), String::new()),
    ];
    let base: Vec<(String, String)> = salon_form(&app, "Tre tirsdage", None)
        .into_iter()
        .chain(form)
        .collect();
    let r = post_form(&rikke, "/salons/new", &base).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(text(&r.html, "#session-1-end-error").contains("klokkeslæt"));
    let salon = create_salon(&rikke, &set(base, "session-1-end", "21:00")).await;
    let page = rikke.get(&salon.path).await;
    assert_eq!(texts(&page.html, ".salon-sessions li").len(), 2);
}

#[tokio::test]
async fn a_salon_with_a_session_in_the_past_cannot_be_published() {
    let app = TestApp::spawn().await;
    let rikke = host(&app).await;
    let form = set(
        salon_form(&app, "For sent", None),
        "session-0-date",
        &date_in(&app, -1),
    );
    let salon = create_salon(&rikke, &form).await;
    let r = rikke.post(&format!("{}/publish", salon.path), &[]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(text(&r.html, "#publish-error").contains("fortiden"));
    assert_eq!(status_of(&app, &salon).await, "draft");
}

#[tokio::test]
async fn a_published_salon_is_held_once_its_last_session_has_ended() {
    let app = TestApp::spawn().await;
    let rikke = host(&app).await;
    let salon = published_salon(&app, &rikke, None).await;
    app.run_jobs().await;
    assert_eq!(status_of(&app, &salon).await, "published");
    app.clock.advance(Duration::days(4) + Duration::hours(6));
    app.run_jobs().await;
    assert_eq!(status_of(&app, &salon).await, "held");
    let page = app.page(&salon.path, StatusCode::OK).await;
    assert_eq!(texts(&page, ".banner-held").len(), 1);
}

#[tokio::test]
async fn moving_the_session_later_moves_the_held_job_with_it() {
    let app = TestApp::spawn().await;
    let rikke = host(&app).await;
    let salon = published_salon(&app, &rikke, None).await;
    let session: Uuid = sqlx::query_scalar("SELECT id FROM salon_sessions WHERE salon_id = $1")
        .bind(salon.id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let form = set(
        set(
            salon_form(&app, "Liv i Ry bymidte", None),
            "session-0-id",
            &session.to_string(),
        ),
        "session-0-date",
        &date_in(&app, 8),
    );
    let r = post_form(&rikke, &format!("{}/edit", salon.path), &form).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    app.clock.advance(Duration::days(5));
    app.run_jobs().await;
    assert_eq!(status_of(&app, &salon).await, "published");
    app.clock.advance(Duration::days(4));
    app.run_jobs().await;
    assert_eq!(status_of(&app, &salon).await, "held");
}

#[tokio::test]
async fn editing_time_and_place_of_a_published_salon_tells_registered_people_exactly_what_changed()
{
    let app = TestApp::spawn().await;
    let rikke = host(&app).await;
    let salon = published_salon(&app, &rikke, Some(1)).await;
    app.verified_person("Bo Borger", "bo@example.dk").await;
    app.verified_person("Vera Venter", "vera@example.dk").await;
    register_directly(&app, &salon, "bo@example.dk", "registered").await;
    register_directly(&app, &salon, "vera@example.dk", "waitlisted").await;
    let edit = rikke.get(&format!("{}/edit", salon.path)).await;
    assert_eq!(edit.status, StatusCode::OK);
    let session_id = attr(&edit.html, "input[name='session-0-id']", "value").unwrap();
    assert_eq!(
        attr(&edit.html, "#session-0-start", "value").as_deref(),
        Some("14:00")
    );
    let sequence = |app: &TestApp| {
        let db = app.db.clone();
        let id = salon.id;
        async move {
            sqlx::query_scalar::<_, i32>("SELECT sequence FROM salons WHERE id = $1")
                .bind(id)
                .fetch_one(&db)
                .await
                .unwrap()
        }
    };
    let before = sequence(&app).await;

    let mut form = salon_form(&app, "Liv i Ry bymidte", Some(1));
    form = set(form, "session-0-id", &session_id);
    form = set(form, "session-0-start", "15:00");
    form = set(form, "session-0-end", "17:00");
    form = set(form, "address", "Skolegade 2, 8680 Ry");
    form = set(form, "address_private", "on");
    let r = post_form(&rikke, &format!("{}/edit", salon.path), &form).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(sequence(&app).await > before);

    let bo = mail_text(&app, "bo@example.dk", "salon.changed")
        .await
        .expect("Bo is told");
    assert!(
        bo.contains(
            "Møde 1: lørdag 5. december kl. 14.00–16.00 → lørdag 5. december kl. 15.00–17.00"
        ),
        "{bo}"
    );
    assert!(
        bo.contains(
            "Sted: Ry Bibliotek, Klostervej 1, 8680 Ry → Ry Bibliotek, Skolegade 2, 8680 Ry"
        ),
        "{bo}"
    );
    assert!(bo.contains(&app.url(&salon.path)), "{bo}");
    // The waitlisted person learns the new time, but not the now private address.
    let vera = mail_text(&app, "vera@example.dk", "salon.changed")
        .await
        .expect("Vera is told");
    assert!(vera.contains("15.00–17.00"), "{vera}");
    assert!(!vera.contains("Skolegade"), "{vera}");
    assert!(vera.contains("vises for tilmeldte"), "{vera}");
    assert_eq!(mail_text(&app, HOST, "salon.changed").await, None);

    // Saving again without changes of time or place tells nobody.
    let before = app.mails_to("bo@example.dk").await;
    let r = post_form(
        &rikke,
        &format!("{}/edit", salon.path),
        &set(form, "topics", "havn"),
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(app.mails_to("bo@example.dk").await, before);
}

#[tokio::test]
async fn a_session_with_its_own_place_shows_it_on_the_page_and_in_the_calendar() {
    let app = TestApp::spawn().await;
    let rikke = host(&app).await;
    // One session stays one date and two times: its own place is folded away, labelled.
    let blank = rikke.get("/salons/new").await;
    assert_eq!(texts(&blank.html, "details.session-own-place").len(), 1);
    assert!(texts(blank.expect_page("Opret en samtalesalon"), "details[open]").is_empty());
    assert_eq!(
        text(&blank.html, "label[for='session-0-place_name']"),
        "Sted for dette møde (hvis et andet)"
    );
    assert_eq!(
        text(&blank.html, "label[for='session-0-address']"),
        "Adresse for dette møde"
    );
    assert_eq!(
        attr(&blank.html, "#session-0-address", "aria-describedby").as_deref(),
        Some("session-0-place-hint")
    );

    let mut form = salon_form(&app, "To steder", None);
    form = set(form, "session-1-date", &date_in(&app, 11));
    form = set(form, "session-1-start", "19:00");
    form = set(form, "session-1-end", "21:00");
    form = set(form, "session-1-place_name", "Ry Kirke");
    // Adding a session without JavaScript keeps the place typed, unfolded.
    let r = post_form(
        &rikke,
        "/salons/new",
        &set(form.clone(), "action", "add-session"),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(texts(&r.html, "fieldset.session-row").len(), 3);
    assert_eq!(
        attr(&r.html, "details[open] #session-1-place_name", "value").as_deref(),
        Some("Ry Kirke")
    );
    assert!(attr(&r.html, "details[open] #session-0-place_name", "value").is_none());

    // A place needs its address: the error is by that input, and nothing is lost.
    let r = post_form(&rikke, "/salons/new", &form).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        text(&r.html, "#session-1-address-error"),
        "Fejl:Skriv adressen for dette møde."
    );
    assert_eq!(
        attr(&r.html, ".error-summary a", "href").as_deref(),
        Some("#session-1-address")
    );
    assert_eq!(
        attr(&r.html, "#session-1-address", "aria-describedby").as_deref(),
        Some("session-1-place-hint session-1-address-error")
    );
    assert_eq!(
        attr(&r.html, "details[open] #session-1-place_name", "value").as_deref(),
        Some("Ry Kirke")
    );

    let form = set(form, "session-1-address", "Kirkegade 3, 8680 Ry");
    let salon = create_salon(&rikke, &form).await;
    publish(&rikke, &salon).await;
    let page = app.page(&salon.path, StatusCode::OK).await;
    let sessions = texts(&page, ".salon-sessions li");
    assert_eq!(sessions[0], "lørdag 5. december kl. 14.00–16.00");
    assert!(
        sessions[1].starts_with("lørdag 12. december kl. 19.00–21.00"),
        "{sessions:?}"
    );
    assert_eq!(
        texts(&page, ".salon-sessions .session-place"),
        ["Sted: Ry Kirke, Kirkegade 3, 8680 Ry"]
    );
    assert_eq!(
        text(&page, ".salon-place"),
        "Ry Bibliotek, Klostervej 1, 8680 Ry"
    );
    let events = events(&ics(&app.browser(), &salon).await);
    assert_eq!(
        prop(&events[0], "LOCATION"),
        Some("Ry Bibliotek, Klostervej 1, 8680 Ry")
    );
    assert_eq!(
        prop(&events[1], "LOCATION"),
        Some("Ry Kirke, Kirkegade 3, 8680 Ry")
    );
    // The edit form brings it back, unfolded.
    let edit = rikke.get(&format!("{}/edit", salon.path)).await;
    assert_eq!(
        attr(&edit.html, "details[open] #session-1-address", "value").as_deref(),
        Some("Kirkegade 3, 8680 Ry")
    );
    assert!(attr(&edit.html, "details[open] #session-0-address", "value").is_none());
}

#[tokio::test]
async fn a_session_s_own_private_address_is_shown_only_to_those_who_may_see_it() {
    let app = TestApp::spawn().await;
    let rikke = host(&app).await;
    let other = app.verified_person("Ole Anden", "ole@example.dk").await;
    let bo = app.verified_person("Bo Borger", "bo@example.dk").await;
    let mut form = salon_form(&app, "Et andet sted", None);
    form = set(form, "address_private", "on");
    form = set(form, "session-0-place_name", "Ry Kirke");
    form = set(form, "session-0-address", "Kirkegade 3, 8680 Ry");
    let salon = create_salon(&rikke, &form).await;
    publish(&rikke, &salon).await;
    register_directly(&app, &salon, "bo@example.dk", "registered").await;

    for (who, browser, sees) in [
        ("visitor", &app.browser(), false),
        ("other citizen", &other, false),
        ("registered", &bo, true),
        ("host", &rikke, true),
    ] {
        let page = browser.get(&salon.path).await;
        page.expect_page("Et andet sted");
        let place = text(&page.html, ".salon-sessions .session-place");
        let calendar = ics(browser, &salon).await;
        let event = &events(&calendar)[0];
        if sees {
            assert_eq!(place, "Sted: Ry Kirke, Kirkegade 3, 8680 Ry", "{who}");
            assert_eq!(
                prop(event, "LOCATION"),
                Some("Ry Kirke, Kirkegade 3, 8680 Ry"),
                "{who}"
            );
        } else {
            assert_eq!(place, "Sted: Ry Kirke, vises for tilmeldte", "{who}");
            assert!(!page.body.contains("Kirkegade"), "{who}");
            assert!(!calendar.contains("Kirkegade"), "{who}");
            assert_eq!(prop(event, "LOCATION"), None, "{who}");
        }
    }
}

#[tokio::test]
async fn an_edit_that_changes_only_a_session_s_place_tells_registered_people_of_that_change() {
    let app = TestApp::spawn().await;
    let rikke = host(&app).await;
    let form = set(
        salon_form(&app, "Liv i Ry bymidte", None),
        "address_private",
        "on",
    );
    let salon = create_salon(&rikke, &form).await;
    publish(&rikke, &salon).await;
    app.verified_person("Bo Borger", "bo@example.dk").await;
    app.verified_person("Vera Venter", "vera@example.dk").await;
    register_directly(&app, &salon, "bo@example.dk", "registered").await;
    register_directly(&app, &salon, "vera@example.dk", "waitlisted").await;
    let edit = rikke.get(&format!("{}/edit", salon.path)).await;
    let session_id = attr(&edit.html, "input[name='session-0-id']", "value").unwrap();

    let mut form = set(form, "session-0-id", &session_id);
    form = set(form, "session-0-place_name", "Ry Kirke");
    form = set(form, "session-0-address", "Kirkegade 3, 8680 Ry");
    let r = post_form(&rikke, &format!("{}/edit", salon.path), &form).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let changes = |mail: &str| -> Vec<String> {
        mail.lines()
            .filter_map(|l| l.strip_prefix("- "))
            .map(str::to_string)
            .collect()
    };
    let bo = mail_text(&app, "bo@example.dk", "salon.changed")
        .await
        .expect("Bo is told");
    assert_eq!(
        changes(&bo),
        ["Sted for møde 1: Ry Bibliotek, Klostervej 1, 8680 Ry → Ry Kirke, Kirkegade 3, 8680 Ry"],
        "{bo}"
    );
    // The waitlisted person learns of the move, but not the private address.
    let vera = mail_text(&app, "vera@example.dk", "salon.changed")
        .await
        .expect("Vera is told");
    assert_eq!(
        changes(&vera),
        ["Sted for møde 1: Ry Bibliotek, vises for tilmeldte → Ry Kirke, vises for tilmeldte"],
        "{vera}"
    );

    // Back to the salon's own place is a change too.
    let before = app.mails_to("bo@example.dk").await;
    let mut form = set(form, "session-0-place_name", "");
    form = set(form, "session-0-address", "");
    let r = post_form(&rikke, &format!("{}/edit", salon.path), &form).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(app.mails_to("bo@example.dk").await, before + 1);
    let bo = mail_text(&app, "bo@example.dk", "salon.changed")
        .await
        .unwrap();
    assert_eq!(
        changes(&bo),
        ["Sted for møde 1: Ry Kirke, Kirkegade 3, 8680 Ry → Ry Bibliotek, Klostervej 1, 8680 Ry"],
        "{bo}"
    );
}

#[tokio::test]
async fn a_cancelled_salon_tells_everyone_registered_and_says_so_everywhere() {
    let app = TestApp::spawn().await;
    let rikke = host(&app).await;
    let salon = published_salon(&app, &rikke, Some(1)).await;
    app.verified_person("Bo Borger", "bo@example.dk").await;
    app.verified_person("Vera Venter", "vera@example.dk").await;
    register_directly(&app, &salon, "bo@example.dk", "registered").await;
    register_directly(&app, &salon, "vera@example.dk", "waitlisted").await;

    let form = rikke.get(&format!("{}/cancel", salon.path)).await;
    assert_eq!(form.status, StatusCode::OK);
    let r = rikke
        .post(&format!("{}/cancel", salon.path), &[("message", "  ")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(text(&r.html, "#field-message-error").contains("besked"));
    assert_eq!(status_of(&app, &salon).await, "published");

    let r = rikke
        .post(
            &format!("{}/cancel", salon.path),
            &[("message", "Værten er syg. Vi finder en ny dato.")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(status_of(&app, &salon).await, "cancelled");
    for who in ["bo@example.dk", "vera@example.dk"] {
        let mail = mail_text(&app, who, "salon.cancelled").await.expect("told");
        assert!(mail.contains("Værten er syg."), "{mail}");
        assert!(
            mail.contains("lørdag 5. december kl. 14.00–16.00"),
            "{mail}"
        );
    }
    let page = app.page(&salon.path, StatusCode::OK).await;
    assert_eq!(
        text(&page, ".cancel-message"),
        "Værten er syg. Vi finder en ny dato."
    );
    let events = events(&ics(&app.browser(), &salon).await);
    assert_eq!(prop(&events[0], "STATUS"), Some("CANCELLED"));
    // A cancelled salon is neither edited nor cancelled again.
    let r = rikke.get(&format!("{}/edit", salon.path)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn each_route_under_a_salon_follows_the_one_visibility_rule() {
    let app = TestApp::spawn().await;
    let rikke = host(&app).await;
    let other = app.verified_person("Ole Anden", "ole@example.dk").await;
    let visitor = app.browser();
    let draft = create_salon(&rikke, &salon_form(&app, "Kladde", None)).await;
    let unlisted = create_salon(
        &rikke,
        &set(salon_form(&app, "Skjult", None), "visibility", "unlisted"),
    )
    .await;
    publish(&rikke, &unlisted).await;
    let invite_only = create_salon(
        &rikke,
        &set(
            salon_form(&app, "Lukket", None),
            "visibility",
            "invite_only",
        ),
    )
    .await;
    publish(&rikke, &invite_only).await;

    for (salon, outsiders_see) in [(&draft, false), (&unlisted, true), (&invite_only, false)] {
        for path in [salon.path.clone(), format!("{}/calendar.ics", salon.path)] {
            let expected = if outsiders_see {
                StatusCode::OK
            } else {
                StatusCode::NOT_FOUND
            };
            assert_eq!(visitor.get(&path).await.status, expected, "visitor {path}");
            assert_eq!(other.get(&path).await.status, expected, "citizen {path}");
            assert_eq!(rikke.get(&path).await.status, StatusCode::OK, "host {path}");
        }
        // Host-only routes are 404 to another citizen and a sign-in to a visitor.
        for sub in ["edit", "cancel", "hosts"] {
            let path = format!("{}/{sub}", salon.path);
            assert_eq!(
                other.get(&path).await.status,
                StatusCode::NOT_FOUND,
                "{path}"
            );
            let r = visitor.get(&path).await;
            assert!(
                r.location.unwrap_or_default().starts_with("/sign-in"),
                "{path}"
            );
        }
        let r = other.post(&format!("{}/publish", salon.path), &[]).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
    }
    assert_eq!(status_of(&app, &draft).await, "draft");
    // Nonsense keys are plain 404s.
    for path in [
        "/salons/nope",
        "/salons/123",
        "/salons/nope/edit",
        "/salons/nope/calendar.ics",
    ] {
        assert_eq!(
            rikke.get(path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
}

#[tokio::test]
async fn the_online_link_and_a_private_address_are_shown_only_to_those_who_may_see_them() {
    let app = TestApp::spawn().await;
    let rikke = host(&app).await;
    let other = app.verified_person("Ole Anden", "ole@example.dk").await;
    let bo = app.verified_person("Bo Borger", "bo@example.dk").await;
    let mut form = salon_form(&app, "Hybrid", None);
    form = set(form, "format", "hybrid");
    form = set(form, "online_link", "https://meet.example.dk/ry-hemmelig");
    form = set(form, "address_private", "on");
    let salon = create_salon(&rikke, &form).await;
    publish(&rikke, &salon).await;
    register_directly(&app, &salon, "bo@example.dk", "registered").await;

    for (who, browser, sees) in [
        ("visitor", &app.browser(), false),
        ("other citizen", &other, false),
        ("registered", &bo, true),
        ("host", &rikke, true),
    ] {
        let page = browser.get(&salon.path).await;
        page.expect_page("Hybrid");
        assert_eq!(page.status, StatusCode::OK);
        let place = text(&page.html, ".salon-place");
        let link = text(&page.html, ".salon-link");
        let calendar = ics(browser, &salon).await;
        let event = &events(&calendar)[0];
        if sees {
            assert_eq!(place, "Ry Bibliotek, Klostervej 1, 8680 Ry", "{who}");
            assert_eq!(link, "https://meet.example.dk/ry-hemmelig", "{who}");
            assert!(
                prop(event, "LOCATION").unwrap().contains("Klostervej"),
                "{who}"
            );
        } else {
            assert_eq!(place, "Ry Bibliotek, vises for tilmeldte", "{who}");
            assert_eq!(link, "vises for tilmeldte", "{who}");
            assert!(!page.body.contains("Klostervej"), "{who}");
            assert!(!page.body.contains("ry-hemmelig"), "{who}");
            assert!(!calendar.contains("ry-hemmelig"), "{who}");
            assert!(!calendar.contains("Klostervej"), "{who}");
            assert_eq!(prop(event, "LOCATION"), None, "{who}");
        }
    }
}

#[tokio::test]
async fn script_and_link_payloads_in_the_title_and_description_come_out_inert() {
    let app = TestApp::spawn().await;
    let rikke = host(&app).await;
    let mut form = salon_form(&app, "<script>alert('t')</script> Ry", None);
    form = set(
        form,
        "description",
        "<script>alert(1)</script>\n\n[klik](javascript:alert(2))\n\n<img src=x onerror=alert(3)>\n\n[godt](https://example.dk)",
    );
    let salon = create_salon(&rikke, &form).await;
    assert!(
        salon.path.ends_with("-script-alert-t-script-ry"),
        "{}",
        salon.path
    );
    // The host's account is new: links are text, and the payloads just as inert.
    let young = rikke.get(&salon.path).await;
    let description = young
        .html
        .select(&scraper::Selector::parse(".salon-description").unwrap())
        .next()
        .unwrap()
        .inner_html();
    for payload in ["<a", "<script", "javascript:", "onerror", "<img"] {
        assert!(!description.contains(payload), "{description}");
    }
    assert!(
        description.contains("godt (https://example.dk)"),
        "{description}"
    );
    // A day on, the host's links are links.
    app.clock.advance(Duration::days(1));
    let page = rikke.get(&salon.path).await;
    page.expect_page("<script>alert('t')</script> Ry");
    assert!(!page.body.contains("<script>alert"), "the title is escaped");
    let description = page
        .html
        .select(&scraper::Selector::parse(".salon-description").unwrap())
        .next()
        .unwrap()
        .inner_html();
    assert!(!description.contains("<script"), "{description}");
    assert!(!description.contains("javascript:"), "{description}");
    assert!(!description.contains("onerror"), "{description}");
    assert!(!description.contains("<img"), "{description}");
    assert!(
        description.contains(r#"href="https://example.dk""#),
        "{description}"
    );
    let stored: String = sqlx::query_scalar("SELECT description FROM salons WHERE id = $1")
        .bind(salon.id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert!(
        stored.contains("javascript:"),
        "the host's text is kept as written"
    );
}

#[tokio::test]
async fn an_old_slug_or_a_bare_id_redirects_to_the_canonical_address() {
    let app = TestApp::spawn().await;
    let rikke = host(&app).await;
    let salon = published_salon(&app, &rikke, None).await;
    for old in [
        format!("/salons/{}", salon.id),
        format!("/salons/{}-gammel-titel", salon.id),
    ] {
        let r = app.get(&old).await;
        assert_eq!(r.status(), StatusCode::PERMANENT_REDIRECT, "{old}");
        assert_eq!(r.headers()["location"].to_str().unwrap(), salon.path);
    }
    // A new title gives a new slug; the old address follows it.
    let session_id: Uuid = sqlx::query_scalar("SELECT id FROM salon_sessions WHERE salon_id = $1")
        .bind(salon.id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let form = set(
        salon_form(&app, "Æbler og ål i Ry", None),
        "session-0-id",
        &session_id.to_string(),
    );
    let r = post_form(&rikke, &format!("{}/edit", salon.path), &form).await;
    let new_path = format!("/salons/{}-aebler-og-aal-i-ry", salon.id);
    assert_eq!(r.location, Some(format!("{new_path}?done=saved")));
    let r = app.get(&salon.path).await;
    assert_eq!(r.status(), StatusCode::PERMANENT_REDIRECT);
    assert_eq!(r.headers()["location"].to_str().unwrap(), new_path);
}

#[tokio::test]
async fn the_calendar_file_parses_back_with_one_event_per_session_and_a_growing_sequence() {
    let app = TestApp::spawn().await;
    let rikke = host(&app).await;
    let mut form = salon_form(&app, "To aftener, i Ry", None);
    form.push(("session-1-date".into(), date_in(&app, 11)));
    form.push(("session-1-start".into(), "19:00".into()));
    form.push(("session-1-end".into(), "21:30".into()));
    let salon = create_salon(&rikke, &form).await;
    publish(&rikke, &salon).await;
    let r = app.get(&format!("{}/calendar.ics", salon.path)).await;
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/calendar")
    );
    let raw = ics(&app.browser(), &salon).await;
    assert!(raw.contains("SUMMARY:To aftener\\, i Ry\r\n"), "{raw}");
    let first = events(&raw);
    assert_eq!(first.len(), 2);
    let e = &first[0];
    let host = url::Url::parse(&app.address)
        .unwrap()
        .host_str()
        .unwrap()
        .to_string();
    assert!(prop(e, "UID").unwrap().ends_with(&format!("@{host}")));
    assert_eq!(prop(e, "DTSTART"), Some("20261205T130000Z"));
    assert_eq!(prop(e, "DTEND"), Some("20261205T150000Z"));
    assert_eq!(prop(&first[1], "DTSTART"), Some("20261212T180000Z"));
    assert!(prop(e, "DTSTAMP").is_some());
    assert_eq!(prop(e, "SUMMARY"), Some("To aftener, i Ry"));
    assert_eq!(prop(e, "STATUS"), Some("CONFIRMED"));
    assert_eq!(prop(e, "URL"), Some(app.url(&salon.path).as_str()));
    assert!(
        prop(e, "DESCRIPTION")
            .unwrap()
            .contains(&app.url(&salon.path))
    );
    assert_eq!(
        prop(e, "LOCATION"),
        Some("Ry Bibliotek, Klostervej 1, 8680 Ry")
    );
    let seq = |e: &[(String, String)]| prop(e, "SEQUENCE").unwrap().parse::<u32>().unwrap();

    // An edit keeps the UIDs and raises SEQUENCE.
    let edit = rikke.get(&format!("{}/edit", salon.path)).await;
    for i in 0..2 {
        let name = format!("session-{i}-id");
        let id = attr(&edit.html, &format!("input[name='{name}']"), "value").unwrap();
        form = set(form, &name, &id);
    }
    form = set(form, "session-1-start", "18:30");
    let r = post_form(&rikke, &format!("{}/edit", salon.path), &form).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let second = events(&ics(&app.browser(), &salon).await);
    assert_eq!(prop(&second[1], "UID"), prop(&first[1], "UID"));
    assert_eq!(prop(&second[1], "DTSTART"), Some("20261212T173000Z"));
    assert!(seq(&second[0]) > seq(&first[0]));
}

#[tokio::test]
async fn co_hosts_have_the_same_rights_and_the_last_host_cannot_be_removed() {
    let app = TestApp::spawn().await;
    let rikke = host(&app).await;
    let salon = create_salon(&rikke, &salon_form(&app, "Sammen", None)).await;
    let mads = app.verified_person("Mads Medvært", "mads@example.dk").await;
    app.registered_person("Ulla Ubekræftet", "ulla@example.dk")
        .await;
    assert_eq!(mads.get(&salon.path).await.status, StatusCode::NOT_FOUND);

    let hosts = format!("{}/hosts", salon.path);
    for (email, error) in [("ikke en adresse", "gyldig e-mailadresse"), ("", "Skriv")] {
        let r = rikke.post(&hosts, &[("email", email)]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{email}");
        assert!(
            text(&r.html, "#field-email-error").contains(error),
            "{email}: {}",
            r.body
        );
        assert_eq!(
            attr(&r.html, "#field-email", "value").as_deref(),
            Some(email)
        );
    }
    // Asked, Mads accepts: only then is he a host.
    add_cohost(&app, &rikke, &salon.path, &mads, "MADS@example.dk").await;
    assert!(
        mail_text(&app, "mads@example.dk", "invitation.cohost")
            .await
            .is_some()
    );

    // The co-host sees the draft, publishes it and may edit.
    assert_eq!(mads.get(&salon.path).await.status, StatusCode::OK);
    publish(&mads, &salon).await;
    assert_eq!(
        mads.get(&format!("{}/edit", salon.path)).await.status,
        StatusCode::OK
    );
    let page = app.page(&salon.path, StatusCode::OK).await;
    assert_eq!(
        texts(&page, ".salon-hosts li"),
        ["Rikke Vært", "Mads Medvært"]
    );

    // Mads removes Rikke; then he cannot remove himself, the last host.
    let ids: Vec<(Uuid, String)> = sqlx::query_as(
        "SELECT u.id, u.email FROM salon_hosts h JOIN users u ON u.id = h.user_id WHERE h.salon_id = $1",
    )
    .bind(salon.id)
    .fetch_all(&app.db)
    .await
    .unwrap();
    let id_of = |email: &str| ids.iter().find(|(_, e)| e == email).unwrap().0.to_string();
    let r = mads
        .post(&format!("{hosts}/remove"), &[("user", &id_of(HOST))])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(rikke.get(&hosts).await.status, StatusCode::NOT_FOUND);
    let r = mads
        .post(
            &format!("{hosts}/remove"),
            &[("user", &id_of("mads@example.dk"))],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(text(&r.html, "#remove-error").contains("mindst én vært"));
}

#[tokio::test]
async fn deleting_an_account_hands_salons_to_a_co_host_or_cancels_them_with_notice() {
    let app = TestApp::spawn().await;
    let rikke = host(&app).await;
    let shared = published_salon(&app, &rikke, None).await;
    let alone = create_salon(&rikke, &salon_form(&app, "Alene", None)).await;
    publish(&rikke, &alone).await;
    let mads = app.verified_person("Mads Medvært", "mads@example.dk").await;
    add_cohost(&app, &rikke, &shared.path, &mads, "mads@example.dk").await;
    app.verified_person("Bo Borger", "bo@example.dk").await;
    register_directly(&app, &alone, "bo@example.dk", "registered").await;

    // The data download lists the salons hosted.
    let r = rikke.get("/account/data.json").await;
    let data: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(data["salons_hosted"].as_array().unwrap().len(), 2);

    let r = rikke
        .post("/account/delete", &[("current_password", PASSWORD)])
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    app.run_jobs().await;

    assert_eq!(status_of(&app, &shared).await, "published");
    let page = mads.get(&shared.path).await;
    assert_eq!(texts(&page.html, ".salon-hosts li"), ["Mads Medvært"]);
    assert_eq!(texts(&page.html, ".host-actions").len(), 1);

    assert_eq!(status_of(&app, &alone).await, "cancelled");
    let mail = mail_text(&app, "bo@example.dk", "salon.cancelled")
        .await
        .expect("Bo is told");
    assert!(mail.contains("slettet sin konto"), "{mail}");
}

#[tokio::test]
async fn a_salon_started_from_a_format_lasts_as_long_as_its_programme_when_no_end_is_given() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Rikke Vært", HOST).await;
    // The form started from the coffee salon carries the format along.
    let page = host.get("/salons/new?format=kaffesalon").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        attr(&page.html, "form.salon-form input[name=guide]", "value").as_deref(),
        Some("kaffesalon")
    );
    let form = set(salon_form(&app, "Kaffe i Ry", None), "guide", "kaffesalon");
    let mut form = set(form, "session-0-end", "");
    form.extend([
        ("session-1-date".to_string(), date_in(&app, 5)),
        ("session-1-start".to_string(), "19:00".to_string()),
        ("session-1-end".to_string(), "21:00".to_string()),
    ]);
    let salon = create_salon(&host, &form).await;
    let minutes: Vec<f64> = sqlx::query_scalar(
        "SELECT extract(epoch FROM ends_at - starts_at)::float8 / 60 FROM salon_sessions
         WHERE salon_id = $1 ORDER BY starts_at",
    )
    .bind(salon.id)
    .fetch_all(&app.db)
    .await
    .unwrap();
    // 90 minutes where no end was typed; the end the host typed stays.
    assert_eq!(minutes, [90.0, 120.0]);
    // Without a format, a missing end is still an error.
    let r = post_form(
        &host,
        "/salons/new",
        &set(salon_form(&app, "Uden", None), "session-0-end", ""),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_host_copies_a_cancelled_salon_into_a_new_form_and_nothing_is_created_until_saved() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Rikke Vært", HOST).await;
    let form = set(
        salon_form(&app, "Stien langs søen", Some(20)),
        "visibility",
        "unlisted",
    );
    let salon = create_salon(&host, &form).await;
    publish(&host, &salon).await;
    let r = host
        .post(
            &format!("{}/cancel", salon.path),
            &[("message", "Vi må desværre aflyse.")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    // The host's salon page and "Mine saloner" both lead to the copy.
    let copy = format!("{}/copy", salon.path);
    let page = host.get(&salon.path).await;
    assert_eq!(
        attr(&page.html, "a.action-copy", "href"),
        Some(copy.clone())
    );
    assert_eq!(
        text(&page.html, "a.action-copy"),
        "Opret en ny salon ud fra denne"
    );
    let mine = host.get("/mine").await;
    assert_eq!(
        attr(&mine.html, ".mine-item-action a", "href"),
        Some(copy.clone())
    );

    // The new-salon form, filled with what the salon was about and where, but not when.
    let page = host.get(&copy).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(
        attr(&page.html, "form.salon-form", "action").as_deref(),
        Some("/salons/new")
    );
    let value = |name: &str| attr(&page.html, &format!("input[name={name}]"), "value");
    assert_eq!(value("title").as_deref(), Some("Stien langs søen"));
    assert_eq!(value("capacity").as_deref(), Some("20"));
    assert_eq!(value("place_name").as_deref(), Some("Ry Bibliotek"));
    assert_eq!(value("address").as_deref(), Some("Klostervej 1, 8680 Ry"));
    assert_eq!(value("session-0-date").as_deref(), Some(""));
    assert_eq!(value("session-0-id").as_deref(), Some(""));
    assert_eq!(
        text(&page.html, "textarea[name=description]"),
        "Vi drikker **kaffe** og taler om byen."
    );
    assert_eq!(
        attr(&page.html, "input[name=visibility][checked]", "value").as_deref(),
        Some("unlisted")
    );
    let salons: i64 = sqlx::query_scalar("SELECT count(*) FROM salons")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(salons, 1, "opening the copy creates nothing");

    // Only a host of the salon may copy it.
    let other = app.verified_person("Nina Nabo", "nina@example.dk").await;
    assert!(matches!(
        other.get(&copy).await.status,
        StatusCode::NOT_FOUND | StatusCode::FORBIDDEN
    ));
    let visitor = app.browser().get(&copy).await;
    assert_eq!(visitor.status, StatusCode::SEE_OTHER);
}
