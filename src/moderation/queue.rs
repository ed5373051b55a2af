//! The moderators' queue (`/moderation`): everything with a report or an appeal waiting,
//! oldest first; and one item's page (`/moderation/items/{item}`) with the reported content,
//! its reports, its history and the actions.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::audit::{self, Line};
use super::{Item, Target, category_label, load_item};
use crate::domain::ids::ModerationItemId;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::forms::{Field, Form};
use crate::web::path::Ids;
use crate::web::{DoneQuery, Frame, Page};

/// A line of the queue.
pub struct QueueLine {
    pub id: Uuid,
    pub kind: String,
    pub label: String,
    pub open_reports: i64,
    pub category: String,
    pub since: String,
    pub appeal: bool,
}

#[derive(Template)]
#[template(path = "moderation/queue.html")]
pub struct QueuePage {
    f: Frame,
    lines: Vec<QueueLine>,
    /// "Det ældste har ventet 3 dage." while anything waits.
    oldest: Option<String>,
}

/// `GET /moderation`. One query for the list (the correlated counts use `reports_by_item`), and
/// one for how long the oldest has waited. Oldest first: since it last entered the queue.
pub async fn page(State(state): State<AppState>, f: Frame) -> Result<Page<QueuePage>, AppError> {
    let now = state.clock.now();
    let rows = sqlx::query!(
        r#"SELECT i.id, i.target::text AS "target!", i.hidden, i.appealed_at,
                  coalesce(i.waiting_since, i.updated_at) AS "since!",
                  coalesce(s.title, u.name, e.actor_name, cu.name, '') AS "label!",
                  (SELECT count(*) FROM reports r WHERE r.item_id = i.id AND r.outcome = 'open') AS "open_reports!",
                  (SELECT r.category::text FROM reports r WHERE r.item_id = i.id
                   ORDER BY r.created_at DESC LIMIT 1) AS "category?",
                  EXISTS (SELECT 1 FROM suspensions su WHERE su.item_id = i.id
                          AND su.lifted_at IS NULL
                          AND (su.ends_at IS NULL OR su.ends_at > $1)) AS "suspended!"
           FROM moderation_items i
           LEFT JOIN salons s ON i.target = 'salon' AND s.id = i.target_id
           LEFT JOIN users u ON i.target = 'profile' AND u.id = i.target_id
           LEFT JOIN invitation_events e ON i.target = 'message' AND e.id = i.target_id
           LEFT JOIN conversation_items c ON i.target = 'conversation' AND c.id = i.target_id
           LEFT JOIN users cu ON cu.id = c.author_id
           WHERE i.needs_review
           ORDER BY coalesce(i.waiting_since, i.updated_at), i.id
           LIMIT 200"#,
        now
    )
    .fetch_all(&state.db)
    .await?;
    let (_, oldest) = super::told::waiting(&mut *state.db.acquire().await?).await?;
    let tr = &f.tr;
    let oldest = oldest.map(|o| {
        tr.t1(
            "mod-queue-oldest",
            "waited",
            &super::told::waited(tr, now, o),
        )
    });
    let lines = rows
        .into_iter()
        .map(|r| QueueLine {
            id: r.id,
            kind: Target::from_db(&r.target).label(tr),
            label: r.label,
            open_reports: r.open_reports,
            category: r
                .category
                .map(|c| category_label(tr, &c))
                .unwrap_or_default(),
            since: tr.datetime(r.since),
            appeal: (r.hidden || r.suspended) && r.appealed_at.is_some(),
        })
        .collect();
    Ok(Page(QueuePage { f, lines, oldest }))
}

/// The reported content as a moderator reads it.
pub struct Content {
    pub title: String,
    pub text: String,
    /// Where it lives on the site, when it has a page of its own.
    pub path: Option<String>,
    pub gone: bool,
}

/// One report on the item's page.
pub struct ReportLine {
    pub when: String,
    pub reporter: String,
    pub category: String,
    pub note: String,
    pub outcome: String,
}

/// A choice of how long a suspension lasts.
pub struct Duration {
    pub value: &'static str,
    pub label: String,
    pub checked: bool,
}

/// The lengths a moderator chooses between ("permanent" is for good).
pub const DURATIONS: [&str; 5] = ["7", "30", "90", "365", "permanent"];

#[derive(Template)]
#[template(path = "moderation/item.html")]
pub struct ItemPage {
    pub f: Frame,
    pub item: Item,
    pub kind: String,
    pub content: Content,
    pub reports: Vec<ReportLine>,
    pub lines: Vec<Line>,
    pub owner: Option<String>,
    /// "suspenderet til …" while the owner's account is suspended.
    pub suspended: Option<String>,
    pub hide_form: Form,
    pub suspend_form: Form,
    pub durations: Vec<Duration>,
    pub duration_error: Option<String>,
    /// A message about the whole page (someone else acted first, nothing to do).
    pub problem: Option<String>,
    pub notice: Option<String>,
    /// The owner's appeal waits for a decision.
    pub appeal_waiting: bool,
    /// The owner is suspended on this item and may still appeal: a new appeal link can be sent.
    pub can_send_appeal_link: bool,
}

pub fn hide_form(f: &Frame, reason: &str) -> Form {
    Form::new(vec![
        Field::new(
            &f.tr,
            "public_reason",
            "textarea",
            "mod-field-public-reason",
        )
        .value(reason)
        .hint(&f.tr, "mod-field-public-reason-hint"),
    ])
    .prefixed("hide")
}

pub fn suspend_form(f: &Frame, reason: &str) -> Form {
    Form::new(vec![
        Field::new(&f.tr, "reason", "textarea", "mod-field-suspend-reason")
            .value(reason)
            .hint(&f.tr, "mod-field-suspend-reason-hint"),
    ])
    .prefixed("suspend")
}

pub fn durations(f: &Frame, chosen: &str) -> Vec<Duration> {
    DURATIONS
        .iter()
        .map(|d| Duration {
            value: d,
            label: f.tr.t(&format!("mod-duration-{d}")),
            checked: *d == chosen,
        })
        .collect()
}

async fn content(
    conn: &mut sqlx::PgConnection,
    f: &Frame,
    item: &Item,
) -> Result<Content, AppError> {
    let gone = || Content {
        title: f.tr.t("mod-content-gone"),
        text: String::new(),
        path: None,
        gone: true,
    };
    Ok(match item.target {
        Target::Salon => sqlx::query!(
            "SELECT title, slug, question, description FROM salons WHERE id = $1",
            item.target_id
        )
        .fetch_optional(&mut *conn)
        .await?
        .map_or_else(gone, |s| Content {
            path: Some(crate::salons::visibility::path(item.target_id, &s.slug)),
            text: format!("{}\n\n{}", s.question, s.description),
            title: s.title,
            gone: false,
        }),
        Target::Message => sqlx::query!(
            "SELECT actor_name, message FROM invitation_events WHERE id = $1",
            item.target_id
        )
        .fetch_optional(&mut *conn)
        .await?
        .map_or_else(gone, |m| Content {
            title: f.tr.t1("mod-message-from", "name", &m.actor_name),
            text: m.message,
            path: None,
            gone: false,
        }),
        Target::Profile => sqlx::query!(
            "SELECT name FROM users WHERE id = $1 AND deleted_at IS NULL",
            item.target_id
        )
        .fetch_optional(&mut *conn)
        .await?
        .map_or_else(gone, |u| Content {
            title: u.name,
            text: String::new(),
            path: Some(format!("/people/{}", item.target_id)),
            gone: false,
        }),
        Target::Conversation => sqlx::query!(
            r#"SELECT c.body, c.deleted_by_author, s.slug, s.id AS salon_id, u.name
               FROM conversation_items c JOIN salons s ON s.id = c.salon_id
               JOIN users u ON u.id = c.author_id WHERE c.id = $1"#,
            item.target_id
        )
        .fetch_optional(&mut *conn)
        .await?
        .filter(|c| !c.deleted_by_author)
        .map_or_else(gone, |c| Content {
            title: f.tr.t1("mod-conversation-from", "name", &c.name),
            text: c.body,
            path: Some(crate::conversation::anchor_path(
                &crate::salons::visibility::path(c.salon_id, &c.slug),
                item.target_id,
            )),
            gone: false,
        }),
    })
}

/// What the item page's forms hold when it is drawn again after an error.
#[derive(Default)]
pub struct Forms {
    pub hide: Option<Form>,
    pub suspend: Option<(Form, String, Option<String>)>,
    pub problem: Option<String>,
    pub notice: Option<String>,
}

/// Builds the item page.
pub async fn render(
    state: &AppState,
    f: Frame,
    id: Uuid,
    forms: Forms,
) -> Result<ItemPage, AppError> {
    let mut conn = state.db.acquire().await?;
    let item = load_item(&mut conn, id).await?;
    let content = content(&mut conn, &f, &item).await?;
    let tr = &f.tr;
    let reports = sqlx::query!(
        r#"SELECT r.created_at, r.category::text AS "category!", r.note, r.outcome::text AS "outcome!",
                  u.name AS "reporter?"
           FROM reports r LEFT JOIN users u ON u.id = r.reporter_id
           WHERE r.item_id = $1 ORDER BY r.created_at"#,
        id
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|r| ReportLine {
        when: tr.datetime(r.created_at),
        reporter: r
            .reporter
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| tr.t("salon-deleted-user")),
        category: category_label(tr, &r.category),
        note: r.note,
        outcome: tr.t(&format!("mod-outcome-{}", r.outcome)),
    })
    .collect();
    let lines = audit::lines(&mut conn, tr, Some(id), 200).await?;
    let now = state.clock.now();
    let (owner, suspended) = match item.owner_id {
        Some(owner) => {
            let name = sqlx::query_scalar!("SELECT name FROM users WHERE id = $1", owner)
                .fetch_one(&mut *conn)
                .await?;
            let live = super::suspend::live(&mut conn, owner, now).await?;
            (Some(name), live.map(|s| suspended_text(&f, s.ends_at)))
        }
        None => (None, None),
    };
    let suspended_here = super::suspend::live_for_item(&mut conn, id, now)
        .await?
        .is_some();
    let appeal_waiting = item.appeal_waiting(suspended_here);
    let can_send_appeal_link = suspended_here
        && item.owner_id.is_some()
        && super::appeal::refusal(&item, suspended_here).is_none();
    let hide_form = forms
        .hide
        .unwrap_or_else(|| hide_form(&f, &item.public_reason));
    let (suspend_form, chosen, duration_error) = forms
        .suspend
        .unwrap_or_else(|| (suspend_form(&f, ""), "30".to_string(), None));
    Ok(ItemPage {
        kind: item.target.label(tr),
        durations: durations(&f, &chosen),
        item,
        content,
        reports,
        lines,
        owner,
        suspended,
        hide_form,
        suspend_form,
        duration_error,
        problem: forms.problem,
        notice: forms.notice,
        appeal_waiting,
        can_send_appeal_link,
        f,
    })
}

/// "Suspenderet til og med …" or "Suspenderet for altid".
pub fn suspended_text(f: &Frame, ends_at: Option<DateTime<Utc>>) -> String {
    match ends_at {
        Some(end) => f.tr.t1("mod-suspended-until", "date", &f.tr.datetime(end)),
        None => f.tr.t("mod-suspended-for-good"),
    }
}

/// `GET /moderation/items/{item}`.
pub async fn item(
    State(state): State<AppState>,
    f: Frame,
    Ids(item): Ids<ModerationItemId>,
    Query(q): Query<DoneQuery>,
) -> Result<Response, AppError> {
    let id = item.uuid();
    let notice = crate::web::done_notice(
        &f.tr,
        "mod",
        q.done.as_deref(),
        &[
            "dismiss",
            "hide",
            "restore",
            "uphold",
            "suspend",
            "lift",
            "appeal-link",
        ],
    );
    let forms = Forms {
        notice,
        ..Forms::default()
    };
    Ok(Page(render(&state, f, id, forms).await?).into_response())
}
