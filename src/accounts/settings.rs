//! The person's own page: profile and language, email, password, sessions, data, deletion.

use askama::Template;
use axum::Form as PostForm;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Duration, Utc};
use serde::Deserialize;

use super::mail_limit::{self, MailPurpose};
use super::register::NoticePage;
use super::throttle::{self, Scopes};
use super::{
    CANCEL_EMAIL_CHANGE, VERIFY_EMAIL, hash_password, mails, revoke_links, verify_password,
};
use crate::auth::{CurrentUser, sessions};
use crate::domain::{Email, NewPassword, PersonName};
use crate::error::AppError;
use crate::mail::{self, Recipient};
use crate::state::AppState;
use crate::tokens;
use crate::web::DoneQuery;
use crate::web::client::ClientIp;
use crate::web::forms::{Field, Form};
use crate::web::i18n::{LANG_COOKIE, Locale};
use crate::web::{Frame, Page};

/// One of the person's sessions, as listed.
pub struct SessionRow {
    pub device: String,
    pub last_seen: String,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "accounts/account.html")]
pub struct AccountPage {
    f: Frame,
    user: CurrentUser,
    done: Option<String>,
    profile: Form,
    language: &'static str,
    email_form: Form,
    password_form: Form,
    delete_form: Form,
    sessions: Vec<SessionRow>,
    /// When the person's calendar feed address was made (`calendar/account_section.html`).
    calendar_since: Option<String>,
    /// A platform moderator: the page links to the moderation queue.
    moderator: bool,
    /// The sign-in providers, linked or not (`oidc/account_section.html`).
    logins: Vec<crate::oidc::LoginLine>,
    /// Without a password, changing the email and deleting the account ask for a fresh
    /// sign-in through one of `confirm_with` (linked providers: id, name) instead.
    has_password: bool,
    confirm_with: Vec<(String, String)>,
}

/// The form sent back with what was typed and its errors, if any; the others start empty.
enum Sent {
    None,
    Profile(Form),
    Email(Form),
    Password(Form),
    Delete(Form),
}

fn profile_form(f: &Frame, name: &str) -> Form {
    Form::new(vec![
        Field::new(&f.tr, "name", "text", "field-name")
            .value(name)
            .autocomplete("name"),
    ])
    .prefixed("profile")
}

fn email_form(f: &Frame, email: &str) -> Form {
    let tr = &f.tr;
    Form::new(vec![
        Field::new(tr, "email", "email", "field-new-email")
            .value(email)
            .autocomplete("email"),
        Field::new(tr, "current_password", "password", "field-current-password")
            .autocomplete("current-password"),
    ])
    .prefixed("email")
}

fn password_form(f: &Frame) -> Form {
    let tr = &f.tr;
    Form::new(vec![
        Field::new(tr, "current_password", "password", "field-current-password")
            .autocomplete("current-password"),
        Field::new(tr, "password", "password", "field-new-password")
            .autocomplete("new-password")
            .hint(tr, "field-new-password-hint"),
    ])
    .prefixed("password")
}

fn delete_form(f: &Frame) -> Form {
    Form::new(vec![
        Field::new(
            &f.tr,
            "current_password",
            "password",
            "field-current-password",
        )
        .autocomplete("current-password")
        .hint(&f.tr, "account-delete-hint"),
    ])
    .prefixed("delete")
}

async fn render(
    state: &AppState,
    f: Frame,
    user: CurrentUser,
    done: Option<String>,
    sent: Sent,
) -> Result<AccountPage, AppError> {
    let rows = sqlx::query!(
        r#"SELECT token_hash, user_agent, last_seen_at AS "last_seen_at: DateTime<Utc>"
           FROM sessions WHERE user_id = $1 AND last_seen_at > $2 ORDER BY last_seen_at DESC"#,
        user.id,
        state.clock.now() - sessions::IDLE,
    )
    .fetch_all(&state.db)
    .await?;
    let sessions = rows
        .into_iter()
        .map(|r| {
            let (browser, system) = sessions::describe_agent(&r.user_agent);
            let unknown = f.tr.t("session-unknown-device");
            let device = match (browser, system) {
                (Some(b), Some(s)) => f.tr.t_args(
                    "session-device",
                    &[("browser", b.into()), ("system", s.into())],
                ),
                (Some(one), None) | (None, Some(one)) => one.to_string(),
                (None, None) => unknown,
            };
            SessionRow {
                device,
                last_seen: f.tr.datetime(r.last_seen_at),
                current: r.token_hash == user.session.0,
            }
        })
        .collect();
    let done = crate::web::done_notice(
        &f.tr,
        "account",
        done.as_deref(),
        &[
            "password",
            "verified",
            "verify-sent",
            "profile",
            "email-sent",
            "sessions-ended",
            "calendar-stopped",
        ],
    );
    let calendar_since = crate::calendar::address_created_at(&state.db, user.id)
        .await?
        .map(|at| f.tr.date(at));
    let moderator = crate::moderation::is_moderator(&state.db, user.id).await?;
    let (mut profile, mut email, mut password, mut delete) = (None, None, None, None);
    match sent {
        Sent::None => {}
        Sent::Profile(form) => profile = Some(form),
        Sent::Email(form) => email = Some(form),
        Sent::Password(form) => password = Some(form),
        Sent::Delete(form) => delete = Some(form),
    }
    let logins = crate::oidc::logins_for_account(state, &f, user.id).await?;
    let confirm_with = logins
        .iter()
        .filter(|l| l.linked_since.is_some())
        .map(|l| (l.provider.clone(), l.name.clone()))
        .collect();
    let has_password = password_of(state, &user).await?.is_some();
    Ok(AccountPage {
        logins,
        has_password,
        confirm_with,
        calendar_since,
        moderator,
        profile: profile.unwrap_or_else(|| profile_form(&f, &user.name)),
        email_form: email.unwrap_or_else(|| email_form(&f, "")),
        password_form: password.unwrap_or_else(|| password_form(&f)),
        delete_form: delete.unwrap_or_else(|| delete_form(&f)),
        language: user.locale.code(),
        done,
        sessions,
        user,
        f,
    })
}

async fn invalid(
    state: &AppState,
    f: Frame,
    user: CurrentUser,
    sent: Sent,
) -> Result<Response, AppError> {
    let page = render(state, f, user, None, sent).await?;
    Ok(Page::invalid(page))
}

/// The page again with "too many wrong passwords, wait" by the field: 429 with `Retry-After`.
async fn must_wait(
    state: &AppState,
    f: Frame,
    user: CurrentUser,
    sent: Sent,
    wait: Duration,
) -> Result<Response, AppError> {
    let page = render(state, f, user, None, sent).await?;
    let mut response = (StatusCode::TOO_MANY_REQUESTS, Page(page)).into_response();
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, throttle::retry_after(wait));
    Ok(response)
}

/// What the current-password field of one of the account's forms turned out to hold.
enum Current {
    Right,
    Wrong,
    /// Too many wrong ones: nothing was checked, the person must wait this long.
    Wait(Duration),
}

/// Checks the current password typed into a form of the account page, throttled as sign-in
/// is (growing waits past an allowance): a stolen session must not be a way to guess the
/// password at full speed. While a wait runs even the right password is not looked at.
async fn check_current(
    state: &AppState,
    f: &Frame,
    user: &CurrentUser,
    client: ClientIp,
    typed: &str,
    form: &mut Form,
) -> Result<Current, AppError> {
    let now = state.clock.now();
    let scopes = Scopes::current_password(user.id, client.0);
    let wait = throttle::wait(&state.db, &state.config.limits, &scopes, now).await?;
    if wait > Duration::zero() {
        form.fail("current_password", &f.tr, "error-password-wait");
        return Ok(Current::Wait(wait));
    }
    let stored = password_of(state, user).await?;
    if verify_password(typed.to_string(), stored).await? {
        throttle::succeeded(&state.db, &scopes).await?;
        Ok(Current::Right)
    } else {
        throttle::failed(&state.db, &scopes, now).await?;
        form.fail("current_password", &f.tr, "error-password-wrong");
        Ok(Current::Wrong)
    }
}

pub async fn page(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    Query(q): Query<DoneQuery>,
) -> Result<Page<AccountPage>, AppError> {
    Ok(Page(render(&state, f, user, q.done, Sent::None).await?))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ProfileInput {
    name: String,
    language: String,
}

pub async fn profile(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    PostForm(input): PostForm<ProfileInput>,
) -> Result<Response, AppError> {
    let mut form = profile_form(&f, &input.name);
    let name = form.check("name", &f.tr, PersonName::parse(&input.name));
    let locale = Locale::from_code(&input.language).ok_or(AppError::BadRequest)?;
    let Some(name) = name else {
        return invalid(&state, f, user, Sent::Profile(form)).await;
    };
    // A name MitID verified stays verified only while it is the very same name: an edit
    // drops the mark in the same statement, so no page can show a typed name as verified.
    sqlx::query!(
        r#"UPDATE users SET name = $2, locale = $3,
                  name_verified_by = CASE WHEN name = $2 THEN name_verified_by END
           WHERE id = $1"#,
        user.id,
        name.as_str(),
        locale.code()
    )
    .execute(&state.db)
    .await?;
    let mut response = Redirect::to("/account?done=profile").into_response();
    // The site follows the chosen language from now on, in this browser too.
    let secure = if state.config.https() { "; Secure" } else { "" };
    let cookie = format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly{secure}",
        locale.code()
    );
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    Ok(response)
}

async fn password_of(state: &AppState, user: &CurrentUser) -> Result<Option<String>, AppError> {
    Ok(
        sqlx::query_scalar!("SELECT password_hash FROM users WHERE id = $1", user.id)
            .fetch_one(&state.db)
            .await?,
    )
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct EmailInput {
    email: String,
    current_password: String,
    /// For an account without a password: the linked provider to confirm with.
    provider: String,
}

pub async fn email(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    client: ClientIp,
    PostForm(input): PostForm<EmailInput>,
) -> Result<Response, AppError> {
    let mut form = email_form(&f, &input.email);
    let email = form.check("email", &f.tr, Email::parse(&input.email));
    if password_of(&state, &user).await?.is_none() {
        // No password to ask for: the new address is checked now, the change is asked of a
        // fresh sign-in and happens on its confirm page.
        let email = email.filter(|e| !e.as_str().eq_ignore_ascii_case(&user.email));
        let Some(email) = email else {
            if !form.has_errors() {
                form.fail("email", &f.tr, "error-email-same");
            }
            return invalid(&state, f, user, Sent::Email(form)).await;
        };
        let action = crate::oidc::FreshAction::Email {
            email: email.as_str().to_string(),
        };
        return crate::oidc::confirm_with_provider(&state, f, &user, &input.provider, action).await;
    }
    let current = check_current(
        &state,
        &f,
        &user,
        client,
        &input.current_password,
        &mut form,
    );
    if let Current::Wait(wait) = current.await? {
        return must_wait(&state, f, user, Sent::Email(form), wait).await;
    }
    if let Some(e) = &email {
        if e.as_str().eq_ignore_ascii_case(&user.email) {
            form.fail("email", &f.tr, "error-email-same");
        }
    }
    let (Some(email), false) = (email, form.has_errors()) else {
        return invalid(&state, f, user, Sent::Email(form)).await;
    };
    request_email_change(&state, &user, client, &email).await
}

/// Asks for the change of `user`'s address to `email`, once the person has proved it is them.
pub async fn request_email_change(
    state: &AppState,
    user: &CurrentUser,
    client: ClientIp,
    email: &Email,
) -> Result<Response, AppError> {
    // The new address takes effect only when its link is used; a taken address gets no mail,
    // and the person is told the same either way. The old address hears of it at once, with a
    // link that stops it. Past the mail limits nothing is sent, and the page is the same.
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let taken = sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM users WHERE lower(email) = lower($1)) AS "taken!""#,
        email.as_str()
    )
    .fetch_one(&mut *tx)
    .await?;
    let purpose = MailPurpose::EmailChange;
    if !taken && mail_limit::allow(&mut tx, purpose, email.as_str(), client, now).await? {
        let data = serde_json::json!({ "email": email.as_str() });
        let ttl = Some(Duration::hours(48));
        let token = tokens::issue(&mut tx, VERIFY_EMAIL, Some(user.id), data.clone(), now, ttl);
        let token = token.await?;
        let to = Recipient::Address {
            email: email.as_str().to_string(),
            locale: user.locale,
        };
        let message = mails::verify(&state.config, user.locale, &user.name, &token);
        mail::notify(&mut tx, now, to, message).await?;
        let stop = tokens::issue(&mut tx, CANCEL_EMAIL_CHANGE, Some(user.id), data, now, ttl);
        let stop = stop.await?;
        let message = mails::email_change_requested(
            &state.config,
            user.locale,
            &user.name,
            email.as_str(),
            &stop,
        );
        // To the account's address as it still is: the old one.
        mail::notify(&mut tx, now, Recipient::User(user.id), message).await?;
    }
    tx.commit().await?;
    state.job_wake.notify_one();
    Ok(Redirect::to("/account?done=email-sent").into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PasswordInput {
    current_password: String,
    password: String,
}

pub async fn password(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    client: ClientIp,
    PostForm(input): PostForm<PasswordInput>,
) -> Result<Response, AppError> {
    let mut form = password_form(&f);
    let new = form.check("password", &f.tr, NewPassword::parse(&input.password));
    let current = check_current(
        &state,
        &f,
        &user,
        client,
        &input.current_password,
        &mut form,
    );
    if let Current::Wait(wait) = current.await? {
        return must_wait(&state, f, user, Sent::Password(form), wait).await;
    }
    let (Some(new), false) = (new, form.has_errors()) else {
        return invalid(&state, f, user, Sent::Password(form)).await;
    };
    let hash = hash_password(new.expose().to_string()).await?;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    set_password(&mut tx, user.id, &hash).await?;
    sessions::end_all(&mut tx, user.id, Some(&user.session)).await?;
    // A reset link or an email change asked for before, perhaps by whoever made the owner
    // change the password, dies with the old password.
    revoke_links(&mut tx, user.id).await?;
    mail::notify(
        &mut tx,
        now,
        Recipient::User(user.id),
        mails::password_changed(&state.config, user.locale, &user.name),
    )
    .await?;
    tx.commit().await?;
    state.job_wake.notify_one();
    Ok(Redirect::to("/account?done=password").into_response())
}

/// Stores `hash` as the account's password. What else a change of password does (ending
/// the other sessions, revoking links, telling the owner) is the caller's to decide.
pub async fn set_password(
    conn: &mut sqlx::PgConnection,
    user: uuid::Uuid,
    hash: &str,
) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE users SET password_hash = $2 WHERE id = $1",
        user,
        hash
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn end_other_sessions(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Response, AppError> {
    let mut conn = state.db.acquire().await?;
    sessions::end_all(&mut conn, user.id, Some(&user.session)).await?;
    Ok(Redirect::to("/account?done=sessions-ended").into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DeleteInput {
    current_password: String,
    /// For an account without a password: the linked provider to confirm with.
    provider: String,
}

/// Deletes the account: personal data goes; the row stays as "slettet bruger" for history that
/// others rely on.
pub async fn delete(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    client: ClientIp,
    PostForm(input): PostForm<DeleteInput>,
) -> Result<Response, AppError> {
    if password_of(&state, &user).await?.is_none() {
        let action = crate::oidc::FreshAction::Delete;
        return crate::oidc::confirm_with_provider(&state, f, &user, &input.provider, action).await;
    }
    let mut form = delete_form(&f);
    let current = check_current(
        &state,
        &f,
        &user,
        client,
        &input.current_password,
        &mut form,
    );
    match current.await? {
        Current::Right => {}
        Current::Wrong => return invalid(&state, f, user, Sent::Delete(form)).await,
        Current::Wait(wait) => return must_wait(&state, f, user, Sent::Delete(form), wait).await,
    }
    delete_account(&state, f, user).await
}

/// Deletes `user`'s account, once the person has proved it is them, and signs this browser out.
pub async fn delete_account(
    state: &AppState,
    f: Frame,
    user: CurrentUser,
) -> Result<Response, AppError> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    super::data::erase(&mut tx, user.id, now, state.personal_data).await?;
    tx.commit().await?;
    let page = NoticePage {
        title: f.tr.t("account-deleted-title"),
        body: f.tr.t("account-deleted-body"),
        f,
    };
    let mut response = Page(page).into_response();
    response
        .headers_mut()
        .insert(header::SET_COOKIE, sessions::clear_cookie(&state.config));
    Ok(response)
}
