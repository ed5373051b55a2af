//! The demo's moderation: Mona is one of the platform's moderators, and one report waits in
//! her queue.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

pub async fn seed(
    tx: &mut PgConnection,
    now: DateTime<Utc>,
    salons: &HashMap<&str, Uuid>,
    people: &HashMap<&str, Uuid>,
) -> anyhow::Result<()> {
    sqlx::query("INSERT INTO platform_moderators (user_id, granted_at) VALUES ($1, $2)")
        .bind(people["mona"])
        .bind(now - Duration::days(40))
        .execute(&mut *tx)
        .await?;
    let item = Uuid::new_v4();
    let at = now - Duration::hours(5);
    sqlx::query(
        "INSERT INTO moderation_items (id, target, target_id, owner_id, created_at, updated_at)
         VALUES ($1, 'salon', $2, $3, $4, $4)",
    )
    .bind(item)
    .bind(salons["Fremtidens Galten – tre tirsdage"])
    .bind(people["karen"])
    .bind(at)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO reports (id, item_id, reporter_id, category, note, created_at)
         VALUES ($1, $2, $3, 'misinformation', $4, $5)",
    )
    .bind(Uuid::new_v4())
    .bind(item)
    .bind(people["mads"])
    .bind("Beskrivelsen siger, at biblioteket lukker, men det har kommunen ikke besluttet.")
    .bind(at)
    .execute(&mut *tx)
    .await?;
    Ok(())
}
