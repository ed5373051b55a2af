//! `medspil admin grant`: the operator makes the first admin of a municipality.

use anyhow::{Context, bail};
use chrono::{DateTime, Utc};
use sqlx::PgPool;
use uuid::Uuid;

/// Makes the account with `email` an approved admin of the municipality `slug`. Idempotent:
/// an existing admin stays one. Refuses, in one sentence, an unknown account or municipality.
pub async fn grant_admin(
    db: &PgPool,
    email: &str,
    slug: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let mut tx = db.begin().await?;
    let user = sqlx::query_scalar!(
        "SELECT id FROM users WHERE lower(email) = lower($1) AND deleted_at IS NULL",
        email.trim()
    )
    .fetch_optional(&mut *tx)
    .await?
    .with_context(|| {
        format!(
            "there is no account with the email {}; the person must register first",
            email.trim()
        )
    })?;
    let Some(code) = sqlx::query_scalar!(
        "SELECT code FROM municipalities WHERE slug = $1",
        slug.trim()
    )
    .fetch_optional(&mut *tx)
    .await?
    else {
        bail!(
            "there is no municipality with the slug {}; see /municipalities for the slugs",
            slug.trim()
        );
    };
    sqlx::query!(
        r#"INSERT INTO roles (id, user_id, municipality_code, kind, status, decided_at, created_at)
           VALUES ($1, $2, $3, 'admin', 'approved', $4, $4)
           ON CONFLICT (user_id, municipality_code, kind) WHERE status IN ('pending', 'approved')
           DO UPDATE SET status = 'approved', decided_at = $4"#,
        Uuid::new_v4(),
        user,
        code,
        now,
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}
