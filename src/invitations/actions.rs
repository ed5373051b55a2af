//! The state changes of an invitation, shared by the inbox and the emailed answer link.
//!
//! Each answer is one `UPDATE … WHERE status = <the status the person saw>` inside the
//! caller's transaction: two people answering at the same moment are serialised by the row
//! lock, and the second finds the invitation no longer as they saw it and is told who answered
//! and when. An answer may be changed (yes → no, no → yes) while the salon is ahead; the same
//! guard makes a stale form fail. The first reply (accept, decline, proposed time or question)
//! is stamped once, with the unit holding the invitation at that moment: that is what the
//! response record counts, whatever changes later.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use super::{EventFacts, Invitation, mails, record_event};
use crate::domain::Line;
use crate::error::AppError;
use crate::registrations::waitlist::{self, Kind, NewRegistration, Placement};
use crate::state::AppState;

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
    Named(Line<100>),
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

/// What an accepting official saw and chose.
#[derive(Clone, Copy, Debug)]
pub struct Acceptance<'a> {
    pub comers: &'a [Comer],
    /// The sessions they come to (all when empty).
    pub sessions: &'a [Uuid],
    pub note: &'a str,
    /// The invitation's status when the form was drawn: `Open`, or `Declined` to change the
    /// answer to yes.
    pub seen: super::Status,
}

/// The status an answer changes from, as the form says the person saw it: open for a first
/// answer, else the answer being changed (anything else is read as open, so it cannot slip
/// past the guard).
pub fn seen_for(raw: &str, changing_from: super::Status) -> super::Status {
    if raw == changing_from.as_str() {
        changing_from
    } else {
        super::Status::Open
    }
}

// Every answer below is one guarded `UPDATE` that also stamps the first reply (if none yet)
// with its kind ($2 is now, $3 the kind), so the record counts the first reply whatever
// changes later. A yes or no can be changed only while the salon is ahead: published and not
// yet begun (the `EXISTS` clause); both are one statement, [`record_answer`]. The clauses are
// written out in each statement so that `query!` checks every one of them against the schema.

async fn too_late(conn: &mut PgConnection, id: Uuid) -> Result<Outcome, AppError> {
    let now = super::load(conn, id).await?;
    Ok(Outcome::TooLate {
        by: now.answered_by_name,
        at: now.answered_at.or(now.first_reply_at),
        status: now.status,
    })
}

/// A yes or a no.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Answer {
    Accepted,
    Declined,
}

impl Answer {
    fn as_str(self) -> &'static str {
        match self {
            Answer::Accepted => "accepted",
            Answer::Declined => "declined",
        }
    }
}

/// Records a yes or a no (with `reason`, empty for a yes) by `actor`, if the invitation is
/// still `seen` ("open", or the answer being changed while the salon is ahead). False when it
/// is not: someone else answered first, or the salon has begun.
async fn record_answer(
    conn: &mut PgConnection,
    id: Uuid,
    answer: Answer,
    actor: &Actor,
    reason: &str,
    seen: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let done = sqlx::query_scalar!(
        r#"UPDATE invitations SET status = $3::text::invitation_status, answered_at = $2,
                  answered_by = $4, answered_by_name = $5, decline_reason = $6,
                  first_reply_at = coalesce(first_reply_at, $2),
                  first_reply_kind = coalesce(first_reply_kind, $3),
                  first_reply_unit_id = CASE WHEN first_reply_at IS NULL THEN holder_unit_id
                                             ELSE first_reply_unit_id END
           WHERE id = $1 AND status = $7::text::invitation_status
             AND (status = 'open' OR EXISTS (SELECT 1 FROM salons s
                  WHERE s.id = invitations.salon_id AND s.status = 'published'
                    AND s.first_starts_at > $2))
           RETURNING id"#,
        id,
        now,
        answer.as_str(),
        actor.user,
        &actor.name,
        reason,
        seen,
    )
    .fetch_optional(&mut *conn)
    .await?;
    Ok(done.is_some())
}

/// Accepts, sending `comers` to the chosen sessions (all when `sessions` is empty): a first
/// answer, or a "no" changed to "yes" while the salon is ahead, through the normal seating.
/// Colleagues the actor names are asked before they are named in public
/// ([`super::colleagues`]).
pub async fn accept(
    conn: &mut PgConnection,
    state: &AppState,
    inv: &Invitation,
    actor: &Actor,
    a: Acceptance<'_>,
) -> Result<Outcome, AppError> {
    let now = state.clock.now();
    let seen = match a.seen {
        super::Status::Declined => "declined",
        _ => "open",
    };
    if !record_answer(conn, inv.id, Answer::Accepted, actor, "", seen, now).await? {
        return too_late(conn, inv.id).await;
    }
    let seated = seat(conn, inv, a.comers, a.sessions, actor.user, now).await?;
    let names = comer_names(conn, a.comers, actor.user).await?;
    record_event(conn, inv.id, "accepted", by(actor, inv, a.note), now).await?;
    super::colleagues::ask(conn, state, inv, actor, &seated.asked).await?;
    // Those who follow the one answering hear where they show up.
    if let Some(user) = actor.user {
        crate::people::follow::accepted(conn, state, user, inv.salon_id).await?;
    }
    let update = mails::Update::Accepted {
        names,
        note: a.note.to_string(),
        seats_full: seated.waiting > 0,
    };
    mails::tell_hosts(conn, state, inv, &actor.name, &update).await?;
    Ok(Outcome::Done)
}

/// What seating the comers did.
struct Seated {
    /// How many went on the municipal waitlist because the reserved seats were taken.
    waiting: usize,
    /// The registrations of colleagues named by someone else, who are asked.
    asked: Vec<Uuid>,
}

/// Registers `comers` as the municipality's guests through this invitation. A member other
/// than `asker` (the one answering) holds the seat as "asked" until they confirm.
async fn seat(
    conn: &mut PgConnection,
    inv: &Invitation,
    comers: &[Comer],
    sessions: &[Uuid],
    asker: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<Seated, AppError> {
    let mut seats = waitlist::lock(conn, inv.salon_id).await?;
    let mut waiting = 0;
    let mut asked = Vec::new();
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
        let Some((id, placement)) = waitlist::add(
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
            sessions,
            now,
        )
        .await?
        else {
            // None of the sessions chosen is still ahead.
            continue;
        };
        // Each session chosen takes one of that session's municipal seats (or a place in its
        // line); "waiting" is someone with a seat in none of them.
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
        if let (Some(user), Some(asker)) = (user, asker) {
            if user != asker {
                sqlx::query!(
                    "UPDATE registrations SET asked_state = 'asked', asked_by = $2 WHERE id = $1",
                    id,
                    asker
                )
                .execute(&mut *conn)
                .await?;
                asked.push(id);
            }
        }
    }
    waitlist::save(conn, &seats).await?;
    Ok(Seated { waiting, asked })
}

/// Who comes, for the host's mail: the names of those who answered for themselves (or were
/// named through the emailed link), and how many colleagues are asked — their names wait for
/// their own yes.
async fn comer_names(
    conn: &mut PgConnection,
    comers: &[Comer],
    asker: Option<Uuid>,
) -> sqlx::Result<mails::Comers> {
    // The asker's own name is the only one read, once, however the list names them.
    let asker_comes = comers
        .iter()
        .any(|c| matches!(c, Comer::Member { user, .. } if Some(*user) == asker));
    let asker_name = match asker {
        Some(user) if asker_comes => Some(
            sqlx::query_scalar!("SELECT name FROM users WHERE id = $1", user)
                .fetch_one(&mut *conn)
                .await?,
        ),
        _ => None,
    };
    let mut out = mails::Comers::default();
    for c in comers {
        match (c, &asker_name) {
            (Comer::Named(n), _) => out.names.push(n.to_string()),
            (Comer::Member { user, .. }, Some(name)) if Some(*user) == asker => {
                out.names.push(name.clone())
            }
            (Comer::Member { .. }, _) => out.asked += 1,
        }
    }
    Ok(out)
}

/// The sessions an accepted invitation's people come to: every session one of its live
/// registrations holds a seat or a place in line in. The accept stores its choice only there,
/// so this is what "the sessions chosen" means after the answer. Empty when no one is coming.
pub async fn chosen_sessions(conn: &mut PgConnection, invitation: Uuid) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar!(
        r#"SELECT DISTINCT rs.session_id FROM registration_sessions rs
           JOIN registrations r ON r.id = rs.registration_id
           WHERE r.invitation_id = $1 AND r.status IN ('registered', 'waitlisted')"#,
        invitation
    )
    .fetch_all(&mut *conn)
    .await
}

/// Changes who comes on an accepted invitation (someone fell ill), and to which sessions
/// (`sessions`; empty: those chosen so far); the host is told. Everyone coming through the
/// invitation comes to the same sessions: a colleague added takes the municipal seats (or a
/// place in line) of those sessions only, one removed frees theirs, and when the sessions
/// change, those who stay follow.
pub async fn change_attendees(
    conn: &mut PgConnection,
    state: &AppState,
    inv: &Invitation,
    actor: &Actor,
    comers: &[Comer],
    sessions: &[Uuid],
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
    // Read before anyone leaves: when every comer is replaced, the new ones still come to
    // the sessions chosen at the answer.
    let before = chosen_sessions(conn, inv.id).await?;
    // Only the salon's sessions still ahead can be chosen; a form naming none of them
    // changes who comes, not when.
    let ahead = seats.ahead(now);
    let sessions: Vec<Uuid> = sessions
        .iter()
        .copied()
        .filter(|s| ahead.contains(s))
        .collect();
    let chosen: Vec<Uuid> = if sessions.is_empty() {
        before
    } else {
        // Sessions already begun are not offered in the form; those chosen stay chosen.
        seats
            .sessions
            .iter()
            .filter(|s| s.starts_at <= now && before.contains(&s.id))
            .map(|s| s.id)
            .chain(sessions.iter().copied())
            .collect()
    };
    let mut promoted = Vec::new();
    for r in &current {
        if r.user_id.is_none_or(|u| !wanted.contains(&u)) {
            if let Some(w) = waitlist::withdraw(conn, &mut seats, r.id, "cancelled", now).await? {
                promoted.extend(w.promoted);
            }
        } else if !sessions.is_empty() {
            let changed =
                waitlist::change_sessions(conn, &mut seats, r.id, Kind::Municipal, &chosen, now)
                    .await?;
            promoted.extend(changed.promoted);
        }
    }
    waitlist::save(conn, &seats).await?;
    // Whoever got a freed seat is told, as from any cancellation.
    crate::registrations::tell_later(conn, &promoted, now).await?;
    let staying: Vec<Uuid> = current.iter().filter_map(|r| r.user_id).collect();
    let new: Vec<Comer> = comers
        .iter()
        .filter(|c| match c {
            Comer::Member { user, .. } => !staying.contains(user),
            Comer::Named(_) => true,
        })
        .cloned()
        .collect();
    let seated = seat(conn, inv, &new, &chosen, actor.user, now).await?;
    super::colleagues::ask(conn, state, inv, actor, &seated.asked).await?;
    let names = comer_names(conn, comers, actor.user).await?;
    // The timeline is stored once and read by both sides: in Danish, the site's language,
    // and without the names of colleagues who have not said yes.
    let who = names.in_words(&crate::web::i18n::Tr::new(crate::web::i18n::Locale::Da));
    record_event(
        conn,
        inv.id,
        "attendees_changed",
        EventFacts {
            actor: actor.user,
            actor_name: &actor.name,
            unit: inv.holder_unit_id,
            message: &who,
            ..Default::default()
        },
        now,
    )
    .await?;
    let update = mails::Update::AttendeesChanged { names };
    mails::tell_hosts(conn, state, inv, &actor.name, &update).await?;
    Ok(Outcome::Done)
}

/// Declines with a reason, which the host and the salon page show: a first answer, or a "yes"
/// changed to "no" while the salon is ahead (`seen` is `Accepted`) — which frees the municipal
/// seats it held and gives them to the municipality's waitlist.
pub async fn decline(
    conn: &mut PgConnection,
    state: &AppState,
    inv: &Invitation,
    actor: &Actor,
    reason: &str,
    seen: super::Status,
) -> Result<Outcome, AppError> {
    let now = state.clock.now();
    let seen = match seen {
        super::Status::Accepted => "accepted",
        _ => "open",
    };
    if !record_answer(conn, inv.id, Answer::Declined, actor, reason, seen, now).await? {
        return too_late(conn, inv.id).await;
    }
    release_seats(conn, inv, now).await?;
    record_event(conn, inv.id, "declined", by(actor, inv, reason), now).await?;
    let update = mails::Update::Declined {
        reason: reason.to_string(),
    };
    mails::tell_hosts(conn, state, inv, &actor.name, &update).await?;
    Ok(Outcome::Done)
}

/// Takes everyone coming through `inv` off the salon; the seats go to those first in line,
/// who are told.
async fn release_seats(
    conn: &mut PgConnection,
    inv: &Invitation,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let coming = sqlx::query_scalar!(
        r#"SELECT id FROM registrations
           WHERE invitation_id = $1 AND status IN ('registered', 'waitlisted')"#,
        inv.id
    )
    .fetch_all(&mut *conn)
    .await?;
    if coming.is_empty() {
        return Ok(());
    }
    let mut seats = waitlist::lock(conn, inv.salon_id).await?;
    let mut promoted = Vec::new();
    for id in coming {
        if let Some(w) = waitlist::withdraw(conn, &mut seats, id, "cancelled", now).await? {
            promoted.extend(w.promoted);
        }
    }
    waitlist::save(conn, &seats).await?;
    crate::registrations::tell_later(conn, &promoted, now).await?;
    Ok(())
}

/// Asks the hosts a question: the thread grows, nothing else changes (but it is a reply).
pub async fn question(
    conn: &mut PgConnection,
    state: &AppState,
    inv: &Invitation,
    actor: &Actor,
    text: &str,
) -> Result<Outcome, AppError> {
    // Both ways of asking (the inbox and the mailed link) come through here. No form is
    // shown for a closed thread, so a request for one is stale or made up.
    if !inv.may_write(super::Writer::Answerer) {
        return Err(AppError::Forbidden);
    }
    let now = state.clock.now();
    let done = sqlx::query_scalar!(
        r#"UPDATE invitations SET
                  first_reply_at = coalesce(first_reply_at, $2),
                  first_reply_kind = coalesce(first_reply_kind, $3),
                  first_reply_unit_id = CASE WHEN first_reply_at IS NULL THEN holder_unit_id
                                             ELSE first_reply_unit_id END
           WHERE id = $1 AND status IN ('open', 'proposed', 'accepted') RETURNING id"#,
        inv.id,
        now,
        "question",
    )
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
    let done = sqlx::query_scalar!(
        r#"UPDATE invitations SET status = 'proposed', proposed_session_id = $4,
                  proposed_starts_at = $5, proposed_ends_at = $6, proposal_decision = NULL,
                  first_reply_at = coalesce(first_reply_at, $2),
                  first_reply_kind = coalesce(first_reply_kind, $3),
                  first_reply_unit_id = CASE WHEN first_reply_at IS NULL THEN holder_unit_id
                                             ELSE first_reply_unit_id END
           WHERE id = $1 AND status = 'open' RETURNING id"#,
        inv.id,
        now,
        "proposed",
        session,
        starts_at,
        ends_at,
    )
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
    // Who handled it where it was is no one's business where it lands: the claim goes.
    let done = sqlx::query!(
        r#"UPDATE invitations SET holder_unit_id = $2, holder_user_id = $3,
                                  claimed_by = NULL, claimed_at = NULL
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
