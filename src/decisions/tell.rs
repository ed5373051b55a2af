//! Who is told what about a decision. Each is sent once. The summary goes out inside the
//! transaction of the change; news for the followers (who may be many) is one job enqueued in
//! that transaction ([`KIND`]), whose run mails each of them in its own transaction — a retry
//! starts over, and two workers never run the same job:
//! - a public salon linked to it (once published): its followers ("decision.salon");
//! - that salon's published summary: those who answer for the responsible unit, or the unit's
//!   mailbox when no one answers for it ("decision.summary"); the deciding committee's members
//!   get it in their briefing before the meeting ([`super::briefing`]), or on its own once
//!   that has gone out;
//! - a new meeting date: the hosts of every linked salon and the followers ("decision.moved");
//! - the outcome: the hosts of every linked salon and the followers ("decision.decided");
//! - taken off the agenda, with the reason: the same people ("decision.withdrawn").

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::PgConnection;
use uuid::Uuid;

use crate::error::AppError;
use crate::jobs::{self, Job, NewJob};
use crate::mail::{self, Recipient};
use crate::state::AppState;
use crate::web::i18n::{Locale, Tr};

/// Tells the followers of each decision that salon `salon` is linked to, once the salon is
/// public and published and they have not been told of it yet.
pub async fn salon_published(
    conn: &mut PgConnection,
    state: &AppState,
    salon: Uuid,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let news = sqlx::query!(
        r#"UPDATE salon_decisions sd SET announced_at = $2
           FROM salons s, decisions d, municipalities m
           WHERE sd.salon_id = $1 AND s.id = sd.salon_id AND d.id = sd.decision_id
             AND m.code = d.municipality_code AND sd.announced_at IS NULL
             AND s.visibility = 'public' AND s.hidden_reason IS NULL AND s.status IN ('published', 'held', 'closed')
           RETURNING d.id, d.title, m.slug, s.title AS salon_title, s.slug AS salon_slug"#,
        salon,
        now
    )
    .fetch_all(&mut *conn)
    .await?;
    for n in news {
        let salon_link = state
            .config
            .link(&crate::salons::visibility::path(salon, &n.salon_slug));
        let news = News {
            decision: n.id,
            title: n.title,
            path: super::path(&n.slug, n.id),
            event: Event::Salon {
                salon,
                salon_title: n.salon_title,
                salon_link,
            },
        };
        fan_out(conn, state, &news).await?;
    }
    Ok(())
}

/// Sends salon `salon`'s published summary to the responsible unit of each decision it is
/// linked to (and to the committee, once its briefing has gone out), once per link.
pub async fn summary_published(
    conn: &mut PgConnection,
    state: &AppState,
    salon: Uuid,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let news = sqlx::query!(
        r#"UPDATE salon_decisions sd SET summary_sent_at = $2
           FROM salons s, decisions d, municipalities m, units u
           WHERE sd.salon_id = $1 AND s.id = sd.salon_id AND d.id = sd.decision_id
             AND m.code = d.municipality_code AND u.id = d.unit_id
             AND sd.summary_sent_at IS NULL AND s.summary_published_at IS NOT NULL
             AND s.visibility = 'public' AND s.hidden_reason IS NULL
           RETURNING d.id, d.title, d.unit_id, d.committee_id, d.meeting_on, m.slug, u.contact_email,
                     s.title AS salon_title, s.slug AS salon_slug, s.summary"#,
        salon,
        now
    )
    .fetch_all(&mut *conn)
    .await?;
    for n in news {
        // Those who answer for the unit; the committee's members gather the summaries in
        // their briefing before the meeting, and get one on its own only once that has gone.
        let briefed = super::briefing::sent(conn, n.committee_id, n.meeting_on).await?;
        let people = sqlx::query!(
            r#"SELECT DISTINCT r.user_id, ru.unit_id = $1 AS "for_unit!"
               FROM role_units ru JOIN roles r ON r.id = ru.role_id
               JOIN users u ON u.id = r.user_id
               WHERE r.status = 'approved' AND u.deleted_at IS NULL
                 AND ((ru.unit_id = $1 AND ru.answers_for) OR (ru.unit_id = $2 AND $3))"#,
            n.unit_id,
            n.committee_id,
            briefed
        )
        .fetch_all(&mut *conn)
        .await?;
        let args = [
            ("decision", n.title.clone()),
            ("salon", n.salon_title.clone()),
            ("summary", n.summary.clone()),
            (
                "salon_link",
                state
                    .config
                    .link(&crate::salons::visibility::path(salon, &n.salon_slug)),
            ),
        ];
        let path = super::path(&n.slug, n.id);
        let mut seen = std::collections::HashSet::new();
        for p in &people {
            if seen.insert(p.user_id) {
                mail::notify_text(
                    conn,
                    state,
                    Recipient::User(p.user_id),
                    "decision.summary",
                    "dec-mail-summary",
                    &args,
                    &path,
                )
                .await?;
            }
        }
        if !people.iter().any(|p| p.for_unit)
            && let Some(email) = n.contact_email.filter(|e| !e.is_empty())
        {
            let to = Recipient::Address {
                email,
                locale: Locale::Da,
            };
            mail::notify_text(
                conn,
                state,
                to,
                "decision.summary",
                "dec-mail-summary",
                &args,
                &path,
            )
            .await?;
        }
    }
    Ok(())
}

/// Tells the hosts of every salon linked to decision `d` and its followers of `event`: that it
/// is decided, taken off the agenda, or moved to another day.
pub(super) async fn news(
    conn: &mut PgConnection,
    state: &AppState,
    d: &super::Decision,
    event: Event,
) -> Result<(), AppError> {
    fan_out(conn, state, &News::of(d, event)).await
}

/// The job that mails one piece of news to everyone it concerns.
pub const KIND: &str = "decision.tell";

/// What a [`KIND`] job tells, about which decision.
#[derive(Debug, Serialize, Deserialize)]
struct News {
    decision: Uuid,
    title: String,
    path: String,
    event: Event,
}

impl News {
    fn of(d: &super::Decision, event: Event) -> News {
        News {
            decision: d.id,
            title: d.title.clone(),
            path: d.path(),
            event,
        }
    }
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub(super) enum Event {
    /// A linked salon was published: its followers (not its hosts).
    Salon {
        salon: Uuid,
        salon_title: String,
        salon_link: String,
    },
    /// The rest go to the hosts of every linked salon and the followers. Decided: the outcome
    /// and the minutes' address.
    Decided { outcome: String, minutes: String },
    /// Taken off the agenda, and why.
    Withdrawn { reason: String },
    /// To be decided on `day`: a salon planned before the old date may need to move.
    Moved { day: NaiveDate },
}

/// Enqueues the job that tells `news`, in the caller's transaction.
async fn fan_out(conn: &mut PgConnection, state: &AppState, news: &News) -> Result<(), AppError> {
    let now = state.clock.now();
    let payload = serde_json::to_value(news).map_err(anyhow::Error::from)?;
    jobs::enqueue(conn, NewJob::new(KIND, payload, now), now).await?;
    state.job_wake.notify_one();
    Ok(())
}

/// Runs a [`KIND`] job: one mail to each person the news concerns, all in one transaction.
pub async fn run(state: AppState, job: Job) -> anyhow::Result<()> {
    let news: News = serde_json::from_value(job.payload)?;
    let mut tx = state.db.begin().await?;
    let people = match &news.event {
        Event::Salon { salon, .. } => followers(&mut tx, news.decision, *salon).await?,
        _ => involved(&mut tx, news.decision).await?,
    };
    for user in people {
        let to = Recipient::User(user);
        let title = ("decision", news.title.clone());
        let (kind, key, args) = match &news.event {
            Event::Salon {
                salon_title,
                salon_link,
                ..
            } => (
                "decision.salon",
                "dec-mail-salon",
                vec![
                    title,
                    ("salon", salon_title.clone()),
                    ("salon_link", salon_link.clone()),
                ],
            ),
            Event::Decided { outcome, minutes } => (
                "decision.decided",
                "dec-mail-decided",
                vec![
                    title,
                    ("outcome", outcome.clone()),
                    ("minutes", minutes.clone()),
                ],
            ),
            Event::Withdrawn { reason } => (
                "decision.withdrawn",
                "dec-mail-withdrawn",
                vec![title, ("reason", reason.clone())],
            ),
            // The day is written in each person's own language.
            Event::Moved { day } => {
                let tr = Tr::new(mail::recipient_locale(&mut tx, &to).await?);
                (
                    "decision.moved",
                    "dec-mail-moved",
                    vec![title, ("day", tr.day(*day))],
                )
            }
        };
        mail::notify_text(&mut tx, &state, to, kind, key, &args, &news.path).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The followers of decision `id` who do not host salon `salon`, in the order they followed.
async fn followers(conn: &mut PgConnection, id: Uuid, salon: Uuid) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar!(
        r#"SELECT f.user_id FROM decision_followers f JOIN users u ON u.id = f.user_id
               WHERE f.decision_id = $1 AND u.deleted_at IS NULL
                 AND NOT EXISTS (SELECT 1 FROM salon_hosts h
                                 WHERE h.salon_id = $2 AND h.user_id = f.user_id)
               ORDER BY f.since"#,
        id,
        salon
    )
    .fetch_all(conn)
    .await
}

/// The hosts of every salon linked to decision `id`, and its followers.
async fn involved(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar!(
        r#"SELECT x.user_id AS "user_id!" FROM (
               SELECT h.user_id FROM salon_decisions sd
               JOIN salon_hosts h ON h.salon_id = sd.salon_id WHERE sd.decision_id = $1
               UNION
               SELECT user_id FROM decision_followers WHERE decision_id = $1) x
           JOIN users u ON u.id = x.user_id WHERE u.deleted_at IS NULL
           ORDER BY 1"#,
        id
    )
    .fetch_all(conn)
    .await
}
