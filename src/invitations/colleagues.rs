//! Colleagues named in an answer are asked (`/named/{attendance}`): an official accepting an
//! invitation may name colleagues who come, but their names go public only once they say yes.
//! Until then their registration holds the seat as "asked" and the salon page says "og 1
//! kollega". Each is mailed and notified at once; a yes sends them the calendar file showing
//! them in their role; a no frees the seat (the first in line gets it) and tells the hosts and
//! the one who named them.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use super::NamedAttendance;
use super::actions::Actor;
use super::{EventFacts, Invitation, record_event};
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::mail::{self, Attachment, Recipient};
use crate::registrations::waitlist;
use crate::state::AppState;
use crate::web::i18n::Tr;
use crate::web::{DoneQuery, Frame, Page};

/// The kind of the mails to a named colleague (asked, and the calendar after a yes).
const KIND: &str = "invitation.named";

/// The page where a named colleague answers.
pub fn path(registration: Uuid) -> String {
    format!("/named/{registration}")
}

/// Whether `user` is the colleague named on `registration` (the named colleague's access check).
pub async fn is_named(db: &sqlx::PgPool, registration: Uuid, user: Uuid) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM registrations WHERE id = $1 AND user_id = $2
                          AND asked_state IS NOT NULL) AS "x!""#,
        registration,
        user
    )
    .fetch_one(db)
    .await
}

/// Mails and notifies each colleague on `registrations` that `actor` named them.
pub async fn ask(
    conn: &mut PgConnection,
    state: &AppState,
    inv: &Invitation,
    actor: &Actor,
    registrations: &[Uuid],
) -> Result<(), AppError> {
    for registration in registrations {
        let user = sqlx::query_scalar!(
            r#"SELECT user_id AS "user!" FROM registrations WHERE id = $1"#,
            registration
        )
        .fetch_one(&mut *conn)
        .await?;
        let to = Recipient::User(user);
        let tr = Tr::new(mail::recipient_locale(conn, &to).await?);
        let args = [
            ("by", actor.name.clone()),
            ("title", inv.salon_title.clone()),
            ("holder", inv.holder_in(&tr)),
            (
                "when",
                inv.salon_first_start
                    .map(|s| tr.datetime(s))
                    .unwrap_or_default(),
            ),
        ];
        mail::notify_text(
            conn,
            state,
            to,
            KIND,
            "inv-mail-named",
            &args,
            &path(*registration),
        )
        .await?;
    }
    if !registrations.is_empty() {
        state.job_wake.notify_one();
    }
    Ok(())
}

/// A named colleague's registration, as their page shows it.
struct Named {
    id: Uuid,
    salon_id: Uuid,
    invitation: Option<Uuid>,
    asked_by_name: String,
    state: String,
    live: bool,
    role: String,
}

async fn load(conn: &mut PgConnection, tr: &Tr, id: Uuid, user: Uuid) -> Result<Named, AppError> {
    let r = sqlx::query!(
        r#"SELECT r.id, r.salon_id, r.invitation_id, r.asked_state AS "state!",
                  r.status IN ('registered', 'waitlisted') AS "live!",
                  coalesce(ab.name, '') AS "asked_by_name!",
                  ro.kind::text AS "role_kind?", ro.title AS "role_title?", ro.party AS "role_party?",
                  m.official_name AS "municipality?"
           FROM registrations r
           LEFT JOIN users ab ON ab.id = r.asked_by
           LEFT JOIN roles ro ON ro.id = r.role_id
           LEFT JOIN municipalities m ON m.code = ro.municipality_code
           WHERE r.id = $1 AND r.user_id = $2 AND r.asked_state IS NOT NULL"#,
        id,
        user
    )
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(AppError::NotFound)?;
    let role = match (r.role_kind, r.role_title, r.role_party, r.municipality) {
        (Some(kind), Some(title), Some(party), Some(m)) => tr.t_args(
            "inv-named-role",
            &[
                (
                    "role",
                    crate::registrations::role_label(tr, &kind, &title, &party).into(),
                ),
                ("municipality", m.into()),
            ],
        ),
        _ => String::new(),
    };
    Ok(Named {
        id: r.id,
        salon_id: r.salon_id,
        invitation: r.invitation_id,
        asked_by_name: r.asked_by_name,
        state: r.state,
        live: r.live,
        role,
    })
}

#[derive(Template)]
#[template(path = "invitations/named.html")]
pub struct NamedPage {
    f: Frame,
    /// Names who asked, isolated.
    heading: crate::web::markup::Isolated,
    salon_title: String,
    salon_path: String,
    when: String,
    holder: String,
    role: String,
    registration: Uuid,
    /// `asked`, `confirmed` or `declined`; `gone` when the seat was taken back meanwhile.
    state: &'static str,
    state_label: String,
    notice: Option<String>,
    problem: Option<String>,
}

async fn render(
    state: &AppState,
    f: Frame,
    named: Named,
    notice: Option<String>,
    problem: Option<String>,
) -> Result<NamedPage, AppError> {
    let mut conn = state.db.acquire().await?;
    // They hold a seat on it, so they may see it whatever its visibility.
    let salon = sqlx::query!(
        "SELECT title, slug FROM salons WHERE id = $1",
        named.salon_id
    )
    .fetch_one(&mut *conn)
    .await?;
    let details = crate::salons::details(&mut *conn, named.salon_id).await?;
    let inv = match named.invitation {
        Some(id) => Some(super::load(&mut conn, id).await?),
        None => None,
    };
    let tr = &f.tr;
    let title = salon.title;
    let when = details
        .sessions
        .iter()
        .map(|s| crate::salons::session_when(tr, s.starts_at, s.ends_at))
        .collect::<Vec<_>>()
        .join("; ");
    let by = if named.asked_by_name.is_empty() {
        tr.t("salon-deleted-user")
    } else {
        crate::web::markup::name(&named.asked_by_name)
    };
    let shown = match (named.state.as_str(), named.live) {
        ("asked", true) => "asked",
        ("asked", false) => "gone",
        ("confirmed", true) => "confirmed",
        ("confirmed", false) => "gone",
        _ => "declined",
    };
    Ok(NamedPage {
        heading: tr
            .t_args(
                "inv-named-title",
                &[("by", by.into()), ("title", title.clone().into())],
            )
            .into(),
        salon_path: crate::salons::visibility::path(named.salon_id, &salon.slug),
        salon_title: title,
        when,
        holder: inv.as_ref().map(|i| i.holder_in(tr)).unwrap_or_default(),
        role: named.role,
        registration: named.id,
        state_label: tr.t(&format!("inv-named-state-{shown}")),
        state: shown,
        notice,
        problem,
        f,
    })
}

/// `GET /named/{attendance}`.
pub async fn page(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    NamedAttendance(attendance): NamedAttendance,
    Query(q): Query<DoneQuery>,
) -> Result<Response, AppError> {
    let mut conn = state.db.acquire().await?;
    let named = load(&mut conn, &f.tr, attendance.uuid(), user.id).await?;
    drop(conn);
    let notice = q.notice(&f.tr, "inv-named", &["confirmed", "declined"]);
    Ok(Page(render(&state, f, named, notice, None).await?).into_response())
}

/// The page again, 409, when the answer no longer fits (answered already, seat gone).
async fn conflict(state: &AppState, f: Frame, id: Uuid, user: Uuid) -> Result<Response, AppError> {
    let mut conn = state.db.acquire().await?;
    let named = load(&mut conn, &f.tr, id, user).await?;
    drop(conn);
    let problem = Some(f.tr.t("inv-named-error-answered"));
    let page = render(state, f, named, None, problem).await?;
    Ok((StatusCode::CONFLICT, Page(page)).into_response())
}

/// `POST /named/{attendance}/confirm`: yes — their name goes public, and they get the calendar
/// file with their role.
pub async fn confirm(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    NamedAttendance(attendance): NamedAttendance,
) -> Result<Response, AppError> {
    let id = attendance.uuid();
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let done = sqlx::query!(
        r#"UPDATE registrations SET asked_state = 'confirmed', updated_at = $3
           WHERE id = $1 AND user_id = $2 AND asked_state = 'asked'
             AND status IN ('registered', 'waitlisted')
           RETURNING salon_id"#,
        id,
        user.id,
        now
    )
    .fetch_optional(&mut *tx)
    .await?;
    let Some(done) = done else {
        drop(tx);
        return conflict(&state, f, id, user.id).await;
    };
    send_calendar(&mut tx, &state, &user, done.salon_id, now).await?;
    tx.commit().await?;
    state.job_wake.notify_one();
    Ok(Redirect::to(&format!("{}?done=confirmed", path(id))).into_response())
}

/// The confirmation with the salon's calendar file, which shows them in their role.
async fn send_calendar(
    conn: &mut PgConnection,
    state: &AppState,
    user: &CurrentUser,
    salon: Uuid,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let Ok(visible) = crate::salons::load_visible(&state.db, salon, Some(user)).await else {
        return Ok(());
    };
    let role = crate::salons::calendar::role_of(&mut *conn, salon, user.id).await?;
    let ics = crate::salons::calendar::ics_in_role(state, &visible, role.as_deref()).await?;
    let to = Recipient::User(user.id);
    let tr = Tr::new(mail::recipient_locale(conn, &to).await?);
    let args = [
        ("title", visible.title.clone().into()),
        ("link", state.config.link(&visible.path()).into()),
    ];
    let mut m = mail::Message::new(
        KIND,
        tr.t_args("inv-mail-named-confirmed-subject", &args),
        tr.t_args("inv-mail-named-confirmed-body", &args),
    )
    .linking_to(visible.path());
    m.attachments.push(Attachment {
        filename: format!(
            "{}.ics",
            if visible.slug.is_empty() {
                "salon"
            } else {
                &visible.slug
            }
        ),
        content_type: "text/calendar; charset=utf-8; method=PUBLISH".to_string(),
        content: ics.into_bytes(),
    });
    mail::notify(conn, now, to, m).await?;
    Ok(())
}

/// `POST /named/{attendance}/decline`: no — the seat goes to the first in line, and the hosts
/// and the one who named them are told.
pub async fn decline(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    NamedAttendance(attendance): NamedAttendance,
) -> Result<Response, AppError> {
    let id = attendance.uuid();
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let done = sqlx::query!(
        r#"UPDATE registrations SET asked_state = 'declined'
           WHERE id = $1 AND user_id = $2 AND asked_state = 'asked'
             AND status IN ('registered', 'waitlisted')
           RETURNING salon_id, invitation_id, asked_by"#,
        id,
        user.id
    )
    .fetch_optional(&mut *tx)
    .await?;
    let Some(done) = done else {
        drop(tx);
        return conflict(&state, f, id, user.id).await;
    };
    let mut seats = waitlist::lock(&mut tx, done.salon_id).await?;
    if let Some(w) = waitlist::withdraw(&mut tx, &mut seats, id, "cancelled", now).await? {
        waitlist::save(&mut tx, &seats).await?;
        crate::registrations::tell_later(&mut tx, &w.promoted, now).await?;
    }
    if let Some(invitation) = done.invitation_id {
        let inv = super::load(&mut tx, invitation).await?;
        record_event(
            &mut tx,
            inv.id,
            "attendees_changed",
            EventFacts {
                actor: Some(user.id),
                actor_name: &user.name,
                unit: inv.holder_unit_id,
                message: "",
                ..Default::default()
            },
            now,
        )
        .await?;
        tell_declined(&mut tx, &state, &inv, &user.name, done.asked_by).await?;
    }
    tx.commit().await?;
    state.job_wake.notify_one();
    Ok(Redirect::to(&format!("{}?done=declined", path(id))).into_response())
}

/// Tells the hosts (on their invitations page) and the one who named `name` (on the
/// invitation in their inbox) that they cannot come; each person once.
async fn tell_declined(
    conn: &mut PgConnection,
    state: &AppState,
    inv: &Invitation,
    name: &str,
    asked_by: Option<Uuid>,
) -> Result<(), AppError> {
    let hosts = super::mails::live_hosts(conn, inv.salon_id).await?;
    let mut told: Vec<(Uuid, String)> = hosts
        .into_iter()
        .map(|h| (h, format!("{}/invitations", inv.salon_path())))
        .collect();
    if let Some(asker) = asked_by.filter(|a| !told.iter().any(|(h, _)| h == a)) {
        let alive = sqlx::query_scalar!(
            r#"SELECT EXISTS (SELECT 1 FROM users WHERE id = $1 AND deleted_at IS NULL) AS "x!""#,
            asker
        )
        .fetch_one(&mut *conn)
        .await?;
        if alive {
            told.push((asker, format!("/inbox/{}", inv.id)));
        }
    }
    for (user, link) in told {
        let to = Recipient::User(user);
        let tr = Tr::new(mail::recipient_locale(conn, &to).await?);
        let args = [
            ("name", name.to_string()),
            ("title", inv.salon_title.clone()),
            ("holder", inv.holder_in(&tr)),
        ];
        mail::notify_text(
            conn,
            state,
            to,
            "invitation.update",
            "inv-mail-named-declined",
            &args,
            &link,
        )
        .await?;
    }
    Ok(())
}
