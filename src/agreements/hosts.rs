//! The hosts' agreements page, `/salons/{key}/agreements`: the salon's agreements and a form
//! to add one, owned by the citizens, a unit or a person in a role of the salon's municipality.
//! The hosts correct a step's text in the open — the earlier version is kept and the step
//! shows "rettet <dato>" — and withdraw a step while it is only proposed (it stays, shown as
//! withdrawn).

use askama::Template;
use axum::Form as PostForm;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono_tz::Europe::Copenhagen;
use serde::Deserialize;
use uuid::Uuid;

use super::shown::{Line, for_salon};
use super::{Status, parse_due, record_update};
use crate::auth::CurrentUser;
use crate::domain::ids::AgreementId;
use crate::domain::{Body, Invalid};
use crate::error::AppError;
use crate::salons::{HostedSalon, VisibleSalon};
use crate::state::AppState;
use crate::web::forms::{Field, Form};
use crate::web::i18n::Tr;
use crate::web::path::Ids;
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
    /// A correction that came back with an error: the step, what was typed, the message.
    edit_error: Option<(Uuid, String, String)>,
    /// Why a correction or withdrawal could not be made (the step has moved on).
    problem: Option<String>,
}

impl HostsPage {
    /// The text to show in a step's correction form: what was typed, if it came back.
    pub fn edit_value(&self, line: &Line) -> String {
        match &self.edit_error {
            Some((id, typed, _)) if *id == line.id => typed.clone(),
            _ => line.description.clone(),
        }
    }

    /// The error by a step's correction form, if it came back with one.
    pub fn edit_error_for(&self, line: &Line) -> Option<String> {
        match &self.edit_error {
            Some((id, _, error)) if *id == line.id => Some(error.clone()),
            _ => None,
        }
    }
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
pub fn parse_description(raw: &str) -> Result<Body<1000>, Invalid> {
    Body::required(raw).map_err(|e| {
        e.key(
            "agr-error-description-missing",
            "agr-error-description-too-long",
        )
    })
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
        edit_error: None,
        problem: None,
    })
}

/// `GET /salons/{key}/agreements`.
pub async fn page(
    State(state): State<AppState>,
    f: Frame,
    HostedSalon(salon): HostedSalon,
    Query(q): Query<DoneQuery>,
) -> Result<Response, AppError> {
    let notice = crate::web::done_notice(
        &f.tr,
        "agr",
        q.done.as_deref(),
        &["added", "corrected", "withdrawn"],
    );
    let input = AddInput::default();
    let form = add_form(&f, &input);
    Ok(Page(render(&state, f, salon, &input, form, None, notice).await?).into_response())
}

/// `POST /salons/{key}/agreements`.
pub async fn add(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    HostedSalon(salon): HostedSalon,
    PostForm(input): PostForm<AddInput>,
) -> Result<Response, AppError> {
    let mut form = add_form(&f, &input);
    let description = form.check("description", &f.tr, parse_description(&input.description));
    let today = state.clock.now().with_timezone(&Copenhagen).date_naive();
    let due = form.check("due_on", &f.tr, parse_due(&input.due_on, today));
    let owner = match input.owner.split_once(':') {
        _ if input.owner == "citizens" => Some(Owner::Citizens),
        Some(("unit", id)) => Uuid::parse_str(id).ok().map(Owner::Unit),
        Some(("person", id)) => Uuid::parse_str(id).ok().map(Owner::Person),
        _ => None,
    };
    let added = match (description, due, owner) {
        (Some(description), Some(due), Some(owner)) => {
            let new = NewAgreement {
                description: &description,
                owner,
                due,
            };
            add_agreement(&state, &f.tr, &salon, (user.id, &user.name), new).await?
        }
        _ => None,
    };
    if added.is_none() {
        // No owner chosen, or (the rest being valid) one outside the salon's municipality.
        let owner_error =
            (owner.is_none() || !form.has_errors()).then(|| f.tr.t("agr-error-owner"));
        let page = render(&state, f, salon, &input, form, owner_error, None).await?;
        return Ok(Page::invalid(page));
    }
    Ok(Redirect::to(&format!("{}/agreements?done=added", salon.path())).into_response())
}

/// Who a next step is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Owner {
    /// The citizens themselves: agreed at once.
    Citizens,
    /// A unit or a person with a role of the salon's municipality: proposed to them.
    Unit(Uuid),
    Person(Uuid),
}

/// A next step from a valid form.
pub struct NewAgreement<'a> {
    pub description: &'a Body<1000>,
    pub owner: Owner,
    pub due: Option<chrono::NaiveDate>,
}

/// Adds a next step to `salon`, by host `by` (id and name): the citizens' own are agreed at
/// once, one for a unit or a person is proposed to them and they are told. `None` when the
/// owner is not a live unit or a person with a role of the salon's municipality.
pub async fn add_agreement(
    state: &AppState,
    tr: &Tr,
    salon: &VisibleSalon,
    by: (Uuid, &str),
    new: NewAgreement<'_>,
) -> Result<Option<Uuid>, AppError> {
    let (kind, unit, person) = match new.owner {
        Owner::Citizens => ("citizens", None, None),
        Owner::Unit(u) => ("unit", Some(u), None),
        Owner::Person(p) => ("person", None, Some(p)),
    };
    // The owner must belong to the salon's municipality.
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
    if !fits {
        return Ok(None);
    }
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
        new.description.as_str(),
        kind,
        unit,
        person,
        new.due,
        status.as_str(),
        by.0,
        now
    )
    .execute(&mut *tx)
    .await?;
    record_update(&mut tx, id, status, "", by, now).await?;
    if kind != "citizens" {
        super::tell_owners(&mut tx, state, tr, id, "agr-what-proposed", by.1, "").await?;
    }
    tx.commit().await?;
    Ok(Some(id))
}

/// A step of this salon, or 404.
async fn of_salon(
    conn: &mut sqlx::PgConnection,
    f: &Frame,
    salon: &VisibleSalon,
    id: AgreementId,
) -> Result<super::Agreement, AppError> {
    let a = super::load(conn, &f.tr, id.uuid()).await?;
    if a.salon_id != salon.id {
        return Err(AppError::NotFound);
    }
    Ok(a)
}

/// The page again, with `status` and a problem or a correction's error.
async fn back(
    state: &AppState,
    f: Frame,
    salon: VisibleSalon,
    problem: Option<String>,
    edit_error: Option<(Uuid, String, String)>,
) -> Result<HostsPage, AppError> {
    let input = AddInput::default();
    let form = add_form(&f, &input);
    let mut page = render(state, f, salon, &input, form, None, None).await?;
    page.edit_error = edit_error;
    page.problem = problem;
    Ok(page)
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct EditInput {
    description: String,
}

/// `POST /salons/{key}/agreements/{agreement}/edit`: corrects a step's text while it is open.
/// The earlier text is kept and shown; the owners are told.
pub async fn edit(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    HostedSalon(salon): HostedSalon,
    Ids((_, agreement)): Ids<(String, AgreementId)>,
    PostForm(input): PostForm<EditInput>,
) -> Result<Response, AppError> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let a = of_salon(&mut tx, &f, &salon, agreement).await?;
    let text = match parse_description(&input.description) {
        Ok(text) => text,
        Err(Invalid(key)) => {
            drop(tx);
            let error = (a.id, input.description.clone(), f.tr.t(key));
            let page = back(&state, f, salon, None, Some(error)).await?;
            return Ok(Page::invalid(page));
        }
    };
    if text.as_str() == a.description {
        return Ok(Redirect::to(&format!("{}/agreements", salon.path())).into_response());
    }
    // Only while it is open: a finished step's text is what was finished.
    let old = sqlx::query_scalar!(
        r#"SELECT description FROM agreements
           WHERE id = $1 AND status IN ('proposed', 'agreed', 'in_progress') FOR UPDATE"#,
        a.id
    )
    .fetch_optional(&mut *tx)
    .await?;
    let Some(old) = old else {
        drop(tx);
        let problem = Some(f.tr.t("agr-error-edit-finished"));
        let page = back(&state, f, salon, problem, None).await?;
        return Ok((StatusCode::CONFLICT, Page(page)).into_response());
    };
    sqlx::query!(
        r#"INSERT INTO agreement_versions (id, agreement_id, description, replaced_at, replaced_by)
           VALUES ($1, $2, $3, $4, $5)"#,
        Uuid::new_v4(),
        a.id,
        old,
        now,
        user.id
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "UPDATE agreements SET description = $2, corrected_at = $3, updated_at = $3 WHERE id = $1",
        a.id,
        text.as_str(),
        now
    )
    .execute(&mut *tx)
    .await?;
    if a.owner != "citizens" {
        let (what, by) = ("agr-what-corrected", &user.name);
        super::tell_owners(&mut tx, &state, &f.tr, a.id, what, by, &old).await?;
    }
    tx.commit().await?;
    Ok(Redirect::to(&format!("{}/agreements?done=corrected", salon.path())).into_response())
}

/// `POST /salons/{key}/agreements/{agreement}/withdraw`: the hosts take back a step its owner
/// has not answered. It stays on the salon, shown as withdrawn; a step already taken is the
/// owner's and cannot be withdrawn (409).
pub async fn withdraw(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    HostedSalon(salon): HostedSalon,
    Ids((_, agreement)): Ids<(String, AgreementId)>,
) -> Result<Response, AppError> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let a = of_salon(&mut tx, &f, &salon, agreement).await?;
    let done = sqlx::query!(
        r#"UPDATE agreements SET status = 'withdrawn', updated_at = $2
           WHERE id = $1 AND status = 'proposed' RETURNING id"#,
        a.id,
        now
    )
    .fetch_optional(&mut *tx)
    .await?;
    if done.is_none() {
        drop(tx);
        let problem = Some(f.tr.t("agr-error-withdraw-taken"));
        let page = back(&state, f, salon, problem, None).await?;
        return Ok((StatusCode::CONFLICT, Page(page)).into_response());
    }
    record_update(
        &mut tx,
        a.id,
        Status::Withdrawn,
        "",
        (user.id, &user.name),
        now,
    )
    .await?;
    let (what, by) = ("agr-what-withdrawn", &user.name);
    super::tell_owners(&mut tx, &state, &f.tr, a.id, what, by, "").await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("{}/agreements?done=withdrawn", salon.path())).into_response())
}
