//! The HTTP layers every route sits behind.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::MatchedPath;
use axum::http::{HeaderMap, HeaderName, HeaderValue, Request, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use tower::ServiceBuilder;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{
    MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::metrics::{Metrics, RecordLayer};

/// Forms are small; anything larger is refused before a handler sees it, by the limit each
/// route carries (`auth::routes::router`; an upload route sets its own), inside the error
/// pages so the refusal is the friendly page too.
pub const BODY_LIMIT: usize = 64 * 1024;
/// A request that takes longer than this is answered with 503.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// No inline scripts, nothing from other origins, never framed. (Pages' forms may also lead to
/// the sign-in providers: `crate::oidc::content_security_policy`.)
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; \
                   form-action 'self'; frame-ancestors 'none'";

/// Wraps `router` in metrics, tracing, request ids, caching, compression, a timeout and security
/// headers.
pub fn apply<S: Clone + Send + Sync + 'static>(
    router: Router<S>,
    metrics: Arc<Metrics>,
) -> Router<S> {
    // Spans name the matched route, never the raw path or query: those carry tokens.
    let trace = TraceLayer::new_for_http()
        .make_span_with(|request: &Request<_>| {
            let route = request
                .extensions()
                .get::<MatchedPath>()
                .map(MatchedPath::as_str)
                .unwrap_or("unmatched");
            let request_id = request
                .headers()
                .get(&REQUEST_ID)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("-");
            tracing::info_span!("request", method = %request.method(), route, request_id)
        })
        .on_request(())
        // The one line per request: the span adds route, method and request id.
        .on_response(
            |response: &axum::http::Response<_>, latency: Duration, _span: &tracing::Span| {
                tracing::info!(
                    status = response.status().as_u16(),
                    latency_ms = latency.as_secs_f64() * 1000.0,
                    "request"
                );
            },
        );

    let headers = ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static(
                "camera=(), microphone=(), geolocation=(), interest-cohort=()",
            ),
        ));

    router.layer(
        ServiceBuilder::new()
            // Outermost, so the latency counts everything below.
            .layer(RecordLayer(metrics))
            .layer(SetRequestIdLayer::new(REQUEST_ID, RandomId))
            .layer(trace)
            .layer(PropagateRequestIdLayer::new(REQUEST_ID))
            .layer(headers)
            // Outside compression, which adds its own `Vary: accept-encoding`: merged here.
            .layer(axum::middleware::from_fn(caching))
            .layer(CompressionLayer::new())
            .layer(TimeoutLayer::with_status_code(
                StatusCode::SERVICE_UNAVAILABLE,
                REQUEST_TIMEOUT,
            )),
    )
}

/// A random (version 4) UUID for each request, as tower-http's `MakeRequestUuid` makes, from the
/// thread's random generator rather than a system call per request, written into the header
/// without going through `Display` and a parse.
#[derive(Clone, Copy)]
struct RandomId;

impl MakeRequestId for RandomId {
    fn make_request_id<B>(&mut self, _request: &Request<B>) -> Option<RequestId> {
        let id = uuid::Builder::from_random_bytes(rand::random()).into_uuid();
        let mut text = [0u8; uuid::fmt::Hyphenated::LENGTH];
        let text = id.hyphenated().encode_lower(&mut text);
        HeaderValue::from_str(text).ok().map(RequestId::new)
    }
}

/// Caching of pages. A page for a signed-in person (or one that sets a cookie) is theirs alone:
/// `private, no-store`, so no shared cache or back-button snapshot keeps it. Any other page may
/// be kept but must be checked again each time (`no-cache`). Pages differ by the session
/// cookie, the language asked for and the encoding, so one `Vary` says all three — one header,
/// merged with what the compression layer adds, since some caches read only the first.
/// Responses that set their own `Cache-Control` (assets, calendars, downloads) keep it.
pub async fn caching(request: axum::extract::Request, next: Next) -> Response {
    let signed_in = crate::auth::sessions::cookie_token(request.headers()).is_some();
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let html = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    if html {
        if !headers.contains_key(header::CACHE_CONTROL) {
            let private = signed_in || headers.contains_key(header::SET_COOKIE);
            let value = if private {
                "private, no-store"
            } else {
                "no-cache"
            };
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
        }
        merge_vary(headers, &["Cookie", "Accept-Language"]);
    } else {
        merge_vary(headers, &[]);
    }
    response
}

/// Folds every `Vary` header and `more` into one, each name once (compared without case).
fn merge_vary(headers: &mut HeaderMap, more: &[&str]) {
    // What nearly every page has: compression's one name and the page's two, merged as the
    // general way below merges them, without its lists and strings.
    let mut vary = headers.get_all(header::VARY).iter();
    if let (Some(only), None) = (vary.next(), vary.next()) {
        if only.as_bytes() == b"accept-encoding" && more == ["Cookie", "Accept-Language"] {
            headers.insert(
                header::VARY,
                HeaderValue::from_static("accept-encoding, Cookie, Accept-Language"),
            );
            return;
        }
    }
    let mut names: Vec<String> = Vec::new();
    let present = headers
        .get_all(header::VARY)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .collect::<Vec<_>>();
    for name in present
        .into_iter()
        .chain(more.iter().map(|n| n.to_string()))
    {
        if !names.iter().any(|n| n.eq_ignore_ascii_case(&name)) {
            names.push(name);
        }
    }
    headers.remove(header::VARY);
    if let Ok(value) = HeaderValue::from_str(&names.join(", ")) {
        if !names.is_empty() {
            headers.insert(header::VARY, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_ids_are_version_4_uuids_and_differ() {
        let request = Request::new(());
        let id = |r: &Request<()>| {
            let id = RandomId.make_request_id(r).unwrap();
            id.header_value().to_str().unwrap().to_string()
        };
        let (a, b) = (id(&request), id(&request));
        assert_ne!(a, b);
        for text in [a, b] {
            let parsed = uuid::Uuid::parse_str(&text).unwrap();
            assert_eq!(parsed.get_version_num(), 4);
            assert_eq!(parsed.hyphenated().to_string(), text);
        }
    }

    #[test]
    fn vary_is_one_header_naming_each_thing_once() {
        let mut headers = HeaderMap::new();
        headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
        headers.append(header::VARY, HeaderValue::from_static("Cookie, origin"));
        merge_vary(&mut headers, &["Cookie", "Accept-Language"]);
        let all: Vec<_> = headers.get_all(header::VARY).iter().collect();
        assert_eq!(all, ["accept-encoding, Cookie, origin, Accept-Language"]);
        let mut page = HeaderMap::new();
        page.append(header::VARY, HeaderValue::from_static("accept-encoding"));
        merge_vary(&mut page, &["Cookie", "Accept-Language"]);
        let all: Vec<_> = page.get_all(header::VARY).iter().collect();
        assert_eq!(all, ["accept-encoding, Cookie, Accept-Language"]);
        let mut none = HeaderMap::new();
        merge_vary(&mut none, &[]);
        assert!(none.get(header::VARY).is_none());
    }
}
