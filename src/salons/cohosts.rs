//! Co-hosts are asked. A host invites an address from `/salons/{key}/hosts`; the person becomes
//! a host — public at once — only when they accept, within seven days. The form answers the
//! same whether or not the address has an account (the hosts' page lists the address as
//! waiting), so it tells no one who is on Medspil.
//!
//! An address with a confirmed account is mailed a link and told in the notification centre
//! (`/cohost-invitations/{id}`, where it accepts or declines); an address without one is mailed
//! the link with the stop link every invitation mail carries, counted against the host's
//! `invitation_emails_per_day`. The link (`/cohost/{token}`, stored hashed) lets its holder
//! decline without an account, or make one with that address to accept.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Duration, Utc};
use serde_json::json;
use sqlx::PgConnection;
use uuid::Uuid;

use super::visibility::VisibleSalon;
use crate::auth::CurrentUser;
use crate::domain::ids::CohostInvitationId;
use crate::error::AppError;
use crate::mail::{self, Message, Recipient};
use crate::state::AppState;
use crate::tokens::{self, Purpose};
use crate::web::i18n::{Locale, Tr};
use crate::web::path::Ids;
use crate::web::{DoneQuery, Frame, Page};

/// The emailed link to a co-host invitation.
pub const COHOST: Purpose = Purpose("cohost-invitation");

/// How long an invitation to co-host waits for an answer.
const VALID: Duration = Duration::days(7);

/// Invites `address` (lower case) to co-host `salon` for host `by` (id and name), in the
/// caller's transaction; the invitation's id. Nothing
/// happens for someone already a host, an address already invited and waiting, or an address
/// without an account that asked for no more invitations — and the form says the same in
/// every case.
pub async fn invite(
    conn: &mut PgConnection,
    state: &AppState,
    salon: &VisibleSalon,
    by: (Uuid, &str),
    address: &str,
    now: DateTime<Utc>,
) -> Result<Option<Uuid>, AppError> {
    let account = sqlx::query!(
        r#"SELECT u.id,
                  EXISTS (SELECT 1 FROM salon_hosts h WHERE h.salon_id = $2 AND h.user_id = u.id) AS "host!"
           FROM users u
           WHERE lower(u.email) = $1 AND u.deleted_at IS NULL AND u.email_verified_at IS NOT NULL"#,
        address,
        salon.id
    )
    .fetch_optional(&mut *conn)
    .await?;
    if account.as_ref().is_some_and(|a| a.host) {
        return Ok(None);
    }
    let user = account.map(|a| a.id);
    if user.is_none() && crate::invitations::is_suppressed(conn, address).await? {
        return Ok(None);
    }
    let id = Uuid::new_v4();
    let inserted = sqlx::query!(
        r#"INSERT INTO cohost_invitations (id, salon_id, email, user_id, without_account,
               invited_by, created_at, expires_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING"#,
        id,
        salon.id,
        address,
        user,
        user.is_none(),
        by.0,
        now,
        now + VALID
    )
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if inserted == 0 {
        return Ok(None);
    }
    let token = tokens::issue(
        conn,
        COHOST,
        None,
        json!({ "invitation": id }),
        now,
        Some(VALID),
    )
    .await?;
    let link = state.config.link(&format!("/cohost/{token}"));
    let to = match user {
        Some(user) => Recipient::User(user),
        None => Recipient::Address {
            email: address.to_string(),
            locale: Locale::Da,
        },
    };
    let tr = Tr::new(mail::recipient_locale(conn, &to).await?);
    let args = [
        ("by", by.1.to_string().into()),
        ("title", salon.title.clone().into()),
        ("link", link.into()),
    ];
    let mut m = Message::new(
        "invitation.cohost",
        tr.t_args("cohost-mail-subject", &args),
        tr.t_args("cohost-mail-body", &args),
    )
    // In the notification centre: the signed-in page, never the token.
    .linking_to(page_path(id));
    if user.is_none() {
        crate::invitations::add_stop_link(conn, &state.config, &mut m, address, now).await?;
    }
    mail::notify(conn, now, to, m).await?;
    Ok(Some(id))
}

/// The signed-in page of an invitation to co-host.
fn page_path(id: Uuid) -> String {
    format!("/cohost-invitations/{id}")
}

/// An address waiting to answer, as the hosts' page lists it.
pub struct Waiting {
    pub id: Uuid,
    pub email: String,
}

/// The invitations of `salon` still waiting for an answer, oldest first.
pub async fn waiting(
    db: &sqlx::PgPool,
    salon: Uuid,
    now: DateTime<Utc>,
) -> sqlx::Result<Vec<Waiting>> {
    sqlx::query_as!(
        Waiting,
        r#"SELECT id, email FROM cohost_invitations
           WHERE salon_id = $1 AND status = 'open' AND expires_at > $2
           ORDER BY created_at, email"#,
        salon,
        now
    )
    .fetch_all(db)
    .await
}

/// Takes back the invitation `id` to co-host `salon` while it waits; `false` when there is no
/// such waiting invitation (answered, expired, withdrawn, or another salon's).
pub async fn withdraw(
    conn: &mut PgConnection,
    salon: Uuid,
    id: Uuid,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        r#"UPDATE cohost_invitations SET status = 'withdrawn', answered_at = $3
           WHERE id = $1 AND salon_id = $2 AND status = 'open' AND expires_at > $3"#,
        id,
        salon,
        now
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// One invitation to co-host, as its pages show it.
struct Invitation {
    id: Uuid,
    salon_id: Uuid,
    salon_title: String,
    salon_slug: String,
    email: String,
    invited_by: Option<Uuid>,
    by_name: String,
    status: String,
    expired: bool,
}

impl Invitation {
    fn open(&self) -> bool {
        self.status == "open" && !self.expired
    }
}

async fn load(
    conn: &mut PgConnection,
    id: Uuid,
    now: DateTime<Utc>,
) -> Result<Invitation, AppError> {
    sqlx::query_as!(
        Invitation,
        r#"SELECT c.id, c.salon_id, s.title AS salon_title, s.slug AS salon_slug, c.email,
                  c.invited_by, coalesce(u.name, '') AS "by_name!", c.status,
                  c.expires_at <= $2 AS "expired!"
           FROM cohost_invitations c JOIN salons s ON s.id = c.salon_id
           LEFT JOIN users u ON u.id = c.invited_by
           WHERE c.id = $1"#,
        id,
        now
    )
    .fetch_optional(conn)
    .await?
    .ok_or(AppError::NotFound)
}

/// The invitation `id` if it was sent to `user`'s address; to anyone else it does not exist.
async fn theirs(
    conn: &mut PgConnection,
    id: CohostInvitationId,
    user: &CurrentUser,
    now: DateTime<Utc>,
) -> Result<Invitation, AppError> {
    let inv = load(conn, id.uuid(), now).await?;
    if inv.email != user.email.to_lowercase() {
        return Err(AppError::NotFound);
    }
    Ok(inv)
}

#[derive(Template)]
#[template(path = "salons/cohost.html")]
pub struct CohostPage {
    f: Frame,
    heading: String,
    salon_title: String,
    email: String,
    /// `open`, `accepted`, `declined`, `withdrawn` or `expired`.
    state: &'static str,
    state_label: String,
    /// Signed in with the invited address: the buttons to answer.
    signed_in: bool,
    id: Uuid,
    /// Without an account: the token, for the decline button and the links to sign in.
    token: Option<String>,
    register_href: String,
    sign_in_href: String,
    notice: Option<String>,
    problem: Option<String>,
}

fn page(
    f: Frame,
    inv: &Invitation,
    token: Option<String>,
    notice: Option<String>,
    problem: Option<String>,
) -> CohostPage {
    let tr = &f.tr;
    let by = if inv.by_name.is_empty() {
        tr.t("salon-deleted-user")
    } else {
        inv.by_name.clone()
    };
    let state = match (inv.status.as_str(), inv.expired) {
        ("accepted", _) => "accepted",
        ("declined", _) => "declined",
        ("withdrawn", _) => "withdrawn",
        (_, true) => "expired",
        _ => "open",
    };
    let email: String = url::form_urlencoded::byte_serialize(inv.email.as_bytes()).collect();
    let next: String = url::form_urlencoded::byte_serialize(page_path(inv.id).as_bytes()).collect();
    CohostPage {
        heading: tr.t1("cohost-title", "by", &by),
        salon_title: inv.salon_title.clone(),
        email: inv.email.clone(),
        state_label: tr.t(&format!("cohost-state-{state}")),
        state,
        signed_in: token.is_none(),
        id: inv.id,
        register_href: format!("/register?email={email}"),
        sign_in_href: format!("/sign-in?next={next}"),
        token,
        notice,
        problem,
        f,
    }
}

/// `GET /cohost/{token}`: the emailed link. Signed in with the invited address it leads to the
/// invitation's page; otherwise it shows the invitation, how to make an account to accept,
/// and a button to decline.
pub async fn token_page(
    State(state): State<AppState>,
    f: Frame,
    user: Option<CurrentUser>,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let now = state.clock.now();
    let mut conn = state.db.acquire().await?;
    let Some(inv) = by_token(&mut conn, &token, now).await? else {
        return Ok(crate::accounts::link_gone(f));
    };
    if user.is_some_and(|u| u.email.to_lowercase() == inv.email) {
        return Ok(Redirect::to(&page_path(inv.id)).into_response());
    }
    Ok(Page(page(f, &inv, Some(token), None, None)).into_response())
}

/// The open invitation behind an emailed link; `None` once it is used, answered or expired.
async fn by_token(
    conn: &mut PgConnection,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<Invitation>, AppError> {
    let found = tokens::peek(conn, COHOST, token, now).await?;
    let Some(id) = found.and_then(|t| t.id("invitation")) else {
        return Ok(None);
    };
    let inv = load(conn, id, now).await?;
    Ok(inv.open().then_some(inv))
}

/// `POST /cohost/{token}/decline`: declines without an account, using the link up.
pub async fn token_decline(
    State(state): State<AppState>,
    f: Frame,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let Some(inv) = by_token(&mut tx, &token, now).await? else {
        return Ok(crate::accounts::link_gone(f));
    };
    tokens::consume(&mut tx, COHOST, &token, now).await?;
    if !answer(&mut tx, &state, &inv, "declined", &inv.email, now).await? {
        return Ok(crate::accounts::link_gone(f));
    }
    tx.commit().await?;
    state.job_wake.notify_one();
    let inv = load(&mut *state.db.acquire().await?, inv.id, now).await?;
    let notice = Some(f.tr.t("cohost-done-declined"));
    Ok(Page(page(f, &inv, Some(token), notice, None)).into_response())
}

/// Records the answer (`accepted` or `declined`) while the invitation is open and tells the
/// host who sent it; `false` when it was no longer open.
async fn answer(
    conn: &mut PgConnection,
    state: &AppState,
    inv: &Invitation,
    status: &str,
    who: &str,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let done = sqlx::query!(
        r#"UPDATE cohost_invitations SET status = $2, answered_at = $3
           WHERE id = $1 AND status = 'open' AND expires_at > $3"#,
        inv.id,
        status,
        now
    )
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if done == 0 {
        return Ok(false);
    }
    if let Some(host) = inv.invited_by {
        let alive = sqlx::query_scalar!(
            r#"SELECT EXISTS (SELECT 1 FROM users WHERE id = $1 AND deleted_at IS NULL) AS "x!""#,
            host
        )
        .fetch_one(&mut *conn)
        .await?;
        if alive {
            let path = format!(
                "{}/hosts",
                super::visibility::path(inv.salon_id, &inv.salon_slug)
            );
            let args = [
                ("name", who.to_string()),
                ("title", inv.salon_title.clone()),
            ];
            mail::notify_text(
                conn,
                state,
                Recipient::User(host),
                "salon.cohost-answer",
                &format!("cohost-mail-{status}"),
                &args,
                &path,
            )
            .await?;
        }
    }
    Ok(true)
}

/// `GET /cohost-invitations/{cohost}`: the invitation, for the person it was sent to.
pub async fn signed_in_page(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    Ids(cohost): Ids<CohostInvitationId>,
    Query(q): Query<DoneQuery>,
) -> Result<Response, AppError> {
    let mut conn = state.db.acquire().await?;
    let inv = theirs(&mut conn, cohost, &user, state.clock.now()).await?;
    let notice = q.notice(&f.tr, "cohost", &["declined"]);
    Ok(Page(page(f, &inv, None, notice, None)).into_response())
}

/// The page again, 409: the invitation was answered, or it ran out.
fn no_longer(f: Frame, inv: &Invitation) -> Response {
    let problem = Some(f.tr.t("cohost-error-closed"));
    (
        StatusCode::CONFLICT,
        Page(page(f, inv, None, None, problem)),
    )
        .into_response()
}

/// `POST /cohost-invitations/{cohost}/accept`: they become a host, public at once.
pub async fn accept(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    Ids(cohost): Ids<CohostInvitationId>,
) -> Result<Response, AppError> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let inv = theirs(&mut tx, cohost, &user, now).await?;
    if !become_host(&mut tx, &state, &inv, (user.id, &user.name), now).await? {
        drop(tx);
        return Ok(no_longer(f, &inv));
    }
    tx.commit().await?;
    state.job_wake.notify_one();
    Ok(Redirect::to(&super::visibility::path(inv.salon_id, &inv.salon_slug)).into_response())
}

/// Accepts co-host invitation `id` for `user` (id, name and address), in the caller's
/// transaction; not found unless it was sent to their address, false when it was answered or
/// ran out.
pub async fn accept_cohost(
    conn: &mut PgConnection,
    state: &AppState,
    id: Uuid,
    user: (Uuid, &str, &str),
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let inv = load(conn, id, now).await?;
    if inv.email != user.2.to_lowercase() {
        return Err(AppError::NotFound);
    }
    become_host(conn, state, &inv, (user.0, user.1), now).await
}

/// The invited person becomes a host, public at once; false when the invitation was answered
/// or ran out.
async fn become_host(
    conn: &mut PgConnection,
    state: &AppState,
    inv: &Invitation,
    user: (Uuid, &str),
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    if !answer(conn, state, inv, "accepted", user.1, now).await? {
        return Ok(false);
    }
    sqlx::query!(
        r#"INSERT INTO salon_hosts (salon_id, user_id, is_creator, added_at)
           VALUES ($1, $2, false, $3) ON CONFLICT DO NOTHING"#,
        inv.salon_id,
        user.0,
        now
    )
    .execute(&mut *conn)
    .await?;
    Ok(true)
}

/// `POST /cohost-invitations/{cohost}/decline`.
pub async fn decline(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    Ids(cohost): Ids<CohostInvitationId>,
) -> Result<Response, AppError> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let inv = theirs(&mut tx, cohost, &user, now).await?;
    if !answer(&mut tx, &state, &inv, "declined", &user.name, now).await? {
        drop(tx);
        return Ok(no_longer(f, &inv));
    }
    tx.commit().await?;
    state.job_wake.notify_one();
    Ok(Redirect::to(&format!("{}?done=declined", page_path(inv.id))).into_response())
}

/// The invitations to co-host sent to the person's address or by them, for the data download.
pub async fn personal_data(
    conn: &mut PgConnection,
    user: Uuid,
) -> Result<serde_json::Value, AppError> {
    let rows = sqlx::query!(
        r#"SELECT s.title, c.email, c.status, c.created_at, c.answered_at,
                  c.invited_by = $1 AS "sent_by_you!"
           FROM cohost_invitations c JOIN salons s ON s.id = c.salon_id
           WHERE c.invited_by = $1
              OR c.email = (SELECT lower(email) FROM users WHERE id = $1)
           ORDER BY c.created_at"#,
        user
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(serde_json::Value::Array(
        rows.into_iter()
            .map(|r| {
                json!({
                    "salon": r.title, "email": r.email, "status": r.status,
                    "sent_at": r.created_at, "answered_at": r.answered_at,
                    "sent_by_you": r.sent_by_you,
                })
            })
            .collect(),
    ))
}

/// On account deletion: invitations to co-host sent to the person's address go (the address
/// is theirs); those they sent stay with their salons, without them.
pub async fn on_account_deleted(conn: &mut PgConnection, user: Uuid) -> sqlx::Result<()> {
    sqlx::query!(
        "DELETE FROM cohost_invitations WHERE email = (SELECT lower(email) FROM users WHERE id = $1)",
        user
    )
    .execute(conn)
    .await?;
    Ok(())
}
