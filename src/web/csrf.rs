//! Cross-site request forgery protection for every state-changing request.
//!
//! Browsers mark where a request comes from: `Sec-Fetch-Site` (all current browsers) and
//! `Origin` (sent with every POST). A POST, PUT, PATCH or DELETE is accepted only when
//! `Sec-Fetch-Site` says `same-origin` (or `none`: typed by the person) or `Origin` is this
//! site's own origin (from `MEDSPIL_BASE_URL`). A request with neither is refused: no browser
//! sends a form without them, and a script that leaves them out gets nothing. No token or session
//! is needed, so anonymous forms (sign-in, registration) are covered too.

use axum::extract::{Request, State};
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::AppError;
use crate::state::AppState;

/// The paths whose POST is an email's one-click unsubscribe: "no more invitations" to an
/// address, and "no more of this kind" to a person.
const ONE_CLICK_PREFIXES: [&str; 2] = ["/invitations/stop/", "/unsubscribe/"];

pub async fn protect(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    // RFC 8058 one-click unsubscribe: the mail provider POSTs from its own servers, with no
    // browser headers. The secret token in the path is the authority, and all it can do is
    // stop invitations to the address it was mailed to.
    if ONE_CLICK_PREFIXES
        .iter()
        .any(|p| request.uri().path().starts_with(p))
    {
        return next.run(request).await;
    }
    let headers = request.headers();
    let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    let own_origin = state.config.base_url.origin().ascii_serialization();
    let allowed = match (fetch_site, origin) {
        (Some("same-origin" | "none"), _) => true,
        (Some(_), _) => false,
        (None, Some(origin)) => origin == own_origin,
        (None, None) => false,
    };
    if allowed {
        next.run(request).await
    } else {
        tracing::info!("refused a state-changing request from another site");
        AppError::CrossSite.into_response()
    }
}
