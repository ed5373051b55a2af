//! An agreement's own page, `/agreements/{agreement}` (public when its salon is): what was
//! agreed, its owner, due date, status and timeline; and for its owners the forms to accept or
//! refuse it while proposed, and to update its status with a public note once agreed.

use askama::Template;
use axum::Form as PostForm;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono_tz::Europe::Copenhagen;
use serde::Deserialize;
use uuid::Uuid;

use super::{Agreement, Status, record_update};
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::startup::AppState;
use crate::web::forms::{Field, Form};
use crate::web::{DoneQuery, Frame, Page};

/// One update on the timeline.
pub struct UpdateLine {
    pub when: String,
    pub text: String,
    pub note: String,
}

#[derive(Template)]
#[template(path = "agreements/show.html")]
pub struct AgreementPage {
    f: Frame,
    a: Agreement,
    status: String,
    due: Option<String>,
    overdue: bool,
    timeline: Vec<UpdateLine>,
    owner: bool,
    refuse: Form,
    update: Form,
    notice: Option<String>,
}

impl AgreementPage {
    pub fn proposed(&self) -> bool {
        self.a.status == Status::Proposed
    }
    pub fn open(&self) -> bool {
        matches!(self.a.status, Status::Agreed | Status::InProgress)
    }
}

fn forms(f: &Frame, reason: &str, note: &str) -> (Form, Form) {
    (
        Form::new(vec![
            Field::new(&f.tr, "reason", "textarea", "agr-field-reason").value(reason),
        ])
        .prefixed("refuse"),
        Form::new(vec![
            Field::new(&f.tr, "note", "textarea", "agr-field-note")
                .value(note)
                .hint(&f.tr, "agr-field-note-hint"),
        ])
        .prefixed("update"),
    )
}

async fn render(
    state: &AppState,
    f: Frame,
    user: Option<&CurrentUser>,
    a: Agreement,
    forms: (Form, Form),
    notice: Option<String>,
) -> Result<AgreementPage, AppError> {
    let rows = sqlx::query!(
        r#"SELECT status::text AS "status!", note, actor_name, at FROM agreement_updates
           WHERE agreement_id = $1 ORDER BY at, seq"#,
        a.id
    )
    .fetch_all(&state.db)
    .await?;
    let tr = &f.tr;
    let timeline = rows
        .into_iter()
        .map(|r| UpdateLine {
            when: tr.datetime(r.at),
            text: tr.t_args(
                "agr-timeline-line",
                &[
                    (
                        "by",
                        if r.actor_name.is_empty() {
                            tr.t("salon-deleted-user")
                        } else {
                            r.actor_name
                        }
                        .into(),
                    ),
                    ("status", Status::from_db(&r.status).label(tr).into()),
                ],
            ),
            note: r.note,
        })
        .collect();
    let owner = match user {
        Some(u) => super::may_act(&state.db, a.id, u.id).await?,
        None => false,
    };
    let today = state.clock.now().with_timezone(&Copenhagen).date_naive();
    let (refuse, update) = forms;
    Ok(AgreementPage {
        status: a.status.label(tr),
        due: a.due_on.map(|d| d.format("%d.%m.%Y").to_string()),
        overdue: a.overdue(today),
        timeline,
        owner,
        refuse,
        update,
        notice,
        a,
        f,
    })
}

/// The agreement, if its salon is one the viewer may see.
async fn visible(
    state: &AppState,
    f: &Frame,
    user: Option<&CurrentUser>,
    raw: &str,
) -> Result<Agreement, AppError> {
    let id = Uuid::parse_str(raw).map_err(|_| AppError::NotFound)?;
    let mut conn = state.db.acquire().await?;
    let a = super::load(&mut conn, &f.tr, id).await?;
    crate::salons::load_visible(&state.db, a.salon_id, user).await?;
    Ok(a)
}

/// `GET /agreements/{agreement}`.
pub async fn page(
    State(state): State<AppState>,
    f: Frame,
    user: Option<CurrentUser>,
    Path(id): Path<String>,
    Query(q): Query<DoneQuery>,
) -> Result<Response, AppError> {
    let a = visible(&state, &f, user.as_ref(), &id).await?;
    let notice = q
        .done
        .filter(|d| ["accepted", "refused", "updated"].contains(&d.as_str()))
        .map(|d| f.tr.t(&format!("agr-done-{d}")));
    let forms = forms(&f, "", "");
    let page = render(&state, f, user.as_ref(), a, forms, notice).await?;
    Ok(Page(page).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct OwnerInput {
    reason: String,
    note: String,
    status: String,
}

/// Moves the agreement from `from` to `to` with `note`, records it and tells the followers;
/// `false` when it was no longer in a state that allows it.
#[allow(clippy::too_many_arguments)]
async fn change(
    state: &AppState,
    f: &Frame,
    user: &CurrentUser,
    a: &Agreement,
    from: &[Status],
    to: Status,
    note: &str,
    reason: Option<&str>,
) -> Result<bool, AppError> {
    let now = state.clock.now();
    let from: Vec<String> = from.iter().map(|s| s.as_str().to_string()).collect();
    let mut tx = state.db.begin().await?;
    let done = sqlx::query!(
        r#"UPDATE agreements SET status = $2::text::agreement_status, updated_at = $3,
               refusal_reason = coalesce($4, refusal_reason)
           WHERE id = $1 AND status::text = ANY($5) RETURNING id"#,
        a.id,
        to.as_str(),
        now,
        reason,
        &from
    )
    .fetch_optional(&mut *tx)
    .await?;
    if done.is_none() {
        return Ok(false);
    }
    record_update(&mut tx, a.id, to, note, (user.id, &user.name), now).await?;
    let a = super::load(&mut tx, &f.tr, a.id).await?;
    let followers = super::followers(&mut tx, a.salon_id).await?;
    super::tell(
        &mut tx,
        state,
        followers,
        &a,
        "agr-what-updated",
        &user.name,
        note,
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

async fn done_or_back(
    state: &AppState,
    f: Frame,
    user: &CurrentUser,
    a: Agreement,
    ok: bool,
    what: &str,
) -> Result<Response, AppError> {
    if ok {
        return Ok(Redirect::to(&format!("/agreements/{}?done={what}", a.id)).into_response());
    }
    let notice = Some(f.tr.t("agr-error-changed"));
    let forms = forms(&f, "", "");
    let page = render(state, f, Some(user), a, forms, notice).await?;
    Ok((StatusCode::CONFLICT, Page(page)).into_response())
}

/// `POST /agreements/{agreement}/accept`: "Vi tager den".
pub async fn accept(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let a = visible(&state, &f, Some(&user), &id).await?;
    let ok = change(
        &state,
        &f,
        &user,
        &a,
        &[Status::Proposed],
        Status::Agreed,
        "",
        None,
    )
    .await?;
    done_or_back(&state, f, &user, a, ok, "accepted").await
}

/// `POST /agreements/{agreement}/refuse`: with a reason, shown on the timeline.
pub async fn refuse(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    Path(id): Path<String>,
    PostForm(input): PostForm<OwnerInput>,
) -> Result<Response, AppError> {
    let a = visible(&state, &f, Some(&user), &id).await?;
    let (mut refuse, update) = forms(&f, &input.reason, "");
    let Some(reason) = refuse
        .field("reason")
        .check(&f.tr, crate::invitations::parse_reason(&input.reason))
    else {
        let page = render(&state, f, Some(&user), a, (refuse, update), None).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, Page(page)).into_response());
    };
    let ok = change(
        &state,
        &f,
        &user,
        &a,
        &[Status::Proposed],
        Status::Dropped,
        &reason,
        Some(&reason),
    )
    .await?;
    done_or_back(&state, f, &user, a, ok, "refused").await
}

/// `POST /agreements/{agreement}/status`: in progress, done or dropped, with a public note.
pub async fn update(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    Path(id): Path<String>,
    PostForm(input): PostForm<OwnerInput>,
) -> Result<Response, AppError> {
    let a = visible(&state, &f, Some(&user), &id).await?;
    let (refuse, mut update) = forms(&f, "", &input.note);
    let note = update
        .field("note")
        .check(&f.tr, crate::invitations::parse_note(&input.note));
    let to = Status::parse_update(&input.status);
    if to.is_none() {
        update.field("note").fail(&f.tr, "agr-error-status");
    }
    let (Some(note), Some(to)) = (note, to) else {
        let page = render(&state, f, Some(&user), a, (refuse, update), None).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, Page(page)).into_response());
    };
    let ok = change(
        &state,
        &f,
        &user,
        &a,
        &[Status::Agreed, Status::InProgress],
        to,
        &note,
        None,
    )
    .await?;
    done_or_back(&state, f, &user, a, ok, "updated").await
}
