//! Signing out of a session that began at a provider: Medspil's session ends as any other,
//! and the page after it offers the provider's own sign-out (RP-initiated logout), when its
//! discovery names an `end_session_endpoint`. The link carries our `client_id` and where to
//! come back to, nothing secret: no ID token is kept for it, so none can leak from here.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::error::AppError;
use crate::state::AppState;
use crate::web::{Frame, Page};

/// Where to send the browser once the session that came through `provider` has ended.
pub async fn after_sign_out(state: &AppState, provider: Option<&str>) -> String {
    match provider {
        Some(id) if end_session_url(state, id).await.is_some() => {
            let id: String = url::form_urlencoded::byte_serialize(id.as_bytes()).collect();
            format!("/signed-out?provider={id}")
        }
        _ => "/".to_string(),
    }
}

/// The provider's end-session URL with our client and the way back to the front page.
async fn end_session_url(state: &AppState, id: &str) -> Option<url::Url> {
    let provider = state.providers.get(id)?;
    let mut url = state.providers.end_session(provider).await?;
    url.query_pairs_mut()
        .append_pair("client_id", &provider.client_id)
        .append_pair("post_logout_redirect_uri", &state.config.link("/"));
    Some(url)
}

#[derive(Template)]
#[template(path = "oidc/signed_out.html")]
pub struct SignedOutPage {
    f: Frame,
    provider: String,
    link: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SignedOutQuery {
    provider: String,
}

/// `GET /signed-out?provider=…`: "you are signed out; also sign out at MitID". Anyone may open
/// it (it only links to a provider's page); a provider without an end-session endpoint, or
/// none, is the front page, as a sign-out was before.
pub async fn page(
    State(state): State<AppState>,
    f: Frame,
    Query(q): Query<SignedOutQuery>,
) -> Result<Response, AppError> {
    let Some(url) = end_session_url(&state, &q.provider).await else {
        return Ok(Redirect::to("/").into_response());
    };
    let provider = state
        .providers
        .get(&q.provider)
        .map(|p| p.name.clone())
        .unwrap_or_default();
    Ok(Page(SignedOutPage {
        f,
        provider,
        link: url.to_string(),
    })
    .into_response())
}
