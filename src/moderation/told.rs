//! Moderators hear of what waits: when a report or an appeal puts something in the queue,
//! each moderator gets a notice in the app at once; and while anything waits, one mail a day
//! at 07:00 Copenhagen time says how much and how long the oldest has waited. The mail is its
//! own kind in the mail settings ("Moderationskøen"), so a moderator may turn it off.

use chrono::{DateTime, Utc};
use fluent_templates::fluent_bundle::FluentValue;
use serde_json::json;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::error::AppError;
use crate::jobs::{self, Job, NewJob};
use crate::mail::{self, Message, Recipient};
use crate::state::AppState;
use crate::web::i18n::Tr;

/// The job that mails the moderators while anything waits, once a day.
pub const DAILY_KIND: &str = "moderation.queue-mail";

/// The kind of the daily mail (its category in the mail settings is "moderation").
pub const QUEUE_MAIL_KIND: &str = "moderator.queue";

/// What put an item in the queue.
#[derive(Clone, Copy, Debug)]
pub enum Why {
    Report,
    Appeal,
}

/// The platform's moderators with live accounts.
async fn moderators(conn: &mut PgConnection) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar!(
        r#"SELECT m.user_id FROM platform_moderators m JOIN users u ON u.id = m.user_id
           WHERE u.deleted_at IS NULL ORDER BY m.user_id"#
    )
    .fetch_all(conn)
    .await
}

/// `item` has just entered the queue: every moderator is told in the app, and the daily mail
/// is due the next morning. In the caller's transaction.
pub async fn queued(
    conn: &mut PgConnection,
    item: Uuid,
    why: Why,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let key = match why {
        Why::Report => "mod-notice-report",
        Why::Appeal => "mod-notice-appeal",
    };
    let path = format!("/moderation/items/{item}");
    for moderator in moderators(conn).await? {
        let to = Recipient::User(moderator);
        let tr = Tr::new(mail::recipient_locale(conn, &to).await?);
        crate::notifications::notify_in_app(
            conn,
            moderator,
            "moderator.report",
            &tr.t(key),
            &path,
            now,
        )
        .await?;
    }
    schedule(conn, now).await?;
    Ok(())
}

/// Makes sure the daily mail is due at the next 07:00 (one job per morning).
async fn schedule(conn: &mut PgConnection, now: DateTime<Utc>) -> sqlx::Result<()> {
    let at = mail::settings::digest_at(now);
    let job =
        NewJob::new(DAILY_KIND, json!({}), at).unique(format!("{DAILY_KIND}:{}", at.timestamp()));
    jobs::enqueue(conn, job, now).await?;
    Ok(())
}

/// "5 timer", "1 dag": how long something has waited, as people say it.
pub fn waited(tr: &Tr, now: DateTime<Utc>, since: DateTime<Utc>) -> String {
    let minutes = (now - since).num_minutes().max(0);
    if minutes < 60 {
        tr.count("mod-waited-minutes", minutes)
    } else if minutes < 24 * 60 {
        tr.count("mod-waited-hours", minutes / 60)
    } else {
        tr.count("mod-waited-days", minutes / (24 * 60))
    }
}

/// How much waits, and since when the oldest has.
pub async fn waiting(conn: &mut PgConnection) -> sqlx::Result<(i64, Option<DateTime<Utc>>)> {
    let row = sqlx::query!(
        r#"SELECT count(*) AS "count!", min(coalesce(waiting_since, updated_at)) AS oldest
           FROM moderation_items WHERE needs_review"#
    )
    .fetch_one(conn)
    .await?;
    Ok((row.count, row.oldest))
}

/// The daily job: while anything waits, one mail to each moderator, and the next morning's.
pub async fn run_daily(state: AppState, _job: Job) -> anyhow::Result<()> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let (count, oldest) = waiting(&mut tx).await?;
    let Some(oldest) = oldest.filter(|_| count > 0) else {
        return Ok(());
    };
    for moderator in moderators(&mut tx).await? {
        let to = Recipient::User(moderator);
        let tr = Tr::new(mail::recipient_locale(&mut tx, &to).await?);
        let args = [
            ("count", FluentValue::from(count)),
            ("oldest", waited(&tr, now, oldest).into()),
            ("link", state.config.link("/moderation").into()),
        ];
        let message = Message::new(
            QUEUE_MAIL_KIND,
            tr.t_args("mod-mail-queue-subject", &args),
            tr.t_args("mod-mail-queue-body", &args),
        )
        .linking_to("/moderation");
        mail::notify(&mut tx, now, to, message).await?;
    }
    schedule(&mut tx, now).await?;
    tx.commit().await?;
    state.job_wake.notify_one();
    Ok(())
}
