//! Everything the platform holds about a person: as one JSON download and as a page to read,
//! both drawn from [`collect`] so they cannot disagree, and erased on deletion. The account's
//! own records are read here; each feature that stores personal data adds its part through the
//! lists in `state.personal_data` (assembled in `startup.rs`).

use askama::Template;
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
use crate::web::i18n::Tr;
use crate::web::{Frame, Page};

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

/// One part of the download as the page shows it: a heading, then its records.
pub struct Section {
    pub id: String,
    pub heading: String,
    pub groups: Vec<Group>,
}

/// A list of records (a feature's part may hold several, such as reports made and
/// suspensions), each record its fields as label and value.
pub struct Group {
    pub heading: Option<String>,
    pub records: Vec<Vec<(String, String)>>,
}

#[derive(Template)]
#[template(path = "accounts/data.html")]
pub struct DataPage {
    f: Frame,
    sections: Vec<Section>,
}

/// `GET /account/data`: the download, to read. Drawn from the JSON itself rather than from
/// queries of its own, so every part a feature adds to the download shows here too.
pub async fn page(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
) -> Result<Response, AppError> {
    let mut conn = state.db.acquire().await?;
    let data = collect(&mut conn, user.id, state.personal_data).await?;
    let sections = sections(&f.tr, &data);
    let mut response = Page(DataPage { f, sections }).into_response();
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    Ok(response)
}

/// The download's parts in its order, each under its heading from the locale files.
fn sections(tr: &Tr, data: &Value) -> Vec<Section> {
    let Some(parts) = data.as_object() else {
        return Vec::new();
    };
    parts
        .iter()
        .map(|(key, value)| {
            let id = key.replace('_', "-");
            let groups = match value {
                // A part made of several lists: one group under a subheading for each.
                Value::Object(lists)
                    if !lists.is_empty() && lists.values().all(Value::is_array) =>
                {
                    lists
                        .iter()
                        .map(|(name, list)| Group {
                            heading: Some(label(name)),
                            records: records(list),
                        })
                        .collect()
                }
                other => vec![Group {
                    heading: None,
                    records: records(other),
                }],
            };
            Section {
                heading: tr.t(&format!("account-data-section-{id}")),
                id,
                groups,
            }
        })
        .collect()
}

/// A list's records, or an object as the one record.
fn records(value: &Value) -> Vec<Vec<(String, String)>> {
    match value {
        Value::Array(items) => items
            .iter()
            .map(|item| {
                let mut fields = Vec::new();
                flatten("", item, &mut fields);
                fields
            })
            .collect(),
        Value::Null => Vec::new(),
        other => {
            let mut fields = Vec::new();
            flatten("", other, &mut fields);
            vec![fields]
        }
    }
}

/// `value`'s fields as label and text; nested objects under "outer › inner".
fn flatten(prefix: &str, value: &Value, out: &mut Vec<(String, String)>) {
    let join = |name: &str| match prefix {
        "" => label(name),
        p => format!("{p} › {}", label(name)),
    };
    match value {
        Value::Object(fields) => {
            for (name, v) in fields {
                flatten(&join(name), v, out);
            }
        }
        Value::Array(items) if items.iter().any(|i| i.is_object() || i.is_array()) => {
            for (n, item) in items.iter().enumerate() {
                flatten(&format!("{prefix} {}", n + 1), item, out);
            }
        }
        Value::Array(items) => out.push((
            prefix.to_string(),
            items.iter().map(scalar).collect::<Vec<_>>().join(", "),
        )),
        other => out.push((prefix.to_string(), scalar(other))),
    }
}

/// A field's name as written in the download, made readable: `created_at` → "created at".
fn label(name: &str) -> String {
    name.replace('_', " ")
}

fn scalar(value: &Value) -> String {
    match value {
        Value::Null => "–".to_string(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
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
                  name_verified_by = NULL, deleted_at = $2 WHERE id = $1"#,
        user,
        now
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}
