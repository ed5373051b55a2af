//! Signing in with an OpenID Connect provider: a MitID broker, or a municipality's own login.
//!
//! [`provider`] speaks to the providers; [`flow`] runs the browser's round trip (start, the
//! callback); [`finish`] decides which account an identity belongs to, asking the person when it
//! cannot tell (their password, their email); [`logins`] is the list on the account page;
//! [`sign_out`] offers the provider's own sign-out after Medspil's.
//! [`mail_link`] proves an account is theirs by a mailed link instead of its password;
//! [`fresh`] lets a fresh sign-in stand in for the password of an account without one.
//!
//! The flow's secrets (`state`, `nonce`, the PKCE verifier) are a one-use token row keyed by a
//! cookie of this browser, as emailed links are (see [`crate::tokens`]): nothing to sign, and a
//! replayed callback finds the row used.

mod finish;
mod flow;
mod fresh;
mod logins;
mod mail_link;
pub mod provider;
mod sign_out;

use axum::http::{HeaderMap, HeaderValue, header};
use axum::routing::{get, post};

use crate::auth::{Access, RouteSpec};
use crate::config::Config;
use crate::tokens::Purpose;

pub use fresh::{Action as FreshAction, start as confirm_with_provider};
pub use logins::{LoginLine, erase, for_account as logins_for_account, personal_data};
pub use provider::Providers;
pub use sign_out::after_sign_out;

/// A flow under way: provider, state, nonce, PKCE verifier and where to go after.
const FLOW: Purpose = Purpose("oidc.flow");
/// A fresh sign-in's grant of one action to one session of the account it is linked to.
const FRESH: Purpose = Purpose("oidc.fresh");
/// A mailed link that links a pending identity to the account it was mailed to.
const LINK_MAIL: Purpose = Purpose("oidc.link-mail");
/// A checked identity that needs the person's answer (a password, an email) to land.
const PENDING: Purpose = Purpose("oidc.pending");
const FLOW_COOKIE: &str = "medspil_oidc";
const PENDING_COOKIE: &str = "medspil_oidc_pending";
/// Minutes a flow or a pending identity lives.
const FLOW_MINUTES: i64 = 10;
const PENDING_MINUTES: i64 = 20;
/// How recent a provider sign-in must be to stand in for a password, and how long the
/// action it grants waits for its confirming post. Shorter than a flow lives.
pub const FRESH_MINUTES: i64 = 5;

pub fn routes() -> Vec<RouteSpec> {
    use Access::*;
    vec![
        RouteSpec::post("/sign-in/provider/{provider}", Public, post(flow::start)),
        RouteSpec::get("/sign-in/callback", Public, get(flow::callback)),
        RouteSpec::get("/signed-out", Public, get(sign_out::page)),
        RouteSpec::get("/sign-in/link", Public, get(finish::link_form)),
        RouteSpec::post("/sign-in/link", Public, post(finish::link_submit)),
        RouteSpec::post("/sign-in/link/mail", Public, post(mail_link::send)),
        RouteSpec::get("/sign-in/link/mail/{token}", Public, get(mail_link::open)),
        RouteSpec::post(
            "/sign-in/link/mail/{token}",
            Public,
            post(mail_link::use_link),
        ),
        RouteSpec::get("/sign-in/email", Public, get(finish::email_form)),
        RouteSpec::post("/sign-in/email", Public, post(finish::email_submit)),
        RouteSpec::post(
            "/account/logins/{provider}",
            SignedIn,
            post(flow::start_link),
        ),
        RouteSpec::get("/account/confirm", SignedIn, get(fresh::confirm_page)),
        RouteSpec::post("/account/confirm", SignedIn, post(fresh::confirm)),
        RouteSpec::post(
            "/account/logins/{provider}/unlink",
            SignedIn,
            post(logins::unlink),
        ),
    ]
}

/// The pages' Content-Security-Policy, with each provider's origin among the `form-action`s. A
/// provider button posts to Medspil, which answers with a redirect to the provider; browsers
/// hold that redirect to the `form-action` of the page with the button, so without the
/// provider's origin there the button would do nothing. (An authorization endpoint on another
/// origin than its issuer would need adding here.)
pub fn content_security_policy(providers: &Providers) -> HeaderValue {
    let mut origins: Vec<String> = providers
        .list
        .iter()
        .map(|p| p.issuer.origin().ascii_serialization())
        .filter(|o| o != "null")
        .collect();
    origins.sort();
    origins.dedup();
    let csp = if origins.is_empty() {
        crate::web::layers::CSP.to_string()
    } else {
        crate::web::layers::CSP.replace(
            "form-action 'self'",
            &format!("form-action 'self' {}", origins.join(" ")),
        )
    };
    HeaderValue::from_str(&csp)
        .unwrap_or_else(|_| HeaderValue::from_static(crate::web::layers::CSP))
}

/// A short-lived cookie for the flow's pages only; `Lax`, so it comes back with the provider's
/// redirect (a top-level GET) and with nothing cross-site else.
fn cookie(config: &Config, name: &str, value: &str, minutes: i64) -> HeaderValue {
    let secure = if config.https() { "; Secure" } else { "" };
    let value = format!(
        "{name}={value}; Path=/sign-in; HttpOnly; SameSite=Lax; Max-Age={}{secure}",
        minutes * 60
    );
    HeaderValue::from_str(&value).unwrap_or_else(|_| HeaderValue::from_static(""))
}

fn read_cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v.to_string())
        .filter(|v| v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()))
}
