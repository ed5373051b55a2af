//! What wraps every API answer: CORS for GET from any origin, the per-address limit, and the
//! cache headers — a weak `ETag` (a hash of the body, so any change shows) answered with
//! `304` when the client has it, and `Cache-Control: public, max-age=60`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::extract::{FromRequestParts, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{Next, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use tower_http::cors::{Any, CorsLayer};

use super::ApiError;
use crate::limits::{self, Limit};
use crate::state::AppState;
use crate::web::client::ClientIp;

/// The largest answer the ETag layer reads into memory (a page of 100 salons is far less).
const MAX_BODY: usize = 8 * 1024 * 1024;

pub fn apply(router: Router<AppState>, state: AppState) -> Router<AppState> {
    let limiter = Arc::new(Limiter::default());
    router
        .layer(axum::middleware::from_fn(cache))
        .layer(from_fn_with_state((state, limiter), limit))
        .layer(axum::middleware::from_fn(body_limit))
        .layer(
            CorsLayer::new()
                .allow_origin(Any)
                .allow_methods([Method::GET, Method::HEAD])
                .allow_headers([header::IF_NONE_MATCH])
                .expose_headers([header::ETAG, header::RETRY_AFTER]),
        )
}

/// Refuses a body larger than the pages' limit, as every route does: the API reads none, but
/// a client sending one should hear so rather than have it silently ignored.
async fn body_limit(request: Request, next: Next) -> Response {
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > crate::web::layers::BODY_LIMIT) {
        return ApiError::PayloadTooLarge.into_response();
    }
    next.run(request).await
}

/// Requests counted per address in the current minute, in this process's memory: a row per
/// request would cost more than the answer. The value is read from `abuse_limits` once a
/// minute, so an operator's change takes effect within one.
#[derive(Default)]
struct Limiter {
    window: Mutex<Window>,
}

#[derive(Default)]
struct Window {
    /// The minute counted (seconds since the epoch / 60).
    minute: i64,
    limit: i64,
    counts: HashMap<String, i64>,
}

async fn limit(
    State((state, limiter)): State<(AppState, Arc<Limiter>)>,
    request: Request,
    next: Next,
) -> Response {
    let (mut parts, body) = request.into_parts();
    let Ok(ip) = ClientIp::from_request_parts(&mut parts, &state).await;
    let now = state.clock.now().timestamp();
    let minute = now.div_euclid(60);
    let stale = limiter
        .window
        .lock()
        .map(|w| w.minute != minute)
        .unwrap_or(true);
    // A new minute starts afresh, with the value as it stands now (a database that is down
    // keeps the default: the API answers it with 503 anyway).
    let value = if stale {
        Some(
            limits::value(&state.db, Limit::ApiRequestsPerAddressPerMinute)
                .await
                .unwrap_or(Limit::ApiRequestsPerAddressPerMinute.default_value()),
        )
    } else {
        None
    };
    let over = {
        let mut w = match limiter.window.lock() {
            Ok(w) => w,
            Err(poisoned) => poisoned.into_inner(),
        };
        if w.minute != minute {
            w.minute = minute;
            w.counts.clear();
            w.limit = value.unwrap_or(Limit::ApiRequestsPerAddressPerMinute.default_value());
        }
        let limit = w.limit;
        let count = w.counts.entry(ip.counted_as()).or_insert(0);
        *count += 1;
        *count > limit
    };
    if over {
        return ApiError::TooManyRequests((60 - now.rem_euclid(60)).max(1) as u64).into_response();
    }
    next.run(Request::from_parts(parts, body)).await
}

/// Adds the ETag and cache headers to a successful answer, and answers `304` when the client's
/// `If-None-Match` names it.
async fn cache(request: Request, next: Next) -> Response {
    let known = request.headers().get(header::IF_NONE_MATCH).cloned();
    let response = next.run(request).await;
    if response.status() != StatusCode::OK {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_BODY).await else {
        return ApiError::Internal.into_response();
    };
    let digest = Sha256::digest(&bytes);
    let tag = format!("W/\"{}\"", hex::encode(&digest[..16]));
    let tag = HeaderValue::from_str(&tag).expect("hex is a valid header value");
    let matches = known
        .as_ref()
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(',')
                .any(|t| t.trim() == "*" || same_tag(t.trim(), &tag))
        });
    parts.headers.insert(header::ETAG, tag);
    parts.headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=60"),
    );
    if matches {
        parts.status = StatusCode::NOT_MODIFIED;
        parts.headers.remove(header::CONTENT_LENGTH);
        parts.headers.remove(header::CONTENT_TYPE);
        return Response::from_parts(parts, Body::empty());
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// The weak comparison `If-None-Match` asks for: `W/"x"` and `"x"` name the same body.
fn same_tag(theirs: &str, ours: &HeaderValue) -> bool {
    let strip = |t: &str| t.trim_start_matches("W/").to_string();
    ours.to_str().is_ok_and(|o| strip(theirs) == strip(o))
}
