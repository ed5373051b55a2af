//! The hosts' agreements page, `/salons/{key}/agreements`: the salon's agreements and a form
//! to add one, owned by the citizens, a unit or a person in a role of the salon's municipality.

use askama::Template;
use axum::Form as PostForm;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use serde::Deserialize;
use uuid::Uuid;

use super::shown::{Line, for_salon};
use super::{Status, record_update};
use crate::auth::CurrentUser;
use crate::domain::Invalid;
use crate::error::AppError;
use crate::salons::{VisibleSalon, hosted};
use crate::startup::AppState;
use crate::web::forms::{Field, Form};
use crate::web::{DoneQuery, Frame, Page};

/// An owner to choose.
pub struct OwnerOption {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "agreements/hosts.html")]
pub struct HostsPage {
    f: Frame,
    salon: VisibleSalon,
    lines: Vec<Line>,
    owners: Vec<OwnerOption>,
    owner_error: Option<String>,
    form: Form,
    notice: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct AddInput {
    description: String,
    owner: String,
    due_on: String,
}

fn add_form(f: &Frame, input: &AddInput) -> Form {
    Form::new(vec![
        Field::new(&f.tr, "description", "textarea", "agr-field-description")
            .value(&input.description),
        Field::new(&f.tr, "due_on", "date", "agr-field-due")
            .value(&input.due_on)
            .optional(),
    ])
}

/// What was agreed: 1–1,000 characters.
pub fn parse_description(raw: &str) -> Result<String, Invalid> {
    let s = raw.trim().replace("\r\n", "\n");
    if s.is_empty() {
        return Err(Invalid("agr-error-description-missing"));
    }
    if s.chars().count() > 1000 {
        return Err(Invalid("agr-error-description-too-long"));
    }
    Ok(s)
}

fn parse_due(raw: &str) -> Result<Option<NaiveDate>, Invalid> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| Invalid("agr-error-due-invalid"))
}

async fn owners(
    state: &AppState,
    f: &Frame,
    salon: &VisibleSalon,
    chosen: &str,
) -> Result<Vec<OwnerOption>, AppError> {
    let mut out = vec![OwnerOption {
        value: "citizens".into(),
        label: f.tr.t("agr-owner-citizens"),
        selected: chosen == "citizens",
    }];
    let units = sqlx::query!(
        "SELECT id, name FROM units WHERE municipality_code = $1 AND archived_at IS NULL ORDER BY kind, name",
        salon.municipality_code
    )
    .fetch_all(&state.db)
    .await?;
    let people = sqlx::query!(
        r#"SELECT DISTINCT u.id, u.name FROM roles r JOIN users u ON u.id = r.user_id
           WHERE r.municipality_code = $1 AND r.status = 'approved' AND r.kind <> 'admin'
             AND u.deleted_at IS NULL ORDER BY u.name"#,
        salon.municipality_code
    )
    .fetch_all(&state.db)
    .await?;
    for u in units {
        let value = format!("unit:{}", u.id);
        out.push(OwnerOption {
            selected: value == chosen,
            value,
            label: u.name,
        });
    }
    for p in people {
        let value = format!("person:{}", p.id);
        out.push(OwnerOption {
            selected: value == chosen,
            value,
            label: p.name,
        });
    }
    Ok(out)
}

async fn render(
    state: &AppState,
    f: Frame,
    salon: VisibleSalon,
    input: &AddInput,
    form: Form,
    owner_error: Option<String>,
    notice: Option<String>,
) -> Result<HostsPage, AppError> {
    let lines = for_salon(state, &f.tr, salon.id).await?;
    let owners = owners(state, &f, &salon, &input.owner).await?;
    Ok(HostsPage {
        f,
        salon,
        lines,
        owners,
        owner_error,
        form,
        notice,
    })
}

/// `GET /salons/{key}/agreements`.
pub async fn page(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    Path(key): Path<String>,
    Query(q): Query<DoneQuery>,
) -> Result<Response, AppError> {
    let salon = hosted(&state, &key, &user).await?;
    let notice = q
        .done
        .filter(|d| d == "added")
        .map(|_| f.tr.t("agr-done-added"));
    let input = AddInput::default();
    let form = add_form(&f, &input);
    Ok(Page(render(&state, f, salon, &input, form, None, notice).await?).into_response())
}

/// `POST /salons/{key}/agreements`.
pub async fn add(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    Path(key): Path<String>,
    PostForm(input): PostForm<AddInput>,
) -> Result<Response, AppError> {
    let salon = hosted(&state, &key, &user).await?;
    let mut form = add_form(&f, &input);
    let description = form
        .field("description")
        .check(&f.tr, parse_description(&input.description));
    let due = form.field("due_on").check(&f.tr, parse_due(&input.due_on));
    let owner = match input.owner.split_once(':') {
        _ if input.owner == "citizens" => Some(("citizens", None, None)),
        Some(("unit", id)) => Uuid::parse_str(id).ok().map(|u| ("unit", Some(u), None)),
        Some(("person", id)) => Uuid::parse_str(id).ok().map(|p| ("person", None, Some(p))),
        _ => None,
    };
    // The owner must belong to the salon's municipality.
    let owner = match owner {
        Some((kind, unit, person)) => {
            let fits = sqlx::query_scalar!(
                r#"SELECT ($1::uuid IS NULL OR EXISTS (SELECT 1 FROM units WHERE id = $1
                            AND municipality_code = $3 AND archived_at IS NULL))
                      AND ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM roles WHERE user_id = $2
                            AND municipality_code = $3 AND status = 'approved')) AS "fits!""#,
                unit,
                person,
                salon.municipality_code
            )
            .fetch_one(&state.db)
            .await?;
            fits.then_some((kind, unit, person))
        }
        None => None,
    };
    let owner_error = owner.is_none().then(|| f.tr.t("agr-error-owner"));
    let (Some(description), Some(due), Some((kind, unit, person))) = (description, due, owner)
    else {
        let page = render(&state, f, salon, &input, form, owner_error, None).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, Page(page)).into_response());
    };
    let now = state.clock.now();
    // The citizens' own agreements are agreed at once; a unit or person must accept theirs.
    let status = if kind == "citizens" {
        Status::Agreed
    } else {
        Status::Proposed
    };
    let id = Uuid::new_v4();
    let mut tx = state.db.begin().await?;
    sqlx::query!(
        r#"INSERT INTO agreements (id, salon_id, description, owner, owner_unit_id, owner_user_id,
               due_on, status, created_by, created_at, updated_at)
           VALUES ($1, $2, $3, $4::text::agreement_owner, $5, $6, $7, $8::text::agreement_status, $9, $10, $10)"#,
        id,
        salon.id,
        description,
        kind,
        unit,
        person,
        due,
        status.as_str(),
        user.id,
        now
    )
    .execute(&mut *tx)
    .await?;
    record_update(&mut tx, id, status, "", (user.id, &user.name), now).await?;
    if kind != "citizens" {
        let a = super::load(&mut tx, &f.tr, id).await?;
        let owners = super::owners_of(&mut tx, id).await?;
        super::tell(
            &mut tx,
            &state,
            owners,
            &a,
            "agr-what-proposed",
            &user.name,
            "",
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Redirect::to(&format!("{}/agreements?done=added", salon.path())).into_response())
}
