//! The admins' inbox of role requests: `/admin/{municipality}` lists what waits, each request
//! has its own page, and an admin approves it or rejects it with a reason. The person is told
//! either way. A request is decided once: the update only touches a pending row.

use askama::Template;
use axum::Form as PostForm;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::admin::{AdminNav, ReasonFor, ReasonInput, reason_form};
use super::mails::{self, Event, Facts};
use super::values::Reason;
use super::{Badge, RoleKind};
use crate::auth::CurrentUser;
use crate::domain::ids::RoleId;
use crate::error::AppError;
use crate::municipalities::AdminMunicipality;
use crate::municipalities::Municipality;
use crate::state::AppState;
use crate::web::DoneQuery;
use crate::web::forms::Form;
use crate::web::path::Ids;
use crate::web::{Frame, Page};

/// A pending request, as admins see it.
pub struct RequestRow {
    pub id: Uuid,
    pub kind: String,
    pub badge: Badge,
    pub email: String,
    pub units: String,
    pub note: String,
    pub requested: String,
}

/// Pending requests of the municipality; only `only` when given.
async fn pending_rows(
    state: &AppState,
    f: &Frame,
    m: &Municipality,
    only: Option<Uuid>,
) -> Result<Vec<RequestRow>, AppError> {
    let rows = sqlx::query!(
        r#"SELECT r.id, r.kind::text AS "kind!", r.title, r.party, r.note,
                  r.created_at AS "created_at: DateTime<Utc>", u.name, COALESCE(u.email, '') AS "email!",
                  COALESCE(array_agg(un.name ORDER BY un.name) FILTER (WHERE un.id IS NOT NULL), '{}') AS "units!"
           FROM roles r JOIN users u ON u.id = r.user_id
           LEFT JOIN role_units ru ON ru.role_id = r.id
           LEFT JOIN units un ON un.id = ru.unit_id
           WHERE r.municipality_code = $1 AND r.status = 'pending' AND ($2::uuid IS NULL OR r.id = $2)
           GROUP BY r.id, u.id ORDER BY r.created_at"#,
        m.code,
        only
    )
    .fetch_all(&state.db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| RequestRow {
            id: r.id,
            kind: RoleKind::from_db(&r.kind).label(&f.tr),
            badge: Badge::new(&r.name, &r.title, &r.party, None, &m.official_name),
            email: r.email,
            units: r.units.join(", "),
            note: r.note,
            requested: f.tr.datetime(r.created_at),
        })
        .collect())
}

#[derive(Template)]
#[template(path = "admin/requests.html")]
pub struct PendingPage {
    f: Frame,
    nav: AdminNav,
    done: Option<String>,
    requests: Vec<RequestRow>,
}

/// `/admin/{municipality}`: the requests waiting for a decision.
pub async fn pending(
    State(state): State<AppState>,
    f: Frame,
    AdminMunicipality(m): AdminMunicipality,
    Query(q): Query<DoneQuery>,
) -> Result<Page<PendingPage>, AppError> {
    let requests = pending_rows(&state, &f, &m, None).await?;
    let done = q.notice(&f.tr, "admin", &["approved", "rejected", "already-decided"]);
    Ok(Page(PendingPage {
        nav: AdminNav::new(&m, "requests"),
        done,
        requests,
        f,
    }))
}

#[derive(Template)]
#[template(path = "admin/request.html")]
pub struct RequestPage {
    f: Frame,
    nav: AdminNav,
    done: Option<String>,
    request: RequestRow,
    reject: Form,
}

async fn request_page(
    state: &AppState,
    f: Frame,
    m: &Municipality,
    role: Uuid,
    reject: Form,
) -> Result<RequestPage, AppError> {
    let request = pending_rows(state, &f, m, Some(role))
        .await?
        .into_iter()
        .next()
        .ok_or(AppError::NotFound)?;
    Ok(RequestPage {
        nav: AdminNav::new(m, "requests"),
        done: None,
        request,
        reject,
        f,
    })
}

/// One pending request, with the forms to decide it.
pub async fn show(
    State(state): State<AppState>,
    f: Frame,
    AdminMunicipality(m): AdminMunicipality,
    Ids((_, role)): Ids<(String, RoleId)>,
) -> Result<Page<RequestPage>, AppError> {
    let form = reason_form(&f, ReasonFor::Reject, "");
    Ok(Page(request_page(&state, f, &m, role.uuid(), form).await?))
}

/// Where to go when the request was not pending: decided already, or not this municipality's.
async fn not_pending(state: &AppState, m: &Municipality, role: Uuid) -> Result<Response, AppError> {
    let exists = sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM roles WHERE id = $1 AND municipality_code = $2) AS "found!""#,
        role,
        m.code
    )
    .fetch_one(&state.db)
    .await?;
    if exists {
        Ok(Redirect::to(&format!("/admin/{}?done=already-decided", m.slug)).into_response())
    } else {
        Err(AppError::NotFound)
    }
}

/// The admin deciding a request: their id, and the name the requester is told.
#[derive(Clone, Copy, Debug)]
pub struct Decider<'a> {
    pub id: Uuid,
    pub name: &'a str,
}

/// Decides a pending request of municipality `m` (approved, or rejected with `reason`) and
/// tells the requester; `None` when it was not pending in this municipality.
pub async fn decide(
    state: &AppState,
    m: &Municipality,
    role: Uuid,
    admin: Decider<'_>,
    approve: bool,
    reason: &str,
) -> Result<Option<()>, AppError> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let status = if approve { "approved" } else { "rejected" };
    let decided = sqlx::query!(
        r#"UPDATE roles SET status = ($4::text)::role_status, decided_by = $3, decided_at = $5, reason = $6
           WHERE id = $1 AND municipality_code = $2 AND status = 'pending'
           RETURNING user_id, kind::text AS "kind!""#,
        role,
        m.code,
        admin.id,
        status,
        now,
        reason,
    )
    .fetch_optional(&mut *tx)
    .await?;
    let Some(decided) = decided else {
        return Ok(None);
    };
    let path = if approve {
        format!("/municipalities/{}", m.slug)
    } else {
        format!("/municipalities/{}/roles/request", m.slug)
    };
    let facts = Facts::new(
        RoleKind::from_db(&decided.kind),
        &m.official_name,
        admin.name,
    )
    .reason(reason)
    .leading_to(&state.config, path);
    let event = if approve {
        Event::Approved
    } else {
        Event::Rejected
    };
    mails::send(&mut tx, now, decided.user_id, event, &facts).await?;
    tx.commit().await?;
    state.job_wake.notify_one();
    Ok(Some(()))
}

fn decider(admin: &CurrentUser) -> Decider<'_> {
    Decider {
        id: admin.id,
        name: &admin.name,
    }
}

pub async fn approve(
    State(state): State<AppState>,
    admin: CurrentUser,
    AdminMunicipality(m): AdminMunicipality,
    Ids((_, role)): Ids<(String, RoleId)>,
) -> Result<Response, AppError> {
    let role = role.uuid();
    match decide(&state, &m, role, decider(&admin), true, "").await? {
        Some(()) => Ok(Redirect::to(&format!("/admin/{}?done=approved", m.slug)).into_response()),
        None => not_pending(&state, &m, role).await,
    }
}

pub async fn reject(
    State(state): State<AppState>,
    f: Frame,
    admin: CurrentUser,
    AdminMunicipality(m): AdminMunicipality,
    Ids((_, role)): Ids<(String, RoleId)>,
    PostForm(input): PostForm<ReasonInput>,
) -> Result<Response, AppError> {
    let role = role.uuid();
    let mut form = reason_form(&f, ReasonFor::Reject, &input.reason);
    let Some(reason) = form.check("reason", &f.tr, Reason::parse(&input.reason)) else {
        // Decided meanwhile: say so, rather than ask for a reason.
        return match request_page(&state, f, &m, role, form).await {
            Ok(page) => Ok(Page::invalid(page)),
            Err(AppError::NotFound) => not_pending(&state, &m, role).await,
            Err(e) => Err(e),
        };
    };
    match decide(&state, &m, role, decider(&admin), false, reason.as_str()).await? {
        Some(()) => Ok(Redirect::to(&format!("/admin/{}?done=rejected", m.slug)).into_response()),
        None => not_pending(&state, &m, role).await,
    }
}
