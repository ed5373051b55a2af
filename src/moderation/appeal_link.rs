//! The appeal link of a suspended person: a suspension ends their sessions and refuses
//! sign-in, so the suspension mail carries `/appeal/{token}`, which opens the appeal form
//! without signing in. The token is stored hashed, works once (the appeal uses it up), for 30
//! days, and only while there is something to appeal — the item not yet appealed, and its
//! content hidden or the suspension decided on it still in force. A moderator can send a new
//! link, which replaces the old.

use axum::Form as PostForm;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Duration, Utc};
use serde_json::json;
use sqlx::PgConnection;
use uuid::Uuid;

use super::appeal::{
    AppealInput, Shown, again, appeal_form, parse_appeal, record, refusal, render,
};
use super::{Item, load_item};
use crate::auth::CurrentUser;
use crate::domain::ids::ModerationItemId;
use crate::error::AppError;
use crate::state::AppState;
use crate::tokens::{self, Purpose};
use crate::web::path::Ids;
use crate::web::{Frame, Page};

/// The appeal link's purpose.
pub const APPEAL: Purpose = Purpose("moderation-appeal");

/// How long an appeal link works.
const VALID: Duration = Duration::days(30);

/// A new appeal link for `owner` to appeal `item`, replacing any earlier one: its full address.
pub async fn issue(
    conn: &mut PgConnection,
    state: &AppState,
    item: Uuid,
    owner: Uuid,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    sqlx::query!(
        r#"DELETE FROM tokens WHERE purpose = $1 AND used_at IS NULL AND data->>'item' = $2"#,
        APPEAL.0,
        item.to_string()
    )
    .execute(&mut *conn)
    .await?;
    let token = tokens::issue(
        conn,
        APPEAL,
        Some(owner),
        json!({ "item": item }),
        now,
        Some(VALID),
    )
    .await?;
    Ok(state.config.link(&format!("/appeal/{token}")))
}

/// The item behind a live appeal link, locked for the transaction, if it may still be
/// appealed; `None` for a link used, run out, replaced, or with nothing left to appeal.
async fn item_of(
    conn: &mut PgConnection,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<Item>, AppError> {
    let found = tokens::peek(conn, APPEAL, token, now).await?;
    let Some(id) = found.and_then(|t| t.id("item")) else {
        return Ok(None);
    };
    let item = load_item(conn, id).await?;
    let suspended = super::suspend::live_for_item(conn, id, now)
        .await?
        .is_some();
    Ok(refusal(&item, suspended).is_none().then_some(item))
}

/// `GET /appeal/{token}`: the appeal form, without signing in.
pub async fn page(
    State(state): State<AppState>,
    f: Frame,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let now = state.clock.now();
    let mut conn = state.db.acquire().await?;
    let Some(item) = item_of(&mut conn, &token, now).await? else {
        return Ok(crate::accounts::link_gone(f));
    };
    let shown = Shown::form(appeal_form(&f, ""));
    let action = format!("/appeal/{token}");
    Ok(Page(render(&mut conn, f, item, shown, action, now).await?).into_response())
}

/// `POST /appeal/{token}`: the one appeal, which uses the link up.
pub async fn submit(
    State(state): State<AppState>,
    f: Frame,
    Path(token): Path<String>,
    PostForm(input): PostForm<AppealInput>,
) -> Result<Response, AppError> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let Some(item) = item_of(&mut tx, &token, now).await? else {
        return Ok(crate::accounts::link_gone(f));
    };
    let action = format!("/appeal/{token}");
    let mut form = appeal_form(&f, &input.note);
    let Some(note) = form.check("note", &f.tr, parse_appeal(&input.note)) else {
        return again(&mut tx, f, item, form, action, now).await;
    };
    if tokens::consume(&mut tx, APPEAL, &token, now)
        .await?
        .is_none()
    {
        return Ok(crate::accounts::link_gone(f));
    }
    record(&mut tx, &item, item.owner_id, note.as_str(), now).await?;
    tx.commit().await?;
    state.job_wake.notify_one();
    let item = load_item(&mut *state.db.acquire().await?, item.id).await?;
    let shown = Shown {
        form: appeal_form(&f, ""),
        problem: None,
        notice: Some(f.tr.t("mod-appeal-sent")),
    };
    let mut conn = state.db.acquire().await?;
    Ok(Page(render(&mut conn, f, item, shown, action, now).await?).into_response())
}

/// `POST /moderation/items/{item}/appeal-link`: a moderator sends the owner a new appeal link
/// (the old one stops working), while there is something they may appeal.
pub async fn resend(
    State(state): State<AppState>,
    f: Frame,
    moderator: CurrentUser,
    Ids(item): Ids<ModerationItemId>,
) -> Result<Response, AppError> {
    let id = item.uuid();
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let item = load_item(&mut tx, id).await?;
    let suspended = super::suspend::live_for_item(&mut tx, id, now)
        .await?
        .is_some();
    let (Some(owner), true, None) = (item.owner_id, suspended, refusal(&item, suspended)) else {
        drop(tx);
        return super::actions::refuse(&state, f, id, "mod-error-no-appeal-link").await;
    };
    let link = issue(&mut tx, &state, id, owner, now).await?;
    super::tell(
        &mut tx,
        &state,
        owner,
        "mod-mail-appeal-link",
        &[("appeal", link)],
        "/rules",
    )
    .await?;
    let entry = super::audit::Entry {
        actor: Some(moderator.id),
        action: "appeal_link",
        item: Some(id),
        subject: Some(owner),
        note: "",
    };
    super::audit::record(&mut tx, entry, now).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/moderation/items/{id}?done=appeal-link")).into_response())
}
