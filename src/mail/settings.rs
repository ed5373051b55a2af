//! Which kinds of email a person gets: every non-security mail belongs to a category that the
//! person can have mailed at once, gathered into one mail a day (the frequent kinds), or turned
//! off — at `/notifications/settings`, or off with the one-click link every such mail carries
//! (`List-Unsubscribe` and `List-Unsubscribe-Post`, RFC 8058), without signing in. Whatever
//! is not mailed still shows in the notification centre. Security mail (verification, password
//! reset, email change) and decisions about a person's own role have no category and always
//! arrive.
//!
//! This module is the mechanism: the categories, how a mail honours the person's choice, the
//! unsubscribe link and the digest. The pages where a person chooses are the account
//! feature's.

use chrono::{DateTime, Duration, Utc};
use serde_json::json;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::state::AppState;
use crate::tokens::{self, Purpose};
use crate::web::i18n::Tr;

/// The one-click link's purpose.
pub const UNSUBSCRIBE: Purpose = Purpose("unsubscribe");

/// The categories, in the order the settings page lists them. `moderation` (the daily mail
/// about the moderators' queue) is listed only for moderators, `unit-weekly` (the Monday
/// overview of a unit's inbox) only for those who answer for a unit.
pub const CATEGORIES: [&str; 9] = [
    "invitations",
    "registrations",
    "changes",
    "reminders",
    "followup",
    "conversation",
    "searches",
    "unit-weekly",
    "moderation",
];

/// The category of a mail kind; `None` for mail that cannot be turned off.
pub fn category(kind: &str) -> Option<&'static str> {
    // The digest is made of kinds the person chose to have gathered; it is never held or
    // stopped itself (it says where to change what it gathers).
    // Moderation notices (why content was hidden, a report's outcome, a suspension) concern
    // one's standing on the platform and always arrive, like decisions about one's role.
    if kind.starts_with("account.")
        || kind.starts_with("role.")
        || kind.starts_with("moderation.")
        || kind == DIGEST_KIND
    {
        return None;
    }
    Some(match kind {
        k if k.starts_with("moderator.") => "moderation",
        k if k.starts_with("unit.") => "unit-weekly",
        // New questions to the hosts, answers to the asker.
        k if k.starts_with("conversation.") => "conversation",
        k if k.starts_with("invitation.") => "invitations",
        k if k.starts_with("agreement.") || k.starts_with("decision.") => "followup",
        // Following a politician is following up on who shows up.
        k if k.starts_with("politician.") => "followup",
        "salon.summary" => "followup",
        k if k.starts_with("search.") => "searches",
        "salon.reminder" | "salon.summary-reminder" => "reminders",
        k if k.starts_with("registration.") => "registrations",
        "salon.message" => "registrations",
        _ => "changes",
    })
}

/// The kinds that may be gathered into a daily digest (the frequent ones; invitations and
/// reminders are time-bound and come at once or not at all).
pub const DIGESTIBLE: [&str; 5] = [
    "registrations",
    "changes",
    "followup",
    "searches",
    "conversation",
];

/// How `user` gets `category`: `None` at once, or `"digest"` / `"off"`.
pub async fn mode(
    conn: &mut PgConnection,
    user: Uuid,
    category: &str,
) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar!(
        "SELECT mode FROM mail_preferences WHERE user_id = $1 AND category = $2",
        user,
        category
    )
    .fetch_optional(conn)
    .await
}

/// A one-click link that turns `category` off for `user` (good for a year).
pub async fn unsubscribe_link(
    conn: &mut PgConnection,
    state_base: &str,
    user: Uuid,
    category: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<String> {
    let token = tokens::issue(
        conn,
        UNSUBSCRIBE,
        Some(user),
        json!({ "category": category }),
        now,
        Some(Duration::days(365)),
    )
    .await?;
    Ok(format!(
        "{}/unsubscribe/{token}",
        state_base.trim_end_matches('/')
    ))
}

/// The daily digest's job.
pub const DIGEST_KIND: &str = "mail.digest";

/// When the digest of a message held at `now` goes out: the next 07:00 in Copenhagen.
pub fn digest_at(now: DateTime<Utc>) -> DateTime<Utc> {
    let local = now.with_timezone(&chrono_tz::Europe::Copenhagen);
    let seven = chrono::NaiveTime::from_hms_opt(7, 0, 0).expect("07:00 exists");
    let mut day = local.date_naive();
    if local.time() >= seven {
        day = day.succ_opt().unwrap_or(day);
    }
    crate::clock::copenhagen(day, seven)
}

/// Holds a message for `user`'s digest and makes sure the digest job is due.
pub async fn hold_for_digest(
    conn: &mut PgConnection,
    user: Uuid,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    let at = digest_at(now);
    let key = format!("mail-digest:{user}:{}", at.timestamp());
    let job = crate::jobs::NewJob::new(DIGEST_KIND, json!({ "user": user }), at).unique(key);
    crate::jobs::enqueue(conn, job, now).await?;
    Ok(())
}

/// The digest job: every held message of the person, in one mail, in the order they came.
pub async fn run_digest(state: AppState, job: crate::jobs::Job) -> anyhow::Result<()> {
    let user: Uuid = serde_json::from_value(job.payload["user"].clone())?;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let held = sqlx::query!(
        r#"SELECT id, subject, body_text FROM outbox
           WHERE to_user = $1 AND held_for_digest AND digested_into IS NULL
           ORDER BY created_at, seq FOR UPDATE"#,
        user
    )
    .fetch_all(&mut *tx)
    .await?;
    if held.is_empty() {
        return Ok(());
    }
    let to = super::Recipient::User(user);
    let locale = super::recipient_locale(&mut tx, &to).await?;
    let tr = Tr::new(locale);
    let parts: Vec<String> = held
        .iter()
        .map(|m| format!("== {} ==\n\n{}", m.subject, m.body_text.trim()))
        .collect();
    let args = [
        ("count", (held.len() as i64).into()),
        ("messages", parts.join("\n\n").into()),
    ];
    let message = super::Message::new(
        DIGEST_KIND,
        tr.t_args("mail-digest-subject", &args),
        tr.t_args("mail-digest-body", &args),
    );
    let id = super::notify(&mut tx, now, to, message).await?;
    let ids: Vec<Uuid> = held.iter().map(|m| m.id).collect();
    sqlx::query!(
        "UPDATE outbox SET digested_into = $2 WHERE id = ANY($1)",
        &ids,
        id
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    state.job_wake.notify_one();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{category, digest_at};

    #[test]
    fn security_mail_has_no_category_and_everything_else_has_one() {
        assert_eq!(category("account.verify"), None);
        assert_eq!(category("account.reset"), None);
        assert_eq!(category("role.approved"), None);
        assert_eq!(category("invitation.update"), Some("invitations"));
        assert_eq!(category("registration.registered"), Some("registrations"));
        assert_eq!(category("salon.reminder"), Some("reminders"));
        assert_eq!(category("salon.cancelled"), Some("changes"));
        assert_eq!(category("agreement.update"), Some("followup"));
        assert_eq!(category("moderator.queue"), Some("moderation"));
        assert_eq!(category("unit.weekly"), Some("unit-weekly"));
        assert_eq!(category("search.new-salon"), Some("searches"));
        assert_eq!(category("moderation.notice"), None, "always arrives");
        assert_eq!(
            category(super::DIGEST_KIND),
            None,
            "a digest is never held for a digest"
        );
    }

    #[test]
    fn the_digest_goes_out_at_the_next_seven_in_the_morning_in_copenhagen() {
        let at = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap().to_utc();
        // 1 December is winter time (UTC+1): 07:00 local is 06:00 UTC.
        assert_eq!(
            digest_at(at("2026-12-01T05:00:00Z")),
            at("2026-12-01T06:00:00Z")
        );
        assert_eq!(
            digest_at(at("2026-12-01T09:00:00Z")),
            at("2026-12-02T06:00:00Z")
        );
    }
}
