//! Municipal roles: officials, politicians and admins of a municipality.

mod grant;

pub use grant::grant_admin;

use sqlx::PgPool;
use uuid::Uuid;

/// Whether `user` is an approved admin of the municipality with `slug`.
pub async fn is_admin(db: &PgPool, user: Uuid, slug: &str) -> sqlx::Result<bool> {
    let found = sqlx::query_scalar!(
        r#"SELECT EXISTS (
               SELECT 1 FROM roles r JOIN municipalities m ON m.code = r.municipality_code
               WHERE r.user_id = $1 AND m.slug = $2 AND r.kind = 'admin' AND r.status = 'approved'
           ) AS "found!""#,
        user,
        slug
    )
    .fetch_one(db)
    .await?;
    Ok(found)
}

/// After a person's email changed: roles granted because of the old address's domain go,
/// unless the new address is on a domain of the same municipality.
pub async fn email_changed(
    conn: &mut sqlx::PgConnection,
    user: Uuid,
    new_email: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> sqlx::Result<u64> {
    let domain = new_email
        .rsplit_once('@')
        .map(|(_, d)| d.to_lowercase())
        .unwrap_or_default();
    Ok(sqlx::query!(
        r#"UPDATE roles SET status = 'revoked', decided_at = $3, reason = 'email-domain'
           WHERE user_id = $1 AND granted_by_domain AND status = 'approved'
             AND NOT EXISTS (SELECT 1 FROM municipality_domains d
                             WHERE d.municipality_code = roles.municipality_code AND d.domain = $2)"#,
        user,
        domain,
        now
    )
    .execute(conn)
    .await?
    .rows_affected())
}

/// The person's roles, for their data download.
pub async fn personal_data(
    conn: &mut sqlx::PgConnection,
    user: Uuid,
) -> sqlx::Result<serde_json::Value> {
    let rows = sqlx::query!(
        r#"SELECT m.name AS municipality, r.kind::text AS "kind!", r.title, r.party, r.note, r.status::text AS "status!",
                  r.created_at AS "created_at: chrono::DateTime<chrono::Utc>"
           FROM roles r JOIN municipalities m ON m.code = r.municipality_code
           WHERE r.user_id = $1 ORDER BY r.created_at"#,
        user
    )
    .fetch_all(conn)
    .await?;
    Ok(serde_json::Value::Array(
        rows.into_iter()
            .map(|r| {
                serde_json::json!({
                    "municipality": r.municipality, "role": r.kind, "title": r.title, "party": r.party,
                    "note": r.note, "status": r.status, "requested_at": r.created_at,
                })
            })
            .collect(),
    ))
}

/// Removes the person's roles (on account deletion).
pub async fn erase(conn: &mut sqlx::PgConnection, user: Uuid) -> sqlx::Result<()> {
    sqlx::query!("DELETE FROM roles WHERE user_id = $1", user)
        .execute(conn)
        .await?;
    Ok(())
}

/// The roles feature's routes.
pub fn routes() -> Vec<crate::auth::RouteSpec> {
    Vec::new()
}
