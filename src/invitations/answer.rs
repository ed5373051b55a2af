//! One invitation in the inbox, `/inbox/{invitation}`, and its answers: accept naming who
//! comes, decline with a reason, pass on inside the municipality, propose another time, ask
//! the hosts a question, change who comes. Opening the page (from an email, say) changes
//! nothing; only a form does.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use uuid::Uuid;

use super::actions::{self, Actor, Comer, Outcome, PassTo};
use super::{EventLine, Fields, Invitation, Status, values};
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::salons::values::{SessionError, SessionTimes};
use crate::startup::AppState;
use crate::web::forms::{Field, Form};
use crate::web::{DoneQuery, Frame, Page};

/// A person of the municipality who can be sent.
pub struct Colleague {
    pub role: Uuid,
    pub label: String,
    pub checked: bool,
}

/// A session to choose.
pub struct SessionChoice {
    pub id: Uuid,
    pub when: String,
    pub checked: bool,
}

/// Somewhere to pass the invitation on to.
pub struct PassChoice {
    pub value: String,
    pub label: String,
}

#[derive(Template)]
#[template(path = "invitations/answer.html")]
pub struct AnswerPage {
    f: Frame,
    inv: Invitation,
    holder: String,
    salon_when: String,
    age: String,
    history: Vec<EventLine>,
    colleagues: Vec<Colleague>,
    sessions: Vec<SessionChoice>,
    pass_choices: Vec<PassChoice>,
    accept: Form,
    accept_error: Option<String>,
    decline: Form,
    pass: Form,
    pass_error: Option<String>,
    propose: Form,
    question: Form,
    problem: Option<String>,
    notice: Option<String>,
}

impl AnswerPage {
    pub fn is_open(&self) -> bool {
        self.inv.status == Status::Open
    }
    pub fn is_accepted(&self) -> bool {
        self.inv.status == Status::Accepted
    }
    pub fn can_ask(&self) -> bool {
        matches!(
            self.inv.status,
            Status::Open | Status::Proposed | Status::Accepted
        )
    }
}

fn forms(f: &Frame, input: &Fields) -> (Form, Form, Form, Form, Form) {
    let tr = &f.tr;
    let accept = Form::new(vec![
        Field::new(tr, "note", "textarea", "inv-field-note")
            .value(input.get("note"))
            .optional(),
    ])
    .prefixed("accept");
    let decline = Form::new(vec![
        Field::new(tr, "reason", "textarea", "inv-field-reason")
            .value(input.get("reason"))
            .hint(tr, "inv-field-reason-hint"),
    ])
    .prefixed("decline");
    let pass = Form::new(vec![
        Field::new(tr, "note", "textarea", "inv-field-pass-note")
            .value(input.get("note"))
            .optional(),
    ])
    .prefixed("pass");
    let propose = Form::new(vec![
        Field::new(tr, "date", "date", "inv-field-date").value(input.get("date")),
        Field::new(tr, "start", "time", "inv-field-start").value(input.get("start")),
        Field::new(tr, "end", "time", "inv-field-end").value(input.get("end")),
        Field::new(tr, "note", "textarea", "inv-field-note")
            .value(input.get("note"))
            .optional(),
    ])
    .prefixed("propose");
    let question = Form::new(vec![
        Field::new(tr, "text", "textarea", "inv-field-question").value(input.get("text")),
    ])
    .prefixed("question");
    (accept, decline, pass, propose, question)
}

/// Which action's form to draw with errors (the others are drawn blank).
enum Shown {
    None,
    Accept(Form, Option<String>),
    Decline(Form),
    Pass(Form, Option<String>),
    Propose(Form),
    Question(Form),
}

async fn render(
    state: &AppState,
    f: Frame,
    user: &CurrentUser,
    inv: Invitation,
    shown: Shown,
    problem: Option<String>,
    notice: Option<String>,
) -> Result<AnswerPage, AppError> {
    let mut conn = state.db.acquire().await?;
    let tr = &f.tr;
    let now = state.clock.now();
    let code = inv.municipality_code.clone().unwrap_or_default();
    let coming = sqlx::query_scalar!(
        r#"SELECT role_id AS "role!" FROM registrations
           WHERE invitation_id = $1 AND role_id IS NOT NULL AND status IN ('registered', 'waitlisted')"#,
        inv.id
    )
    .fetch_all(&mut *conn)
    .await?;
    let colleagues = sqlx::query!(
        r#"SELECT DISTINCT ON (u.id) r.id, r.user_id, u.name, r.kind::text AS "kind!", r.title, r.party
           FROM roles r JOIN users u ON u.id = r.user_id
           WHERE r.municipality_code = $1 AND r.status = 'approved' AND u.deleted_at IS NULL
           ORDER BY u.id, r.kind"#,
        code
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut colleagues: Vec<Colleague> = colleagues
        .into_iter()
        .map(|c| {
            let role = crate::registrations::role_label(tr, &c.kind, &c.title, &c.party);
            let me = c.user_id == user.id;
            Colleague {
                checked: coming.contains(&c.id) || (me && coming.is_empty()),
                role: c.id,
                label: if me {
                    tr.t1("inv-accept-me", "role", &role)
                } else {
                    format!("{} ({role})", c.name)
                },
            }
        })
        .collect();
    colleagues.sort_by_key(|c| !c.checked);
    let sessions = crate::salons::details(&mut *conn, inv.salon_id)
        .await?
        .sessions
        .into_iter()
        .filter(|s| s.starts_at > now)
        .map(|s| SessionChoice {
            id: s.id,
            when: crate::salons::session_when(tr, s.starts_at, s.ends_at),
            checked: true,
        })
        .collect();
    let units = sqlx::query!(
        r#"SELECT id, name FROM units WHERE municipality_code = $1 AND archived_at IS NULL
           ORDER BY kind, name"#,
        code
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut pass_choices: Vec<PassChoice> = units
        .into_iter()
        .filter(|u| Some(u.id) != inv.holder_unit_id)
        .map(|u| PassChoice {
            value: format!("unit:{}", u.id),
            label: u.name,
        })
        .collect();
    let people = sqlx::query!(
        r#"SELECT DISTINCT u.id, u.name FROM roles r JOIN users u ON u.id = r.user_id
           WHERE r.municipality_code = $1 AND r.status = 'approved' AND u.deleted_at IS NULL
           ORDER BY u.name"#,
        code
    )
    .fetch_all(&mut *conn)
    .await?;
    pass_choices.extend(
        people
            .into_iter()
            .filter(|p| Some(p.id) != inv.holder_user_id)
            .map(|p| PassChoice {
                value: format!("person:{}", p.id),
                label: p.name,
            }),
    );
    let history = super::history(&mut conn, tr, &[inv.id])
        .await?
        .remove(&inv.id)
        .unwrap_or_default();
    let (mut accept, mut decline, mut pass, mut propose, mut question) =
        forms(&f, &Fields(Vec::new()));
    let (mut accept_error, mut pass_error) = (None, None);
    match shown {
        Shown::None => {}
        Shown::Accept(form, e) => {
            accept = form;
            accept_error = e;
        }
        Shown::Decline(form) => decline = form,
        Shown::Pass(form, e) => {
            pass = form;
            pass_error = e;
        }
        Shown::Propose(form) => propose = form,
        Shown::Question(form) => question = form,
    }
    Ok(AnswerPage {
        holder: inv.holder_in(tr),
        salon_when: inv
            .salon_first_start
            .map(|s| tr.datetime(s))
            .unwrap_or_default(),
        age: super::ago(tr, now, inv.sent_at),
        history,
        colleagues,
        sessions,
        pass_choices,
        accept,
        accept_error,
        decline,
        pass,
        pass_error,
        propose,
        question,
        problem,
        notice,
        inv,
        f,
    })
}

async fn load(state: &AppState, raw: &str) -> Result<Invitation, AppError> {
    let id = Uuid::parse_str(raw).map_err(|_| AppError::NotFound)?;
    let mut conn = state.db.acquire().await?;
    super::load(&mut conn, id).await
}

fn actor(user: &CurrentUser) -> Actor {
    Actor {
        user: Some(user.id),
        name: user.name.clone(),
    }
}

const DONE: [&str; 6] = [
    "accepted",
    "declined",
    "passed-on",
    "proposed",
    "question",
    "attendees",
];

/// `GET /inbox/{invitation}`.
pub async fn page(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    Path(invitation): Path<String>,
    Query(q): Query<DoneQuery>,
) -> Result<Response, AppError> {
    let inv = load(&state, &invitation).await?;
    let notice = q
        .done
        .filter(|d| DONE.contains(&d.as_str()))
        .map(|d| f.tr.t(&format!("inv-answer-done-{d}")));
    let page = render(&state, f, &user, inv, Shown::None, None, notice).await?;
    Ok(Page(page).into_response())
}

/// The page again with `problem` ("Kollega X svarede for 2 minutter siden").
async fn too_late(
    state: &AppState,
    f: Frame,
    user: &CurrentUser,
    id: Uuid,
    outcome: Outcome,
) -> Result<Response, AppError> {
    let Outcome::TooLate { by, at, status } = outcome else {
        return Ok(Redirect::to(&format!("/inbox/{id}")).into_response());
    };
    let when = at
        .map(|at| super::ago(&f.tr, state.clock.now(), at))
        .unwrap_or_default();
    let problem = match status {
        Status::Withdrawn => f.tr.t("inv-error-withdrawn"),
        _ if by.is_empty() => f.tr.t1("inv-error-answered-anon", "ago", &when),
        _ => f.tr.t_args(
            "inv-error-answered",
            &[("name", by.into()), ("ago", when.into())],
        ),
    };
    let inv = load(state, &id.to_string()).await?;
    let page = render(state, f, user, inv, Shown::None, Some(problem), None).await?;
    Ok((StatusCode::CONFLICT, Page(page)).into_response())
}

fn done(id: Uuid, what: &str) -> Response {
    Redirect::to(&format!("/inbox/{id}?done={what}")).into_response()
}

/// The roles checked as coming, each an approved role of the invitation's municipality.
async fn comers(
    state: &AppState,
    inv: &Invitation,
    input: &Fields,
) -> Result<Option<Vec<Comer>>, AppError> {
    let mut out = Vec::new();
    for raw in input.all("comers") {
        let Ok(role) = Uuid::parse_str(raw) else {
            return Ok(None);
        };
        let user = sqlx::query_scalar!(
            r#"SELECT r.user_id FROM roles r JOIN users u ON u.id = r.user_id
               WHERE r.id = $1 AND r.municipality_code = $2 AND r.status = 'approved'
                 AND u.deleted_at IS NULL"#,
            role,
            inv.municipality_code
        )
        .fetch_optional(&state.db)
        .await?;
        match user {
            Some(user) => out.push(Comer::Member { user, role }),
            None => return Ok(None),
        }
    }
    Ok(Some(out))
}

/// `POST /inbox/{invitation}/accept`.
pub async fn accept(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    Path(invitation): Path<String>,
    body: Bytes,
) -> Result<Response, AppError> {
    let inv = load(&state, &invitation).await?;
    let input = Fields::parse(&body);
    let (mut form, ..) = forms(&f, &input);
    let note = form
        .field("note")
        .check(&f.tr, values::parse_note(input.get("note")));
    let comers = comers(&state, &inv, &input).await?;
    let sessions: Option<Vec<Uuid>> = input
        .all("sessions")
        .into_iter()
        .map(|s| Uuid::parse_str(s).ok())
        .collect();
    let error = match (&comers, &sessions) {
        (None, _) | (_, None) => Some(f.tr.t("inv-error-comers-invalid")),
        (Some(c), _) if c.is_empty() => Some(f.tr.t("inv-error-comers-missing")),
        // The session boxes are drawn only for salons with several sessions.
        (_, Some(s)) if s.is_empty() && !input.get("sessions_shown").is_empty() => {
            Some(f.tr.t("inv-error-sessions-missing"))
        }
        _ => None,
    };
    let (Some(note), Some(comers), Some(sessions), None) = (note, comers, sessions, &error) else {
        let page = render(
            &state,
            f,
            &user,
            inv,
            Shown::Accept(form, error),
            None,
            None,
        )
        .await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, Page(page)).into_response());
    };
    let mut tx = state.db.begin().await?;
    let outcome = actions::accept(
        &mut tx,
        &state,
        &inv,
        &actor(&user),
        &comers,
        &sessions,
        &note,
    )
    .await?;
    tx.commit().await?;
    match outcome {
        Outcome::Done => Ok(done(inv.id, "accepted")),
        other => too_late(&state, f, &user, inv.id, other).await,
    }
}

/// `POST /inbox/{invitation}/attendees`: who comes, changed after accepting.
pub async fn attendees(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    Path(invitation): Path<String>,
    body: Bytes,
) -> Result<Response, AppError> {
    let inv = load(&state, &invitation).await?;
    let input = Fields::parse(&body);
    let comers = match comers(&state, &inv, &input).await? {
        Some(c) if !c.is_empty() => c,
        _ => {
            let (form, ..) = forms(&f, &input);
            let error = Some(f.tr.t("inv-error-comers-missing"));
            let page = render(
                &state,
                f,
                &user,
                inv,
                Shown::Accept(form, error),
                None,
                None,
            )
            .await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, Page(page)).into_response());
        }
    };
    let mut tx = state.db.begin().await?;
    let outcome = actions::change_attendees(&mut tx, &state, &inv, &actor(&user), &comers).await?;
    tx.commit().await?;
    match outcome {
        Outcome::Done => Ok(done(inv.id, "attendees")),
        other => too_late(&state, f, &user, inv.id, other).await,
    }
}

/// `POST /inbox/{invitation}/decline`.
pub async fn decline(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    Path(invitation): Path<String>,
    body: Bytes,
) -> Result<Response, AppError> {
    let inv = load(&state, &invitation).await?;
    let input = Fields::parse(&body);
    let (_, mut form, ..) = forms(&f, &input);
    let Some(reason) = form
        .field("reason")
        .check(&f.tr, values::parse_reason(input.get("reason")))
    else {
        let page = render(&state, f, &user, inv, Shown::Decline(form), None, None).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, Page(page)).into_response());
    };
    let mut tx = state.db.begin().await?;
    let outcome = actions::decline(&mut tx, &state, &inv, &actor(&user), &reason).await?;
    tx.commit().await?;
    match outcome {
        Outcome::Done => Ok(done(inv.id, "declined")),
        other => too_late(&state, f, &user, inv.id, other).await,
    }
}

/// `POST /inbox/{invitation}/pass-on`.
pub async fn pass_on(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    Path(invitation): Path<String>,
    body: Bytes,
) -> Result<Response, AppError> {
    let inv = load(&state, &invitation).await?;
    let input = Fields::parse(&body);
    let (_, _, mut form, ..) = forms(&f, &input);
    let note = form
        .field("note")
        .check(&f.tr, values::parse_note(input.get("note")));
    let to = match input.get("to").split_once(':') {
        Some(("unit", id)) => Uuid::parse_str(id).ok().map(PassTo::Unit),
        Some(("person", id)) => Uuid::parse_str(id).ok().map(PassTo::Person),
        _ => None,
    };
    let refuse = |form: Form, f: Frame, inv: Invitation| {
        let state = state.clone();
        let user = user.clone();
        async move {
            let error = Some(f.tr.t("inv-error-pass-target"));
            let page = render(&state, f, &user, inv, Shown::Pass(form, error), None, None).await?;
            Ok::<_, AppError>((StatusCode::UNPROCESSABLE_ENTITY, Page(page)).into_response())
        }
    };
    let (Some(note), Some(to)) = (note, to) else {
        return refuse(form, f, inv).await;
    };
    let mut tx = state.db.begin().await?;
    let outcome = actions::pass_on(&mut tx, &state, &inv, &actor(&user), to, &note).await?;
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
    Path(invitation): Path<String>,
    body: Bytes,
) -> Result<Response, AppError> {
    let inv = load(&state, &invitation).await?;
    let input = Fields::parse(&body);
    let (_, _, _, mut form, _) = forms(&f, &input);
    let note = form
        .field("note")
        .check(&f.tr, values::parse_note(input.get("note")));
    let times = match SessionTimes::parse(input.get("date"), input.get("start"), input.get("end")) {
        Ok(t) if t.starts_at <= state.clock.now() => {
            form.field("date").fail(&f.tr, "inv-error-time-past");
            None
        }
        Ok(t) => Some(t),
        Err(SessionError::Date(e)) => form.field("date").check(&f.tr, Err(e)),
        Err(SessionError::Start(e)) => form.field("start").check(&f.tr, Err(e)),
        Err(SessionError::End(e)) => form.field("end").check(&f.tr, Err(e)),
    };
    let session = Uuid::parse_str(input.get("session")).ok();
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
            form.field("date").fail(&f.tr, "inv-error-session-missing");
        }
        let page = render(&state, f, &user, inv, Shown::Propose(form), None, None).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, Page(page)).into_response());
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
        &note,
    )
    .await?;
    tx.commit().await?;
    match outcome {
        Outcome::Done => Ok(done(inv.id, "proposed")),
        other => too_late(&state, f, &user, inv.id, other).await,
    }
}

/// `POST /inbox/{invitation}/question`.
pub async fn question(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    Path(invitation): Path<String>,
    body: Bytes,
) -> Result<Response, AppError> {
    let inv = load(&state, &invitation).await?;
    let input = Fields::parse(&body);
    let (.., mut form) = forms(&f, &input);
    let Some(text) = form
        .field("text")
        .check(&f.tr, values::parse_thread_text(input.get("text")))
    else {
        let page = render(&state, f, &user, inv, Shown::Question(form), None, None).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, Page(page)).into_response());
    };
    let mut tx = state.db.begin().await?;
    let outcome = actions::question(&mut tx, &state, &inv, &actor(&user), &text).await?;
    tx.commit().await?;
    match outcome {
        Outcome::Done => Ok(done(inv.id, "question")),
        other => too_late(&state, f, &user, inv.id, other).await,
    }
}
