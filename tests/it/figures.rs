//! The record as data and as a picture: the CSV downloads say what the pages say, the chart's
//! data follows the worked example, and `/tal` shows every municipality from a summary a job
//! keeps up to date.

use std::collections::HashMap;

use reqwest::StatusCode;
use scraper::Html;

use crate::helpers::{TestApp, attr, text};
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
