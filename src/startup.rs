//! Building and running the application: state, router, listener, worker, graceful shutdown.
//!
//! `main` and the tests both go through [`Application::build`], so tests run the same app the
//! binary runs, on port 0 with their own database.

use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;

use anyhow::Context;
use axum::Router;
use axum::extract::ConnectInfo;
use axum::routing::get;
use sqlx::PgPool;
use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::auth::{self, Access, RouteSpec};
use crate::clock::Clock;
use crate::config::Config;
use crate::jobs::Worker;
use crate::mail;
use crate::metrics;
use crate::personal_data::{Erase, Part, PersonalData};
use crate::state::AppState;
use crate::{
    accounts, agreements, api, calendar, conversation, decisions, directory, figures, health, home,
    invitations, maintenance, mine, moderation, municipalities, notifications, oidc, people,
    pictures, registrations, roles, salons, web,
};

/// Every route of the app with who may use it: the registry the router and the
/// authorisation tests share.
pub fn route_specs(config: &Config) -> Vec<RouteSpec> {
    let mut specs = vec![
        RouteSpec::get("/language", Access::Public, get(web::switch_language)),
        RouteSpec::get("/static/{name}", Access::Public, get(web::assets::serve)),
    ];
    specs.extend(home::routes());
    specs.extend(health::routes());
    specs.extend(municipalities::routes());
    specs.extend(figures::routes());
    specs.extend(accounts::routes());
    specs.extend(oidc::routes());
    specs.extend(roles::routes());
    specs.extend(salons::routes());
    specs.extend(pictures::routes());
    specs.extend(directory::routes());
    specs.extend(registrations::routes());
    specs.extend(calendar::routes());
    specs.extend(invitations::routes());
    specs.extend(agreements::routes());
    specs.extend(conversation::routes());
    specs.extend(decisions::routes());
    specs.extend(people::routes());
    specs.extend(notifications::routes());
    specs.extend(mine::routes());
    specs.extend(moderation::routes());
    specs.extend(api::routes());
    if config.dev_mailbox {
        specs.extend(mail::dev_mailbox::routes());
    }
    if config.metrics_token.is_some() {
        specs.extend(metrics::routes());
    }
    specs
}

/// Every feature that runs background jobs, each registering its job kinds.
pub const JOB_HANDLERS: &[fn(Worker) -> Worker] = &[
    mail::register_jobs,
    accounts::register_jobs,
    maintenance::register_jobs,
    salons::register_jobs,
    registrations::register_jobs,
    invitations::register_jobs,
    moderation::register_jobs,
    roles::register_jobs,
    decisions::register_jobs,
    directory::register_jobs,
    people::register_jobs,
    figures::register_jobs,
];

/// A worker with every job kind of the app.
pub fn worker(state: AppState) -> Worker {
    Worker::empty(state).register_all(JOB_HANDLERS)
}

/// One key of the download, collected by a feature's function.
macro_rules! part {
    ($key:literal, $collect:path) => {
        Part {
            key: $key,
            collect: |c, u| Box::pin($collect(c, u)),
        }
    };
}

/// What each feature holds about a person: its key in the data download, and how it is erased
/// when the account is deleted (`accounts::data` walks both lists).
pub static PERSONAL_DATA: PersonalData = PersonalData {
    parts: &[
        part!("roles", roles::personal_data),
        part!("salons_hosted", salons::personal_data),
        part!("cohost_invitations", salons::cohost_personal_data),
        part!("registrations", registrations::personal_data),
        part!("invitations", invitations::personal_data),
        part!("notifications", notifications::personal_data),
        part!("decisions", decisions::personal_data),
        part!("searches", directory::follow::personal_data),
        part!("people_followed", people::personal_data),
        part!("conversation", conversation::personal_data),
        part!("moderation", moderation::personal_data),
        part!("logins", oidc::personal_data),
    ],
    erasures: ERASURES,
};

/// Invitations and salons pass on what the person held before the rest forgets them.
const ERASURES: &[Erase] = &[
    |c, u, now| Box::pin(invitations::on_account_deleted(c, u, now)),
    |c, u, _| Box::pin(async move { Ok(roles::erase(c, u).await?) }),
    |c, u, now| Box::pin(salons::on_account_deleted(c, u, now)),
    |c, u, now| Box::pin(registrations::on_account_deleted(c, u, now)),
    |c, u, _| Box::pin(notifications::erase(c, u)),
    |c, u, _| Box::pin(decisions::erase(c, u)),
    |c, u, _| Box::pin(directory::follow::erase(c, u)),
    |c, u, _| Box::pin(people::erase(c, u)),
    |c, u, _| Box::pin(oidc::erase(c, u)),
    |c, u, now| Box::pin(conversation::erase(c, u, now)),
    |c, u, _| Box::pin(async move { Ok(moderation::on_account_deleted(c, u).await?) }),
];

/// The whole router with its layers.
pub fn app(state: AppState) -> Router {
    use axum::middleware::from_fn_with_state;
    // Outermost last: error pages wrap everything (a panic too, caught just inside them, and a
    // body too large, refused by each route's own limit); the session is loaded before the CSRF
    // check and the routes.
    // The open API is mounted beside the pages, outside their session and CSRF layers: it
    // reads no cookie, so it shows exactly what a signed-out visitor sees.
    let (api_specs, page_specs): (Vec<_>, Vec<_>) = route_specs(&state.config)
        .into_iter()
        .partition(|s| api::owns(s.path));
    let router = auth::routes::router(page_specs, &state)
        .fallback(web::not_found)
        .layer(from_fn_with_state(state.clone(), web::csrf::protect))
        .layer(from_fn_with_state(state.clone(), auth::load_session))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(
            web::panic_response,
        ))
        .layer(from_fn_with_state(state.clone(), web::error_pages))
        .layer(
            tower_http::set_header::SetResponseHeaderLayer::if_not_present(
                axum::http::header::CONTENT_SECURITY_POLICY,
                oidc::content_security_policy(&state.providers),
            ),
        )
        .merge(api::router(api_specs, &state));
    web::layers::apply(router, state.metrics.clone()).with_state(state)
}

/// A bound, not yet serving, application.
pub struct Application {
    listener: TcpListener,
    state: AppState,
}

impl Application {
    /// Binds `config.bind` (port 0 picks a free port).
    pub async fn build(
        mut config: Config,
        db: PgPool,
        clock: Clock,
    ) -> anyhow::Result<Application> {
        let listener = TcpListener::bind(config.bind)
            .await
            .with_context(|| format!("cannot listen on {}", config.bind))?;
        // A base URL derived from a port-0 bind address names the port actually bound.
        if config.base_url.port() == Some(0) {
            let _ = config
                .base_url
                .set_port(Some(listener.local_addr()?.port()));
        }
        let routes = route_specs(&config).into_iter().map(|spec| spec.path);
        let state = AppState::new(config, db, clock, routes, &PERSONAL_DATA)?;
        Ok(Application { listener, state })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until `shutdown` resolves; then stops accepting, lets requests in flight finish
    /// (up to `MEDSPIL_SHUTDOWN_TIMEOUT`), and stops the worker after its current job.
    pub async fn run_until_stopped(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let Application { listener, state } = self;
        let (stop_tx, stop_rx) = watch::channel(false);

        if state.mailer.is_none() && !state.config.dev_mailbox {
            tracing::info!("SMTP_URL is not set: outgoing mail stays queued in the outbox");
        }
        let worker = state
            .config
            .run_worker
            .then(|| tokio::spawn(run_worker(state.clone(), stop_rx.clone())));

        let timeout = state.config.shutdown_timeout;
        let header_timeout = state.config.header_timeout;
        let router = app(state);
        let server = tokio::spawn(serve(listener, router, header_timeout, stop_rx.clone()));

        shutdown.await;
        tracing::info!("shutting down: finishing requests in flight");
        let _ = stop_tx.send(true);
        let deadline = tokio::time::sleep(timeout);
        tokio::pin!(deadline);
        let mut server = server;
        tokio::select! {
            result = &mut server => { result.context("the server task")?; }
            _ = &mut deadline => {
                tracing::warn!("requests still running after the shutdown timeout; closing them");
                server.abort();
            }
        }
        if let Some(worker) = worker {
            tokio::select! {
                _ = worker => {}
                _ = &mut deadline => tracing::warn!("the job in hand did not finish before the shutdown timeout"),
            }
        }
        Ok(())
    }
}

/// The background worker with every job kind, after scheduling the daily maintenance.
async fn run_worker(state: AppState, stop: watch::Receiver<bool>) {
    if let Err(e) = maintenance::schedule(&state).await {
        tracing::warn!(error = %e, "could not schedule the daily maintenance");
    }
    if let Err(e) = invitations::schedule_weekly(&state).await {
        tracing::warn!(error = %e, "could not schedule the units' weekly mail");
    }
    if let Err(e) = figures::schedule(&state).await {
        tracing::warn!(error = %e, "could not schedule the refresh of /tal");
    }
    worker(state).run(stop).await
}

/// Accepts connections until `stop` turns true, then waits for the requests in flight.
///
/// Served with hyper's HTTP/1 builder rather than `axum::serve`, which has no header-read
/// timeout: a client that sends its headers byte by byte (or opens a connection and says
/// nothing) is cut off after `header_timeout`, so slow clients cannot hold connections open
/// forever. HTTP/2 is left to the reverse proxy in front.
async fn serve(
    listener: TcpListener,
    router: Router,
    header_timeout: Duration,
    mut stop: watch::Receiver<bool>,
) {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use hyper_util::server::graceful::GracefulShutdown;
    use hyper_util::service::TowerToHyperService;
    use tower::ServiceExt;

    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(header_timeout);
    let graceful = GracefulShutdown::new();
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = async { stop.wait_for(|stop| *stop).await.map(|_| ()) } => break,
        };
        let (stream, peer) = match accepted {
            Ok(pair) => pair,
            Err(e) => {
                // Out of file descriptors, say: wait a moment instead of spinning.
                tracing::warn!(error = %e, "cannot accept a connection");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        // The peer address for `ConnectInfo`, as `into_make_service_with_connect_info` gives it.
        let service = router.clone().map_request(
            move |mut request: axum::extract::Request<hyper::body::Incoming>| {
                request.extensions_mut().insert(ConnectInfo(peer));
                request
            },
        );
        let connection = graceful
            .watch(http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service)));
        tokio::spawn(async move {
            // Client resets and header timeouts end up here: routine, not worth a warning.
            if let Err(e) = connection.await {
                tracing::debug!(error = %e, "connection ended with an error");
            }
        });
    }
    drop(listener);
    // Idle connections close now; busy ones after their current response.
    graceful.shutdown().await;
}

/// Resolves on Ctrl-C or SIGTERM. The handlers are installed when this is called (not when
/// first polled), so a signal that arrives right after startup is not lost.
pub fn shutdown_signal() -> impl Future<Output = ()> + Send + 'static {
    use tokio::signal::unix::{SignalKind, signal};
    let term = signal(SignalKind::terminate());
    let int = signal(SignalKind::interrupt());
    async move {
        match (term, int) {
            (Ok(mut term), Ok(mut int)) => {
                tokio::select! { _ = term.recv() => {}, _ = int.recv() => {} }
            }
            _ => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
}
