//! The admins' side of units: the list and creating a unit (kind, name, description, contact
//! email); [`super::unit_edit`] renames, describes and archives one, and marks who answers.
//!
//! A unit's URL slug follows its name (æ→ae, ø→oe, å→aa); two units of one municipality cannot
//! share a slug, which the `units_slug_unique` constraint guards and the form reports.

use askama::Template;
use axum::Form as PostForm;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use uuid::Uuid;

use super::AdminMunicipality;
use super::Municipality;
use crate::domain::{Body, Email, Invalid, Line, slugify};
use crate::error::{AppError, ConstraintExt};
use crate::roles::admin::AdminNav;
use crate::roles::{Choice, UnitKind, choices};
use crate::state::AppState;
use crate::web::DoneQuery;
use crate::web::forms::{Field, Form};
use crate::web::{Frame, Page};

/// A unit's name: 1–200 characters that give a slug.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitName(Line<200>);

impl UnitName {
    pub fn parse(raw: &str) -> Result<UnitName, Invalid> {
        let s = Line::required(raw)
            .map_err(|e| e.key("error-unit-name-missing", "error-unit-name-too-long"))?;
        if slugify(s.as_str()).is_empty() {
            return Err(Invalid("error-unit-name-invalid"));
        }
        Ok(UnitName(s))
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    pub fn slug(&self) -> String {
        slugify(self.0.as_str())
    }
}

fn description(raw: &str) -> Result<Body<2000>, Invalid> {
    Body::parse(raw).map_err(|e| e.long("error-unit-description-too-long"))
}

fn contact(raw: &str) -> Result<Option<Email>, Invalid> {
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        Email::parse(raw).map(Some)
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct UnitInput {
    pub(super) kind: String,
    pub(super) name: String,
    pub(super) description: String,
    pub(super) contact_email: String,
}

/// The fields shared by creating and editing (kind is chosen once, at creation).
pub(super) fn unit_fields(f: &Frame, input: &UnitInput) -> Vec<Field> {
    let tr = &f.tr;
    vec![
        Field::new(tr, "name", "text", "field-unit-name")
            .value(&input.name)
            .hint(tr, "field-unit-name-hint"),
        Field::new(tr, "description", "textarea", "field-unit-description")
            .value(&input.description)
            .optional(),
        Field::new(tr, "contact_email", "email", "field-unit-contact")
            .value(&input.contact_email)
            .hint(tr, "field-unit-contact-hint")
            .optional(),
    ]
}

/// The parsed fields, or `None` with the errors set on `form`.
pub(super) fn parse(
    f: &Frame,
    form: &mut Form,
    input: &UnitInput,
) -> Option<(UnitName, Body<2000>, Option<Email>)> {
    let name = form.check("name", &f.tr, UnitName::parse(&input.name));
    let desc = form.check("description", &f.tr, description(&input.description));
    let email = form.check("contact_email", &f.tr, contact(&input.contact_email));
    Some((name?, desc?, email?))
}

pub struct UnitListRow {
    pub id: Uuid,
    pub name: String,
    pub slug: String,
    pub kind: String,
    pub archived: bool,
}

#[derive(Template)]
#[template(path = "admin/units.html")]
pub struct UnitsPage {
    f: Frame,
    nav: AdminNav,
    done: Option<String>,
    units: Vec<UnitListRow>,
    form: Form,
    kinds: Vec<Choice>,
}

fn create_form(f: &Frame, input: &UnitInput) -> (Form, Vec<Choice>) {
    let mut fields = vec![Field::new(&f.tr, "kind", "radio", "field-unit-kind")];
    fields.extend(unit_fields(f, input));
    let kinds = choices(
        "field-kind",
        UnitKind::ALL
            .into_iter()
            .map(|k| {
                let value = k.as_str().to_string();
                let checked = input.kind == value;
                (value, k.label(&f.tr), None, checked)
            })
            .collect(),
    );
    (Form::new(fields), kinds)
}

async fn units_page(
    state: &AppState,
    f: Frame,
    m: &Municipality,
    form: Form,
    kinds: Vec<Choice>,
    done: Option<String>,
) -> Result<UnitsPage, AppError> {
    let units = sqlx::query!(
        r#"SELECT id, name, slug, kind::text AS "kind!", archived_at IS NOT NULL AS "archived!"
           FROM units WHERE municipality_code = $1 ORDER BY archived_at IS NOT NULL, kind DESC, name"#,
        m.code
    )
    .fetch_all(&state.db)
    .await?
    .into_iter()
    .map(|u| UnitListRow {
        id: u.id,
        name: u.name,
        slug: u.slug,
        kind: UnitKind::from_db(&u.kind).label(&f.tr),
        archived: u.archived,
    })
    .collect();
    Ok(UnitsPage {
        nav: AdminNav::new(m, "units"),
        done,
        units,
        form,
        kinds,
        f,
    })
}

pub async fn list(
    State(state): State<AppState>,
    f: Frame,
    AdminMunicipality(m): AdminMunicipality,
    Query(q): Query<DoneQuery>,
) -> Result<Page<UnitsPage>, AppError> {
    let done = q.notice(&f.tr, "admin", &["unit-created", "unit-archived"]);
    let (form, kinds) = create_form(&f, &UnitInput::default());
    Ok(Page(units_page(&state, f, &m, form, kinds, done).await?))
}

pub async fn create(
    State(state): State<AppState>,
    f: Frame,
    AdminMunicipality(m): AdminMunicipality,
    PostForm(input): PostForm<UnitInput>,
) -> Result<Response, AppError> {
    let (mut form, kinds) = create_form(&f, &input);
    let kind = form.check("kind", &f.tr, UnitKind::parse(&input.kind));
    if let (Some(kind), Some((name, desc, email))) = (kind, parse(&f, &mut form, &input)) {
        let unit = NewUnit {
            kind,
            name: &name,
            description: &desc,
            contact: email.as_ref(),
        };
        match create_unit(&state, &m, unit).await? {
            None => form.fail("name", &f.tr, "error-unit-slug-taken"),
            Some(_) => {
                return Ok(
                    Redirect::to(&format!("/admin/{}/units?done=unit-created", m.slug))
                        .into_response(),
                );
            }
        }
    }
    let page = units_page(&state, f, &m, form, kinds, None).await?;
    Ok(Page::invalid(page))
}

/// A unit to create, from a valid form.
pub struct NewUnit<'a> {
    pub kind: UnitKind,
    pub name: &'a UnitName,
    pub description: &'a Body<2000>,
    /// Its own mailbox, for invitations when no one on Medspil answers for it.
    pub contact: Option<&'a Email>,
}

/// Creates a unit of municipality `m`; `None` when its name gives a slug another unit has.
pub async fn create_unit(
    state: &AppState,
    m: &Municipality,
    unit: NewUnit<'_>,
) -> Result<Option<Uuid>, AppError> {
    let id = Uuid::new_v4();
    let inserted = sqlx::query!(
        r#"INSERT INTO units (id, municipality_code, kind, name, slug, description, contact_email, created_at)
           VALUES ($1, $2, ($3::text)::unit_kind, $4, $5, $6, $7, $8)"#,
        id,
        m.code,
        unit.kind.as_str(),
        unit.name.as_str(),
        unit.name.slug(),
        unit.description.as_str(),
        unit.contact.map(Email::as_str),
        state.clock.now()
    )
    .execute(&state.db)
    .await;
    Ok(inserted.on_constraint(&["units_slug_unique"])?.map(|_| id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_unit_name_must_give_a_slug() {
        assert_eq!(
            UnitName::parse("  Kultur,  Fritid ").unwrap().slug(),
            "kultur-fritid"
        );
        assert_eq!(
            UnitName::parse(" "),
            Err(Invalid("error-unit-name-missing"))
        );
        assert_eq!(
            UnitName::parse("—"),
            Err(Invalid("error-unit-name-invalid"))
        );
    }
}
