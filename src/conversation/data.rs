//! A person's questions, comments and replies: in their data download, and gone with their
//! account — except answers given in a municipal role, which are the municipality's answer and
//! stay under "slettet bruger", as invitation answers do.

use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use sqlx::PgConnection;
use uuid::Uuid;

use crate::error::AppError;

/// Everything the person wrote in salons' conversations, for the download.
pub async fn personal_data(conn: &mut PgConnection, user: Uuid) -> Result<Value, AppError> {
    let rows = sqlx::query!(
        r#"SELECT c.id, s.title AS salon, c.kind, c.parent_id, c.body, c.answered, c.pinned,
                  un.name AS "unit?", c.hidden_reason, c.deleted_by_author, c.created_at
           FROM conversation_items c JOIN salons s ON s.id = c.salon_id
           LEFT JOIN units un ON un.id = c.role_unit_id
           WHERE c.author_id = $1 ORDER BY c.created_at, c.seq"#,
        user
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(Value::Array(
        rows.into_iter()
            .map(|r| {
                json!({
                    "id": r.id, "salon": r.salon, "section": r.kind, "reply_to": r.parent_id,
                    "text": r.body, "answered": r.answered, "pinned": r.pinned,
                    "answered_for_unit": r.unit, "hidden_reason": r.hidden_reason,
                    "deleted_by_you": r.deleted_by_author, "created_at": r.created_at,
                })
            })
            .collect(),
    ))
}

/// On account deletion: the person's own words go. Replies go at once; a question or comment
/// that others answered keeps its place, emptied and marked deleted, so their answers stay
/// readable. Answers in a municipal role stay, shown as from "slettet bruger".
pub async fn erase(
    conn: &mut PgConnection,
    user: Uuid,
    _now: DateTime<Utc>,
) -> Result<(), AppError> {
    sqlx::query!(
        r#"DELETE FROM conversation_items
           WHERE author_id = $1 AND role_unit_id IS NULL AND parent_id IS NOT NULL"#,
        user
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        r#"DELETE FROM conversation_items c
           WHERE c.author_id = $1 AND c.parent_id IS NULL
             AND NOT EXISTS (SELECT 1 FROM conversation_items r WHERE r.parent_id = c.id)"#,
        user
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        r#"UPDATE conversation_items SET body = '', deleted_by_author = true
           WHERE author_id = $1 AND role_unit_id IS NULL"#,
        user
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}
