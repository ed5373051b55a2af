//! Everything the platform holds about a person: as one JSON download, and erased on deletion.
//! The account's own records are read here; each feature that stores personal data adds its
//! part through the lists in `state.personal_data` (assembled in `startup.rs`).

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use sqlx::PgConnection;
use uuid::Uuid;

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::personal_data::PersonalData;
use crate::state::AppState;

/// The person's records, each feature under its own key.
pub async fn collect(
    conn: &mut PgConnection,
    user: Uuid,
    personal_data: &PersonalData,
) -> Result<Value, AppError> {
    let account = sqlx::query!(
        r#"SELECT id, name, email, locale, created_at AS "created_at: DateTime<Utc>",
                  email_verified_at AS "email_verified_at: DateTime<Utc>"
           FROM users WHERE id = $1"#,
        user
    )
    .fetch_one(&mut *conn)
    .await?;
    let sessions = sqlx::query!(
        r#"SELECT user_agent, created_at AS "created_at: DateTime<Utc>", last_seen_at AS "last_seen_at: DateTime<Utc>"
           FROM sessions WHERE user_id = $1 ORDER BY created_at"#,
        user
    )
    .fetch_all(&mut *conn)
    .await?;
    let mails = sqlx::query!(
        r#"SELECT kind, to_address, subject, body_text, created_at AS "created_at: DateTime<Utc>",
                  sent_at AS "sent_at: DateTime<Utc>"
           FROM outbox WHERE to_user = $1 ORDER BY created_at"#,
        user
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut data = json!({
        "account": {
            "id": account.id,
            "name": account.name,
            "email": account.email,
            "language": account.locale,
            "created_at": account.created_at,
            "email_verified_at": account.email_verified_at,
        },
        "sessions": sessions.iter().map(|s| json!({
            "browser": s.user_agent, "started_at": s.created_at, "last_seen_at": s.last_seen_at,
        })).collect::<Vec<_>>(),
        "emails": mails.iter().map(|m| json!({
            "kind": m.kind, "to": m.to_address, "subject": m.subject, "text": m.body_text,
            "created_at": m.created_at, "sent_at": m.sent_at,
        })).collect::<Vec<_>>(),
    });
    for part in personal_data.parts {
        data[part.key] = (part.collect)(conn, user).await?;
    }
    Ok(data)
}

/// `GET /account/data.json`: the download.
pub async fn download(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Response, AppError> {
    let mut conn = state.db.acquire().await?;
    let data = collect(&mut conn, user.id, state.personal_data).await?;
    let body = serde_json::to_vec_pretty(&data).map_err(anyhow::Error::from)?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/json; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"medspil-mine-data.json\"",
            ),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response())
}

/// Removes the person's personal data. The row stays (without name, email or password) so that
/// what others rely on — an official's answer to an invitation — shows "slettet bruger".
pub async fn erase(
    conn: &mut PgConnection,
    user: Uuid,
    now: DateTime<Utc>,
    personal_data: &PersonalData,
) -> Result<(), AppError> {
    for erase in personal_data.erasures {
        erase(conn, user, now).await?;
    }
    sqlx::query!("DELETE FROM mail_preferences WHERE user_id = $1", user)
        .execute(&mut *conn)
        .await?;
    sqlx::query!("DELETE FROM sessions WHERE user_id = $1", user)
        .execute(&mut *conn)
        .await?;
    sqlx::query!("DELETE FROM tokens WHERE user_id = $1", user)
        .execute(&mut *conn)
        .await?;
    sqlx::query!("DELETE FROM outbox WHERE to_user = $1", user)
        .execute(&mut *conn)
        .await?;
    sqlx::query!(
        r#"UPDATE users SET name = '', email = NULL, password_hash = NULL, email_verified_at = NULL,
                  deleted_at = $2 WHERE id = $1"#,
        user,
        now
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}
