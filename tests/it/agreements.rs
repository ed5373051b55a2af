//! Next steps: hosts add them, the owning unit accepts or refuses, updates form a timeline that
//! reaches the hosts and those registered, and open, done and overdue show where they belong.

use chrono::Duration;
use reqwest::StatusCode;

use crate::helpers::salons::{date_in, published_salon};
use crate::helpers::{TestApp, text, texts};

async fn agreement_of(app: &TestApp, description: &str) -> String {
    sqlx::query_scalar("SELECT id::text FROM agreements WHERE description = $1")
        .bind(description)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

/// The inbox's next steps (`agreement_lines_owned`, migration 0092) are the rows
/// `agreement_lines` gives for the owner, in the same order, for every person, from public
/// salons only and from all; and someone owns one, so the comparison is about something.
async fn owned_lines_agree(app: &TestApp) {
    let rows: Vec<(String, bool, String, String)> = sqlx::query_as(
        "SELECT u.email, v.p,
                (SELECT coalesce(json_agg(l ORDER BY l.position), '[]')::text
                 FROM agreement_lines(NULL, NULL, NULL, u.id, v.p) l),
                (SELECT coalesce(json_agg(l ORDER BY l.position), '[]')::text
                 FROM agreement_lines_owned(u.id, v.p) l)
         FROM users u, (VALUES (true), (false)) v(p)",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    for (who, public_only, all, owned) in &rows {
        assert_eq!(owned, all, "{who}, public only: {public_only}");
    }
    assert!(rows.iter().any(|r| r.3 != "[]"), "nobody owns a next step");
}

#[tokio::test]
async fn a_unit_takes_a_next_step_updates_it_to_done_and_everyone_follows() {
    let app = TestApp::spawn().await;
    let admin = app.municipality_admin("skanderborg").await;
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    let salon = published_salon(&app, &host, Some(20)).await;
    let nina = app.verified_person("Nina Nabo", "nina@example.dk").await;
    nina.post(&format!("{}/register", salon.path), &[]).await;
    crate::helpers::fixtures::invited_department(&app, &admin, &host, &salon.path).await;
    let olga = app.browser();
    olga.post(
        "/sign-in",
        &[
            ("email", "olga@skanderborg.dk"),
            ("password", crate::helpers::PASSWORD),
        ],
    )
    .await;
    let unit: String =
        sqlx::query_scalar("SELECT id::text FROM units WHERE name = 'Teknik og Miljø'")
            .fetch_one(&app.db)
            .await
            .unwrap();

    // Errors come back by the fields, with what was typed.
    let r = host
        .post(
            &format!("{}/agreements", salon.path),
            &[("description", ""), ("owner", ""), ("due_on", "i morgen")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("Skriv, hvad der er aftalt") && r.body.contains("Vælg, hvem der tager den")
    );
    let owner = format!("unit:{unit}");
    let due = date_in(&app, 20);
    let r = host
        .post(
            &format!("{}/agreements", salon.path),
            &[
                ("description", "Mere lys ved stien ned til søen"),
                ("owner", owner.as_str()),
                ("due_on", due.as_str()),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = host
        .post(
            &format!("{}/agreements", salon.path),
            &[
                ("description", "Vi samler underskrifter"),
                ("owner", "citizens"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let id = agreement_of(&app, "Mere lys ved stien ned til søen").await;
    owned_lines_agree(&app).await;
    // The unit is asked; until it answers it is proposed.
    assert_eq!(
        app.link_in_mail("olga@skanderborg.dk").await,
        format!("/agreements/{id}")
    );
    let page = app.page(&salon.path, StatusCode::OK).await;
    assert_eq!(
        texts(&page, ".salon-agreements .agreement-status"),
        vec!["Foreslået", "Aftalt"]
    );
    // Only those answering for the unit act on it.
    assert_eq!(
        host.post(&format!("/agreements/{id}/accept"), &[])
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let inbox = olga.get("/inbox").await;
    assert!(inbox.body.contains("Mere lys ved stien ned til søen"));
    let r = olga.post(&format!("/agreements/{id}/accept"), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = olga
        .post(
            &format!("/agreements/{id}/status"),
            &[("status", "in_progress"), ("note", "Lamperne er bestilt.")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = olga
        .post(
            &format!("/agreements/{id}/status"),
            &[("status", "done"), ("note", "Lyset er tændt.")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    // The timeline is public, and the hosts and those registered were told each time.
    let page = app.page(&format!("/agreements/{id}"), StatusCode::OK).await;
    let timeline = texts(&page, ".agreement-timeline li");
    assert_eq!(timeline.len(), 4, "{timeline:?}");
    assert!(timeline[3].contains("Gennemført") && timeline[3].contains("Lyset er tændt."));
    for who in ["carl@example.dk", "nina@example.dk"] {
        let n: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM outbox WHERE to_address = $1 AND kind = 'agreement.update'",
        )
        .bind(who)
        .fetch_one(&app.db)
        .await
        .unwrap();
        assert_eq!(n, 3, "{who}: accepted, in progress, done");
    }
    // Done ones no longer wait; the municipality's page counts them.
    let m = app
        .page("/municipalities/skanderborg", StatusCode::OK)
        .await;
    assert_eq!(
        text(&m, ".agreement-counts"),
        "1 åbne, 1 gennemført, 0 forsinket, 0 ikke besvaret"
    );
    owned_lines_agree(&app).await;
    // The owners' lists stay the same rows when the unit has nobody answering for it any more
    // and when the salon is hidden or unlisted.
    sqlx::query("UPDATE role_units SET answers_for = false")
        .execute(&app.db)
        .await
        .unwrap();
    owned_lines_agree(&app).await;
    sqlx::query("UPDATE salons SET hidden_reason = 'Stødende'")
        .execute(&app.db)
        .await
        .unwrap();
    owned_lines_agree(&app).await;
    sqlx::query("UPDATE salons SET hidden_reason = NULL, visibility = 'unlisted'")
        .execute(&app.db)
        .await
        .unwrap();
    owned_lines_agree(&app).await;
}

#[tokio::test]
async fn a_refusal_needs_a_reason_and_a_taken_step_past_its_date_is_overdue() {
    let app = TestApp::spawn().await;
    let admin = app.municipality_admin("skanderborg").await;
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    let salon = published_salon(&app, &host, Some(20)).await;
    crate::helpers::fixtures::invited_department(&app, &admin, &host, &salon.path).await;
    let olga = app.browser();
    olga.post(
        "/sign-in",
        &[
            ("email", "olga@skanderborg.dk"),
            ("password", crate::helpers::PASSWORD),
        ],
    )
    .await;
    let unit: String =
        sqlx::query_scalar("SELECT id::text FROM units WHERE name = 'Teknik og Miljø'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    let owner = format!("unit:{unit}");
    for (what, days) in [("Bænke ved åen", 5), ("Ny busrute", 5)] {
        let due = date_in(&app, days);
        let r = host
            .post(
                &format!("{}/agreements", salon.path),
                &[
                    ("description", what),
                    ("owner", owner.as_str()),
                    ("due_on", due.as_str()),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
    }
    let bus = agreement_of(&app, "Ny busrute").await;
    let r = olga
        .post(&format!("/agreements/{bus}/refuse"), &[("reason", "")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = olga
        .post(
            &format!("/agreements/{bus}/refuse"),
            &[("reason", "Busser hører under Midttrafik.")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = app
        .page(&format!("/agreements/{bus}"), StatusCode::OK)
        .await;
    assert_eq!(
        text(&page, "dd.agreement-status"),
        "Afvist af kommunen: Busser hører under Midttrafik."
    );
    // A refused step cannot be accepted afterwards.
    assert_eq!(
        olga.post(&format!("/agreements/{bus}/accept"), &[])
            .await
            .status,
        StatusCode::CONFLICT
    );

    // Only a step its owner took can be late: the benches are taken with their date.
    let benches = agreement_of(&app, "Bænke ved åen").await;
    let due = date_in(&app, 5);
    let r = olga
        .post(
            &format!("/agreements/{benches}/accept"),
            &[("due_on", due.as_str())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    app.clock.advance(Duration::days(7));
    let slug: String = sqlx::query_scalar("SELECT slug FROM units WHERE id = $1::uuid")
        .bind(&unit)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let unit_page = app
        .page(
            &format!("/municipalities/skanderborg/units/{slug}"),
            StatusCode::OK,
        )
        .await;
    assert_eq!(
        text(&unit_page, ".agreement-counts"),
        "1 åbne, 0 gennemført, 1 forsinket, 0 ikke besvaret"
    );
    assert_eq!(
        texts(&unit_page, ".agreement-overdue .agreement-description"),
        vec!["Bænke ved åen"]
    );
    owned_lines_agree(&app).await;
}

/// A next step a person in a municipal role owns names them with a link to their public
/// profile, as every line naming a person in a role does; the citizens' own steps link nowhere.
#[tokio::test]
async fn a_next_step_owned_by_an_official_links_to_their_profile() {
    let app = TestApp::spawn().await;
    let admin = app.municipality_admin("skanderborg").await;
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    let salon = published_salon(&app, &host, Some(20)).await;
    crate::helpers::fixtures::invited_department(&app, &admin, &host, &salon.path).await;
    let olga: String =
        sqlx::query_scalar("SELECT id::text FROM users WHERE email = 'olga@skanderborg.dk'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    let owner = format!("person:{olga}");
    for (description, owner) in [
        ("Olga ser på skiltningen", owner.as_str()),
        ("Vi samler underskrifter", "citizens"),
    ] {
        let r = host
            .post(
                &format!("{}/agreements", salon.path),
                &[("description", description), ("owner", owner)],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    }
    let page = app.browser().get(&salon.path).await;
    let links: Vec<String> = page
        .html
        .select(&scraper::Selector::parse(".agreement-facts a.agreement-owner").unwrap())
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    assert_eq!(links, [format!("/people/{olga}")]);
    let profile = app.browser().get(&links[0]).await;
    assert_eq!(profile.status, StatusCode::OK);
    owned_lines_agree(&app).await;
}
