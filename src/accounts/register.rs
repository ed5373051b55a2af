//! Registration. Whether or not the email already has an account, the person sees the same
//! "check your email" page: a new account gets a verification link, an existing owner gets a
//! note saying someone tried (and how to reset the password). No account enumeration.

use askama::Template;
use axum::Form as PostForm;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use std::net::IpAddr;

use chrono::{DateTime, Duration, Utc};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::mail_limit::{self, MailPurpose};
use super::{VERIFY_EMAIL, hash_password, mails};
use crate::domain::{Email, NewPassword, PersonName};
use crate::error::{AppError, ConstraintExt};
use crate::limits::{self, Limit};
use crate::mail::{self, Recipient};
use crate::state::AppState;
use crate::tokens;
use crate::web::client::ClientIp;
use crate::web::forms::{Field, Form};
use crate::web::i18n::Locale;
use crate::web::{Frame, Page};

#[derive(Template)]
#[template(path = "accounts/register.html")]
pub struct RegisterPage {
    f: Frame,
    form: Form,
    /// Too many sign-ups from this address: when to try again.
    problem: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct RegisterInput {
    name: String,
    email: String,
    password: String,
}

fn fields(f: &Frame, input: &RegisterInput) -> Form {
    let tr = &f.tr;
    Form::new(vec![
        Field::new(tr, "name", "text", "field-name")
            .value(&input.name)
            .autocomplete("name"),
        Field::new(tr, "email", "email", "field-email")
            .value(&input.email)
            .autocomplete("email"),
        Field::new(tr, "password", "password", "field-new-password")
            .autocomplete("new-password")
            .hint(tr, "field-new-password-hint"),
    ])
}

/// `?email=` fills in the address: the link in an invitation by email leads here, so the
/// account is made with exactly the invited address.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Prefill {
    email: String,
}

pub async fn form(f: Frame, Query(q): Query<Prefill>) -> Page<RegisterPage> {
    let input = RegisterInput {
        email: q.email.chars().take(320).collect(),
        ..RegisterInput::default()
    };
    let form = fields(&f, &input);
    Page(RegisterPage {
        f,
        form,
        problem: None,
    })
}

pub async fn submit(
    State(state): State<AppState>,
    f: Frame,
    ClientIp(ip): ClientIp,
    PostForm(input): PostForm<RegisterInput>,
) -> Result<Response, AppError> {
    let mut form = fields(&f, &input);
    let name = form.check("name", &f.tr, PersonName::parse(&input.name));
    let email = form.check("email", &f.tr, Email::parse(&input.email));
    let password = form.check("password", &f.tr, NewPassword::parse(&input.password));
    let (Some(name), Some(email), Some(password)) = (name, email, password) else {
        return Ok(Page::invalid(RegisterPage {
            f,
            form,
            problem: None,
        }));
    };

    let now = state.clock.now();
    // A look before the costly password hash, so a client at the limit costs one query; the
    // count that decides is the one under the lock below.
    let mut conn = state.db.acquire().await?;
    if let Some(reached) = signup_counted(&mut conn, ip, now, false).await? {
        return Ok(too_many(f, form, &reached, now));
    }
    drop(conn);
    let hash = hash_password(password.expose().to_string()).await?;
    let mut tx = state.db.begin().await?;
    // Counted whether or not the address has an account, so the limit tells nothing about it.
    if let Some(reached) = signup_counted(&mut tx, ip, now, true).await? {
        return Ok(too_many(f, form, &reached, now));
    }
    let existing = sqlx::query!(
        "SELECT id, name, locale FROM users WHERE lower(email) = lower($1) AND deleted_at IS NULL",
        email.as_str()
    )
    .fetch_optional(&mut *tx)
    .await?;
    match existing {
        // Within the mail limits only: registering again and again with someone's address
        // must not flood their inbox. Past them nothing is sent, and the page is the same.
        Some(owner) => {
            let purpose = MailPurpose::AlreadyRegistered;
            if mail_limit::allow(&mut tx, purpose, email.as_str(), ClientIp(ip), now).await? {
                let locale = crate::web::i18n::Locale::from_code(&owner.locale).unwrap_or_default();
                let message = mails::already_registered(&state.config, locale, &owner.name);
                mail::notify(&mut tx, now, Recipient::User(owner.id), message).await?;
            }
        }
        None => {
            let new = NewAccount {
                name: &name,
                email: &email,
                password_hash: Some(hash),
                locale: f.tr.locale,
            };
            if create_account(&mut tx, &state, new, now).await?.is_none() {
                // Someone registered the same address a moment ago: they got the mail, and
                // this person sees the same page as in every other case.
                return Ok(Redirect::to("/register/check-email").into_response());
            }
        }
    }
    tx.commit().await?;
    state.job_wake.notify_one();
    Ok(Redirect::to("/register/check-email").into_response())
}

/// An account to create, from a valid sign-up form.
pub struct NewAccount<'a> {
    pub name: &'a PersonName,
    pub email: &'a Email,
    /// `None` for an account made through a provider's sign-in: it has no password.
    pub password_hash: Option<String>,
    pub locale: Locale,
}

/// An account created, not yet verified: its id, and the link token the verification mail
/// carries (for [`super::verify::confirm_email`]).
pub struct CreatedAccount {
    pub id: Uuid,
    pub token: String,
}

/// Creates the account and queues the mail that verifies its address, in the caller's
/// transaction. `None` when the address has an account already (the caller has looked, but
/// someone may have registered it a moment ago).
pub async fn create_account(
    tx: &mut sqlx::PgConnection,
    state: &AppState,
    new: NewAccount<'_>,
    now: DateTime<Utc>,
) -> Result<Option<CreatedAccount>, AppError> {
    let id = Uuid::new_v4();
    let inserted = sqlx::query!(
        r#"INSERT INTO users (id, email, name, locale, password_hash, created_at)
           VALUES ($1, $2, $3, $4, $5, $6)"#,
        id,
        new.email.as_str(),
        new.name.as_str(),
        new.locale.code(),
        new.password_hash,
        now,
    )
    .execute(&mut *tx)
    .await;
    if inserted.on_constraint(&["users_email_unique"])?.is_none() {
        return Ok(None);
    }
    let data = serde_json::json!({ "email": new.email.as_str() });
    let token = tokens::issue(
        tx,
        VERIFY_EMAIL,
        Some(id),
        data,
        now,
        Some(Duration::hours(48)),
    )
    .await?;
    let message = mails::verify(&state.config, new.locale, new.name.as_str(), &token);
    mail::notify(tx, now, Recipient::User(id), message).await?;
    Ok(Some(CreatedAccount { id, token }))
}

/// The form again with "too many sign-ups from here, try again at …" (429).
fn too_many(f: Frame, form: Form, reached: &limits::Reached, now: DateTime<Utc>) -> Response {
    let problem = Some(reached.message(&f.tr, "register-error-limit"));
    let page = RegisterPage { f, form, problem };
    reached.respond(now, page)
}

/// Says whether a sign-up from `ip` is over `signups_per_address_per_hour`, and if not and
/// `record`, counts it. The address is kept only as a hash, and only for the window: each
/// insert deletes the rows that have left it (an index on the time keeps that cheap).
async fn signup_counted(
    conn: &mut sqlx::PgConnection,
    ip: IpAddr,
    now: DateTime<Utc>,
    record: bool,
) -> Result<Option<limits::Reached>, AppError> {
    let per_hour = Limit::SignupsPerAddressPerHour;
    let address = address_hash(ip);
    let limit = limits::guard(conn, per_hour, &hex::encode(&address)).await?;
    let nth = sqlx::query_scalar!(
        r#"SELECT at FROM signup_attempts WHERE address_hash = $1 AND at > $2
           ORDER BY at DESC OFFSET $3::int8 - 1 LIMIT 1"#,
        address,
        per_hour.since(now),
        limit
    )
    .fetch_optional(&mut *conn)
    .await?;
    let reached = limits::reached(per_hour, limit, nth);
    if reached.is_some() || !record {
        return Ok(reached);
    }
    sqlx::query!(
        "DELETE FROM signup_attempts WHERE at <= $1",
        per_hour.since(now)
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "INSERT INTO signup_attempts (address_hash, at) VALUES ($1, $2)",
        address,
        now
    )
    .execute(&mut *conn)
    .await?;
    Ok(None)
}

/// The client address as counted (`ClientIp::counted_as`), hashed: the table keeps no address.
fn address_hash(ip: IpAddr) -> Vec<u8> {
    Sha256::digest(format!("signup:{}", ClientIp(ip).counted_as()).as_bytes()).to_vec()
}

#[derive(Template)]
#[template(path = "accounts/notice.html")]
pub struct NoticePage {
    pub f: Frame,
    pub title: String,
    pub body: String,
}

pub async fn check_email(f: Frame) -> Page<NoticePage> {
    Page(NoticePage {
        title: f.tr.t("check-email-title"),
        body: f.tr.t("check-email-body"),
        f,
    })
}
