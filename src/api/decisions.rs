//! `/api/v1/decisions`: the municipalities' upcoming decisions (or the decided ones, or those
//! taken off the agenda), by meeting day, each with its public salons — by the decision page's
//! rule: public, not hidden, published, held or closed — and, once decided, its outcome.

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::types::Json as Db;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::cursor::{self, Cursor};
use super::salons::{page_size, unreadable};
use super::{ApiError, MAX_LIMIT};
use crate::state::AppState;

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DecisionQuery {
    /// A municipality's slug; all municipalities without it (an unknown one has none, as in
    /// the directory).
    pub municipality: Option<String>,
    /// `upcoming` (the default, soonest meeting first), `decided` or `withdrawn` (latest
    /// meeting first).
    pub status: Option<String>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// Items per page, 1–100 (20 by default).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
}

#[derive(Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionPage {
    pub items: Vec<DecisionItem>,
    /// Pass as `cursor` for the next page; `null` on the last.
    pub next_cursor: Option<String>,
}

#[derive(Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionItem {
    pub id: Uuid,
    pub url: String,
    pub municipality: String,
    pub title: String,
    /// The municipality's text about it; the text remains its authors'.
    pub description: String,
    /// The unit that prepares it.
    pub unit: String,
    /// The committee (or council) that decides.
    pub committee: String,
    pub meeting_on: NaiveDate,
    pub hearing_from: Option<NaiveDate>,
    pub hearing_to: Option<NaiveDate>,
    /// `upcoming`, `decided` or `withdrawn`.
    pub status: String,
    /// The outcome as recorded (empty until decided).
    pub outcome: String,
    pub minutes_url: String,
    pub decided_at: Option<DateTime<Utc>>,
    /// Why it was taken off the agenda (empty unless it was).
    pub withdrawn_reason: String,
    /// Its public salons, the first to meet first.
    pub salons: Vec<DecisionSalon>,
}

#[derive(Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionSalon {
    pub id: Uuid,
    pub title: String,
    pub url: String,
    pub first_starts_at: DateTime<Utc>,
    /// Its first session starts before the meeting day.
    pub before_meeting: bool,
}

/// A salon as the query gives it.
#[derive(Debug, Deserialize)]
struct SalonRow {
    id: Uuid,
    slug: String,
    title: String,
    first_starts_at: DateTime<Utc>,
}

#[utoipa::path(get, path = "/api/v1/decisions", tag = "decisions", params(DecisionQuery),
    responses((status = 200, description = "A page of decisions", body = DecisionPage),
              (status = 400, description = "A filter that cannot be read", body = super::error::ErrorBody),
              (status = 429, description = "Too many requests", body = super::error::ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    query: Result<Query<DecisionQuery>, QueryRejection>,
) -> Result<Json<DecisionPage>, ApiError> {
    let Query(q) = query.map_err(unreadable)?;
    let status = match q.status.as_deref() {
        None | Some("") | Some("upcoming") => "upcoming",
        Some("decided") => "decided",
        Some("withdrawn") => "withdrawn",
        Some(_) => {
            return Err(ApiError::BadRequest(
                "`status` is upcoming, decided or withdrawn.".into(),
            ));
        }
    };
    let limit = page_size(q.limit)?.min(MAX_LIMIT);
    // The key is `date_id`; upcoming ones go forward in time, the others back.
    let after = match Cursor::decode(q.cursor.as_deref())? {
        None => None,
        Some(Cursor(key)) => {
            let (day, id) = key.split_once('_').ok_or_else(cursor::bad)?;
            Some((
                NaiveDate::parse_from_str(day, "%Y-%m-%d").map_err(|_| cursor::bad())?,
                Uuid::parse_str(id).map_err(|_| cursor::bad())?,
            ))
        }
    };
    let municipality = q
        .municipality
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let forward = status == "upcoming";
    let rows = sqlx::query!(
        r#"SELECT d.id, m.slug AS municipality_slug, m.official_name, d.title, d.description,
                  un.name AS unit_name, c.name AS committee_name, d.meeting_on,
                  d.hearing_from, d.hearing_to, d.outcome, d.minutes_url, d.decided_at,
                  d.withdrawn_reason,
                  (SELECT coalesce(json_agg(json_build_object(
                              'id', s.id, 'slug', s.slug, 'title', s.title,
                              'first_starts_at', s.first_starts_at)
                              ORDER BY s.first_starts_at, s.id), '[]')
                   FROM salon_decisions sd JOIN salons s ON s.id = sd.salon_id
                   WHERE sd.decision_id = d.id AND s.visibility = 'public'
                     AND s.hidden_reason IS NULL AND s.first_starts_at IS NOT NULL
                     AND s.status IN ('published', 'held', 'closed'))
                    AS "salons!: Db<Vec<SalonRow>>"
           FROM decisions d
           JOIN municipalities m ON m.code = d.municipality_code
           JOIN units un ON un.id = d.unit_id
           JOIN units c ON c.id = d.committee_id
           WHERE d.status = $1::text::decision_status
             AND ($2::text IS NULL OR m.slug = $2)
             AND ($3::date IS NULL
                  OR ($4 AND (d.meeting_on, d.id) > ($3, $5))
                  OR (NOT $4 AND (d.meeting_on, d.id) < ($3, $5)))
           ORDER BY CASE WHEN $4 THEN d.meeting_on END, CASE WHEN $4 THEN d.id END,
                    d.meeting_on DESC, d.id DESC
           LIMIT $6"#,
        status,
        municipality,
        after.map(|a| a.0),
        forward,
        after.map(|a| a.1),
        limit + 1
    )
    .fetch_all(&state.db)
    .await?;
    let more = rows.len() as i64 > limit;
    let items: Vec<DecisionItem> = rows
        .into_iter()
        .take(limit as usize)
        .map(|r| {
            let meeting = crate::clock::copenhagen(r.meeting_on, chrono::NaiveTime::MIN);
            DecisionItem {
                url: state
                    .config
                    .link(&crate::decisions::path(&r.municipality_slug, r.id)),
                salons: r
                    .salons
                    .0
                    .into_iter()
                    .map(|s| DecisionSalon {
                        url: state
                            .config
                            .link(&crate::salons::visibility::path(s.id, &s.slug)),
                        before_meeting: s.first_starts_at < meeting,
                        id: s.id,
                        title: s.title,
                        first_starts_at: s.first_starts_at,
                    })
                    .collect(),
                id: r.id,
                municipality: r.official_name,
                title: r.title,
                description: r.description,
                unit: r.unit_name,
                committee: r.committee_name,
                meeting_on: r.meeting_on,
                hearing_from: r.hearing_from,
                hearing_to: r.hearing_to,
                status: status.into(),
                outcome: r.outcome,
                minutes_url: r.minutes_url,
                decided_at: r.decided_at,
                withdrawn_reason: r.withdrawn_reason,
            }
        })
        .collect();
    let next_cursor = if more {
        items
            .last()
            .map(|d| Cursor::encode(&format!("{}_{}", d.meeting_on, d.id)))
    } else {
        None
    };
    Ok(Json(DecisionPage { items, next_cursor }))
}
