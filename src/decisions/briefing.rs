//! "Før udvalgsmødet": three days before a committee's meeting, each of its members gets one
//! mail about that meeting's decisions that salons are about — each salon's published summary
//! and its open next steps — instead of one mail per summary as they come. The unit preparing
//! a case still gets each summary at once ([`super::tell::summary_published`]); a summary
//! published after the briefing went out still reaches the committee on its own, so nothing
//! arrives too late to be read.
//!
//! A job per committee and meeting day ([`KIND`], unique key), enqueued whenever a decision is
//! written; a moved meeting enqueues the new day's job, and a job finds the decisions due that
//! day when it runs. Each member's mail is recorded in `committee_briefings`, so two workers
//! or a retried job never mail anyone twice.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::PgConnection;
use uuid::Uuid;

use crate::jobs::{self, Job, NewJob};
use crate::mail::{self, Recipient};
use crate::state::AppState;
use crate::web::i18n::Tr;

/// The job that sends one committee's briefing for one meeting day.
pub const KIND: &str = "decision.briefing";

/// How long before the meeting day the briefing goes out.
const DAYS_BEFORE: i64 = 3;

#[derive(Debug, Serialize, Deserialize)]
struct Payload {
    committee: Uuid,
    meeting_on: NaiveDate,
}

/// 07:00 in Copenhagen three days before `meeting_on`: read in the morning, days before the
/// meeting's papers are final.
fn send_at(meeting_on: NaiveDate) -> DateTime<Utc> {
    let day = meeting_on - Duration::days(DAYS_BEFORE);
    crate::clock::copenhagen(day, NaiveTime::from_hms_opt(7, 0, 0).expect("07:00 exists"))
}

/// Makes sure committee `committee`'s briefing for `meeting_on` is queued, in the caller's
/// transaction (once per committee and day: the key makes a second call do nothing). A
/// decision published less than three days ahead is briefed at once.
pub async fn schedule(
    conn: &mut PgConnection,
    committee: Uuid,
    meeting_on: NaiveDate,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    let payload = serde_json::json!(Payload {
        committee,
        meeting_on
    });
    let job = NewJob::new(KIND, payload, send_at(meeting_on).max(now))
        .unique(format!("{KIND}:{committee}:{meeting_on}"));
    jobs::enqueue(conn, job, now).await?;
    Ok(())
}

/// Whether the committee's briefing for `meeting_on` has gone out: a summary published after
/// it is sent to the committee on its own.
pub async fn sent(
    conn: &mut PgConnection,
    committee: Uuid,
    meeting_on: NaiveDate,
) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM committee_briefings
                          WHERE committee_id = $1 AND meeting_on = $2) AS "sent!""#,
        committee,
        meeting_on
    )
    .fetch_one(conn)
    .await
}

/// One salon in the briefing.
struct SalonPart {
    title: String,
    link: String,
    summary: Option<String>,
    steps: Vec<String>,
}

/// One decision in the briefing, with its salons.
struct DecisionPart {
    title: String,
    link: String,
    salons: Vec<SalonPart>,
}

/// Runs a [`KIND`] job: the committee's members each get one mail, in one transaction.
pub async fn run(state: AppState, job: Job) -> anyhow::Result<()> {
    let p: Payload = serde_json::from_value(job.payload)?;
    let mut tx = state.db.begin().await?;
    // The decisions still due that day, with their public salons; one statement.
    let rows = sqlx::query!(
        r#"SELECT d.id, d.title, m.slug, c.name AS committee, s.id AS salon_id,
                  s.slug AS salon_slug, s.title AS salon_title,
                  CASE WHEN s.summary_published_at IS NOT NULL THEN s.summary END AS summary,
                  coalesce((SELECT array_agg(a.description ORDER BY a.created_at)
                            FROM agreements a WHERE a.salon_id = s.id
                              AND a.status IN ('proposed', 'agreed', 'in_progress')), '{}')
                    AS "steps!"
           FROM decisions d JOIN municipalities m ON m.code = d.municipality_code
           JOIN units c ON c.id = d.committee_id
           JOIN salon_decisions sd ON sd.decision_id = d.id
           JOIN salons s ON s.id = sd.salon_id
           WHERE d.committee_id = $1 AND d.meeting_on = $2 AND d.status = 'upcoming'
             AND s.visibility = 'public' AND s.hidden_reason IS NULL
             AND s.status IN ('published', 'held', 'closed')
           ORDER BY d.title, d.id, s.first_starts_at, s.id"#,
        p.committee,
        p.meeting_on
    )
    .fetch_all(&mut *tx)
    .await?;
    let Some(committee) = rows.first().map(|r| r.committee.clone()) else {
        return Ok(());
    };
    let mut decisions: Vec<DecisionPart> = Vec::new();
    for r in rows {
        if decisions
            .last()
            .is_none_or(|d| d.link != link_of(&state, &r.slug, r.id))
        {
            decisions.push(DecisionPart {
                title: r.title.clone(),
                link: link_of(&state, &r.slug, r.id),
                salons: Vec::new(),
            });
        }
        if let Some(d) = decisions.last_mut() {
            d.salons.push(SalonPart {
                title: r.salon_title,
                link: state
                    .config
                    .link(&crate::salons::visibility::path(r.salon_id, &r.salon_slug)),
                summary: r.summary.filter(|s| !s.trim().is_empty()),
                steps: r.steps,
            });
        }
    }
    // Every approved member of the committee, each once per meeting.
    let members = sqlx::query_scalar!(
        r#"INSERT INTO committee_briefings (committee_id, meeting_on, user_id, sent_at)
           SELECT DISTINCT $1::uuid, $2::date, r.user_id, $3::timestamptz
           FROM role_units ru JOIN roles r ON r.id = ru.role_id JOIN users u ON u.id = r.user_id
           WHERE ru.unit_id = $1 AND r.status = 'approved' AND u.deleted_at IS NULL
           ON CONFLICT DO NOTHING
           RETURNING user_id"#,
        p.committee,
        p.meeting_on,
        state.clock.now()
    )
    .fetch_all(&mut *tx)
    .await?;
    let path = format!("/municipalities/{}/decisions", slug_of(&decisions));
    for user in members {
        let to = Recipient::User(user);
        let tr = Tr::new(mail::recipient_locale(&mut tx, &to).await?);
        let args = [
            ("committee", committee.clone()),
            ("day", tr.day(p.meeting_on)),
            ("cases", cases_text(&tr, &decisions)),
        ];
        mail::notify_text(&mut tx, &state, to, KIND, "dec-mail-briefing", &args, &path).await?;
    }
    tx.commit().await?;
    Ok(())
}

fn link_of(state: &AppState, slug: &str, id: Uuid) -> String {
    state.config.link(&super::path(slug, id))
}

/// The municipality's slug, read back from a decision's link (all share one municipality).
fn slug_of(decisions: &[DecisionPart]) -> String {
    decisions
        .first()
        .and_then(|d| d.link.split("/municipalities/").nth(1))
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_default()
        .to_string()
}

/// The body's middle: each decision, its salons, their summaries and open next steps, as
/// plain text in the reader's language.
fn cases_text(tr: &Tr, decisions: &[DecisionPart]) -> String {
    let mut out = String::new();
    for d in decisions {
        out.push_str(&format!("## {}\n{}\n", d.title, d.link));
        for s in &d.salons {
            out.push_str(&format!("\n### {}\n{}\n", s.title, s.link));
            match &s.summary {
                Some(summary) => {
                    out.push_str(&format!("\n{}:\n{}\n", tr.t("dec-salon-summary"), summary))
                }
                None => out.push_str(&format!("\n{}\n", tr.t("dec-salon-no-summary"))),
            }
            if !s.steps.is_empty() {
                out.push_str(&format!("\n{}:\n", tr.t("dec-mail-briefing-steps")));
                for step in &s.steps {
                    out.push_str(&format!("- {step}\n"));
                }
            }
        }
        out.push('\n');
    }
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_briefing_goes_at_seven_in_copenhagen_three_days_before() {
        let meeting = NaiveDate::from_ymd_opt(2026, 12, 10).unwrap();
        // Winter time: 07:00 in Copenhagen is 06:00 UTC.
        assert_eq!(send_at(meeting).to_rfc3339(), "2026-12-07T06:00:00+00:00");
    }
}
