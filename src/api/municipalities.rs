//! `/api/v1/municipalities…` and `/api/v1/units/…/record`: Denmark's municipalities, one with
//! its units, and each municipality's and unit's response record with its next steps — the
//! same figures, from the same functions, as their pages.

use axum::Json;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use chrono::{DateTime, Months, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::{ApiError, plain};
use crate::invitations::record::{self, Record};
use crate::municipalities::{self as pages, danish_key};
use crate::state::AppState;
use crate::web::i18n::{Locale, Tr};

/// A municipality in the list.
#[derive(Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MunicipalityItem {
    /// The official municipality code (`0746`).
    pub code: String,
    pub slug: String,
    pub name: String,
    pub official_name: String,
    pub region: String,
    pub url: String,
}

/// Every municipality (98), by region and name in Danish order.
#[derive(Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MunicipalityList {
    pub items: Vec<MunicipalityItem>,
}

#[utoipa::path(get, path = "/api/v1/municipalities", tag = "municipalities",
    responses((status = 200, description = "Every municipality", body = MunicipalityList),
              (status = 429, description = "Too many requests", body = super::error::ErrorBody)))]
pub async fn list(State(state): State<AppState>) -> Result<Json<MunicipalityList>, ApiError> {
    let mut rows =
        sqlx::query!("SELECT code, slug, name, official_name, region FROM municipalities")
            .fetch_all(&state.db)
            .await?;
    // The municipalities page's order: Danish collation, which the database's is not.
    rows.sort_by(|a, b| {
        danish_key(&a.region)
            .cmp(&danish_key(&b.region))
            .then(danish_key(&a.name).cmp(&danish_key(&b.name)))
    });
    let items = rows
        .into_iter()
        .map(|r| MunicipalityItem {
            url: state.config.link(&format!("/municipalities/{}", r.slug)),
            code: r.code,
            slug: r.slug,
            name: r.name,
            official_name: r.official_name,
            region: r.region,
        })
        .collect();
    Ok(Json(MunicipalityList { items }))
}

/// A municipality with its units.
#[derive(Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MunicipalityDetail {
    pub code: String,
    pub slug: String,
    pub name: String,
    pub official_name: String,
    pub region: String,
    pub url: String,
    /// The text its admins wrote for its page; the text remains theirs.
    pub about: String,
    pub contact_email: Option<String>,
    /// Its units (not archived), the council and committees first.
    pub units: Vec<UnitItem>,
    /// Its response record and next steps.
    pub record_url: String,
}

#[derive(Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UnitItem {
    pub slug: String,
    pub name: String,
    /// `council`, `committee`, `department` …
    pub kind: String,
    pub description: String,
    pub url: String,
    pub record_url: String,
}

#[utoipa::path(get, path = "/api/v1/municipalities/{slug}", tag = "municipalities",
    params(("slug" = String, Path, description = "The municipality's slug (`skanderborg`)")),
    responses((status = 200, description = "The municipality and its units", body = MunicipalityDetail),
              (status = 404, description = "No such municipality", body = super::error::ErrorBody),
              (status = 429, description = "Too many requests", body = super::error::ErrorBody)))]
pub async fn one(
    State(state): State<AppState>,
    slug: Result<Path<String>, PathRejection>,
) -> Result<Json<MunicipalityDetail>, ApiError> {
    let Path(slug) = slug.map_err(|_| ApiError::NotFound)?;
    // The municipality page's own loader: the same municipality and list of units.
    let l = pages::load(&state.db, &slug, None, None).await?;
    let m = &l.m;
    let units = l
        .units
        .into_iter()
        .map(|u| UnitItem {
            url: state
                .config
                .link(&format!("/municipalities/{}/units/{}", m.slug, u.slug)),
            record_url: state
                .config
                .link(&format!("/api/v1/units/{}/{}/record", m.slug, u.slug)),
            slug: u.slug,
            name: u.name,
            kind: u.kind,
            description: u.description,
        })
        .collect();
    let m = l.m;
    Ok(Json(MunicipalityDetail {
        url: state.config.link(&format!("/municipalities/{}", m.slug)),
        record_url: state
            .config
            .link(&format!("/api/v1/municipalities/{}/record", m.slug)),
        code: m.code,
        slug: m.slug,
        name: m.name,
        official_name: m.official_name,
        region: l.region,
        about: l.about,
        contact_email: l.contact_email,
        units,
    }))
}

/// A municipality's or unit's record: how it answers invitations over the last 12 months, and
/// its next steps from public salons.
#[derive(Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordBody {
    /// Whose record: the municipality's name, or the unit's.
    pub name: String,
    /// The municipality's or unit's page, where the same figures stand.
    pub url: String,
    /// The 12 months counted: from (exclusive) and to (inclusive).
    pub period_from: DateTime<Utc>,
    pub period_to: DateTime<Utc>,
    /// No one there answers on Medspil: its invitations went by email.
    pub not_on_medspil: bool,
    pub invitations: InvitationFigures,
    pub decisions: DecisionFigures,
    pub next_steps: NextStepFigures,
    /// How the figures are counted, in Danish, as the pages say it.
    pub definition: String,
}

/// The response record's figures (definitions on `/api` and in `definition`).
#[derive(Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InvitationFigures {
    pub counted: i64,
    /// With a proven first reply before the salon.
    pub replied: i64,
    pub accepted: i64,
    pub declined: i64,
    pub proposed: i64,
    /// No reply when the salon started.
    pub unanswered: i64,
    /// Still waiting, the salon ahead.
    pub open_now: i64,
    /// Of those, sent more than 14 days ago.
    pub open_old: i64,
    /// For a unit: invitations it passed on; `null` for a municipality.
    pub passed_on: Option<i64>,
    /// Sent by email to the municipality's or unit's own mailbox.
    pub by_email: i64,
    /// Answered through an address the host typed: shown, never counted as a reply.
    pub typed_address_answers: i64,
    pub median: ReplyTime,
    pub p90: ReplyTime,
}

/// A time to first reply.
#[derive(Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReplyTime {
    /// Seconds; `null` with no data or when unanswered invitations decide it.
    pub seconds: Option<f64>,
    /// More than half (for p90: a tenth) were not answered before their salon.
    pub unanswered: bool,
    /// As the page shows it: "3 dage", "ikke besvaret", "–".
    pub text: String,
}

impl ReplyTime {
    fn new(tr: &Tr, secs: Option<f64>) -> ReplyTime {
        ReplyTime {
            seconds: secs.filter(|s| s.is_finite()),
            unanswered: secs.is_some_and(f64::is_infinite),
            text: record::duration_text(tr, secs),
        }
    }
}

#[derive(Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionFigures {
    /// Decisions that came up in the 12 months.
    pub came_up: i64,
    /// Of those, with a public citizens' salon before the meeting.
    pub with_salons: i64,
}

#[derive(Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NextStepFigures {
    pub open: i64,
    pub done: i64,
    /// Taken by its owner and past its due date.
    pub overdue: i64,
    /// Proposed, and its owner has not answered in 14 days.
    pub unanswered: i64,
    /// The open ones.
    pub open_steps: Vec<OpenStep>,
}

#[derive(Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OpenStep {
    pub id: Uuid,
    /// The step's page, with its timeline.
    pub url: String,
    pub description: String,
    pub owner: String,
    /// "05.01.2027", as the page shows it; `null` without a due date.
    pub due: Option<String>,
    pub status: String,
    pub overdue: bool,
    pub unanswered: bool,
    pub salon_url: String,
}

fn body(
    state: &AppState,
    tr: &Tr,
    (name, path): (String, String),
    r: Record,
    not_on_medspil: bool,
    followed: crate::agreements::shown::Followed,
) -> RecordBody {
    let now = state.clock.now();
    RecordBody {
        name,
        url: state.config.link(&path),
        period_from: now.checked_sub_months(Months::new(12)).unwrap_or(now),
        period_to: now,
        not_on_medspil,
        invitations: InvitationFigures {
            median: ReplyTime::new(tr, r.median),
            p90: ReplyTime::new(tr, r.p90),
            counted: r.counted,
            replied: r.replied,
            accepted: r.accepted,
            declined: r.declined,
            proposed: r.proposed,
            unanswered: r.unanswered,
            open_now: r.open_now,
            open_old: r.open_old,
            passed_on: r.passed_on,
            by_email: r.by_email,
            typed_address_answers: r.typed,
        },
        decisions: DecisionFigures {
            came_up: r.decisions,
            with_salons: r.decisions_with_salons,
        },
        next_steps: NextStepFigures {
            open: followed.open,
            done: followed.done,
            overdue: followed.overdue,
            unanswered: followed.unanswered,
            open_steps: followed
                .lines
                .into_iter()
                .map(|l| OpenStep {
                    url: state.config.link(&format!("/agreements/{}", l.id)),
                    salon_url: state.config.link(&l.salon_path),
                    id: l.id,
                    description: l.description,
                    owner: plain(l.owner),
                    due: l.due,
                    status: l.state.as_str().to_string(),
                    overdue: l.overdue,
                    unanswered: l.unanswered,
                })
                .collect(),
        },
        definition: tr.t("inv-record-explain"),
    }
}

#[utoipa::path(get, path = "/api/v1/municipalities/{slug}/record", tag = "record",
    params(("slug" = String, Path, description = "The municipality's slug")),
    responses((status = 200, description = "Its record and next steps", body = RecordBody),
              (status = 404, description = "No such municipality", body = super::error::ErrorBody),
              (status = 429, description = "Too many requests", body = super::error::ErrorBody)))]
pub async fn record(
    State(state): State<AppState>,
    slug: Result<Path<String>, PathRejection>,
) -> Result<Json<RecordBody>, ApiError> {
    let Path(slug) = slug.map_err(|_| ApiError::NotFound)?;
    // As the municipality's page loads and computes them.
    let now = state.clock.now();
    let pages::Loaded {
        m,
        answerers,
        steps,
        record,
        ..
    } = pages::load(
        &state.db,
        &slug,
        Some(record::Period::twelve_months(now, false)),
        None,
    )
    .await?;
    let tr = Tr::new(Locale::Da);
    let (r, _) = record.split();
    let followed = crate::agreements::shown::followed_from(&tr, now, steps);
    let path = format!("/municipalities/{}", m.slug);
    Ok(Json(body(
        &state,
        &tr,
        (m.official_name, path),
        r,
        answerers.none(),
        followed,
    )))
}

#[utoipa::path(get, path = "/api/v1/units/{municipality}/{unit}/record", tag = "record",
    params(("municipality" = String, Path, description = "The municipality's slug"),
           ("unit" = String, Path, description = "The unit's slug, as in its page's address")),
    responses((status = 200, description = "The unit's record and next steps", body = RecordBody),
              (status = 404, description = "No such unit", body = super::error::ErrorBody),
              (status = 429, description = "Too many requests", body = super::error::ErrorBody)))]
pub async fn unit_record(
    State(state): State<AppState>,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Result<Json<RecordBody>, ApiError> {
    let Path((slug, unit)) = path.map_err(|_| ApiError::NotFound)?;
    let m = pages::find(&state.db, &slug).await?;
    // The unit page's look-up: archived units keep their page, and so their record.
    let u = sqlx::query!(
        "SELECT id, name, slug FROM units WHERE municipality_code = $1 AND slug = $2",
        m.code,
        unit
    )
    .fetch_optional(&state.db)
    .await?
    .ok_or(ApiError::NotFound)?;
    let tr = Tr::new(Locale::Da);
    let now = state.clock.now();
    let r = record::record(&state.db, &m.code, Some(u.id), now).await?;
    let answerers = crate::roles::answerers(&state.db, &m.code, Some(u.id)).await?;
    let followed = crate::agreements::shown::for_unit(&state, &tr, u.id).await?;
    let path = format!("/municipalities/{}/units/{}", m.slug, u.slug);
    Ok(Json(body(
        &state,
        &tr,
        (u.name, path),
        r,
        answerers.none(),
        followed,
    )))
}
