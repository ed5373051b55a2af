//! The owner's side (`/moderation/appeals/{item}`): why their content was hidden (or their
//! account suspended), and a form to appeal — once — with a note, which puts the item back in
//! the moderators' queue. For a salon any of its hosts may appeal; to anyone else the page does
//! not exist. A suspended owner cannot sign in: they appeal through the link in the suspension
//! mail ([`super::appeal_link`]), which draws this same page.

use askama::Template;
use axum::Form as PostForm;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use uuid::Uuid;

use super::audit::{self, Entry};
use super::{Item, Target, load_item};
use crate::auth::CurrentUser;
use crate::domain::ids::ModerationItemId;
use crate::domain::{Body, Invalid};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::forms::{Field, Form};
use crate::web::path::Ids;
use crate::web::{DoneQuery, Frame, Page};

#[derive(Template)]
#[template(path = "moderation/appeal.html")]
pub struct AppealPage {
    f: Frame,
    item: Item,
    kind: String,
    /// Where the content lives, to look at it.
    path: Option<String>,
    form: Form,
    problem: Option<String>,
    notice: Option<String>,
    appealed_on: String,
    /// Where the form posts: this page, or the emailed link.
    action: String,
    /// The reason of the owner's suspension decided on this item, while it lasts.
    suspension: Option<String>,
    /// Something to appeal, and no appeal made yet: the form is shown.
    appealable: bool,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct AppealInput {
    pub(super) note: String,
}

/// What the appeal page shows besides the item.
pub(super) struct Shown {
    pub form: Form,
    pub problem: Option<String>,
    pub notice: Option<String>,
}

impl Shown {
    /// Only the form: no problem, no notice.
    pub fn form(form: Form) -> Shown {
        Shown {
            form,
            problem: None,
            notice: None,
        }
    }
}

/// The appeal page again with the refused note (422), the message by its field.
pub(super) async fn again(
    conn: &mut sqlx::PgConnection,
    f: Frame,
    item: Item,
    form: Form,
    action: String,
    now: DateTime<Utc>,
) -> Result<Response, AppError> {
    let page = render(conn, f, item, Shown::form(form), action, now).await?;
    Ok(Page::invalid(page))
}

/// Why an appeal cannot be made now, as a locale key: made already, or nothing to appeal (the
/// content is shown and no suspension decided on it lasts).
pub(super) fn refusal(item: &Item, suspended: bool) -> Option<&'static str> {
    if item.appealed_at.is_some() {
        Some("mod-error-appealed-once")
    } else if !item.hidden && !suspended {
        Some("mod-error-nothing-to-appeal")
    } else {
        None
    }
}

pub(super) fn appeal_form(f: &Frame, note: &str) -> Form {
    Form::new(vec![
        Field::new(&f.tr, "note", "textarea", "mod-field-appeal")
            .value(note)
            .hint(&f.tr, "mod-field-appeal-hint"),
    ])
}

pub(super) fn parse_appeal(raw: &str) -> Result<Body<2000>, Invalid> {
    Body::required(raw).map_err(|e| e.key("mod-error-appeal-missing", "mod-error-note-too-long"))
}

/// The item, if `user` may appeal it: its owner, or a host of a reported salon.
async fn appealable(
    conn: &mut sqlx::PgConnection,
    id: Uuid,
    user: &CurrentUser,
) -> Result<Item, AppError> {
    let item = load_item(conn, id).await?;
    let host = item.target == Target::Salon
        && sqlx::query_scalar!(
            r#"SELECT EXISTS (SELECT 1 FROM salon_hosts WHERE salon_id = $1 AND user_id = $2) AS "x!""#,
            item.target_id,
            user.id
        )
        .fetch_one(&mut *conn)
        .await?;
    if item.owner_id == Some(user.id) || host {
        Ok(item)
    } else {
        Err(AppError::NotFound)
    }
}

async fn path_of(conn: &mut sqlx::PgConnection, item: &Item) -> sqlx::Result<Option<String>> {
    Ok(match item.target {
        Target::Salon => {
            sqlx::query_scalar!("SELECT slug FROM salons WHERE id = $1", item.target_id)
                .fetch_optional(conn)
                .await?
                .map(|slug| crate::salons::visibility::path(item.target_id, &slug))
        }
        Target::Profile => Some(format!("/people/{}", item.target_id)),
        Target::Conversation => sqlx::query!(
            r#"SELECT s.id, s.slug FROM conversation_items c JOIN salons s ON s.id = c.salon_id
               WHERE c.id = $1"#,
            item.target_id
        )
        .fetch_optional(conn)
        .await?
        .map(|s| {
            crate::conversation::anchor_path(
                &crate::salons::visibility::path(s.id, &s.slug),
                item.target_id,
            )
        }),
        Target::Message => None,
    })
}

pub(super) async fn render(
    conn: &mut sqlx::PgConnection,
    f: Frame,
    item: Item,
    shown: Shown,
    action: String,
    now: DateTime<Utc>,
) -> Result<AppealPage, AppError> {
    let path = path_of(conn, &item).await?;
    let suspension = super::suspend::live_for_item(conn, item.id, now).await?;
    Ok(AppealPage {
        kind: item.target.label(&f.tr),
        appealed_on: item
            .appealed_at
            .map(|t| f.tr.datetime(t))
            .unwrap_or_default(),
        appealable: refusal(&item, suspension.is_some()).is_none(),
        suspension,
        path,
        action,
        item,
        form: shown.form,
        problem: shown.problem,
        notice: shown.notice,
        f,
    })
}

/// Records the one appeal of `item` with `note`, by `actor` (its owner), and puts it back in
/// the moderators' queue. In the caller's transaction.
pub(super) async fn record(
    conn: &mut sqlx::PgConnection,
    item: &Item,
    actor: Option<Uuid>,
    note: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    sqlx::query!(
        r#"UPDATE moderation_items SET appeal_note = $2, appealed_at = $3, needs_review = true,
               waiting_since = CASE WHEN needs_review THEN coalesce(waiting_since, updated_at) ELSE $3 END,
               updated_at = $3
           WHERE id = $1"#,
        item.id,
        note,
        now
    )
    .execute(&mut *conn)
    .await?;
    let entry = Entry {
        actor,
        action: "appeal",
        item: Some(item.id),
        subject: item.owner_id,
        note,
    };
    audit::record(conn, entry, now).await?;
    super::told::queued(conn, item.id, super::told::Why::Appeal, now).await?;
    Ok(())
}

/// `GET /moderation/appeals/{item}`.
pub async fn page(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    Ids(item): Ids<ModerationItemId>,
    Query(q): Query<DoneQuery>,
) -> Result<Response, AppError> {
    let id = item.uuid();
    let mut conn = state.db.acquire().await?;
    let item = appealable(&mut conn, id, &user).await?;
    let notice = q
        .done
        .filter(|d| d == "sent")
        .map(|_| f.tr.t("mod-appeal-sent"));
    let shown = Shown {
        form: appeal_form(&f, ""),
        problem: None,
        notice,
    };
    let action = format!("/moderation/appeals/{id}");
    let page = render(&mut conn, f, item, shown, action, state.clock.now()).await?;
    Ok(Page(page).into_response())
}

/// `POST /moderation/appeals/{item}`: the one appeal.
pub async fn submit(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    Ids(item): Ids<ModerationItemId>,
    PostForm(input): PostForm<AppealInput>,
) -> Result<Response, AppError> {
    let id = item.uuid();
    let now = state.clock.now();
    let action = format!("/moderation/appeals/{id}");
    let mut tx = state.db.begin().await?;
    let item = appealable(&mut tx, id, &user).await?;
    let mut form = appeal_form(&f, &input.note);
    let suspended = super::suspend::live_for_item(&mut tx, id, now)
        .await?
        .is_some();
    if let Some(key) = refusal(&item, suspended) {
        let shown = Shown {
            form,
            problem: Some(f.tr.t(key)),
            notice: None,
        };
        let page = render(&mut tx, f, item, shown, action, now).await?;
        return Ok((StatusCode::CONFLICT, Page(page)).into_response());
    }
    let Some(note) = form.check("note", &f.tr, parse_appeal(&input.note)) else {
        return again(&mut tx, f, item, form, action, now).await;
    };
    record(&mut tx, &item, Some(user.id), note.as_str(), now).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/moderation/appeals/{id}?done=sent")).into_response())
}
