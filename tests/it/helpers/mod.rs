//! Test helpers, named after what a person or an operator does.

pub mod browser;
pub mod cluster;
pub mod fixtures;
pub mod ics;
pub mod logs;
pub mod oidc;
pub mod process;
pub mod queries;
pub mod salons;
pub mod smtp;

use std::collections::HashMap;
use std::net::SocketAddr;

use chrono::{DateTime, Utc};
use medspil::clock::Clock;
use medspil::config::Config;
use medspil::database::pool_options;
use medspil::jobs::Worker;
use medspil::startup::Application;
use medspil::state::AppState;
use reqwest::StatusCode;
use scraper::{Html, Selector};
use sqlx::PgPool;
use tokio::sync::oneshot;

/// The password the harness's people use.
pub const PASSWORD: &str = "kaffe i ry bymidte";

/// The project's folder. Cargo sets `CARGO_MANIFEST_DIR` when it runs the tests, so this is the
/// checkout the tests run in; the compile-time value is only a fallback, because a test binary
/// kept from a build in another checkout sharing `target/` would point into that one.
pub fn project_root() -> std::path::PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| env!("CARGO_MANIFEST_DIR").into())
}

/// Where the test clock starts: a Tuesday morning in Copenhagen.
pub fn test_start() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-12-01T09:00:00Z")
        .unwrap()
        .to_utc()
}

/// A running app on its own database and port.
pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub db: PgPool,
    pub clock: Clock,
    pub state: AppState,
    stop: Option<oneshot::Sender<()>>,
    _database: cluster::TestDatabase,
}

/// Settings a test may change before the app starts.
#[derive(Default)]
pub struct Options {
    pub env: HashMap<&'static str, String>,
    /// Use this database URL instead of a fresh clone of the template.
    pub database_url: Option<String>,
    /// How long a request may wait for a database connection (default 15 s: a burst of
    /// hundreds of requests on a loaded 2-core machine must queue, not fail).
    pub acquire_timeout: Option<std::time::Duration>,
    /// Abuse limits to set before the app starts, as `medspil admin limits set` does. Unless
    /// a test names them, sign-ups per address, salons per day and API requests per address
    /// are raised: every test person signs up from 127.0.0.1, and some tests make dozens of
    /// salons with one host.
    pub limits: Vec<(&'static str, i64)>,
    /// Keep the migration's limits as they are (for the tests of the limits themselves).
    pub default_limits: bool,
}

impl TestApp {
    /// The app as the harness normally runs it: fresh database, test clock, dev mailbox on,
    /// background worker off (tests run jobs with [`TestApp::run_jobs`]).
    pub async fn spawn() -> TestApp {
        Self::spawn_with(Options::default()).await
    }

    /// The app for a test that sends hundreds of writes to one salon at once. Each holds the
    /// salon's row lock in turn, so the last waits for every transaction before it: on a
    /// machine busy with other work that is longer than the default wait for a connection,
    /// and the app then rightly answers 503 (a real server sheds load rather than queueing
    /// without end). These tests prove the seats and positions, not how fast a burst drains:
    /// every request must still succeed, only the wait may be long.
    pub async fn spawn_for_burst() -> TestApp {
        Self::spawn_with(Options {
            acquire_timeout: Some(std::time::Duration::from_secs(180)),
            ..Options::default()
        })
        .await
    }

    pub async fn spawn_with(options: Options) -> TestApp {
        let database = cluster::TestDatabase::create().await;
        let url = options
            .database_url
            .clone()
            .unwrap_or_else(|| database.url.clone());
        let mut env: HashMap<&str, String> = HashMap::from([
            ("DATABASE_URL", url.clone()),
            ("MEDSPIL_BIND", "127.0.0.1:0".to_string()),
            ("MEDSPIL_DEV_MAILBOX", "1".to_string()),
        ]);
        env.extend(options.env);
        let mut config = Config::from_lookup(|k| env.get(k).cloned()).expect("test configuration");
        config.run_worker = false;
        let db = pool_options(config.db_pool)
            .acquire_timeout(
                options
                    .acquire_timeout
                    .unwrap_or(std::time::Duration::from_secs(15)),
            )
            .connect(&url)
            .await
            .expect("connect to the test database");
        let clock = Clock::manual(test_start());
        let app = Application::build(config, db.clone(), clock.clone())
            .await
            .expect("build the app");
        // After the build: it migrates a database that is not a copy of the template.
        let mut limits = if options.default_limits {
            Vec::new()
        } else {
            vec![
                ("signups_per_address_per_hour", 100_000),
                ("salons_per_day", 100_000),
                // The barrages and the API's conformance run send hundreds from one address.
                ("api_requests_per_address_per_minute", 1_000_000),
            ]
        };
        limits.extend(options.limits);
        for (name, value) in limits {
            medspil::limits::set(&db, name, value)
                .await
                .unwrap_or_else(|e| panic!("setting the limit {name}: {e}"));
        }
        let addr: SocketAddr = app.local_addr();
        let state = app.state().clone();
        let (stop, stopped) = oneshot::channel::<()>();
        tokio::spawn(app.run_until_stopped(async move {
            let _ = stopped.await;
        }));
        let client = reqwest::Client::builder()
            .cookie_store(true)
            // As in `Browser::new`: never reuse a connection the server may be closing.
            .pool_idle_timeout(std::time::Duration::from_secs(5))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        TestApp {
            address: format!("http://{addr}"),
            client,
            db,
            clock,
            state,
            stop: Some(stop),
            _database: database,
        }
    }

    /// The URL of this app's database, for a second app (another process) on the same one.
    pub fn database_url(&self) -> String {
        self._database.url.clone()
    }

    /// Runs the `medspil` binary with `args` against this app's database, as an operator would
    /// (blocking: call it inside `block_in_place`).
    pub fn operator(&self, args: &[&str]) -> std::process::Output {
        std::process::Command::new(env!("CARGO_BIN_EXE_medspil"))
            .args(args)
            // Nothing from the developer's environment or `.env` may change what is tested.
            .env_clear()
            .current_dir(std::env::temp_dir())
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("DATABASE_URL", self.database_url())
            .env("RUST_LOG", "warn")
            .output()
            .unwrap_or_else(|e| panic!("running medspil {args:?}: {e}"))
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    /// A visitor opens `path`.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("GET")
    }

    /// A visitor whose browser prefers `lang` opens `path`.
    pub async fn get_in(&self, path: &str, lang: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .header("accept-language", lang)
            .send()
            .await
            .expect("GET")
    }

    /// Opens `path` and parses the page, checking the status.
    pub async fn page(&self, path: &str, expected: StatusCode) -> Html {
        let response = self.get(path).await;
        assert_eq!(response.status(), expected, "GET {path}");
        Html::parse_document(&response.text().await.unwrap())
    }

    /// Opens `path` and parses it, asserting it answered 200 and is the page expected (its
    /// `h1`): for a test that then says something is *not* shown.
    pub async fn titled(&self, path: &str, h1: &str) -> Html {
        let response = self.get(path).await;
        let status = response.status();
        page_titled(status, &response.text().await.unwrap(), h1)
    }

    /// A new browser, with no cookies.
    pub fn browser(&self) -> browser::Browser {
        browser::Browser::new(&self.address)
    }

    /// The newest link to this site in the mail last queued for `email` (as its owner would
    /// find it in their inbox).
    pub async fn link_in_mail(&self, email: &str) -> String {
        let body: String = sqlx::query_scalar(
            "SELECT body_text FROM outbox WHERE lower(to_address) = lower($1) ORDER BY seq DESC LIMIT 1",
        )
        .bind(email)
        .fetch_one(&self.db)
        .await
        .unwrap_or_else(|_| panic!("no mail to {email}"));
        let start = body
            .find(&self.address)
            .unwrap_or_else(|| panic!("no link in: {body}"));
        let link = body[start..].split_whitespace().next().unwrap();
        link.trim_start_matches(&self.address).to_string()
    }

    /// The number of mails queued for `email`.
    pub async fn mails_to(&self, email: &str) -> i64 {
        sqlx::query_scalar("SELECT count(*) FROM outbox WHERE lower(to_address) = lower($1)")
            .bind(email)
            .fetch_one(&self.db)
            .await
            .unwrap()
    }

    /// Someone registers, confirms their email from the link in the mail and signs in.
    pub async fn verified_person(&self, name: &str, email: &str) -> browser::Browser {
        let person = self.registered_person(name, email).await;
        let link = self.link_in_mail(email).await;
        let confirm = person.post(&link, &[]).await;
        assert_eq!(
            confirm.status,
            StatusCode::OK,
            "confirming {email}: {}",
            confirm.body
        );
        person
    }

    /// A new browser signed in as the existing account `email` (with the tests' password).
    pub async fn signed_in(&self, email: &str) -> browser::Browser {
        let person = self.browser();
        let r = person
            .post("/sign-in", &[("email", email), ("password", PASSWORD)])
            .await;
        assert_eq!(
            r.status,
            StatusCode::SEE_OTHER,
            "signing in {email}: {}",
            r.body
        );
        person
    }

    /// Someone registers and signs in, without confirming their email.
    pub async fn registered_person(&self, name: &str, email: &str) -> browser::Browser {
        let person = self.browser();
        let r = person
            .post(
                "/register",
                &[("name", name), ("email", email), ("password", PASSWORD)],
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::SEE_OTHER,
            "registering {email}: {}",
            r.body
        );
        let r = person
            .post("/sign-in", &[("email", email), ("password", PASSWORD)])
            .await;
        assert_eq!(
            r.status,
            StatusCode::SEE_OTHER,
            "signing in {email}: {}",
            r.body
        );
        person
    }

    /// An operator makes the account with `email` an admin of the municipality `slug`, as
    /// `medspil admin grant` does.
    pub async fn grant_admin(&self, email: &str, slug: &str) {
        medspil::roles::grant_admin(&self.db, email, slug, self.clock.now())
            .await
            .unwrap_or_else(|e| panic!("granting {email} admin of {slug}: {e:#}"));
    }

    /// The operator registers `domain` for the municipality `slug`, as `medspil admin domain
    /// add` does.
    pub async fn operator_adds_domain(&self, slug: &str, domain: &str) {
        medspil::roles::add_by_operator(&self.db, slug, domain, self.clock.now())
            .await
            .unwrap_or_else(|e| panic!("adding {domain} to {slug}: {e:#}"));
    }

    /// The operator makes the account with `email` a platform moderator, as
    /// `medspil admin grant --moderator` does.
    pub async fn grant_moderator(&self, email: &str) {
        medspil::moderation::grant_moderator(&self.db, email, self.clock.now())
            .await
            .unwrap_or_else(|e| panic!("granting {email} moderator: {e:#}"));
    }

    /// An admin of the municipality `slug`, made by the operator and signed in
    /// (`admin@{slug}.example.dk`).
    pub async fn municipality_admin(&self, slug: &str) -> browser::Browser {
        let email = format!("admin@{slug}.example.dk");
        let admin = self.verified_person(&format!("Admin {slug}"), &email).await;
        self.grant_admin(&email, slug).await;
        admin
    }

    /// An admin creates a unit of `kind` called `name`; returns its id, from the link on the
    /// admins' list of units.
    pub async fn create_unit(
        &self,
        admin: &browser::Browser,
        slug: &str,
        kind: &str,
        name: &str,
    ) -> String {
        let units = format!("/admin/{slug}/units");
        let r = admin.post(&units, &[("kind", kind), ("name", name)]).await;
        assert_eq!(
            r.status,
            StatusCode::SEE_OTHER,
            "creating {name}: {}",
            r.body
        );
        let list = admin.get(&units).await;
        let link = Selector::parse(".admin-unit a").unwrap();
        let href = list
            .html
            .select(&link)
            .find(|a| a.text().collect::<String>() == name)
            .and_then(|a| a.value().attr("href"))
            .unwrap_or_else(|| panic!("{name} is not listed"));
        href.rsplit('/').next().unwrap().to_string()
    }

    /// Pia asks to be a politician of the municipality `slug`'s council and its admin approves:
    /// her browser and the role's id.
    pub async fn approved_politician(&self, slug: &str) -> (browser::Browser, String) {
        let admin = self.municipality_admin(slug).await;
        let unit = self.create_unit(&admin, slug, "council", "Byrådet").await;
        let pia = self
            .verified_person("Pia Politiker", "pia@example.dk")
            .await;
        let form = [
            ("kind", "politician"),
            ("units", unit.as_str()),
            ("title", "Byrådsmedlem"),
        ];
        let r = pia
            .post(&format!("/municipalities/{slug}/roles/request"), &form)
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let role: String = sqlx::query_scalar(
            "SELECT r.id::text FROM roles r JOIN users u ON u.id = r.user_id WHERE u.email = 'pia@example.dk'",
        )
        .fetch_one(&self.db)
        .await
        .unwrap();
        let r = admin
            .post(&format!("/admin/{slug}/requests/{role}/approve"), &[])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        (pia, role)
    }

    /// Someone registers as `email`, asks to be an official in `unit` of `slug` and the
    /// `admin` approves: their browser and the role's id.
    pub async fn approved_official(
        &self,
        admin: &browser::Browser,
        slug: &str,
        unit: &str,
        name: &str,
        email: &str,
    ) -> (browser::Browser, String) {
        let person = self.verified_person(name, email).await;
        let form = [
            ("kind", "official"),
            ("units", unit),
            ("title", "Vejingeniør"),
        ];
        let r = person
            .post(&format!("/municipalities/{slug}/roles/request"), &form)
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let role: String = sqlx::query_scalar(
            "SELECT r.id::text FROM roles r JOIN users u ON u.id = r.user_id WHERE u.email = $1",
        )
        .bind(email)
        .fetch_one(&self.db)
        .await
        .unwrap();
        let status: String =
            sqlx::query_scalar("SELECT status::text FROM roles WHERE id = $1::uuid")
                .bind(&role)
                .fetch_one(&self.db)
                .await
                .unwrap();
        if status != "approved" {
            let r = admin
                .post(&format!("/admin/{slug}/requests/{role}/approve"), &[])
                .await;
            assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        }
        (person, role)
    }

    /// [`Self::approved_official`] in Skanderborg, where most tests are set.
    pub async fn skanderborg_official(
        &self,
        admin: &browser::Browser,
        unit: &str,
        name: &str,
        email: &str,
    ) -> (browser::Browser, String) {
        self.approved_official(admin, "skanderborg", unit, name, email)
            .await
    }

    /// The Skanderborg department most tests invite, "Teknik og Miljø": its id.
    pub async fn teknik_og_miljo(&self, admin: &browser::Browser) -> String {
        self.create_unit(admin, "skanderborg", "department", "Teknik og Miljø")
            .await
    }

    /// The operator changes an abuse limit, as `medspil admin limits set NAME N` does.
    pub async fn set_limit(&self, name: &str, value: i64) {
        medspil::limits::set(&self.db, name, value)
            .await
            .unwrap_or_else(|e| panic!("setting the limit {name}: {e}"));
    }

    /// A worker with the app's own job handlers.
    pub fn worker(&self) -> Worker {
        medspil::startup::worker(self.state.clone())
    }

    /// Runs every due job, as the background worker would.
    pub async fn run_jobs(&self) -> usize {
        self.worker().run_until_idle().await.expect("run jobs")
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// The texts of the elements `selector` matches.
pub fn texts(html: &Html, selector: &str) -> Vec<String> {
    let sel = Selector::parse(selector).expect("a valid selector");
    html.select(&sel)
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// The text of the one element `selector` matches.
pub fn text(html: &Html, selector: &str) -> String {
    let found = texts(html, selector);
    assert_eq!(found.len(), 1, "expected one {selector}, found {found:?}");
    found.into_iter().next().unwrap()
}

/// A 429's `Retry-After`, in whole seconds: every refusal that passes with time says when.
pub fn retry_after(r: &browser::Response) -> i64 {
    assert_eq!(
        r.status,
        reqwest::StatusCode::TOO_MANY_REQUESTS,
        "{}",
        r.body
    );
    let value = r.headers.get(reqwest::header::RETRY_AFTER);
    let value = value.unwrap_or_else(|| panic!("a 429 without Retry-After: {:?}", r.headers));
    value
        .to_str()
        .unwrap()
        .parse()
        .expect("Retry-After in seconds")
}

/// Asserts that a page answered 200 and is the page expected (its one `h1` reads `h1`), and
/// returns it parsed: checked before saying something is *not* shown, so that an error page
/// cannot pass for a page without it.
#[track_caller]
pub fn page_titled(status: StatusCode, body: &str, h1: &str) -> Html {
    assert_eq!(status, StatusCode::OK, "expected the page \"{h1}\": {body}");
    let html = Html::parse_document(body);
    assert_eq!(text(&html, "h1"), h1, "expected the page \"{h1}\"");
    html
}

/// An attribute of the first element `selector` matches.
pub fn attr(html: &Html, selector: &str, name: &str) -> Option<String> {
    let sel = Selector::parse(selector).expect("a valid selector");
    html.select(&sel)
        .next()
        .and_then(|e| e.value().attr(name).map(str::to_string))
}
