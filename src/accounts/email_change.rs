//! Stopping an email change from the old address. Asking for a new address mails the old one
//! at once with a link here; pressing the button on its page revokes every pending change of
//! the account, so a change asked for by someone else (with a stolen session and password)
//! never takes effect. Like every emailed link, opening it changes nothing.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};

use super::register::NoticePage;
use super::reset::{emailed_address, link_gone};
use super::{CANCEL_EMAIL_CHANGE, VERIFY_EMAIL};
use crate::error::AppError;
use crate::state::AppState;
use crate::tokens;
use crate::web::{Frame, Page};

#[derive(Template)]
#[template(path = "accounts/cancel_email_change.html")]
pub struct CancelPage {
    f: Frame,
    token: String,
    /// The address the change was to.
    email: String,
}

pub async fn cancel_page(
    State(state): State<AppState>,
    f: Frame,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let Some(email) = emailed_address(&state, CANCEL_EMAIL_CHANGE, &token).await? else {
        return Ok(link_gone(f));
    };
    Ok(Page(CancelPage { f, token, email }).into_response())
}

pub async fn cancel(
    State(state): State<AppState>,
    f: Frame,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let Some(record) = tokens::consume(&mut tx, CANCEL_EMAIL_CHANGE, &token, now).await? else {
        return Ok(link_gone(f));
    };
    let Some(user_id) = record.user_id else {
        return Ok(link_gone(f));
    };
    // Every pending change, not only the one this mail was about: the owner wants none.
    sqlx::query!(
        r#"DELETE FROM tokens t
           WHERE t.user_id = $1 AND t.purpose = $2
             AND lower(t.data->>'email') IS DISTINCT FROM
                 (SELECT lower(u.email) FROM users u WHERE u.id = $1)"#,
        user_id,
        VERIFY_EMAIL.0,
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    let page = NoticePage {
        title: f.tr.t("email-change-cancelled-title"),
        body: f.tr.t("email-change-cancelled-body"),
        f,
    };
    Ok(Page(page).into_response())
}
