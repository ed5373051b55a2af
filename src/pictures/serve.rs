//! `GET /salons/{key}/picture/{hash}-{width}.jpg`: one stored file, under the salon's one
//! visibility rule on every request. A public salon's picture may be cached anywhere for a year
//! (a new picture has a new URL); any other's is the viewer's alone and never kept; one the
//! viewer may not see (invite-only, a draft, hidden by the moderators, deleted) does not exist.

use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::salons::SalonKey;
use crate::salons::visibility::load_visible;
use crate::state::AppState;
use crate::web::path::Ids;

/// A file's name: the picture's content hash and the width.
fn parse_file(name: &str) -> Option<(&str, i32)> {
    let (hash, width) = name.strip_suffix(".jpg")?.split_once('-')?;
    let hex = hash.len() == 32 && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    let width = width.parse().ok().filter(|w| (1..=1600).contains(w))?;
    hex.then_some((hash, width))
}

pub async fn file(
    State(state): State<AppState>,
    user: Option<CurrentUser>,
    Ids((key, name)): Ids<(SalonKey, String)>,
) -> Result<Response, AppError> {
    let (hash, width) = parse_file(&name).ok_or(AppError::NotFound)?;
    let salon = load_visible(&state.db, key.id.uuid(), user.as_ref()).await?;
    let bytes = sqlx::query_scalar!(
        "SELECT bytes FROM salon_picture_files WHERE salon_id = $1 AND hash = $2 AND width = $3",
        salon.id,
        hash,
        width
    )
    .fetch_optional(&state.db)
    .await?
    .ok_or(AppError::NotFound)?;
    // What a search engine may index may be kept by anyone; the rest only by the viewer, and
    // not at all: a salon made invite-only or hidden later must not live on in a cache.
    let cache = if salon.indexable() {
        "public, max-age=31536000, immutable"
    } else {
        "private, no-store"
    };
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("image/jpeg")),
            (header::CACHE_CONTROL, HeaderValue::from_static(cache)),
        ],
        bytes,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_named_by_its_hash_and_width() {
        let hash = "0123456789abcdef0123456789abcdef";
        assert_eq!(parse_file(&format!("{hash}-800.jpg")), Some((hash, 800)));
        assert_eq!(parse_file(&format!("{hash}-800.png")), None);
        assert_eq!(parse_file(&format!("{hash}-0.jpg")), None);
        assert_eq!(parse_file(&format!("{hash}-99999.jpg")), None);
        assert_eq!(parse_file("../etc-800.jpg"), None);
        assert_eq!(
            parse_file(&format!("{}-800.jpg", hash.to_uppercase())),
            None
        );
    }
}
