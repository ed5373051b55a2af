//! Confirming an email address: for a new account, and for a changed address (which takes
//! effect only now). The link opens a page with a button; the token is used when the form is
//! submitted, so a mail scanner that opens links confirms nothing.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Duration;

use super::mail_limit::{self, MailPurpose};
use super::register::NoticePage;
use super::reset::{emailed_address, link_gone};
use super::{VERIFY_EMAIL, mails};
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::mail::{self, Recipient};
use crate::state::AppState;
use crate::tokens;
use crate::web::client::ClientIp;
use crate::web::i18n::Locale;
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
    let Some(email) = emailed_address(&state, VERIFY_EMAIL, &token).await? else {
        return Ok(link_gone(f));
    };
    Ok(Page(VerifyPage { f, token, email }).into_response())
}

pub async fn confirm(
    State(state): State<AppState>,
    f: Frame,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    if confirm_email(&mut tx, &state, &token, now).await?.is_none() {
        return Ok(link_gone(f));
    }
    tx.commit().await?;
    state.job_wake.notify_one();
    let page = NoticePage {
        title: f.tr.t("verified-title"),
        body: f.tr.t("verified-body"),
        f,
    };
    Ok(Page(page).into_response())
}

/// Confirms the address a verification link was sent to, in the caller's transaction: the
/// account's address is verified (a changed one told to the old address). The account's id,
/// or `None` when the link is used, expired, or the address has been taken since.
pub async fn confirm_email(
    tx: &mut sqlx::PgConnection,
    state: &AppState,
    token: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Option<uuid::Uuid>, AppError> {
    let Some(record) = tokens::consume(tx, VERIFY_EMAIL, token, now).await? else {
        return Ok(None);
    };
    let (Some(user_id), Some(email)) = (record.user_id, record.text("email")) else {
        return Ok(None);
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
        return Ok(None);
    }
    let Some(before) = sqlx::query!(
        "SELECT email, name, locale FROM users WHERE id = $1 AND deleted_at IS NULL FOR UPDATE",
        user_id
    )
    .fetch_optional(&mut *tx)
    .await?
    else {
        return Ok(None);
    };
    sqlx::query!(
        "UPDATE users SET email = $2, email_verified_at = $3 WHERE id = $1",
        user_id,
        email,
        now
    )
    .execute(&mut *tx)
    .await?;
    // A changed address: the old one is told, so an owner who missed the first mail still
    // learns where their account's mail now goes.
    if let Some(old) = before.email.filter(|old| !old.eq_ignore_ascii_case(email)) {
        let locale = Locale::from_code(&before.locale).unwrap_or_default();
        let message = mails::email_changed(&state.config, locale, &before.name, email);
        let to = Recipient::Address { email: old, locale };
        mail::notify(&mut *tx, now, to, message).await?;
    }
    crate::roles::email_changed(tx, user_id, email, now).await?;
    Ok(Some(user_id))
}

/// Sends a fresh verification link to the person's current address — within the mail limits:
/// past them the page is the same and nothing is sent (the address is not confirmed to be
/// theirs, so it must not be a way to flood someone else's inbox).
pub async fn resend(
    State(state): State<AppState>,
    user: CurrentUser,
    client: ClientIp,
) -> Result<Response, AppError> {
    if user.verified {
        return Ok(Redirect::to("/account").into_response());
    }
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let purpose = MailPurpose::ConfirmAgain;
    if !mail_limit::allow(&mut tx, purpose, &user.email, client, now).await? {
        tx.commit().await?;
        return Ok(Redirect::to("/account?done=verify-sent").into_response());
    }
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
