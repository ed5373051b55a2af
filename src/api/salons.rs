//! `/api/v1/salons` and `/api/v1/salons/{id}`: the directory's list through the directory's
//! own search ([`crate::directory::find`]), and one salon as a visitor's page shows it — only
//! public, published (or held, closed, cancelled) salons that are not hidden; the private
//! address and the online link never; the hosts and the citizens registered only as counts.

use axum::Json;
use axum::extract::rejection::PathRejection;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::cursor::{self, Cursor};
use super::{ApiError, DEFAULT_LIMIT, MAX_LIMIT, plain};
use crate::directory::{self, Filter};
use crate::salons::card::SalonCard;
use crate::salons::{Format, SalonStatus, visibility};
use crate::state::AppState;
use crate::web::i18n::{Locale, Tr};

/// The directory's filters, as its page takes them.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SalonQuery {
    /// Danish full-text search over title, question, town, description and a published
    /// summary; words match as prefixes too. At most 200 characters.
    #[param(max_length = 200)]
    pub q: Option<String>,
    /// A municipality's slug (`skanderborg`).
    pub municipality: Option<String>,
    pub town: Option<String>,
    pub topic: Option<String>,
    /// `in_person`, `online` or `hybrid`.
    pub format: Option<String>,
    /// Salons with a session on or after this day (Copenhagen).
    pub from: Option<NaiveDate>,
    /// Salons with a session on or before this day (Copenhagen).
    pub to: Option<NaiveDate>,
    /// Only salons with a citizen's seat free in a session still ahead.
    pub seats: Option<bool>,
    /// `upcoming` (the default, soonest first) or `past` (newest first).
    pub when: Option<String>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// Items per page, 1–100 (20 by default).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
}

/// One page of salons.
#[derive(Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SalonPage {
    pub items: Vec<SalonItem>,
    /// Pass as `cursor` for the next page; `null` on the last.
    pub next_cursor: Option<String>,
}

/// A salon in a list: what its card shows.
#[derive(Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SalonItem {
    pub id: Uuid,
    /// The salon's page.
    pub url: String,
    pub title: String,
    pub question: String,
    pub municipality: String,
    /// Empty for a salon without a town (online).
    pub town: String,
    /// `in_person`, `online` or `hybrid`.
    pub format: String,
    /// As its card's chip: `open`, `waitlist`, `full`, `cancelled`, `held` or `summary`.
    pub status: String,
    pub first_starts_at: DateTime<Utc>,
    /// A series of sessions: more than the first.
    pub more_sessions: bool,
    /// Seats left for citizens in the freest session still ahead; `null` without a limit.
    pub seats_left: Option<i32>,
    pub step_free: bool,
    /// The municipality's units that said yes and come, in the order they answered.
    pub answer_units: Vec<String>,
}

impl SalonItem {
    fn from_card(id: Uuid, card: SalonCard, state: &AppState) -> SalonItem {
        SalonItem {
            id,
            url: state.config.link(&card.path),
            status: card.status.as_str().to_string(),
            format: card.format.as_str().to_string(),
            first_starts_at: card.first_starts_at.unwrap_or_default(),
            more_sessions: card.more_sessions,
            seats_left: card.seats_left,
            step_free: card.step_free,
            answer_units: card.answer_units,
            title: card.title,
            question: card.question,
            municipality: card.municipality_name,
            town: card.town,
        }
    }
}

/// A text filter: trimmed, empty as absent, and refused when longer than the directory reads.
fn text(name: &str, raw: Option<String>) -> Result<Option<String>, ApiError> {
    let Some(raw) = raw else { return Ok(None) };
    let s = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() > 200 {
        return Err(ApiError::BadRequest(format!(
            "`{name}` is longer than 200 characters."
        )));
    }
    Ok((!s.is_empty()).then_some(s))
}

/// The limit asked for, within 1–100.
pub fn page_size(limit: Option<i64>) -> Result<i64, ApiError> {
    match limit {
        None => Ok(DEFAULT_LIMIT),
        Some(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
        Some(_) => Err(ApiError::BadRequest(
            "`limit` is from 1 to 100.".to_string(),
        )),
    }
}

/// A query string that cannot be read (a number that is not one, a field twice).
pub fn unreadable(e: QueryRejection) -> ApiError {
    ApiError::BadRequest(format!(
        "The query string cannot be read: {}",
        e.body_text()
    ))
}

impl SalonQuery {
    fn filter(self) -> Result<(Filter, Option<directory::Cursor>, i64), ApiError> {
        let format = match text("format", self.format)? {
            None => None,
            Some(f) => Some(Format::parse(&f).ok_or_else(|| {
                ApiError::BadRequest("`format` is in_person, online or hybrid.".into())
            })?),
        };
        let past = match self.when.as_deref() {
            None | Some("") | Some("upcoming") => false,
            Some("past") => true,
            Some(_) => {
                return Err(ApiError::BadRequest("`when` is upcoming or past.".into()));
            }
        };
        let after = match Cursor::decode(self.cursor.as_deref())? {
            None => None,
            Some(Cursor(key)) => Some(directory::Cursor::parse(&key).ok_or_else(cursor::bad)?),
        };
        let filter = Filter {
            q: text("q", self.q)?,
            municipality: text("municipality", self.municipality)?,
            town: text("town", self.town)?,
            topic: text("topic", self.topic)?,
            format,
            from: self.from,
            to: self.to,
            free_seats: self.seats.unwrap_or(false),
            past,
        };
        Ok((filter, after, page_size(self.limit)?))
    }
}

/// The public salons, as the directory finds them.
#[utoipa::path(get, path = "/api/v1/salons", tag = "salons", params(SalonQuery),
    responses((status = 200, description = "A page of public salons", body = SalonPage),
              (status = 400, description = "A filter that cannot be read", body = super::error::ErrorBody),
              (status = 429, description = "Too many requests", body = super::error::ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    query: Result<Query<SalonQuery>, QueryRejection>,
) -> Result<Json<SalonPage>, ApiError> {
    let Query(query) = query.map_err(unreadable)?;
    let (filter, after, limit) = query.filter()?;
    let now = state.clock.now();
    let (rows, next) = directory::find(&state.db, &filter, now, after.as_ref(), limit).await?;
    let items = rows
        .into_iter()
        .map(|r| {
            let id = r.id;
            SalonItem::from_card(id, r.card(now), &state)
        })
        .collect();
    Ok(Json(SalonPage {
        items,
        next_cursor: next.map(|c| Cursor::encode(&c.to_string())),
    }))
}

/// One public salon.
#[derive(Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SalonDetail {
    pub id: Uuid,
    pub url: String,
    pub title: String,
    pub question: String,
    /// The hosts' description, as they wrote it (Markdown); the text remains theirs.
    pub description: String,
    pub municipality: MunicipalityRef,
    pub town: String,
    /// `in_person`, `online` or `hybrid`.
    pub format: String,
    /// `published`, `held`, `closed` (its summary published) or `cancelled`.
    pub status: String,
    /// Where it meets; `null` for an online salon.
    pub place_name: Option<String>,
    /// `null` when the hosts show it to registered people only, or online.
    pub address: Option<String>,
    pub sessions: Vec<SessionItem>,
    /// Seats for citizens per session; `null` without a limit.
    pub capacity: Option<i32>,
    /// Seats left for citizens in the freest session still ahead; `null` without a limit.
    pub seats_left: Option<i32>,
    /// Seats kept for the municipality's people.
    pub municipal_seats: i32,
    pub citizens_registered: i32,
    pub municipal_registered: i32,
    pub waitlisted: i64,
    /// How many host it (their names are not given).
    pub hosts: i64,
    pub topics: Vec<String>,
    pub accessibility: Accessibility,
    /// The hosts' published summary (Markdown), `null` until published.
    pub summary: Option<String>,
    /// The invitations to the municipality, as the salon page words them.
    pub invitations: Vec<InvitationItem>,
    /// The upcoming decisions the salon is about.
    pub decisions: Vec<DecisionRef>,
    /// What the salon agreed (next steps), with their timelines.
    pub next_steps: Vec<NextStep>,
}

#[derive(Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MunicipalityRef {
    pub slug: String,
    pub name: String,
}

#[derive(Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SessionItem {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// Its own place when it differs from the salon's; `null` otherwise.
    pub place_name: Option<String>,
    /// Its own address, `null` when the salon's is private or it meets where the salon does.
    pub address: Option<String>,
}

#[derive(Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Accessibility {
    pub step_free: bool,
    pub accessible_toilet: bool,
    pub hearing_loop: bool,
    pub sign_language: bool,
    pub note: String,
}

/// One invitation to the municipality.
#[derive(Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InvitationItem {
    /// Who was invited: "Teknik og Miljø, Skanderborg Kommune".
    pub invited: String,
    /// `open`, `proposed`, `accepted`, `declined`, `awaits_publish` (the salon is a draft) or
    /// `unproven_answer` (answered through an address the host typed: never shown as the
    /// municipality's own).
    pub status: String,
    /// Where it stands, in Danish, as the salon page says it.
    pub state: String,
    pub sent_at: DateTime<Utc>,
}

#[derive(Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionRef {
    pub id: Uuid,
    pub title: String,
    pub url: String,
}

/// A next step (agreement) of a salon.
#[derive(Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NextStep {
    pub id: Uuid,
    pub url: String,
    pub description: String,
    /// Who owns it: the citizens, a unit or a person in a municipal role.
    pub owner: String,
    pub due_on: Option<NaiveDate>,
    /// `proposed`, `agreed`, `in_progress`, `done`, `refused` …
    pub status: String,
    pub overdue: bool,
    /// Proposed, and its owner has not answered in 14 days.
    pub unanswered: bool,
    pub timeline: Vec<TimelineEntry>,
}

#[derive(Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TimelineEntry {
    pub at: DateTime<Utc>,
    pub status: String,
    /// The public note with the update.
    pub note: String,
}

fn salon_status(s: SalonStatus) -> &'static str {
    match s {
        SalonStatus::Draft => "draft",
        SalonStatus::Published => "published",
        SalonStatus::Held => "held",
        SalonStatus::Closed => "closed",
        SalonStatus::Cancelled => "cancelled",
    }
}

/// One public salon, by its id (or its page's key, `{id}-{slug}`).
#[utoipa::path(get, path = "/api/v1/salons/{id}", tag = "salons",
    params(("id" = String, Path, description = "The salon's id, or its page's key")),
    responses((status = 200, description = "The salon", body = SalonDetail),
              (status = 404, description = "No public salon by that id", body = super::error::ErrorBody),
              (status = 429, description = "Too many requests", body = super::error::ErrorBody)))]
pub async fn one(
    State(state): State<AppState>,
    key: Result<Path<String>, PathRejection>,
) -> Result<Json<SalonDetail>, ApiError> {
    let Path(key) = key.map_err(|_| ApiError::NotFound)?;
    let id = visibility::parse_key(&key).ok_or(ApiError::NotFound)?;
    // The pages' one rule, for a visitor; and of what a visitor may open, only what the
    // directory could list (not an unlisted salon reached through its link).
    let salon = visibility::load_visible(&state.db, id, None).await?;
    if !salon.indexable() {
        return Err(ApiError::NotFound);
    }
    let d = crate::salons::details(&state.db, id).await?;
    let tr = Tr::new(Locale::Da);
    let now = state.clock.now();
    let has_place = d.format.has_place();
    let address_shown = d.address_shown(false);
    let sessions = d
        .sessions
        .iter()
        .map(|s| SessionItem {
            starts_at: s.starts_at,
            ends_at: s.ends_at,
            place_name: (has_place && s.has_own_place()).then(|| s.place_name.clone()),
            address: (has_place && s.has_own_place() && address_shown).then(|| s.address.clone()),
        })
        .collect();
    let fullest_ahead = d
        .counts
        .sessions
        .iter()
        .filter(|s| s.ends_at > now)
        .map(|s| s.citizens)
        .min()
        .unwrap_or(d.citizens_registered);
    let invitations = d
        .invitations
        .iter()
        .map(|i| InvitationItem {
            invited: plain(i.holder()),
            status: if i.awaits_publish {
                "awaits_publish".into()
            } else if i.typed_address && matches!(i.status.as_str(), "accepted" | "declined") {
                "unproven_answer".into()
            } else {
                i.status.clone()
            },
            state: plain(i.state(&tr, now)),
            sent_at: i.sent_at,
        })
        .collect();
    let next_steps = if d.has_agreements {
        next_steps(&state, &tr, id).await?
    } else {
        Vec::new()
    };
    Ok(Json(SalonDetail {
        id,
        url: state.config.link(&salon.path()),
        title: salon.title.clone(),
        status: salon_status(salon.status).into(),
        municipality: MunicipalityRef {
            slug: d.municipality_slug.clone(),
            name: d.municipality_name.clone(),
        },
        format: d.format.as_str().into(),
        place_name: has_place.then(|| d.place_name.clone()),
        address: (has_place && address_shown).then(|| d.address.clone()),
        seats_left: d.capacity.map(|c| (c - fullest_ahead).max(0)),
        municipal_registered: d.counts.municipal_registered,
        waitlisted: d.counts.waiting,
        hosts: d.host_names.len() as i64,
        accessibility: Accessibility {
            step_free: d.step_free,
            accessible_toilet: d.accessible_toilet,
            hearing_loop: d.hearing_loop,
            sign_language: d.sign_language,
            note: d.accessibility_note.clone(),
        },
        summary: d.summary_html.is_some().then(|| d.summary.clone()),
        decisions: d
            .decisions
            .iter()
            .map(|x| DecisionRef {
                id: x.id,
                title: x.title.clone(),
                url: state.config.link(&x.path()),
            })
            .collect(),
        invitations,
        next_steps,
        sessions,
        question: d.question,
        description: d.description,
        town: d.town,
        capacity: d.capacity,
        municipal_seats: d.municipal_seats,
        citizens_registered: d.citizens_registered,
        topics: d.topics,
    }))
}

/// The salon's next steps as its page lists them, each with its timeline (one more query for
/// all the timelines). Who made each update is left out: a host is a citizen.
async fn next_steps(state: &AppState, tr: &Tr, salon: Uuid) -> Result<Vec<NextStep>, ApiError> {
    let lines = crate::agreements::shown::for_salon(state, tr, salon).await?;
    let ids: Vec<Uuid> = lines.iter().map(|l| l.id).collect();
    let updates = sqlx::query!(
        r#"SELECT agreement_id, status::text AS "status!", note, at FROM agreement_updates
           WHERE agreement_id = ANY($1) ORDER BY at, seq"#,
        &ids
    )
    .fetch_all(&state.db)
    .await?;
    Ok(lines
        .into_iter()
        .map(|l| NextStep {
            url: state.config.link(&format!("/agreements/{}", l.id)),
            timeline: updates
                .iter()
                .filter(|u| u.agreement_id == l.id)
                .map(|u| TimelineEntry {
                    at: u.at,
                    status: u.status.clone(),
                    note: u.note.clone(),
                })
                .collect(),
            id: l.id,
            description: l.description,
            owner: plain(l.owner),
            due_on: l
                .due
                .as_deref()
                .and_then(|d| NaiveDate::parse_from_str(d, "%d.%m.%Y").ok()),
            status: l.state.as_str().to_string(),
            overdue: l.overdue,
            unanswered: l.unanswered,
        })
        .collect())
}
