//! A person's invitations and updates to agreements in their data download, and what account
//! deletion does to them.

use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use sqlx::PgConnection;
use uuid::Uuid;

use crate::error::AppError;

/// The invitations the person sent, everything they did on invitations and the internal notes
/// they wrote (`invitations`).
pub async fn personal_data(conn: &mut PgConnection, user: Uuid) -> Result<Value, AppError> {
    let sent = sqlx::query!(
        r#"SELECT i.id, s.title, i.target::text AS "target!", i.email, i.message, i.reply_by,
                  i.status::text AS "status!", i.sent_at
           FROM invitations i JOIN salons s ON s.id = i.salon_id
           WHERE i.sent_by = $1 ORDER BY i.sent_at"#,
        user
    )
    .fetch_all(&mut *conn)
    .await?;
    let acted = sqlx::query!(
        r#"SELECT e.invitation_id, e.kind, e.message, e.at FROM invitation_events e
           WHERE e.actor_id = $1 ORDER BY e.at"#,
        user
    )
    .fetch_all(&mut *conn)
    .await?;
    let notes = sqlx::query!(
        r#"SELECT n.invitation_id, s.title, n.body, n.at FROM invitation_notes n
           JOIN invitations i ON i.id = n.invitation_id JOIN salons s ON s.id = i.salon_id
           WHERE n.author_id = $1 ORDER BY n.seq"#,
        user
    )
    .fetch_all(&mut *conn)
    .await?;
    let agreements = sqlx::query!(
        r#"SELECT u.agreement_id, a.description, u.status::text AS "status!", u.note, u.at
           FROM agreement_updates u JOIN agreements a ON a.id = u.agreement_id
           WHERE u.actor_id = $1 ORDER BY u.at"#,
        user
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(json!({
        "agreement_updates": agreements.into_iter().map(|r| json!({
            "agreement": r.agreement_id, "description": r.description, "status": r.status,
            "note": r.note, "at": r.at,
        })).collect::<Vec<_>>(),
        "sent": sent.into_iter().map(|r| json!({
            "id": r.id, "salon": r.title, "target": r.target, "email": r.email,
            "message": r.message, "reply_by": r.reply_by, "status": r.status, "sent_at": r.sent_at,
        })).collect::<Vec<_>>(),
        "internal_notes": notes.into_iter().map(|r| json!({
            "invitation": r.invitation_id, "salon": r.title, "note": r.body, "at": r.at,
        })).collect::<Vec<_>>(),
        "actions": acted.into_iter().map(|r| json!({
            "invitation": r.invitation_id, "kind": r.kind, "message": r.message, "at": r.at,
        })).collect::<Vec<_>>(),
    }))
}

/// Before an account is erased: the answers and messages stay (the salon and the response
/// record rely on them) but no longer carry the name; private addresses the person invited
/// are forgotten; invitations held by the person go back to their municipality, whose admins
/// pass them on; what they had taken ("Jeg tager den") is free to take again.
pub async fn on_account_deleted(
    conn: &mut PgConnection,
    user: Uuid,
    _now: DateTime<Utc>,
) -> Result<(), AppError> {
    sqlx::query!(
        "UPDATE invitation_events SET actor_name = '' WHERE actor_id = $1",
        user
    )
    .execute(&mut *conn)
    .await?;
    // Internal notes are the municipality's working record: they stay, without the name.
    sqlx::query!(
        "UPDATE invitation_notes SET author_name = '' WHERE author_id = $1",
        user
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "UPDATE agreement_updates SET actor_name = '' WHERE actor_id = $1",
        user
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "UPDATE invitations SET answered_by_name = '' WHERE answered_by = $1",
        user
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "UPDATE invitations SET email = NULL WHERE sent_by = $1 AND target = 'email'",
        user
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "UPDATE invitations SET holder_user_id = NULL WHERE holder_user_id = $1",
        user
    )
    .execute(&mut *conn)
    .await?;
    // What they had taken is nobody's until a colleague takes it.
    sqlx::query!(
        "UPDATE invitations SET claimed_by = NULL, claimed_at = NULL WHERE claimed_by = $1",
        user
    )
    .execute(&mut *conn)
    .await?;
    // Which weeks they were mailed the unit's overview: of no use once they are gone.
    sqlx::query!("DELETE FROM unit_weekly_mails WHERE user_id = $1", user)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
