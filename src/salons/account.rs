//! A person's salons in their data download, and what account deletion does to them: a salon
//! with a co-host passes to the co-hosts; one without is cancelled with notice.

use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use sqlx::PgConnection;
use uuid::Uuid;

use super::SalonStatus;
use super::lifecycle::{NOTIFY_CANCELLED_KIND, mark_cancelled};
use crate::error::AppError;
use crate::jobs::{self, NewJob};
use crate::web::i18n::{Locale, Tr};

/// The salons the person hosts, for the data download (`salons_hosted`).
pub async fn personal_data(conn: &mut PgConnection, user: Uuid) -> Result<Value, AppError> {
    let rows = sqlx::query!(
        r#"SELECT s.id, s.title, s.question, s.status AS "status: SalonStatus", s.created_at,
                  s.summary, s.summary_published_at,
                  h.is_creator, h.added_at,
                  coalesce(array_agg(ss.starts_at ORDER BY ss.starts_at)
                           FILTER (WHERE ss.id IS NOT NULL), '{}') AS "sessions!: Vec<DateTime<Utc>>"
           FROM salon_hosts h JOIN salons s ON s.id = h.salon_id
           LEFT JOIN salon_sessions ss ON ss.salon_id = s.id
           WHERE h.user_id = $1
           GROUP BY s.id, h.is_creator, h.added_at
           ORDER BY s.created_at"#,
        user
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(Value::Array(
        rows.into_iter()
            .map(|r| {
                json!({
                    "id": r.id,
                    "title": r.title,
                    "question": r.question,
                    "status": format!("{:?}", r.status).to_lowercase(),
                    "created_at": r.created_at,
                    "created_by_you": r.is_creator,
                    "host_since": r.added_at,
                    "sessions_start": r.sessions,
                    "summary": r.summary,
                    "summary_published_at": r.summary_published_at,
                })
            })
            .collect(),
    ))
}

/// Before an account is erased: every salon the person hosts with others passes to them; a
/// draft or published salon they host alone is cancelled, and a job tells everyone registered
/// (the mail needs the site's address, which the deletion's transaction does not carry).
pub async fn on_account_deleted(
    conn: &mut PgConnection,
    user: Uuid,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    super::cohosts::on_account_deleted(conn, user).await?;
    let salons = sqlx::query!(
        r#"SELECT h.salon_id,
                  (SELECT count(*) FROM salon_hosts o
                   WHERE o.salon_id = h.salon_id AND o.user_id <> $1) AS "others!"
           FROM salon_hosts h WHERE h.user_id = $1
           FOR UPDATE OF h"#,
        user
    )
    .fetch_all(&mut *conn)
    .await?;
    for s in salons {
        if s.others > 0 {
            sqlx::query!(
                "DELETE FROM salon_hosts WHERE salon_id = $1 AND user_id = $2",
                s.salon_id,
                user
            )
            .execute(&mut *conn)
            .await?;
            continue;
        }
        // The message is stored once and shown to all: in Danish, the site's language.
        let message = Tr::new(Locale::Da).t("salon-cancelled-host-deleted");
        if mark_cancelled(conn, s.salon_id, &message, now).await? {
            let job = NewJob::new(
                NOTIFY_CANCELLED_KIND,
                json!({ "salon": s.salon_id, "by": user }),
                now,
            )
            .unique(format!("salon-cancelled:{}", s.salon_id));
            jobs::enqueue(conn, job, now).await?;
        }
    }
    Ok(())
}
