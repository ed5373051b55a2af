//! Approved roles: the admins' list, revoking a role with a reason, and appointing another
//! admin.

use askama::Template;
use axum::Form as PostForm;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use sqlx::PgConnection;
use uuid::Uuid;

use super::admin::{AdminNav, ReasonFor, ReasonInput, reason_form};
use super::grant::appoint;
use super::mails::{self, Event, Facts};
use super::values::Reason;
use super::{Badge, RoleKind};
use crate::auth::CurrentUser;
use crate::domain::Email;
use crate::domain::ids::RoleId;
use crate::error::AppError;
use crate::municipalities::AdminMunicipality;
use crate::municipalities::Municipality;
use crate::state::AppState;
use crate::web::DoneQuery;
use crate::web::forms::{Field, Form};
use crate::web::path::Ids;
use crate::web::{Frame, Page};

/// The approved admins of a municipality (who get its requests).
pub async fn admins(conn: &mut PgConnection, code: &str) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar!(
        "SELECT user_id FROM roles WHERE municipality_code = $1 AND kind = 'admin' AND status = 'approved'",
        code
    )
    .fetch_all(conn)
    .await
}

/// An approved role, as admins see it.
pub struct RoleRow {
    pub id: Uuid,
    pub kind: String,
    pub badge: Badge,
    pub email: String,
    pub units: String,
    pub by_domain: bool,
    pub decided_by: Option<String>,
}

async fn approved_rows(
    state: &AppState,
    f: &Frame,
    m: &Municipality,
    only: Option<Uuid>,
) -> Result<Vec<(RoleRow, Uuid, RoleKind)>, AppError> {
    let rows = sqlx::query!(
        r#"SELECT r.id, r.user_id, r.kind::text AS "kind!", r.title, r.party, r.granted_by_domain,
                  u.name, COALESCE(u.email, '') AS "email!", d.name AS "decided_by?",
                  COALESCE(array_agg(un.name ORDER BY un.name) FILTER (WHERE un.id IS NOT NULL), '{}') AS "units!"
           FROM roles r JOIN users u ON u.id = r.user_id
           LEFT JOIN users d ON d.id = r.decided_by
           LEFT JOIN role_units ru ON ru.role_id = r.id
           LEFT JOIN units un ON un.id = ru.unit_id
           WHERE r.municipality_code = $1 AND r.status = 'approved' AND ($2::uuid IS NULL OR r.id = $2)
           GROUP BY r.id, u.id, d.id ORDER BY r.kind, u.name"#,
        m.code,
        only
    )
    .fetch_all(&state.db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let kind = RoleKind::from_db(&r.kind);
            let row = RoleRow {
                id: r.id,
                kind: kind.label(&f.tr),
                badge: Badge::new(&r.name, &r.title, &r.party, None, &m.official_name),
                email: r.email,
                units: r.units.join(", "),
                by_domain: r.granted_by_domain,
                // An admin who deleted their account keeps the decision, without a name.
                decided_by: r.decided_by.map(|n| {
                    if n.is_empty() {
                        f.tr.t("role-deleted-user")
                    } else {
                        n
                    }
                }),
            };
            (row, r.user_id, kind)
        })
        .collect())
}

#[derive(Template)]
#[template(path = "admin/roles.html")]
pub struct RolesPage {
    f: Frame,
    nav: AdminNav,
    done: Option<String>,
    roles: Vec<RoleRow>,
    appoint: Form,
}

fn appoint_form(f: &Frame, email: &str) -> Form {
    Form::new(vec![
        Field::new(&f.tr, "email", "email", "field-appoint-email")
            .value(email)
            .hint(&f.tr, "field-appoint-email-hint"),
    ])
    .prefixed("appoint")
}

async fn roles_page(
    state: &AppState,
    f: Frame,
    m: &Municipality,
    appoint: Form,
    done: Option<String>,
) -> Result<RolesPage, AppError> {
    let roles = approved_rows(state, &f, m, None)
        .await?
        .into_iter()
        .map(|(row, _, _)| row)
        .collect();
    Ok(RolesPage {
        nav: AdminNav::new(m, "roles"),
        done,
        roles,
        appoint,
        f,
    })
}

pub async fn list(
    State(state): State<AppState>,
    f: Frame,
    AdminMunicipality(m): AdminMunicipality,
    Query(q): Query<DoneQuery>,
) -> Result<Page<RolesPage>, AppError> {
    let done = q.notice(&f.tr, "admin", &["revoked", "admin-appointed"]);
    let form = appoint_form(&f, "");
    Ok(Page(roles_page(&state, f, &m, form, done).await?))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct AppointInput {
    email: String,
}

/// Appoints another admin, by the email of an existing, confirmed account.
pub async fn appoint_admin(
    State(state): State<AppState>,
    f: Frame,
    admin: CurrentUser,
    AdminMunicipality(m): AdminMunicipality,
    PostForm(input): PostForm<AppointInput>,
) -> Result<Response, AppError> {
    let mut form = appoint_form(&f, &input.email);
    let email = form.check("email", &f.tr, Email::parse(&input.email));
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    if let Some(email) = email {
        let person = sqlx::query_scalar!(
            r#"SELECT id FROM users WHERE lower(email) = lower($1) AND deleted_at IS NULL
                 AND email_verified_at IS NOT NULL"#,
            email.as_str()
        )
        .fetch_optional(&mut *tx)
        .await?;
        match person {
            None => form.fail("email", &f.tr, "error-appoint-no-account"),
            Some(person) => {
                if appoint(&mut tx, person, &m.code, Some(admin.id), now).await? {
                    let facts = Facts::new(RoleKind::Admin, &m.official_name, &admin.name)
                        .leading_to(&state.config, format!("/admin/{}", m.slug));
                    mails::send(&mut tx, now, person, Event::AdminAppointed, &facts).await?;
                    tx.commit().await?;
                    state.job_wake.notify_one();
                    return Ok(Redirect::to(&format!(
                        "/admin/{}/roles?done=admin-appointed",
                        m.slug
                    ))
                    .into_response());
                }
                form.fail("email", &f.tr, "error-appoint-already");
            }
        }
    }
    drop(tx);
    let page = roles_page(&state, f, &m, form, None).await?;
    Ok(Page::invalid(page))
}

#[derive(Template)]
#[template(path = "admin/role.html")]
pub struct RolePage {
    f: Frame,
    nav: AdminNav,
    done: Option<String>,
    role: RoleRow,
    revoke: Form,
}

/// The approved role `role` of this municipality, with its holder and kind; 404 otherwise.
async fn approved_role(
    state: &AppState,
    f: &Frame,
    m: &Municipality,
    role: RoleId,
) -> Result<(RoleRow, Uuid, RoleKind), AppError> {
    let role = role.uuid();
    approved_rows(state, f, m, Some(role))
        .await?
        .into_iter()
        .next()
        .ok_or(AppError::NotFound)
}

pub async fn show(
    State(state): State<AppState>,
    f: Frame,
    AdminMunicipality(m): AdminMunicipality,
    Ids((_, role)): Ids<(String, RoleId)>,
) -> Result<Page<RolePage>, AppError> {
    let (role, _, _) = approved_role(&state, &f, &m, role).await?;
    Ok(Page(RolePage {
        nav: AdminNav::new(&m, "roles"),
        done: None,
        revoke: reason_form(&f, ReasonFor::Revoke, ""),
        role,
        f,
    }))
}

/// Revokes an approved role with a reason, and tells the person.
pub async fn revoke(
    State(state): State<AppState>,
    f: Frame,
    admin: CurrentUser,
    AdminMunicipality(m): AdminMunicipality,
    Ids((_, role)): Ids<(String, RoleId)>,
    PostForm(input): PostForm<ReasonInput>,
) -> Result<Response, AppError> {
    let (row, holder, kind) = approved_role(&state, &f, &m, role).await?;
    let mut form = reason_form(&f, ReasonFor::Revoke, &input.reason);
    let reason = form.check("reason", &f.tr, Reason::parse(&input.reason));
    // An admin cannot drop their own admin role: the municipality could be left with none.
    if holder == admin.id && kind == RoleKind::Admin {
        form.fail("reason", &f.tr, "error-revoke-self");
    }
    let (Some(reason), false) = (reason, form.has_errors()) else {
        let page = RolePage {
            nav: AdminNav::new(&m, "roles"),
            done: None,
            role: row,
            revoke: form,
            f,
        };
        return Ok(Page::invalid(page));
    };
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let revoked = sqlx::query!(
        r#"UPDATE roles SET status = 'revoked', decided_by = $3, decided_at = $4, reason = $5
           WHERE id = $1 AND municipality_code = $2 AND status = 'approved'"#,
        row.id,
        m.code,
        admin.id,
        now,
        reason.as_str()
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if revoked == 0 {
        return Err(AppError::NotFound);
    }
    let facts = Facts::new(kind, &m.official_name, &admin.name)
        .reason(reason.as_str())
        .leading_to(&state.config, format!("/municipalities/{}", m.slug));
    mails::send(&mut tx, now, holder, Event::Revoked, &facts).await?;
    tx.commit().await?;
    state.job_wake.notify_one();
    Ok(Redirect::to(&format!("/admin/{}/roles?done=revoked", m.slug)).into_response())
}
