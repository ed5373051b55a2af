//! A person's feed address, from `/account`: create it, replace it (the old one stops
//! working at once) or stop it. Only the token's hash is stored, so the address can be shown
//! only once: on the page that answers the button, never again.

use askama::Template;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::FEED;
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;
use crate::tokens;
use crate::web::{Frame, Page};

/// When the person's current feed address was made; `None` if they have none.
pub async fn created_at<'e>(
    db: impl sqlx::PgExecutor<'e>,
    user: Uuid,
) -> sqlx::Result<Option<DateTime<Utc>>> {
    sqlx::query_scalar!(
        r#"SELECT max(created_at) AS "created_at: DateTime<Utc>" FROM tokens
           WHERE purpose = $1 AND user_id = $2"#,
        FEED.0,
        user
    )
    .fetch_one(db)
    .await
}

/// The page that shows a new address, once.
#[derive(Template)]
#[template(path = "calendar/address.html")]
pub struct AddressPage {
    f: Frame,
    /// `https://…/calendar/{token}.ics`, to copy into a calendar program.
    url: String,
    /// The same as `webcal://…`, which calendar programs open as a subscription.
    webcal: String,
    /// An earlier address was replaced (and no longer works).
    replaced: bool,
}

/// `POST /account/calendar`: a new address, replacing any earlier one.
pub async fn create(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
) -> Result<Response, AppError> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let replaced = tokens::revoke_all(&mut tx, FEED, user.id).await? > 0;
    let token = tokens::issue(
        &mut tx,
        FEED,
        Some(user.id),
        serde_json::json!({}),
        now,
        None,
    )
    .await?;
    tx.commit().await?;
    let url = state.config.link(&format!("/calendar/{token}.ics"));
    let webcal = match url.split_once("://") {
        Some((_, rest)) => format!("webcal://{rest}"),
        None => url.clone(),
    };
    let mut response = Page(AddressPage {
        f,
        url,
        webcal,
        replaced,
    })
    .into_response();
    // The page holds the secret address: keep it out of every cache.
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    Ok(response)
}

/// `POST /account/calendar/stop`: the address stops working; calendars subscribed to it
/// get a 404 and keep what they had.
pub async fn stop(State(state): State<AppState>, user: CurrentUser) -> Result<Response, AppError> {
    let mut conn = state.db.acquire().await?;
    tokens::revoke_all(&mut conn, FEED, user.id).await?;
    Ok(Redirect::to("/account?done=calendar-stopped").into_response())
}
