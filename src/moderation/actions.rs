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
use sqlx::PgConnection;
use uuid::Uuid;

use super::audit::{self, Entry};
use super::queue::{DURATIONS, Forms, hide_form, render, suspend_form};
use super::{close_reports, load_item, set_hidden, suspend, tell};
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

fn done(id: Uuid, what: &str) -> Response {
    Redirect::to(&format!("/moderation/items/{id}?done={what}")).into_response()
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

/// The item needs no more review: a moderator has acted on it.
async fn reviewed(conn: &mut PgConnection, id: Uuid, now: DateTime<Utc>) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE moderation_items SET needs_review = false, updated_at = $2 WHERE id = $1",
        id,
        now
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Where the owner reads why and appeals.
fn appeal_path(id: Uuid) -> String {
    format!("/moderation/appeals/{id}")
}

/// `POST /moderation/items/{item}/dismiss`: nothing to do about the reports; or, on an
/// appeal, the content stays hidden (the appeal is used up).
pub async fn dismiss(
    State(state): State<AppState>,
    user: CurrentUser,
    Ids(item): Ids<ModerationItemId>,
    PostForm(input): PostForm<NoteInput>,
) -> Result<Response, AppError> {
    let id = item.uuid();
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let item = load_item(&mut tx, id).await?;
    reviewed(&mut tx, id, now).await?;
    // An appeal against a suspension alone (the content shown) is upheld the same way.
    let suspended = super::suspend::live_for_item(&mut tx, id, now)
        .await?
        .is_some();
    let upheld = item.appeal_waiting(suspended);
    let outcome = if item.hidden { "hidden" } else { "dismissed" };
    close_reports(&mut tx, &state, id, outcome).await?;
    let action = if upheld { "uphold" } else { "dismiss" };
    let note = note(&input.note);
    audit::record(
        &mut tx,
        Entry::moderator(user.id, action, &item, &note),
        now,
    )
    .await?;
    if let (true, Some(owner)) = (upheld, item.owner_id) {
        let args = [("reason", item.public_reason.clone())];
        let key = if item.hidden {
            "mod-mail-upheld"
        } else {
            "mod-mail-upheld-suspension"
        };
        tell(&mut tx, &state, owner, key, &args, &appeal_path(id)).await?;
    }
    tx.commit().await?;
    Ok(done(id, action))
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
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let item = load_item(&mut tx, id).await?;
    sqlx::query!(
        r#"UPDATE moderation_items SET hidden = true, public_reason = $2, needs_review = false,
               updated_at = $3 WHERE id = $1"#,
        id,
        reason.as_str(),
        now
    )
    .execute(&mut *tx)
    .await?;
    set_hidden(&mut tx, item.target, item.target_id, Some(reason.as_str())).await?;
    close_reports(&mut tx, &state, id, "hidden").await?;
    audit::record(
        &mut tx,
        Entry::moderator(user.id, "hide", &item, reason.as_str()),
        now,
    )
    .await?;
    if let Some(owner) = item.owner_id {
        let key = if item.appealed_at.is_some() {
            "mod-mail-hidden-no-appeal"
        } else {
            "mod-mail-hidden"
        };
        let args = [
            ("what", item.target.label(&f.tr)),
            ("reason", reason.to_string()),
        ];
        tell(&mut tx, &state, owner, key, &args, &appeal_path(id)).await?;
    }
    tx.commit().await?;
    Ok(done(id, "hide"))
}

/// `POST /moderation/items/{item}/restore`: hidden content is shown again.
pub async fn restore(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    Ids(item): Ids<ModerationItemId>,
    PostForm(input): PostForm<NoteInput>,
) -> Result<Response, AppError> {
    let id = item.uuid();
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let item = load_item(&mut tx, id).await?;
    if !item.hidden {
        drop(tx);
        return refuse(&state, f, id, "mod-error-not-hidden").await;
    }
    sqlx::query!(
        r#"UPDATE moderation_items SET hidden = false, public_reason = '', needs_review = false,
               updated_at = $2 WHERE id = $1"#,
        id,
        now
    )
    .execute(&mut *tx)
    .await?;
    set_hidden(&mut tx, item.target, item.target_id, None).await?;
    close_reports(&mut tx, &state, id, "dismissed").await?;
    audit::record(
        &mut tx,
        Entry::moderator(user.id, "restore", &item, &note(&input.note)),
        now,
    )
    .await?;
    if let Some(owner) = item.owner_id {
        let args = [("what", item.target.label(&f.tr))];
        tell(
            &mut tx,
            &state,
            owner,
            "mod-mail-restored",
            &args,
            &appeal_path(id),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(done(id, "restore"))
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
    let now = state.clock.now();
    let ends_at = duration
        .parse::<i64>()
        .ok()
        .map(|days| now + Duration::days(days));
    let mut tx = state.db.begin().await?;
    let item = load_item(&mut tx, id).await?;
    let Some(owner) = item.owner_id else {
        drop(tx);
        return refuse(&state, f, id, "mod-error-no-owner").await;
    };
    // One suspension at a time; a moderator lifts it to change it.
    if suspend::live(&mut tx, owner, now).await?.is_some() {
        drop(tx);
        return refuse(&state, f, id, "mod-error-already-suspended").await;
    }
    suspend::start(
        &mut tx,
        &state,
        owner,
        user.id,
        ends_at,
        reason.as_str(),
        Some(id),
    )
    .await?;
    reviewed(&mut tx, id, now).await?;
    close_reports(&mut tx, &state, id, "suspended").await?;
    tx.commit().await?;
    Ok(done(id, "suspend"))
}

/// `POST /moderation/items/{item}/lift`: ends the owner's suspension now.
pub async fn lift(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    Ids(item): Ids<ModerationItemId>,
    PostForm(input): PostForm<NoteInput>,
) -> Result<Response, AppError> {
    let id = item.uuid();
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let item = load_item(&mut tx, id).await?;
    let live = match item.owner_id {
        Some(owner) => suspend::live(&mut tx, owner, now).await?,
        None => None,
    };
    let Some(live) = live else {
        drop(tx);
        return refuse(&state, f, id, "mod-error-not-suspended").await;
    };
    suspend::end(
        &mut tx,
        &state,
        live.id,
        Some(user.id),
        Some(id),
        &note(&input.note),
    )
    .await?;
    tx.commit().await?;
    Ok(done(id, "lift"))
}
