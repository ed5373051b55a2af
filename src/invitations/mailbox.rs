//! Answering by an emailed link, for a unit or municipality with no one on Medspil yet:
//! `/invitations/answer/{token}` shows the invitation with three forms — accept naming who
//! comes, decline with a reason, ask the hosts a question — and no account is needed. Opening
//! the link changes nothing; accepting or declining uses it up. `/invitations/stop/{token}`
//! puts the address on the list of addresses Medspil never sends invitations to.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use serde::Deserialize;

use super::actions::{self, Actor, Comer, Outcome};
use super::mails::{ANSWER, STOP};
use super::{EventLine, Invitation, Status, values};
use crate::domain::{Line, PersonName};
use crate::error::AppError;
use crate::state::AppState;
use crate::tokens;
use crate::web::forms::{Field, Form, ListForm};
use crate::web::{Frame, Page};

/// What an answer by link says besides the name: who comes, why not, or what is asked.
enum Detail {
    Names(Vec<Line<100>>),
    Reason(values::Message),
    Question(values::ThreadText),
}

#[derive(Template)]
#[template(path = "invitations/mailbox.html")]
pub struct MailboxPage {
    f: Frame,
    inv: Invitation,
    holder: String,
    salon_when: String,
    history: Vec<EventLine>,
    token: String,
    accept: Form,
    decline: Form,
    question: Form,
    problem: Option<String>,
    notice: Option<String>,
}

impl MailboxPage {
    pub fn is_open(&self) -> bool {
        self.inv.status == Status::Open
    }
    pub fn can_ask(&self) -> bool {
        self.inv.may_write(super::Writer::Answerer)
    }
}

/// What the answer by link posts: which answer (`action`), the name, and the answer's text.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct MailboxInput {
    action: String,
    name: String,
    names: String,
    reason: String,
    text: String,
}

/// The three answers by link, as drawn.
struct MailboxForms {
    accept: Form,
    decline: Form,
    question: Form,
}

fn forms(f: &Frame, input: &MailboxInput) -> MailboxForms {
    let tr = &f.tr;
    let name = |_: &str| {
        Field::new(tr, "name", "text", "inv-field-your-name")
            .value(&input.name)
            .autocomplete("name")
            .hint(tr, "inv-field-your-name-hint")
    };
    let accept = Form::new(vec![
        name("accept"),
        Field::new(tr, "names", "textarea", "inv-field-names")
            .value(&input.names)
            .hint(tr, "inv-field-names-hint"),
    ])
    .prefixed("accept");
    let decline = Form::new(vec![
        name("decline"),
        Field::new(tr, "reason", "textarea", "inv-field-reason").value(&input.reason),
    ])
    .prefixed("decline");
    let question = Form::new(vec![
        name("question"),
        Field::new(tr, "text", "textarea", "inv-field-question").value(&input.text),
    ])
    .prefixed("question");
    MailboxForms {
        accept,
        decline,
        question,
    }
}

/// The invitation behind a link that still works.
async fn by_token(state: &AppState, token: &str) -> Result<Option<Invitation>, AppError> {
    let mut conn = state.db.acquire().await?;
    let found = tokens::peek(&mut conn, ANSWER, token, state.clock.now()).await?;
    let Some(id) = found.and_then(|t| t.id("invitation")) else {
        return Ok(None);
    };
    Ok(Some(super::load(&mut conn, id).await?))
}

async fn render(
    state: &AppState,
    f: Frame,
    inv: Invitation,
    token: &str,
    input: Option<(&str, Form)>,
    problem: Option<String>,
    notice: Option<String>,
) -> Result<MailboxPage, AppError> {
    let mut conn = state.db.acquire().await?;
    let history = super::history(&mut conn, &f.tr, &[inv.id], super::Reader::Outside)
        .await?
        .remove(&inv.id)
        .unwrap_or_default();
    let MailboxForms {
        mut accept,
        mut decline,
        mut question,
    } = forms(&f, &MailboxInput::default());
    match input {
        Some(("accept", form)) => accept = form,
        Some(("decline", form)) => decline = form,
        Some((_, form)) => question = form,
        None => {}
    }
    Ok(MailboxPage {
        holder: inv.holder_in(&f.tr),
        salon_when: inv
            .salon_first_start
            .map(|s| f.tr.datetime(s))
            .unwrap_or_default(),
        history,
        token: token.to_string(),
        accept,
        decline,
        question,
        problem,
        notice,
        inv,
        f,
    })
}

/// `GET /invitations/answer/{token}`.
pub async fn page(
    State(state): State<AppState>,
    f: Frame,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let Some(inv) = by_token(&state, &token).await? else {
        return Ok(crate::accounts::link_gone(f));
    };
    let page = render(&state, f, inv, &token, None, None, None).await?;
    Ok(Page(page).into_response())
}

/// `POST /invitations/answer/{token}`: `action` is accept, decline or question.
pub async fn submit(
    State(state): State<AppState>,
    f: Frame,
    Path(token): Path<String>,
    ListForm(input): ListForm<MailboxInput>,
) -> Result<Response, AppError> {
    let Some(inv) = by_token(&state, &token).await? else {
        return Ok(crate::accounts::link_gone(f));
    };
    let mut forms = forms(&f, &input);
    let action = input.action.clone();
    let form = match action.as_str() {
        "accept" => &mut forms.accept,
        "decline" => &mut forms.decline,
        "question" => &mut forms.question,
        _ => return Err(AppError::BadRequest),
    };
    let name = form.check("name", &f.tr, PersonName::parse(&input.name));
    let detail = match action.as_str() {
        "accept" => form
            .check("names", &f.tr, values::parse_names(&input.names))
            .map(Detail::Names),
        "decline" => form
            .check("reason", &f.tr, values::parse_reason(&input.reason))
            .map(Detail::Reason),
        _ => form
            .check("text", &f.tr, values::parse_thread_text(&input.text))
            .map(Detail::Question),
    };
    let (Some(name), Some(detail)) = (name, detail) else {
        let form = form.clone();
        let page = render(&state, f, inv, &token, Some((&action, form)), None, None).await?;
        return Ok(Page::invalid(page));
    };
    let actor = Actor {
        user: None,
        name: name.as_str().to_string(),
    };
    let mut tx = state.db.begin().await?;
    // Answering uses the link up, in the same transaction as the answer.
    if !matches!(detail, Detail::Question(_))
        && tokens::consume(&mut tx, ANSWER, &token, state.clock.now())
            .await?
            .is_none()
    {
        return Ok(crate::accounts::link_gone(f));
    }
    let outcome = match detail {
        Detail::Names(names) => {
            let comers: Vec<Comer> = names.into_iter().map(Comer::Named).collect();
            let acceptance = actions::Acceptance {
                comers: &comers,
                sessions: &[],
                note: "",
                seen: Status::Open,
            };
            actions::accept(&mut tx, &state, &inv, &actor, acceptance).await?
        }
        Detail::Reason(reason) => {
            let reason = reason.as_str();
            actions::decline(&mut tx, &state, &inv, &actor, reason, Status::Open).await?
        }
        Detail::Question(text) => {
            actions::question(&mut tx, &state, &inv, &actor, text.as_str()).await?
        }
    };
    match outcome {
        Outcome::Done => {
            tx.commit().await?;
            let inv = super::load(&mut *state.db.acquire().await?, inv.id).await?;
            let notice = Some(f.tr.t(&format!("inv-mailbox-done-{action}")));
            let page = render(&state, f, inv, &token, None, None, notice).await?;
            Ok(Page(page).into_response())
        }
        Outcome::TooLate { .. } => {
            drop(tx);
            let problem = Some(f.tr.t("inv-error-answered-anon-plain"));
            let page = render(&state, f, inv, &token, None, problem, None).await?;
            Ok((StatusCode::CONFLICT, Page(page)).into_response())
        }
    }
}

#[derive(Template)]
#[template(path = "invitations/stop.html")]
pub struct StopPage {
    f: Frame,
    token: String,
    done: bool,
}

async fn stop_address(state: &AppState, token: &str) -> Result<Option<String>, AppError> {
    let mut conn = state.db.acquire().await?;
    let found = tokens::peek(&mut conn, STOP, token, state.clock.now()).await?;
    Ok(found.and_then(|t| t.text("email").map(str::to_string)))
}

/// `GET /invitations/stop/{token}`: a button, so a mail scanner opening the link stops nothing.
pub async fn stop_page(
    State(state): State<AppState>,
    f: Frame,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    if stop_address(&state, &token).await?.is_none() {
        return Ok(crate::accounts::link_gone(f));
    }
    Ok(Page(StopPage {
        f,
        token,
        done: false,
    })
    .into_response())
}

/// `POST /invitations/stop/{token}`: also the one-click POST of `List-Unsubscribe-Post`.
pub async fn stop(
    State(state): State<AppState>,
    f: Frame,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let Some(address) = stop_address(&state, &token).await? else {
        return Ok(crate::accounts::link_gone(f));
    };
    let now: chrono::DateTime<Utc> = state.clock.now();
    // The address as written and the mailbox it reaches (without a +tag): a stop from
    // victim+x@… stops victim@… and every other tag of that inbox too.
    sqlx::query!(
        r#"INSERT INTO email_suppressions (email, created_at)
           SELECT DISTINCT e, $3::timestamptz FROM unnest(ARRAY[lower($1), $2]) AS e
           ON CONFLICT DO NOTHING"#,
        address,
        crate::domain::untagged(&address),
        now
    )
    .execute(&state.db)
    .await?;
    tracing::info!("an address asked for no more invitations");
    Ok(Page(StopPage {
        f,
        token,
        done: true,
    })
    .into_response())
}
