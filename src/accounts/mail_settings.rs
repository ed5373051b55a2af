//! The person's choice of which mail they get (`/notifications/settings`), and the one-click
//! unsubscribe every such mail carries (`/unsubscribe/{token}`, no sign-in needed). The
//! categories and how mail honours them are the mail layer's (`mail::settings`); these are the
//! pages where a person chooses.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::{Deserialize, Deserializer};
use uuid::Uuid;

use crate::auth::CurrentUser;
use crate::domain::Invalid;
use crate::error::AppError;
use crate::mail::settings::{CATEGORIES, DIGESTIBLE, UNSUBSCRIBE};
use crate::state::AppState;
use crate::tokens;
use crate::web::forms::{self, ListForm};
use crate::web::i18n::Tr;
use crate::web::{DoneQuery, Frame, Page};

/// How a person gets one category of mail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Now,
    Digest,
    Off,
}

impl Mode {
    fn as_str(self) -> &'static str {
        match self {
            Mode::Now => "now",
            Mode::Digest => "digest",
            Mode::Off => "off",
        }
    }

    /// The choice sent for `category`: nothing is "at once"; a value the page does not offer
    /// for it (a digest of a kind that has none, two answers) is refused.
    fn parse(category: &str, sent: &[String]) -> Result<Mode, Invalid> {
        match sent {
            [] => Ok(Mode::Now),
            [one] => match one.as_str() {
                "now" => Ok(Mode::Now),
                "off" => Ok(Mode::Off),
                "digest" if DIGESTIBLE.contains(&category) => Ok(Mode::Digest),
                "digest" => Err(Invalid("mail-settings-error-no-digest")),
                _ => Err(Invalid("mail-settings-error-choice")),
            },
            _ => Err(Invalid("mail-settings-error-choice")),
        }
    }
}

/// The posted form: for each category's name, the value(s) sent. Names that are no category
/// are ignored.
#[derive(Deserialize)]
#[serde(transparent)]
pub struct SettingsForm(HashMap<String, Sent>);

/// One name's values: once for a radio group, more often only from a hand-made request.
pub struct Sent(Vec<String>);

impl<'de> Deserialize<'de> for Sent {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Sent, D::Error> {
        forms::many(d).map(Sent)
    }
}

impl SettingsForm {
    fn sent(&self, category: &str) -> &[String] {
        self.0.get(category).map(|s| s.0.as_slice()).unwrap_or(&[])
    }
}

/// One category with its state, for the settings page.
pub struct Setting {
    pub category: &'static str,
    pub label: String,
    pub hint: String,
    /// "now", "digest" or "off" (or what was sent, when it was refused).
    pub mode: String,
    pub digestible: bool,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "accounts/mail_settings.html")]
pub struct SettingsPage {
    f: Frame,
    settings: Vec<Setting>,
    notice: Option<String>,
}

impl SettingsPage {
    fn has_errors(&self) -> bool {
        self.settings.iter().any(|s| s.error.is_some())
    }
}

/// The categories `user` may choose for (the moderators' queue only for moderators, the
/// unit's weekly mail only for those who answer for a unit), each
/// with its mode as `mode_of` says and the error `error_of` gives.
async fn settings(
    state: &AppState,
    tr: &Tr,
    user: &CurrentUser,
    mode_of: impl Fn(&str) -> String,
    error_of: impl Fn(&str) -> Option<String>,
) -> Result<Vec<Setting>, AppError> {
    let moderator = crate::moderation::is_moderator(&state.db, user.id).await?;
    let answerer = sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM roles r JOIN role_units ru ON ru.role_id = r.id
                          WHERE r.user_id = $1 AND r.status = 'approved' AND ru.answers_for)
             AS "x!""#,
        user.id
    )
    .fetch_one(&state.db)
    .await?;
    Ok(CATEGORIES
        .iter()
        .filter(|c| **c != "moderation" || moderator)
        .filter(|c| **c != "unit-weekly" || answerer)
        .map(|c| Setting {
            category: c,
            label: tr.t(&format!("mail-settings-{c}")),
            hint: tr.t(&format!("mail-settings-{c}-hint")),
            mode: mode_of(c),
            digestible: DIGESTIBLE.contains(c),
            error: error_of(c),
        })
        .collect())
}

/// `GET /notifications/settings`.
pub async fn page(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    Query(q): Query<DoneQuery>,
) -> Result<Response, AppError> {
    let chosen = sqlx::query!(
        "SELECT category, mode FROM mail_preferences WHERE user_id = $1",
        user.id
    )
    .fetch_all(&state.db)
    .await?;
    let mode_of = |c: &str| {
        chosen
            .iter()
            .find(|p| p.category == c)
            .map(|p| p.mode.clone())
            .unwrap_or_else(|| Mode::Now.as_str().to_string())
    };
    let settings = settings(&state, &f.tr, &user, mode_of, |_| None).await?;
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

/// `POST /notifications/settings`: one choice per category (`now`, `digest`, `off`); a
/// category left out means at once. A choice the page does not offer gets the page again
/// (422) with a message by the category.
pub async fn save(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    ListForm(form): ListForm<SettingsForm>,
) -> Result<Response, AppError> {
    let parsed: Vec<(&str, Result<Mode, Invalid>)> = CATEGORIES
        .iter()
        .map(|c| (*c, Mode::parse(c, form.sent(c))))
        .collect();
    if parsed.iter().any(|(_, m)| m.is_err()) {
        let mode_of = |c: &str| form.sent(c).first().cloned().unwrap_or_default();
        let error_of = |c: &str| {
            parsed
                .iter()
                .find(|(k, _)| *k == c)
                .and_then(|(_, m)| m.as_ref().err())
                .map(|Invalid(key)| f.tr.t(key))
        };
        let settings = settings(&state, &f.tr, &user, mode_of, error_of).await?;
        let page = SettingsPage {
            f,
            settings,
            notice: None,
        };
        return Ok(Page::invalid(page));
    }
    // Only what differs from "at once" is stored.
    let (categories, modes): (Vec<String>, Vec<String>) = parsed
        .into_iter()
        .filter_map(|(c, m)| match m {
            Ok(Mode::Now) | Err(_) => None,
            Ok(m) => Some((c.to_string(), m.as_str().to_string())),
        })
        .unzip();
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    sqlx::query!("DELETE FROM mail_preferences WHERE user_id = $1", user.id)
        .execute(&mut *tx)
        .await?;
    sqlx::query!(
        r#"INSERT INTO mail_preferences (user_id, category, mode, created_at)
           SELECT $1, c, m, $4 FROM unnest($2::text[], $3::text[]) AS x(c, m)"#,
        user.id,
        &categories,
        &modes,
        now
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Redirect::to("/notifications/settings?done=saved").into_response())
}

#[derive(Template)]
#[template(path = "accounts/unsubscribe.html")]
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
        return Ok(super::link_gone(f));
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
        return Ok(super::link_gone(f));
    };
    sqlx::query!(
        r#"INSERT INTO mail_preferences (user_id, category, mode, created_at) VALUES ($1, $2, 'off', $3)
           ON CONFLICT (user_id, category) DO UPDATE SET mode = 'off'"#,
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
    use super::Mode;

    fn sent(values: &[&str]) -> Vec<String> {
        values.iter().map(|v| v.to_string()).collect()
    }

    #[test]
    fn a_choice_is_one_the_page_offers_for_its_category() {
        assert_eq!(Mode::parse("changes", &sent(&[])), Ok(Mode::Now));
        assert_eq!(Mode::parse("changes", &sent(&["digest"])), Ok(Mode::Digest));
        assert_eq!(Mode::parse("invitations", &sent(&["off"])), Ok(Mode::Off));
        assert!(Mode::parse("invitations", &sent(&["digest"])).is_err());
        assert!(Mode::parse("changes", &sent(&["sometimes"])).is_err());
        assert!(Mode::parse("changes", &sent(&["off", "now"])).is_err());
    }
}
