//! Co-hosts: `/salons/{key}/hosts`. Hosts have the same rights; a host invites another by
//! email — the person becomes a host when they accept ([`super::cohosts`]) — and removes one,
//! but never the last.

use askama::Template;
use axum::Form as PostForm;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use uuid::Uuid;

use super::HostedSalon;
use super::visibility::VisibleSalon;
use crate::auth::CurrentUser;
use crate::domain::Email;
use crate::error::AppError;
use crate::state::AppState;
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
    /// Addresses invited that have not answered yet.
    invited: Vec<super::cohosts::Waiting>,
    form: Form,
    /// The daily limit on mail to addresses outside Medspil is reached.
    problem: Option<String>,
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
    let invited = super::cohosts::waiting(&state.db, salon.id, state.clock.now()).await?;
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
        invited,
        form,
        problem: None,
        remove_error,
        notice,
    })
}

/// `GET /salons/{key}/hosts`.
pub async fn page(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    HostedSalon(salon): HostedSalon,
    Query(q): Query<DoneQuery>,
) -> Result<Response, AppError> {
    let form = add_form(&f, "");
    let notice = crate::web::done_notice(
        &f.tr,
        "salon-hosts",
        q.done.as_deref(),
        &["invited", "removed", "withdrawn"],
    );
    Ok(Page(render(&state, f, salon, &user, form, None, notice).await?).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct AddInput {
    email: String,
}

/// `POST /salons/{key}/hosts`: invites a co-host by email. The answer is the same whether or
/// not the address has an account.
pub async fn add(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    HostedSalon(salon): HostedSalon,
    PostForm(input): PostForm<AddInput>,
) -> Result<Response, AppError> {
    let mut form = add_form(&f, &input.email);
    let Some(email) = form.check("email", &f.tr, Email::parse(&input.email)) else {
        let page = render(&state, f, salon, &user, form, None, None).await?;
        return Ok(Page::invalid(page));
    };
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    // Checked for every address alike, though only mail to one without an account counts:
    // reaching the limit must not tell which addresses have accounts.
    if let Some(refusal) =
        crate::invitations::over_daily_limit(&mut tx, &f.tr, user.id, now).await?
    {
        drop(tx);
        let mut page = render(&state, f, salon, &user, form, None, None).await?;
        page.problem = Some(refusal.message.clone());
        return Ok(refusal.respond(now, page));
    }
    let address = email.as_str().to_lowercase();
    super::cohosts::invite(
        &mut tx,
        &state,
        &salon,
        (user.id, &user.name),
        &address,
        now,
    )
    .await?;
    tx.commit().await?;
    state.job_wake.notify_one();
    Ok(Redirect::to(&format!("{}/hosts?done=invited", salon.path())).into_response())
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
    HostedSalon(salon): HostedSalon,
    PostForm(input): PostForm<RemoveInput>,
) -> Result<Response, AppError> {
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
        return Ok(Page::invalid(page));
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

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct WithdrawInput {
    invitation: String,
}

/// `POST /salons/{key}/hosts/withdraw`: takes back an invitation to co-host that is still
/// waiting. Its link then says it was withdrawn.
pub async fn withdraw(
    State(state): State<AppState>,
    HostedSalon(salon): HostedSalon,
    PostForm(input): PostForm<WithdrawInput>,
) -> Result<Response, AppError> {
    let id = Uuid::parse_str(input.invitation.trim()).map_err(|_| AppError::BadRequest)?;
    let mut conn = state.db.acquire().await?;
    if !super::cohosts::withdraw(&mut conn, salon.id, id, state.clock.now()).await? {
        return Err(AppError::NotFound);
    }
    Ok(Redirect::to(&format!("{}/hosts?done=withdrawn", salon.path())).into_response())
}
