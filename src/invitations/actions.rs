//! The state changes of an invitation, shared by the inbox and the emailed answer link.
//!
//! Each answer is one `UPDATE … WHERE status = 'open'` inside the caller's transaction: two
//! people answering at the same moment are serialised by the row lock, and the second finds
//! the invitation no longer open and is told who answered and when. The first reply (accept,
//! decline, proposed time or question) is stamped once, with the unit holding the invitation
//! at that moment: that is what the response record counts.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use super::{EventFacts, Invitation, mails, record_event};
use crate::error::AppError;
use crate::registrations::waitlist::{self, Kind, NewRegistration, Placement};
use crate::startup::AppState;

/// Who acts: a signed-in person, or someone answering by an emailed link (a name only).
#[derive(Clone, Debug)]
pub struct Actor {
    pub user: Option<Uuid>,
    pub name: String,
}

/// Someone the municipality sends to the salon.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Comer {
    /// A person with an approved role in the municipality, coming in that role.
    Member { user: Uuid, role: Uuid },
    /// A name given through the emailed link.
    Named(String),
}

/// How an answer went.
#[derive(Debug)]
pub enum Outcome {
    Done,
    /// Someone else answered first (or the host withdrew it): who, when.
    TooLate {
        by: String,
        at: Option<DateTime<Utc>>,
        status: super::Status,
    },
}

/// What an event by `actor` on `inv` records, with `message`.
fn by<'a>(actor: &'a Actor, inv: &Invitation, message: &'a str) -> EventFacts<'a> {
    EventFacts {
        actor: actor.user,
        actor_name: &actor.name,
        unit: inv.holder_unit_id,
        message,
        ..Default::default()
    }
}

/// Stamps the first reply (if none yet) with `kind`, in the same statement as the change.
const FIRST_REPLY: &str = "first_reply_at = coalesce(first_reply_at, $2),
     first_reply_kind = coalesce(first_reply_kind, $3),
     first_reply_unit_id = CASE WHEN first_reply_at IS NULL THEN holder_unit_id ELSE first_reply_unit_id END";

async fn too_late(conn: &mut PgConnection, id: Uuid) -> Result<Outcome, AppError> {
    let now = super::load(conn, id).await?;
    Ok(Outcome::TooLate {
        by: now.answered_by_name,
        at: now.answered_at.or(now.first_reply_at),
        status: now.status,
    })
}

/// Accepts, sending `comers` to the chosen sessions (all when `sessions` is empty).
pub async fn accept(
    conn: &mut PgConnection,
    state: &AppState,
    inv: &Invitation,
    actor: &Actor,
    comers: &[Comer],
    sessions: &[Uuid],
    note: &str,
) -> Result<Outcome, AppError> {
    let now = state.clock.now();
    let sql = format!(
        "UPDATE invitations SET status = 'accepted', answered_at = $2, answered_by = $4,
             answered_by_name = $5, {FIRST_REPLY}
         WHERE id = $1 AND status = 'open' RETURNING id"
    );
    let done = sqlx::query(&sql)
        .bind(inv.id)
        .bind(now)
        .bind("accepted")
        .bind(actor.user)
        .bind(&actor.name)
        .fetch_optional(&mut *conn)
        .await?;
    if done.is_none() {
        return too_late(conn, inv.id).await;
    }
    let waiting = seat(conn, inv, comers, sessions, now).await?;
    let names = comer_names(conn, comers).await?;
    record_event(conn, inv.id, "accepted", by(actor, inv, note), now).await?;
    let update = mails::Update::Accepted {
        names: names.join(", "),
        note: note.to_string(),
        seats_full: waiting > 0,
    };
    mails::tell_hosts(conn, state, inv, &actor.name, &update).await?;
    Ok(Outcome::Done)
}

/// Registers `comers` as the municipality's guests through this invitation; returns how many
/// went on the municipal waitlist because the reserved seats were taken.
async fn seat(
    conn: &mut PgConnection,
    inv: &Invitation,
    comers: &[Comer],
    sessions: &[Uuid],
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let mut seats = waitlist::lock(conn, inv.salon_id).await?;
    let mut waiting = 0;
    for comer in comers {
        let (user, role, name) = match comer {
            Comer::Member { user, role } => (Some(*user), Some(*role), None),
            Comer::Named(name) => (None, None, Some(name.as_str())),
        };
        if let Some(user) = user {
            let already = sqlx::query_scalar!(
                r#"SELECT EXISTS (SELECT 1 FROM registrations WHERE salon_id = $1 AND user_id = $2
                     AND status IN ('registered', 'waitlisted')) AS "x!""#,
                inv.salon_id,
                user
            )
            .fetch_one(&mut *conn)
            .await?;
            if already {
                continue;
            }
        }
        let (id, placement) = waitlist::add(
            conn,
            &mut seats,
            NewRegistration {
                user,
                offline_name: name,
                offline_phone: None,
                kind: Kind::Municipal,
                role,
                needs: "",
                show_name: true,
            },
            now,
        )
        .await?;
        if matches!(placement, Placement::Waitlisted(_)) {
            waiting += 1;
        }
        sqlx::query!(
            "UPDATE registrations SET invitation_id = $2 WHERE id = $1",
            id,
            inv.id
        )
        .execute(&mut *conn)
        .await?;
        if !sessions.is_empty() {
            sqlx::query!(
                "DELETE FROM registration_sessions WHERE registration_id = $1 AND session_id <> ALL($2)",
                id,
                sessions
            )
            .execute(&mut *conn)
            .await?;
        }
    }
    waitlist::save(conn, &seats).await?;
    Ok(waiting)
}

/// The names of `comers`, for the host's mail.
async fn comer_names(conn: &mut PgConnection, comers: &[Comer]) -> sqlx::Result<Vec<String>> {
    let mut names = Vec::new();
    for c in comers {
        match c {
            Comer::Named(n) => names.push(n.clone()),
            Comer::Member { user, .. } => {
                let n = sqlx::query_scalar!("SELECT name FROM users WHERE id = $1", user)
                    .fetch_one(&mut *conn)
                    .await?;
                names.push(n);
            }
        }
    }
    Ok(names)
}

/// Changes who comes on an accepted invitation (someone fell ill); the host is told.
pub async fn change_attendees(
    conn: &mut PgConnection,
    state: &AppState,
    inv: &Invitation,
    actor: &Actor,
    comers: &[Comer],
) -> Result<Outcome, AppError> {
    let now = state.clock.now();
    let locked = sqlx::query_scalar!(
        "SELECT status::text AS \"s!\" FROM invitations WHERE id = $1 FOR UPDATE",
        inv.id
    )
    .fetch_one(&mut *conn)
    .await?;
    if locked != "accepted" {
        return too_late(conn, inv.id).await;
    }
    let current = sqlx::query!(
        r#"SELECT id, user_id FROM registrations
           WHERE invitation_id = $1 AND status IN ('registered', 'waitlisted')"#,
        inv.id
    )
    .fetch_all(&mut *conn)
    .await?;
    let wanted: Vec<Uuid> = comers
        .iter()
        .filter_map(|c| match c {
            Comer::Member { user, .. } => Some(*user),
            Comer::Named(_) => None,
        })
        .collect();
    let mut seats = waitlist::lock(conn, inv.salon_id).await?;
    let mut promoted = Vec::new();
    for r in &current {
        if r.user_id.is_none_or(|u| !wanted.contains(&u)) {
            if let Some(w) = waitlist::withdraw(conn, &mut seats, r.id, "cancelled", now).await? {
                promoted.extend(w.promoted);
            }
        }
    }
    waitlist::save(conn, &seats).await?;
    let staying: Vec<Uuid> = current.iter().filter_map(|r| r.user_id).collect();
    let new: Vec<Comer> = comers
        .iter()
        .filter(|c| match c {
            Comer::Member { user, .. } => !staying.contains(user),
            Comer::Named(_) => true,
        })
        .cloned()
        .collect();
    seat(conn, inv, &new, &[], now).await?;
    let names = comer_names(conn, comers).await?;
    record_event(
        conn,
        inv.id,
        "attendees_changed",
        EventFacts {
            actor: actor.user,
            actor_name: &actor.name,
            unit: inv.holder_unit_id,
            message: &names.join(", "),
            ..Default::default()
        },
        now,
    )
    .await?;
    let update = mails::Update::AttendeesChanged {
        names: names.join(", "),
    };
    mails::tell_hosts(conn, state, inv, &actor.name, &update).await?;
    Ok(Outcome::Done)
}

/// Declines with a reason, which the host and the salon page show.
pub async fn decline(
    conn: &mut PgConnection,
    state: &AppState,
    inv: &Invitation,
    actor: &Actor,
    reason: &str,
) -> Result<Outcome, AppError> {
    let now = state.clock.now();
    let sql = format!(
        "UPDATE invitations SET status = 'declined', answered_at = $2, answered_by = $4,
             answered_by_name = $5, decline_reason = $6, {FIRST_REPLY}
         WHERE id = $1 AND status = 'open' RETURNING id"
    );
    let done = sqlx::query(&sql)
        .bind(inv.id)
        .bind(now)
        .bind("declined")
        .bind(actor.user)
        .bind(&actor.name)
        .bind(reason)
        .fetch_optional(&mut *conn)
        .await?;
    if done.is_none() {
        return too_late(conn, inv.id).await;
    }
    record_event(conn, inv.id, "declined", by(actor, inv, reason), now).await?;
    let update = mails::Update::Declined {
        reason: reason.to_string(),
    };
    mails::tell_hosts(conn, state, inv, &actor.name, &update).await?;
    Ok(Outcome::Done)
}

/// Asks the hosts a question: the thread grows, nothing else changes (but it is a reply).
pub async fn question(
    conn: &mut PgConnection,
    state: &AppState,
    inv: &Invitation,
    actor: &Actor,
    text: &str,
) -> Result<Outcome, AppError> {
    let now = state.clock.now();
    let sql = format!(
        "UPDATE invitations SET {FIRST_REPLY}
         WHERE id = $1 AND status IN ('open', 'proposed', 'accepted') RETURNING id"
    );
    let done = sqlx::query(&sql)
        .bind(inv.id)
        .bind(now)
        .bind("question")
        .fetch_optional(&mut *conn)
        .await?;
    if done.is_none() {
        return too_late(conn, inv.id).await;
    }
    record_event(conn, inv.id, "question", by(actor, inv, text), now).await?;
    let update = mails::Update::Question {
        text: text.to_string(),
    };
    mails::tell_hosts(conn, state, inv, &actor.name, &update).await?;
    Ok(Outcome::Done)
}

/// Proposes another time for one session; the host accepts or declines it.
#[allow(clippy::too_many_arguments)]
pub async fn propose(
    conn: &mut PgConnection,
    state: &AppState,
    inv: &Invitation,
    actor: &Actor,
    session: Uuid,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    note: &str,
) -> Result<Outcome, AppError> {
    let now = state.clock.now();
    let sql = format!(
        "UPDATE invitations SET status = 'proposed', proposed_session_id = $4,
             proposed_starts_at = $5, proposed_ends_at = $6, proposal_decision = NULL, {FIRST_REPLY}
         WHERE id = $1 AND status = 'open' RETURNING id"
    );
    let done = sqlx::query(&sql)
        .bind(inv.id)
        .bind(now)
        .bind("proposed")
        .bind(session)
        .bind(starts_at)
        .bind(ends_at)
        .fetch_optional(&mut *conn)
        .await?;
    if done.is_none() {
        return too_late(conn, inv.id).await;
    }
    let facts = EventFacts {
        times: Some((starts_at, ends_at)),
        ..by(actor, inv, note)
    };
    record_event(conn, inv.id, "proposed", facts, now).await?;
    let update = mails::Update::Proposed {
        starts_at,
        ends_at,
        note: note.to_string(),
    };
    mails::tell_hosts(conn, state, inv, &actor.name, &update).await?;
    Ok(Outcome::Done)
}

/// Where an invitation is passed on to.
#[derive(Clone, Copy, Debug)]
pub enum PassTo {
    Unit(Uuid),
    Person(Uuid),
}

/// Passes the invitation on inside the same municipality: it moves, its history stays, its
/// clock keeps running. `None` when the target is not a live unit or a person with an
/// approved role of that municipality.
pub async fn pass_on(
    conn: &mut PgConnection,
    state: &AppState,
    inv: &Invitation,
    actor: &Actor,
    to: PassTo,
    note: &str,
) -> Result<Option<Outcome>, AppError> {
    let now = state.clock.now();
    let Some(code) = &inv.municipality_code else {
        return Ok(None);
    };
    let fits = match to {
        PassTo::Unit(unit) => {
            sqlx::query_scalar!(
                r#"SELECT EXISTS (SELECT 1 FROM units WHERE id = $1 AND municipality_code = $2
                 AND archived_at IS NULL) AS "x!""#,
                unit,
                code
            )
            .fetch_one(&mut *conn)
            .await?
        }
        PassTo::Person(user) => {
            sqlx::query_scalar!(
                r#"SELECT EXISTS (SELECT 1 FROM roles r JOIN users u ON u.id = r.user_id
                 WHERE r.user_id = $1 AND r.municipality_code = $2 AND r.status = 'approved'
                   AND u.deleted_at IS NULL) AS "x!""#,
                user,
                code
            )
            .fetch_one(&mut *conn)
            .await?
        }
    };
    if !fits {
        return Ok(None);
    }
    let (unit, user) = match to {
        PassTo::Unit(u) => (Some(u), None),
        PassTo::Person(p) => (None, Some(p)),
    };
    let done = sqlx::query!(
        r#"UPDATE invitations SET holder_unit_id = $2, holder_user_id = $3
           WHERE id = $1 AND status = 'open' RETURNING id"#,
        inv.id,
        unit,
        user
    )
    .fetch_optional(&mut *conn)
    .await?;
    if done.is_none() {
        return Ok(Some(too_late(conn, inv.id).await?));
    }
    record_event(
        conn,
        inv.id,
        "passed_on",
        EventFacts {
            actor: actor.user,
            actor_name: &actor.name,
            unit: inv.holder_unit_id,
            to_unit: unit,
            to_user: user,
            message: note,
            times: None,
        },
        now,
    )
    .await?;
    let moved = super::load(conn, inv.id).await?;
    mails::tell_answerers(conn, state, &moved, mails::ToAnswerers::PassedOn(note)).await?;
    Ok(Some(Outcome::Done))
}
