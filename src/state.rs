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
use crate::oidc::Providers;
use crate::personal_data::PersonalData;

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
    /// What each feature holds about a person: walked by the data download and by erasure.
    pub personal_data: &'static PersonalData,
    /// The OpenID Connect providers people may sign in with, and their cached discovery.
    pub providers: Arc<Providers>,
}

impl AppState {
    /// `routes` are the paths of the route registry, each given its own series in `/metrics`;
    /// `personal_data` the features' contributions to the data download and to erasure.
    pub fn new(
        config: Config,
        db: PgPool,
        clock: Clock,
        routes: impl IntoIterator<Item = &'static str>,
        personal_data: &'static PersonalData,
    ) -> anyhow::Result<AppState> {
        let mailer = mail::transport(&config)?.map(Arc::new);
        let metrics = Metrics::new(routes);
        let providers = Providers::new(config.providers.clone(), config.link("/sign-in/callback"))?;
        Ok(AppState {
            db,
            clock,
            config: Arc::new(config),
            mailer,
            job_wake: Arc::new(Notify::new()),
            metrics: Arc::new(metrics),
            personal_data,
            providers: Arc::new(providers),
        })
    }
}
