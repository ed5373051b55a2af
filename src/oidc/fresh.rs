//! A fresh sign-in through a linked provider, standing in for the password of an account that
//! has none (delete the account, change its email).
//!
//! The account page's form posts the action; [`start`] binds it, with the account, into the
//! flow's one-use row and sends the browser to the provider with `prompt=login` and
//! `max_age=0`. Back at the callback, [`finish`] believes the sign-in only if it is by a subject
//! linked to this very account and the provider authenticated the person within
//! [`super::FRESH_MINUTES`] by the app's clock. It then grants this session that one action, for
//! a few minutes, once: the confirm page shows what will happen and posts it (a same-origin
//! POST, as every change is), so nothing changes on the provider's redirect itself.
//!
//! Accounts with a password keep the password: a linked provider can already sign in to the
//! account, and letting it also delete the account or move its email would make a provider
//! account as strong as the password, which the owner chose not to rely on alone.

use askama::Template;
use axum::Form as PostForm;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Duration;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::flow::{self, failed};
use super::provider::{CLOCK_SKEW, Identity};
use super::{FRESH, FRESH_MINUTES};
use crate::auth::CurrentUser;
use crate::domain::Email;
use crate::error::AppError;
use crate::state::AppState;
use crate::tokens;
use crate::web::client::ClientIp;
use crate::web::{Frame, Page};

/// What a fresh sign-in is asked for.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Action {
    Delete,
    /// Change the account's email to this (already parsed) address.
    Email {
        email: String,
    },
}

impl Action {
    fn kind(&self) -> &'static str {
        match self {
            Action::Delete => "delete",
            Action::Email { .. } => "email",
        }
    }
}

/// Kept in the flow's row: which account asked, for what.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct Fresh {
    pub user: Uuid,
    pub action: Action,
}

/// Starts a fresh sign-in with `provider`, one of `user`'s linked logins, for `action`.
pub async fn start(
    state: &AppState,
    f: Frame,
    user: &CurrentUser,
    provider: &str,
    action: Action,
) -> Result<Response, AppError> {
    let linked = sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM account_logins WHERE user_id = $1 AND provider = $2)
           AS "linked!""#,
        user.id,
        provider
    )
    .fetch_one(&state.db)
    .await?;
    if !linked || state.providers.get(provider).is_none() {
        return Err(AppError::BadRequest);
    }
    let fresh = Fresh {
        user: user.id,
        action,
    };
    flow::begin(state, f, provider, "/account".into(), None, Some(fresh)).await
}

/// The callback's part: checks the sign-in is fresh and this account's, then grants the action.
pub async fn finish(
    state: &AppState,
    f: Frame,
    user: Option<&CurrentUser>,
    fresh: Fresh,
    identity: &Identity,
) -> Result<Response, AppError> {
    let Some(user) = user.filter(|u| u.id == fresh.user) else {
        tracing::warn!("a fresh sign-in came back to another session than asked for it");
        return Ok(failed(f, state, "oidc-fresh-other"));
    };
    let linked = sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM account_logins
                          WHERE provider = $1 AND subject = $2 AND user_id = $3) AS "linked!""#,
        identity.provider,
        identity.subject,
        user.id,
    )
    .fetch_one(&state.db)
    .await?;
    if !linked {
        tracing::warn!(provider = %identity.provider, "a fresh sign-in was by a login not linked to the account");
        return Ok(failed(f, state, "oidc-fresh-other"));
    }
    let now = state.clock.now();
    // By the app's clock: the provider says when it authenticated; we decide what is recent.
    let recent = identity
        .auth_time
        .is_some_and(|at| at <= now + CLOCK_SKEW && now - at <= Duration::minutes(FRESH_MINUTES));
    if !recent {
        tracing::info!(provider = %identity.provider, "a sign-in was not fresh enough to stand in for a password");
        return Ok(failed(f, state, "oidc-fresh-old"));
    }
    let data = serde_json::json!({
        "session": hex::encode(&user.session.0),
        "action": fresh.action,
    });
    let mut conn = state.db.acquire().await?;
    // The grant's token text is never given out: it is found by its account and session.
    tokens::issue(
        &mut conn,
        FRESH,
        Some(user.id),
        data,
        now,
        Some(Duration::minutes(FRESH_MINUTES)),
    )
    .await?;
    Ok(Redirect::to("/account/confirm").into_response())
}

#[derive(Template)]
#[template(path = "oidc/confirm.html")]
pub struct ConfirmPage {
    f: Frame,
    kind: &'static str,
    body: String,
}

/// The live grant of this session, if any; `use_it` uses it up (only for `kind`).
async fn grant(
    state: &AppState,
    user: &CurrentUser,
    use_it: Option<&str>,
) -> Result<Option<Action>, AppError> {
    let now = state.clock.now();
    let session = hex::encode(&user.session.0);
    let data = match use_it {
        None => {
            sqlx::query_scalar!(
                r#"SELECT data FROM tokens
                   WHERE purpose = $1 AND user_id = $2 AND data->>'session' = $3
                     AND used_at IS NULL AND expires_at > $4
                   ORDER BY created_at DESC LIMIT 1"#,
                FRESH.0,
                user.id,
                session,
                now,
            )
            .fetch_optional(&state.db)
            .await?
        }
        // One statement, so two posts at once cannot both use it.
        Some(kind) => {
            sqlx::query_scalar!(
                r#"UPDATE tokens SET used_at = $4
                   WHERE hash = (SELECT hash FROM tokens
                                 WHERE purpose = $1 AND user_id = $2 AND data->>'session' = $3
                                   AND data->'action'->>'kind' = $5
                                   AND used_at IS NULL AND expires_at > $4
                                 ORDER BY created_at DESC LIMIT 1)
                     AND used_at IS NULL
                   RETURNING data"#,
                FRESH.0,
                user.id,
                session,
                now,
                kind,
            )
            .fetch_optional(&state.db)
            .await?
        }
    };
    Ok(data.and_then(|d| serde_json::from_value(d["action"].clone()).ok()))
}

/// "You confirmed with MitID: delete your account now?"
pub async fn confirm_page(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
) -> Result<Response, AppError> {
    let Some(action) = grant(&state, &user, None).await? else {
        return Ok(failed(f, &state, "oidc-fresh-expired"));
    };
    let body = match &action {
        Action::Delete => f.tr.t("oidc-confirm-delete"),
        Action::Email { email } => f.tr.t1("oidc-confirm-email", "email", email),
    };
    let kind = action.kind();
    Ok(Page(ConfirmPage { f, kind, body }).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ConfirmInput {
    kind: String,
}

pub async fn confirm(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    client: ClientIp,
    PostForm(input): PostForm<ConfirmInput>,
) -> Result<Response, AppError> {
    let Some(action) = grant(&state, &user, Some(&input.kind)).await? else {
        return Ok(failed(f, &state, "oidc-fresh-expired"));
    };
    match action {
        Action::Delete => crate::accounts::delete_account(&state, f, user).await,
        Action::Email { email } => {
            let email = Email::parse(&email).map_err(|_| AppError::BadRequest)?;
            crate::accounts::request_email_change(&state, &user, client, &email).await
        }
    }
}
