//! After the salon: the summary, what publishing it does, and the reminders to write it.

use chrono::Duration;
use reqwest::StatusCode;

use crate::helpers::salons::published_salon;
use crate::helpers::{TestApp, text, texts};

async fn mails_with_subject(app: &TestApp, email: &str, start: &str) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM outbox WHERE to_address = $1 AND subject LIKE $2")
        .bind(email)
        .bind(format!("{start}%"))
        .fetch_one(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_published_summary_closes_the_salon_names_only_those_who_chose_and_tells_everyone() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    let salon = published_salon(&app, &host, Some(20)).await;
    let nina = app.verified_person("Nina Nabo", "nina@example.dk").await;
    let r = nina
        .post(&format!("{}/register", salon.path), &[("show_name", "on")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let otto = app.verified_person("Otto Anden", "otto@example.dk").await;
    let r = otto.post(&format!("{}/register", salon.path), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let admin = app.municipality_admin("skanderborg").await;
    crate::helpers::fixtures::invited_department(&app, &admin, &host, &salon.path).await;

    // Before the salon: a draft can be saved, not published.
    let form = host.get(&format!("{}/summary", salon.path)).await;
    assert_eq!(form.status, StatusCode::OK);
    let r = host
        .post(
            &format!("{}/summary", salon.path),
            &[("summary", "Vi talte om stien."), ("action", "publish")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains("først offentliggøres, når salonen er afholdt"),
        "{}",
        r.body
    );
    assert!(
        r.body.contains("Vi talte om stien."),
        "what was typed is kept"
    );
    let r = host
        .post(
            &format!("{}/summary", salon.path),
            &[("summary", "Kladde"), ("action", "save")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);

    // After it: the job marks it held, and the summary is published.
    app.clock.advance(Duration::days(5));
    app.run_jobs().await;
    let r = host
        .post(
            &format!("{}/summary", salon.path),
            &[("summary", ""), ("action", "publish")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Skriv referatet"));
    let r = host
        .post(
            &format!("{}/summary", salon.path),
            &[
                (
                    "summary",
                    "Vi talte om **stien** langs søen.<script>alert(1)</script>\n\n- Mere lys\n- Bænke",
                ),
                ("action", "publish"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = app.page(&salon.path, StatusCode::OK).await;
    let summary = page
        .select(&scraper::Selector::parse(".summary-text").unwrap())
        .next()
        .unwrap()
        .inner_html();
    assert!(summary.contains("<strong>stien</strong>"), "{summary}");
    assert!(!summary.contains("<script"), "{summary}");
    assert_eq!(text(&page, ".summary-took-part"), "Deltog: 2 borgere.");
    let names = text(&page, ".summary-names");
    assert!(
        names.contains("Nina Nabo") && !names.contains("Otto Anden"),
        "{names}"
    );
    let status: String = sqlx::query_scalar("SELECT status::text FROM salons WHERE id = $1")
        .bind(salon.id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(status, "closed");
    for who in ["nina@example.dk", "otto@example.dk", "olga@skanderborg.dk"] {
        assert_eq!(
            mails_with_subject(&app, who, "Referatet af").await,
            1,
            "{who}"
        );
    }
    assert_eq!(
        mails_with_subject(&app, "carl@example.dk", "Referatet af").await,
        0
    );
    // Editing the published summary mails no one again.
    let r = host
        .post(
            &format!("{}/summary", salon.path),
            &[("summary", "Rettet referat."), ("action", "publish")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        mails_with_subject(&app, "nina@example.dk", "Referatet af").await,
        1
    );
    assert_eq!(
        texts(
            &app.page(&salon.path, StatusCode::OK).await,
            ".summary-text"
        ),
        vec!["Rettet referat."]
    );
}

#[tokio::test]
async fn hosts_are_reminded_three_and_seven_days_after_until_the_summary_is_out() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    let salon = published_salon(&app, &host, Some(20)).await;
    let reminders = || mails_with_subject(&app, "carl@example.dk", "Husk referatet");
    // The session is four days ahead, 14:00–16:00; the job marks it held after that.
    app.clock.advance(Duration::days(5));
    app.run_jobs().await;
    assert_eq!(reminders().await, 0);
    app.clock.advance(Duration::days(3));
    app.run_jobs().await;
    assert_eq!(reminders().await, 1);
    app.run_jobs().await;
    assert_eq!(reminders().await, 1, "once");
    let r = host
        .post(
            &format!("{}/summary", salon.path),
            &[("summary", "Det gik godt."), ("action", "publish")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    app.clock.advance(Duration::days(4));
    app.run_jobs().await;
    assert_eq!(reminders().await, 1, "no reminder once it is published");
}

/// The front page's "latest summaries" come in the statement of its next salons; with no salon
/// ahead to carry them, they are read on their own. Both ways the page names the salon, where
/// it was and the summary's opening, newest first.
#[tokio::test]
async fn the_front_page_shows_the_latest_summaries_with_and_without_salons_ahead() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    let first = published_salon(&app, &host, Some(20)).await;
    let second = published_salon(&app, &host, Some(20)).await;
    app.clock.advance(Duration::days(5));
    app.run_jobs().await;
    for (salon, text) in [
        (&first, "Vi talte om **stien** langs søen.\n\n- Mere lys"),
        (&second, "Bænkene ved torvet skal males."),
    ] {
        let r = host
            .post(
                &format!("{}/summary", salon.path),
                &[("summary", text), ("action", "publish")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        app.clock.advance(Duration::minutes(1));
    }
    let expect = |page: &scraper::Html| {
        assert_eq!(
            texts(page, ".summary-card p:not(.muted)"),
            vec![
                "Bænkene ved torvet skal males.",
                "Vi talte om stien langs søen."
            ]
        );
        let links: Vec<String> = page
            .select(&scraper::Selector::parse(".summary-card h3 a").unwrap())
            .filter_map(|a| a.value().attr("href").map(str::to_string))
            .collect();
        assert_eq!(links, vec![second.path.clone(), first.path.clone()]);
        for place in texts(page, ".summary-card p.muted") {
            assert!(place.starts_with("Ry, Skanderborg · "), "{place}");
        }
    };

    // No salon ahead: the summaries on their own.
    let page = app.page("/", StatusCode::OK).await;
    assert!(texts(&page, ".next-salons .empty-state").len() == 1);
    expect(&page);

    // A salon ahead: the summaries with it.
    published_salon(&app, &host, Some(20)).await;
    let page = app.page("/", StatusCode::OK).await;
    assert!(texts(&page, ".next-salons .empty-state").is_empty());
    expect(&page);
}
