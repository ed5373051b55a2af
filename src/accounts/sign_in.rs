//! Signing in and out.

use askama::Template;
use axum::Form as PostForm;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::throttle::{self, Scopes};
use super::{RESET_PASSWORD, verify_password};
use crate::auth::{CurrentUser, sessions};
use crate::error::AppError;
use crate::state::AppState;
use crate::tokens;
use crate::web::client::ClientIp;
use crate::web::forms::{Field, Form};
use crate::web::{Frame, Page, local_path};

#[derive(Template)]
#[template(path = "accounts/sign_in.html")]
pub struct SignInPage {
    f: Frame,
    form: Form,
    next: String,
    /// A message about the whole form (wrong password, wait), not one field.
    problem: Option<String>,
    /// The configured sign-in providers, (id, button text); none shows the page as before.
    providers: Vec<(String, String)>,
}

fn providers(state: &AppState, f: &Frame) -> Vec<(String, String)> {
    state
        .providers
        .list
        .iter()
        .map(|p| (p.id.clone(), f.tr.t1("sign-in-with", "provider", &p.name)))
        .collect()
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SignInInput {
    email: String,
    password: String,
    next: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct NextQuery {
    next: String,
}

fn fields(f: &Frame, email: &str) -> Form {
    let tr = &f.tr;
    Form::new(vec![
        Field::new(tr, "email", "email", "field-email")
            .value(email)
            .autocomplete("username"),
        Field::new(tr, "password", "password", "field-password").autocomplete("current-password"),
    ])
}

/// Where to go after signing in: a path on this site, else the account page.
fn next_or_default(next: &str) -> String {
    local_path(next)
        .filter(|p| !p.starts_with("/sign-in"))
        .unwrap_or("/account")
        .to_string()
}

pub async fn form(
    State(state): State<AppState>,
    f: Frame,
    user: Option<CurrentUser>,
    Query(q): Query<NextQuery>,
) -> Response {
    if user.is_some() {
        return Redirect::to(&next_or_default(&q.next)).into_response();
    }
    let form = fields(&f, "");
    Page(SignInPage {
        providers: providers(&state, &f),
        f,
        form,
        next: next_or_default(&q.next),
        problem: None,
    })
    .into_response()
}

pub async fn submit(
    State(state): State<AppState>,
    f: Frame,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    PostForm(input): PostForm<SignInInput>,
) -> Result<Response, AppError> {
    let next = next_or_default(&input.next);
    let refuse = |f: Frame, key: &str| {
        let mut form = fields(&f, &input.email);
        if let Some(password) = form.field_mut("password") {
            password.error = None;
        }
        let problem = Some(f.tr.t(key));
        SignInPage {
            providers: providers(&state, &f),
            form,
            next: next.clone(),
            problem,
            f,
        }
    };
    let now = state.clock.now();
    let scopes = Scopes::new(&input.email, ip);
    let wait = throttle::wait(&state.db, &state.config.limits, &scopes, now).await?;
    if wait > chrono::Duration::zero() {
        let page = refuse(f, "sign-in-wait");
        let mut response = (StatusCode::TOO_MANY_REQUESTS, Page(page)).into_response();
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, throttle::retry_after(wait));
        return Ok(response);
    }

    let user = sqlx::query!(
        "SELECT id, password_hash FROM users WHERE lower(email) = lower($1) AND deleted_at IS NULL",
        input.email.trim()
    )
    .fetch_optional(&state.db)
    .await?;
    let stored = user.as_ref().and_then(|u| u.password_hash.clone());
    let ok = verify_password(input.password.clone(), stored).await?;
    let Some(user) = user.filter(|_| ok) else {
        throttle::failed(&state.db, &scopes, now).await?;
        return Ok(Page::invalid(refuse(f, "sign-in-wrong")));
    };
    throttle::succeeded(&state.db, &scopes).await?;
    // Told only after the right password, so it says nothing about whose account it is.
    let mut conn = state.db.acquire().await?;
    if let Some(s) = crate::moderation::suspend::live(&mut conn, user.id, now).await? {
        let message = match s.ends_at {
            Some(end) => f.tr.t1("sign-in-suspended", "date", &f.tr.datetime(end)),
            None => f.tr.t("sign-in-suspended-for-good"),
        };
        let mut form = fields(&f, &input.email);
        if let Some(password) = form.field_mut("password") {
            password.error = None;
        }
        let page = SignInPage {
            providers: providers(&state, &f),
            form,
            next: next.clone(),
            problem: Some(message),
            f,
        };
        return Ok((StatusCode::FORBIDDEN, Page(page)).into_response());
    }

    let agent = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    // Knowing the password again, the person needs no reset link: any still out (perhaps
    // asked for by someone else) stop working.
    tokens::revoke_all(&mut conn, RESET_PASSWORD, user.id).await?;
    let token = sessions::create(&mut conn, user.id, agent, now).await?;
    let mut response = Redirect::to(&next).into_response();
    response.headers_mut().insert(
        header::SET_COOKIE,
        sessions::set_cookie(&state.config, &token),
    );
    Ok(response)
}

pub async fn sign_out(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Response, AppError> {
    let mut conn = state.db.acquire().await?;
    // Which provider the session came through, read as it ends: its own sign-out is offered.
    let provider = sqlx::query_scalar!(
        "DELETE FROM sessions WHERE token_hash = $1 RETURNING provider",
        user.session.0
    )
    .fetch_optional(&mut *conn)
    .await?
    .flatten();
    drop(conn);
    let to = crate::oidc::after_sign_out(&state, provider.as_deref()).await;
    let mut response = Redirect::to(&to).into_response();
    response
        .headers_mut()
        .insert(header::SET_COOKIE, sessions::clear_cookie(&state.config));
    Ok(response)
}
