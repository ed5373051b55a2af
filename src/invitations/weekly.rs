//! The unit's weekly mail, Monday 07:00 Copenhagen: to each person who answers for a unit,
//! the unit's open invitations and who has them, the next steps it owns that are due this
//! week or overdue, and its record for the last 30 days. Nothing open and nothing due: no
//! mail.
//!
//! One job a week (its unique key is the Monday) mails everyone and enqueues the next
//! Monday's; `unit_weekly_mails` records each person and week in the same transaction as the
//! mail, so a retry or a second worker never mails anyone twice. The first job is enqueued
//! when a worker starts and whenever an invitation is sent.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use chrono_tz::Europe::Copenhagen;
use fluent_templates::fluent_bundle::FluentValue;
use serde_json::json;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::jobs::{self, Job, NewJob};
use crate::mail::{self, Message, Recipient};
use crate::state::AppState;
use crate::web::i18n::Tr;

/// The job that sends the week's mails.
pub const KIND: &str = "invitation.unit-weekly";

/// The mail's kind; its category in the mail settings is "unit-weekly".
pub const MAIL_KIND: &str = "unit.weekly";

/// The Monday (Copenhagen) of the week `at` falls in.
fn monday_of(at: DateTime<Utc>) -> NaiveDate {
    let day = at.with_timezone(&Copenhagen).date_naive();
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

/// 07:00 Copenhagen on `monday`.
fn seven_on(monday: NaiveDate) -> DateTime<Utc> {
    let seven = chrono::NaiveTime::from_hms_opt(7, 0, 0).expect("07:00 exists");
    crate::clock::copenhagen(monday, seven)
}

/// The next Monday 07:00 in Copenhagen after `now`.
pub fn next_slot(now: DateTime<Utc>) -> DateTime<Utc> {
    let this_week = seven_on(monday_of(now));
    if this_week > now {
        this_week
    } else {
        seven_on(monday_of(now) + Duration::days(7))
    }
}

/// Makes sure the next Monday's mail is due (one job per Monday, whoever enqueues it).
pub async fn schedule(conn: &mut PgConnection, now: DateTime<Utc>) -> sqlx::Result<()> {
    let at = next_slot(now);
    let key = format!("{KIND}:{}", monday_of(at));
    jobs::enqueue(conn, NewJob::new(KIND, json!({}), at).unique(key), now).await?;
    Ok(())
}

/// [`schedule`] for a worker that starts.
pub async fn schedule_on_start(state: &AppState) -> sqlx::Result<()> {
    let mut conn = state.db.acquire().await?;
    schedule(&mut conn, state.clock.now()).await
}

/// One unit's week.
#[derive(Default)]
struct UnitWeek {
    name: String,
    municipality: String,
    /// Salon title, reply-by date and who has it.
    open: Vec<(String, Option<NaiveDate>, Option<String>)>,
    /// The step and its due date.
    steps: Vec<(String, NaiveDate)>,
    /// The unit's record over the last 30 days: counted and replied, as the record says them.
    received: i64,
    replied: i64,
}

impl UnitWeek {
    fn has_news(&self) -> bool {
        !self.open.is_empty() || !self.steps.is_empty()
    }
}

/// Every unit's week: three queries for all units at once, and the record of each unit with
/// news.
async fn weeks(
    conn: &mut PgConnection,
    now: DateTime<Utc>,
) -> sqlx::Result<BTreeMap<Uuid, UnitWeek>> {
    let today = now.with_timezone(&Copenhagen).date_naive();
    let mut out: BTreeMap<Uuid, UnitWeek> = BTreeMap::new();
    let units = sqlx::query!(
        r#"SELECT DISTINCT u.id, u.name, u.municipality_code FROM units u
           JOIN role_units ru ON ru.unit_id = u.id AND ru.answers_for
           JOIN roles r ON r.id = ru.role_id AND r.status = 'approved'"#
    )
    .fetch_all(&mut *conn)
    .await?;
    for u in units {
        let w = out.entry(u.id).or_default();
        w.name = u.name;
        w.municipality = u.municipality_code;
    }
    // Sent and waiting for the unit (drafts' invitations are not sent yet), for a salon that
    // still happens: a cancelled or hidden salon needs no answer.
    let open = sqlx::query!(
        r#"SELECT i.holder_unit_id AS "unit!", s.title, i.reply_by, cu.name AS "claimed?"
           FROM invitations i JOIN salons s ON s.id = i.salon_id
           LEFT JOIN users cu ON cu.id = i.claimed_by
           WHERE i.holder_unit_id IS NOT NULL AND i.status IN ('open', 'proposed')
             AND NOT i.awaits_publish AND s.hidden_reason IS NULL AND s.status = 'published'
           ORDER BY i.reply_by NULLS LAST, s.first_starts_at, i.sent_at"#
    )
    .fetch_all(&mut *conn)
    .await?;
    for o in open {
        if let Some(w) = out.get_mut(&o.unit) {
            w.open.push((o.title, o.reply_by, o.claimed));
        }
    }
    // Only a step the unit took can be due (a proposal is never late), within the week.
    let steps = sqlx::query!(
        r#"SELECT a.owner_unit_id AS "unit!", a.description, a.due_on AS "due_on!"
           FROM agreements a
           WHERE a.owner_unit_id IS NOT NULL AND a.status IN ('agreed', 'in_progress')
             AND a.due_on IS NOT NULL AND a.due_on <= $1
           ORDER BY a.due_on, a.created_at"#,
        today + Duration::days(7)
    )
    .fetch_all(&mut *conn)
    .await?;
    for s in steps {
        if let Some(w) = out.get_mut(&s.unit) {
            w.steps.push((s.description, s.due_on));
        }
    }
    // The last 30 days, by the record's own definition: the mail and the unit's page never
    // count differently. One statement per unit with news, once a week: the price of that
    // one definition.
    let since = now - Duration::days(30);
    for (id, w) in out.iter_mut().filter(|(_, w)| w.has_news()) {
        let r =
            super::record::record_since(&mut *conn, &w.municipality, Some(*id), now, since).await?;
        w.received = r.counted;
        w.replied = r.replied;
    }
    Ok(out)
}

/// One unit's part of the mail.
fn section(tr: &Tr, today: NaiveDate, w: &UnitWeek) -> String {
    let mut lines = vec![tr.t1("unit-weekly-unit", "unit", &w.name)];
    if w.open.is_empty() {
        lines.push(tr.t("unit-weekly-no-open"));
    } else {
        lines.push(tr.count("unit-weekly-open", w.open.len() as i64));
        for (salon, reply_by, claimed) in &w.open {
            let who = match claimed {
                Some(name) => tr.t1("unit-weekly-has", "name", name),
                None => tr.t("unit-weekly-nobody"),
            };
            let by = reply_by
                .map(|d| tr.t1("unit-weekly-reply-by", "date", &tr.day(d)))
                .unwrap_or_default();
            let args = [
                ("salon", FluentValue::from(salon.as_str())),
                ("who", who.into()),
                ("by", by.into()),
            ];
            lines.push(tr.t_args("unit-weekly-open-line", &args));
        }
    }
    if !w.steps.is_empty() {
        lines.push(tr.t("unit-weekly-steps"));
        for (step, due) in &w.steps {
            let key = if *due < today {
                "unit-weekly-step-overdue"
            } else {
                "unit-weekly-step-due"
            };
            let args = [
                ("step", FluentValue::from(step.as_str())),
                ("date", tr.day(*due).into()),
            ];
            lines.push(tr.t_args(key, &args));
        }
    }
    let args = [
        ("received", FluentValue::from(w.received)),
        ("replied", w.replied.into()),
    ];
    lines.push(tr.t_args("unit-weekly-record", &args));
    lines.join("\n")
}

/// The Monday job: one mail to each person who answers for a unit with something open or
/// due, then the next Monday's job.
pub async fn run(state: AppState, _job: Job) -> anyhow::Result<()> {
    let now = state.clock.now();
    let week = monday_of(now);
    let today = now.with_timezone(&Copenhagen).date_naive();
    let mut tx = state.db.begin().await?;
    let weeks = weeks(&mut tx, now).await?;
    let answerers = sqlx::query!(
        r#"SELECT DISTINCT r.user_id, ru.unit_id FROM roles r
           JOIN role_units ru ON ru.role_id = r.id AND ru.answers_for
           JOIN users u ON u.id = r.user_id AND u.deleted_at IS NULL
           WHERE r.status = 'approved'
           ORDER BY r.user_id, ru.unit_id"#
    )
    .fetch_all(&mut *tx)
    .await?;
    let mut units_of: BTreeMap<Uuid, Vec<Uuid>> = BTreeMap::new();
    for a in answerers {
        units_of.entry(a.user_id).or_default().push(a.unit_id);
    }
    for (user, units) in units_of {
        let mine: Vec<&UnitWeek> = units.iter().filter_map(|u| weeks.get(u)).collect();
        if !mine.iter().any(|w| w.has_news()) {
            continue;
        }
        // Once per person and week, whoever runs the job and however often.
        let first = sqlx::query_scalar!(
            r#"INSERT INTO unit_weekly_mails (user_id, week, created_at) VALUES ($1, $2, $3)
               ON CONFLICT DO NOTHING RETURNING user_id"#,
            user,
            week,
            now
        )
        .fetch_optional(&mut *tx)
        .await?;
        if first.is_none() {
            continue;
        }
        let to = Recipient::User(user);
        let tr = Tr::new(mail::recipient_locale(&mut tx, &to).await?);
        let sections: Vec<String> = mine.iter().map(|w| section(&tr, today, w)).collect();
        let names: Vec<&str> = mine.iter().map(|w| w.name.as_str()).collect();
        let args = [
            ("units", FluentValue::from(names.join(", "))),
            ("sections", sections.join("\n\n").into()),
            ("link", state.config.link("/inbox").into()),
        ];
        let message = Message::new(
            MAIL_KIND,
            tr.t_args("unit-weekly-subject", &args),
            tr.t_args("unit-weekly-body", &args),
        )
        .linking_to("/inbox");
        mail::notify(&mut tx, now, to, message).await?;
    }
    schedule(&mut tx, now).await?;
    tx.commit().await?;
    state.job_wake.notify_one();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::next_slot;

    #[test]
    fn the_mail_is_due_at_the_next_monday_seven_in_copenhagen() {
        let at = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap().to_utc();
        // Tuesday 1 December 2026 (winter time, UTC+1): Monday 7 December 06:00 UTC.
        assert_eq!(
            next_slot(at("2026-12-01T09:00:00Z")),
            at("2026-12-07T06:00:00Z")
        );
        // On the Monday itself: before seven that morning, after it the next week.
        assert_eq!(
            next_slot(at("2026-12-07T05:59:00Z")),
            at("2026-12-07T06:00:00Z")
        );
        assert_eq!(
            next_slot(at("2026-12-07T06:00:00Z")),
            at("2026-12-14T06:00:00Z")
        );
        // Summer time (UTC+2).
        assert_eq!(
            next_slot(at("2026-06-03T12:00:00Z")),
            at("2026-06-08T05:00:00Z")
        );
    }
}
