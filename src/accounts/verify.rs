//! Confirming an email address: for a new account, and for a changed address (which takes
//! effect only now). The link opens a page with a button; the token is used when the form is
//! submitted, so a mail scanner that opens links confirms nothing.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Duration;

use super::register::NoticePage;
use super::reset::link_gone;
use super::{VERIFY_EMAIL, mails};
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::mail::{self, Recipient};
use crate::startup::AppState;
use crate::tokens;
use crate::web::{Frame, Page};

#[derive(Template)]
#[template(path = "accounts/verify.html")]
pub struct VerifyPage {
    f: Frame,
    token: String,
    email: String,
}

pub async fn confirm_page(
    State(state): State<AppState>,
    f: Frame,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let mut conn = state.db.acquire().await?;
    let Some(record) = tokens::peek(&mut conn, VERIFY_EMAIL, &token, state.clock.now()).await?
    else {
        return Ok(link_gone(f));
    };
    let email = record.data["email"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    Ok(Page(VerifyPage { f, token, email }).into_response())
}

pub async fn confirm(
    State(state): State<AppState>,
    f: Frame,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let Some(record) = tokens::consume(&mut tx, VERIFY_EMAIL, &token, now).await? else {
        return Ok(link_gone(f));
    };
    let (Some(user_id), Some(email)) = (record.user_id, record.data["email"].as_str()) else {
        return Ok(link_gone(f));
    };
    // The address may have been taken by another account since the link was sent.
    let taken = sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM users WHERE lower(email) = lower($1) AND id <> $2) AS "taken!""#,
        email,
        user_id
    )
    .fetch_one(&mut *tx)
    .await?;
    if taken {
        return Ok(link_gone(f));
    }
    let updated = sqlx::query!(
        "UPDATE users SET email = $2, email_verified_at = $3 WHERE id = $1 AND deleted_at IS NULL",
        user_id,
        email,
        now
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if updated == 0 {
        return Ok(link_gone(f));
    }
    crate::roles::email_changed(&mut tx, user_id, email, now).await?;
    tx.commit().await?;
    let page = NoticePage {
        title: f.tr.t("verified-title"),
        body: f.tr.t("verified-body"),
        f,
    };
    Ok(Page(page).into_response())
}

/// Sends a fresh verification link to the person's current address.
pub async fn resend(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Response, AppError> {
    if user.verified {
        return Ok(Redirect::to("/account").into_response());
    }
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let data = serde_json::json!({ "email": user.email });
    let token = tokens::issue(
        &mut tx,
        VERIFY_EMAIL,
        Some(user.id),
        data,
        now,
        Some(Duration::hours(48)),
    )
    .await?;
    let message = mails::verify(&state.config, user.locale, &user.name, &token);
    mail::notify(&mut tx, now, Recipient::User(user.id), message).await?;
    tx.commit().await?;
    state.job_wake.notify_one();
    Ok(Redirect::to("/account?done=verify-sent").into_response())
}
