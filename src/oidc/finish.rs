//! Which account a checked identity belongs to.
//!
//! A subject linked before signs in to its account. Otherwise a verified email that matches an
//! account links to it only after the person proves the account is theirs (its password, or a
//! link mailed to its address: [`super::mail_link`]); a verified email that matches none makes a
//! new account, its address confirmed; and an identity without a verified email (MitID brokers
//! often give none) is asked for one, which the usual mail link confirms before the account can
//! host or register.

use askama::Template;
use axum::Form as PostForm;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Duration;
use serde::{Deserialize, Serialize};
use sqlx::PgConnection;
use uuid::Uuid;

use super::provider::Identity;
use super::{PENDING, PENDING_COOKIE, PENDING_MINUTES, cookie, flow::failed, read_cookie};
use crate::accounts::throttle::{self, Scopes};
use crate::accounts::{NewAccount, create_account, verify_password};
use crate::auth::sessions;
use crate::config::ProviderKind;
use crate::domain::{Email, PersonName};
use crate::error::AppError;
use crate::state::AppState;
use crate::tokens;
use crate::web::client::ClientIp;
use crate::web::forms::{Field, Form};
use crate::web::{Frame, Page};

/// A checked identity waiting for the person's answer.
#[derive(Deserialize, Serialize)]
pub(super) struct Pending {
    pub(super) identity: Identity,
    pub(super) next: String,
}

/// Lands a checked identity: signs in, links, or asks.
pub async fn land(
    state: &AppState,
    f: Frame,
    identity: Identity,
    link_to: Option<Uuid>,
    next: &str,
    agent: &str,
) -> Result<Response, AppError> {
    let mut tx = state.db.begin().await?;
    let owner = sqlx::query_scalar!(
        r#"SELECT l.user_id FROM account_logins l JOIN users u ON u.id = l.user_id
           WHERE l.provider = $1 AND l.subject = $2 AND u.deleted_at IS NULL"#,
        identity.provider,
        identity.subject,
    )
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(me) = link_to {
        if owner.is_some_and(|o| o != me) {
            return Ok(failed(f, state, "oidc-failed-linked-elsewhere"));
        }
        link(&mut tx, state, me, &identity).await?;
        tx.commit().await?;
        return Ok(Redirect::to("/account#logins").into_response());
    }
    if let Some(user) = owner {
        link(&mut tx, state, user, &identity).await?;
        return sign_in(state, f, tx, user, &identity, next, agent).await;
    }
    let verified_email = identity
        .email
        .as_deref()
        .filter(|_| identity.email_verified)
        .and_then(|e| Email::parse(e).ok());
    let name = identity
        .name
        .as_deref()
        .and_then(|n| PersonName::parse(n).ok());
    if let (Some(email), Some(name)) = (&verified_email, &name) {
        let taken = sqlx::query_scalar!(
            "SELECT id FROM users WHERE lower(email) = lower($1) AND deleted_at IS NULL",
            email.as_str()
        )
        .fetch_optional(&mut *tx)
        .await?;
        if taken.is_none() {
            let user = Uuid::new_v4();
            let now = state.clock.now();
            // The provider vouches for the address: confirmed from the start, no mail.
            sqlx::query!(
                r#"INSERT INTO users (id, email, name, locale, created_at, email_verified_at)
                   VALUES ($1, $2, $3, $4, $5, $5)"#,
                user,
                email.as_str(),
                name.as_str(),
                f.tr.locale.code(),
                now,
            )
            .execute(&mut *tx)
            .await?;
            link(&mut tx, state, user, &identity).await?;
            return sign_in(state, f, tx, user, &identity, next, agent).await;
        }
    }
    // The person must answer: prove the matching account is theirs, or give an address.
    let to = if verified_email.is_some() && name.is_some() {
        "/sign-in/link"
    } else {
        "/sign-in/email"
    };
    let pending = Pending {
        identity,
        next: next.to_string(),
    };
    let data = serde_json::to_value(&pending).map_err(anyhow::Error::from)?;
    let token = tokens::issue(
        &mut tx,
        PENDING,
        None,
        data,
        state.clock.now(),
        Some(Duration::minutes(PENDING_MINUTES)),
    )
    .await?;
    tx.commit().await?;
    let mut response = Redirect::to(to).into_response();
    response.headers_mut().insert(
        header::SET_COOKIE,
        cookie(&state.config, PENDING_COOKIE, &token, PENDING_MINUTES),
    );
    Ok(response)
}

/// Links the identity to `user` (or refreshes the link), and marks a MitID-verified name.
pub(super) async fn link(
    conn: &mut PgConnection,
    state: &AppState,
    user: Uuid,
    identity: &Identity,
) -> sqlx::Result<()> {
    let now = state.clock.now();
    sqlx::query!(
        r#"INSERT INTO account_logins (provider, subject, user_id, staff_of, created_at, last_used_at)
           VALUES ($1, $2, $3, $4, $5, $5)
           ON CONFLICT (provider, subject) DO UPDATE
               SET staff_of = excluded.staff_of, last_used_at = excluded.last_used_at
               WHERE account_logins.user_id = excluded.user_id"#,
        identity.provider,
        identity.subject,
        user,
        identity.staff_of,
        now,
    )
    .execute(&mut *conn)
    .await?;
    let citizen_id = state
        .providers
        .get(&identity.provider)
        .is_some_and(|p| p.kind == ProviderKind::CitizenId);
    if let (true, Some(name)) = (citizen_id, &identity.name) {
        // Only the very name MitID gave: a name the person typed is not verified.
        sqlx::query!(
            "UPDATE users SET name_verified_by = $2 WHERE id = $1 AND name = $3",
            user,
            identity.provider,
            name,
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Starts a session for `user`, refused for a suspended account, and goes on to `next`.
pub(super) async fn sign_in(
    state: &AppState,
    f: Frame,
    mut tx: sqlx::Transaction<'_, sqlx::Postgres>,
    user: Uuid,
    identity: &Identity,
    next: &str,
    agent: &str,
) -> Result<Response, AppError> {
    let now = state.clock.now();
    if crate::moderation::suspend::live(&mut tx, user, now)
        .await?
        .is_some()
    {
        tx.commit().await?;
        return Ok(failed(f, state, "oidc-failed-suspended"));
    }
    let token = sessions::create(&mut tx, user, agent, now).await?;
    sqlx::query!(
        "UPDATE sessions SET provider = $2, auth_time = $3 WHERE token_hash = $1",
        tokens::hash(&token),
        identity.provider,
        identity.auth_time.unwrap_or(now).min(now),
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    let mut response = Redirect::to(next).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::SET_COOKIE,
        sessions::set_cookie(&state.config, &token),
    );
    headers.append(
        header::SET_COOKIE,
        cookie(&state.config, PENDING_COOKIE, "", 0),
    );
    Ok(response)
}

pub(super) async fn pending(
    state: &AppState,
    headers: &HeaderMap,
    use_it: bool,
) -> Result<Option<Pending>, AppError> {
    let Some(token) = read_cookie(headers, PENDING_COOKIE) else {
        return Ok(None);
    };
    let now = state.clock.now();
    let mut conn = state.db.acquire().await?;
    let record = if use_it {
        tokens::consume(&mut conn, PENDING, &token, now).await?
    } else {
        tokens::peek(&mut conn, PENDING, &token, now).await?
    };
    Ok(record.and_then(|r| serde_json::from_value(r.data).ok()))
}

pub(super) fn provider_name(state: &AppState, identity: &Identity) -> String {
    state
        .providers
        .get(&identity.provider)
        .map(|p| p.name.clone())
        .unwrap_or_default()
}

#[derive(Template)]
#[template(path = "oidc/link.html")]
pub struct LinkPage {
    f: Frame,
    form: Form,
    body: String,
    problem: Option<String>,
    /// Without a password, the mailed link is the only way to prove the account is theirs.
    has_password: bool,
}

/// Whether the account with the pending identity's email has a password.
async fn account_has_password(state: &AppState, p: &Pending) -> Result<bool, AppError> {
    let email = p.identity.email.clone().unwrap_or_default();
    Ok(sqlx::query_scalar!(
        r#"SELECT password_hash IS NOT NULL AS "has!" FROM users
           WHERE lower(email) = lower($1) AND deleted_at IS NULL"#,
        email
    )
    .fetch_optional(&state.db)
    .await?
    .unwrap_or(false))
}

fn link_page(
    f: Frame,
    state: &AppState,
    p: &Pending,
    problem: Option<&str>,
    has_password: bool,
) -> LinkPage {
    let form = Form::new(vec![
        Field::new(&f.tr, "password", "password", "field-password")
            .autocomplete("current-password"),
    ]);
    let email = p.identity.email.clone().unwrap_or_default();
    let key = match has_password {
        true => "oidc-link-body",
        false => "oidc-link-body-mail",
    };
    let body = f.tr.t_args(
        key,
        &[
            ("email", email.into()),
            ("provider", provider_name(state, &p.identity).into()),
        ],
    );
    LinkPage {
        has_password,
        problem: problem.map(|k| f.tr.t(k)),
        body,
        form,
        f,
    }
}

/// "There is an account with this address: its password, to link."
pub async fn link_form(
    State(state): State<AppState>,
    f: Frame,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    match pending(&state, &headers, false).await? {
        Some(p) => {
            let has_password = account_has_password(&state, &p).await?;
            Ok(Page(link_page(f, &state, &p, None, has_password)).into_response())
        }
        None => Ok(failed(f, &state, "oidc-failed-expired")),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct LinkInput {
    password: String,
}

pub async fn link_submit(
    State(state): State<AppState>,
    f: Frame,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    PostForm(input): PostForm<LinkInput>,
) -> Result<Response, AppError> {
    let Some(p) = pending(&state, &headers, false).await? else {
        return Ok(failed(f, &state, "oidc-failed-expired"));
    };
    let email = p.identity.email.clone().unwrap_or_default();
    let now = state.clock.now();
    // Throttled as the sign-in form is: this is a password guess against the same account.
    let scopes = Scopes::new(&email, ip);
    if throttle::wait(&state.db, &state.config.limits, &scopes, now).await? > Duration::zero() {
        let page = link_page(f, &state, &p, Some("sign-in-wait"), true);
        return Ok((StatusCode::TOO_MANY_REQUESTS, Page(page)).into_response());
    }
    let user = sqlx::query!(
        "SELECT id, password_hash FROM users WHERE lower(email) = lower($1) AND deleted_at IS NULL",
        email
    )
    .fetch_optional(&state.db)
    .await?;
    let stored = user.as_ref().and_then(|u| u.password_hash.clone());
    let has_password = stored.is_some();
    let ok = verify_password(input.password, stored).await?;
    let Some(user) = user.filter(|_| ok) else {
        throttle::failed(&state.db, &scopes, now).await?;
        let page = link_page(f, &state, &p, Some("oidc-link-wrong"), has_password);
        return Ok(Page::invalid(page));
    };
    throttle::succeeded(&state.db, &scopes).await?;
    let Some(p) = pending(&state, &headers, true).await? else {
        return Ok(failed(f, &state, "oidc-failed-expired"));
    };
    let agent = agent(&headers);
    let mut tx = state.db.begin().await?;
    link(&mut tx, &state, user.id, &p.identity).await?;
    sign_in(&state, f, tx, user.id, &p.identity, &p.next, &agent).await
}

pub(super) fn agent(headers: &HeaderMap) -> String {
    headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}

#[derive(Template)]
#[template(path = "oidc/email.html")]
pub struct EmailPage {
    f: Frame,
    form: Form,
    provider: String,
}

fn email_fields(f: &Frame, name: &str, email: &str) -> Form {
    Form::new(vec![
        Field::new(&f.tr, "name", "text", "field-name")
            .value(name)
            .autocomplete("name"),
        Field::new(&f.tr, "email", "email", "field-email")
            .value(email)
            .autocomplete("email"),
    ])
}

/// "Which address should Medspil write to?" for an identity without a verified one.
pub async fn email_form(
    State(state): State<AppState>,
    f: Frame,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let Some(p) = pending(&state, &headers, false).await? else {
        return Ok(failed(f, &state, "oidc-failed-expired"));
    };
    let form = email_fields(
        &f,
        p.identity.name.as_deref().unwrap_or(""),
        p.identity.email.as_deref().unwrap_or(""),
    );
    let provider = provider_name(&state, &p.identity);
    Ok(Page(EmailPage { f, form, provider }).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct EmailInput {
    name: String,
    email: String,
}

pub async fn email_submit(
    State(state): State<AppState>,
    f: Frame,
    headers: HeaderMap,
    PostForm(input): PostForm<EmailInput>,
) -> Result<Response, AppError> {
    let Some(p) = pending(&state, &headers, false).await? else {
        return Ok(failed(f, &state, "oidc-failed-expired"));
    };
    let provider = provider_name(&state, &p.identity);
    let mut form = email_fields(&f, &input.name, &input.email);
    let name = form.check("name", &f.tr, PersonName::parse(&input.name));
    let email = form.check("email", &f.tr, Email::parse(&input.email));
    let (Some(name), Some(email)) = (name, email) else {
        return Ok(Page::invalid(EmailPage { f, form, provider }));
    };
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let new = NewAccount {
        name: &name,
        email: &email,
        password_hash: None,
        locale: f.tr.locale,
    };
    // The usual confirmation mail goes out; until it is followed the account cannot host,
    // register or invite.
    let Some(created) = create_account(&mut tx, &state, new, now).await? else {
        form.fail("email", &f.tr, "oidc-email-taken");
        return Ok(Page::invalid(EmailPage { f, form, provider }));
    };
    let Some(p) = pending(&state, &headers, true).await? else {
        return Ok(failed(f, &state, "oidc-failed-expired"));
    };
    link(&mut tx, &state, created.id, &p.identity).await?;
    let agent = agent(&headers);
    let response = sign_in(
        &state,
        f,
        tx,
        created.id,
        &p.identity,
        "/register/check-email",
        &agent,
    )
    .await?;
    state.job_wake.notify_one();
    Ok(response)
}
