//! `/municipalities/{municipality}/people`: who is who in the municipality — the council and
//! its committees with their politicians (name, party, committees), then the departments and
//! who answers for each. Every name links to its public profile ([`crate::people`]). Only
//! approved roles of people who chose to be listed on the unit, as on the unit's own page.

use askama::Template;
use axum::extract::{Path, State};
use serde::Deserialize;
use sqlx::types::Json;
use uuid::Uuid;

use super::{Municipality, find};
use crate::error::AppError;
use crate::roles::UnitKind;
use crate::state::AppState;
use crate::web::{Frame, Page};

/// A person in a unit, as the query gives them.
#[derive(Debug, Deserialize)]
struct PersonRow {
    id: Uuid,
    name: String,
    title: String,
    party: String,
    /// The committees and council they sit on, by name.
    committees: Vec<String>,
}

/// A person as the page shows them.
pub struct PersonLine {
    pub name: String,
    pub profile: String,
    /// Party and title ("Socialdemokratiet · Formand"), empty parts left out.
    pub role: String,
    /// "Klimaudvalget, Byrådet".
    pub committees: String,
}

/// A unit with its people.
pub struct UnitBlock {
    pub name: String,
    pub path: String,
    pub kind_label: String,
    pub people: Vec<PersonLine>,
}

#[derive(Template)]
#[template(path = "municipalities/people.html")]
pub struct PeoplePage {
    f: Frame,
    m: Municipality,
    /// The council first, then the committees.
    political: Vec<UnitBlock>,
    departments: Vec<UnitBlock>,
}

/// `GET /municipalities/{municipality}/people`.
pub async fn show(
    State(state): State<AppState>,
    f: Frame,
    Path(slug): Path<String>,
) -> Result<Page<PeoplePage>, AppError> {
    let m = find(&state.db, &slug).await?;
    // One statement: each unit with its people. On the council and committees, its
    // politicians; on a department, those who answer for it (the unit's page lists everyone).
    let rows = sqlx::query!(
        r#"SELECT un.name, un.slug, un.kind::text AS "kind!",
                  (SELECT coalesce(json_agg(json_build_object(
                              'id', us.id, 'name', us.name, 'title', r.title, 'party', r.party,
                              'committees', (SELECT coalesce(array_agg(c.name ORDER BY c.kind DESC, c.name), '{}')
                                             FROM role_units cru JOIN units c ON c.id = cru.unit_id
                                             WHERE cru.role_id = r.id AND cru.listed
                                               AND c.kind <> 'department' AND c.archived_at IS NULL))
                              ORDER BY us.name, us.id), '[]')
                   FROM role_units ru JOIN roles r ON r.id = ru.role_id
                   JOIN users us ON us.id = r.user_id
                   WHERE ru.unit_id = un.id AND ru.listed AND r.status = 'approved'
                     AND us.deleted_at IS NULL
                     AND CASE WHEN un.kind = 'department' THEN ru.answers_for
                              ELSE r.kind = 'politician' END)
                    AS "people!: Json<Vec<PersonRow>>"
           FROM units un
           WHERE un.municipality_code = $1 AND un.archived_at IS NULL
           ORDER BY un.kind DESC, un.name"#,
        m.code
    )
    .fetch_all(&state.db)
    .await?;
    let (mut political, mut departments) = (Vec::new(), Vec::new());
    for r in rows {
        let kind = UnitKind::from_db(&r.kind);
        let block = UnitBlock {
            path: format!("/municipalities/{}/units/{}", m.slug, r.slug),
            name: r.name,
            kind_label: kind.label(&f.tr),
            people: r
                .people
                .0
                .into_iter()
                .map(|p| PersonLine {
                    profile: crate::people::path(p.id),
                    role: [p.party.as_str(), p.title.as_str()]
                        .into_iter()
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>()
                        .join(" · "),
                    committees: p.committees.join(", "),
                    name: p.name,
                })
                .collect(),
        };
        match kind {
            UnitKind::Department => departments.push(block),
            UnitKind::Committee | UnitKind::Council => political.push(block),
        }
    }
    Ok(Page(PeoplePage {
        f,
        m,
        political,
        departments,
    }))
}
