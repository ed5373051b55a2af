//! Typed configuration from the environment (and a `.env` file, loaded by `main`).
//!
//! Everything the app reads from its environment is parsed here, once, into types; the rest of
//! the code never calls `std::env`. Secrets are wrapped in [`Secret`] so they cannot reach a log
//! line through `Debug`.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, bail};
use ipnet::IpNet;
use url::Url;

/// A value that must never be printed: `Debug` shows a placeholder.
#[derive(Clone)]
pub struct Secret<T>(T);

impl<T> Secret<T> {
    pub fn new(value: T) -> Self {
        Self(value)
    }
    /// The only way to read the secret; grep for it.
    pub fn expose(&self) -> &T {
        &self.0
    }
}

impl<T> std::fmt::Debug for Secret<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// Where the database comes from.
#[derive(Clone, Debug)]
pub enum DatabaseConfig {
    /// `DATABASE_URL` was set: use that database, start nothing.
    External(Secret<String>),
    /// No `DATABASE_URL`: run a private cluster under the data directory.
    Embedded,
}

/// The application's configuration.
#[derive(Clone, Debug)]
pub struct Config {
    pub database: DatabaseConfig,
    /// The most database connections this process opens (`MEDSPIL_DB_POOL`).
    pub db_pool: u32,
    pub bind: SocketAddr,
    pub data_dir: PathBuf,
    /// The public address of the site: every link in an email is built from it, never from
    /// the request's `Host` header.
    pub base_url: Url,
    pub smtp_url: Option<Secret<String>>,
    /// Sender address of outgoing mail.
    pub mail_from: String,
    pub dev_mailbox: bool,
    pub shutdown_timeout: Duration,
    /// How long a client may take to send a request's headers (and an idle keep-alive
    /// connection may wait) before the connection is closed: slow clients cannot pile up.
    pub header_timeout: Duration,
    /// Bearer token for `GET /metrics`; without it the route does not exist.
    pub metrics_token: Option<Secret<String>>,
    /// Whether the background worker runs in this process (tests drive it by hand).
    pub run_worker: bool,
    /// Reverse proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<IpNet>,
    pub limits: Limits,
    pub operator: Operator,
    /// OpenID Connect providers people may sign in with (MitID brokers, municipalities' own
    /// logins); empty means the sign-in page offers email and password only.
    pub providers: Vec<Provider>,
}

/// How log lines are written (`MEDSPIL_LOG_FORMAT`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogFormat {
    /// Human-readable lines (the default).
    Text,
    /// One JSON object per line, for a log collector.
    Json,
}

impl LogFormat {
    /// Read by `main` before anything else, so that even configuration errors are logged in
    /// the chosen format; an unknown value falls back to text.
    pub fn from_env() -> LogFormat {
        match std::env::var("MEDSPIL_LOG_FORMAT") {
            Ok(v) if v.trim().eq_ignore_ascii_case("json") => LogFormat::Json,
            _ => LogFormat::Text,
        }
    }
}

/// Who runs this Medspil site, for the privacy policy and the accessibility statement.
#[derive(Clone, Debug, Default)]
pub struct Operator {
    pub name: Option<String>,
    pub email: Option<String>,
    /// The operator's official accessibility statement, if they publish one elsewhere.
    pub accessibility_url: Option<Url>,
}

/// Sign-in throttling; configurable so load runs from 127.0.0.1 can raise it. (The limits on
/// salons, messages, invitation emails and sign-ups are rows in PostgreSQL: [`crate::limits`].)
#[derive(Clone, Debug)]
pub struct Limits {
    /// Failed sign-ins allowed per (account, client address) before delays begin.
    pub sign_in_free_per_account: i32,
    /// Failed sign-ins allowed per client address before delays begin.
    pub sign_in_free_per_address: i32,
}

/// Two connections per core of this machine, at least four. PostgreSQL does its work on
/// the CPUs: more connections than it has cores to run them only queue inside it, and on a
/// 2-core machine a pool of 20 served the benchmark's bare page ~10 % slower, with a p99 1.7×
/// as long, as a pool of 4 did (`bench/README.md`, "The pool's size").
fn default_db_pool() -> u32 {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get() as u32);
    (2 * cores).max(4)
}

impl Config {
    /// Reads the configuration from the process environment.
    pub fn from_env() -> anyhow::Result<Config> {
        Self::from_lookup(|key| std::env::var(key).ok())
    }

    /// Reads the configuration through `lookup`, so tests can pass their own environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> anyhow::Result<Config> {
        let get = |key: &str| lookup(key).filter(|v| !v.trim().is_empty());

        let database = match get("DATABASE_URL") {
            Some(url) => DatabaseConfig::External(Secret::new(url)),
            None => DatabaseConfig::Embedded,
        };
        let bind: SocketAddr = get("MEDSPIL_BIND")
            .as_deref()
            .unwrap_or("127.0.0.1:3000")
            .parse()
            .context("MEDSPIL_BIND must be an address and port, such as 127.0.0.1:3000")?;
        let data_dir = PathBuf::from(get("MEDSPIL_DATA_DIR").unwrap_or_else(|| "./data".into()));
        let base_url = match get("MEDSPIL_BASE_URL") {
            Some(raw) => parse_base_url(&raw)?,
            None if bind.ip().is_loopback() => parse_base_url(&format!("http://{bind}"))?,
            None => bail!(
                "MEDSPIL_BASE_URL must be set when MEDSPIL_BIND is not a loopback address: \
                 links in emails are built from it"
            ),
        };
        let smtp_url = get("SMTP_URL").map(Secret::new);
        let mail_from = get("MEDSPIL_MAIL_FROM").unwrap_or_else(|| {
            format!(
                "Medspil <noreply@{}>",
                base_url.host_str().unwrap_or("localhost")
            )
        });
        // The dev mailbox shows every mail with its links: never on a public https site.
        let dev_mailbox = get("MEDSPIL_DEV_MAILBOX").is_some_and(|v| is_truthy(&v))
            && base_url.scheme() != "https";
        let shutdown_timeout = match get("MEDSPIL_SHUTDOWN_TIMEOUT") {
            Some(raw) => parse_duration(&raw).context(
                "MEDSPIL_SHUTDOWN_TIMEOUT must be a number of seconds, such as 10 or 10s",
            )?,
            None => Duration::from_secs(10),
        };
        let header_timeout = match get("MEDSPIL_HEADER_TIMEOUT") {
            Some(raw) => parse_duration(&raw).ok().filter(|d| !d.is_zero()).context(
                "MEDSPIL_HEADER_TIMEOUT must be a positive number of seconds, such as 10",
            )?,
            None => Duration::from_secs(10),
        };
        let db_pool = match get("MEDSPIL_DB_POOL") {
            Some(raw) => raw
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|n| (1..=1000).contains(n))
                .context("MEDSPIL_DB_POOL must be a number of connections from 1 to 1000")?,
            None => default_db_pool(),
        };
        let metrics_token = match get("MEDSPIL_METRICS_TOKEN") {
            Some(token) if token.trim().len() < 16 => {
                bail!("MEDSPIL_METRICS_TOKEN must be at least 16 characters long")
            }
            Some(token) => Some(Secret::new(token.trim().to_string())),
            None => None,
        };
        Ok(Config {
            database,
            db_pool,
            bind,
            data_dir,
            base_url,
            smtp_url,
            mail_from,
            dev_mailbox,
            shutdown_timeout,
            header_timeout,
            metrics_token,
            run_worker: true,
            trusted_proxies: match get("MEDSPIL_TRUSTED_PROXIES") {
                Some(raw) => parse_proxies(&raw)?,
                None => Vec::new(),
            },
            operator: Operator {
                name: get("MEDSPIL_OPERATOR_NAME"),
                email: get("MEDSPIL_OPERATOR_EMAIL"),
                accessibility_url: match get("MEDSPIL_ACCESSIBILITY_URL") {
                    Some(raw) => Some(
                        Url::parse(&raw)
                            .context("MEDSPIL_ACCESSIBILITY_URL must be an absolute URL")?,
                    ),
                    None => None,
                },
            },
            limits: Limits {
                sign_in_free_per_account: parse_limit(get("MEDSPIL_SIGNIN_FREE_PER_ACCOUNT"), 5)?,
                sign_in_free_per_address: parse_limit(get("MEDSPIL_SIGNIN_FREE_PER_ADDRESS"), 50)?,
            },
            providers: parse_providers(&get)?,
        })
    }

    /// Whether cookies should carry `Secure`.
    pub fn https(&self) -> bool {
        self.base_url.scheme() == "https"
    }

    /// An absolute link on this site for a path such as `/salons/…`.
    pub fn link(&self, path: &str) -> String {
        let base = self.base_url.as_str().trim_end_matches('/');
        format!("{base}{path}")
    }
}

/// An OpenID Connect provider, from `MEDSPIL_OIDC_PROVIDERS=mitid,kbh` and the
/// `MEDSPIL_OIDC_<ID>_…` variables of each (see the README).
#[derive(Clone, Debug)]
pub struct Provider {
    /// Short name in URLs and in the database (`mitid`); never changes once people use it.
    pub id: String,
    /// What the button says ("MitID", "Aarhus Kommunes login").
    pub name: String,
    /// The issuer: discovery reads `<issuer>/.well-known/openid-configuration`.
    pub issuer: Url,
    pub client_id: String,
    pub client_secret: Secret<String>,
    /// Scopes asked for besides `openid`.
    pub scopes: Vec<String>,
    pub kind: ProviderKind,
    /// The `acr` the ID token must carry (such as `urn:grn:authn:dk:mitid:substantial`).
    pub acr: Option<String>,
}

/// What a provider's sign-in proves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProviderKind {
    /// A MitID broker: the name it gives is the person's verified name.
    CitizenId,
    /// A municipality's own login: a token carrying `claim` with `value` proves employment
    /// by the municipality with slug `municipality`.
    MunicipalityStaff {
        municipality: String,
        claim: String,
        value: String,
    },
}

fn parse_providers(get: &dyn Fn(&str) -> Option<String>) -> anyhow::Result<Vec<Provider>> {
    let Some(list) = get("MEDSPIL_OIDC_PROVIDERS") else {
        return Ok(Vec::new());
    };
    let mut providers: Vec<Provider> = Vec::new();
    for id in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        if !id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            || id.len() > 40
        {
            bail!("MEDSPIL_OIDC_PROVIDERS: {id} must be lower-case letters, digits and '-'");
        }
        if providers.iter().any(|p| p.id == id) {
            bail!("MEDSPIL_OIDC_PROVIDERS names {id} twice");
        }
        let prefix = format!(
            "MEDSPIL_OIDC_{}_",
            id.to_ascii_uppercase().replace('-', "_")
        );
        let var = |name: &str| get(&format!("{prefix}{name}"));
        let need = |name: &str| var(name).with_context(|| format!("{prefix}{name} must be set"));
        let issuer = Url::parse(need("ISSUER")?.trim())
            .with_context(|| format!("{prefix}ISSUER must be an absolute URL"))?;
        let kind = match need("KIND")?.trim() {
            "citizen-id" => ProviderKind::CitizenId,
            "municipality-staff" => {
                refuse_multi_tenant(&issuer).with_context(|| format!("{prefix}ISSUER"))?;
                let claim = need("STAFF_CLAIM")?;
                let (claim, value) = claim
                    .split_once('=')
                    .map(|(c, v)| (c.trim().to_string(), v.trim().to_string()))
                    .filter(|(c, v)| !c.is_empty() && !v.is_empty())
                    .with_context(|| {
                        format!(
                            "{prefix}STAFF_CLAIM must be claim=value, such as roles=Medspil.Staff"
                        )
                    })?;
                ProviderKind::MunicipalityStaff {
                    municipality: need("MUNICIPALITY")?.trim().to_string(),
                    claim,
                    value,
                }
            }
            other => bail!("{prefix}KIND is {other}: it must be citizen-id or municipality-staff"),
        };
        let scopes = var("SCOPES")
            .unwrap_or_else(|| "openid email profile".into())
            .split([' ', ','])
            .filter(|s| !s.is_empty() && *s != "openid")
            .map(str::to_string)
            .collect();
        providers.push(Provider {
            id: id.to_string(),
            name: var("NAME").unwrap_or_else(|| id.to_string()),
            issuer,
            client_id: need("CLIENT_ID")?,
            client_secret: Secret::new(need("CLIENT_SECRET")?),
            scopes,
            kind,
            acr: var("ACR").map(|a| a.trim().to_string()),
        });
    }
    Ok(providers)
}

/// Entra ID's `common`, `organizations` and `consumers` endpoints accept any tenant (and
/// personal accounts): a token from them proves nothing about working for a municipality.
fn refuse_multi_tenant(issuer: &Url) -> anyhow::Result<()> {
    let microsoft = issuer.host_str().is_some_and(|h| {
        h.ends_with("login.microsoftonline.com") || h.ends_with("sts.windows.net")
    });
    let first = issuer
        .path_segments()
        .and_then(|mut s| s.next())
        .unwrap_or("")
        .to_ascii_lowercase();
    if microsoft
        && matches!(
            first.as_str(),
            "common" | "organizations" | "consumers" | "{tenantid}"
        )
    {
        bail!(
            "a municipality's login must name its own tenant, not the multi-tenant '{first}' endpoint: \
             use https://login.microsoftonline.com/<tenant id>/v2.0"
        );
    }
    Ok(())
}

fn parse_base_url(raw: &str) -> anyhow::Result<Url> {
    let url = Url::parse(raw).with_context(|| "MEDSPIL_BASE_URL must be an absolute URL")?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        bail!("MEDSPIL_BASE_URL must be an http:// or https:// URL with a host");
    }
    Ok(url)
}

fn parse_proxies(raw: &str) -> anyhow::Result<Vec<IpNet>> {
    raw.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<IpNet>()
                .or_else(|_| s.parse::<std::net::IpAddr>().map(IpNet::from))
                .with_context(|| {
                    format!("MEDSPIL_TRUSTED_PROXIES: {s} is not an address or network")
                })
        })
        .collect()
}

fn parse_limit(raw: Option<String>, default: i32) -> anyhow::Result<i32> {
    match raw {
        Some(v) => v
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|n| *n >= 1)
            .context("a limit must be a positive whole number"),
        None => Ok(default),
    }
}

fn is_truthy(v: &str) -> bool {
    matches!(
        v.trim().to_ascii_lowercase().as_str(),
        "1" | "true" | "yes" | "on"
    )
}

fn parse_duration(raw: &str) -> anyhow::Result<Duration> {
    let secs: f64 = raw.trim().trim_end_matches('s').trim().parse()?;
    if !(0.0..=3600.0).contains(&secs) {
        bail!("out of range");
    }
    Ok(Duration::from_secs_f64(secs))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(vars: &[(&str, &str)]) -> anyhow::Result<Config> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(|k| map.get(k).cloned())
    }

    #[test]
    fn defaults_bind_to_loopback_and_derive_the_base_url() {
        let c = config(&[]).unwrap();
        assert_eq!(c.bind.to_string(), "127.0.0.1:3000");
        assert_eq!(c.base_url.as_str(), "http://127.0.0.1:3000/");
        assert!(matches!(c.database, DatabaseConfig::Embedded));
        assert_eq!(c.shutdown_timeout, Duration::from_secs(10));
    }

    #[test]
    fn a_public_bind_address_requires_a_base_url() {
        assert!(config(&[("MEDSPIL_BIND", "0.0.0.0:3000")]).is_err());
        let c = config(&[
            ("MEDSPIL_BIND", "0.0.0.0:3000"),
            ("MEDSPIL_BASE_URL", "https://medspil.dk"),
        ])
        .unwrap();
        assert_eq!(c.link("/salons"), "https://medspil.dk/salons");
    }

    #[test]
    fn the_dev_mailbox_is_never_on_over_https() {
        let c = config(&[
            ("MEDSPIL_DEV_MAILBOX", "1"),
            ("MEDSPIL_BASE_URL", "https://x.dk"),
        ]);
        assert!(!c.unwrap().dev_mailbox);
        assert!(config(&[("MEDSPIL_DEV_MAILBOX", "1")]).unwrap().dev_mailbox);
    }

    #[test]
    fn the_metrics_token_must_be_long_and_never_shows() {
        assert!(config(&[("MEDSPIL_METRICS_TOKEN", "short")]).is_err());
        let c = config(&[("MEDSPIL_METRICS_TOKEN", "a-long-enough-scrape-token")]).unwrap();
        assert!(c.metrics_token.is_some());
        assert!(!format!("{c:?}").contains("scrape-token"));
        assert!(config(&[]).unwrap().metrics_token.is_none());
    }

    #[test]
    fn the_pool_is_at_least_four_connections_unless_set() {
        assert!(config(&[]).unwrap().db_pool >= 4);
        assert_eq!(config(&[("MEDSPIL_DB_POOL", "12")]).unwrap().db_pool, 12);
        assert!(config(&[("MEDSPIL_DB_POOL", "0")]).is_err());
        assert!(config(&[("MEDSPIL_DB_POOL", "many")]).is_err());
    }

    #[test]
    fn the_header_timeout_is_positive() {
        assert_eq!(config(&[]).unwrap().header_timeout, Duration::from_secs(10));
        assert!(config(&[("MEDSPIL_HEADER_TIMEOUT", "0")]).is_err());
        let c = config(&[("MEDSPIL_HEADER_TIMEOUT", "0.5")]).unwrap();
        assert_eq!(c.header_timeout, Duration::from_millis(500));
    }

    const MITID: [(&str, &str); 6] = [
        ("MEDSPIL_OIDC_PROVIDERS", "mitid"),
        ("MEDSPIL_OIDC_MITID_ISSUER", "https://broker.example/"),
        ("MEDSPIL_OIDC_MITID_CLIENT_ID", "medspil"),
        ("MEDSPIL_OIDC_MITID_CLIENT_SECRET", "very-secret-value"),
        ("MEDSPIL_OIDC_MITID_KIND", "citizen-id"),
        (
            "MEDSPIL_OIDC_MITID_ACR",
            "urn:grn:authn:dk:mitid:substantial",
        ),
    ];

    #[test]
    fn providers_are_read_with_their_secret_hidden() {
        assert!(config(&[]).unwrap().providers.is_empty());
        let c = config(&MITID).unwrap();
        let p = &c.providers[0];
        assert_eq!((p.id.as_str(), p.name.as_str()), ("mitid", "mitid"));
        assert_eq!(p.kind, ProviderKind::CitizenId);
        assert_eq!(p.scopes, ["email", "profile"]);
        assert_eq!(p.acr.as_deref(), Some("urn:grn:authn:dk:mitid:substantial"));
        assert!(!format!("{c:?}").contains("very-secret-value"));
        // Every required variable is named when it is missing.
        let without_secret: Vec<_> = MITID[..3].iter().chain(&MITID[4..]).copied().collect();
        let err = config(&without_secret).unwrap_err().to_string();
        assert!(err.contains("MEDSPIL_OIDC_MITID_CLIENT_SECRET"), "{err}");
    }

    #[test]
    fn a_staff_login_needs_its_own_tenant_and_a_claim() {
        let staff = |issuer: &'static str, claim: &'static str| {
            config(&[
                ("MEDSPIL_OIDC_PROVIDERS", "aarhus"),
                ("MEDSPIL_OIDC_AARHUS_ISSUER", issuer),
                ("MEDSPIL_OIDC_AARHUS_CLIENT_ID", "x"),
                ("MEDSPIL_OIDC_AARHUS_CLIENT_SECRET", "y"),
                ("MEDSPIL_OIDC_AARHUS_KIND", "municipality-staff"),
                ("MEDSPIL_OIDC_AARHUS_MUNICIPALITY", "aarhus"),
                ("MEDSPIL_OIDC_AARHUS_STAFF_CLAIM", claim),
            ])
        };
        let tenant = "https://login.microsoftonline.com/4f1c2b3a-0000-4000-8000-000000000000/v2.0";
        let c = staff(tenant, "roles = Medspil.Staff").unwrap();
        assert_eq!(
            c.providers[0].kind,
            ProviderKind::MunicipalityStaff {
                municipality: "aarhus".into(),
                claim: "roles".into(),
                value: "Medspil.Staff".into()
            }
        );
        for multi in ["common", "organizations", "consumers"] {
            let issuer = format!("https://login.microsoftonline.com/{multi}/v2.0").leak();
            assert!(staff(issuer, "roles=Medspil.Staff").is_err(), "{multi}");
        }
        assert!(staff(tenant, "roles").is_err());
    }

    #[test]
    fn secrets_do_not_show_in_debug_output() {
        let c = config(&[("DATABASE_URL", "postgres://u:hunter2@db/x")]).unwrap();
        assert!(!format!("{c:?}").contains("hunter2"));
    }
}
