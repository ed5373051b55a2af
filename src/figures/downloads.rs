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

use sqlx::types::Json;

use crate::agreements::shown::{Followed, LineRow, followed_from};
use crate::error::AppError;
use crate::invitations::kept::KeptRead;
use crate::invitations::record::{Period, Record};
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

/// The municipality (and, with `unit`, its unit of that slug), its or the unit's next steps
/// and the kept months the record is computed from (`invitations::kept`): one statement.
async fn load(
    state: &AppState,
    slug: &str,
    unit: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(String, Option<Uuid>, Vec<LineRow>, Record), AppError> {
    let since = Period::twelve_months(now, false).since;
    let row = sqlx::query!(
        r#"SELECT m.slug AS "slug!", u.id AS "unit?",
                  (SELECT coalesce(json_agg(json_build_array(
                              l.id, l.description, l.owner_kind, l.unit_name, l.person,
                              l.official_name, l.due_on, l.status, l.refusal_reason,
                              l.created_at, l.corrected_at, l.salon_id, l.slug, l.title,
                              l.owner_profile) ORDER BY l.position), '[]')
                   FROM agreement_lines(NULL, u.id,
                                        CASE WHEN u.id IS NULL THEN m.code END, NULL, true) l)
                      AS "steps!: Json<Vec<LineRow>>",
                  record_kept_read(m.code, u.id, $3, $4) AS "kept!: KeptRead"
           FROM municipalities m
           LEFT JOIN units u ON $2::text IS NOT NULL AND u.municipality_code = m.code
                                AND u.slug = $2
           WHERE m.slug = $1"#,
        slug,
        unit,
        now,
        since
    )
    .fetch_optional(&state.db)
    .await?
    .ok_or(AppError::NotFound)?;
    if unit.is_some() && row.unit.is_none() {
        return Err(AppError::NotFound);
    }
    Ok((row.slug, row.unit, row.steps.0, row.kept.record(now, since)))
}

/// `GET /municipalities/{municipality}/record.csv`.
pub async fn municipality(
    State(state): State<AppState>,
    f: Frame,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    // The municipality page's next steps by the page's definition, and its record computed here
    // from the kept months; the page reads `record_columns`. Both are `record_figures`' value,
    // which `record_kept::` checks at every clock where a figure changes.
    let now = state.clock.now();
    let (slug, _, steps, r) = load(&state, &slug, None, now).await?;
    let steps = followed_from(&f.tr, now, steps);
    Ok(file(&f.tr, &r, &steps, now, &slug))
}

/// `GET /municipalities/{municipality}/units/{unit}/record.csv`.
pub async fn unit(
    State(state): State<AppState>,
    f: Frame,
    Path((slug, unit)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let now = state.clock.now();
    let (slug, _, steps, r) = load(&state, &slug, Some(&unit), now).await?;
    let steps = followed_from(&f.tr, now, steps);
    Ok(file(&f.tr, &r, &steps, now, &format!("{slug}-{unit}")))
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
