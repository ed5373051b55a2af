//! A picture for each salon: what a host may upload, what is kept of it, and who is served it.
//! Every file is made here, in the test: photos with the `image` crate, the rest by hand.

use std::io::{Cursor, Write};
use std::time::{Duration, Instant};

use image::{ImageBuffer, ImageFormat, Rgb, Rgba};
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use uuid::Uuid;

use crate::helpers::browser::{Browser, Response};
use crate::helpers::process::AppProcess;
use crate::helpers::salons::{
    SalonRef, create_salon, published_from, published_salon, salon_form, set,
};
use crate::helpers::{Options, TestApp, attr, text};

const ALT: &str = "Ry Torv en lørdag formiddag";

/// A photo-like gradient, `width` × `height`.
fn photo(width: u32, height: u32) -> ImageBuffer<Rgb<u8>, Vec<u8>> {
    ImageBuffer::from_fn(width, height, |x, y| {
        Rgb([(x * 255 / width) as u8, (y * 255 / height) as u8, 120])
    })
}

fn encoded(img: &image::DynamicImage, format: ImageFormat) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    img.write_to(&mut out, format).unwrap();
    out.into_inner()
}

fn jpeg(width: u32, height: u32) -> Vec<u8> {
    encoded(&photo(width, height).into(), ImageFormat::Jpeg)
}

/// A JPEG as a phone writes it: an EXIF segment with where it was taken (GPS latitude
/// 56° 5' N) and the camera's owner, right after the start marker.
fn jpeg_with_gps(width: u32, height: u32) -> Vec<u8> {
    let plain = jpeg(width, height);
    // TIFF, big-endian: IFD0 with one entry pointing at the GPS IFD, which holds the
    // latitude's reference and its three rationals.
    let mut tiff: Vec<u8> = b"MM\0\x2a\0\0\0\x08".to_vec();
    tiff.extend([0, 1, 0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 26, 0, 0, 0, 0]);
    tiff.extend([0, 2]);
    tiff.extend([0, 1, 0, 2, 0, 0, 0, 2, b'N', 0, 0, 0]);
    tiff.extend([0, 2, 0, 5, 0, 0, 0, 3, 0, 0, 0, 56]);
    tiff.extend([0, 0, 0, 0]);
    for (n, d) in [(56u32, 1u32), (5, 1), (0, 1)] {
        tiff.extend(n.to_be_bytes());
        tiff.extend(d.to_be_bytes());
    }
    tiff.extend(b"Owner: Carl Borger, Klostervej 1\0");
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend(tiff);
    let mut out = plain[..2].to_vec();
    out.extend([0xFF, 0xE1]);
    out.extend(((app1.len() + 2) as u16).to_be_bytes());
    out.extend(app1);
    out.extend(&plain[2..]);
    out
}

/// A PNG chunk: length, type, data, CRC.
fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend((data.len() as u32).to_be_bytes());
    let mut crc = flate2::Crc::new();
    crc.update(kind);
    crc.update(data);
    out.extend(kind);
    out.extend(data);
    out.extend(crc.sum().to_be_bytes());
}

/// A valid 20,000 × 20,000 black-and-white PNG: 400 megapixels that compress to some 50 KB.
fn png_bomb() -> Vec<u8> {
    let side: u32 = 20_000;
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend(side.to_be_bytes());
    ihdr.extend(side.to_be_bytes());
    ihdr.extend([1, 0, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    let row = vec![0u8; 1 + side as usize / 8];
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    for _ in 0..side {
        z.write_all(&row).unwrap();
    }
    chunk(&mut out, b"IDAT", &z.finish().unwrap());
    chunk(&mut out, b"IEND", &[]);
    out
}

fn file_part(bytes: Vec<u8>, name: &str, declared: &str) -> Part {
    Part::bytes(bytes)
        .file_name(name.to_string())
        .mime_str(declared)
        .unwrap()
}

async fn upload(host: &Browser, salon: &SalonRef, file: Part, alt: &str) -> Response {
    let form = Form::new()
        .part("picture", file)
        .text("alt", alt.to_string());
    host.post_multipart(&format!("{}/picture", salon.path), form)
        .await
}

/// The stored files: (hash, width, height, bytes), narrowest first.
async fn stored(app: &TestApp, salon: Uuid) -> Vec<(String, i32, i32, Vec<u8>)> {
    sqlx::query_as(
        "SELECT hash, width, height, bytes FROM salon_picture_files WHERE salon_id = $1 ORDER BY width",
    )
    .bind(salon)
    .fetch_all(&app.db)
    .await
    .unwrap()
}

async fn rows(app: &TestApp) -> (i64, i64) {
    sqlx::query_as(
        "SELECT (SELECT count(*) FROM salon_pictures), (SELECT count(*) FROM salon_picture_files)",
    )
    .fetch_one(&app.db)
    .await
    .unwrap()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[track_caller]
fn saved(r: &Response) {
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
}

#[track_caller]
fn refused_by_the_field(r: &Response, message: &str) {
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(
        text(&r.html, "#field-picture-error"),
        format!("Fejl:{message}")
    );
    assert_eq!(
        attr(&r.html, "#field-picture", "aria-invalid").as_deref(),
        Some("true")
    );
}

#[tokio::test]
async fn a_photo_is_kept_at_three_widths_without_where_it_was_taken() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    let salon = published_salon(&app, &host, Some(20)).await;
    let original = jpeg_with_gps(2400, 1600);
    assert!(contains(&original, b"Exif") && contains(&original, b"Klostervej"));

    let r = upload(
        &host,
        &salon,
        file_part(original, "IMG_0042.jpg", "image/jpeg"),
        ALT,
    )
    .await;
    saved(&r);
    let files = stored(&app, salon.id).await;
    let sizes: Vec<_> = files.iter().map(|(_, w, h, _)| (*w, *h)).collect();
    assert_eq!(sizes, [(400, 267), (800, 533), (1600, 1067)]);
    for (_, _, _, bytes) in &files {
        assert!(bytes.starts_with(&[0xFF, 0xD8]), "a JPEG");
        assert!(!contains(bytes, b"Exif"), "no EXIF is kept");
        assert!(
            !contains(bytes, b"Klostervej"),
            "nothing of the original's metadata"
        );
    }

    // The page shows it without layout shift, the largest as the link preview.
    let page = app.browser().get(&salon.path).await;
    let img = ".salon-picture img";
    assert_eq!(attr(&page.html, img, "alt").as_deref(), Some(ALT));
    assert_eq!(attr(&page.html, img, "width").as_deref(), Some("1600"));
    assert_eq!(attr(&page.html, img, "height").as_deref(), Some("1067"));
    assert!(attr(&page.html, img, "sizes").is_some());
    let srcset = attr(&page.html, img, "srcset").unwrap();
    let hash = &files[0].0;
    for w in [400, 800, 1600] {
        assert!(
            srcset.contains(&format!("/picture/{hash}-{w}.jpg {w}w")),
            "{srcset}"
        );
    }
    let og = attr(&page.html, "meta[property='og:image']", "content").unwrap();
    assert!(
        og.starts_with("http") && og.ends_with(&format!("{hash}-1600.jpg")),
        "{og}"
    );
    assert!(
        page.html
            .select(&scraper::Selector::parse(".salon-illustration").unwrap())
            .next()
            .is_none()
    );

    // What is served is what was stored: the re-encoding, not the upload.
    let src = attr(&page.html, img, "src").unwrap();
    let served = app.get(&src).await;
    assert_eq!(served.status(), StatusCode::OK);
    assert_eq!(served.headers()["content-type"], "image/jpeg");
    let body = served.bytes().await.unwrap();
    assert_eq!(body.as_ref(), files[1].3.as_slice());

    // The poster prints it at its widest, above the title.
    let poster = app.browser().get(&format!("{}/poster", salon.path)).await;
    assert_eq!(poster.status, StatusCode::OK, "{}", poster.body);
    let printed = attr(&poster.html, ".poster-picture", "src").unwrap();
    assert!(printed.ends_with(&format!("{hash}-1600.jpg")), "{printed}");
    assert_eq!(
        attr(&poster.html, ".poster-picture", "alt").as_deref(),
        Some(ALT)
    );
}

#[tokio::test]
async fn a_png_and_a_webp_are_taken_and_replacing_deletes_the_old_files() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    let salon = published_salon(&app, &host, Some(20)).await;

    // A PNG with transparency: shown on white, as a JPEG.
    let png = encoded(
        &ImageBuffer::from_pixel(640, 480, Rgba([0u8, 0, 0, 0])).into(),
        ImageFormat::Png,
    );
    saved(&upload(&host, &salon, file_part(png, "logo.png", "image/png"), ALT).await);
    let first = stored(&app, salon.id).await;
    assert_eq!(first.len(), 1, "640 px wide: only the 400 px width");
    let decoded = image::load_from_memory(&first[0].3).unwrap().into_rgb8();
    assert_eq!(decoded.get_pixel(10, 10).0.map(|c| c > 245), [true; 3]);

    let webp = encoded(&photo(900, 600).into(), ImageFormat::WebP);
    let r = upload(
        &host,
        &salon,
        file_part(webp, "torv.webp", "image/webp"),
        "Ry Torv",
    )
    .await;
    saved(&r);
    let second = stored(&app, salon.id).await;
    let widths: Vec<_> = second.iter().map(|f| f.1).collect();
    assert_eq!(widths, [400, 800]);
    assert!(
        second.iter().all(|f| f.0 != first[0].0),
        "the old files are gone"
    );
    assert_eq!(rows(&app).await, (1, 2));
    let old = format!("/salons/{}/picture/{}-400.jpg", salon.id, first[0].0);
    assert_eq!(app.get(&old).await.status(), StatusCode::NOT_FOUND);

    // The alt text alone may change; then the picture is removed.
    let form = Form::new()
        .part(
            "picture",
            file_part(Vec::new(), "", "application/octet-stream"),
        )
        .text("alt", "Torvet i Ry");
    saved(
        &host
            .post_multipart(&format!("{}/picture", salon.path), form)
            .await,
    );
    let page = host.get(&salon.path).await;
    assert_eq!(
        attr(&page.html, ".salon-picture img", "alt").as_deref(),
        Some("Torvet i Ry")
    );
    let r = host
        .post(&format!("{}/picture/remove", salon.path), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(rows(&app).await, (0, 0));
    let page = app.browser().get(&salon.path).await;
    assert!(
        page.html
            .select(&scraper::Selector::parse("svg.illustration-in_person").unwrap())
            .next()
            .is_some()
    );
}

#[tokio::test]
async fn anything_but_the_three_formats_is_refused_by_the_field_and_nothing_is_stored() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    let salon = published_salon(&app, &host, Some(20)).await;
    let format =
        "Filen er ikke et JPEG-, PNG- eller WebP-billede. Vælg et billede i et af de tre formater.";
    let broken = "Billedet kan ikke åbnes. Det er måske ikke kommet helt med. Prøv igen, eller vælg et andet billede.";
    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>"#;
    let whole_jpeg = jpeg(800, 600);
    let whole_png = encoded(&photo(300, 200).into(), ImageFormat::Png);
    // A PNG's signature in front of a web page; and a whole PNG with a ZIP and a web page
    // after it (a polyglot: a picture to one program, an archive or a page to another).
    let mut disguised = whole_png[..16].to_vec();
    disguised.extend(b"<html><script>alert(1)</script></html>");
    let mut polyglot = whole_png.clone();
    polyglot.extend(b"PK\x03\x04\x14\0\0\0<html><script>alert(1)</script></html>");
    let cases: Vec<(&str, Vec<u8>, &str, &str, &str)> = vec![
        (
            "an SVG",
            svg.to_vec(),
            "tegning.svg",
            "image/svg+xml",
            format,
        ),
        (
            "an SVG named .jpg",
            svg.to_vec(),
            "tegning.jpg",
            "image/jpeg",
            format,
        ),
        (
            "text named .jpg",
            b"Hej med dig".to_vec(),
            "brev.jpg",
            "image/jpeg",
            format,
        ),
        (
            "a GIF",
            b"GIF89a\x01\0\x01\0\0\0\0;".to_vec(),
            "anim.gif",
            "image/gif",
            format,
        ),
        (
            "a PDF named .png",
            b"%PDF-1.7\n%...".to_vec(),
            "plakat.png",
            "image/png",
            format,
        ),
        (
            "a truncated JPEG",
            whole_jpeg[..whole_jpeg.len() / 2].to_vec(),
            "halv.jpg",
            "image/jpeg",
            broken,
        ),
        (
            "a truncated PNG",
            whole_png[..whole_png.len() / 2].to_vec(),
            "halv.png",
            "image/png",
            broken,
        ),
        (
            "a web page behind a PNG's signature",
            disguised,
            "side.png",
            "image/png",
            broken,
        ),
        ("a polyglot", polyglot, "billede.png", "image/png", broken),
    ];
    for (what, bytes, name, declared, message) in cases {
        let r = upload(&host, &salon, file_part(bytes, name, declared), ALT).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{what}: {}",
            r.body
        );
        refused_by_the_field(&r, message);
        // The alt text typed is kept for the next try.
        assert_eq!(
            attr(&r.html, "#field-alt", "value").as_deref(),
            Some(ALT),
            "{what}"
        );
        assert_eq!(rows(&app).await, (0, 0), "{what} stored something");
    }

    // No file, or no alt text: said by the field.
    let r = upload(
        &host,
        &salon,
        file_part(Vec::new(), "", "application/octet-stream"),
        ALT,
    )
    .await;
    refused_by_the_field(&r, "Vælg et billede.");
    let r = upload(
        &host,
        &salon,
        file_part(jpeg(500, 400), "a.jpg", "image/jpeg"),
        "  ",
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        text(&r.html, "#field-alt-error"),
        "Fejl:Skriv, hvad billedet viser."
    );
    assert_eq!(rows(&app).await, (0, 0));

    // The bytes decide, not the name: a JPEG named .png and declared as a PNG is a JPEG, and
    // taken as one.
    let r = upload(
        &host,
        &salon,
        file_part(jpeg(500, 400), "foto.png", "image/png"),
        ALT,
    )
    .await;
    saved(&r);
    assert_eq!(rows(&app).await, (1, 1));
}

#[tokio::test]
async fn a_decompression_bomb_is_refused_from_its_header_at_once() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    let salon = published_salon(&app, &host, Some(20)).await;
    let bomb = png_bomb();
    assert!(bomb.len() < 100_000, "{} bytes", bomb.len());

    let started = Instant::now();
    let r = upload(&host, &salon, file_part(bomb, "kort.png", "image/png"), ALT).await;
    let took = started.elapsed();
    refused_by_the_field(
        &r,
        "Billedet har mere end 40 megapixel. Gør det mindre, og prøv igen.",
    );
    assert!(took < Duration::from_secs(3), "took {took:?}");
    assert_eq!(rows(&app).await, (0, 0));
}

#[tokio::test]
async fn a_file_over_10_mb_is_refused_and_nothing_is_stored() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    let salon = published_salon(&app, &host, Some(20)).await;
    // Just over 10 MB: the form comes back with the message by the field.
    let mut just_over = jpeg(400, 300);
    just_over.resize(10 * 1024 * 1024 + 1024, 0);
    let r = upload(
        &host,
        &salon,
        file_part(just_over, "stor.jpg", "image/jpeg"),
        ALT,
    )
    .await;
    refused_by_the_field(
        &r,
        "Billedet fylder mere end 10 MB. Vælg et mindre billede.",
    );
    // 11 MB is over the route's limit: refused before anything reads it, as every route does.
    // The server answers 413 from the length alone and closes the connection: the client may
    // see the answer, or only the closed connection while it is still sending.
    let eleven = vec![0xFFu8; 11 * 1024 * 1024];
    let form = Form::new()
        .part("picture", file_part(eleven, "meget-stor.jpg", "image/jpeg"))
        .text("alt", ALT);
    let sent = host
        .client
        .post(format!("{}{}/picture", host.base, salon.path))
        .header("origin", &host.base)
        .multipart(form)
        .send()
        .await;
    if let Ok(r) = sent {
        assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
    }
    assert_eq!(rows(&app).await, (0, 0));
    // Other routes still refuse 70 KB.
    let huge = "a".repeat(70 * 1024);
    let r = host
        .post(&format!("{}/summary", salon.path), &[("summary", &huge)])
        .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn a_picture_is_cached_as_its_salon_may_be_seen() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    let visitor = app.browser();
    let mut salons = Vec::new();
    for visibility in ["public", "unlisted", "invite_only"] {
        let form = set(
            salon_form(&app, &format!("Salon {visibility}"), Some(20)),
            "visibility",
            visibility,
        );
        let salon = published_from(&host, &form).await;
        saved(
            &upload(
                &host,
                &salon,
                file_part(jpeg(800, 600), "a.jpg", "image/jpeg"),
                ALT,
            )
            .await,
        );
        let url = format!(
            "/salons/{}/picture/{}-800.jpg",
            salon.id,
            stored(&app, salon.id).await[1].0
        );
        salons.push((visibility, salon, url));
    }
    let draft = create_salon(&host, &salon_form(&app, "Kladde", Some(20))).await;
    saved(
        &upload(
            &host,
            &draft,
            file_part(jpeg(400, 300), "b.jpg", "image/jpeg"),
            ALT,
        )
        .await,
    );
    let draft_url = format!(
        "/salons/{}/picture/{}-400.jpg",
        draft.id,
        stored(&app, draft.id).await[0].0
    );

    let cache = |r: &Response| {
        r.headers
            .get("cache-control")
            .map(|v| v.to_str().unwrap().to_string())
    };
    let public = visitor.get(&salons[0].2).await;
    assert_eq!(public.status, StatusCode::OK);
    assert_eq!(
        cache(&public).as_deref(),
        Some("public, max-age=31536000, immutable")
    );
    let unlisted = visitor.get(&salons[1].2).await;
    assert_eq!(unlisted.status, StatusCode::OK);
    assert_eq!(cache(&unlisted).as_deref(), Some("private, no-store"));
    // Invite-only and drafts: no such picture, to a visitor; their hosts see them, never cached.
    assert_eq!(
        visitor.get(&salons[2].2).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(visitor.get(&draft_url).await.status, StatusCode::NOT_FOUND);
    let own = host.get(&salons[2].2).await;
    assert_eq!(own.status, StatusCode::OK);
    assert_eq!(cache(&own).as_deref(), Some("private, no-store"));
    assert_eq!(
        cache(&host.get(&draft_url).await).as_deref(),
        Some("private, no-store")
    );
    // Only a public salon's page offers the picture as its link preview.
    let page = visitor.get(&salons[1].1.path).await;
    assert!(attr(&page.html, "meta[property='og:image']", "content").is_none());

    // Hidden by the moderators: gone with its salon.
    sqlx::query("UPDATE salons SET hidden_reason = 'Reklame' WHERE id = $1")
        .bind(salons[0].1.id)
        .execute(&app.db)
        .await
        .unwrap();
    assert_eq!(
        visitor.get(&salons[0].2).await.status,
        StatusCode::NOT_FOUND
    );
    // A name that is not a stored file is no file.
    let wrong = salons[1].2.replace("-800.jpg", "-801.jpg");
    assert_eq!(visitor.get(&wrong).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_process_serves_the_same_picture() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    let salon = published_salon(&app, &host, Some(20)).await;
    saved(
        &upload(
            &host,
            &salon,
            file_part(jpeg(1000, 700), "a.jpg", "image/jpeg"),
            ALT,
        )
        .await,
    );
    let files = stored(&app, salon.id).await;
    let path = format!("/salons/{}/picture/{}-800.jpg", salon.id, files[1].0);

    let other = AppProcess::start(&app.database_url(), &[]);
    let r = reqwest::get(other.url(&path)).await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        r.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(r.bytes().await.unwrap().as_ref(), files[1].3.as_slice());
}

#[tokio::test]
async fn uploads_per_host_per_day_are_limited() {
    let app = TestApp::spawn_with(Options {
        limits: vec![("picture_uploads_per_day", 2)],
        ..Default::default()
    })
    .await;
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    let salon = published_salon(&app, &host, Some(20)).await;
    for _ in 0..2 {
        saved(
            &upload(
                &host,
                &salon,
                file_part(jpeg(500, 400), "a.jpg", "image/jpeg"),
                ALT,
            )
            .await,
        );
    }
    let r = upload(
        &host,
        &salon,
        file_part(jpeg(600, 400), "b.jpg", "image/jpeg"),
        ALT,
    )
    .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.body);
    assert!(r.headers.contains_key("retry-after"));
    assert!(
        text(&r.html, "#field-picture-error")
            .contains("Du har lagt 2 billeder op det seneste døgn"),
        "{}",
        text(&r.html, "#field-picture-error")
    );
    // A day later, one more.
    app.clock.advance(chrono::Duration::hours(25));
    saved(
        &upload(
            &host,
            &salon,
            file_part(jpeg(600, 400), "b.jpg", "image/jpeg"),
            ALT,
        )
        .await,
    );
}
