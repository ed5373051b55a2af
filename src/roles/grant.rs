//! Making admins: [`grant_admin`], the operator's way to give a municipality its first admin
//! (`medspil admin grant`), and the appointment both it and the admins' own form use.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

/// Makes `user` an admin of the municipality: approves their pending admin request, or adds an
/// approved role. False when they already are one.
pub(super) async fn appoint(
    conn: &mut PgConnection,
    user: Uuid,
    code: &str,
    by: Option<Uuid>,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let approved = sqlx::query!(
        r#"UPDATE roles SET status = 'approved', decided_by = $3, decided_at = $4
           WHERE user_id = $1 AND municipality_code = $2 AND kind = 'admin' AND status = 'pending'"#,
        user,
        code,
        by,
        now
    )
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if approved > 0 {
        return Ok(true);
    }
    // The partial unique index on live roles makes a second admin role a no-op.
    let inserted = sqlx::query!(
        r#"INSERT INTO roles (id, user_id, municipality_code, kind, status, decided_by, decided_at, created_at)
           VALUES ($1, $2, $3, 'admin', 'approved', $4, $5, $5) ON CONFLICT DO NOTHING"#,
        Uuid::new_v4(),
        user,
        code,
        by,
        now
    )
    .execute(&mut *conn)
    .await?
    .rows_affected();
    Ok(inserted > 0)
}

/// What [`grant_admin`] did.
#[derive(Debug, PartialEq, Eq)]
pub struct Granted {
    pub name: String,
    pub municipality: String,
    /// The person was an admin already; nothing changed.
    pub already: bool,
}

/// Makes the account with `email` an admin of the municipality with `slug`: how an operator
/// gives a municipality its first admin (`medspil admin grant`). Refuses unknown municipalities,
/// unknown accounts and accounts whose email is not confirmed.
pub async fn grant_admin(
    db: &PgPool,
    email: &str,
    slug: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Granted> {
    let m = crate::municipalities::find_for_operator(db, slug).await?;
    let user = crate::accounts::confirmed_for_operator(db, email).await?;
    let mut tx = db.begin().await?;
    let new = appoint(&mut tx, user.id, &m.code, None, now).await?;
    tx.commit().await?;
    Ok(Granted {
        name: user.name,
        municipality: m.official_name,
        already: !new,
    })
}
