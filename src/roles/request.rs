//! Asking for a role, from the municipality's page: role, units, title (and party), a note.
//!
//! A request is pending until an admin decides, except an official in department units whose
//! verified email is on one of the municipality's domains: approved at once, by the domain.

use askama::Template;
use axum::Form as PostForm;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::choices::choices;
use super::mails::{self, Event, Facts};
use super::units::{UnitOption, active_units, chosen_units};
use super::values::{Note, Party, RoleTitle};
use super::{Choice, RoleKind, UnitKind, domains};
use crate::auth::VerifiedUser;
use crate::domain::Email;
use crate::error::{AppError, ConstraintExt};
use crate::municipalities::{self, Municipality};
use crate::state::AppState;
use crate::web::DoneQuery;
use crate::web::forms::{Field, Form};
use crate::web::{Frame, Page};

/// One of the person's own roles or requests in this municipality.
pub struct MyRole {
    pub kind: String,
    pub status: String,
    pub reason: String,
}

#[derive(Template)]
#[template(path = "roles/request.html")]
pub struct RequestPage {
    f: Frame,
    m: Municipality,
    form: Form,
    kinds: Vec<Choice>,
    units: Vec<Choice>,
    listed: bool,
    mine: Vec<MyRole>,
    on_medspil: bool,
    done: Option<String>,
}

/// What the form sent; checkboxes repeat a name, so it arrives as pairs.
#[derive(Default)]
struct RequestInput {
    kind: String,
    units: Vec<String>,
    title: String,
    party: String,
    note: String,
    listed: bool,
}

impl RequestInput {
    fn from_pairs(pairs: Vec<(String, String)>) -> RequestInput {
        let mut input = RequestInput::default();
        for (name, value) in pairs {
            match name.as_str() {
                "kind" => input.kind = value,
                "units" => input.units.push(value),
                "title" => input.title = value,
                "party" => input.party = value,
                "note" => input.note = value,
                "listed" => input.listed = true,
                _ => {}
            }
        }
        input
    }
}

fn fields(f: &Frame, input: &RequestInput) -> Form {
    let tr = &f.tr;
    Form::new(vec![
        Field::new(tr, "kind", "radio", "field-role-kind"),
        Field::new(tr, "units", "checkbox", "field-role-units").hint(tr, "field-role-units-hint"),
        Field::new(tr, "title", "text", "field-role-title")
            .value(&input.title)
            .autocomplete("organization-title")
            .hint(tr, "field-role-title-hint"),
        Field::new(tr, "party", "text", "field-role-party")
            .value(&input.party)
            .hint(tr, "field-role-party-hint")
            .optional(),
        Field::new(tr, "note", "textarea", "field-role-note")
            .value(&input.note)
            .hint(tr, "field-role-note-hint")
            .optional(),
    ])
}

#[allow(clippy::too_many_arguments)]
async fn render(
    state: &AppState,
    f: Frame,
    user: Uuid,
    m: Municipality,
    units: &[UnitOption],
    input: &RequestInput,
    form: Form,
    done: Option<String>,
) -> Result<RequestPage, AppError> {
    let tr = &f.tr;
    let kinds = choices(
        "field-kind",
        RoleKind::ALL
            .into_iter()
            .map(|k| {
                (
                    k.as_str().to_string(),
                    k.label(tr),
                    Some(tr.t(&format!("role-kind-{}-hint", k.as_str()))),
                    input.kind == k.as_str(),
                )
            })
            .collect(),
    );
    let unit_choices = choices(
        "field-units",
        units
            .iter()
            .map(|u| {
                let id = u.id.to_string();
                let checked = input.units.contains(&id);
                (
                    id,
                    format!("{} ({})", u.name, u.kind.label(tr)),
                    None,
                    checked,
                )
            })
            .collect(),
    );
    let mine = sqlx::query!(
        r#"SELECT kind::text AS "kind!", status::text AS "status!", reason FROM roles
           WHERE user_id = $1 AND municipality_code = $2 ORDER BY created_at DESC"#,
        user,
        m.code
    )
    .fetch_all(&state.db)
    .await?
    .into_iter()
    .map(|r| MyRole {
        kind: RoleKind::from_db(&r.kind).label(tr),
        status: tr.t(&format!("role-status-{}", r.status)),
        // Set by the system, not written by an admin: say it in words.
        reason: if r.reason == "email-domain" {
            tr.t("role-reason-email-domain")
        } else {
            r.reason
        },
    })
    .collect();
    let on_medspil = super::has_admin(&state.db, &m.code).await?;
    Ok(RequestPage {
        kinds,
        units: unit_choices,
        listed: input.listed,
        mine,
        on_medspil,
        done,
        form,
        m,
        f,
    })
}

pub async fn form(
    State(state): State<AppState>,
    f: Frame,
    VerifiedUser(user): VerifiedUser,
    Path(slug): Path<String>,
    Query(q): Query<DoneQuery>,
) -> Result<Page<RequestPage>, AppError> {
    let m = municipalities::find(&state.db, &slug).await?;
    let units = active_units(&state.db, &m.code).await?;
    let input = RequestInput {
        listed: true,
        ..Default::default()
    };
    let form = fields(&f, &input);
    let done = crate::web::done_notice(
        &f.tr,
        "role-request",
        q.done.as_deref(),
        &["requested", "approved"],
    );
    let page = render(&state, f, user.id, m, &units, &input, form, done).await?;
    Ok(Page(page))
}

pub async fn submit(
    State(state): State<AppState>,
    f: Frame,
    VerifiedUser(user): VerifiedUser,
    Path(slug): Path<String>,
    PostForm(pairs): PostForm<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let m = municipalities::find(&state.db, &slug).await?;
    let units = active_units(&state.db, &m.code).await?;
    let input = RequestInput::from_pairs(pairs);
    let mut form = fields(&f, &input);
    let kind = form.check("kind", &f.tr, RoleKind::parse(&input.kind));
    let title = match kind {
        Some(RoleKind::Official | RoleKind::Politician) => RoleTitle::parse(&input.title),
        _ => RoleTitle::optional(&input.title),
    };
    let title = form.check("title", &f.tr, title);
    let party = form.check("party", &f.tr, Party::parse(&input.party));
    let note = form.check("note", &f.tr, Note::parse(&input.note));
    let chosen = form.check("units", &f.tr, chosen_units(kind, &input.units, &units));
    let (Some(kind), Some(title), Some(party), Some(note), Some(chosen)) =
        (kind, title, party, note, chosen)
    else {
        let page = render(&state, f, user.id, m, &units, &input, form, None).await?;
        return Ok(Page::invalid(page));
    };

    let request = RoleRequest {
        kind,
        title: &title,
        party: &party,
        note: &note,
        units: &chosen,
        listed: input.listed,
    };
    let requester = Requester {
        id: user.id,
        email: &user.email,
        name: &user.name,
    };
    let done = match request_role(&state, requester, &m, request).await? {
        Requested::Duplicate => {
            form.fail("kind", &f.tr, "error-role-duplicate");
            let page = render(&state, f, user.id, m, &units, &input, form, None).await?;
            return Ok(Page::invalid(page));
        }
        Requested::Approved(_) => "approved",
        Requested::Pending(_) => "requested",
    };
    Ok(Redirect::to(&format!(
        "/municipalities/{}/roles/request?done={done}",
        m.slug
    ))
    .into_response())
}

/// Who asks for a role.
#[derive(Clone, Copy, Debug)]
pub struct Requester<'a> {
    pub id: Uuid,
    pub email: &'a str,
    pub name: &'a str,
}

/// A role asked for, from a valid form.
pub struct RoleRequest<'a> {
    pub kind: RoleKind,
    pub title: &'a RoleTitle,
    pub party: &'a Party,
    pub note: &'a Note,
    pub units: &'a [&'a UnitOption],
    /// Listed on the units' pages.
    pub listed: bool,
}

/// What [`request_role`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Requested {
    /// Approved at once: an official of departments only, at an address the municipality
    /// vouches for.
    Approved(Uuid),
    /// Waiting for the municipality's admins, who are told.
    Pending(Uuid),
    /// The person has a live role of this kind there already: nothing stored.
    Duplicate,
}

/// Asks for a role in municipality `m` for `requester`.
pub async fn request_role(
    state: &AppState,
    requester: Requester<'_>,
    m: &Municipality,
    request: RoleRequest<'_>,
) -> Result<Requested, AppError> {
    let RoleRequest {
        kind,
        title,
        party,
        note,
        units: chosen,
        listed,
    } = request;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let departments_only =
        !chosen.is_empty() && chosen.iter().all(|u| u.kind == UnitKind::Department);
    // The municipality's own login proves employment too, when its last sign-in carried the
    // configured staff claim (guests in the tenant do not): approved the same way.
    let by_domain = kind == RoleKind::Official
        && departments_only
        && (match Email::parse(requester.email) {
            Ok(email) => domains::vouches(&mut tx, &m.code, &email.domain()).await?,
            Err(_) => false,
        } || sqlx::query_scalar!(
            r#"SELECT EXISTS (SELECT 1 FROM account_logins
                              WHERE user_id = $1 AND staff_of = $2) AS "proven!""#,
            requester.id,
            m.slug,
        )
        .fetch_one(&mut *tx)
        .await?);
    let id = Uuid::new_v4();
    let party = if kind == RoleKind::Politician {
        party.as_str()
    } else {
        ""
    };
    let (status, decided_at): (&str, Option<DateTime<Utc>>) = if by_domain {
        ("approved", Some(now))
    } else {
        ("pending", None)
    };
    let inserted = sqlx::query!(
        r#"INSERT INTO roles (id, user_id, municipality_code, kind, title, party, note, status,
                              granted_by_domain, decided_at, created_at)
           VALUES ($1, $2, $3, ($4::text)::role_kind, $5, $6, $7, ($8::text)::role_status, $9, $10, $11)"#,
        id,
        requester.id,
        m.code,
        kind.as_str(),
        title.as_str(),
        party,
        note.as_str(),
        status,
        by_domain,
        decided_at,
        now,
    )
    .execute(&mut *tx)
    .await;
    if inserted.on_constraint(&["roles_one_live"])?.is_none() {
        return Ok(Requested::Duplicate);
    }
    // In a department every member answers for it; committees and the council are marked.
    let unit_ids: Vec<Uuid> = chosen.iter().map(|u| u.id).collect();
    let answers: Vec<bool> = chosen.iter().map(|u| !u.kind.marks_who_answers()).collect();
    sqlx::query!(
        r#"INSERT INTO role_units (role_id, unit_id, answers_for, listed)
           SELECT $1, t.unit, t.answers, $4 FROM UNNEST($2::uuid[], $3::bool[]) AS t(unit, answers)"#,
        id,
        &unit_ids,
        &answers,
        listed,
    )
    .execute(&mut *tx)
    .await?;

    if by_domain {
        let facts = Facts::new(kind, &m.official_name, requester.name)
            .leading_to(&state.config, format!("/municipalities/{}", m.slug));
        mails::send(&mut tx, now, requester.id, Event::ApprovedByDomain, &facts).await?;
    } else {
        let facts = Facts::new(kind, &m.official_name, requester.name)
            .leading_to(&state.config, format!("/admin/{}/requests/{id}", m.slug));
        for admin in super::manage::admins(&mut tx, &m.code).await? {
            mails::send(&mut tx, now, admin, Event::Requested, &facts).await?;
        }
    }
    tx.commit().await?;
    state.job_wake.notify_one();
    Ok(if by_domain {
        Requested::Approved(id)
    } else {
        Requested::Pending(id)
    })
}
