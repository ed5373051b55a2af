//! "Anmeld": the report form for a salon (`/salons/{key}/report`), a message in an
//! invitation's thread (`/messages/{message}/report`), a public profile
//! (`/people/{person}/report`) and an item of a salon's conversation
//! (`/questions/{question}/report`). Only someone who can see the thing may report it; to anyone
//! else it does not exist. A report puts the thing in the moderators' queue.

use askama::Template;
use axum::Form as PostForm;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use uuid::Uuid;

use super::{CATEGORIES, Target, category_label};
use crate::auth::CurrentUser;
use crate::domain::ids::{ConversationItemId, InvitationEventId, UserId};
use crate::domain::{Body, Invalid};
use crate::error::AppError;
use crate::salons::visibility::{SalonKey, load_visible};
use crate::state::AppState;
use crate::web::forms::{Field, Form};
use crate::web::path::Ids;
use crate::web::{DoneQuery, Frame, Page};

/// The thing being reported, as the form names it.
struct Reported {
    target: Target,
    id: Uuid,
    owner: Option<Uuid>,
    /// What the form says is reported: the salon's title, "a message from …", a name.
    what: String,
    /// Where the person came from.
    back: String,
    /// The form's own address.
    action: String,
}

pub struct CategoryOption {
    pub value: &'static str,
    pub label: String,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "moderation/report.html")]
pub struct ReportPage {
    f: Frame,
    heading: String,
    r_what: String,
    back: String,
    action: String,
    categories: Vec<CategoryOption>,
    category_error: Option<String>,
    form: Form,
    sent: bool,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ReportInput {
    category: String,
    note: String,
}

fn note_form(f: &Frame, input: &ReportInput) -> Form {
    Form::new(vec![
        Field::new(&f.tr, "note", "textarea", "mod-field-note")
            .value(&input.note)
            .hint(&f.tr, "mod-field-note-hint")
            .optional(),
    ])
}

/// What the reporter adds: at most 2,000 characters, may be empty.
pub fn parse_note(raw: &str) -> Result<Body<2000>, Invalid> {
    Body::parse(raw).map_err(|e| e.long("mod-error-note-too-long"))
}

fn page(
    f: Frame,
    r: &Reported,
    input: &ReportInput,
    form: Form,
    category_error: Option<String>,
    sent: bool,
) -> ReportPage {
    let categories = CATEGORIES
        .iter()
        .map(|c| CategoryOption {
            value: c,
            label: category_label(&f.tr, c),
            checked: input.category == *c,
        })
        .collect();
    ReportPage {
        heading: f.tr.t(&format!("mod-report-title-{}", r.target.as_str())),
        r_what: r.what.clone(),
        back: r.back.clone(),
        action: r.action.clone(),
        categories,
        category_error,
        form,
        sent,
        f,
    }
}

fn show(f: Frame, r: Reported, q: DoneQuery) -> Response {
    let sent = q.done.as_deref() == Some("sent");
    let input = ReportInput::default();
    let form = note_form(&f, &input);
    Page(page(f, &r, &input, form, None, sent)).into_response()
}

async fn submit(
    state: &AppState,
    f: Frame,
    user: &CurrentUser,
    r: Reported,
    input: ReportInput,
) -> Result<Response, AppError> {
    let mut form = note_form(&f, &input);
    let note = form.check("note", &f.tr, parse_note(&input.note));
    let category = CATEGORIES.iter().find(|c| **c == input.category);
    let category_error = category.is_none().then(|| f.tr.t("mod-error-category"));
    let (Some(note), Some(category)) = (note, category) else {
        let p = page(f, &r, &input, form, category_error, false);
        return Ok(Page::invalid(p));
    };
    let thing = Thing {
        target: r.target,
        id: r.id,
        owner: r.owner,
    };
    report(state, user.id, thing, category, &note).await?;
    Ok(Redirect::to(&format!("{}?done=sent", r.action)).into_response())
}

/// What is reported: a salon, a message or a profile, and whose it is.
#[derive(Clone, Copy, Debug)]
pub struct Thing {
    pub target: Target,
    pub id: Uuid,
    pub owner: Option<Uuid>,
}

/// Puts `thing` in the moderators' queue with `reporter`'s report (`category` one of
/// [`CATEGORIES`]). The caller has checked that the reporter can see it.
pub async fn report(
    state: &AppState,
    reporter: Uuid,
    thing: Thing,
    category: &str,
    note: &Body<2000>,
) -> Result<(), AppError> {
    let r = thing;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    // Whether it waits already: a report on a waiting item tells the moderators nothing new,
    // and does not restart how long it has waited.
    let waiting = sqlx::query_scalar!(
        r#"SELECT needs_review FROM moderation_items
           WHERE target = $1::text::moderation_target AND target_id = $2 FOR UPDATE"#,
        r.target.as_str(),
        r.id
    )
    .fetch_optional(&mut *tx)
    .await?
    .unwrap_or(false);
    // One item per reported thing: a new report puts it (back) in the queue.
    let item = sqlx::query_scalar!(
        r#"INSERT INTO moderation_items (id, target, target_id, owner_id, created_at, updated_at,
               waiting_since)
           VALUES ($1, $2::text::moderation_target, $3, $4, $5, $5, $5)
           ON CONFLICT (target, target_id)
           DO UPDATE SET needs_review = true, updated_at = EXCLUDED.updated_at,
               waiting_since = CASE WHEN moderation_items.needs_review
                                    THEN coalesce(moderation_items.waiting_since,
                                                  moderation_items.updated_at)
                                    ELSE EXCLUDED.waiting_since END
           RETURNING id"#,
        Uuid::new_v4(),
        r.target.as_str(),
        r.id,
        r.owner,
        now
    )
    .fetch_one(&mut *tx)
    .await?;
    if !waiting {
        super::told::queued(&mut tx, item, super::told::Why::Report, now).await?;
    }
    // A second report from the same person while the first waits adds nothing.
    sqlx::query!(
        r#"INSERT INTO reports (id, item_id, reporter_id, category, note, created_at)
           VALUES ($1, $2, $3, $4::text::report_category, $5, $6)
           ON CONFLICT (item_id, reporter_id) WHERE outcome = 'open' DO NOTHING"#,
        Uuid::new_v4(),
        item,
        reporter,
        category,
        note.as_str(),
        now
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

async fn salon(state: &AppState, key: &SalonKey, user: &CurrentUser) -> Result<Reported, AppError> {
    let id = key.id.uuid();
    let salon = load_visible(&state.db, id, Some(user)).await?;
    let owner = sqlx::query_scalar!("SELECT created_by FROM salons WHERE id = $1", id)
        .fetch_one(&state.db)
        .await?;
    Ok(Reported {
        target: Target::Salon,
        id,
        owner: Some(owner),
        what: salon.title.clone(),
        back: salon.path(),
        action: format!("{}/report", salon.path()),
    })
}

async fn profile(state: &AppState, person: UserId) -> Result<Reported, AppError> {
    let id = person.uuid();
    // Only public profiles: people with a verified municipal role.
    let name = sqlx::query_scalar!(
        r#"SELECT u.name FROM users u WHERE u.id = $1 AND u.deleted_at IS NULL
             AND EXISTS (SELECT 1 FROM roles r WHERE r.user_id = u.id AND r.status = 'approved'
                         AND r.kind <> 'admin')"#,
        id
    )
    .fetch_optional(&state.db)
    .await?
    .ok_or(AppError::NotFound)?;
    Ok(Reported {
        target: Target::Profile,
        id,
        owner: Some(id),
        what: name,
        back: format!("/people/{id}"),
        action: format!("/people/{id}/report"),
    })
}

async fn message(
    state: &AppState,
    f: &Frame,
    message: InvitationEventId,
    user: &CurrentUser,
) -> Result<Reported, AppError> {
    let id = message.uuid();
    // Those in the thread see its messages: the salon's hosts and whoever may answer the
    // invitation (and its writer).
    let m = sqlx::query!(
        r#"SELECT e.actor_id, e.actor_name, e.invitation_id, s.id AS salon_id, s.slug,
                  EXISTS (SELECT 1 FROM salon_hosts h WHERE h.salon_id = s.id AND h.user_id = $2) AS "host!",
                  EXISTS (SELECT 1 FROM invitation_answerers a
                          WHERE a.invitation_id = e.invitation_id AND a.user_id = $2) AS "answers!"
           FROM invitation_events e JOIN invitations i ON i.id = e.invitation_id
           JOIN salons s ON s.id = i.salon_id
           WHERE e.id = $1 AND e.message <> ''"#,
        id,
        user.id
    )
    .fetch_optional(&state.db)
    .await?
    .ok_or(AppError::NotFound)?;
    if !(m.host || m.answers || m.actor_id == Some(user.id)) {
        return Err(AppError::NotFound);
    }
    // One's own words are taken back by asking the moderators, not by reporting them; the
    // link is not offered either.
    if m.actor_id == Some(user.id) {
        return Err(AppError::Forbidden);
    }
    let back = if m.host {
        format!(
            "{}/invitations",
            crate::salons::visibility::path(m.salon_id, &m.slug)
        )
    } else {
        format!("/inbox/{}", m.invitation_id)
    };
    Ok(Reported {
        target: Target::Message,
        id,
        owner: m.actor_id,
        what: f.tr.t1("mod-message-from", "name", &m.actor_name),
        back,
        action: format!("/messages/{id}/report"),
    })
}

async fn conversation(
    state: &AppState,
    f: &Frame,
    id: ConversationItemId,
    user: &CurrentUser,
) -> Result<Reported, AppError> {
    let id = id.uuid();
    let c = sqlx::query!(
        r#"SELECT c.salon_id, c.author_id, c.deleted_by_author, u.name
           FROM conversation_items c JOIN users u ON u.id = c.author_id WHERE c.id = $1"#,
        id
    )
    .fetch_optional(&state.db)
    .await?
    .ok_or(AppError::NotFound)?;
    // Only those who see the salon see its conversation; a hidden salon hides it.
    let salon = load_visible(&state.db, c.salon_id, Some(user)).await?;
    if salon.hidden_reason.is_some() || c.deleted_by_author {
        return Err(AppError::NotFound);
    }
    // As with messages: one's own words are deleted, not reported.
    if c.author_id == user.id {
        return Err(AppError::Forbidden);
    }
    let back = crate::conversation::anchor_path(&salon.path(), id);
    Ok(Reported {
        target: Target::Conversation,
        id,
        owner: Some(c.author_id),
        what: f.tr.t1("mod-conversation-from", "name", &c.name),
        back,
        action: format!("/questions/{id}/report"),
    })
}

/// `GET /questions/{question}/report`.
pub async fn conversation_form(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    Ids(id): Ids<ConversationItemId>,
    Query(q): Query<DoneQuery>,
) -> Result<Response, AppError> {
    let r = conversation(&state, &f, id, &user).await?;
    Ok(show(f, r, q))
}

/// `POST /questions/{question}/report`.
pub async fn conversation_submit(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    Ids(id): Ids<ConversationItemId>,
    PostForm(input): PostForm<ReportInput>,
) -> Result<Response, AppError> {
    let r = conversation(&state, &f, id, &user).await?;
    submit(&state, f, &user, r, input).await
}

/// `GET /salons/{key}/report`.
pub async fn salon_form(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    Ids(key): Ids<SalonKey>,
    Query(q): Query<DoneQuery>,
) -> Result<Response, AppError> {
    Ok(show(f, salon(&state, &key, &user).await?, q))
}

/// `POST /salons/{key}/report`.
pub async fn salon_submit(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    Ids(key): Ids<SalonKey>,
    PostForm(input): PostForm<ReportInput>,
) -> Result<Response, AppError> {
    let r = salon(&state, &key, &user).await?;
    submit(&state, f, &user, r, input).await
}

/// `GET /people/{person}/report`.
pub async fn profile_form(
    State(state): State<AppState>,
    f: Frame,
    _user: CurrentUser,
    Ids(person): Ids<UserId>,
    Query(q): Query<DoneQuery>,
) -> Result<Response, AppError> {
    Ok(show(f, profile(&state, person).await?, q))
}

/// `POST /people/{person}/report`.
pub async fn profile_submit(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    Ids(person): Ids<UserId>,
    PostForm(input): PostForm<ReportInput>,
) -> Result<Response, AppError> {
    let r = profile(&state, person).await?;
    submit(&state, f, &user, r, input).await
}

/// `GET /messages/{message}/report`.
pub async fn message_form(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    Ids(id): Ids<InvitationEventId>,
    Query(q): Query<DoneQuery>,
) -> Result<Response, AppError> {
    let r = message(&state, &f, id, &user).await?;
    Ok(show(f, r, q))
}

/// `POST /messages/{message}/report`.
pub async fn message_submit(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    Ids(id): Ids<InvitationEventId>,
    PostForm(input): PostForm<ReportInput>,
) -> Result<Response, AppError> {
    let r = message(&state, &f, id, &user).await?;
    submit(&state, f, &user, r, input).await
}
