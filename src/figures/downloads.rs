//! A municipality's or unit's record and next steps as a spreadsheet: one row per figure,
//! with a stable key to sort and join on, the label the page shows, and the value.
//!
//! The values are the page's own: the same `record()` and next-step counts, so a figure never
//! reads differently in the file. Times are whole seconds, so nothing is lost to rounding; a
//! time the unanswered invitations decide is `unanswered`, as the page says "ikke besvaret".

use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Months, Utc};
use chrono_tz::Europe::Copenhagen;
use uuid::Uuid;

use crate::agreements::shown::{Followed, followed_from, for_unit};
use crate::error::AppError;
use crate::invitations::record::{Period, Record, record};
use crate::municipalities::{find, load_record};
use crate::registrations::csv;
use crate::state::AppState;
use crate::web::Frame;
use crate::web::i18n::Tr;

/// A time to first reply as a cell: seconds, `unanswered`, or empty with no data.
pub fn seconds_cell(secs: Option<f64>) -> String {
    match secs {
        None => String::new(),
        Some(s) if s.is_infinite() => "unanswered".to_string(),
        Some(s) => format!("{}", s.round() as i64),
    }
}

/// The rows of the file: `(key, label key, value)`.
fn figures(
    r: &Record,
    steps: &Followed,
    now: DateTime<Utc>,
) -> Vec<(&'static str, &'static str, String)> {
    let day = |at: DateTime<Utc>| at.with_timezone(&Copenhagen).format("%Y-%m-%d").to_string();
    let mut rows = vec![
        (
            "period_from",
            "fig-csv-period-from",
            day(now.checked_sub_months(Months::new(12)).unwrap_or(now)),
        ),
        ("period_to", "fig-csv-period-to", day(now)),
        ("counted", "fig-csv-counted", r.counted.to_string()),
        ("replied", "inv-record-replied", r.replied.to_string()),
        ("accepted", "inv-record-accepted", r.accepted.to_string()),
        ("declined", "inv-record-declined", r.declined.to_string()),
        ("proposed", "inv-record-proposed", r.proposed.to_string()),
        (
            "unanswered",
            "inv-record-unanswered",
            r.unanswered.to_string(),
        ),
        ("open_now", "inv-record-open", r.open_now.to_string()),
        (
            "open_over_14_days",
            "inv-record-open-old",
            r.open_old.to_string(),
        ),
        (
            "median_seconds",
            "inv-record-median",
            seconds_cell(r.median),
        ),
        ("p90_seconds", "inv-record-p90", seconds_cell(r.p90)),
        (
            "typed_address_replies",
            "inv-record-typed",
            r.typed.to_string(),
        ),
        ("sent_by_email", "fig-csv-by-email", r.by_email.to_string()),
    ];
    if let Some(n) = r.passed_on {
        rows.push(("passed_on", "inv-record-passed-on", n.to_string()));
    }
    rows.extend([
        ("decisions", "fig-csv-decisions", r.decisions.to_string()),
        (
            "decisions_with_salons",
            "inv-record-decisions",
            r.decisions_with_salons.to_string(),
        ),
        (
            "next_steps_open",
            "fig-csv-steps-open",
            steps.open.to_string(),
        ),
        (
            "next_steps_done",
            "fig-csv-steps-done",
            steps.done.to_string(),
        ),
        (
            "next_steps_overdue",
            "fig-csv-steps-overdue",
            steps.overdue.to_string(),
        ),
        (
            "next_steps_unanswered",
            "fig-csv-steps-unanswered",
            steps.unanswered.to_string(),
        ),
    ]);
    rows
}

fn file(tr: &Tr, r: &Record, steps: &Followed, now: DateTime<Utc>, name: &str) -> Response {
    let header: Vec<String> = ["fig-csv-key", "fig-csv-label", "fig-csv-value"]
        .iter()
        .map(|k| tr.t(k))
        .collect();
    let rows: Vec<Vec<String>> = figures(r, steps, now)
        .into_iter()
        .map(|(key, label, value)| vec![key.to_string(), tr.t(label), value])
        .collect();
    let disposition = format!(
        "attachment; filename=\"svartider-{name}-{}.csv\"",
        now.with_timezone(&Copenhagen).format("%Y-%m-%d")
    );
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, disposition),
            // Public figures, as fresh as the page: a minute of caching spares the database.
            (header::CACHE_CONTROL, "public, max-age=60".to_string()),
        ],
        csv::document(&header, &rows),
    )
        .into_response()
}

/// `GET /municipalities/{municipality}/record.csv`.
pub async fn municipality(
    State(state): State<AppState>,
    f: Frame,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    // The municipality page's next steps and record, by the same SQL functions: the page's
    // own figures, in one statement.
    let now = state.clock.now();
    let (m, steps, record) =
        load_record(&state.db, &slug, Period::twelve_months(now, false)).await?;
    let (r, _) = record.split();
    let steps = followed_from(&f.tr, now, steps);
    Ok(file(&f.tr, &r, &steps, now, &m.slug))
}

/// `GET /municipalities/{municipality}/units/{unit}/record.csv`.
pub async fn unit(
    State(state): State<AppState>,
    f: Frame,
    Path((slug, unit)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let m = find(&state.db, &slug).await?;
    let id: Uuid = sqlx::query_scalar!(
        "SELECT id FROM units WHERE municipality_code = $1 AND slug = $2",
        m.code,
        unit
    )
    .fetch_optional(&state.db)
    .await?
    .ok_or(AppError::NotFound)?;
    let now = state.clock.now();
    let r = record(&state.db, &m.code, Some(id), now).await?;
    let steps = for_unit(&state, &f.tr, id).await?;
    Ok(file(&f.tr, &r, &steps, now, &format!("{}-{unit}", m.slug)))
}

#[cfg(test)]
mod tests {
    use super::seconds_cell;

    #[test]
    fn times_are_whole_seconds_and_silence_says_so() {
        assert_eq!(seconds_cell(None), "");
        assert_eq!(seconds_cell(Some(f64::INFINITY)), "unanswered");
        assert_eq!(seconds_cell(Some(259_200.4)), "259200");
    }
}
