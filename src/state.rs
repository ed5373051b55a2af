//! The application's state: what every handler and job can reach.
//!
//! It sits below the features (they all take it) and names none of them; the composition root
//! that lists what the app runs is `startup.rs`.

use std::sync::Arc;

use sqlx::PgPool;
use tokio::sync::Notify;

use crate::clock::Clock;
use crate::config::Config;
use crate::mail::{self, Transport};
use crate::metrics::Metrics;

/// What every handler and job can reach.
#[derive(Clone)]
pub struct AppState {
    pub db: PgPool,
    pub clock: Clock,
    pub config: Arc<Config>,
    pub mailer: Option<Arc<Transport>>,
    /// Poked when this process enqueues a job, so the worker need not wait for its next poll.
    pub job_wake: Arc<Notify>,
    /// This process's counters for `/metrics`.
    pub metrics: Arc<Metrics>,
}

impl AppState {
    /// `routes` are the paths of the route registry, each given its own series in `/metrics`.
    pub fn new(
        config: Config,
        db: PgPool,
        clock: Clock,
        routes: impl IntoIterator<Item = &'static str>,
    ) -> anyhow::Result<AppState> {
        let mailer = mail::transport(&config)?.map(Arc::new);
        let metrics = Metrics::new(routes);
        Ok(AppState {
            db,
            clock,
            config: Arc::new(config),
            mailer,
            job_wake: Arc::new(Notify::new()),
            metrics: Arc::new(metrics),
        })
    }
}
