//! What a moderator does with an item: dismiss the reports (or, when the owner appealed,
//! keep it hidden), hide it with a public reason, restore it, suspend its owner's account or
//! lift a suspension. Each action locks the item, is logged, and tells whom it concerns: the
//! reporters the outcome, the owner why (with where to appeal).

use axum::Form as PostForm;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Duration, Utc};
use serde::Deserialize;
use sqlx::{Postgres, Transaction};
use uuid::Uuid;

use super::audit::{self, Entry};
use super::queue::{DURATIONS, Forms, hide_form, render, suspend_form};
use super::{Item, close_reports, load_item, set_hidden, suspend, tell};
use crate::auth::CurrentUser;
use crate::domain::ids::ModerationItemId;
use crate::domain::{Body, Invalid};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::path::Ids;
use crate::web::{Frame, Page};

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct NoteInput {
    note: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct HideInput {
    public_reason: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SuspendInput {
    reason: String,
    duration: String,
}

/// A reason people will read: 1–1,000 characters.
fn parse_reason(raw: &str) -> Result<Body<1000>, Invalid> {
    Body::required(raw).map_err(|e| e.key("mod-error-reason-missing", "mod-error-reason-too-long"))
}

/// A moderator's note for the log: at most 1,000 characters.
fn note(raw: &str) -> String {
    raw.trim().chars().take(1000).collect()
}

/// The item page again with `problem`, for an action that no longer fits.
pub(super) async fn refuse(
    state: &AppState,
    f: Frame,
    id: Uuid,
    key: &str,
) -> Result<Response, AppError> {
    let forms = Forms {
        problem: Some(f.tr.t(key)),
        ..Forms::default()
    };
    let page = render(state, f, id, forms).await?;
    Ok((StatusCode::CONFLICT, Page(page)).into_response())
}

/// The item page again with a refused form (422), the message by its field.
async fn again(state: &AppState, f: Frame, id: Uuid, forms: Forms) -> Result<Response, AppError> {
    let page = render(state, f, id, forms).await?;
    Ok(Page::invalid(page))
}

/// An action under way: its moment, its transaction and the item, locked in it. Every action
/// loads the same way, logs the same way, tells the owner the same way and ends the same way.
struct Acting {
    now: DateTime<Utc>,
    tx: Transaction<'static, Postgres>,
    item: Item,
}

impl Acting {
    async fn begin(state: &AppState, id: Uuid) -> Result<Acting, AppError> {
        let now = state.clock.now();
        let mut tx = state.db.begin().await?;
        let item = load_item(&mut tx, id).await?;
        Ok(Acting { now, tx, item })
    }

    /// The item needs no more review: a moderator has acted on it.
    async fn reviewed(&mut self) -> sqlx::Result<()> {
        sqlx::query!(
            "UPDATE moderation_items SET needs_review = false, updated_at = $2 WHERE id = $1",
            self.item.id,
            self.now
        )
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    /// Hides the content, `reason` standing in its place, or shows it again (`None`): on the
    /// item and on the content itself. The item needs no more review, and its open reports
    /// are closed as `outcome`.
    async fn set_hidden(
        &mut self,
        state: &AppState,
        reason: Option<&str>,
        outcome: &str,
    ) -> Result<(), AppError> {
        sqlx::query!(
            r#"UPDATE moderation_items SET hidden = $2, public_reason = $3, needs_review = false,
                   updated_at = $4 WHERE id = $1"#,
            self.item.id,
            reason.is_some(),
            reason.unwrap_or(""),
            self.now
        )
        .execute(&mut *self.tx)
        .await?;
        let (target, target_id) = (self.item.target, self.item.target_id);
        set_hidden(&mut self.tx, target, target_id, reason).await?;
        close_reports(&mut self.tx, state, self.item.id, outcome).await
    }

    /// The moderator's action in the log.
    async fn log(&mut self, moderator: Uuid, action: &'static str, note: &str) -> sqlx::Result<()> {
        let entry = Entry::moderator(moderator, action, &self.item, note);
        audit::record(&mut self.tx, entry, self.now).await
    }

    /// Tells the item's owner, when there is one, with where to read why and appeal.
    async fn tell_owner(
        &mut self,
        state: &AppState,
        key: &str,
        args: &[(&'static str, String)],
    ) -> Result<(), AppError> {
        let Some(owner) = self.item.owner_id else {
            return Ok(());
        };
        let path = format!("/moderation/appeals/{}", self.item.id);
        tell(&mut self.tx, state, owner, key, args, &path).await
    }

    /// Commits, and shows the item with `done=what`.
    async fn done(self, what: &str) -> Result<Response, AppError> {
        self.tx.commit().await?;
        let id = self.item.id;
        Ok(Redirect::to(&format!("/moderation/items/{id}?done={what}")).into_response())
    }

    /// Writes nothing, and shows the item page with `key` (409).
    async fn refuse(self, state: &AppState, f: Frame, key: &str) -> Result<Response, AppError> {
        let id = self.item.id;
        drop(self.tx);
        refuse(state, f, id, key).await
    }
}

/// `POST /moderation/items/{item}/dismiss`: nothing to do about the reports; or, on an
/// appeal, the content stays hidden (the appeal is used up).
pub async fn dismiss(
    State(state): State<AppState>,
    user: CurrentUser,
    Ids(item): Ids<ModerationItemId>,
    PostForm(input): PostForm<NoteInput>,
) -> Result<Response, AppError> {
    let mut act = Acting::begin(&state, item.uuid()).await?;
    let id = act.item.id;
    act.reviewed().await?;
    // An appeal against a suspension alone (the content shown) is upheld the same way.
    let suspended = super::suspend::live_for_item(&mut act.tx, id, act.now)
        .await?
        .is_some();
    let upheld = act.item.appeal_waiting(suspended);
    let outcome = if act.item.hidden {
        "hidden"
    } else {
        "dismissed"
    };
    close_reports(&mut act.tx, &state, id, outcome).await?;
    let action = if upheld { "uphold" } else { "dismiss" };
    act.log(user.id, action, &note(&input.note)).await?;
    if upheld {
        let args = [("reason", act.item.public_reason.clone())];
        let key = if act.item.hidden {
            "mod-mail-upheld"
        } else {
            "mod-mail-upheld-suspension"
        };
        act.tell_owner(&state, key, &args).await?;
    }
    act.done(action).await
}

/// `POST /moderation/items/{item}/hide`: the public reason takes the content's place.
pub async fn hide(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    Ids(item): Ids<ModerationItemId>,
    PostForm(input): PostForm<HideInput>,
) -> Result<Response, AppError> {
    let id = item.uuid();
    let mut form = hide_form(&f, &input.public_reason);
    let Some(reason) = form.check("public_reason", &f.tr, parse_reason(&input.public_reason))
    else {
        let forms = Forms {
            hide: Some(form),
            ..Forms::default()
        };
        return again(&state, f, id, forms).await;
    };
    let mut act = Acting::begin(&state, id).await?;
    act.set_hidden(&state, Some(reason.as_str()), "hidden")
        .await?;
    act.log(user.id, "hide", reason.as_str()).await?;
    let key = if act.item.appealed_at.is_some() {
        "mod-mail-hidden-no-appeal"
    } else {
        "mod-mail-hidden"
    };
    let args = [
        ("what", act.item.target.label(&f.tr)),
        ("reason", reason.to_string()),
    ];
    act.tell_owner(&state, key, &args).await?;
    act.done("hide").await
}

/// `POST /moderation/items/{item}/restore`: hidden content is shown again.
pub async fn restore(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    Ids(item): Ids<ModerationItemId>,
    PostForm(input): PostForm<NoteInput>,
) -> Result<Response, AppError> {
    let mut act = Acting::begin(&state, item.uuid()).await?;
    if !act.item.hidden {
        return act.refuse(&state, f, "mod-error-not-hidden").await;
    }
    act.set_hidden(&state, None, "dismissed").await?;
    act.log(user.id, "restore", &note(&input.note)).await?;
    let args = [("what", act.item.target.label(&f.tr))];
    act.tell_owner(&state, "mod-mail-restored", &args).await?;
    act.done("restore").await
}

/// `POST /moderation/items/{item}/suspend`: suspends the owner's account for a period or for
/// good (see [`suspend::start`] for what that does).
pub async fn suspend(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    Ids(item): Ids<ModerationItemId>,
    PostForm(input): PostForm<SuspendInput>,
) -> Result<Response, AppError> {
    let id = item.uuid();
    let mut form = suspend_form(&f, &input.reason);
    let reason = form.check("reason", &f.tr, parse_reason(&input.reason));
    let duration = DURATIONS.iter().find(|d| **d == input.duration);
    let duration_error = duration.is_none().then(|| f.tr.t("mod-error-duration"));
    let (Some(reason), Some(duration)) = (reason, duration) else {
        let forms = Forms {
            suspend: Some((form, input.duration.clone(), duration_error)),
            ..Forms::default()
        };
        return again(&state, f, id, forms).await;
    };
    let mut act = Acting::begin(&state, id).await?;
    let ends_at = duration
        .parse::<i64>()
        .ok()
        .map(|days| act.now + Duration::days(days));
    let Some(owner) = act.item.owner_id else {
        return act.refuse(&state, f, "mod-error-no-owner").await;
    };
    // One suspension at a time; a moderator lifts it to change it.
    if suspend::live(&mut act.tx, owner, act.now).await?.is_some() {
        return act.refuse(&state, f, "mod-error-already-suspended").await;
    }
    let reason = reason.as_str();
    suspend::start(
        &mut act.tx,
        &state,
        owner,
        user.id,
        ends_at,
        reason,
        Some(id),
    )
    .await?;
    act.reviewed().await?;
    close_reports(&mut act.tx, &state, id, "suspended").await?;
    act.done("suspend").await
}

/// `POST /moderation/items/{item}/lift`: ends the owner's suspension now.
pub async fn lift(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    Ids(item): Ids<ModerationItemId>,
    PostForm(input): PostForm<NoteInput>,
) -> Result<Response, AppError> {
    let mut act = Acting::begin(&state, item.uuid()).await?;
    let live = match act.item.owner_id {
        Some(owner) => suspend::live(&mut act.tx, owner, act.now).await?,
        None => None,
    };
    let Some(live) = live else {
        return act.refuse(&state, f, "mod-error-not-suspended").await;
    };
    let (id, note) = (act.item.id, note(&input.note));
    suspend::end(&mut act.tx, &state, live.id, Some(user.id), Some(id), &note).await?;
    act.done("lift").await
}
