//! A person's part of decisions: what they follow (personal, erased with the account), and
//! what they did in a municipal role — published, recorded, linked — which stays, credited to
//! "slettet bruger" like an official's answer to an invitation.

use serde_json::{Value, json};
use sqlx::PgConnection;
use uuid::Uuid;

use crate::error::AppError;

pub async fn personal_data(conn: &mut PgConnection, user: Uuid) -> Result<Value, AppError> {
    let followed = sqlx::query!(
        r#"SELECT d.title, m.slug, d.id, f.since FROM decision_followers f
           JOIN decisions d ON d.id = f.decision_id
           JOIN municipalities m ON m.code = d.municipality_code
           WHERE f.user_id = $1 ORDER BY f.since"#,
        user
    )
    .fetch_all(&mut *conn)
    .await?;
    let acted = sqlx::query!(
        r#"SELECT d.title, m.slug, d.id, d.created_by = $1 AS "published!",
                  coalesce(d.decided_by = $1, false) AS "recorded!", d.created_at, d.decided_at
           FROM decisions d JOIN municipalities m ON m.code = d.municipality_code
           WHERE d.created_by = $1 OR d.decided_by = $1 ORDER BY d.created_at"#,
        user
    )
    .fetch_all(&mut *conn)
    .await?;
    let linked = sqlx::query!(
        r#"SELECT s.title AS salon, d.title AS decision, sd.linked_at FROM salon_decisions sd
           JOIN salons s ON s.id = sd.salon_id JOIN decisions d ON d.id = sd.decision_id
           WHERE sd.linked_by = $1 ORDER BY sd.linked_at"#,
        user
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(json!({
        "following": followed.iter().map(|f| json!({
            "decision": f.title, "path": super::path(&f.slug, f.id), "since": f.since,
        })).collect::<Vec<_>>(),
        "published_or_recorded": acted.iter().map(|a| json!({
            "decision": a.title, "path": super::path(&a.slug, a.id),
            "published": a.published, "published_at": a.created_at,
            "recorded_outcome": a.recorded, "decided_at": a.decided_at,
        })).collect::<Vec<_>>(),
        "salons_linked": linked.iter().map(|l| json!({
            "salon": l.salon, "decision": l.decision, "at": l.linked_at,
        })).collect::<Vec<_>>(),
    }))
}

/// Forgets what the person follows.
pub async fn erase(conn: &mut PgConnection, user: Uuid) -> Result<(), AppError> {
    sqlx::query!("DELETE FROM decision_followers WHERE user_id = $1", user)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
