//! The browser's round trip: a button posts to [`start`], the provider sends the browser back to
//! [`callback`] with a code, and the checked identity goes to [`super::finish`].

use askama::Template;
use axum::Form as PostForm;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Duration;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::fresh::{self, Fresh};
use super::{FLOW, FLOW_COOKIE, FLOW_MINUTES, cookie, finish, read_cookie};
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;
use crate::tokens;
use crate::web::{Frame, Page, local_path};

/// What the flow's token row keeps until the provider sends the browser back.
#[derive(Deserialize, Serialize)]
struct Flow {
    provider: String,
    state: String,
    nonce: String,
    verifier: String,
    next: String,
    /// Set when a signed-in person links a login to their account.
    link_to: Option<Uuid>,
    /// Set when the sign-in stands in for the password of the account asking.
    #[serde(default)]
    fresh: Option<Fresh>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct StartInput {
    next: String,
}

/// The friendly page for a sign-in that did not work: the same whatever went wrong (the reason
/// is logged), and no session.
#[derive(Template)]
#[template(path = "oidc/failed.html")]
pub struct FailedPage {
    f: Frame,
    body: String,
}

pub fn failed(f: Frame, state: &AppState, key: &str) -> Response {
    let body = f.tr.t(key);
    let mut response = (StatusCode::BAD_REQUEST, Page(FailedPage { f, body })).into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        cookie(&state.config, FLOW_COOKIE, "", 0),
    );
    response
}

/// "Log ind med MitID": off to the provider.
pub async fn start(
    State(state): State<AppState>,
    f: Frame,
    Path(provider): Path<String>,
    PostForm(input): PostForm<StartInput>,
) -> Result<Response, AppError> {
    let next = local_path(&input.next)
        .filter(|p| !p.starts_with("/sign-in"))
        .unwrap_or("/account")
        .to_string();
    begin(&state, f, &provider, next, None, None).await
}

/// "Forbind" on the account page: the same round trip, ending in a link to this account.
pub async fn start_link(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    Path(provider): Path<String>,
) -> Result<Response, AppError> {
    begin(&state, f, &provider, "/account".into(), Some(user.id), None).await
}

pub(super) async fn begin(
    state: &AppState,
    f: Frame,
    provider: &str,
    next: String,
    link_to: Option<Uuid>,
    fresh: Option<Fresh>,
) -> Result<Response, AppError> {
    let Some(provider) = state.providers.get(provider) else {
        return Err(AppError::NotFound);
    };
    let started = match state.providers.start(provider, fresh.is_some()).await {
        Ok(started) => started,
        Err(e) => {
            tracing::warn!(provider = %provider.id, error = %e, "could not start a sign-in");
            return Ok(failed(f, state, "oidc-failed-unreachable"));
        }
    };
    let flow = Flow {
        provider: provider.id.clone(),
        state: started.state,
        nonce: started.nonce,
        verifier: started.verifier,
        next,
        link_to,
        fresh,
    };
    let now = state.clock.now();
    let mut conn = state.db.acquire().await?;
    let data = serde_json::to_value(&flow).map_err(anyhow::Error::from)?;
    let token = tokens::issue(
        &mut conn,
        FLOW,
        None,
        data,
        now,
        Some(Duration::minutes(FLOW_MINUTES)),
    )
    .await?;
    let mut response = Redirect::to(started.url.as_str()).into_response();
    response.headers_mut().insert(
        header::SET_COOKIE,
        cookie(&state.config, FLOW_COOKIE, &token, FLOW_MINUTES),
    );
    Ok(response)
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

/// Where the provider sends the browser back.
pub async fn callback(
    State(state): State<AppState>,
    f: Frame,
    user: Option<CurrentUser>,
    headers: HeaderMap,
    Query(q): Query<CallbackQuery>,
) -> Result<Response, AppError> {
    let now = state.clock.now();
    let mut conn = state.db.acquire().await?;
    // Used up at once, whatever follows: a second trip with the same cookie finds nothing.
    let record = match read_cookie(&headers, FLOW_COOKIE) {
        Some(token) => tokens::consume(&mut conn, FLOW, &token, now).await?,
        None => None,
    };
    drop(conn);
    let Some(flow) = record.and_then(|r| serde_json::from_value::<Flow>(r.data).ok()) else {
        tracing::warn!("a sign-in came back without a live flow of this browser");
        return Ok(failed(f, &state, "oidc-failed-expired"));
    };
    if q.state.as_deref() != Some(flow.state.as_str()) {
        tracing::warn!(provider = %flow.provider, "a sign-in came back with the wrong state");
        return Ok(failed(f, &state, "oidc-failed"));
    }
    if let Some(error) = q.error {
        tracing::info!(provider = %flow.provider, error = %error.chars().take(100).collect::<String>(), "the provider did not sign the person in");
        return Ok(failed(f, &state, "oidc-failed-cancelled"));
    }
    let (Some(code), Some(provider)) = (q.code, state.providers.get(&flow.provider)) else {
        return Ok(failed(f, &state, "oidc-failed"));
    };
    let identity = match state
        .providers
        .finish(provider, code, flow.verifier, flow.nonce, now)
        .await
    {
        Ok(identity) => identity,
        Err(e) => {
            tracing::warn!(provider = %provider.id, error = %e, "a sign-in was refused");
            return Ok(failed(f, &state, "oidc-failed"));
        }
    };
    if let Some(asked) = flow.fresh {
        let mut response = fresh::finish(&state, f, user.as_ref(), asked, &identity).await?;
        response.headers_mut().append(
            header::SET_COOKIE,
            cookie(&state.config, FLOW_COOKIE, "", 0),
        );
        return Ok(response);
    }
    // A link is made only for the person who asked for it, still signed in.
    let link_to = match (flow.link_to, &user) {
        (Some(id), Some(u)) if u.id == id => Some(u.id),
        (Some(_), _) => return Ok(failed(f, &state, "oidc-failed")),
        (None, _) => None,
    };
    let agent = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let mut response = finish::land(&state, f, identity, link_to, &flow.next, &agent).await?;
    response.headers_mut().append(
        header::SET_COOKIE,
        cookie(&state.config, FLOW_COOKIE, "", 0),
    );
    Ok(response)
}
