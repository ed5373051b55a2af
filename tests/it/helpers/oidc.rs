//! OpenID Connect providers for the sign-in tests: the real `oidc-provider` (Node, installed by
//! `scripts/test-deps`) with `tests/oidc/provider.mjs`, and a rogue provider inside the test
//! binary that serves the tokens a real provider never would.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Json;
use axum::extract::State;
use axum::routing::{get, post};
use chrono::{DateTime, Utc};
use openidconnect::core::{
    CoreIdToken, CoreIdTokenClaims, CoreJwsSigningAlgorithm, CoreRsaPrivateSigningKey,
};
use openidconnect::{
    Audience, EmptyAdditionalClaims, EndUserEmail, EndUserName, IssuerUrl, JsonWebKeyId, Nonce,
    PrivateSigningKey, StandardClaims, SubjectIdentifier,
};

use super::browser::Browser;
use super::smtp::{free_port, test_deps_dir};
use super::{Options, TestApp};

/// The real provider's process; killed when dropped.
pub struct RealProvider {
    child: Child,
}

impl Drop for RealProvider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Whether Node and oidc-provider are here; if not, the test is skipped loudly, or fails where
/// `MEDSPIL_E2E=require` (CI) says everything must run.
fn provider_module() -> Option<PathBuf> {
    let module = test_deps_dir().join("oidc-provider/node_modules/oidc-provider/lib/index.js");
    let node = Command::new("node")
        .arg("--version")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if node && module.exists() {
        return Some(module);
    }
    let what = "Node and oidc-provider (run scripts/test-deps)";
    if std::env::var("MEDSPIL_E2E").as_deref() == Ok("require") {
        panic!("MEDSPIL_E2E=require, but {what} are missing");
    }
    eprintln!("SKIPPED: this OpenID Connect test needs {what}");
    None
}

fn start_real(port: u16, redirect: &str) -> Option<RealProvider> {
    let module = provider_module()?;
    let script = super::project_root().join("tests/oidc/provider.mjs");
    let mut child = Command::new("node")
        .arg(script)
        .env("OIDC_PROVIDER_MODULE", module)
        .env("PORT", port.to_string())
        .env("REDIRECT_URI", redirect)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start node");
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if line.trim() == "ready" {
                let _ = tx.send(());
            }
        }
    });
    rx.recv_timeout(Duration::from_secs(30))
        .expect("oidc-provider did not start within 30 s");
    Some(RealProvider { child })
}

fn provider_env(id: &str, issuer: &str, client: &str, kind: &str) -> Vec<(String, String)> {
    let prefix = format!("MEDSPIL_OIDC_{}_", id.to_uppercase());
    [
        ("ISSUER", issuer.to_string()),
        ("CLIENT_ID", client.to_string()),
        ("CLIENT_SECRET", format!("{client}-secret")),
        ("KIND", kind.to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (format!("{prefix}{k}"), v))
    .collect()
}

fn leak(vars: Vec<(String, String)>) -> HashMap<&'static str, String> {
    vars.into_iter().map(|(k, v)| (&*k.leak(), v)).collect()
}

/// The app with three providers on one real `oidc-provider`: `broker` (a MitID broker),
/// `strict` (the same, requiring `acr` substantial) and `staff` (Skanderborg's own login, the
/// claim `groups=Medspil.Staff`). `None` when Node is missing (skipped loudly).
pub async fn app_with_real_provider() -> Option<(TestApp, RealProvider)> {
    app_with_real_provider_and(Vec::new()).await
}

/// [`app_with_real_provider`] with more settings (an SMTP server, say).
pub async fn app_with_real_provider_and(
    more: Vec<(String, String)>,
) -> Option<(TestApp, RealProvider)> {
    let port = free_port();
    let issuer = format!("http://127.0.0.1:{port}");
    let mut vars = vec![(
        "MEDSPIL_OIDC_PROVIDERS".to_string(),
        "broker,strict,staff".to_string(),
    )];
    vars.extend(provider_env("broker", &issuer, "medspil", "citizen-id"));
    vars.push(("MEDSPIL_OIDC_BROKER_NAME".into(), "MitID".into()));
    vars.extend(provider_env("strict", &issuer, "medspil", "citizen-id"));
    vars.push((
        "MEDSPIL_OIDC_STRICT_ACR".into(),
        "urn:grn:authn:dk:mitid:substantial".into(),
    ));
    vars.extend(provider_env(
        "staff",
        &issuer,
        "medspil-staff",
        "municipality-staff",
    ));
    vars.push((
        "MEDSPIL_OIDC_STAFF_MUNICIPALITY".into(),
        "skanderborg".into(),
    ));
    vars.push((
        "MEDSPIL_OIDC_STAFF_STAFF_CLAIM".into(),
        "groups=Medspil.Staff".into(),
    ));
    vars.push((
        "MEDSPIL_OIDC_STAFF_SCOPES".into(),
        "openid email profile groups".into(),
    ));
    vars.extend(more);
    provider_module()?;
    let app = TestApp::spawn_with(Options {
        env: leak(vars),
        ..Options::default()
    })
    .await;
    // The real provider stamps tokens with the real time: the app's clock must agree.
    app.clock.set(Utc::now());
    let provider = start_real(port, &format!("{}/sign-in/callback", app.address))?;
    Some((app, provider))
}

/// Goes through the real provider's login as `login` with `acr`, and returns the app's callback
/// URL the provider sent the browser to (not yet opened, so a test can tamper with it).
pub async fn login_at_provider(
    browser: &Browser,
    provider: &str,
    login: &str,
    acr: &str,
) -> String {
    let start = browser
        .post(
            &format!("/sign-in/provider/{provider}"),
            &[("next", "/account")],
        )
        .await;
    let url = start
        .location
        .unwrap_or_else(|| panic!("starting a sign-in: {} {}", start.status, start.body));
    through_provider(browser, url, login, acr).await
}

/// Follows the provider's pages from `url` (where the app sent the browser), signing in there
/// as `login` whenever the provider asks, and returns the app's callback URL.
pub async fn through_provider(
    browser: &Browser,
    mut url: String,
    login: &str,
    acr: &str,
) -> String {
    for _ in 0..15 {
        if url.starts_with(&browser.base) {
            return url;
        }
        let response = if url.contains("/interaction/") && !url.ends_with("#posted") {
            let page = browser.client.get(&url).send().await.unwrap();
            assert_eq!(page.status(), 200, "the provider's login page");
            browser
                .client
                .post(&url)
                .form(&[("login", login), ("acr", acr)])
                .send()
                .await
                .unwrap()
        } else {
            browser.client.get(&url).send().await.unwrap()
        };
        // Someone else than the provider's session holder signed in: the provider ends its
        // session first, with a form its page posts at once (as a browser's script would).
        let response = if response.status() == 200 {
            let page = scraper::Html::parse_document(&response.text().await.unwrap());
            let form = scraper::Selector::parse("form[method=post]").unwrap();
            let input = scraper::Selector::parse("input[name]").unwrap();
            let form = page
                .select(&form)
                .next()
                .unwrap_or_else(|| panic!("the provider answered 200 without a form at {url}"));
            let action = form.value().attr("action").unwrap().to_string();
            let fields: Vec<(String, String)> = form
                .select(&input)
                .map(|i| {
                    let v = i.value();
                    (
                        v.attr("name").unwrap().into(),
                        v.attr("value").unwrap_or("").into(),
                    )
                })
                .collect();
            let action = url::Url::parse(&url).unwrap().join(&action).unwrap();
            browser
                .client
                .post(action)
                .form(&fields)
                .send()
                .await
                .unwrap()
        } else {
            response
        };
        url = next_location(&url, &response);
    }
    panic!("the provider never sent the browser back");
}

/// Where a redirect at `url` sends the browser, as an absolute address (the provider answers
/// with relative `Location`s).
pub fn next_location(url: &str, response: &reqwest::Response) -> String {
    let location = response
        .headers()
        .get("location")
        .unwrap_or_else(|| panic!("the provider answered {} at {url}", response.status()))
        .to_str()
        .unwrap();
    url::Url::parse(url)
        .unwrap()
        .join(location)
        .unwrap()
        .to_string()
}

/// The path and query of an absolute URL on the app.
pub fn on_app(url: &str) -> String {
    let u = url::Url::parse(url).unwrap();
    format!("{}?{}", u.path(), u.query().unwrap_or(""))
}

/// A provider that serves whatever ID token the test sets next, signed as the test likes.
pub struct Rogue {
    pub issuer: String,
    next: Arc<Mutex<Option<String>>>,
    key: CoreRsaPrivateSigningKey,
}

fn key(file: &str) -> CoreRsaPrivateSigningKey {
    let path = super::project_root().join("tests/oidc").join(file);
    let pem = std::fs::read_to_string(path).unwrap();
    // Both keys say they are the same key: only the signature tells them apart.
    CoreRsaPrivateSigningKey::from_pem(&pem, Some(JsonWebKeyId::new("rogue-1".into()))).unwrap()
}

impl Rogue {
    pub async fn start() -> Rogue {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let issuer = format!("http://{}", listener.local_addr().unwrap());
        let next: Arc<Mutex<Option<String>>> = Arc::default();
        let own = key("rogue-key.pem");
        let jwks = serde_json::json!({ "keys": [own.as_verification_key()] });
        let discovery = serde_json::json!({
            "issuer": issuer,
            "authorization_endpoint": format!("{issuer}/authorize"),
            "token_endpoint": format!("{issuer}/token"),
            "jwks_uri": format!("{issuer}/jwks"),
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
        });
        let router = axum::Router::new()
            .route(
                "/.well-known/openid-configuration",
                get(move || async move { Json(discovery) }),
            )
            .route("/jwks", get(move || async move { Json(jwks) }))
            .route(
                "/token",
                post(
                    |State(next): State<Arc<Mutex<Option<String>>>>| async move {
                        let id_token = next.lock().unwrap().take().unwrap_or_default();
                        Json(serde_json::json!({
                            "access_token": "rogue", "token_type": "Bearer", "expires_in": 300,
                            "id_token": id_token,
                        }))
                    },
                ),
            )
            .with_state(next.clone());
        tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
        Rogue {
            issuer,
            next,
            key: own,
        }
    }

    /// The token the next code exchange returns.
    pub fn serve(&self, token: String) {
        *self.next.lock().unwrap() = Some(token);
    }

    /// A token as a provider would sign it, changed by `change` first.
    pub fn token(
        &self,
        nonce: &str,
        now: DateTime<Utc>,
        change: impl FnOnce(&mut TokenParts),
    ) -> String {
        let mut parts = TokenParts {
            issuer: self.issuer.clone(),
            audience: "medspil-rogue".into(),
            nonce: nonce.into(),
            issued: now,
            expires: now + chrono::Duration::minutes(5),
            other_key: false,
        };
        change(&mut parts);
        let claims = CoreIdTokenClaims::new(
            IssuerUrl::new(parts.issuer).unwrap(),
            vec![Audience::new(parts.audience)],
            parts.expires,
            parts.issued,
            StandardClaims::new(SubjectIdentifier::new("rogue-person".into()))
                .set_email(Some(EndUserEmail::new("rogue@example.dk".into())))
                .set_email_verified(Some(true))
                .set_name(Some(EndUserName::new("Rolf Rogue".into()).into())),
            EmptyAdditionalClaims {},
        )
        .set_nonce(Some(Nonce::new(parts.nonce)));
        let other;
        let key = if parts.other_key {
            other = super::oidc::key("other-key.pem");
            &other
        } else {
            &self.key
        };
        CoreIdToken::new(
            claims,
            key,
            CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
            None,
            None,
        )
        .unwrap()
        .to_string()
    }

    /// The same claims with `alg: none` and no signature.
    pub fn unsigned(&self, nonce: &str, now: DateTime<Utc>) -> String {
        let signed = self.token(nonce, now, |_| {});
        let payload = signed.split('.').nth(1).unwrap();
        // {"alg":"none","typ":"JWT"}
        format!("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.{payload}.")
    }
}

/// What a rogue token says, for a test to bend.
pub struct TokenParts {
    pub issuer: String,
    pub audience: String,
    pub nonce: String,
    pub issued: DateTime<Utc>,
    pub expires: DateTime<Utc>,
    pub other_key: bool,
}

/// The app with one provider, `rogue`, served from inside the test.
pub async fn app_with_rogue() -> (TestApp, Rogue) {
    let rogue = Rogue::start().await;
    let mut vars = vec![("MEDSPIL_OIDC_PROVIDERS".to_string(), "rogue".to_string())];
    vars.extend(provider_env(
        "rogue",
        &rogue.issuer,
        "medspil-rogue",
        "citizen-id",
    ));
    let app = TestApp::spawn_with(Options {
        env: leak(vars),
        ..Options::default()
    })
    .await;
    (app, rogue)
}
