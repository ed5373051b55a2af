//! Linking a provider's login to the account with its verified email by a mailed link, the way
//! for an account without a password (and another for one with).
//!
//! "Send mig et link" mails a one-use, short-lived token to the account's address. The token's
//! row names the account and the pending identity's row (by its hash), never the identity: what
//! gets linked is what the provider said, kept on the server since the callback. The link works
//! only in the browser that holds that pending identity. Whoever else opens it — the address's
//! owner in another browser, say, who never asked — links nothing: a mail that arrives
//! unasked must not hand the account to the login that asked for it.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use chrono::Duration;
use uuid::Uuid;

use super::finish::{Pending, agent, link, pending, provider_name, sign_in};
use super::flow::failed;
use super::{LINK_MAIL, PENDING, PENDING_COOKIE, read_cookie};
use crate::accounts::{MailPurpose, allow_account_mail};
use crate::error::AppError;
use crate::mail::{self, Recipient};
use crate::state::AppState;
use crate::tokens;
use crate::web::client::ClientIp;
use crate::web::{Frame, Page};

/// Minutes a mailed link works: long enough to open a mailbox, short of the pending identity's.
const LINK_MAIL_MINUTES: i64 = 15;

/// The hash of this browser's pending identity: what a mailed link is bound to.
fn pending_of(headers: &HeaderMap) -> Option<String> {
    read_cookie(headers, PENDING_COOKIE).map(|t| hex::encode(tokens::hash(&t)))
}

/// The account the pending identity's verified email belongs to.
async fn account_for(state: &AppState, p: &Pending) -> Result<Option<Uuid>, AppError> {
    let email = p
        .identity
        .email
        .as_deref()
        .filter(|_| p.identity.email_verified);
    let Some(email) = email else { return Ok(None) };
    Ok(sqlx::query_scalar!(
        "SELECT id FROM users WHERE lower(email) = lower($1) AND deleted_at IS NULL",
        email
    )
    .fetch_optional(&state.db)
    .await?)
}

#[derive(Template)]
#[template(path = "oidc/link_sent.html")]
pub struct SentPage {
    f: Frame,
    body: String,
}

/// "Send mig et link": mails the account's address a link that links this browser's identity.
pub async fn send(
    State(state): State<AppState>,
    f: Frame,
    client: ClientIp,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let (Some(p), Some(bound)) = (
        pending(&state, &headers, false).await?,
        pending_of(&headers),
    ) else {
        return Ok(failed(f, &state, "oidc-failed-expired"));
    };
    let Some(user) = account_for(&state, &p).await? else {
        return Ok(failed(f, &state, "oidc-failed-expired"));
    };
    let email = p.identity.email.clone().unwrap_or_default();
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    // Counted as the other account mails are; past the limit the page is the same.
    if allow_account_mail(&mut tx, MailPurpose::LinkLogin, &email, client, now).await? {
        let data = serde_json::json!({ "pending": bound });
        let ttl = Some(Duration::minutes(LINK_MAIL_MINUTES));
        let token = tokens::issue(&mut tx, LINK_MAIL, Some(user), data, now, ttl).await?;
        let provider = provider_name(&state, &p.identity);
        mail::notify_text(
            &mut tx,
            &state,
            Recipient::User(user),
            "account.link-login",
            "mail-link-login",
            &[("provider", provider)],
            &format!("/sign-in/link/mail/{token}"),
        )
        .await?;
    }
    tx.commit().await?;
    state.job_wake.notify_one();
    let body = f.tr.t1("oidc-link-sent-body", "email", &email);
    Ok(Page(SentPage { f, body }).into_response())
}

#[derive(Template)]
#[template(path = "oidc/link_mail.html")]
pub struct OpenPage {
    f: Frame,
    token: String,
    body: String,
}

/// Whether `token` is a live link for this browser's pending identity (nothing used up).
async fn live(state: &AppState, headers: &HeaderMap, token: &str) -> Result<bool, AppError> {
    let mut conn = state.db.acquire().await?;
    let record = tokens::peek(&mut conn, LINK_MAIL, token, state.clock.now()).await?;
    Ok(record.is_some_and(|r| {
        r.text("pending").is_some() && r.text("pending") == pending_of(headers).as_deref()
    }))
}

/// The mailed link opens a page with a button: mail scanners that open links use nothing up.
pub async fn open(
    State(state): State<AppState>,
    f: Frame,
    headers: HeaderMap,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let p = pending(&state, &headers, false).await?;
    let (Some(p), true) = (p, live(&state, &headers, &token).await?) else {
        return Ok(failed(f, &state, "oidc-link-mail-gone"));
    };
    let body = f.tr.t1(
        "oidc-link-mail-body",
        "provider",
        &provider_name(&state, &p.identity),
    );
    Ok(Page(OpenPage { f, token, body }).into_response())
}

/// Uses the link: the pending identity is linked to the link's account, which is signed in.
pub async fn use_link(
    State(state): State<AppState>,
    f: Frame,
    headers: HeaderMap,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let (Some(cookie), Some(bound)) = (read_cookie(&headers, PENDING_COOKIE), pending_of(&headers))
    else {
        return Ok(failed(f, &state, "oidc-link-mail-gone"));
    };
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    // Both used up in one transaction, and only together: a link opened in the wrong browser
    // rolls back and stays usable in the right one.
    let record = tokens::consume(&mut tx, LINK_MAIL, &token, now).await?;
    let Some((user, _)) = record
        .filter(|r| r.text("pending") == Some(bound.as_str()))
        .and_then(|r| r.user_id.map(|u| (u, r)))
    else {
        return Ok(failed(f, &state, "oidc-link-mail-gone"));
    };
    let pending = tokens::consume(&mut tx, PENDING, &cookie, now).await?;
    let Some(p) = pending.and_then(|r| serde_json::from_value::<Pending>(r.data).ok()) else {
        return Ok(failed(f, &state, "oidc-link-mail-gone"));
    };
    // The identity must still be refused to anyone else (linked since, to another account).
    let owner = sqlx::query_scalar!(
        "SELECT user_id FROM account_logins WHERE provider = $1 AND subject = $2",
        p.identity.provider,
        p.identity.subject,
    )
    .fetch_optional(&mut *tx)
    .await?;
    if owner.is_some_and(|o| o != user) {
        return Ok(failed(f, &state, "oidc-failed-linked-elsewhere"));
    }
    link(&mut tx, &state, user, &p.identity).await?;
    sign_in(&state, f, tx, user, &p.identity, &p.next, &agent(&headers)).await
}
