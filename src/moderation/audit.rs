//! The audit log: every moderator action (and every appeal, and a suspension running out),
//! in order, at `/moderation/log`. PostgreSQL refuses to change or delete its rows
//! (`migrations/0019_moderation.sql`), so it can be trusted to say what happened.

use askama::Template;
use axum::extract::State;
use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use crate::error::AppError;
use crate::state::AppState;
use crate::web::i18n::Tr;
use crate::web::{Frame, Page};

/// One entry to add.
pub struct Entry<'a> {
    /// Who acted; `None` for the platform itself.
    pub actor: Option<Uuid>,
    /// `dismiss`, `hide`, `restore`, `uphold`, `suspend`, `lift`, `suspension_ended`, `appeal`,
    /// `appeal_link` (a moderator sent a new appeal link).
    pub action: &'static str,
    pub item: Option<Uuid>,
    /// The account concerned (the owner, the suspended person).
    pub subject: Option<Uuid>,
    pub note: &'a str,
}

impl<'a> Entry<'a> {
    /// A moderator's `action` on `item`, its owner the one concerned.
    pub fn moderator(actor: Uuid, action: &'static str, item: &super::Item, note: &'a str) -> Self {
        Entry {
            actor: Some(actor),
            action,
            item: Some(item.id),
            subject: item.owner_id,
            note,
        }
    }
}

/// Adds `entry` to the log, in the caller's transaction.
pub async fn record(
    conn: &mut PgConnection,
    entry: Entry<'_>,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query!(
        r#"INSERT INTO moderation_log (id, at, actor_id, action, item_id, subject_id, note)
           VALUES ($1, $2, $3, $4, $5, $6, $7)"#,
        Uuid::new_v4(),
        now,
        entry.actor,
        entry.action,
        entry.item,
        entry.subject,
        entry.note
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// A log entry as the pages show it.
pub struct Line {
    pub when: String,
    pub actor: String,
    pub action: String,
    pub item: Option<Uuid>,
    pub subject: String,
    pub note: String,
}

/// The newest `limit` entries, or those of one item (oldest first then). One query.
pub async fn lines(
    conn: &mut PgConnection,
    tr: &Tr,
    item: Option<Uuid>,
    limit: i64,
) -> sqlx::Result<Vec<Line>> {
    let rows = sqlx::query!(
        r#"SELECT l.at, l.action, l.item_id, l.note, l.actor_id,
                  a.name AS "actor?", s.name AS "subject?"
           FROM moderation_log l
           LEFT JOIN users a ON a.id = l.actor_id
           LEFT JOIN users s ON s.id = l.subject_id
           WHERE $1::uuid IS NULL OR l.item_id = $1
           ORDER BY CASE WHEN $1::uuid IS NULL THEN -l.seq ELSE l.seq END
           LIMIT $2"#,
        item,
        limit
    )
    .fetch_all(conn)
    .await?;
    let name = |n: Option<String>| match n {
        Some(n) if n.is_empty() => tr.t("salon-deleted-user"),
        Some(n) => n,
        None => String::new(),
    };
    Ok(rows
        .into_iter()
        .map(|r| Line {
            when: tr.datetime(r.at),
            actor: if r.actor_id.is_none() {
                tr.t("mod-log-platform")
            } else {
                name(r.actor)
            },
            action: tr.t(&format!("mod-action-{}", r.action.replace('_', "-"))),
            item: r.item_id,
            subject: name(r.subject),
            note: r.note,
        })
        .collect())
}

#[derive(Template)]
#[template(path = "moderation/log.html")]
pub struct LogPage {
    f: Frame,
    lines: Vec<Line>,
}

/// `GET /moderation/log`: the newest 500 entries.
pub async fn page(State(state): State<AppState>, f: Frame) -> Result<Page<LogPage>, AppError> {
    let mut conn = state.db.acquire().await?;
    let lines = lines(&mut conn, &f.tr, None, 500).await?;
    Ok(Page(LogPage { f, lines }))
}
