//! The person's linked logins: listed on the account page, unlinked there (never the last way
//! into an account), in the data download, and gone with the account.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use sqlx::PgConnection;
use uuid::Uuid;

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::{Frame, Page};

/// One configured provider as the account page shows it.
pub struct LoginLine {
    pub provider: String,
    pub name: String,
    /// When it was linked, if it is.
    pub linked_since: Option<String>,
}

/// The account page's section: every configured provider, linked or not.
pub async fn for_account(
    state: &AppState,
    f: &Frame,
    user: uuid::Uuid,
) -> Result<Vec<LoginLine>, AppError> {
    if state.providers.list.is_empty() {
        return Ok(Vec::new());
    }
    let rows = sqlx::query!(
        r#"SELECT provider, min(created_at) AS "since!: DateTime<Utc>"
           FROM account_logins WHERE user_id = $1 GROUP BY provider"#,
        user
    )
    .fetch_all(&state.db)
    .await?;
    Ok(state
        .providers
        .list
        .iter()
        .map(|p| LoginLine {
            provider: p.id.clone(),
            name: p.name.clone(),
            linked_since: rows
                .iter()
                .find(|r| r.provider == p.id)
                .map(|r| f.tr.datetime(r.since)),
        })
        .collect())
}

#[derive(Template)]
#[template(path = "oidc/last_login.html")]
pub struct LastLoginPage {
    f: Frame,
}

/// Removes the account's links to `provider`, unless that would leave no way in.
pub async fn unlink(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    Path(provider): Path<String>,
) -> Result<Response, AppError> {
    let mut tx = state.db.begin().await?;
    // Locked, so two unlinks at once cannot both pass the check below.
    let account = sqlx::query!(
        r#"SELECT password_hash IS NOT NULL AS "has_password!" FROM users WHERE id = $1 FOR UPDATE"#,
        user.id
    )
    .fetch_one(&mut *tx)
    .await?;
    let others = sqlx::query_scalar!(
        r#"SELECT count(*) AS "n!" FROM account_logins WHERE user_id = $1 AND provider <> $2"#,
        user.id,
        provider
    )
    .fetch_one(&mut *tx)
    .await?;
    if !account.has_password && others == 0 {
        return Ok((StatusCode::CONFLICT, Page(LastLoginPage { f })).into_response());
    }
    sqlx::query!(
        "DELETE FROM account_logins WHERE user_id = $1 AND provider = $2",
        user.id,
        provider
    )
    .execute(&mut *tx)
    .await?;
    // A name is verified only while the login that verified it is linked.
    sqlx::query!(
        "UPDATE users SET name_verified_by = NULL WHERE id = $1 AND name_verified_by = $2",
        user.id,
        provider
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Redirect::to("/account#logins").into_response())
}

/// The download's part: which providers, since when (the subject is the provider's id of the
/// person, theirs to see).
pub async fn personal_data(conn: &mut PgConnection, user: Uuid) -> Result<Value, AppError> {
    let rows = sqlx::query!(
        r#"SELECT provider, subject, created_at AS "created_at: DateTime<Utc>",
                  last_used_at AS "last_used_at: DateTime<Utc>"
           FROM account_logins WHERE user_id = $1 ORDER BY created_at"#,
        user
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(Value::Array(
        rows.iter()
            .map(|r| {
                json!({"provider": r.provider, "subject": r.subject,
                       "created_at": r.created_at, "last_used_at": r.last_used_at})
            })
            .collect(),
    ))
}

/// A deleted account keeps no way to sign in to it.
pub async fn erase(conn: &mut PgConnection, user: Uuid) -> Result<(), AppError> {
    sqlx::query!("DELETE FROM account_logins WHERE user_id = $1", user)
        .execute(conn)
        .await?;
    Ok(())
}
