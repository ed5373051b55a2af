//! Talking to the providers: discovery (cached, with the JWKS), the authorization URL, and the
//! code exchange whose ID token is checked before anything is believed.
//!
//! All JWT work is the `openidconnect` crate's; this file only chooses its settings: the app's
//! clock for `exp`/`iat`, only the asymmetric algorithms the provider advertises (never `none`,
//! never HMAC with the client secret), and the configured `acr`.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::http;
use chrono::{DateTime, Utc};
use openidconnect::core::{
    CoreAuthPrompt, CoreAuthenticationFlow, CoreClient, CoreGenderClaim, CoreJsonWebKey,
    CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm,
};
use openidconnect::{
    AdditionalClaims, AsyncHttpClient, AuthenticationContextClass, AuthorizationCode, ClientId,
    ClientSecret, CsrfToken, HttpRequest, HttpResponse, IdToken, IdTokenVerifier, IssuerUrl,
    JsonWebKeySet, JwsSigningAlgorithm, Nonce, PkceCodeChallenge, PkceCodeVerifier,
    ProviderMetadataWithLogout, RedirectUrl, Scope, TokenResponse,
};
use serde::{Deserialize, Serialize};

use crate::config::{Provider, ProviderKind};

/// How long discovery and the JWKS are trusted before they are read again.
const CACHE_FOR: Duration = Duration::from_secs(3600);
/// A key the cache does not know makes us read the JWKS again, but not more often than this:
/// a stream of tokens with made-up key ids must not turn into a stream of requests.
const REFRESH_AT_MOST_EVERY: Duration = Duration::from_secs(30);
/// Allowed difference between the provider's clock and ours for `iat`.
pub(super) const CLOCK_SKEW: chrono::Duration = chrono::Duration::minutes(5);

/// Every claim beyond the standard ones, so the staff claim can be read by its configured name.
/// Nothing here is stored: only the claims named in [`Identity`] are ever kept.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct OtherClaims {
    #[serde(flatten)]
    all: HashMap<String, serde_json::Value>,
}

impl AdditionalClaims for OtherClaims {}

type Token = IdToken<
    OtherClaims,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJwsSigningAlgorithm,
>;

/// What a checked ID token says about the person.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct Identity {
    pub provider: String,
    pub subject: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub email_verified: bool,
    /// For a staff login: the municipality slug, when the token carried the configured claim.
    pub staff_of: Option<String>,
    pub auth_time: Option<DateTime<Utc>>,
}

/// Why a sign-in through a provider failed: logged, never shown (the person sees one friendly
/// page whatever it was).
#[derive(Debug, thiserror::Error)]
pub enum Refused {
    #[error("provider unreachable or its discovery is invalid: {0}")]
    Discovery(String),
    #[error("the code exchange failed: {0}")]
    Exchange(String),
    #[error("the token response has no ID token")]
    NoIdToken,
    #[error("the ID token was refused: {0}")]
    IdToken(String),
}

/// Where the browser goes, and what must be kept to finish the flow.
pub struct Started {
    pub url: url::Url,
    pub state: String,
    pub nonce: String,
    pub verifier: String,
}

/// The HTTP client the crate calls: reqwest, redirects off, a timeout.
struct Http(reqwest::Client);

impl<'c> AsyncHttpClient<'c> for Http {
    type Error = reqwest::Error;
    type Future = Pin<Box<dyn Future<Output = Result<HttpResponse, reqwest::Error>> + Send + 'c>>;

    fn call(&'c self, request: HttpRequest) -> Self::Future {
        Box::pin(async move {
            let (parts, body) = request.into_parts();
            let response = self
                .0
                .request(parts.method, parts.uri.to_string())
                .headers(parts.headers)
                .body(body)
                .send()
                .await?;
            let mut out = http::Response::new(Vec::new());
            *out.status_mut() = response.status();
            *out.headers_mut() = response.headers().clone();
            *out.body_mut() = response.bytes().await?.to_vec();
            Ok(out)
        })
    }
}

struct Cached {
    metadata: Arc<ProviderMetadataWithLogout>,
    fetched: Instant,
}

/// The configured providers, with one HTTP client and a cache of their discovery documents.
pub struct Providers {
    pub list: Vec<Provider>,
    redirect: RedirectUrl,
    http: Http,
    // Monotonic time, not the app's clock: this is how stale a cache is, not a fact of the
    // domain, and a test's frozen clock must not freeze it.
    cache: Mutex<HashMap<String, Cached>>,
}

impl Providers {
    pub fn new(list: Vec<Provider>, redirect: String) -> anyhow::Result<Providers> {
        // reqwest is built without a crypto provider of its own: use ring, as lettre does.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let http = reqwest::Client::builder()
            // Never follow redirects from a provider's endpoints (no SSRF through them).
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(10))
            .build()?;
        Ok(Providers {
            list,
            redirect: RedirectUrl::new(redirect)?,
            http: Http(http),
            cache: Mutex::new(HashMap::new()),
        })
    }

    pub fn get(&self, id: &str) -> Option<&Provider> {
        self.list.iter().find(|p| p.id == id)
    }

    /// The provider's end-session endpoint, if it has one (from the cached discovery).
    pub async fn end_session(&self, provider: &Provider) -> Option<url::Url> {
        let metadata = self.metadata(provider, false).await.ok()?;
        let endpoint = metadata
            .additional_metadata()
            .end_session_endpoint
            .as_ref()?;
        Some(endpoint.url().clone())
    }

    async fn metadata(
        &self,
        provider: &Provider,
        refresh: bool,
    ) -> Result<Arc<ProviderMetadataWithLogout>, Refused> {
        {
            let cache = self.cache.lock().expect("the provider cache");
            if let Some(c) = cache.get(&provider.id) {
                let age = c.fetched.elapsed();
                if age < CACHE_FOR && !(refresh && age >= REFRESH_AT_MOST_EVERY) {
                    return Ok(c.metadata.clone());
                }
            }
        }
        let issuer = IssuerUrl::new(provider.issuer.as_str().trim_end_matches('/').to_string())
            .map_err(|e| Refused::Discovery(e.to_string()))?;
        let metadata = ProviderMetadataWithLogout::discover_async(issuer, &self.http)
            .await
            .map_err(|e| Refused::Discovery(format!("{e}: {:?}", std::error::Error::source(&e))))?;
        let metadata = Arc::new(metadata);
        self.cache.lock().expect("the provider cache").insert(
            provider.id.clone(),
            Cached {
                metadata: metadata.clone(),
                fetched: Instant::now(),
            },
        );
        Ok(metadata)
    }

    fn client(
        &self,
        provider: &Provider,
        metadata: &ProviderMetadataWithLogout,
    ) -> impl Fn(CoreAuthenticationFlow, bool) -> Started {
        let client = CoreClient::from_provider_metadata(
            metadata.clone(),
            ClientId::new(provider.client_id.clone()),
            Some(ClientSecret::new(provider.client_secret.expose().clone())),
        )
        .set_redirect_uri(self.redirect.clone());
        let scopes = provider.scopes.clone();
        let acr = provider.acr.clone();
        move |flow, fresh| {
            let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
            let mut request = client
                .authorize_url(flow, CsrfToken::new_random, Nonce::new_random)
                .set_pkce_challenge(challenge)
                // The code comes back in the query of a GET: a `form_post` would be a
                // cross-site POST, which the CSRF rule rightly refuses.
                .add_extra_param("response_mode", "query");
            for scope in &scopes {
                request = request.add_scope(Scope::new(scope.clone()));
            }
            if let Some(acr) = &acr {
                request =
                    request.add_auth_context_value(AuthenticationContextClass::new(acr.clone()));
            }
            if fresh {
                // The person must authenticate again now, whatever session the provider
                // holds; `max_age` also makes the provider put `auth_time` in the token.
                request = request
                    .add_prompt(CoreAuthPrompt::Login)
                    .set_max_age(Duration::ZERO);
            }
            let (url, state, nonce) = request.url();
            Started {
                url,
                state: state.secret().clone(),
                nonce: nonce.secret().clone(),
                verifier: verifier.secret().clone(),
            }
        }
    }

    /// The provider's authorization URL for a new flow; `fresh` asks the provider to
    /// authenticate the person again even if it has a session (standing in for a password).
    pub async fn start(&self, provider: &Provider, fresh: bool) -> Result<Started, Refused> {
        let metadata = self.metadata(provider, false).await?;
        Ok(self.client(provider, &metadata)(
            CoreAuthenticationFlow::AuthorizationCode,
            fresh,
        ))
    }

    /// Exchanges `code` and checks the ID token; `now` is the app's clock.
    pub async fn finish(
        &self,
        provider: &Provider,
        code: String,
        verifier: String,
        nonce: String,
        now: DateTime<Utc>,
    ) -> Result<Identity, Refused> {
        let metadata = self.metadata(provider, false).await?;
        let client = CoreClient::from_provider_metadata(
            (*metadata).clone(),
            ClientId::new(provider.client_id.clone()),
            Some(ClientSecret::new(provider.client_secret.expose().clone())),
        )
        .set_redirect_uri(self.redirect.clone());
        let response = client
            .exchange_code(AuthorizationCode::new(code))
            .map_err(|e| Refused::Exchange(e.to_string()))?
            .set_pkce_verifier(PkceCodeVerifier::new(verifier))
            .request_async(&self.http)
            .await
            .map_err(|e| Refused::Exchange(format!("{e}: {:?}", std::error::Error::source(&e))))?;
        let raw = response.id_token().ok_or(Refused::NoIdToken)?.to_string();
        let token: Token = raw
            .parse()
            .map_err(|e: serde_json::Error| Refused::IdToken(e.to_string()))?;
        let nonce = Nonce::new(nonce);
        let checked = match self.check(provider, &metadata, &token, &nonce, now) {
            // A key we do not know may be a rotated one: read the JWKS again, once.
            Err(e) if e.contains("no matching key") || e.contains("NoMatchingKey") => {
                let fresh = self.metadata(provider, true).await?;
                self.check(provider, &fresh, &token, &nonce, now)
            }
            other => other,
        };
        checked.map_err(Refused::IdToken)
    }

    fn check(
        &self,
        provider: &Provider,
        metadata: &ProviderMetadataWithLogout,
        token: &Token,
        nonce: &Nonce,
        now: DateTime<Utc>,
    ) -> Result<Identity, String> {
        let jwks: JsonWebKeySet<CoreJsonWebKey> = metadata.jwks().clone();
        // Only what the provider advertises, and of that only public-key algorithms: a public
        // client verifier has no secret, so an HMAC token could not pass anyway, but say it.
        let algorithms: Vec<CoreJwsSigningAlgorithm> = metadata
            .id_token_signing_alg_values_supported()
            .iter()
            .filter(|a| !a.uses_shared_secret() && **a != CoreJwsSigningAlgorithm::None)
            .cloned()
            .collect();
        let acr = provider.acr.clone();
        let verifier = IdTokenVerifier::new_public_client(
            ClientId::new(provider.client_id.clone()),
            metadata.issuer().clone(),
            jwks,
        )
        .set_allowed_algs(algorithms)
        .set_time_fn(move || now)
        .set_issue_time_verifier_fn(move |iat| {
            if iat > now + CLOCK_SKEW {
                Err(format!("issued in the future ({iat})"))
            } else {
                Ok(())
            }
        })
        .set_auth_context_verifier_fn(move |got| match (&acr, got) {
            (None, _) => Ok(()),
            (Some(want), Some(got)) if got.as_str() == want => Ok(()),
            (Some(want), got) => Err(format!("acr {got:?} is not {want}")),
        });
        let claims = token
            .claims(&verifier, nonce)
            .map_err(|e| format!("{e} ({e:?})"))?;
        let name = claims
            .name()
            .and_then(|n| n.get(None))
            .map(|n| n.as_str().to_string())
            .or_else(|| {
                let given = claims.given_name().and_then(|n| n.get(None))?;
                let family = claims.family_name().and_then(|n| n.get(None))?;
                Some(format!("{} {}", given.as_str(), family.as_str()))
            });
        let staff_of = match &provider.kind {
            ProviderKind::MunicipalityStaff {
                municipality,
                claim,
                value,
            } => carries(claims.additional_claims().all.get(claim), value)
                .then(|| municipality.clone()),
            ProviderKind::CitizenId => None,
        };
        Ok(Identity {
            provider: provider.id.clone(),
            subject: claims.subject().as_str().to_string(),
            name: name.filter(|n| !n.trim().is_empty()),
            email: claims.email().map(|e| e.as_str().to_string()),
            email_verified: claims.email_verified().unwrap_or(false),
            staff_of,
            auth_time: claims.auth_time(),
        })
    }
}

/// Whether a group or app-role claim holds `value`: as the one string, or among a list.
fn carries(claim: Option<&serde_json::Value>, value: &str) -> bool {
    match claim {
        Some(serde_json::Value::String(s)) => s == value,
        Some(serde_json::Value::Array(items)) => items.iter().any(|i| i.as_str() == Some(value)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_staff_claim_is_matched_as_a_string_or_in_a_list() {
        let list = serde_json::json!(["Other", "Medspil.Staff"]);
        assert!(carries(Some(&list), "Medspil.Staff"));
        assert!(carries(
            Some(&serde_json::json!("Medspil.Staff")),
            "Medspil.Staff"
        ));
        assert!(!carries(
            Some(&serde_json::json!(["Medspil.Staffs"])),
            "Medspil.Staff"
        ));
        assert!(!carries(None, "Medspil.Staff"));
    }
}
