//! The poster on paper, in Chromium: printed to PDF it is exactly one A4 page (two A5 posters:
//! one A4 sheet on its side), and the QR code in a screenshot of it reads as the salon's
//! address.

use std::io::Cursor;
use std::path::Path;

use base64::Engine;
use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, Locator};
use serde_json::json;

use super::page::Chromium;
use crate::helpers::TestApp;
use crate::helpers::salons::{published_from, salon_form};

#[tokio::test]
async fn the_poster_prints_on_one_a4_page_and_its_qr_code_reads_as_the_salons_address() {
    if !super::driver::available("poster") {
        return;
    }
    let app = TestApp::spawn().await;
    let host = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    let salon = published_from(&host, &salon_form(&app, "Liv i Ry bymidte", Some(20))).await;
    let mut browser = Chromium::start(&app.address, "poster", true, false).await;
    let dir = super::driver::output_dir("poster-pdf");

    browser
        .open(&format!("{}/poster?phone=12+34+56+78", salon.path))
        .await;
    browser.sees("12 34 56 78").await;
    browser.shot("poster A4").await;
    let pdf = print_to_pdf(&browser.client, &dir.join("poster-a4.pdf")).await;
    assert_eq!(page_count(&pdf), 1, "the A4 poster is one page");
    assert_eq!(media_boxes(&pdf), [(595, 842)], "an upright A4 page");

    // The code as the screen shows it, read back by a QR decoder.
    let qr = browser
        .client
        .find(Locator::Css(".poster-qr-box"))
        .await
        .expect("the QR code");
    let png = qr.screenshot().await.expect("a screenshot of the code");
    std::fs::write(dir.join("qr.png"), &png).unwrap();
    assert_eq!(decode_qr(&png), app.url(&salon.path));

    browser
        .open(&format!("{}/poster?size=a5", salon.path))
        .await;
    browser.shot("poster A5").await;
    let pdf = print_to_pdf(&browser.client, &dir.join("poster-a5.pdf")).await;
    assert_eq!(page_count(&pdf), 1, "two A5 posters on one sheet");
    assert_eq!(media_boxes(&pdf), [(842, 595)], "an A4 sheet on its side");
    browser.close().await;
}

/// chromedriver's door to the DevTools protocol: `Page.printToPDF` honours the page's own
/// `@page` size, which WebDriver's standard print command overrides with its paper.
#[derive(Debug)]
struct PrintToPdf;

impl WebDriverCompatibleCommand for PrintToPdf {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/goog/cdp/execute",
            session.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (axum::http::Method, Option<String>) {
        let body = json!({
            "cmd": "Page.printToPDF",
            "params": { "preferCSSPageSize": true, "printBackground": true },
        });
        (axum::http::Method::POST, Some(body.to_string()))
    }
}

/// The page shown, printed as Chromium prints it, saved at `path` for a person to look at.
async fn print_to_pdf(client: &Client, path: &Path) -> Vec<u8> {
    let value = client.issue_cmd(PrintToPdf).await.expect("Page.printToPDF");
    let data = value["data"].as_str().expect("the PDF, base64");
    let pdf = base64::engine::general_purpose::STANDARD
        .decode(data)
        .expect("base64");
    std::fs::write(path, &pdf).unwrap();
    pdf
}

/// The PDF's page objects: `/Type /Page`, not the `/Type /Pages` tree above them.
fn page_count(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.match_indices("/Type /Page")
        .filter(|(at, m)| !text[at + m.len()..].starts_with('s'))
        .count()
}

/// Each page's `/MediaBox` as whole points (width, height).
fn media_boxes(pdf: &[u8]) -> Vec<(i64, i64)> {
    let text = String::from_utf8_lossy(pdf);
    text.match_indices("/MediaBox [")
        .map(|(at, m)| {
            let inside = text[at + m.len()..].split(']').next().unwrap();
            let n: Vec<f64> = inside
                .split_whitespace()
                .map(|v| v.parse().expect("a number"))
                .collect();
            ((n[2] - n[0]).round() as i64, (n[3] - n[1]).round() as i64)
        })
        .collect()
}

/// The text of the one QR code in a PNG.
fn decode_qr(png: &[u8]) -> String {
    let mut decoder = png::Decoder::new(Cursor::new(png));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("a sane size")];
    let info = reader.next_frame(&mut buf).expect("its pixels");
    let channels = info.color_type.samples();
    let (w, h) = (info.width as usize, info.height as usize);
    // A white margin around the element's picture: its edge may fall inside the code's own
    // quiet zone, which a decoder needs to find the corners.
    const PAD: usize = 24;
    let mut image =
        rqrr::PreparedImage::prepare_from_greyscale(w + 2 * PAD, h + 2 * PAD, |x, y| {
            if x < PAD || y < PAD || x >= w + PAD || y >= h + PAD {
                return 255;
            }
            let (x, y) = (x - PAD, y - PAD);
            let at = (y * w + x) * channels;
            if channels >= 3 {
                ((u16::from(buf[at]) + u16::from(buf[at + 1]) + u16::from(buf[at + 2])) / 3) as u8
            } else {
                buf[at]
            }
        });
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code in the picture");
    grids[0].decode().expect("a readable QR code").1
}
