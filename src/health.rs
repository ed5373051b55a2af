//! `/healthz` (the process answers) and `/readyz` (and can reach its database).

use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;

use crate::auth::{Access, RouteSpec};
use crate::state::AppState;

pub fn routes() -> Vec<RouteSpec> {
    vec![
        RouteSpec::get("/healthz", Access::Public, get(healthz)),
        RouteSpec::get("/readyz", Access::Public, get(readyz)),
    ]
}

async fn healthz() -> &'static str {
    "ok"
}

/// Ready when a trivial query answers within two seconds: a load balancer stops sending
/// traffic to a process whose database is gone.
async fn readyz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    let check = sqlx::query_scalar!("SELECT 1 AS \"one!\"").fetch_one(&state.db);
    match tokio::time::timeout(Duration::from_secs(2), check).await {
        Ok(Ok(_)) => (StatusCode::OK, "ready"),
        _ => (StatusCode::SERVICE_UNAVAILABLE, "database unavailable"),
    }
}
