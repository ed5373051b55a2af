//! `/municipalities/{municipality}/decisions.ics`: the meeting dates of a municipality's
//! decisions as all-day events, so a citizen's calendar shows when a case is decided.

use axum::extract::{Path, State};
use axum::response::Response;
use icalendar::{Component, Event, EventLike, EventStatus};

use crate::calendar::ics_response;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::i18n::{Locale, Tr};

/// How far back the feed reaches.
const HISTORY_DAYS: i64 = 365;

pub async fn ics(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let m = crate::municipalities::find(&state.db, &slug).await?;
    let now = state.clock.now();
    let since = (now - chrono::Duration::days(HISTORY_DAYS)).date_naive();
    let rows = sqlx::query!(
        r#"SELECT d.id, d.title, d.description, d.meeting_on, d.outcome, d.updated_at,
                  d.withdrawn_reason, d.status = 'withdrawn' AS "withdrawn!", c.name AS committee,
                  d.case_number, d.agenda_url
           FROM decisions d JOIN units c ON c.id = d.committee_id
           WHERE d.municipality_code = $1 AND d.meeting_on >= $2
           ORDER BY d.meeting_on, d.id"#,
        m.code,
        since
    )
    .fetch_all(&state.db)
    .await?;
    // Texts are Danish: a calendar file is read by calendar programs in any language.
    let tr = Tr::new(Locale::Da);
    let host = crate::salons::calendar::uid_host(&state);
    let mut calendar = crate::calendar::new_calendar();
    calendar.name(&tr.t1("dec-feed-name", "municipality", &m.official_name));
    for r in rows {
        let url = state.config.link(&super::path(&m.slug, r.id));
        let mut text = r.description.clone();
        // The case number and the agenda item let a reader find the case in the municipality's
        // own systems from the calendar entry.
        if !r.case_number.is_empty() {
            let label = tr.t("dec-field-case-number");
            text = format!("{text}\n\n{label}: {}", r.case_number);
        }
        if !r.agenda_url.is_empty() {
            let label = tr.t("dec-agenda-label");
            text = format!("{text}\n{label}: {}", r.agenda_url);
        }
        if !r.outcome.is_empty() {
            text = format!("{text}\n\n{}: {}", tr.t("dec-outcome-heading"), r.outcome);
        }
        // Taken off the agenda: a calendar that holds the meeting shows it cancelled.
        let status = if r.withdrawn {
            text = format!(
                "{text}\n\n{}",
                tr.t1("dec-withdrawn-because", "reason", &r.withdrawn_reason)
            );
            EventStatus::Cancelled
        } else {
            EventStatus::Confirmed
        };
        calendar.push(
            Event::new()
                .uid(&format!("decision-{}@{host}", r.id))
                .timestamp(now)
                // An all-day event: DTEND is exclusive, so the next day.
                .starts(r.meeting_on)
                .ends(r.meeting_on + chrono::Duration::days(1))
                .summary(&format!("{}: {}", r.committee, r.title))
                .description(&format!("{text}\n\n{url}"))
                .url(&url)
                .status(status)
                .last_modified(r.updated_at)
                .done(),
        );
    }
    Ok(ics_response(
        calendar.done().to_string(),
        &format!("{}-beslutninger", m.slug),
        "public, max-age=300",
    ))
}
