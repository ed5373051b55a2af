//! `/dev/mailbox`: the outbox as a developer reads it, with whole bodies and working links.
//! Mounted only when `MEDSPIL_DEV_MAILBOX=1` and the site is not served over https.

use askama::Template;
use axum::extract::State;
use axum::routing::get;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::auth::{Access, RouteSpec};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::path::Ids;
use crate::web::{Frame, Page};

pub fn routes() -> Vec<RouteSpec> {
    vec![
        RouteSpec::get("/dev/mailbox", Access::Public, get(list)),
        RouteSpec::get("/dev/mailbox/{id}", Access::Public, get(show)),
    ]
}

struct MailRow {
    id: Uuid,
    kind: String,
    to_address: String,
    subject: String,
    created: String,
    sent: bool,
}

#[derive(Template)]
#[template(path = "dev/mailbox.html")]
struct MailboxPage {
    f: Frame,
    messages: Vec<MailRow>,
}

async fn list(State(state): State<AppState>, f: Frame) -> Result<Page<MailboxPage>, AppError> {
    let rows = sqlx::query!(
        r#"SELECT id, kind, to_address, subject, created_at AS "created_at: DateTime<Utc>", sent_at IS NOT NULL AS "sent!"
           FROM outbox ORDER BY seq DESC LIMIT 200"#
    )
    .fetch_all(&state.db)
    .await?;
    let messages = rows
        .into_iter()
        .map(|r| MailRow {
            id: r.id,
            kind: r.kind,
            to_address: r.to_address,
            subject: r.subject,
            created: f.tr.datetime(r.created_at),
            sent: r.sent,
        })
        .collect();
    Ok(Page(MailboxPage { f, messages }))
}

#[derive(Template)]
#[template(path = "dev/message.html")]
struct MessagePage {
    f: Frame,
    kind: String,
    to_address: String,
    subject: String,
    created: String,
    body: Vec<BodyPart>,
    attachments: Vec<String>,
}

async fn show(
    State(state): State<AppState>,
    f: Frame,
    Ids(id): Ids<Uuid>,
) -> Result<Page<MessagePage>, AppError> {
    let row = sqlx::query!(
        r#"SELECT kind, to_address, subject, body_text, created_at AS "created_at: DateTime<Utc>",
                  ARRAY(SELECT filename FROM outbox_attachments WHERE message_id = o.id ORDER BY position) AS "attachments!"
           FROM outbox o WHERE id = $1"#,
        id
    )
    .fetch_optional(&state.db)
    .await?
    .ok_or(AppError::NotFound)?;
    Ok(Page(MessagePage {
        created: f.tr.datetime(row.created_at),
        f,
        kind: row.kind,
        to_address: row.to_address,
        subject: row.subject,
        body: split_links(&row.body_text),
        attachments: row.attachments,
    }))
}

/// A piece of a mail body: plain text, or a link the developer can click.
struct BodyPart {
    text: String,
    is_link: bool,
}

/// Splits `text` into text and http(s) links (which end at whitespace).
fn split_links(text: &str) -> Vec<BodyPart> {
    let mut parts = Vec::new();
    let mut rest = text;
    while let Some(start) = ["http://", "https://"]
        .iter()
        .filter_map(|p| rest.find(p))
        .min()
    {
        let end = rest[start..]
            .find(char::is_whitespace)
            .map_or(rest.len(), |e| start + e);
        if start > 0 {
            parts.push(BodyPart {
                text: rest[..start].to_string(),
                is_link: false,
            });
        }
        parts.push(BodyPart {
            text: rest[start..end].to_string(),
            is_link: true,
        });
        rest = &rest[end..];
    }
    if !rest.is_empty() {
        parts.push(BodyPart {
            text: rest.to_string(),
            is_link: false,
        });
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::split_links;

    #[test]
    fn links_in_a_body_become_clickable() {
        let parts = split_links("Hej\nKlik https://x.dk/a?b=1 nu");
        let links: Vec<_> = parts
            .iter()
            .filter(|p| p.is_link)
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(links, ["https://x.dk/a?b=1"]);
        assert_eq!(
            parts.iter().map(|p| p.text.as_str()).collect::<String>(),
            "Hej\nKlik https://x.dk/a?b=1 nu"
        );
    }
}
