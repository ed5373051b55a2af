//! Reminders to everyone registered, a day and two hours before each session of a published
//! salon, with its time and place or online link.
//!
//! Two kinds of job. [`schedule`] enqueues one job per session, start time and reminder
//! (keyed by all three, like the held job), when a salon is published and whenever its
//! sessions change. When due, that job fans out into one job per registered person, keyed by
//! session, start, reminder and person: however often the fan-out runs (a retry, a second
//! worker), each person is enqueued once, and each of their jobs sends one mail (at least
//! once, as every job). Registering after the fan-out has run is after the reminder's time.
//!
//! Both jobs check again when they run, so nothing is sent for a cancelled salon, a session
//! that has moved (it has jobs of its own for its new time) or someone who cancelled.

use anyhow::Context;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use sqlx::PgConnection;
use uuid::Uuid;

use super::calendar::Where;
use super::{Format, mails, session_when};
use crate::jobs::{self, Job, NewJob};
use crate::mail::{self, Recipient};
use crate::state::AppState;
use crate::web::i18n::Tr;

/// The job per session and reminder, which finds who is registered.
pub const SESSION_KIND: &str = "salon.remind-session";
/// The job per person, which sends the mail.
pub const PERSON_KIND: &str = "salon.remind-person";

/// Which of a session's two reminders.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Which {
    #[serde(rename = "24h")]
    Day,
    #[serde(rename = "2h")]
    Soon,
}

impl Which {
    const ALL: [Which; 2] = [Which::Day, Which::Soon];

    fn before(self) -> Duration {
        match self {
            Which::Day => Duration::hours(24),
            Which::Soon => Duration::hours(2),
        }
    }

    fn key(self) -> &'static str {
        match self {
            Which::Day => "24h",
            Which::Soon => "2h",
        }
    }
}

/// What both jobs carry; `user` only in the person's job.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct Payload {
    salon: Uuid,
    session: Uuid,
    /// The start the job was made for: a session that no longer starts then has moved.
    starts_at: DateTime<Utc>,
    which: Which,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    user: Option<Uuid>,
}

impl Payload {
    /// `{session}:{start}:{24h|2h}`, the part of the unique key both jobs share.
    fn key(&self) -> String {
        format!(
            "{}:{}:{}",
            self.session,
            self.starts_at.timestamp(),
            self.which.key()
        )
    }
}

/// Enqueues the reminders of every session of the salon, if it is published, that are still
/// ahead (idempotent; in the caller's transaction). Called on publishing and after any change
/// to the sessions.
pub async fn schedule(
    conn: &mut PgConnection,
    salon: Uuid,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    let sessions = sqlx::query!(
        r#"SELECT ss.id, ss.starts_at AS "starts_at: DateTime<Utc>"
           FROM salon_sessions ss JOIN salons s ON s.id = ss.salon_id
           WHERE ss.salon_id = $1 AND s.status = 'published' AND ss.starts_at > $2"#,
        salon,
        now
    )
    .fetch_all(&mut *conn)
    .await?;
    for s in sessions {
        for which in Which::ALL {
            let at = s.starts_at - which.before();
            // A reminder whose time has passed is not sent late (published or moved at short
            // notice: the person has just been told anyway).
            if at <= now {
                continue;
            }
            let p = Payload {
                salon,
                session: s.id,
                starts_at: s.starts_at,
                which,
                user: None,
            };
            let key = format!("salon-remind:{}", p.key());
            let job = NewJob::new(
                SESSION_KIND,
                serde_json::to_value(&p).unwrap_or_default(),
                at,
            )
            .unique(key);
            jobs::enqueue(&mut *conn, job, now).await?;
        }
    }
    Ok(())
}

fn payload(job: &Job) -> anyhow::Result<Payload> {
    serde_json::from_value(job.payload.clone()).context("a reminder job's payload")
}

/// The session's job: one job per person registered for it, if the salon is still published
/// and the session still starts when the job was made for, later than now.
pub async fn run_session(state: AppState, job: Job) -> anyhow::Result<()> {
    let p = payload(&job)?;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    // Ordered, so two fan-outs of the same session take the unique keys' locks in one order.
    let people = sqlx::query_scalar!(
        r#"SELECT r.user_id AS "user_id!"
           FROM salon_sessions ss
           JOIN salons s ON s.id = ss.salon_id
           JOIN registration_sessions rs ON rs.session_id = ss.id
           JOIN registrations r ON r.id = rs.registration_id
           JOIN users u ON u.id = r.user_id
           WHERE ss.id = $1 AND ss.salon_id = $2 AND s.status = 'published'
             AND ss.starts_at = $3 AND ss.starts_at > $4
             -- a salon hidden by the moderators reminds nobody
             AND s.hidden_reason IS NULL
             -- those with a seat in this session (seats are per session)
             AND rs.place = 'seat' AND r.status = 'registered' AND u.deleted_at IS NULL
           ORDER BY r.user_id"#,
        p.session,
        p.salon,
        p.starts_at,
        now
    )
    .fetch_all(&mut *tx)
    .await?;
    let n = people.len();
    for user in people {
        let person = Payload {
            user: Some(user),
            ..p.clone()
        };
        let key = format!("reminder:{}:{user}", p.key());
        let job = NewJob::new(
            PERSON_KIND,
            serde_json::to_value(&person).unwrap_or_default(),
            now,
        )
        .unique(key);
        jobs::enqueue(&mut tx, job, now).await?;
    }
    tx.commit().await?;
    if n > 0 {
        state.job_wake.notify_one();
    }
    tracing::debug!(session = %p.session, people = n, "session reminders enqueued");
    Ok(())
}

/// The person's job: the reminder mail, if they are still registered and the session still
/// ahead at the same time, in a published salon.
pub async fn run_person(state: AppState, job: Job) -> anyhow::Result<()> {
    let p = payload(&job)?;
    let user = p.user.context("a person's reminder without a person")?;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let row = sqlx::query!(
        r#"SELECT s.title, s.slug, s.format AS "format: Format", s.place_name, s.address,
                  s.address_private, s.online_link,
                  ss.starts_at AS "starts_at: DateTime<Utc>",
                  ss.ends_at AS "ends_at: DateTime<Utc>",
                  ss.place_name AS session_place_name, ss.address AS session_address,
                  u.name
           FROM salon_sessions ss
           JOIN salons s ON s.id = ss.salon_id
           JOIN registration_sessions rs ON rs.session_id = ss.id
           JOIN registrations r ON r.id = rs.registration_id
           JOIN users u ON u.id = r.user_id
           WHERE ss.id = $1 AND ss.salon_id = $2 AND s.status = 'published'
             AND ss.starts_at = $3 AND ss.starts_at > $4
             AND r.user_id = $5 AND rs.place = 'seat' AND r.status = 'registered'
             AND u.deleted_at IS NULL"#,
        p.session,
        p.salon,
        p.starts_at,
        now,
        user
    )
    .fetch_optional(&mut *tx)
    .await?;
    let Some(row) = row else {
        return Ok(());
    };
    let to = Recipient::User(user);
    let locale = mail::recipient_locale(&mut tx, &to).await?;
    let tr = Tr::new(locale);
    let place = Where {
        format: row.format,
        place_name: &row.place_name,
        address: &row.address,
        address_private: row.address_private,
        online_link: &row.online_link,
    };
    let path = super::visibility::path(p.salon, &row.slug);
    // Registered people may see a private address and the link.
    let about = mails::ReminderAbout {
        name: &row.name,
        title: &row.title,
        path: &path,
        when: session_when(&tr, row.starts_at, row.ends_at),
        place: row
            .format
            .has_place()
            .then(|| place.location(&row.session_place_name, &row.session_address, true))
            .flatten(),
        online_link: row
            .format
            .has_link()
            .then_some(row.online_link.as_str())
            .filter(|l| !l.is_empty()),
    };
    let m = mails::reminder(&state.config, locale, p.which == Which::Soon, &about);
    mail::notify(&mut tx, now, to, m).await?;
    tx.commit().await?;
    state.job_wake.notify_one();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_unique_key_names_session_start_and_reminder() {
        let p = Payload {
            salon: Uuid::nil(),
            session: Uuid::nil(),
            starts_at: DateTime::from_timestamp(1_765_000_000, 0).unwrap(),
            which: Which::Soon,
            user: None,
        };
        assert_eq!(
            p.key(),
            "00000000-0000-0000-0000-000000000000:1765000000:2h"
        );
        let back: Payload = serde_json::from_value(serde_json::to_value(&p).unwrap()).unwrap();
        assert_eq!(back.which, Which::Soon);
        assert_eq!(back.starts_at, p.starts_at);
    }
}
