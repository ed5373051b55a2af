//! What `GET /metrics` tells the operator, in Prometheus' text format: requests and their
//! latency per route and status, the database pool, the job queue and mail delivery.
//!
//! A small registry of our own rather than the `metrics` facade with its Prometheus exporter:
//! that exporter is one global recorder per process (the tests run many apps in one process,
//! each must count its own), keeps every latency sample until an upkeep task folds it into
//! buckets, and builds its label set per call. Here every series is a handful of atomics found
//! without allocating: the route label is the matched path template from the route registry
//! (never the raw path, which holds ids and tokens), the method one of a fixed list.
//!
//! The job gauges are read from PostgreSQL when scraped, never per request.

use std::collections::HashMap;
use std::fmt::Write;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::{Arc, RwLock};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::extract::{MatchedPath, State};
use axum::http::{HeaderMap, HeaderValue, Method, Request, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use crate::auth::{Access, RouteSpec};
use crate::state::AppState;

/// Upper bounds of the latency buckets, in microseconds (1 ms … 10 s).
const BUCKETS_MICROS: [u64; 13] = [
    1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000, 2_500_000,
    5_000_000, 10_000_000,
];
const BUCKET_LABELS: [&str; 13] = [
    "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5",
    "10",
];

/// The route label of requests that matched no route (404s for unknown paths).
const UNMATCHED: &str = "unmatched";

/// The counters of one process.
pub struct Metrics {
    routes: HashMap<&'static str, RouteSeries>,
    unmatched: RouteSeries,
    /// Mails handed to the SMTP server.
    pub mails_sent: AtomicU64,
    /// Delivery attempts that failed (each is retried by its job, with backoff).
    pub mails_failed: AtomicU64,
}

/// The series of one route template, one per (method, status) seen.
struct RouteSeries {
    series: RwLock<Vec<Series>>,
}

struct Series {
    method: &'static str,
    status: u16,
    count: AtomicU64,
    sum_micros: AtomicU64,
    /// Not cumulative: a request counts in the first bucket it fits (or none: +Inf).
    buckets: [AtomicU64; BUCKETS_MICROS.len()],
}

impl RouteSeries {
    fn new() -> RouteSeries {
        RouteSeries {
            series: RwLock::new(Vec::new()),
        }
    }

    fn record(&self, method: &'static str, status: u16, micros: u64) {
        let observe = |s: &Series| {
            s.count.fetch_add(1, Relaxed);
            s.sum_micros.fetch_add(micros, Relaxed);
            if let Some(i) = BUCKETS_MICROS.iter().position(|le| micros <= *le) {
                s.buckets[i].fetch_add(1, Relaxed);
            }
        };
        let matches = |s: &&Series| s.status == status && s.method == method;
        {
            let series = self.series.read().unwrap_or_else(|e| e.into_inner());
            if let Some(s) = series.iter().find(matches) {
                return observe(s);
            }
        }
        // A (method, status) this route has not answered before: rare, so a write lock is fine.
        let mut series = self.series.write().unwrap_or_else(|e| e.into_inner());
        if let Some(s) = series.iter().find(matches) {
            return observe(s);
        }
        let s = Series {
            method,
            status,
            count: AtomicU64::new(0),
            sum_micros: AtomicU64::new(0),
            buckets: Default::default(),
        };
        observe(&s);
        series.push(s);
    }
}

/// A method as a label: the standard ones by name, anything else as `other`, so a client
/// cannot make up new series.
fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::PATCH => "PATCH",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

impl Metrics {
    /// Counters for the route templates in `paths` (the route registry's).
    pub fn new(paths: impl IntoIterator<Item = &'static str>) -> Metrics {
        Metrics {
            routes: paths.into_iter().map(|p| (p, RouteSeries::new())).collect(),
            unmatched: RouteSeries::new(),
            mails_sent: AtomicU64::new(0),
            mails_failed: AtomicU64::new(0),
        }
    }

    /// Counts one answered request.
    pub fn record_request(
        &self,
        route: Option<&str>,
        method: &Method,
        status: StatusCode,
        took: Duration,
    ) {
        self.record(route, method_label(method), status, took);
    }

    fn record(
        &self,
        route: Option<&str>,
        method: &'static str,
        status: StatusCode,
        took: Duration,
    ) {
        let series = route
            .and_then(|r| self.routes.get(r))
            .unwrap_or(&self.unmatched);
        let micros = u64::try_from(took.as_micros()).unwrap_or(u64::MAX);
        series.record(method, status.as_u16(), micros);
    }

    /// The request series in the text format.
    fn render_requests(&self, out: &mut String) {
        let mut routes: Vec<(&str, &RouteSeries)> =
            self.routes.iter().map(|(k, v)| (*k, v)).collect();
        routes.sort_by_key(|(k, _)| *k);
        routes.push((UNMATCHED, &self.unmatched));

        out.push_str(
            "# HELP medspil_http_requests_total Requests answered, by route template, method and status.\n\
             # TYPE medspil_http_requests_total counter\n",
        );
        each_series(&routes, |labels, s| {
            let count = s.count.load(Relaxed);
            let _ = writeln!(out, "medspil_http_requests_total{{{labels}}} {count}");
        });
        out.push_str(
            "# HELP medspil_http_request_duration_seconds Time to answer a request (until the response headers), by route template, method and status.\n\
             # TYPE medspil_http_request_duration_seconds histogram\n",
        );
        each_series(&routes, |labels, s| {
            let mut cumulative = 0;
            for (bucket, le) in s.buckets.iter().zip(BUCKET_LABELS) {
                cumulative += bucket.load(Relaxed);
                let _ = writeln!(
                    out,
                    "medspil_http_request_duration_seconds_bucket{{{labels},le=\"{le}\"}} {cumulative}"
                );
            }
            let count = s.count.load(Relaxed);
            let _ = writeln!(
                out,
                "medspil_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {count}\n\
                 medspil_http_request_duration_seconds_sum{{{labels}}} {}\n\
                 medspil_http_request_duration_seconds_count{{{labels}}} {count}",
                s.sum_micros.load(Relaxed) as f64 / 1e6
            );
        });
    }
}

/// Calls `each` with every series of every route, in `routes`' order, with its labels written
/// out; each route's list is read under its lock, which a poisoned lock does not refuse.
fn each_series(routes: &[(&str, &RouteSeries)], mut each: impl FnMut(&str, &Series)) {
    for (route, series) in routes {
        for s in series
            .series
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
        {
            let labels = format!(
                "route=\"{}\",method=\"{}\",status=\"{}\"",
                escape(route),
                s.method,
                s.status
            );
            each(&labels, s);
        }
    }
}

/// A label value as the text format wants it.
fn escape(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// Counts every request it wraps: put around each route (`Router::layer`), where the matched
/// path template is known.
#[derive(Clone)]
pub struct RecordLayer(pub Arc<Metrics>);

impl<S> tower::Layer<S> for RecordLayer {
    type Service = Record<S>;
    fn layer(&self, inner: S) -> Record<S> {
        Record {
            inner,
            metrics: self.0.clone(),
        }
    }
}

#[derive(Clone)]
pub struct Record<S> {
    inner: S,
    metrics: Arc<Metrics>,
}

impl<S, B, R> tower::Service<Request<B>> for Record<S>
where
    S: tower::Service<Request<B>, Response = Response<R>>,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = Recorded<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        // The route templates are 'static in the registry: find ours now, while the request
        // (and its MatchedPath) is here; nothing is copied.
        let route = request
            .extensions()
            .get::<MatchedPath>()
            .and_then(|m| self.metrics.routes.get_key_value(m.as_str()))
            .map(|(k, _)| *k);
        let method = method_label(request.method());
        Recorded {
            inner: self.inner.call(request),
            started: Instant::now(),
            route,
            method,
            metrics: self.metrics.clone(),
        }
    }
}

pin_project_lite::pin_project! {
    /// The inner service's future; records the request when it resolves.
    pub struct Recorded<F> {
        #[pin]
        inner: F,
        started: Instant,
        route: Option<&'static str>,
        method: &'static str,
        metrics: Arc<Metrics>,
    }
}

impl<F, R, E> Future for Recorded<F>
where
    F: Future<Output = Result<Response<R>, E>>,
{
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let result = std::task::ready!(this.inner.poll(cx));
        if let Ok(response) = &result {
            this.metrics.record(
                *this.route,
                this.method,
                response.status(),
                this.started.elapsed(),
            );
        }
        Poll::Ready(result)
    }
}

/// `GET /metrics`, when `MEDSPIL_METRICS_TOKEN` is set.
pub fn routes() -> Vec<RouteSpec> {
    vec![RouteSpec::get("/metrics", Access::Public, get(scrape))]
}

/// Whether `headers` carry `Authorization: Bearer <token>`. Compared as SHA-256 digests, so
/// the time taken says nothing about how much of a guess was right.
fn authorised(headers: &HeaderMap, token: &str) -> bool {
    let Some(given) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
    else {
        return false;
    };
    Sha256::digest(given.trim().as_bytes()) == Sha256::digest(token.as_bytes())
}

async fn scrape(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let Some(token) = &state.config.metrics_token else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if !authorised(&headers, token.expose()) {
        let mut response = StatusCode::UNAUTHORIZED.into_response();
        response.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Bearer realm=\"metrics\""),
        );
        return response;
    }
    let mut out = String::with_capacity(16 * 1024);
    let _ = writeln!(
        out,
        "# HELP medspil_build_info The running version.\n\
         # TYPE medspil_build_info gauge\n\
         medspil_build_info{{version=\"{}\"}} 1",
        env!("CARGO_PKG_VERSION")
    );
    state.metrics.render_requests(&mut out);
    render_pool(&state, &mut out);
    render_jobs(&state, &mut out).await;
    let _ = writeln!(
        out,
        "# HELP medspil_mails_sent_total Mails handed to the SMTP server by this process.\n\
         # TYPE medspil_mails_sent_total counter\n\
         medspil_mails_sent_total {}\n\
         # HELP medspil_mails_failed_total Mail delivery attempts that failed in this process (each is retried).\n\
         # TYPE medspil_mails_failed_total counter\n\
         medspil_mails_failed_total {}",
        state.metrics.mails_sent.load(Relaxed),
        state.metrics.mails_failed.load(Relaxed),
    );
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
        )],
        out,
    )
        .into_response()
}

fn render_pool(state: &AppState, out: &mut String) {
    let size = state.db.size();
    let idle = u32::try_from(state.db.num_idle()).unwrap_or(u32::MAX);
    let _ = writeln!(
        out,
        "# HELP medspil_db_pool_connections This process's database connections, by state.\n\
         # TYPE medspil_db_pool_connections gauge\n\
         medspil_db_pool_connections{{state=\"in_use\"}} {}\n\
         medspil_db_pool_connections{{state=\"idle\"}} {idle}\n\
         # HELP medspil_db_pool_max_connections The most connections the pool opens.\n\
         # TYPE medspil_db_pool_max_connections gauge\n\
         medspil_db_pool_max_connections {}",
        size.saturating_sub(idle),
        state.db.options().get_max_connections()
    );
}

/// The queue as the whole database sees it (the same from every process): jobs due and not
/// done, and how long the oldest of them has waited. Omitted, with `medspil_database_up 0`,
/// when the database does not answer within two seconds.
async fn render_jobs(state: &AppState, out: &mut String) {
    let now = state.clock.now();
    let query = sqlx::query_as::<_, (i64, Option<DateTime<Utc>>)>(
        "SELECT count(*), min(run_at) FROM jobs \
         WHERE done_at IS NULL AND failed_at IS NULL AND run_at <= $1",
    )
    .bind(now)
    .fetch_one(&state.db);
    let row = tokio::time::timeout(Duration::from_secs(2), query).await;
    let _ = writeln!(
        out,
        "# HELP medspil_database_up Whether the database answered this scrape.\n\
         # TYPE medspil_database_up gauge"
    );
    let Ok(Ok((due, oldest))) = row else {
        out.push_str("medspil_database_up 0\n");
        return;
    };
    let age = oldest.map_or(0.0, |t| (now - t).num_milliseconds().max(0) as f64 / 1000.0);
    let _ = writeln!(
        out,
        "medspil_database_up 1\n\
         # HELP medspil_jobs_due Jobs due and not yet done, in the whole database.\n\
         # TYPE medspil_jobs_due gauge\n\
         medspil_jobs_due {due}\n\
         # HELP medspil_jobs_oldest_due_age_seconds How long the oldest due job has waited.\n\
         # TYPE medspil_jobs_oldest_due_age_seconds gauge\n\
         medspil_jobs_oldest_due_age_seconds {age}"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_are_counted_per_template_method_and_status_in_cumulative_buckets() {
        let m = Metrics::new(["/salons/{key}"]);
        let get = Method::GET;
        m.record_request(
            Some("/salons/{key}"),
            &get,
            StatusCode::OK,
            Duration::from_millis(3),
        );
        m.record_request(
            Some("/salons/{key}"),
            &get,
            StatusCode::OK,
            Duration::from_secs(20),
        );
        m.record_request(
            None,
            &Method::from_bytes(b"FOO").unwrap(),
            StatusCode::NOT_FOUND,
            Duration::ZERO,
        );
        let mut out = String::new();
        m.render_requests(&mut out);
        let labels = r#"route="/salons/{key}",method="GET",status="200""#;
        assert!(out.contains(&format!("medspil_http_requests_total{{{labels}}} 2\n")));
        assert!(out.contains(&format!("_bucket{{{labels},le=\"0.0025\"}} 0\n")));
        assert!(out.contains(&format!("_bucket{{{labels},le=\"0.005\"}} 1\n")));
        assert!(out.contains(&format!("_bucket{{{labels},le=\"10\"}} 1\n")));
        assert!(out.contains(&format!("_bucket{{{labels},le=\"+Inf\"}} 2\n")));
        assert!(out.contains(&format!("_sum{{{labels}}} 20.003\n")));
        assert!(out.contains(
            r#"medspil_http_requests_total{route="unmatched",method="other",status="404"} 1"#
        ));
    }

    #[test]
    fn only_the_exact_bearer_token_is_accepted() {
        let mut headers = HeaderMap::new();
        assert!(!authorised(&headers, "secret-token-0123456789"));
        headers.insert(
            header::AUTHORIZATION,
            "Bearer secret-token-012345678".parse().unwrap(),
        );
        assert!(!authorised(&headers, "secret-token-0123456789"));
        headers.insert(
            header::AUTHORIZATION,
            "Bearer secret-token-0123456789".parse().unwrap(),
        );
        assert!(authorised(&headers, "secret-token-0123456789"));
    }

    /// What the layer adds to a request, measured on a route that does nothing.
    #[tokio::test]
    #[ignore = "a measurement: cargo test --release --lib metrics -- --ignored --nocapture"]
    async fn the_recording_layer_costs_little_per_request() {
        use tower::{Layer, ServiceExt};
        let metrics = Arc::new(Metrics::new(["/salons/{key}"]));
        let bare: axum::Router = axum::Router::new().route("/salons/{key}", get(|| async { "ok" }));
        // Any layer put on with Router::layer costs a boxed future: measure that apart.
        let identity = bare.clone().layer(tower::layer::util::Identity::new());
        let recorded = bare.clone().layer(RecordLayer(metrics.clone()));
        const N: u32 = 200_000;
        let mut per_request = Vec::new();
        for router in [bare, identity, recorded] {
            let started = Instant::now();
            for _ in 0..N {
                let request = Request::get("/salons/abc-def")
                    .body(axum::body::Body::empty())
                    .unwrap();
                let response = router.clone().oneshot(request).await.unwrap();
                assert_eq!(response.status(), StatusCode::OK);
            }
            per_request.push(started.elapsed() / N);
        }
        println!(
            "bare route {:?}, with a layer that does nothing {:?}, with the recording layer {:?} per request",
            per_request[0], per_request[1], per_request[2]
        );
        let recorded = Record {
            inner: (),
            metrics: metrics.clone(),
        };
        let started = Instant::now();
        for i in 0..N {
            recorded.metrics.record(
                Some("/salons/{key}"),
                "GET",
                StatusCode::OK,
                Duration::from_micros(u64::from(i % 5000)),
            );
        }
        println!("Metrics::record alone {:?}", started.elapsed() / N);
        let _ = RecordLayer(metrics).layer(());
    }
}
