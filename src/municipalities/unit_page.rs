//! `/municipalities/{municipality}/units/{unit}`: a unit's page — what it is, how to reach it,
//! and the members who chose to be listed, each with their badge.

use askama::Template;
use axum::extract::{Path, State};

use sqlx::types::Json;
use uuid::Uuid;

use super::{Municipality, paragraphs};
use crate::agreements::shown::LineRow;
use crate::decisions::pages::ListedRow;
use crate::error::AppError;
use crate::invitations::record::{Columns, Period};
use crate::roles::{Badge, UnitKind};
use crate::state::AppState;
use crate::web::escape::Escaped;
use crate::web::{Frame, Page};

/// A listed member of the unit.
pub struct Member {
    pub badge: Badge,
    pub answers_for: bool,
}

/// How many open decisions the unit's page lists.
const OPEN_DECISIONS: i64 = 20;

/// A member as the unit's statement lists them: a JSON array in the order of the fields.
#[derive(Debug, serde::Deserialize)]
struct ListedMember {
    id: Uuid,
    name: String,
    title: String,
    party: String,
    answers_for: bool,
}

/// A salon the unit is invited to, as the unit's statement lists it: the directory's card
/// columns as a JSON array in the order of its `json_build_array` (the municipality as its
/// code, named from `directory::municipality_names`).
#[derive(Debug, serde::Deserialize)]
struct InvitedSalon(
    Uuid,
    String,
    String,
    String,
    String,
    String,
    crate::salons::Format,
    crate::salons::SalonStatus,
    Option<i32>,
    chrono::DateTime<chrono::Utc>,
    chrono::DateTime<chrono::Utc>,
    bool,
    i32,
    Vec<String>,
);

#[derive(Template)]
#[template(path = "municipalities/unit.html")]
pub struct UnitPage {
    f: Frame,
    m: Municipality,
    name: String,
    kind_label: String,
    /// Its description, in paragraphs.
    description: Vec<Escaped>,
    contact_email: Option<String>,
    archived: bool,
    /// Committees and the council say who answers for them.
    marks_who_answers: bool,
    members: Vec<Member>,
    /// How it answers invitations.
    record: crate::invitations::record::Shown,
    /// The record's downloads and chart.
    figures: crate::figures::Figures,
    /// Its agreements from public salons.
    followed: crate::agreements::shown::Followed,
    /// The open decisions it prepares or makes.
    decisions: Vec<crate::decisions::pages::Listed>,
    /// Public salons it is invited to, the next first.
    invited_to: Vec<crate::salons::card::SalonCard>,
}

pub async fn show(
    State(state): State<AppState>,
    f: Frame,
    Path((slug, unit)): Path<(String, String)>,
) -> Result<Page<UnitPage>, AppError> {
    let now = state.clock.now();
    let period = Period::twelve_months(now, true);
    // The municipality, the unit, its listed members, who answers for it, its open decisions,
    // its next steps, its record with the chart's months and the salons it is invited to: one
    // statement, each part its feature's SQL function or sub-select.
    // Approved roles only, and only those who chose to be listed; who answers comes first.
    // The salons the unit is invited to, as cards: the unit's invitations walked in the order
    // of their salons' first session, as each invitation keeps it while its salon is listed
    // (migration 0073), and only the 20 salons shown looked up; each of the two walks (the
    // invitations it holds, those it first answered) stops at its first 20 distinct salons in
    // that order, which hold the union's first 20 (a salon among those is among the first 20
    // of its own walk), rather than reading all of the unit's listed invitations and sorting
    // them; the answer line is the one the salon keeps (migration 0057), as on every other
    // card. Read here, not in a statement of their own: a round trip costs the database
    // ~100 µs (bench/README.md). `$4`, the record's end, is the page's now. The municipality is
    // named from `names`, not joined.
    let u = sqlx::query!(
        r#"SELECT m.code, m.name AS municipality, m.official_name, m.slug,
                  u.id, u.name, u.kind::text AS "kind!", u.description, u.contact_email,
                  u.archived_at IS NOT NULL AS "archived!",
                  a.admins AS "admins!", a.for_units AS "for_units!",
                  (SELECT coalesce(json_agg(json_build_array(
                              us.id, us.name, r.title, r.party, ru.answers_for)
                              ORDER BY ru.answers_for DESC, us.name), '[]')
                   FROM role_units ru JOIN roles r ON r.id = ru.role_id
                   JOIN users us ON us.id = r.user_id
                   WHERE ru.unit_id = u.id AND ru.listed AND r.status = 'approved'
                     AND us.deleted_at IS NULL) AS "members!: Json<Vec<ListedMember>>",
                  (SELECT coalesce(json_agg(json_build_array(
                              d.id, d.title, d.committee, d.meeting_on, d.hearing_from,
                              d.hearing_to, d.status, d.salons) ORDER BY d.position), '[]')
                   FROM decisions_listed(m.code, u.id, $3, 0) d)
                      AS "decisions!: Json<Vec<ListedRow>>",
                  (SELECT coalesce(json_agg(json_build_array(
                              l.id, l.description, l.owner_kind, l.unit_name, l.person,
                              l.official_name, l.due_on, l.status, l.refusal_reason,
                              l.created_at, l.corrected_at, l.salon_id, l.slug, l.title,
                              l.owner_profile) ORDER BY l.position), '[]')
                   FROM agreement_lines(NULL, u.id, NULL, NULL, true) l)
                      AS "steps!: Json<Vec<LineRow>>",
                  record_columns(m.code, u.id, $4, $5, $6) AS "record!: Columns",
                  (SELECT coalesce(json_agg(json_build_array(
                              s.id, s.slug, s.title, s.question, s.town, s.municipality_code,
                              s.format, s.status, s.capacity, s.first_starts_at,
                              s.last_starts_at, s.step_free,
                              card_seats(s.id, s.citizens_registered, s.seats_taken_least,
                                         s.sessions_first_end, s.sessions_last_end, $4),
                              s.answer_units) ORDER BY s.first_starts_at, s.id), '[]')
                   FROM (SELECT k.salon_id
                         FROM ((SELECT DISTINCT i.salon_listed_from, i.salon_id
                                FROM invitations i
                                WHERE i.holder_unit_id = u.id AND i.status <> 'withdrawn'
                                  AND i.salon_listed_until >= $4
                                ORDER BY 1, 2 LIMIT 20)
                               UNION
                               (SELECT DISTINCT i.salon_listed_from, i.salon_id
                                FROM invitations i
                                WHERE i.first_reply_unit_id = u.id AND i.status <> 'withdrawn'
                                  AND i.salon_listed_until >= $4
                                ORDER BY 1, 2 LIMIT 20)) k
                         ORDER BY k.salon_listed_from, k.salon_id LIMIT 20) p
                   JOIN salons s ON s.id = p.salon_id
                   WHERE s.visibility = 'public' AND s.status = 'published'
                     AND s.hidden_reason IS NULL AND s.last_starts_at >= $4)
                      AS "invited!: Json<Vec<InvitedSalon>>"
           FROM municipalities m JOIN units u ON u.municipality_code = m.code AND u.slug = $2
           CROSS JOIN LATERAL municipality_answerers(m.code, u.id) a
           WHERE m.slug = $1"#,
        slug,
        unit,
        OPEN_DECISIONS,
        period.now,
        period.since,
        period.months_from
    )
    .fetch_optional(&state.db)
    .await?
    .ok_or(AppError::NotFound)?;
    let m = Municipality {
        code: u.code,
        name: u.municipality,
        official_name: u.official_name,
        slug: u.slug,
    };
    let kind = UnitKind::from_db(&u.kind);
    let members = u
        .members
        .0
        .into_iter()
        .map(|r| Member {
            badge: Badge::new(&r.name, &r.title, &r.party, None, &m.official_name).linked(r.id),
            answers_for: r.answers_for,
        })
        .collect();
    let (record, months) = u.record.split();
    // Not on Medspil only when no one answers for the unit and there is no admin to take it.
    let answerers = crate::roles::Answerers {
        admins: u.admins,
        for_units: u.for_units,
    };
    let record = crate::invitations::record::Shown::new(&f.tr, record, answerers.none());
    let names = crate::directory::municipality_names(&state.db).await?;
    let invited_to = u
        .invited
        .0
        .into_iter()
        .map(|s| {
            crate::directory::Found {
                id: s.0,
                slug: s.1,
                title: s.2,
                question: s.3,
                town: s.4,
                municipality_name: crate::directory::municipality_name(&names, &s.5),
                format: s.6,
                status: s.7,
                capacity: s.8,
                first_starts_at: s.9,
                last_starts_at: s.10,
                step_free: s.11,
                citizens_registered: s.12,
                answer_units: s.13,
                rank: 0.0,
            }
            .card(now)
        })
        .collect();
    let followed = crate::agreements::shown::followed_from(&f.tr, now, u.steps.0);
    let decisions = crate::decisions::pages::lists(&f.tr, &m.slug, u.decisions.0).open;
    let figures = crate::figures::Figures::unit(&f.tr, (&m.slug, &unit), (now, &months), &followed);
    Ok(Page(UnitPage {
        figures,
        decisions,
        followed,
        record,
        invited_to,
        name: u.name,
        kind_label: kind.label(&f.tr),
        description: paragraphs(&u.description)
            .into_iter()
            .map(Escaped)
            .collect(),
        contact_email: u.contact_email,
        archived: u.archived,
        marks_who_answers: kind.marks_who_answers(),
        members,
        m,
        f,
    }))
}
