//! Denmark's municipalities: the list by region and each municipality's page with its units.

use askama::Template;
use axum::extract::{Path, State};
use axum::routing::get;

use crate::auth::{Access, RouteSpec};
use crate::error::AppError;
use crate::startup::AppState;
use crate::web::{Frame, Page};

pub fn routes() -> Vec<RouteSpec> {
    vec![
        RouteSpec::get("/municipalities", Access::Public, get(index)),
        RouteSpec::get("/municipalities/{slug}", Access::Public, get(show)),
    ]
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

pub struct UnitRow {
    pub name: String,
    pub kind_label: String,
    pub description: String,
}

#[derive(Template)]
#[template(path = "municipalities/show.html")]
struct ShowPage {
    f: Frame,
    name: String,
    official_name: String,
    region: String,
    units: Vec<UnitRow>,
}

async fn show(
    State(state): State<AppState>,
    f: Frame,
    Path(slug): Path<String>,
) -> Result<Page<ShowPage>, AppError> {
    let m = sqlx::query!(
        "SELECT code, name, official_name, region FROM municipalities WHERE slug = $1",
        slug
    )
    .fetch_optional(&state.db)
    .await?
    .ok_or(AppError::NotFound)?;
    let units = sqlx::query!(
        r#"SELECT name, kind::text AS "kind!", description FROM units
           WHERE municipality_code = $1 AND archived_at IS NULL
           ORDER BY kind DESC, name"#,
        m.code
    )
    .fetch_all(&state.db)
    .await?
    .into_iter()
    .map(|u| UnitRow {
        kind_label: f.tr.t(&format!("unit-kind-{}", u.kind)),
        name: u.name,
        description: u.description,
    })
    .collect();
    Ok(Page(ShowPage {
        f,
        name: m.name,
        official_name: m.official_name,
        region: m.region,
        units,
    }))
}

#[cfg(test)]
mod tests {
    use super::danish_key;

    #[test]
    fn danish_letters_sort_after_z() {
        let mut names = vec!["Århus", "Odense", "Ærø", "Aabenraa", "Zealand"];
        names.sort_by_key(|n| danish_key(n));
        assert_eq!(names, ["Odense", "Zealand", "Ærø", "Aabenraa", "Århus"]);
    }
}
