//! A picture for each salon: its hosts upload one (JPEG, PNG or WebP) with an alt text,
//! replace it or remove it; the server keeps only its own JPEG re-encodings, in PostgreSQL, and
//! serves them at content-addressed URLs under the salon's visibility rule.
//!
//! Where to look: [`decode`] checks and re-encodes a file; [`upload`] is the hosts' page;
//! [`serve`] the picture route. [`salon_picture`] is what other pages (the salon page, the
//! poster) show; a salon without one shows its format's illustration
//! (`templates/pictures/illustration.html`).

pub mod decode;
mod serve;
mod upload;

use axum::routing::{get, post};
use serde::Deserialize;
use sqlx::PgExecutor;
use uuid::Uuid;

use crate::auth::{Access, RouteSpec};
use crate::salons::SALON_HOST;

/// The upload route's body limit: the largest file, and room for the form around it.
pub const UPLOAD_BODY_LIMIT: usize = decode::MAX_BYTES + 64 * 1024;

/// The pictures feature's routes.
pub fn routes() -> Vec<RouteSpec> {
    vec![
        RouteSpec::get("/salons/{key}/picture", SALON_HOST, get(upload::page)),
        RouteSpec::post("/salons/{key}/picture", SALON_HOST, post(upload::submit))
            .with_body_limit(UPLOAD_BODY_LIMIT),
        RouteSpec::post(
            "/salons/{key}/picture/remove",
            SALON_HOST,
            post(upload::remove),
        ),
        // Public: the salon's visibility is checked on every request, by the handler.
        RouteSpec::get(
            "/salons/{key}/picture/{file}",
            Access::Public,
            get(serve::file),
        ),
    ]
}

/// A salon's picture as pages show it: `<img src srcset sizes width height alt>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Picture {
    pub alt: String,
    /// The middle width (or the widest the picture has), for browsers without `srcset`.
    pub src: String,
    /// Every width, `"/…-400.jpg 400w, …"`.
    pub srcset: String,
    /// The widest file: what the Open Graph image and a printed poster use.
    pub largest: String,
    /// The widest file's size, so the page keeps the picture's place before it loads.
    pub width: i32,
    pub height: i32,
}

impl Picture {
    /// The `sizes` of its `<img>`.
    pub fn sizes(&self) -> &'static str {
        SIZES
    }
}

/// How the salon page lays the picture out: the page's column, or the screen when narrower.
pub const SIZES: &str = "(min-width: 48rem) 46rem, 100vw";

/// The picture as stored (the JSON the salon page's query and [`salon_picture`] build).
#[derive(Clone, Debug, Deserialize)]
pub struct Stored {
    pub hash: String,
    pub alt: String,
    /// Each width with its height, narrowest first.
    pub files: Vec<(i32, i32)>,
}

impl Stored {
    /// The picture of salon `salon` for a page; `None` if it somehow has no files.
    pub fn shown(&self, salon: Uuid) -> Option<Picture> {
        let (&(width, height), _) = self.files.split_last()?;
        let url = |w: i32| file_path(salon, &self.hash, w);
        let middle = self.files.get(1).unwrap_or(&self.files[0]).0;
        Some(Picture {
            alt: self.alt.clone(),
            src: url(middle),
            srcset: self
                .files
                .iter()
                .map(|(w, _)| format!("{} {w}w", url(*w)))
                .collect::<Vec<_>>()
                .join(", "),
            largest: url(width),
            width,
            height,
        })
    }
}

/// The path of one file: under the salon's bare id, so renaming the salon keeps it, and named
/// by the content hash, so a new picture is a new URL and an old one may be cached for good.
pub fn file_path(salon: Uuid, hash: &str, width: i32) -> String {
    format!("/salons/{salon}/picture/{hash}-{width}.jpg")
}

/// The picture of salon `salon`, if it has one. The caller has checked that the viewer may see
/// the salon; the picture's URLs check it again on every request.
pub async fn salon_picture<'e>(
    db: impl PgExecutor<'e>,
    salon: Uuid,
) -> sqlx::Result<Option<Picture>> {
    let stored = sqlx::query_scalar!(
        r#"SELECT json_build_object(
                      'hash', p.hash, 'alt', p.alt,
                      'files', (SELECT json_agg(json_build_array(f.width, f.height)
                                                ORDER BY f.width)
                                FROM salon_picture_files f
                                WHERE f.salon_id = p.salon_id AND f.hash = p.hash))
                    AS "picture!: sqlx::types::Json<Stored>"
           FROM salon_pictures p WHERE p.salon_id = $1"#,
        salon
    )
    .fetch_optional(db)
    .await?;
    Ok(stored.and_then(|s| s.0.shown(salon)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_picture_offers_every_width_and_keeps_its_place() {
        let salon = Uuid::nil();
        let stored = Stored {
            hash: "ab".repeat(16),
            alt: "Ry Torv".into(),
            files: vec![(400, 300), (800, 600), (1600, 1200)],
        };
        let p = stored.shown(salon).unwrap();
        let base = format!("/salons/{salon}/picture/{}", "ab".repeat(16));
        assert_eq!(p.src, format!("{base}-800.jpg"));
        assert_eq!(p.largest, format!("{base}-1600.jpg"));
        assert_eq!(
            p.srcset,
            format!("{base}-400.jpg 400w, {base}-800.jpg 800w, {base}-1600.jpg 1600w")
        );
        assert_eq!((p.width, p.height), (1600, 1200));
        let one = Stored {
            files: vec![(300, 200)],
            ..stored
        };
        assert_eq!(one.shown(salon).unwrap().src, format!("{base}-300.jpg"));
    }
}
