//! Which kinds of email a person gets: every non-security mail belongs to a category that the
//! person can turn off at `/notifications/settings`, or with the one-click link every such mail
//! carries (`List-Unsubscribe` and `List-Unsubscribe-Post`, RFC 8058), without signing in.
//! A turned-off kind still shows in the notification centre. Security mail (verification,
//! password reset, email change) and decisions about a person's own role have no category and
//! always arrive.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Duration, Utc};
use serde_json::json;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::startup::AppState;
use crate::tokens::{self, Purpose};
use crate::web::i18n::Tr;
use crate::web::{DoneQuery, Frame, Page};

/// The one-click link's purpose.
pub const UNSUBSCRIBE: Purpose = Purpose("unsubscribe");

/// The categories, in the order the settings page lists them.
pub const CATEGORIES: [&str; 5] = [
    "invitations",
    "registrations",
    "changes",
    "reminders",
    "followup",
];

/// The category of a mail kind; `None` for mail that cannot be turned off.
pub fn category(kind: &str) -> Option<&'static str> {
    if kind.starts_with("account.") || kind.starts_with("role.") {
        return None;
    }
    Some(match kind {
        k if k.starts_with("invitation.") => "invitations",
        k if k.starts_with("agreement.") => "followup",
        "salon.summary" => "followup",
        "salon.reminder" | "salon.summary-reminder" => "reminders",
        k if k.starts_with("registration.") => "registrations",
        "salon.message" => "registrations",
        _ => "changes",
    })
}

/// Whether `user` turned `category` off.
pub async fn opted_out(conn: &mut PgConnection, user: Uuid, category: &str) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM mail_opt_outs WHERE user_id = $1 AND category = $2) AS "x!""#,
        user,
        category
    )
    .fetch_one(conn)
    .await
}

/// A one-click link that turns `category` off for `user` (good for a year).
pub async fn unsubscribe_link(
    conn: &mut PgConnection,
    state_base: &str,
    user: Uuid,
    category: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<String> {
    let token = tokens::issue(
        conn,
        UNSUBSCRIBE,
        Some(user),
        json!({ "category": category }),
        now,
        Some(Duration::days(365)),
    )
    .await?;
    Ok(format!(
        "{}/unsubscribe/{token}",
        state_base.trim_end_matches('/')
    ))
}

/// One category with its state, for the settings page.
pub struct Setting {
    pub category: &'static str,
    pub label: String,
    pub hint: String,
    pub on: bool,
}

#[derive(Template)]
#[template(path = "notifications/settings.html")]
pub struct SettingsPage {
    f: Frame,
    settings: Vec<Setting>,
    notice: Option<String>,
}

/// `GET /notifications/settings`.
pub async fn page(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    Query(q): Query<DoneQuery>,
) -> Result<Response, AppError> {
    let off = sqlx::query_scalar!(
        "SELECT category FROM mail_opt_outs WHERE user_id = $1",
        user.id
    )
    .fetch_all(&state.db)
    .await?;
    let tr: &Tr = &f.tr;
    let settings = CATEGORIES
        .iter()
        .map(|c| Setting {
            category: c,
            label: tr.t(&format!("mail-settings-{c}")),
            hint: tr.t(&format!("mail-settings-{c}-hint")),
            on: !off.iter().any(|o| o == c),
        })
        .collect();
    let notice = q
        .done
        .filter(|d| d == "saved")
        .map(|_| f.tr.t("mail-settings-saved"));
    Ok(Page(SettingsPage {
        f,
        settings,
        notice,
    })
    .into_response())
}

/// `POST /notifications/settings`: the ticked categories stay on, the others go off.
pub async fn save(
    State(state): State<AppState>,
    user: CurrentUser,
    body: Bytes,
) -> Result<Response, AppError> {
    let on: Vec<String> = url::form_urlencoded::parse(&body)
        .filter(|(k, _)| k == "on")
        .map(|(_, v)| v.into_owned())
        .collect();
    let off: Vec<String> = CATEGORIES
        .iter()
        .filter(|c| !on.iter().any(|o| o == *c))
        .map(|c| c.to_string())
        .collect();
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    sqlx::query!("DELETE FROM mail_opt_outs WHERE user_id = $1", user.id)
        .execute(&mut *tx)
        .await?;
    sqlx::query!(
        "INSERT INTO mail_opt_outs (user_id, category, created_at) SELECT $1, unnest($2::text[]), $3",
        user.id,
        &off,
        now
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Redirect::to("/notifications/settings?done=saved").into_response())
}

#[derive(Template)]
#[template(path = "notifications/unsubscribe.html")]
pub struct UnsubscribePage {
    f: Frame,
    token: String,
    label: String,
    done: bool,
}

async fn peek(state: &AppState, token: &str) -> Result<Option<(Uuid, &'static str)>, AppError> {
    let mut conn = state.db.acquire().await?;
    let Some(t) = tokens::peek(&mut conn, UNSUBSCRIBE, token, state.clock.now()).await? else {
        return Ok(None);
    };
    let category = t.data["category"]
        .as_str()
        .and_then(|c| CATEGORIES.iter().find(|x| **x == c).copied());
    Ok(t.user_id.zip(category))
}

/// `GET /unsubscribe/{token}`: a button (mail scanners opening the link change nothing).
pub async fn unsubscribe_page(
    State(state): State<AppState>,
    f: Frame,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let Some((_, category)) = peek(&state, &token).await? else {
        return Ok(crate::accounts::link_gone(f));
    };
    let label = f.tr.t(&format!("mail-settings-{category}"));
    Ok(Page(UnsubscribePage {
        f,
        token,
        label,
        done: false,
    })
    .into_response())
}

/// `POST /unsubscribe/{token}`: also the one-click POST of `List-Unsubscribe-Post`.
pub async fn unsubscribe(
    State(state): State<AppState>,
    f: Frame,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let Some((user, category)) = peek(&state, &token).await? else {
        return Ok(crate::accounts::link_gone(f));
    };
    sqlx::query!(
        "INSERT INTO mail_opt_outs (user_id, category, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        user,
        category,
        state.clock.now()
    )
    .execute(&state.db)
    .await?;
    let label = f.tr.t(&format!("mail-settings-{category}"));
    Ok(Page(UnsubscribePage {
        f,
        token,
        label,
        done: true,
    })
    .into_response())
}

#[cfg(test)]
mod tests {
    use super::category;

    #[test]
    fn security_mail_has_no_category_and_everything_else_has_one() {
        assert_eq!(category("account.verify"), None);
        assert_eq!(category("account.reset"), None);
        assert_eq!(category("role.approved"), None);
        assert_eq!(category("invitation.update"), Some("invitations"));
        assert_eq!(category("registration.registered"), Some("registrations"));
        assert_eq!(category("salon.reminder"), Some("reminders"));
        assert_eq!(category("salon.cancelled"), Some("changes"));
        assert_eq!(category("agreement.update"), Some("followup"));
    }
}
