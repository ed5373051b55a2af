//! Denmark's municipalities: the list by region, each municipality's page with the text its
//! admins write and its units ([`show`]), each unit's page ([`unit_page`]), and the admins' side:
//! units ([`units`]) and the page text ([`settings`]); [`access`] checks who are its admins and
//! staff.

mod access;
mod json_time;
mod people;
mod settings;
mod unit_edit;
mod unit_page;
mod units;

pub use settings::{About, save_page};
pub use unit_edit::mark_answerers;
pub use units::{NewUnit, UnitName, create_unit};

use askama::Template;
use axum::extract::{Path, State};
use axum::routing::{get, post};
use sqlx::types::Json;

use crate::agreements::shown::LineRow;
use crate::auth::{Access, CurrentUser, RouteSpec};
use crate::decisions::pages::ListedRow;
use crate::error::AppError;
use crate::invitations::record::{Columns, Period};
use crate::roles::{self, UnitKind};
use crate::state::AppState;
use crate::web::escape::Escaped;
use crate::web::{Frame, Page};

pub use access::{AdminMunicipality, MUNICIPALITY_ADMIN, MUNICIPALITY_STAFF, StaffMunicipality};

pub fn routes() -> Vec<RouteSpec> {
    use Access::*;
    vec![
        RouteSpec::get("/municipalities", Public, get(index)),
        RouteSpec::get("/municipalities/{municipality}", Public, get(show)),
        RouteSpec::get(
            "/municipalities/{municipality}/people",
            Public,
            get(people::show),
        ),
        RouteSpec::get(
            "/municipalities/{municipality}/units/{unit}",
            Public,
            get(unit_page::show),
        ),
        RouteSpec::get(
            "/admin/{municipality}/units",
            MUNICIPALITY_ADMIN,
            get(units::list),
        ),
        RouteSpec::post(
            "/admin/{municipality}/units",
            MUNICIPALITY_ADMIN,
            post(units::create),
        ),
        RouteSpec::get(
            "/admin/{municipality}/units/{unit}",
            MUNICIPALITY_ADMIN,
            get(unit_edit::edit),
        ),
        RouteSpec::post(
            "/admin/{municipality}/units/{unit}",
            MUNICIPALITY_ADMIN,
            post(unit_edit::save),
        ),
        RouteSpec::post(
            "/admin/{municipality}/units/{unit}/archive",
            MUNICIPALITY_ADMIN,
            post(unit_edit::archive),
        ),
        RouteSpec::post(
            "/admin/{municipality}/units/{unit}/answers",
            MUNICIPALITY_ADMIN,
            post(unit_edit::answers),
        ),
        RouteSpec::get(
            "/admin/{municipality}/page",
            MUNICIPALITY_ADMIN,
            get(settings::form),
        ),
        RouteSpec::post(
            "/admin/{municipality}/page",
            MUNICIPALITY_ADMIN,
            post(settings::save),
        ),
    ]
}

/// A municipality, as the pages about it need it.
#[derive(Clone, Debug)]
pub struct Municipality {
    pub code: String,
    pub name: String,
    pub official_name: String,
    pub slug: String,
}

/// The municipality with `slug`, or a 404.
pub async fn find<'e>(db: impl sqlx::PgExecutor<'e>, slug: &str) -> Result<Municipality, AppError> {
    sqlx::query_as!(
        Municipality,
        "SELECT code, name, official_name, slug FROM municipalities WHERE slug = $1",
        slug
    )
    .fetch_optional(db)
    .await?
    .ok_or(AppError::NotFound)
}

/// The municipality with `slug`, for the operator's commands (`medspil admin …`): an unknown
/// slug is refused with a sentence saying what a slug is.
pub async fn find_for_operator(db: &sqlx::PgPool, slug: &str) -> anyhow::Result<Municipality> {
    match find(db, slug.trim()).await {
        Err(AppError::NotFound) => anyhow::bail!(
            "there is no municipality with the slug {slug:?} (the slug is the last part of its page's address, such as skanderborg in /municipalities/skanderborg)"
        ),
        found => Ok(found?),
    }
}

pub struct MunicipalityLink {
    pub name: String,
    pub slug: String,
}

pub struct Region {
    pub name: String,
    pub municipalities: Vec<MunicipalityLink>,
}

#[derive(Template)]
#[template(path = "municipalities/index.html")]
struct IndexPage {
    f: Frame,
    regions: Vec<Region>,
}

async fn index(State(state): State<AppState>, f: Frame) -> Result<Page<IndexPage>, AppError> {
    // Danish collation order is not the database's (C) order: sort æ, ø, å last in Rust.
    let rows = sqlx::query!("SELECT name, slug, region FROM municipalities")
        .fetch_all(&state.db)
        .await?;
    let mut regions: Vec<Region> = Vec::new();
    let mut rows: Vec<_> = rows.into_iter().collect();
    rows.sort_by(|a, b| {
        danish_key(&a.region)
            .cmp(&danish_key(&b.region))
            .then(danish_key(&a.name).cmp(&danish_key(&b.name)))
    });
    for row in rows {
        let link = MunicipalityLink {
            name: row.name,
            slug: row.slug,
        };
        match regions.last_mut() {
            Some(region) if region.name == row.region => region.municipalities.push(link),
            _ => regions.push(Region {
                name: row.region,
                municipalities: vec![link],
            }),
        }
    }
    Ok(Page(IndexPage { f, regions }))
}

/// A sort key that puts æ, ø, å after z, and "aa" with å, as a Danish reader expects
/// (Aabenraa and Aarhus come last).
pub fn danish_key(s: &str) -> Vec<u32> {
    s.to_lowercase()
        .replace("aa", "å")
        .chars()
        .map(|c| match c {
            'æ' | 'ä' => 'z' as u32 + 1,
            'ø' | 'ö' => 'z' as u32 + 2,
            'å' => 'z' as u32 + 3,
            c => c as u32,
        })
        .collect()
}

/// A unit as listed on its municipality's page.
pub struct UnitRow {
    pub name: Escaped,
    pub slug: Escaped,
    /// The kind in words, the locale's fixed text.
    pub kind_label: askama::filters::MaybeSafe<&'static str>,
    pub description: Escaped,
}

#[derive(Template)]
#[template(path = "municipalities/show.html")]
struct ShowPage {
    f: Frame,
    m: Municipality,
    region: String,
    /// The admins' text, in paragraphs.
    about: Vec<Escaped>,
    contact_email: Option<String>,
    units: Vec<UnitRow>,
    /// Who answers there: the page says it is not on Medspil only when no one does, and
    /// says who does when it has no admin.
    answerers: roles::Answerers,
    /// No admin, but people answering for its units: who answers, in words.
    no_admin_note: Option<String>,
    signed_in: bool,
    /// The visitor is one of its admins: link to the admin pages.
    admin: bool,
    /// Its next public salons.
    salons: Vec<crate::salons::card::SalonCard>,
    /// How it answers invitations.
    record: crate::invitations::record::Shown,
    /// The record's downloads and chart.
    figures: crate::figures::Figures,
    /// Its agreements from public salons.
    followed: crate::agreements::shown::Followed,
    /// Its next open decisions, with the number of salons about each.
    decisions: Vec<crate::decisions::pages::Listed>,
}

/// A unit as its municipality lists it, on its page and in the API; read as a JSON array in
/// the order of its fields (`json_build_array`: no names to read and match per value).
#[derive(Debug, serde::Deserialize)]
pub struct ListedUnit {
    pub name: String,
    pub slug: String,
    /// `council`, `committee`, `department` …
    pub kind: String,
    pub description: String,
}

/// A municipality with what its page and the API show about it: its text, its units (not
/// archived, the council and committees first), who answers for it, its next open decisions,
/// the next steps from its public salons and, when asked for, its response record.
pub struct Loaded {
    pub m: Municipality,
    pub region: String,
    pub about: String,
    pub contact_email: Option<String>,
    pub units: Vec<ListedUnit>,
    pub answerers: roles::Answerers,
    pub decisions: Vec<ListedRow>,
    pub steps: Vec<LineRow>,
    /// The response record and its months, as [`crate::invitations::record::Period`] asked;
    /// none asked, none read.
    pub record: crate::invitations::record::Columns,
    /// Its next public salons as the directory finds them, when asked for (the page).
    pub salons: Vec<crate::directory::Found>,
}

/// One of the next salons as the loader reads it: the directory's columns in the order of its
/// `json_build_array` (a JSON array, not an object: no names to read and match per value).
#[derive(Debug, serde::Deserialize)]
struct NextSalon(
    uuid::Uuid,
    String,
    String,
    String,
    String,
    crate::salons::Format,
    crate::salons::SalonStatus,
    Option<i32>,
    #[serde(deserialize_with = "json_time::utc")] chrono::DateTime<chrono::Utc>,
    #[serde(deserialize_with = "json_time::utc")] chrono::DateTime<chrono::Utc>,
    bool,
    i32,
    Vec<String>,
);

/// How many open decisions the municipality's page lists.
const OPEN_DECISIONS: i64 = 5;

/// The municipality with `slug` and the rest of [`Loaded`], in one statement (each part is its
/// feature's SQL function, composed here); a 404 without. The record is read only with a
/// `period` (the API's municipality does not show it), the next salons only as of
/// `salons_from` (the page's).
pub async fn load(
    db: &sqlx::PgPool,
    slug: &str,
    period: Option<Period>,
    salons_from: Option<chrono::DateTime<chrono::Utc>>,
) -> Result<Loaded, AppError> {
    // The next salons are the directory's page for the municipality (`directory::find` with
    // its municipality filter and no other): the same conditions, order and number, and the
    // same `card_seats` and kept answer line, read here to spare the page a second statement
    // (a round trip costs the database ~100 µs, bench/README.md). `directory::tests` and the
    // municipality page's tests hold the two to the same salons.
    let row = sqlx::query!(
        r#"SELECT m.code, m.name, m.official_name, m.slug, m.region, m.about, m.contact_email,
                  a.admins AS "admins!", a.for_units AS "for_units!",
                  (SELECT coalesce(json_agg(json_build_array(
                              u.name, u.slug, u.kind, u.description) ORDER BY u.kind DESC, u.name),
                              '[]')
                   FROM units u
                   WHERE u.municipality_code = m.code AND u.archived_at IS NULL)
                      AS "units!: Json<Vec<ListedUnit>>",
                  (SELECT coalesce(json_agg(json_build_array(
                              d.id, d.title, d.committee, d.meeting_on, d.hearing_from,
                              d.hearing_to, d.status, d.salons) ORDER BY d.position), '[]')
                   FROM decisions_listed(m.code, NULL, $2, 0) d)
                      AS "decisions!: Json<Vec<ListedRow>>",
                  (SELECT coalesce(json_agg(json_build_array(
                              l.id, l.description, l.owner_kind, l.unit_name, l.person,
                              l.official_name, l.due_on, l.status, l.refusal_reason,
                              l.created_at, l.corrected_at, l.salon_id, l.slug, l.title,
                              l.owner_profile) ORDER BY l.position), '[]')
                   FROM agreement_lines(NULL, NULL, m.code, NULL, true) l)
                      AS "steps!: Json<Vec<LineRow>>",
                  CASE WHEN $3::timestamptz IS NOT NULL
                       THEN record_columns(m.code, NULL, $3, $4, $5) END AS "record: Columns",
                  CASE WHEN $6::timestamptz IS NOT NULL THEN
                  (SELECT coalesce(json_agg(json_build_array(
                              s.id, s.slug, s.title, s.question, s.town, s.format, s.status,
                              s.capacity, s.first_starts_at, s.last_starts_at, s.step_free,
                              card_seats(s.id, s.citizens_registered, s.seats_taken_least,
                                         s.sessions_first_end, s.sessions_last_end, $6),
                              s.answer_units) ORDER BY s.first_starts_at, s.id), '[]')
                   FROM (SELECT * FROM salons s
                         WHERE s.municipality_code = m.code AND s.visibility = 'public'
                           AND s.first_starts_at IS NOT NULL AND s.hidden_reason IS NULL
                           AND s.status = 'published' AND s.last_starts_at >= $6
                         ORDER BY s.first_starts_at, s.id LIMIT 10) s) END
                      AS "salons: Json<Vec<NextSalon>>"
           FROM municipalities m CROSS JOIN LATERAL municipality_answerers(m.code, NULL) a
           WHERE m.slug = $1"#,
        slug,
        OPEN_DECISIONS,
        period.map(|p| p.now),
        period.map(|p| p.since),
        period.and_then(|p| p.months_from),
        salons_from
    )
    .fetch_optional(db)
    .await?
    .ok_or(AppError::NotFound)?;
    let salons = row
        .salons
        .map(|salons| {
            salons
                .0
                .into_iter()
                .map(|s| crate::directory::Found {
                    id: s.0,
                    slug: s.1,
                    title: s.2,
                    question: s.3,
                    town: s.4,
                    // The municipality's own: the directory names each salon's from its code.
                    municipality_name: row.name.clone(),
                    format: s.5,
                    status: s.6,
                    capacity: s.7,
                    first_starts_at: s.8,
                    last_starts_at: s.9,
                    step_free: s.10,
                    citizens_registered: s.11,
                    answer_units: s.12,
                    rank: 0.0,
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(Loaded {
        m: Municipality {
            code: row.code,
            name: row.name,
            official_name: row.official_name,
            slug: row.slug,
        },
        region: row.region,
        about: row.about,
        contact_email: row.contact_email,
        units: row.units.0,
        answerers: roles::Answerers {
            admins: row.admins,
            for_units: row.for_units,
        },
        decisions: row.decisions.0,
        steps: row.steps.0,
        record: row.record.unwrap_or_default(),
        salons,
    })
}

/// `/municipalities/{municipality}`: the admins' text, the units, and a way to ask for a role.
async fn show(
    State(state): State<AppState>,
    f: Frame,
    user: Option<CurrentUser>,
    Path(slug): Path<String>,
) -> Result<Page<ShowPage>, AppError> {
    let now = state.clock.now();
    let Loaded {
        m,
        region,
        about,
        contact_email,
        units,
        answerers,
        decisions,
        steps,
        record,
        salons,
    } = load(
        &state.db,
        &slug,
        Some(Period::twelve_months(now, true)),
        Some(now),
    )
    .await?;
    let units = units
        .into_iter()
        .map(|u| UnitRow {
            kind_label: f.tr.text(UnitKind::from_db(&u.kind).label_key()),
            name: u.name.into(),
            slug: u.slug.into(),
            description: u.description.into(),
        })
        .collect();
    let salons = salons.into_iter().map(|s| s.card(now)).collect();
    let admin = match &user {
        Some(u) => roles::holds(&state.db, u.id, &m.slug, &[roles::RoleKind::Admin]).await?,
        None => false,
    };
    let (record, months) = record.split();
    let record = crate::invitations::record::Shown::new(&f.tr, record, answerers.none());
    let no_admin_note = (answerers.admins == 0 && !answerers.none()).then(|| {
        f.tr.t_args(
            "municipality-no-admin-yet",
            &[
                ("municipality", m.official_name.clone().into()),
                ("count", answerers.for_units.into()),
            ],
        )
    });
    let followed = crate::agreements::shown::followed_from(&f.tr, now, steps);
    let decisions = crate::decisions::pages::lists(&f.tr, &m.slug, decisions).open;
    let figures = crate::figures::Figures::municipality(&f.tr, &m.slug, (now, &months), &followed);
    Ok(Page(ShowPage {
        figures,
        decisions,
        followed,
        record,
        about: paragraphs(&about).into_iter().map(Escaped).collect(),
        contact_email,
        region,
        m,
        units,
        answerers,
        no_admin_note,
        signed_in: user.is_some(),
        admin,
        salons,
        f,
    }))
}

/// A text split into paragraphs at blank lines.
pub fn paragraphs(text: &str) -> Vec<String> {
    text.replace("\r\n", "\n")
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{danish_key, paragraphs};

    #[test]
    fn texts_split_into_paragraphs_at_blank_lines() {
        assert_eq!(
            paragraphs("Første afsnit\nfortsat.\r\n\r\n\n Andet afsnit "),
            ["Første afsnit\nfortsat.", "Andet afsnit"]
        );
        assert!(paragraphs("  ").is_empty());
    }

    #[test]
    fn danish_letters_sort_after_z() {
        let mut names = vec!["Århus", "Odense", "Ærø", "Aabenraa", "Zealand"];
        names.sort_by_key(|n| danish_key(n));
        assert_eq!(names, ["Odense", "Zealand", "Ærø", "Aabenraa", "Århus"]);
    }
}
