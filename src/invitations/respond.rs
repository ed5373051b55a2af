//! The answers from the inbox, each a form on `/inbox/{invitation}`: accept naming who comes,
//! change who comes, decline with a reason, pass on inside the municipality, propose another
//! time, ask the hosts. The state changes themselves are in [`super::actions`].

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use uuid::Uuid;

use super::AnswerableInvitation;
use super::actions::{self, Acceptance, Comer, Outcome, PassTo};
use super::{Invitation, Status, values};
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::salons::values::{SessionError, SessionTimes};
use crate::state::AppState;
use crate::web::forms::{Form, ListForm};
use crate::web::{Frame, Page};

use super::answer::{AnswerInput, Shown, actor, conclude, forms, locked, others, render, too_late};

/// The roles checked as coming, each an approved role of the invitation's municipality
/// (`None` if any is not): all read in one query, kept in the order checked.
async fn comers(
    state: &AppState,
    inv: &Invitation,
    input: &AnswerInput,
) -> Result<Option<Vec<Comer>>, AppError> {
    let Some(roles) = input
        .comers
        .iter()
        .map(|raw| Uuid::parse_str(raw).ok())
        .collect::<Option<Vec<Uuid>>>()
    else {
        return Ok(None);
    };
    if roles.is_empty() {
        return Ok(Some(Vec::new()));
    }
    let found = sqlx::query!(
        r#"SELECT r.id, r.user_id FROM roles r JOIN users u ON u.id = r.user_id
           WHERE r.id = ANY($1) AND r.municipality_code = $2 AND r.status = 'approved'
             AND u.deleted_at IS NULL"#,
        &roles,
        inv.municipality_code
    )
    .fetch_all(&state.db)
    .await?;
    Ok(roles
        .into_iter()
        .map(|role| {
            let user = found.iter().find(|f| f.id == role)?.user_id;
            Some(Comer::Member { user, role })
        })
        .collect())
}

/// `POST /inbox/{invitation}/accept`.
pub async fn accept(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    AnswerableInvitation(inv): AnswerableInvitation,
    ListForm(input): ListForm<AnswerInput>,
) -> Result<Response, AppError> {
    let mut form = forms(&f, &input).accept;
    let note = form.check("note", &f.tr, values::parse_note(&input.note));
    let comers = comers(&state, &inv, &input).await?;
    let sessions: Option<Vec<Uuid>> = input
        .sessions
        .iter()
        .map(|s| Uuid::parse_str(s).ok())
        .collect();
    let error = match (&comers, &sessions) {
        (None, _) | (_, None) => Some(f.tr.t("inv-error-comers-invalid")),
        (Some(c), _) if c.is_empty() => Some(f.tr.t("inv-error-comers-missing")),
        // The session boxes are drawn only for salons with several sessions.
        (_, Some(s)) if s.is_empty() && !input.sessions_shown.is_empty() => {
            Some(f.tr.t("inv-error-sessions-missing"))
        }
        _ => None,
    };
    let (Some(note), Some(comers), Some(sessions), None) = (note, comers, sessions, &error) else {
        return again(&state, f, &user, inv, Shown::Accept(form, error)).await;
    };
    let seen = actions::seen_for(&input.seen, Status::Declined);
    let acceptance = Acceptance {
        comers: &comers,
        sessions: &sessions,
        note: note.as_str(),
        seen,
    };
    let mut tx = state.db.begin().await?;
    let outcome = actions::accept(&mut tx, &state, &inv, &actor(&user), acceptance).await?;
    if matches!(outcome, Outcome::Done) {
        // One answer settles the other invitations of the salon the person chose, while open.
        let also = Acceptance {
            seen: Status::Open,
            ..acceptance
        };
        for other in settled_too(&mut tx, &user, &inv, &input).await? {
            actions::accept(&mut tx, &state, &other, &actor(&user), also).await?;
        }
    }
    tx.commit().await?;
    settled(&state, f, &user, inv.id, outcome, seen, "accepted").await
}

/// The answer form again, refused (422) with the messages by its fields.
async fn again(
    state: &AppState,
    f: Frame,
    user: &CurrentUser,
    inv: Invitation,
    shown: Shown,
) -> Result<Response, AppError> {
    let page = render(state, f, user, inv, shown, None, None).await?;
    Ok(Page::invalid(page))
}

/// The page after an answer that may also have settled others (accept, decline): the locked
/// notice when the salon began while the person looked at the answer they meant to change.
async fn settled(
    state: &AppState,
    f: Frame,
    user: &CurrentUser,
    id: Uuid,
    outcome: Outcome,
    seen: Status,
    done: &str,
) -> Result<Response, AppError> {
    if is_locked(&outcome, seen) {
        return locked(state, f, user, id).await;
    }
    conclude(state, f, user, id, outcome, done).await
}

/// The invitation stayed as the person saw it, yet the answer could not change: the salon
/// has begun.
fn is_locked(outcome: &Outcome, seen: Status) -> bool {
    matches!(outcome, Outcome::TooLate { status, .. } if *status == seen && seen != Status::Open)
}

/// The other open invitations of the same salon that the person chose (`also`) to answer the
/// same way, among those they may answer.
async fn settled_too(
    conn: &mut sqlx::PgConnection,
    user: &CurrentUser,
    inv: &Invitation,
    input: &AnswerInput,
) -> Result<Vec<Invitation>, AppError> {
    let chosen: Vec<Uuid> = input
        .also
        .iter()
        .filter_map(|raw| Uuid::parse_str(raw).ok())
        .collect();
    if chosen.is_empty() {
        return Ok(Vec::new());
    }
    Ok(others(conn, user, inv)
        .await?
        .into_iter()
        .filter(|o| o.answerable && o.inv.status == Status::Open && chosen.contains(&o.inv.id))
        .map(|o| o.inv)
        .collect())
}

/// `POST /inbox/{invitation}/attendees`: who comes, changed after accepting.
pub async fn attendees(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    AnswerableInvitation(inv): AnswerableInvitation,
    ListForm(input): ListForm<AnswerInput>,
) -> Result<Response, AppError> {
    let comers = match comers(&state, &inv, &input).await? {
        Some(c) if !c.is_empty() => c,
        _ => {
            let form = forms(&f, &input).accept;
            let error = Some(f.tr.t("inv-error-comers-missing"));
            return again(&state, f, &user, inv, Shown::Accept(form, error)).await;
        }
    };
    // The session boxes are drawn for salons with several sessions ahead; without them the
    // sessions chosen stay.
    let sessions: Option<Vec<Uuid>> = input
        .sessions
        .iter()
        .map(|s| Uuid::parse_str(s).ok())
        .collect();
    let sessions = match sessions {
        Some(s) if !s.is_empty() || input.sessions_shown.is_empty() => s,
        _ => {
            let form = forms(&f, &input).accept;
            let error = Some(f.tr.t("inv-error-sessions-missing"));
            return again(&state, f, &user, inv, Shown::Accept(form, error)).await;
        }
    };
    let mut tx = state.db.begin().await?;
    let outcome =
        actions::change_attendees(&mut tx, &state, &inv, &actor(&user), &comers, &sessions).await?;
    tx.commit().await?;
    conclude(&state, f, &user, inv.id, outcome, "attendees").await
}

/// `POST /inbox/{invitation}/decline`.
pub async fn decline(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    AnswerableInvitation(inv): AnswerableInvitation,
    ListForm(input): ListForm<AnswerInput>,
) -> Result<Response, AppError> {
    let mut form = forms(&f, &input).decline;
    let Some(reason) = form.check("reason", &f.tr, values::parse_reason(&input.reason)) else {
        return again(&state, f, &user, inv, Shown::Decline(form)).await;
    };
    let seen = actions::seen_for(&input.seen, Status::Accepted);
    let mut tx = state.db.begin().await?;
    let outcome =
        actions::decline(&mut tx, &state, &inv, &actor(&user), reason.as_str(), seen).await?;
    if matches!(outcome, Outcome::Done) {
        for other in settled_too(&mut tx, &user, &inv, &input).await? {
            actions::decline(
                &mut tx,
                &state,
                &other,
                &actor(&user),
                reason.as_str(),
                Status::Open,
            )
            .await?;
        }
    }
    tx.commit().await?;
    settled(&state, f, &user, inv.id, outcome, seen, "declined").await
}

/// `POST /inbox/{invitation}/pass-on`.
pub async fn pass_on(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    AnswerableInvitation(inv): AnswerableInvitation,
    ListForm(input): ListForm<AnswerInput>,
) -> Result<Response, AppError> {
    let mut form = forms(&f, &input).pass;
    let note = form.check("note", &f.tr, values::parse_note(&input.note));
    let to = match input.to.split_once(':') {
        Some(("unit", id)) => Uuid::parse_str(id).ok().map(PassTo::Unit),
        Some(("person", id)) => Uuid::parse_str(id).ok().map(PassTo::Person),
        _ => None,
    };
    let refuse = |form: Form, f: Frame, inv: Invitation| {
        let state = state.clone();
        let user = user.clone();
        async move {
            let error = Some(f.tr.t("inv-error-pass-target"));
            again(&state, f, &user, inv, Shown::Pass(form, error)).await
        }
    };
    let (Some(note), Some(to)) = (note, to) else {
        return refuse(form, f, inv).await;
    };
    let mut tx = state.db.begin().await?;
    let outcome = actions::pass_on(&mut tx, &state, &inv, &actor(&user), to, note.as_str()).await?;
    match outcome {
        None => {
            drop(tx);
            refuse(form, f, inv).await
        }
        Some(Outcome::Done) => {
            tx.commit().await?;
            // The one who passed it on may no longer answer it: back to the inbox.
            Ok(Redirect::to("/inbox?done=passed-on").into_response())
        }
        Some(other) => {
            drop(tx);
            too_late(&state, f, &user, inv.id, other).await
        }
    }
}

/// `POST /inbox/{invitation}/propose`.
pub async fn propose(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    AnswerableInvitation(inv): AnswerableInvitation,
    ListForm(input): ListForm<AnswerInput>,
) -> Result<Response, AppError> {
    let mut form = forms(&f, &input).propose;
    let note = form.check("note", &f.tr, values::parse_note(&input.note));
    let times = match SessionTimes::parse(&input.date, &input.start, &input.end) {
        Ok(t) if t.starts_at <= state.clock.now() => {
            form.fail("date", &f.tr, "inv-error-time-past");
            None
        }
        Ok(t) => Some(t),
        Err(SessionError::Date(e)) => form.check("date", &f.tr, Err(e)),
        Err(SessionError::Start(e)) => form.check("start", &f.tr, Err(e)),
        Err(SessionError::End(e)) => form.check("end", &f.tr, Err(e)),
    };
    let session = Uuid::parse_str(&input.session).ok();
    let session = match session {
        Some(s) => {
            let mut conn = state.db.acquire().await?;
            crate::salons::details(&mut *conn, inv.salon_id)
                .await?
                .sessions
                .iter()
                .any(|x| x.id == s)
                .then_some(s)
        }
        None => None,
    };
    let (Some(note), Some(times), Some(session)) = (note, times, session) else {
        if session.is_none() {
            form.fail("date", &f.tr, "inv-error-session-missing");
        }
        return again(&state, f, &user, inv, Shown::Propose(form)).await;
    };
    let mut tx = state.db.begin().await?;
    let outcome = actions::propose(
        &mut tx,
        &state,
        &inv,
        &actor(&user),
        session,
        times.starts_at,
        times.ends_at,
        note.as_str(),
    )
    .await?;
    tx.commit().await?;
    conclude(&state, f, &user, inv.id, outcome, "proposed").await
}

/// `POST /inbox/{invitation}/question`.
pub async fn question(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    AnswerableInvitation(inv): AnswerableInvitation,
    ListForm(input): ListForm<AnswerInput>,
) -> Result<Response, AppError> {
    let mut form = forms(&f, &input).question;
    let Some(text) = form.check("text", &f.tr, values::parse_thread_text(&input.text)) else {
        return again(&state, f, &user, inv, Shown::Question(form)).await;
    };
    let mut tx = state.db.begin().await?;
    let outcome = actions::question(&mut tx, &state, &inv, &actor(&user), text.as_str()).await?;
    tx.commit().await?;
    conclude(&state, f, &user, inv.id, outcome, "question").await
}
