//! The record as data and as a picture: the CSV downloads say what the pages say, the chart's
//! data follows the worked example, and `/tal` shows every municipality from a summary a job
//! keeps up to date.

use std::collections::HashMap;

use reqwest::StatusCode;
use scraper::Html;

use crate::helpers::{TestApp, attr, text, texts};
use crate::invitations::worked_example;

/// A `;`-separated file with quoted cells and a byte-order mark, read back into rows.
pub(crate) fn parse_csv(body: &str) -> Vec<Vec<String>> {
    let body = body.strip_prefix('\u{feff}').expect("a byte-order mark");
    let mut rows = Vec::new();
    let (mut row, mut cell, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            ('"', _) => quoted = !quoted,
            (';', false) => row.push(std::mem::take(&mut cell)),
            ('\r', false) => {}
            ('\n', false) => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (c, _) => cell.push(c),
        }
    }
    rows
}

/// The CSV at `path`, as `key → value`, after checking it is a CSV download.
async fn figures_csv(app: &TestApp, path: &str) -> HashMap<String, String> {
    let r = app.get(path).await;
    assert_eq!(r.status(), StatusCode::OK, "GET {path}");
    assert_eq!(
        r.headers()["content-type"].to_str().unwrap(),
        "text/csv; charset=utf-8"
    );
    let rows = parse_csv(&r.text().await.unwrap());
    assert_eq!(rows[0], ["nøgle", "betydning", "værdi"]);
    rows.into_iter()
        .skip(1)
        .map(|r| (r[0].clone(), r[2].clone()))
        .collect()
}

/// The page's download links point where the files are.
fn download_links(page: &Html) -> (String, String) {
    (
        attr(page, ".record-csv", "href").expect("a CSV link"),
        attr(page, ".record-json", "href").expect("a JSON link"),
    )
}

#[tokio::test]
async fn the_worked_example_reads_the_same_in_the_page_and_the_csv() {
    let (s, slug) = worked_example().await;
    let page = s
        .app
        .page("/municipalities/skanderborg", StatusCode::OK)
        .await;
    let (csv, json) = download_links(&page);
    assert_eq!(csv, "/municipalities/skanderborg/record.csv");
    assert_eq!(json, "/api/v1/municipalities/skanderborg/record");
    let file = figures_csv(&s.app, &csv).await;
    // "4 af 5" on the page.
    assert_eq!(text(&page, ".record-replied"), "4 af 5");
    assert_eq!(
        (file["replied"].as_str(), file["counted"].as_str()),
        ("4", "5")
    );
    for (key, class) in [
        ("accepted", ".record-accepted"),
        ("declined", ".record-declined"),
        ("proposed", ".record-proposed"),
        ("unanswered", ".record-unanswered"),
        ("open_now", ".record-open"),
        ("open_over_14_days", ".record-open-old"),
    ] {
        assert_eq!(file[key], text(&page, class), "{key}");
    }
    // "3 dage" and "ikke besvaret", in seconds and in words.
    assert_eq!(text(&page, ".record-median"), "3 dage");
    assert_eq!(file["median_seconds"], (3 * 86_400).to_string());
    assert_eq!(text(&page, ".record-p90"), "ikke besvaret");
    assert_eq!(file["p90_seconds"], "unanswered");
    assert_eq!(file["period_to"], "2026-12-12");
    assert!(
        !file.contains_key("passed_on"),
        "a municipality passes nothing on"
    );

    let unit_page = s
        .app
        .page(
            &format!("/municipalities/skanderborg/units/{slug}"),
            StatusCode::OK,
        )
        .await;
    let (csv, json) = download_links(&unit_page);
    assert_eq!(
        csv,
        format!("/municipalities/skanderborg/units/{slug}/record.csv")
    );
    assert_eq!(
        json,
        format!("/api/v1/municipalities/skanderborg/units/{slug}/record")
    );
    let file = figures_csv(&s.app, &csv).await;
    assert_eq!(text(&unit_page, ".record-replied"), "3 af 4");
    assert_eq!(
        (file["replied"].as_str(), file["counted"].as_str()),
        ("3", "4")
    );
    assert_eq!(file["passed_on"], text(&unit_page, ".record-passed-on"));
}

#[tokio::test]
async fn an_unknown_municipality_or_unit_has_no_file() {
    let app = TestApp::spawn().await;
    for path in [
        "/municipalities/atlantis/record.csv",
        "/municipalities/skanderborg/units/atlantis/record.csv",
    ] {
        assert_eq!(
            app.get(path).await.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
}

#[tokio::test]
async fn the_chart_follows_the_worked_example_month_by_month_without_a_style_attribute() {
    let (s, slug) = worked_example().await;
    for path in [
        "/municipalities/skanderborg".to_string(),
        format!("/municipalities/skanderborg/units/{slug}"),
    ] {
        let r = s.app.get(&path).await;
        assert_eq!(r.status(), StatusCode::OK);
        let body = r.text().await.unwrap();
        let page = Html::parse_document(&body);
        // Twelve months, the last the one of the app clock, in Danish.
        let months = texts(&page, ".chart-row th");
        assert_eq!(months.len(), 12, "{path}");
        assert_eq!(months[0], "januar 2026");
        assert_eq!(months[11], "december 2026");
        let last = |class: &str| texts(&page, class)[11].clone();
        // Every invitation was sent in December.
        assert_eq!(texts(&page, ".chart-median")[10], "–");
        if path == "/municipalities/skanderborg" {
            assert_eq!(last(".chart-median"), "3 dage", "the record's median");
        }
        assert_eq!(
            last(".chart-p90"),
            "ikke besvaret",
            "D decides the 90th percentile"
        );
        assert_eq!(last(".chart-unanswered"), "1", "D");
        // Drawn as the table says: a p90 bar decided by silence, one mark for D.
        assert_eq!(
            page.select(&sel(".chart-answers .bar-p90.bar-silent"))
                .count(),
            1
        );
        assert_eq!(
            page.select(&sel(".chart-answers .mark-unanswered")).count(),
            1
        );
        assert_eq!(
            attr(&page, ".chart-answers", "viewBox").as_deref(),
            Some("0 0 720 300")
        );
        assert!(text(&page, ".chart-summary").contains("december 2026"));
        // The CSP forbids style attributes: none anywhere on the page.
        assert_eq!(page.select(&sel("[style]")).count(), 0, "{path}");
    }
}

fn sel(s: &str) -> scraper::Selector {
    scraper::Selector::parse(s).unwrap()
}

/// The text of Skanderborg's cell `class` on `/tal`.
fn skanderborg(page: &Html, class: &str) -> String {
    page.select(&sel(".national-row"))
        .find(|row| row.text().any(|t| t.contains("Skanderborg")))
        .and_then(|row| row.select(&sel(class)).next())
        .map(|c| c.text().collect::<String>().trim().to_string())
        .expect("Skanderborg's row")
}

#[tokio::test]
async fn denmark_side_by_side_is_refreshed_by_its_job_and_says_what_the_record_says() {
    let (s, _) = worked_example().await;
    let app = &s.app;
    let page = app.page("/tal", StatusCode::OK).await;
    assert!(text(&page, ".national-refreshed").contains("ikke beregnet"));
    assert_eq!(page.select(&sel(".national-row")).count(), 98);

    medspil::figures::schedule(&app.state).await.unwrap();
    app.run_jobs().await;
    let page = app.page("/tal", StatusCode::OK).await;
    assert_eq!(
        text(&page, ".national-refreshed"),
        "Opdateret lørdag 12. december kl. 10.00."
    );
    // The worked example: 4 of 5 replied, a median of 3 days, as on Skanderborg's page.
    assert_eq!(skanderborg(&page, ".n-invitations"), "5");
    assert_eq!(skanderborg(&page, ".n-replied"), "80 %");
    assert_eq!(skanderborg(&page, ".n-median"), "3 dage");
    assert_eq!(skanderborg(&page, ".n-done"), "0");

    // A sixth invitation: /tal says so at the next refresh, ten minutes on, not before.
    let salon = crate::helpers::salons::published_salon(app, &s.host, Some(20)).await;
    crate::helpers::fixtures::invite_unit(&s.host, &salon.path, &s.unit).await;
    app.run_jobs().await;
    let page = app.page("/tal", StatusCode::OK).await;
    assert_eq!(skanderborg(&page, ".n-invitations"), "5");
    app.clock.advance(chrono::Duration::minutes(10));
    app.run_jobs().await;
    let page = app.page("/tal", StatusCode::OK).await;
    assert_eq!(skanderborg(&page, ".n-invitations"), "6");
    assert!(text(&page, ".national-refreshed").contains("kl. 10.10"));

    // Sorted by links: most invitations first; a sort it does not know is the default.
    let page = app
        .page("/tal?sort=invitations&dir=desc", StatusCode::OK)
        .await;
    assert!(texts(&page, ".national-row th")[0].contains("Skanderborg"));
    assert_eq!(
        attr(&page, "th[aria-sort]", "aria-sort").as_deref(),
        Some("descending")
    );
    let page = app.page("/tal?sort=%FF&dir=up", StatusCode::OK).await;
    assert_eq!(
        texts(&page, "th[aria-sort]"),
        ["Kommune"],
        "by name, the default"
    );

    // The same as CSV and JSON.
    let rows = parse_csv(&app.get("/tal.csv").await.text().await.unwrap());
    let row = rows.iter().find(|r| r[1] == "skanderborg").unwrap();
    assert_eq!((row[3].as_str(), row[4].as_str()), ("6", "4"));
    let json: serde_json::Value =
        serde_json::from_str(&app.get("/tal.json").await.text().await.unwrap()).unwrap();
    let m = json["municipalities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["slug"] == "skanderborg")
        .unwrap();
    assert_eq!(m["invitations"], 6);
    assert_eq!(m["replied"], 4);
    assert_eq!(m["median_unanswered"], false);
}
