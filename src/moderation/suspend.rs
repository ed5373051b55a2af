//! A suspension and what it does: the account cannot sign in (its sessions end at once), the
//! salons it hosts are hidden, and its invitations that would still send email are withdrawn
//! with their unsent mails. Lifting it — by a moderator, or a job when its period runs out —
//! shows exactly the salons it hid again.

use chrono::{DateTime, Utc};
use serde_json::json;
use sqlx::PgConnection;
use uuid::Uuid;

use super::audit::{self, Entry};
use crate::error::AppError;
use crate::jobs::{self, Job, NewJob};
use crate::state::AppState;

/// The job that ends a suspension for a period when the period is over.
pub const END_KIND: &str = "moderation.suspension_end";

/// A suspension in force.
pub struct Live {
    pub id: Uuid,
    pub ends_at: Option<DateTime<Utc>>,
}

/// The suspension of `user` in force at `now`, if any.
pub async fn live(
    conn: &mut PgConnection,
    user: Uuid,
    now: DateTime<Utc>,
) -> sqlx::Result<Option<Live>> {
    sqlx::query_as!(
        Live,
        r#"SELECT id, ends_at FROM suspensions
           WHERE user_id = $1 AND lifted_at IS NULL AND (ends_at IS NULL OR ends_at > $2)
           ORDER BY ends_at DESC NULLS FIRST LIMIT 1"#,
        user,
        now
    )
    .fetch_optional(conn)
    .await
}

/// Suspends `user` until `ends_at` (`None`: for good), by `moderator`, for `reason` (told to
/// the person). In the caller's transaction.
pub async fn start(
    conn: &mut PgConnection,
    state: &AppState,
    user: Uuid,
    moderator: Uuid,
    ends_at: Option<DateTime<Utc>>,
    reason: &str,
    item: Option<Uuid>,
) -> Result<Uuid, AppError> {
    let now = state.clock.now();
    let id = Uuid::new_v4();
    sqlx::query!(
        r#"INSERT INTO suspensions (id, user_id, starts_at, ends_at, reason, created_by, item_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7)"#,
        id,
        user,
        now,
        ends_at,
        reason,
        moderator,
        item
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!("DELETE FROM sessions WHERE user_id = $1", user)
        .execute(&mut *conn)
        .await?;
    // Its salons: hidden with an empty reason, which the pages show as "the host's account is
    // suspended"; salons already hidden for their own reasons are left as they are.
    sqlx::query!(
        r#"WITH hidden AS (
               UPDATE salons s SET hidden_reason = ''
               WHERE s.hidden_reason IS NULL
                 AND s.id IN (SELECT salon_id FROM salon_hosts WHERE user_id = $2)
               RETURNING s.id)
           INSERT INTO suspension_salons (suspension_id, salon_id) SELECT $1, id FROM hidden"#,
        id,
        user
    )
    .execute(&mut *conn)
    .await?;
    // Its invitations that send email (to private addresses and municipal mailboxes) are
    // withdrawn while open, and their mails not yet sent are dropped.
    let withdrawn = sqlx::query!(
        r#"UPDATE invitations SET status = 'withdrawn', withdrawn_at = $2
           WHERE sent_by = $1 AND status IN ('open', 'proposed')
             AND (target = 'email' OR via_mailbox)
           RETURNING id, email"#,
        user,
        now
    )
    .fetch_all(&mut *conn)
    .await?;
    let addresses: Vec<String> = withdrawn.iter().filter_map(|w| w.email.clone()).collect();
    for w in &withdrawn {
        crate::invitations::record_event(
            conn,
            w.id,
            "withdrawn",
            // In the thread as the platform's doing, not a person's.
            crate::invitations::EventFacts {
                actor_name: "Medspil",
                ..Default::default()
            },
            now,
        )
        .await?;
    }
    sqlx::query!(
        r#"DELETE FROM outbox WHERE sent_at IS NULL AND to_user IS NULL
             AND kind LIKE 'invitation.%' AND lower(to_address) = ANY(SELECT lower(a) FROM unnest($1::text[]) a)"#,
        &addresses
    )
    .execute(&mut *conn)
    .await?;
    if let Some(end) = ends_at {
        let job = NewJob::new(END_KIND, json!({ "suspension": id }), end)
            .unique(format!("suspension-end:{id}"));
        jobs::enqueue(conn, job, now).await?;
    }
    audit::record(
        conn,
        Entry {
            actor: Some(moderator),
            action: "suspend",
            item,
            subject: Some(user),
            note: reason,
        },
        now,
    )
    .await?;
    // The end date in the person's own language.
    let to = crate::mail::Recipient::User(user);
    let tr = crate::web::i18n::Tr::new(crate::mail::recipient_locale(&mut *conn, &to).await?);
    let until = ends_at.map(|end| tr.datetime(end)).unwrap_or_default();
    let key = if ends_at.is_some() {
        "mod-mail-suspended"
    } else {
        "mod-mail-suspended-for-good"
    };
    // They cannot sign in, so the way to appeal is a link of its own.
    let appeal = match item {
        Some(item) => {
            let link = super::appeal_link::issue(conn, state, item, user, now).await?;
            tr.t1("mod-mail-appeal-line", "appeal", &link)
        }
        None => String::new(),
    };
    super::tell(
        conn,
        state,
        user,
        key,
        &[
            ("reason", reason.to_string()),
            ("until", until),
            ("appeal", appeal),
        ],
        "/rules",
    )
    .await?;
    Ok(id)
}

/// The suspension in force at `now` that was decided on `item`, if any: its reason. While it
/// lasts, the item's owner may appeal it (by the link in the suspension mail).
pub async fn live_for_item(
    conn: &mut PgConnection,
    item: Uuid,
    now: DateTime<Utc>,
) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar!(
        r#"SELECT reason FROM suspensions
           WHERE item_id = $1 AND lifted_at IS NULL AND (ends_at IS NULL OR ends_at > $2)
           ORDER BY starts_at DESC LIMIT 1"#,
        item,
        now
    )
    .fetch_optional(conn)
    .await
}

/// Ends suspension `id` (if still in force): its salons are shown again. `actor` is the
/// moderator who lifted it, or `None` when its period ran out.
pub async fn end(
    conn: &mut PgConnection,
    state: &AppState,
    id: Uuid,
    actor: Option<Uuid>,
    item: Option<Uuid>,
    note: &str,
) -> Result<bool, AppError> {
    let now = state.clock.now();
    let Some(user) = sqlx::query_scalar!(
        "UPDATE suspensions SET lifted_at = $2 WHERE id = $1 AND lifted_at IS NULL RETURNING user_id",
        id,
        now
    )
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(false);
    };
    // Only those still hidden for the suspension: a moderator may have hidden one since.
    sqlx::query!(
        r#"UPDATE salons SET hidden_reason = NULL
           WHERE hidden_reason = '' AND id IN (SELECT salon_id FROM suspension_salons WHERE suspension_id = $1)"#,
        id
    )
    .execute(&mut *conn)
    .await?;
    audit::record(
        conn,
        Entry {
            actor,
            action: if actor.is_some() {
                "lift"
            } else {
                "suspension_ended"
            },
            item,
            subject: Some(user),
            note,
        },
        now,
    )
    .await?;
    super::tell(conn, state, user, "mod-mail-lifted", &[], "/sign-in").await?;
    Ok(true)
}

/// The job at the end of a suspension's period.
pub async fn run_end(state: AppState, job: Job) -> anyhow::Result<()> {
    let id: Uuid = serde_json::from_value(job.payload["suspension"].clone())?;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let due = sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM suspensions WHERE id = $1 AND lifted_at IS NULL
                          AND ends_at <= $2) AS "x!""#,
        id,
        now
    )
    .fetch_one(&mut *tx)
    .await?;
    if due {
        end(&mut tx, &state, id, None, None, "")
            .await
            .map_err(|e| anyhow::anyhow!("ending a suspension: {e}"))?;
    }
    tx.commit().await?;
    Ok(())
}
