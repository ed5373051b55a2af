//! Accounts: registration with email verification, sign-in and out, password reset, and the
//! person's own page (profile, email, password, sessions, data download, deletion), and which
//! mail they get ([`mail_settings`]).

mod data;
mod email_change;
mod mail_limit;
mod mail_settings;
mod mails;
mod register;
mod reset;
mod settings;
mod sign_in;
pub(crate) mod throttle;
mod verify;

use anyhow::Context;
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use axum::routing::{get, post};
use rand::RngCore;

use crate::auth::{Access, RouteSpec};
use crate::jobs::Worker;
use crate::tokens::Purpose;

pub use data::collect as personal_data;
pub use mail_limit::{MailPurpose, allow as allow_account_mail};
pub use register::{CreatedAccount, NewAccount, create_account};
pub use reset::link_gone;
pub use settings::{delete_account, request_email_change, set_password};
pub use verify::confirm_email;

/// Token purposes of this feature.
pub const VERIFY_EMAIL: Purpose = Purpose("account.verify-email");
pub const RESET_PASSWORD: Purpose = Purpose("account.reset-password");
/// The link in the mail to the old address that stops an email change.
pub const CANCEL_EMAIL_CHANGE: Purpose = Purpose("account.cancel-email-change");

pub fn routes() -> Vec<RouteSpec> {
    use Access::*;
    vec![
        RouteSpec::get("/register", Public, get(register::form)),
        RouteSpec::post("/register", Public, post(register::submit)),
        RouteSpec::get("/register/check-email", Public, get(register::check_email)),
        RouteSpec::get("/sign-in", Public, get(sign_in::form)),
        RouteSpec::post("/sign-in", Public, post(sign_in::submit)),
        RouteSpec::post("/sign-out", SignedIn, post(sign_in::sign_out)),
        RouteSpec::get("/password/forgot", Public, get(reset::forgot_form)),
        RouteSpec::post("/password/forgot", Public, post(reset::forgot_submit)),
        RouteSpec::get("/password/reset/{token}", Public, get(reset::reset_form)),
        RouteSpec::post("/password/reset/{token}", Public, post(reset::reset_submit)),
        RouteSpec::get("/account/verify/{token}", Public, get(verify::confirm_page)),
        RouteSpec::post("/account/verify/{token}", Public, post(verify::confirm)),
        RouteSpec::post("/account/verify-resend", SignedIn, post(verify::resend)),
        RouteSpec::get("/account", SignedIn, get(settings::page)),
        RouteSpec::post("/account/profile", SignedIn, post(settings::profile)),
        RouteSpec::post("/account/email", SignedIn, post(settings::email)),
        RouteSpec::get(
            "/account/email/cancel/{token}",
            Public,
            get(email_change::cancel_page),
        ),
        RouteSpec::post(
            "/account/email/cancel/{token}",
            Public,
            post(email_change::cancel),
        ),
        RouteSpec::post("/account/password", SignedIn, post(settings::password)),
        RouteSpec::post(
            "/account/sessions/end-others",
            SignedIn,
            post(settings::end_other_sessions),
        ),
        RouteSpec::get("/account/data", SignedIn, get(data::page)),
        RouteSpec::get("/account/data.json", SignedIn, get(data::download)),
        RouteSpec::post("/account/delete", SignedIn, post(settings::delete)),
        RouteSpec::get(
            "/notifications/settings",
            SignedIn,
            get(mail_settings::page),
        ),
        RouteSpec::post(
            "/notifications/settings",
            SignedIn,
            post(mail_settings::save),
        ),
        // The token in the path is the credential, as in every mail's one-click link.
        RouteSpec::get(
            "/unsubscribe/{token}",
            Public,
            get(mail_settings::unsubscribe_page),
        ),
        RouteSpec::post(
            "/unsubscribe/{token}",
            Public,
            post(mail_settings::unsubscribe),
        ),
    ]
}

pub fn register_jobs(worker: Worker) -> Worker {
    worker.handle(reset::RESET_KIND, reset::run_reset)
}

/// Closes every way into the account that a mailed link still opens: its reset links, and
/// its pending email changes (confirmation links for an address other than its own). Run when
/// the password is changed or reset, so a link an intruder asked for before dies with the old
/// password.
async fn revoke_links(conn: &mut sqlx::PgConnection, user_id: uuid::Uuid) -> sqlx::Result<()> {
    sqlx::query!(
        r#"DELETE FROM tokens t
           WHERE t.user_id = $1
             AND (t.purpose = $2
                  OR t.purpose = $3 AND lower(t.data->>'email') IS DISTINCT FROM
                                        (SELECT lower(u.email) FROM users u WHERE u.id = $1))"#,
        user_id,
        RESET_PASSWORD.0,
        VERIFY_EMAIL.0,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Hashes a password with Argon2id (the crate's recommended parameters), off the async threads.
pub async fn hash_password(password: String) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || {
        let mut salt = [0u8; 16];
        rand::rng().fill_bytes(&mut salt);
        let salt = SaltString::encode_b64(&salt).map_err(|e| anyhow::anyhow!("salt: {e}"))?;
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| anyhow::anyhow!("hashing a password: {e}"))
    })
    .await
    .context("the hashing task")?
}

/// Checks `password` against a stored hash, off the async threads. With no hash (no such
/// account) it still does the work, so timing does not tell whether an account exists.
pub async fn verify_password(password: String, stored: Option<String>) -> anyhow::Result<bool> {
    tokio::task::spawn_blocking(move || {
        // A hash of a random password, computed once: the stand-in for a missing account.
        static DUMMY: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
            let salt = SaltString::encode_b64(b"medspil-dummy-salt").expect("a valid salt");
            Argon2::default()
                .hash_password(b"no account has this password", &salt)
                .expect("hashing")
                .to_string()
        });
        let exists = stored.is_some();
        let hash = stored.unwrap_or_else(|| DUMMY.clone());
        let parsed = PasswordHash::new(&hash)
            .map_err(|e| anyhow::anyhow!("a stored hash is malformed: {e}"))?;
        // Verified first and unconditionally: `exists && verify(…)` would skip the work for
        // a missing account and tell by its speed that the account is missing.
        let matches = Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok();
        Ok(matches && exists)
    })
    .await
    .context("the verifying task")?
}

/// A live account with a confirmed address, as the operator's commands need it.
pub struct Confirmed {
    pub id: uuid::Uuid,
    pub name: String,
}

/// The account with `email`, for the operator's commands (`medspil admin …`): refused, in a
/// sentence the operator can act on, when there is none or its address is not confirmed.
pub async fn confirmed_for_operator(db: &sqlx::PgPool, email: &str) -> anyhow::Result<Confirmed> {
    let Some(user) = sqlx::query!(
        r#"SELECT id, name, email_verified_at IS NOT NULL AS "verified!" FROM users
           WHERE lower(email) = lower($1) AND deleted_at IS NULL"#,
        email.trim()
    )
    .fetch_optional(db)
    .await?
    else {
        anyhow::bail!(
            "there is no account with the email {email}: the person must register on Medspil first"
        );
    };
    if !user.verified {
        anyhow::bail!(
            "the account with the email {email} has not confirmed its address yet: the person must follow the link in the mail Medspil sent first"
        );
    }
    Ok(Confirmed {
        id: user.id,
        name: user.name,
    })
}
