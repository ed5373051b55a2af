//! The response record: how a municipality (or one unit) answers the invitations it gets, over
//! the last 12 months, defined so that not answering never improves the figures.
//!
//! - Counted: every invitation to the municipality, a unit or a person in a role; not those
//!   the host withdrew, nor those whose salon was cancelled before any reply or hidden by the
//!   moderators (a spam salon's invitation says nothing about how a municipality answers).
//! - First reply: the first accept, decline, proposed time or question, timed from the host's
//!   sending; passing on is not a reply. It is credited to the unit holding the invitation
//!   when it replies; a unit that passed one on has it under "sendt videre".
//! - Only a proven answer counts: one through an address the host typed (because neither the
//!   unit nor the municipality had a contact address) is not the municipality's reply — the
//!   invitation counts, and unanswered stays unanswered. Drafts count for nothing: their
//!   invitations are sent, and timed, from the salon's publishing.
//! - Unanswered: no reply when the salon started. Unanswered invitations stay in the figures
//!   and count as slower than any reply in the median and 90th percentile, so when more than
//!   half (a tenth) are unanswered, the median (p90) reads "ikke besvaret". Invitations still
//!   waiting, whose salon is ahead, are in "åbne nu" and not yet in the times.
//!
//! Pages show 12 months ([`record`], with the chart's months: [`record_with_months`]); the
//! unit's weekly mail shows 30 days with the same definition ([`record_since`]), so the mail
//! never says other figures than the page would.
//!
//! The rules above that do not depend on time are written once, in SQL: the view
//! `invitation_record_lines` (migration 0055), whose lines the database keeps in
//! `record_lines` on every change to an invitation or its salon. A record reads its own lines
//! from one index; what depends on time (started, within the period) is decided when it is read.

use chrono::{DateTime, Months, TimeZone, Utc};
use chrono_tz::Europe::Copenhagen;
use sqlx::PgExecutor;
use uuid::Uuid;

use crate::figures::chart::{self, MonthFigures};
use crate::web::i18n::Tr;

/// The figures, as the SQL computes them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Record {
    pub counted: i64,
    pub replied: i64,
    pub accepted: i64,
    pub declined: i64,
    pub proposed: i64,
    pub unanswered: i64,
    pub open_now: i64,
    pub open_old: i64,
    /// Seconds to first reply; infinite when unanswered ones decide it; `None` with no data.
    pub median: Option<f64>,
    pub p90: Option<f64>,
    /// For a unit: invitations it passed on.
    pub passed_on: Option<i64>,
    /// Sent by email to the municipality's or unit's own mailbox.
    pub by_email: i64,
    /// Answered through an address the host typed: shown, never counted as a reply.
    pub typed: i64,
    /// Decisions that came up in the period, and those with citizens' salons before them.
    pub decisions: i64,
    pub decisions_with_salons: i64,
}

/// The record of municipality `code`, or of its unit `unit`, as of `now`, over the last 12
/// months. One statement: it is on the municipality's and every unit's page.
pub async fn record(
    db: impl PgExecutor<'_>,
    code: &str,
    unit: Option<Uuid>,
    now: DateTime<Utc>,
) -> sqlx::Result<Record> {
    record_since(db, code, unit, now, twelve_months_before(now)).await
}

/// The record of the last 12 months with the chart's months (the same invitations, by the
/// Copenhagen month they were sent in): one statement for the pages that show both.
pub async fn record_with_months(
    db: impl PgExecutor<'_>,
    code: &str,
    unit: Option<Uuid>,
    now: DateTime<Utc>,
) -> sqlx::Result<(Record, Vec<MonthFigures>)> {
    let first = chart::first_month(now);
    let from = Copenhagen
        .from_local_datetime(&first.and_hms_opt(0, 0, 0).unwrap_or_default())
        .earliest()
        .map(|t| t.to_utc())
        .unwrap_or(now);
    figures(db, code, unit, now, twelve_months_before(now), Some(from)).await
}

/// Calendar months, as the 12 months always were (and as PostgreSQL counts them in UTC).
fn twelve_months_before(now: DateTime<Utc>) -> DateTime<Utc> {
    now.checked_sub_months(Months::new(12))
        .unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// The record over the invitations sent (and decisions come up) after `since`: the one
/// definition for every period shown, such as the unit's weekly mail's last 30 days.
pub async fn record_since(
    db: impl PgExecutor<'_>,
    code: &str,
    unit: Option<Uuid>,
    now: DateTime<Utc>,
    since: DateTime<Utc>,
) -> sqlx::Result<Record> {
    Ok(figures(db, code, unit, now, since, None).await?.0)
}

/// The record after `since` and, with `months_from`, its months from then on. Which
/// invitations count, and how, is the view `invitation_record_lines` (migration 0055), kept
/// as `record_lines`; what depends on time is decided by the SQL function `record_figures`
/// (migration 0064) with `now`: an invitation without a proven reply is unanswered once its
/// salon has started, open while it is ahead. Its first row is the whole period, then one row
/// per month, oldest first.
async fn figures(
    db: impl PgExecutor<'_>,
    code: &str,
    unit: Option<Uuid>,
    now: DateTime<Utc>,
    since: DateTime<Utc>,
    months_from: Option<DateTime<Utc>>,
) -> sqlx::Result<(Record, Vec<MonthFigures>)> {
    let rows = sqlx::query!(
        r#"SELECT whole AS "whole!", month, counted AS "counted!", replied AS "replied!",
                  accepted AS "accepted!", declined AS "declined!", proposed AS "proposed!",
                  unanswered AS "unanswered!", open_now AS "open_now!", open_old AS "open_old!",
                  median, p90, by_email AS "by_email!", typed AS "typed!", passed_on,
                  decisions, decisions_with_salons
           FROM record_figures($1, $2, $3, $4, $5)"#,
        code,
        unit,
        now,
        since,
        months_from
    )
    .fetch_all(db)
    .await?;
    let mut record = Record::default();
    let mut months = Vec::with_capacity(rows.len());
    for r in rows {
        if r.whole {
            record = Record {
                decisions: r.decisions.unwrap_or(0),
                decisions_with_salons: r.decisions_with_salons.unwrap_or(0),
                counted: r.counted,
                replied: r.replied,
                accepted: r.accepted,
                declined: r.declined,
                proposed: r.proposed,
                unanswered: r.unanswered,
                open_now: r.open_now,
                open_old: r.open_old,
                median: r.median,
                p90: r.p90,
                passed_on: r.passed_on,
                by_email: r.by_email,
                typed: r.typed,
            };
        } else if let Some(month) = r.month {
            months.push(MonthFigures {
                month,
                counted: r.counted,
                replied: r.replied,
                unanswered: r.unanswered,
                median: r.median,
                p90: r.p90,
            });
        }
    }
    Ok((record, months))
}

/// A time to first reply as people read it: "5 timer", "3 dage", "1,5 dage", "ikke besvaret".
pub fn duration_text(tr: &Tr, secs: Option<f64>) -> String {
    match secs {
        None => "–".to_string(),
        Some(s) if s.is_infinite() => tr.t("inv-record-unanswered-value"),
        Some(s) if s < 86_400.0 => {
            tr.count("inv-record-hours", ((s / 3600.0).ceil() as i64).max(1))
        }
        Some(s) => {
            let tenths = (s / 8_640.0).round() as i64;
            if tenths % 10 == 0 {
                tr.count("inv-record-days", tenths / 10)
            } else {
                let n = format!("{},{}", tenths / 10, tenths % 10);
                let n = if tr.lang() == "en" {
                    n.replace(',', ".")
                } else {
                    n
                };
                tr.t1("inv-record-days-fraction", "days", &n)
            }
        }
    }
}

/// The record with its texts, for the municipality's and units' pages.
pub struct Shown {
    pub r: Record,
    pub median: String,
    pub p90: String,
    /// "4 af 5".
    pub replied: String,
    /// "3 invitationer er sendt til kommunens postkasse."
    pub by_email: String,
    /// The municipality has no one on Medspil: its invitations went by email.
    pub not_on_medspil: bool,
    /// "2 af 3" decisions with citizens' salons before they were made.
    pub decisions: String,
}

impl Shown {
    pub fn new(tr: &Tr, r: Record, not_on_medspil: bool) -> Shown {
        Shown {
            median: duration_text(tr, r.median),
            p90: duration_text(tr, r.p90),
            by_email: tr.count("inv-record-by-email", r.by_email),
            replied: tr.t_args(
                "inv-record-of",
                &[("n", r.replied.into()), ("of", r.counted.into())],
            ),
            decisions: tr.t_args(
                "inv-record-decisions-value",
                &[
                    ("n", r.decisions_with_salons.into()),
                    ("of", r.decisions.into()),
                ],
            ),
            r,
            not_on_medspil,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::i18n::Locale;

    #[test]
    fn times_read_in_hours_days_and_never_flatter_silence() {
        let tr = Tr::new(Locale::Da);
        assert_eq!(duration_text(&tr, None), "–");
        assert_eq!(duration_text(&tr, Some(f64::INFINITY)), "ikke besvaret");
        assert_eq!(duration_text(&tr, Some(3.0 * 86_400.0)), "3 dage");
        assert_eq!(duration_text(&tr, Some(1.5 * 86_400.0)), "1,5 dage");
        assert_eq!(duration_text(&tr, Some(5.0 * 3600.0 - 10.0)), "5 timer");
    }
}
