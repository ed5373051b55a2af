//! Co-hosts: `/salons/{key}/hosts`. Hosts have the same rights; a host adds another by the
//! email of an existing verified account, and removes one, but never the last.

use askama::Template;
use axum::Form as PostForm;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use uuid::Uuid;

use super::lifecycle::hosted;
use super::mails;
use super::visibility::VisibleSalon;
use crate::auth::CurrentUser;
use crate::domain::Email;
use crate::error::AppError;
use crate::mail::{self, Recipient};
use crate::startup::AppState;
use crate::web::DoneQuery;
use crate::web::forms::{Field, Form};
use crate::web::{Frame, Page};

/// One host as listed.
pub struct HostRow {
    pub id: Uuid,
    pub name: String,
    pub is_me: bool,
}

#[derive(Template)]
#[template(path = "salons/hosts.html")]
pub struct HostsPage {
    f: Frame,
    salon: VisibleSalon,
    hosts: Vec<HostRow>,
    form: Form,
    remove_error: Option<String>,
    notice: Option<String>,
}

fn add_form(f: &Frame, email: &str) -> Form {
    Form::new(vec![
        Field::new(&f.tr, "email", "email", "salon-hosts-email")
            .value(email)
            .hint(&f.tr, "salon-hosts-email-hint"),
    ])
}

async fn render(
    state: &AppState,
    f: Frame,
    salon: VisibleSalon,
    user: &CurrentUser,
    form: Form,
    remove_error: Option<String>,
    notice: Option<String>,
) -> Result<HostsPage, AppError> {
    let deleted = f.tr.t("salon-deleted-user");
    let hosts = sqlx::query!(
        r#"SELECT u.id, u.name FROM salon_hosts h JOIN users u ON u.id = h.user_id
           WHERE h.salon_id = $1 ORDER BY h.is_creator DESC, h.added_at, u.name"#,
        salon.id
    )
    .fetch_all(&state.db)
    .await?
    .into_iter()
    .map(|r| HostRow {
        is_me: r.id == user.id,
        name: if r.name.is_empty() {
            deleted.clone()
        } else {
            r.name
        },
        id: r.id,
    })
    .collect();
    Ok(HostsPage {
        f,
        salon,
        hosts,
        form,
        remove_error,
        notice,
    })
}

/// `GET /salons/{key}/hosts`.
pub async fn page(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    Path(key): Path<String>,
    Query(q): Query<DoneQuery>,
) -> Result<Response, AppError> {
    let salon = hosted(&state, &key, &user).await?;
    let form = add_form(&f, "");
    let notice = q
        .done
        .filter(|d| ["added", "removed"].contains(&d.as_str()))
        .map(|d| f.tr.t(&format!("salon-hosts-done-{d}")));
    Ok(Page(render(&state, f, salon, &user, form, None, notice).await?).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct AddInput {
    email: String,
}

/// `POST /salons/{key}/hosts`: adds a co-host by email.
pub async fn add(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    Path(key): Path<String>,
    PostForm(input): PostForm<AddInput>,
) -> Result<Response, AppError> {
    let salon = hosted(&state, &key, &user).await?;
    let mut form = add_form(&f, &input.email);
    let email = form.field("email").check(&f.tr, Email::parse(&input.email));
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let mut added = None;
    if let Some(email) = &email {
        let person = sqlx::query!(
            r#"SELECT id FROM users WHERE lower(email) = lower($1) AND deleted_at IS NULL
                 AND email_verified_at IS NOT NULL"#,
            email.as_str()
        )
        .fetch_optional(&mut *tx)
        .await?;
        match person {
            None => form.field("email").fail(&f.tr, "error-salon-host-unknown"),
            Some(p) => {
                let inserted = sqlx::query!(
                    r#"INSERT INTO salon_hosts (salon_id, user_id, is_creator, added_at)
                       VALUES ($1, $2, false, $3) ON CONFLICT DO NOTHING"#,
                    salon.id,
                    p.id,
                    now
                )
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if inserted == 0 {
                    form.field("email").fail(&f.tr, "error-salon-host-already");
                } else {
                    added = Some(p.id);
                }
            }
        }
    }
    let Some(added) = added else {
        drop(tx);
        let page = render(&state, f, salon, &user, form, None, None).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, Page(page)).into_response());
    };
    let to = Recipient::User(added);
    let locale = mail::recipient_locale(&mut tx, &to).await?;
    let m = mails::cohost_added(
        &state.config,
        locale,
        &salon.title,
        &salon.path(),
        &user.name,
    );
    mail::notify(&mut tx, now, to, m).await?;
    tx.commit().await?;
    state.job_wake.notify_one();
    Ok(Redirect::to(&format!("{}/hosts?done=added", salon.path())).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct RemoveInput {
    user: String,
}

/// `POST /salons/{key}/hosts/remove`: removes a host (oneself included), never the last.
pub async fn remove(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    Path(key): Path<String>,
    PostForm(input): PostForm<RemoveInput>,
) -> Result<Response, AppError> {
    let salon = hosted(&state, &key, &user).await?;
    let target = Uuid::parse_str(input.user.trim()).map_err(|_| AppError::BadRequest)?;
    let mut tx = state.db.begin().await?;
    // Lock the salon's host rows so two hosts removing each other cannot leave none.
    let hosts = sqlx::query_scalar!(
        "SELECT user_id FROM salon_hosts WHERE salon_id = $1 FOR UPDATE",
        salon.id
    )
    .fetch_all(&mut *tx)
    .await?;
    if !hosts.contains(&target) {
        return Err(AppError::NotFound);
    }
    if hosts.len() <= 1 {
        drop(tx);
        let form = add_form(&f, "");
        let error = Some(f.tr.t("error-salon-host-last"));
        let page = render(&state, f, salon, &user, form, error, None).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, Page(page)).into_response());
    }
    sqlx::query!(
        "DELETE FROM salon_hosts WHERE salon_id = $1 AND user_id = $2",
        salon.id,
        target
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    if target == user.id {
        return Ok(Redirect::to(&salon.path()).into_response());
    }
    Ok(Redirect::to(&format!("{}/hosts?done=removed", salon.path())).into_response())
}
