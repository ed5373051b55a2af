//! One invitation in the inbox, `/inbox/{invitation}`: its facts, history and the answer
//! forms ([`super::respond`] takes them). Opening the page (from an email, say) changes
//! nothing; only a form does.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use uuid::Uuid;

use super::AnswerableInvitation;
use super::actions::{Actor, Outcome};
use super::{EventLine, Invitation, Status};
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::forms::{self, Field, Form};
use crate::web::markup::{self, Isolated};
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

/// Another invitation of the same salon that concerns the person: one they may answer too, or
/// one they come through ("Jens Hansen er allerede inviteret via Teknik og Miljø").
pub struct Other {
    pub inv: Invitation,
    /// They may answer it (they hold it, or answer for its unit).
    pub answerable: bool,
    /// They are registered through it.
    pub coming: bool,
}

/// An [`Other`] as the page shows it.
pub struct OtherLine {
    pub id: Uuid,
    pub text: String,
    /// Open and theirs to answer: one answer may settle it too.
    pub settle: bool,
    pub holder: String,
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
    /// May name who answered first, isolated (`<bdi>`).
    problem: Option<Isolated>,
    notice: Option<String>,
    others: Vec<OtherLine>,
    /// The salon has not begun: an answer may still be changed.
    ahead: bool,
    /// Who handles it and since when ("Olga Hansen har den siden 3. december 2026"), isolated.
    claim: Option<Isolated>,
    /// The colleagues who may answer it too, to hand it to.
    hand_to: Vec<PassChoice>,
    /// The viewer may put the claim back: they hold it, or they are the municipality's admin.
    may_release: bool,
    /// The municipality's internal notes on it, and the form for another.
    notes: Vec<super::notes::NoteLine>,
    note: Form,
}

impl AnswerPage {
    pub fn is_open(&self) -> bool {
        self.inv.status == Status::Open
    }
    pub fn is_accepted(&self) -> bool {
        self.inv.status == Status::Accepted
    }
    /// The accept form: a first answer, or a "no" changed to "yes" while the salon is ahead.
    pub fn can_accept(&self) -> bool {
        self.is_open() || (self.inv.status == Status::Declined && self.ahead)
    }
    /// The decline form: a first answer, or a "yes" changed to "no" while the salon is ahead.
    pub fn can_decline(&self) -> bool {
        self.is_open() || (self.is_accepted() && self.ahead)
    }
    /// The status the forms say the person saw, so a stale form fails.
    pub fn seen(&self) -> &'static str {
        self.inv.status.as_str()
    }
    /// Other open invitations one answer may settle too.
    pub fn settles(&self) -> Vec<&OtherLine> {
        self.others.iter().filter(|o| o.settle).collect()
    }
    /// Open for work: it can be claimed and handed over.
    pub fn is_live(&self) -> bool {
        self.inv.status.is_live()
    }
    /// Who had it when the page was drawn, for the hand-over form.
    pub fn claimed_by(&self) -> String {
        self.inv
            .claimed_by
            .map(|u| u.to_string())
            .unwrap_or_default()
    }
    pub fn can_ask(&self) -> bool {
        self.inv.may_write(super::Writer::Answerer)
    }
}

/// What the answer forms on `/inbox/{invitation}` post; each form sends some of it.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct AnswerInput {
    pub note: String,
    pub reason: String,
    /// Where to pass the invitation on: `unit:{id}` or `person:{id}`.
    pub to: String,
    pub date: String,
    pub start: String,
    pub end: String,
    pub session: String,
    pub text: String,
    /// The status the person saw when answering (see [`super::actions::seen_for`]).
    pub seen: String,
    /// Set when the session boxes were drawn (salons with several sessions).
    pub sessions_shown: String,
    /// The roles checked as coming.
    #[serde(deserialize_with = "forms::many")]
    pub comers: Vec<String>,
    #[serde(deserialize_with = "forms::many")]
    pub sessions: Vec<String>,
    /// The other invitations of the salon to answer the same way.
    #[serde(deserialize_with = "forms::many")]
    pub also: Vec<String>,
}

/// The answer forms of an invitation, as drawn.
pub(super) struct AnswerForms {
    pub accept: Form,
    pub decline: Form,
    pub pass: Form,
    pub propose: Form,
    pub question: Form,
}

pub(super) fn forms(f: &Frame, input: &AnswerInput) -> AnswerForms {
    let tr = &f.tr;
    let accept = Form::new(vec![
        Field::new(tr, "note", "textarea", "inv-field-note")
            .value(&input.note)
            .optional(),
    ])
    .prefixed("accept");
    let decline = Form::new(vec![
        Field::new(tr, "reason", "textarea", "inv-field-reason")
            .value(&input.reason)
            .hint(tr, "inv-field-reason-hint"),
    ])
    .prefixed("decline");
    let pass = Form::new(vec![
        Field::new(tr, "note", "textarea", "inv-field-pass-note")
            .value(&input.note)
            .optional(),
    ])
    .prefixed("pass");
    let propose = Form::new(vec![
        Field::new(tr, "date", "date", "inv-field-date").value(&input.date),
        Field::new(tr, "start", "time", "inv-field-start").value(&input.start),
        Field::new(tr, "end", "time", "inv-field-end").value(&input.end),
        Field::new(tr, "note", "textarea", "inv-field-note")
            .value(&input.note)
            .optional(),
    ])
    .prefixed("propose");
    let question = Form::new(vec![
        Field::new(tr, "text", "textarea", "inv-field-question").value(&input.text),
    ])
    .prefixed("question");
    AnswerForms {
        accept,
        decline,
        pass,
        propose,
        question,
    }
}

/// Which action's form to draw with errors (the others are drawn blank).
pub(super) enum Shown {
    None,
    Accept(Form, Option<String>),
    Decline(Form),
    Pass(Form, Option<String>),
    Propose(Form),
    Question(Form),
}

/// The other invitations of `inv`'s salon that concern `user`: theirs to answer, or the one
/// they come through. Two queries: which concern them, then the salon's invitations.
pub(super) async fn others(
    conn: &mut sqlx::PgConnection,
    user: &CurrentUser,
    inv: &Invitation,
) -> Result<Vec<Other>, AppError> {
    let concern = sqlx::query!(
        r#"SELECT i.id,
                  EXISTS (SELECT 1 FROM invitation_answerers a
                          WHERE a.invitation_id = i.id AND a.user_id = $3) AS "answerable!",
                  EXISTS (SELECT 1 FROM registrations r
                          WHERE r.invitation_id = i.id AND r.user_id = $3
                            AND r.status IN ('registered', 'waitlisted')) AS "coming!"
           FROM invitations i
           WHERE i.salon_id = $1 AND i.id <> $2 AND i.status <> 'withdrawn'
             AND i.target <> 'email'"#,
        inv.salon_id,
        inv.id,
        user.id
    )
    .fetch_all(&mut *conn)
    .await?;
    let concern: Vec<_> = concern
        .into_iter()
        .filter(|c| c.answerable || c.coming)
        .collect();
    if concern.is_empty() {
        return Ok(Vec::new());
    }
    Ok(super::of_salon(conn, inv.salon_id)
        .await?
        .into_iter()
        .filter_map(|i| {
            let c = concern.iter().find(|c| c.id == i.id)?;
            Some(Other {
                answerable: c.answerable,
                coming: c.coming,
                inv: i,
            })
        })
        .collect())
}

/// Where another invitation stands, in the public's words.
fn other_state(
    tr: &crate::web::i18n::Tr,
    inv: &Invitation,
    now: chrono::DateTime<chrono::Utc>,
) -> String {
    match inv.status {
        Status::Accepted => tr.t("inv-public-accepted"),
        Status::Declined => tr.t1("inv-public-declined", "reason", &inv.decline_reason),
        Status::Proposed => tr.t("inv-public-proposed"),
        _ => tr.count("inv-public-open", super::age_days(now, inv.sent_at)),
    }
}

pub(super) async fn render(
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
    let others = others(&mut conn, user, &inv)
        .await?
        .into_iter()
        .map(|o| {
            let holder = o.inv.holder_in(tr);
            let mut text = format!("{holder}: {}", other_state(tr, &o.inv, now));
            if o.coming {
                text.push_str(&format!(" · {}", tr.t("inv-other-you-come")));
            }
            OtherLine {
                id: o.inv.id,
                settle: o.answerable && o.inv.status == Status::Open,
                holder,
                text,
            }
        })
        .collect();
    let ahead = inv.salon_status == "published" && inv.salon_first_start.is_some_and(|s| s > now);
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
    // Accepted: the boxes show the sessions chosen, and changing them moves everyone coming.
    let chosen = if inv.status == Status::Accepted {
        super::actions::chosen_sessions(&mut conn, inv.id).await?
    } else {
        Vec::new()
    };
    let sessions = crate::salons::details(&mut *conn, inv.salon_id)
        .await?
        .sessions
        .into_iter()
        .filter(|s| s.starts_at > now)
        .map(|s| SessionChoice {
            id: s.id,
            when: crate::salons::session_when(tr, s.starts_at, s.ends_at),
            checked: chosen.is_empty() || chosen.contains(&s.id),
        })
        .collect();
    // Where it can be passed on (the municipality's units, then its people) and which of the
    // people may answer it too (to hand it to), in one query: units in their kind's order,
    // people by name.
    let targets = sqlx::query!(
        r#"SELECT t.unit AS "unit!", t.id AS "id!", t.name AS "name!", t.answers AS "answers!"
           FROM (SELECT true AS unit, id, name, false AS answers,
                        row_number() OVER (ORDER BY kind, name) AS pos
                 FROM units WHERE municipality_code = $1 AND archived_at IS NULL
                 UNION ALL
                 SELECT false, p.id, p.name, p.answers, row_number() OVER (ORDER BY p.name)
                 FROM (SELECT DISTINCT u.id, u.name,
                              EXISTS (SELECT 1 FROM invitation_answerers a
                                      WHERE a.invitation_id = $2 AND a.user_id = u.id) AS answers
                       FROM roles r JOIN users u ON u.id = r.user_id
                       WHERE r.municipality_code = $1 AND r.status = 'approved'
                         AND u.deleted_at IS NULL) p) t
           ORDER BY t.unit DESC, t.pos"#,
        code,
        inv.id
    )
    .fetch_all(&mut *conn)
    .await?;
    let hand_to = targets
        .iter()
        .filter(|p| !p.unit && p.answers && Some(p.id) != inv.claimed_by)
        .map(|p| PassChoice {
            value: p.id.to_string(),
            label: if p.id == user.id {
                tr.t("inv-claim-me")
            } else {
                p.name.clone()
            },
        })
        .collect();
    let pass_choices: Vec<PassChoice> = targets
        .into_iter()
        .filter_map(|t| match t.unit {
            true if Some(t.id) != inv.holder_unit_id => Some(PassChoice {
                value: format!("unit:{}", t.id),
                label: t.name,
            }),
            false if Some(t.id) != inv.holder_user_id => Some(PassChoice {
                value: format!("person:{}", t.id),
                label: t.name,
            }),
            _ => None,
        })
        .collect();
    let claim = match (&inv.claimed_name, inv.claimed_at) {
        (Some(name), Some(at)) if inv.status.is_live() => Some(Isolated(tr.t_args(
            "inv-claim-held",
            &[
                ("name", markup::name(name).into()),
                ("since", tr.date(at).into()),
            ],
        ))),
        _ => None,
    };
    let may_release = match inv.claimed_by {
        Some(holder) if inv.status.is_live() => {
            holder == user.id || super::claims::is_admin(&mut conn, &inv, user.id).await?
        }
        _ => false,
    };
    let history = super::history(&mut conn, tr, &[inv.id], super::Reader::Answerer)
        .await?
        .remove(&inv.id)
        .unwrap_or_default();
    let notes = super::notes::of(&mut conn, tr, inv.id).await?;
    let AnswerForms {
        mut accept,
        mut decline,
        mut pass,
        mut propose,
        mut question,
    } = forms(&f, &AnswerInput::default());
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
        problem: problem.map(Isolated),
        notice,
        others,
        ahead,
        claim,
        hand_to,
        may_release,
        notes,
        note: super::notes::form(tr, ""),
        inv,
        f,
    })
}

/// The invitation as it is now, after an answer that came too late changed nothing here but
/// someone else's answer did.
async fn reload(state: &AppState, id: Uuid) -> Result<Invitation, AppError> {
    let mut conn = state.db.acquire().await?;
    super::load(&mut conn, id).await
}

pub(super) fn actor(user: &CurrentUser) -> Actor {
    Actor {
        user: Some(user.id),
        name: user.name.clone(),
    }
}

const DONE: [&str; 10] = [
    "claimed",
    "released",
    "noted",
    "handed-over",
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
    AnswerableInvitation(inv): AnswerableInvitation,
    Query(q): Query<DoneQuery>,
) -> Result<Response, AppError> {
    let notice = crate::web::done_notice(&f.tr, "inv-answer", q.done.as_deref(), &DONE);
    let page = render(&state, f, &user, inv, Shown::None, None, notice).await?;
    Ok(Page(page).into_response())
}

/// The page again with `problem` ("Kollega X svarede for 2 minutter siden").
pub(super) async fn too_late(
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
            &[("name", markup::name(&by).into()), ("ago", when.into())],
        ),
    };
    let inv = reload(state, id).await?;
    let page = render(state, f, user, inv, Shown::None, Some(problem), None).await?;
    Ok((StatusCode::CONFLICT, Page(page)).into_response())
}

/// The page again, 409: the salon has begun, so the answer stands.
pub(super) async fn locked(
    state: &AppState,
    f: Frame,
    user: &CurrentUser,
    id: Uuid,
) -> Result<Response, AppError> {
    let problem = Some(f.tr.t("inv-error-answer-locked"));
    let inv = reload(state, id).await?;
    let page = render(state, f, user, inv, Shown::None, problem, None).await?;
    Ok((StatusCode::CONFLICT, Page(page)).into_response())
}

/// After an answer: back to the invitation with `what` confirmed, or the page telling who was
/// first.
pub(super) async fn conclude(
    state: &AppState,
    f: Frame,
    user: &CurrentUser,
    id: Uuid,
    outcome: Outcome,
    what: &str,
) -> Result<Response, AppError> {
    match outcome {
        Outcome::Done => Ok(Redirect::to(&format!("/inbox/{id}?done={what}")).into_response()),
        other => too_late(state, f, user, id, other).await,
    }
}
