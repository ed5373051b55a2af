//! Static assets, compiled into the binary so it runs from any directory and nothing is
//! fetched at run time. Each is served under a name carrying a hash of its content, so it can
//! be cached for a year: a changed file gets a new name.

use std::sync::LazyLock;

use axum::extract::Path;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use crate::error::AppError;

struct Asset {
    /// The fingerprinted file name, e.g. `site-1a2b3c4d.css`.
    name: String,
    content_type: &'static str,
    bytes: &'static [u8],
}

fn asset(stem: &str, ext: &str, content_type: &'static str, bytes: &'static [u8]) -> Asset {
    let digest = Sha256::digest(bytes);
    Asset {
        name: format!("{stem}-{}.{ext}", &hex::encode(digest)[..10]),
        content_type,
        bytes,
    }
}

static STYLESHEET: LazyLock<Asset> = LazyLock::new(|| {
    asset(
        "site",
        "css",
        "text/css; charset=utf-8",
        include_bytes!("../../static/css/site.css"),
    )
});

static STYLESHEET_HREF: LazyLock<String> = LazyLock::new(|| format!("/static/{}", STYLESHEET.name));

/// The stylesheet's URL.
pub fn stylesheet_href() -> &'static str {
    &STYLESHEET_HREF
}

/// The tab's icon, drawn for Medspil: two speech bubbles.
static FAVICON: LazyLock<Asset> = LazyLock::new(|| {
    asset(
        "favicon",
        "svg",
        "image/svg+xml",
        include_bytes!("../../static/img/favicon.svg"),
    )
});

/// The same drawing as a 180 px PNG for phones' home screens (rendered once from the SVG,
/// square: the phone rounds the corners).
static TOUCH_ICON: LazyLock<Asset> = LazyLock::new(|| {
    asset(
        "touch-icon",
        "png",
        "image/png",
        include_bytes!("../../static/img/touch-icon.png"),
    )
});

/// The salon page's "Kopiér link" button: the one script, an enhancement the page works without.
static SHARE_SCRIPT: LazyLock<Asset> = LazyLock::new(|| {
    asset(
        "share",
        "js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../static/js/share.js"),
    )
});

static SHARE_SCRIPT_HREF: LazyLock<String> =
    LazyLock::new(|| format!("/static/{}", SHARE_SCRIPT.name));

/// The share script's URL.
pub fn share_script_href() -> &'static str {
    &SHARE_SCRIPT_HREF
}

static FAVICON_HREF: LazyLock<String> = LazyLock::new(|| format!("/static/{}", FAVICON.name));
static TOUCH_ICON_HREF: LazyLock<String> = LazyLock::new(|| format!("/static/{}", TOUCH_ICON.name));

/// The favicon's URL.
pub fn favicon_href() -> &'static str {
    &FAVICON_HREF
}

/// The touch icon's URL.
pub fn touch_icon_href() -> &'static str {
    &TOUCH_ICON_HREF
}

/// `GET /static/{name}`.
pub async fn serve(Path(name): Path<String>) -> Result<Response, AppError> {
    let asset = [&*STYLESHEET, &*FAVICON, &*TOUCH_ICON, &*SHARE_SCRIPT]
        .into_iter()
        .find(|a| a.name == name)
        .ok_or(AppError::NotFound)?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(asset.content_type),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=31536000, immutable"),
            ),
        ],
        asset.bytes,
    )
        .into_response())
}
