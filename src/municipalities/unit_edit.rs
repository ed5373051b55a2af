//! One unit, for its municipality's admins: rename and describe it (the slug follows the
//! name), archive it, and in committees and the council mark who answers for it.

use askama::Template;
use axum::Form as PostForm;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use uuid::Uuid;

use super::AdminMunicipality;
use super::Municipality;
use super::units::{UnitInput, parse, unit_fields};
use crate::domain::Email;
use crate::domain::ids::UnitId;
use crate::error::{AppError, ConstraintExt};
use crate::roles::admin::AdminNav;
use crate::roles::{Badge, UnitKind};
use crate::state::AppState;
use crate::web::DoneQuery;
use crate::web::forms::Form;
use crate::web::path::Ids;
use crate::web::{Frame, Page};

/// A member of the unit, as admins see it.
pub struct MemberRow {
    pub role: Uuid,
    pub badge: Badge,
    pub answers_for: bool,
    pub listed: bool,
}

#[derive(Template)]
#[template(path = "admin/unit.html")]
pub struct EditPage {
    f: Frame,
    nav: AdminNav,
    done: Option<String>,
    id: Uuid,
    name: String,
    slug: String,
    kind: String,
    archived: bool,
    marks_who_answers: bool,
    form: Form,
    members: Vec<MemberRow>,
}

/// The unit's page for admins; `typed` is the form as submitted, with its errors.
async fn edit_page(
    state: &AppState,
    f: Frame,
    m: &Municipality,
    unit: UnitId,
    typed: Option<Form>,
    done: Option<String>,
) -> Result<EditPage, AppError> {
    let id = unit.uuid();
    let u = sqlx::query!(
        r#"SELECT name, slug, kind::text AS "kind!", description, contact_email,
                  archived_at IS NOT NULL AS "archived!"
           FROM units WHERE id = $1 AND municipality_code = $2"#,
        id,
        m.code
    )
    .fetch_optional(&state.db)
    .await?
    .ok_or(AppError::NotFound)?;
    let kind = UnitKind::from_db(&u.kind);
    let form = match typed {
        Some(form) => form,
        None => Form::new(unit_fields(
            &f,
            &UnitInput {
                kind: u.kind.clone(),
                name: u.name.clone(),
                description: u.description,
                contact_email: u.contact_email.unwrap_or_default(),
            },
        )),
    };
    let members = sqlx::query!(
        r#"SELECT r.id, us.name, r.title, r.party, ru.answers_for, ru.listed
           FROM role_units ru JOIN roles r ON r.id = ru.role_id JOIN users us ON us.id = r.user_id
           WHERE ru.unit_id = $1 AND r.status = 'approved' ORDER BY us.name"#,
        id
    )
    .fetch_all(&state.db)
    .await?
    .into_iter()
    .map(|r| MemberRow {
        role: r.id,
        badge: Badge::new(&r.name, &r.title, &r.party, None, &m.official_name),
        answers_for: r.answers_for,
        listed: r.listed,
    })
    .collect();
    Ok(EditPage {
        nav: AdminNav::new(m, "units"),
        done,
        id,
        name: u.name,
        slug: u.slug,
        kind: kind.label(&f.tr),
        archived: u.archived,
        marks_who_answers: kind.marks_who_answers(),
        form,
        members,
        f,
    })
}

pub async fn edit(
    State(state): State<AppState>,
    f: Frame,
    AdminMunicipality(m): AdminMunicipality,
    Ids((_, unit)): Ids<(String, UnitId)>,
    Query(q): Query<DoneQuery>,
) -> Result<Page<EditPage>, AppError> {
    let done = q.notice(&f.tr, "admin", &["unit-saved", "answers-saved"]);
    Ok(Page(edit_page(&state, f, &m, unit, None, done).await?))
}

/// Renames and describes a unit; the slug follows the new name.
pub async fn save(
    State(state): State<AppState>,
    f: Frame,
    AdminMunicipality(m): AdminMunicipality,
    Ids((_, unit)): Ids<(String, UnitId)>,
    PostForm(input): PostForm<UnitInput>,
) -> Result<Response, AppError> {
    let id = unit.uuid();
    let mut form = Form::new(unit_fields(&f, &input));
    if let Some((name, desc, email)) = parse(&f, &mut form, &input) {
        let updated = sqlx::query!(
            r#"UPDATE units SET name = $3, slug = $4, description = $5, contact_email = $6
               WHERE id = $1 AND municipality_code = $2"#,
            id,
            m.code,
            name.as_str(),
            name.slug(),
            desc.as_str(),
            email.as_ref().map(Email::as_str),
        )
        .execute(&state.db)
        .await;
        match updated.on_constraint(&["units_slug_unique"])? {
            None => form.fail("name", &f.tr, "error-unit-slug-taken"),
            Some(done) => {
                if done.rows_affected() == 0 {
                    return Err(AppError::NotFound);
                }
                return Ok(
                    Redirect::to(&format!("/admin/{}/units/{id}?done=unit-saved", m.slug))
                        .into_response(),
                );
            }
        }
    }
    let page = edit_page(&state, f, &m, unit, Some(form), None).await?;
    Ok(Page::invalid(page))
}

/// Archives a unit: it leaves the municipality's page and the role form, and keeps its history.
pub async fn archive(
    State(state): State<AppState>,
    AdminMunicipality(m): AdminMunicipality,
    Ids((_, unit)): Ids<(String, UnitId)>,
) -> Result<Response, AppError> {
    let id = unit.uuid();
    let found = sqlx::query!(
        "UPDATE units SET archived_at = COALESCE(archived_at, $3) WHERE id = $1 AND municipality_code = $2",
        id,
        m.code,
        state.clock.now()
    )
    .execute(&state.db)
    .await?
    .rows_affected();
    if found == 0 {
        return Err(AppError::NotFound);
    }
    Ok(Redirect::to(&format!("/admin/{}/units?done=unit-archived", m.slug)).into_response())
}

/// Marks who answers for a committee or the council: the members checked, and no others.
pub async fn answers(
    State(state): State<AppState>,
    AdminMunicipality(m): AdminMunicipality,
    Ids((_, unit)): Ids<(String, UnitId)>,
    PostForm(pairs): PostForm<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let id = unit.uuid();
    let chosen: Vec<Uuid> = pairs
        .iter()
        .filter(|(name, _)| name == "answers")
        .map(|(_, value)| Uuid::parse_str(value).map_err(|_| AppError::BadRequest))
        .collect::<Result<_, _>>()?;
    mark_answerers(&state, &m, id, &chosen).await?;
    Ok(Redirect::to(&format!("/admin/{}/units/{id}?done=answers-saved", m.slug)).into_response())
}

/// Marks who answers for committee or council `unit` of `m`: the approved members `chosen`,
/// and no others. Not found for another municipality's unit; a department (where every member
/// answers) is a bad request.
pub async fn mark_answerers(
    state: &AppState,
    m: &Municipality,
    unit: Uuid,
    chosen: &[Uuid],
) -> Result<(), AppError> {
    let kind = sqlx::query_scalar!(
        r#"SELECT kind::text AS "kind!" FROM units WHERE id = $1 AND municipality_code = $2"#,
        unit,
        m.code
    )
    .fetch_optional(&state.db)
    .await?
    .ok_or(AppError::NotFound)?;
    if !UnitKind::from_db(&kind).marks_who_answers() {
        return Err(AppError::BadRequest);
    }
    sqlx::query!(
        r#"UPDATE role_units SET answers_for = (role_id = ANY($2))
           WHERE unit_id = $1 AND role_id IN (SELECT id FROM roles WHERE status = 'approved')"#,
        unit,
        chosen
    )
    .execute(&state.db)
    .await?;
    Ok(())
}
