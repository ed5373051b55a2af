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
//! The pages and the CSV read the record inside their own statement, as [`Columns`].

use chrono::{DateTime, Months, NaiveDate, TimeZone, Utc};
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
    figures(
        db,
        code,
        unit,
        now,
        twelve_months_before(now),
        Some(months_from(now)),
    )
    .await
}

/// The first instant of the chart's first month.
fn months_from(now: DateTime<Utc>) -> DateTime<Utc> {
    let first = chart::first_month(now);
    Copenhagen
        .from_local_datetime(&first.and_hms_opt(0, 0, 0).unwrap_or_default())
        .earliest()
        .map(|t| t.to_utc())
        .unwrap_or(now)
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
    let columns = sqlx::query_scalar!(
        r#"SELECT record_columns($1, $2, $3, $4, $5) AS "c!: Columns""#,
        code,
        unit,
        now,
        since,
        months_from
    )
    .fetch_one(db)
    .await?;
    Ok(columns.split())
}

/// The record and its months as one value (`record_columns`, migration 0084): the rows of
/// `record_figures` as columns, one array each, element i of every array from row i. A
/// statement that reads a page's other parts selects it beside them — the municipality's and
/// the unit's pages, the CSV and the API read the record in their own statement, one round
/// trip instead of two (each costs PostgreSQL ~100 µs of CPU beyond its work).
#[derive(Debug, Default, sqlx::Type)]
#[sqlx(type_name = "record_columns")]
pub struct Columns {
    whole: Vec<bool>,
    month: Vec<Option<NaiveDate>>,
    counted: Vec<i64>,
    replied: Vec<i64>,
    accepted: Vec<i64>,
    declined: Vec<i64>,
    proposed: Vec<i64>,
    unanswered: Vec<i64>,
    open_now: Vec<i64>,
    open_old: Vec<i64>,
    median: Vec<Option<f64>>,
    p90: Vec<Option<f64>>,
    by_email: Vec<i64>,
    typed: Vec<i64>,
    passed_on: Vec<Option<i64>>,
    decisions: Vec<Option<i64>>,
    decisions_with_salons: Vec<Option<i64>>,
}

impl Columns {
    /// The record and its months, as [`record_with_months`] reads them.
    pub fn split(self) -> (Record, Vec<MonthFigures>) {
        let mut record = Record::default();
        let mut months = Vec::with_capacity(self.whole.len());
        for (i, whole) in self.whole.iter().enumerate() {
            let at = |v: &[i64]| v.get(i).copied().unwrap_or(0);
            let opt = |v: &[Option<f64>]| v.get(i).copied().flatten();
            let count = |v: &[Option<i64>]| v.get(i).copied().flatten();
            if *whole {
                record = Record {
                    decisions: count(&self.decisions).unwrap_or(0),
                    decisions_with_salons: count(&self.decisions_with_salons).unwrap_or(0),
                    counted: at(&self.counted),
                    replied: at(&self.replied),
                    accepted: at(&self.accepted),
                    declined: at(&self.declined),
                    proposed: at(&self.proposed),
                    unanswered: at(&self.unanswered),
                    open_now: at(&self.open_now),
                    open_old: at(&self.open_old),
                    median: opt(&self.median),
                    p90: opt(&self.p90),
                    passed_on: count(&self.passed_on),
                    by_email: at(&self.by_email),
                    typed: at(&self.typed),
                };
            } else if let Some(Some(month)) = self.month.get(i) {
                months.push(MonthFigures {
                    month: *month,
                    counted: at(&self.counted),
                    replied: at(&self.replied),
                    unanswered: at(&self.unanswered),
                    median: opt(&self.median),
                    p90: opt(&self.p90),
                });
            }
        }
        (record, months)
    }
}

/// What a statement passes `record_figures` after the municipality and unit: the 12 months up
/// to `now` as [`record`] reads them, with the chart's months as [`record_with_months`] does.
#[derive(Clone, Copy, Debug)]
pub struct Period {
    pub now: DateTime<Utc>,
    pub since: DateTime<Utc>,
    pub months_from: Option<DateTime<Utc>>,
}

impl Period {
    /// The 12 months up to `now`; with `months`, the chart's twelve Copenhagen months too.
    pub fn twelve_months(now: DateTime<Utc>, months: bool) -> Period {
        Period {
            now,
            since: twelve_months_before(now),
            months_from: months.then(|| months_from(now)),
        }
    }
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
