//! The conversation's forms: ask (or comment), reply, and the hosts' "besvaret" and "fastgjort",
//! and the author's "slet". Each posts and redirects to the item's anchor on the salon page; a
//! refused text comes back on the salon page, by its field, with what was typed.

use axum::Form as PostForm;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use sqlx::PgConnection;
use uuid::Uuid;

use super::section::{AnswerUnit, Standing};
use super::{Kind, anchor_path, open_kind};
use crate::auth::CurrentUser;
use crate::domain::ids::ConversationItemId;
use crate::domain::{Body, Invalid};
use crate::error::AppError;
use crate::limits::{self, Limit};
use crate::mail::{self, Recipient};
use crate::salons::SalonStatus;
use crate::salons::visibility::{SalonKey, VisibleSalon, load_visible};
use crate::state::AppState;
use crate::web::path::Ids;
use crate::web::{Frame, Page};

/// An item's text: 1–2000 characters, the app's text rule.
pub fn parse_body(raw: &str) -> Result<Body<2000>, Invalid> {
    Body::required(raw).map_err(|e| e.key("conv-error-missing", "conv-error-too-long"))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct TextInput {
    body: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct FlagInput {
    set: String,
}

/// A salon's state for its conversation, and the viewer's standing in it.
struct SalonState {
    status: SalonStatus,
    summary_published_at: Option<DateTime<Utc>>,
    standing: Standing,
}

async fn salon_state(
    conn: &mut PgConnection,
    salon: &VisibleSalon,
    user: Uuid,
) -> Result<SalonState, AppError> {
    let r = sqlx::query!(
        r#"SELECT s.summary_published_at,
                  -- The same rule the salon page draws the answer form from.
                  (SELECT coalesce(json_agg(json_build_object(
                              'id', au.id, 'name', au.name, 'invited', au.invited)
                              ORDER BY au.name), '[]')
                   FROM conversation_answer_units(s.id, $2) au)
                    AS "units!: sqlx::types::Json<Vec<AnswerUnit>>",
                  EXISTS (SELECT 1 FROM agreements a
                          WHERE a.salon_id = s.id AND a.owner_user_id = $2) AS "owns_step!"
           FROM salons s WHERE s.id = $1"#,
        salon.id,
        user
    )
    .fetch_one(&mut *conn)
    .await?;
    Ok(SalonState {
        status: salon.status,
        summary_published_at: r.summary_published_at,
        standing: Standing {
            is_host: salon.is_host,
            units: r.units.0,
            owns_step: r.owns_step,
        },
    })
}

/// A salon the person may see and whose conversation shows (not hidden, even to its hosts).
async fn salon_for(
    state: &AppState,
    id: Uuid,
    user: &CurrentUser,
) -> Result<VisibleSalon, AppError> {
    let salon = load_visible(&state.db, id, Some(user)).await?;
    if salon.hidden_reason.is_some() {
        return Err(AppError::NotFound);
    }
    Ok(salon)
}

/// A stored item as the handlers need it.
struct Stored {
    id: Uuid,
    salon_id: Uuid,
    kind: Kind,
    parent_id: Option<Uuid>,
    author_id: Uuid,
    gone: bool,
}

/// Item `id`, if its salon is one `user` may see.
async fn item(
    state: &AppState,
    id: ConversationItemId,
    user: &CurrentUser,
) -> Result<(Stored, VisibleSalon), AppError> {
    let r = sqlx::query!(
        r#"SELECT id, salon_id, kind, parent_id, author_id,
                  (deleted_by_author OR hidden_reason IS NOT NULL) AS "gone!"
           FROM conversation_items WHERE id = $1"#,
        id.uuid()
    )
    .fetch_optional(&state.db)
    .await?
    .ok_or(AppError::NotFound)?;
    let salon = salon_for(state, r.salon_id, user).await?;
    let stored = Stored {
        id: r.id,
        salon_id: r.salon_id,
        kind: Kind::from_db(&r.kind),
        parent_id: r.parent_id,
        author_id: r.author_id,
        gone: r.gone,
    };
    Ok((stored, salon))
}

/// The salon page again, refused (422, or 429 at a limit) with the section's form showing why.
async fn refused(
    state: &AppState,
    f: Frame,
    salon: VisibleSalon,
    user: &CurrentUser,
    fail: impl FnOnce(&mut super::Section),
    reached: Option<limits::Reached>,
) -> Result<Response, AppError> {
    let mut page = crate::salons::render_page(state, f, salon, Some(user), None, None).await?;
    fail(&mut page.conversation);
    Ok(match reached {
        Some(r) => r.respond(state.clock.now(), page),
        None => Page::invalid(page),
    })
}

/// `POST /salons/{key}/questions`: a new question before the salon, or a comment on its
/// summary, in whichever section is open.
pub async fn ask(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    Ids(key): Ids<SalonKey>,
    PostForm(input): PostForm<TextInput>,
) -> Result<Response, AppError> {
    let salon = salon_for(&state, key.id.uuid(), &user).await?;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let s = salon_state(&mut tx, &salon, user.id).await?;
    let kind = open_kind(s.status, s.summary_published_at, now).ok_or(AppError::Forbidden)?;
    let body = match parse_body(&input.body) {
        Ok(body) => body,
        Err(Invalid(key)) => {
            drop(tx);
            let message = f.tr.t(key);
            return refused(
                &state,
                f,
                salon,
                &user,
                |c| c.ask_failed(&input.body, message),
                None,
            )
            .await;
        }
    };
    let per_day = Limit::QuestionsPerDay;
    let limit = limits::guard(&mut tx, per_day, &user.id.to_string()).await?;
    let nth = sqlx::query_scalar!(
        r#"SELECT created_at FROM conversation_items
           WHERE author_id = $1 AND parent_id IS NULL AND created_at > $2
           ORDER BY created_at DESC OFFSET $3::int8 - 1 LIMIT 1"#,
        user.id,
        per_day.since(now),
        limit
    )
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(reached) = limits::reached(per_day, limit, nth) {
        drop(tx);
        let message = reached.message(&f.tr, "conv-error-question-limit");
        return refused(
            &state,
            f,
            salon,
            &user,
            |c| c.ask_failed(&input.body, message),
            Some(reached),
        )
        .await;
    }
    let id = Uuid::new_v4();
    sqlx::query!(
        r#"INSERT INTO conversation_items (id, salon_id, kind, author_id, body, created_at)
           VALUES ($1, $2, $3, $4, $5, $6)"#,
        id,
        salon.id,
        kind.as_str(),
        user.id,
        body.as_str(),
        now
    )
    .execute(&mut *tx)
    .await?;
    let path = anchor_path(&salon.path(), id);
    // The hosts hear of a new question (not of their own).
    let hosts = sqlx::query_scalar!(
        r#"SELECT h.user_id FROM salon_hosts h JOIN users u ON u.id = h.user_id
           WHERE h.salon_id = $1 AND h.user_id <> $2 AND u.deleted_at IS NULL
           ORDER BY h.added_at"#,
        salon.id,
        user.id
    )
    .fetch_all(&mut *tx)
    .await?;
    let args = [("salon", salon.title.clone()), ("name", user.name.clone())];
    for host in hosts {
        let to = Recipient::User(host);
        let key = format!("conv-mail-{}", kind.as_str());
        mail::notify_text(
            &mut tx,
            &state,
            to,
            "conversation.question",
            &key,
            &args,
            &path,
        )
        .await?;
    }
    tx.commit().await?;
    state.job_wake.notify_one();
    Ok(Redirect::to(&path).into_response())
}

/// `POST /questions/{question}/replies`: one level of replies, by the hosts, those answering
/// for an invited unit (or, after the summary, owning a next step), and the asker.
pub async fn reply(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    Ids(id): Ids<ConversationItemId>,
    PostForm(input): PostForm<TextInput>,
) -> Result<Response, AppError> {
    let (top, salon) = item(&state, id, &user).await?;
    // One level: a reply has no replies, and hidden or deleted items take none.
    if top.parent_id.is_some() || top.gone {
        return Err(AppError::Forbidden);
    }
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let s = salon_state(&mut tx, &salon, user.id).await?;
    if open_kind(s.status, s.summary_published_at, now) != Some(top.kind) {
        return Err(AppError::Forbidden);
    }
    let unit = s
        .standing
        .reply_as(top.kind, top.author_id, user.id)
        .ok_or(AppError::Forbidden)?;
    let body = match parse_body(&input.body) {
        Ok(body) => body,
        Err(Invalid(key)) => {
            drop(tx);
            let message = f.tr.t(key);
            let fail = |c: &mut super::Section| c.reply_failed(top.id, &input.body, message);
            return refused(&state, f, salon, &user, fail, None).await;
        }
    };
    let per_hour = Limit::RepliesPerHour;
    let limit = limits::guard(&mut tx, per_hour, &user.id.to_string()).await?;
    let nth = sqlx::query_scalar!(
        r#"SELECT created_at FROM conversation_items
           WHERE author_id = $1 AND parent_id IS NOT NULL AND created_at > $2
           ORDER BY created_at DESC OFFSET $3::int8 - 1 LIMIT 1"#,
        user.id,
        per_hour.since(now),
        limit
    )
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(reached) = limits::reached(per_hour, limit, nth) {
        drop(tx);
        let message = reached.message(&f.tr, "conv-error-reply-limit");
        let fail = |c: &mut super::Section| c.reply_failed(top.id, &input.body, message);
        return refused(&state, f, salon, &user, fail, Some(reached)).await;
    }
    let reply = Uuid::new_v4();
    sqlx::query!(
        r#"INSERT INTO conversation_items (id, salon_id, kind, author_id, parent_id, body,
               role_unit_id, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"#,
        reply,
        top.salon_id,
        top.kind.as_str(),
        user.id,
        top.id,
        body.as_str(),
        unit,
        now
    )
    .execute(&mut *tx)
    .await?;
    let path = anchor_path(&salon.path(), reply);
    // The asker hears of an answer (not of their own follow-up), unless their account is gone.
    let asker_alive = sqlx::query_scalar!(
        r#"SELECT deleted_at IS NULL AS "x!" FROM users WHERE id = $1"#,
        top.author_id
    )
    .fetch_one(&mut *tx)
    .await?;
    if top.author_id != user.id && asker_alive {
        let args = [("salon", salon.title.clone()), ("name", user.name.clone())];
        let to = Recipient::User(top.author_id);
        mail::notify_text(
            &mut tx,
            &state,
            to,
            "conversation.answer",
            "conv-mail-answer",
            &args,
            &path,
        )
        .await?;
    }
    tx.commit().await?;
    state.job_wake.notify_one();
    Ok(Redirect::to(&path).into_response())
}

/// Reads the flag a host sets: `true` or `false`; anything else is a bad request.
fn flag(input: &FlagInput) -> Result<bool, AppError> {
    match input.set.as_str() {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(AppError::BadRequest),
    }
}

/// A top-level item of a salon `user` hosts.
async fn hosted_top(
    state: &AppState,
    id: ConversationItemId,
    user: &CurrentUser,
) -> Result<(Stored, VisibleSalon), AppError> {
    let (item, salon) = item(state, id, user).await?;
    if !salon.is_host {
        return Err(AppError::Forbidden);
    }
    if item.parent_id.is_some() {
        return Err(AppError::BadRequest);
    }
    Ok((item, salon))
}

/// The two marks a host sets on a question: the same check, the same way back, one column each.
#[derive(Clone, Copy)]
enum Mark {
    Answered,
    Pinned,
}

async fn set_mark(
    state: &AppState,
    user: &CurrentUser,
    id: ConversationItemId,
    input: &FlagInput,
    mark: Mark,
) -> Result<Response, AppError> {
    let (item, salon) = hosted_top(state, id, user).await?;
    let set = flag(input)?;
    match mark {
        Mark::Answered => sqlx::query!(
            "UPDATE conversation_items SET answered = $2 WHERE id = $1",
            item.id,
            set
        ),
        Mark::Pinned => sqlx::query!(
            "UPDATE conversation_items SET pinned = $2 WHERE id = $1",
            item.id,
            set
        ),
    }
    .execute(&state.db)
    .await?;
    Ok(Redirect::to(&anchor_path(&salon.path(), item.id)).into_response())
}

/// `POST /questions/{question}/answered`: a host marks a question answered (or not).
pub async fn mark_answered(
    State(state): State<AppState>,
    user: CurrentUser,
    Ids(id): Ids<ConversationItemId>,
    PostForm(input): PostForm<FlagInput>,
) -> Result<Response, AppError> {
    set_mark(&state, &user, id, &input, Mark::Answered).await
}

/// `POST /questions/{question}/pin`: a host pins a question on top (or lets it go).
pub async fn pin(
    State(state): State<AppState>,
    user: CurrentUser,
    Ids(id): Ids<ConversationItemId>,
    PostForm(input): PostForm<FlagInput>,
) -> Result<Response, AppError> {
    set_mark(&state, &user, id, &input, Mark::Pinned).await
}

/// `POST /questions/{mine}/delete`: the author takes their own item back; "slettet af
/// forfatteren" stands in its place, so the replies under it keep their sense. Allowed in a
/// closed section too: one's own words are one's own.
pub async fn delete(
    State(state): State<AppState>,
    user: CurrentUser,
    Ids(id): Ids<ConversationItemId>,
) -> Result<Response, AppError> {
    let (item, salon) = item(&state, id, &user).await?;
    if item.author_id != user.id {
        return Err(AppError::Forbidden);
    }
    sqlx::query!(
        "UPDATE conversation_items SET deleted_by_author = true, body = '' WHERE id = $1",
        item.id
    )
    .execute(&state.db)
    .await?;
    Ok(Redirect::to(&anchor_path(&salon.path(), item.id)).into_response())
}
