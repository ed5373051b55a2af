//! The open, read-only API at `/api/v1/…`: public salons, municipalities and their units,
//! upcoming decisions, each municipality's and unit's response record and next steps — as
//! JSON, for journalists, researchers, the municipalities and other civic sites.
//!
//! It reads no cookie: its routes are mounted outside the session layer ([`router`]), so every
//! answer is what a signed-out visitor sees, built by the same functions as the pages (the
//! directory's search, the salon page's visibility rule and invitation lines, the record).
//! Nothing unlisted, invite-only, draft, hidden or private appears, and no citizen is named:
//! only counts; names only for people in a municipal role.
//!
//! Around the handlers ([`layers`]): one JSON error shape, a weak `ETag` with `304`,
//! `Cache-Control: public, max-age=60`, CORS for GET from anywhere and a per-address limit whose
//! value is a row of `abuse_limits`. [`openapi`] is the document at `/api/openapi.json`,
//! generated from the handlers and types here; [`page`] is `/api`, the page explaining it.

mod cursor;
mod decisions;
mod error;
mod layers;
mod municipalities;
pub mod openapi;
mod page;
mod salons;

use axum::Router;
use axum::routing::{any, get};

use crate::auth::{Access, RouteSpec};
use crate::state::AppState;

pub use cursor::Cursor;
pub use error::ApiError;

/// The most items one page of a list holds, and the default.
pub const MAX_LIMIT: i64 = 100;
pub const DEFAULT_LIMIT: i64 = 20;

/// Every route of the API and its page, all public: the registry's authorisation and bad-input
/// tests cover them with the rest.
pub fn routes() -> Vec<RouteSpec> {
    use Access::Public;
    vec![
        RouteSpec::get("/api", Public, get(page::show)),
        RouteSpec::get("/api/openapi.json", Public, get(openapi::document)),
        RouteSpec::get("/api/v1/salons", Public, get(salons::list)),
        RouteSpec::get("/api/v1/salons/{id}", Public, get(salons::one)),
        RouteSpec::get("/api/v1/municipalities", Public, get(municipalities::list)),
        RouteSpec::get(
            "/api/v1/municipalities/{slug}",
            Public,
            get(municipalities::one),
        ),
        RouteSpec::get(
            "/api/v1/municipalities/{slug}/record",
            Public,
            get(municipalities::record),
        ),
        RouteSpec::get(
            "/api/v1/units/{municipality}/{unit}/record",
            Public,
            get(municipalities::unit_record),
        ),
        RouteSpec::get("/api/v1/decisions", Public, get(decisions::list)),
    ]
}

/// Whether `path` is one of the API's own routes (mounted by [`router`], without the session);
/// `/api` itself is a page like any other.
pub fn owns(path: &str) -> bool {
    path.starts_with("/api/")
}

/// The API's routes, with a JSON 405 for other methods and a JSON 404 for every other path
/// under `/api/`, behind the API's own layers. Merged into the app beside the pages, outside
/// their session and CSRF layers: no cookie is ever read here.
pub fn router(specs: Vec<RouteSpec>, state: &AppState) -> Router<AppState> {
    let router = specs.into_iter().fold(Router::new(), |router, spec| {
        router.route(spec.path, spec.handler.fallback(error::method_not_allowed))
    });
    layers::apply(
        router.route("/api/{*rest}", any(error::not_found)),
        state.clone(),
    )
}

/// A text from the pages for the API: names are isolated there for right-to-left scripts
/// (`markup::name`); in JSON the marks would only be in the way.
pub(crate) fn plain(text: String) -> String {
    if text.contains(['\u{2068}', '\u{2069}']) {
        text.replace(['\u{2068}', '\u{2069}'], "")
    } else {
        text
    }
}
