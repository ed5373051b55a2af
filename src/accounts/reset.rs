//! "Forgot password": a link by email (valid one hour) to choose a new password. The request
//! does the same work whether or not the address has an account — it counts the request
//! against the mail limits and queues one job — and answers with the same page; the job decides
//! whether a mail goes. Choosing a new password ends every other session of the account and
//! revokes every other link into it (other reset links, pending email changes).

use askama::Template;
use axum::Form as PostForm;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Duration;
use serde::Deserialize;

use super::mail_limit::{self, MailPurpose};
use super::register::NoticePage;
use super::{RESET_PASSWORD, hash_password, mails, revoke_links};
use crate::auth::sessions;
use crate::domain::{Email, NewPassword};
use crate::error::AppError;
use crate::jobs::{self, Job, NewJob};
use crate::mail::{self, Recipient};
use crate::state::AppState;
use crate::tokens;
use crate::web::client::ClientIp;
use crate::web::forms::{Field, Form};
use crate::web::i18n::Locale;
use crate::web::{Frame, Page};

#[derive(Template)]
#[template(path = "accounts/forgot.html")]
pub struct ForgotPage {
    f: Frame,
    form: Form,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ForgotInput {
    email: String,
}

fn forgot_fields(f: &Frame, email: &str) -> Form {
    Form::new(vec![
        Field::new(&f.tr, "email", "email", "field-email")
            .value(email)
            .autocomplete("email"),
    ])
}

pub async fn forgot_form(f: Frame) -> Page<ForgotPage> {
    let form = forgot_fields(&f, "");
    Page(ForgotPage { f, form })
}

/// The job that sends a reset link, if the address has an account.
pub const RESET_KIND: &str = "account.reset";

pub async fn forgot_submit(
    State(state): State<AppState>,
    f: Frame,
    client: ClientIp,
    PostForm(input): PostForm<ForgotInput>,
) -> Result<Response, AppError> {
    let mut form = forgot_fields(&f, &input.email);
    let Some(email) = form.check("email", &f.tr, Email::parse(&input.email)) else {
        return Ok(Page::invalid(ForgotPage { f, form }));
    };
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    // No look-up of the account here: its existence must not change what this request does.
    if mail_limit::allow(&mut tx, MailPurpose::Reset, email.as_str(), client, now).await? {
        let payload = serde_json::json!({ "email": email.as_str() });
        jobs::enqueue(&mut tx, NewJob::new(RESET_KIND, payload, now), now).await?;
    }
    tx.commit().await?;
    state.job_wake.notify_one();
    Ok(Page(NoticePage {
        title: f.tr.t("forgot-sent-title"),
        body: f.tr.t("forgot-sent-body"),
        f,
    })
    .into_response())
}

/// Sends the reset link when the address has an account, and then forgets the address: the
/// job row stays in the table, the address it named does not.
pub async fn run_reset(state: AppState, job: Job) -> anyhow::Result<()> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    if let Some(email) = job.payload["email"].as_str() {
        let user = sqlx::query!(
            "SELECT id, name, locale FROM users WHERE lower(email) = lower($1) AND deleted_at IS NULL",
            email
        )
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(user) = user {
            let token = tokens::issue(
                &mut tx,
                RESET_PASSWORD,
                Some(user.id),
                serde_json::json!({}),
                now,
                Some(Duration::hours(1)),
            )
            .await?;
            let locale = Locale::from_code(&user.locale).unwrap_or_default();
            mail::notify(
                &mut tx,
                now,
                Recipient::User(user.id),
                mails::reset(&state.config, locale, &user.name, &token),
            )
            .await?;
        }
    }
    sqlx::query!("UPDATE jobs SET payload = '{}' WHERE id = $1", job.id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    state.job_wake.notify_one();
    Ok(())
}

#[derive(Template)]
#[template(path = "accounts/reset.html")]
pub struct ResetPage {
    f: Frame,
    form: Form,
    token: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ResetInput {
    password: String,
}

fn reset_fields(f: &Frame) -> Form {
    Form::new(vec![
        Field::new(&f.tr, "password", "password", "field-new-password")
            .autocomplete("new-password")
            .hint(&f.tr, "field-new-password-hint"),
    ])
}

/// The address a live emailed link is about (its page names it before the button); `None`
/// for a link used up or too old. Looking does not use the link.
pub async fn emailed_address(
    state: &AppState,
    purpose: tokens::Purpose,
    token: &str,
) -> Result<Option<String>, AppError> {
    let mut conn = state.db.acquire().await?;
    let found = tokens::peek(&mut conn, purpose, token, state.clock.now()).await?;
    Ok(found.map(|t| t.text("email").unwrap_or_default().to_string()))
}

/// A link that is used up or too old.
pub fn link_gone(f: Frame) -> Response {
    let page = NoticePage {
        title: f.tr.t("link-gone-title"),
        body: f.tr.t("link-gone-body"),
        f,
    };
    (StatusCode::GONE, Page(page)).into_response()
}

/// Opening the link only shows the form: mail scanners that follow links use nothing up.
pub async fn reset_form(
    State(state): State<AppState>,
    f: Frame,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let mut conn = state.db.acquire().await?;
    if tokens::peek(&mut conn, RESET_PASSWORD, &token, state.clock.now())
        .await?
        .is_none()
    {
        return Ok(link_gone(f));
    }
    let form = reset_fields(&f);
    Ok(Page(ResetPage { f, form, token }).into_response())
}

pub async fn reset_submit(
    State(state): State<AppState>,
    f: Frame,
    Path(token): Path<String>,
    headers: HeaderMap,
    PostForm(input): PostForm<ResetInput>,
) -> Result<Response, AppError> {
    let mut form = reset_fields(&f);
    let Some(password) = form.check("password", &f.tr, NewPassword::parse(&input.password)) else {
        return Ok(Page::invalid(ResetPage { f, form, token }));
    };
    let hash = hash_password(password.expose().to_string()).await?;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let Some(record) = tokens::consume(&mut tx, RESET_PASSWORD, &token, now).await? else {
        return Ok(link_gone(f));
    };
    let user_id = record.user_id.ok_or(AppError::NotFound)?;
    let user = sqlx::query!(
        "UPDATE users SET password_hash = $2 WHERE id = $1 AND deleted_at IS NULL RETURNING name, locale",
        user_id,
        hash
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(AppError::NotFound)?;
    sessions::end_all(&mut tx, user_id, None).await?;
    // This link is used; every other reset link and every pending email change goes with it.
    revoke_links(&mut tx, user_id).await?;
    // Using the link proves the person reads that mailbox.
    sqlx::query!(
        "UPDATE users SET email_verified_at = coalesce(email_verified_at, $2) WHERE id = $1",
        user_id,
        now
    )
    .execute(&mut *tx)
    .await?;
    let locale = Locale::from_code(&user.locale).unwrap_or_default();
    mail::notify(
        &mut tx,
        now,
        Recipient::User(user_id),
        mails::password_changed(&state.config, locale, &user.name),
    )
    .await?;
    let agent = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let session = sessions::create(&mut tx, user_id, agent, now).await?;
    tx.commit().await?;
    state.job_wake.notify_one();
    let mut response = Redirect::to("/account?done=password").into_response();
    response.headers_mut().insert(
        header::SET_COOKIE,
        sessions::set_cookie(&state.config, &session),
    );
    Ok(response)
}
