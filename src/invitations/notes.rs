//! Internal notes on an invitation ("Jeg tjekker med vejafdelingen"): the municipality's own
//! working notes. Read and written only by those who answer for the invitation and the
//! municipality's admins ([`super::INVITATION_INSIDER`]); never shown in public or to the
//! hosts. Those who answer see them on the invitation itself; the admins on
//! `/inbox/{invitation}/notes`.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use sqlx::PgConnection;
use uuid::Uuid;

use super::{InsiderInvitation, Invitation, values};
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::forms::{Field, Form, ListForm};
use crate::web::i18n::Tr;
use crate::web::{DoneQuery, Frame, Page};

/// One note as shown.
pub struct NoteLine {
    pub author: String,
    pub when: String,
    pub body: String,
}

/// The notes of invitation `id`, oldest first, in one query.
pub(super) async fn of(
    conn: &mut PgConnection,
    tr: &Tr,
    id: Uuid,
) -> Result<Vec<NoteLine>, AppError> {
    let rows = sqlx::query!(
        "SELECT author_name, body, at FROM invitation_notes WHERE invitation_id = $1 ORDER BY seq",
        id
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| NoteLine {
            // An author who deleted their account is no longer named.
            author: if r.author_name.is_empty() {
                tr.t("salon-deleted-user")
            } else {
                r.author_name
            },
            when: tr.datetime(r.at),
            body: r.body,
        })
        .collect())
}

/// The form to write a note.
pub(super) fn form(tr: &Tr, body: &str) -> Form {
    Form::new(vec![
        Field::new(tr, "body", "textarea", "inv-field-internal-note")
            .value(body)
            .hint(tr, "inv-field-internal-note-hint"),
    ])
    .prefixed("note")
}

#[derive(Template)]
#[template(path = "invitations/notes.html")]
pub struct NotesPage {
    f: Frame,
    inv: Invitation,
    holder: String,
    notes: Vec<NoteLine>,
    note: Form,
    answers: bool,
    notice: Option<String>,
    /// Who has it and since when, for the municipality's admins, who may put it back.
    claim: Option<crate::web::markup::Isolated>,
}

impl NotesPage {
    /// Who had it when the page was drawn, for the release form.
    pub fn claimed_by(&self) -> String {
        self.inv
            .claimed_by
            .map(|u| u.to_string())
            .unwrap_or_default()
    }
}

/// What the note form posts.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct NoteInput {
    body: String,
}

async fn render(
    state: &AppState,
    f: Frame,
    insider: InsiderInvitation,
    note: Form,
    notice: Option<String>,
) -> Result<NotesPage, AppError> {
    let mut conn = state.db.acquire().await?;
    let notes = of(&mut conn, &f.tr, insider.inv.id).await?;
    // Only an admin reaches this page without answering the invitation: they organise the
    // unit's work and may put a claim back. Those who answer see the claim on the answer page.
    let claim = match (&insider.inv.claimed_name, insider.inv.claimed_at) {
        (Some(name), Some(at)) if !insider.answers && insider.inv.status.is_live() => {
            Some(crate::web::markup::Isolated(f.tr.t_args(
                "inv-claim-held",
                &[
                    ("name", crate::web::markup::name(name).into()),
                    ("since", f.tr.date(at).into()),
                ],
            )))
        }
        _ => None,
    };
    Ok(NotesPage {
        claim,
        holder: insider.inv.holder_in(&f.tr),
        inv: insider.inv,
        answers: insider.answers,
        notes,
        note,
        notice,
        f,
    })
}

/// `GET /inbox/{invitation}/notes`.
pub async fn page(
    State(state): State<AppState>,
    f: Frame,
    insider: InsiderInvitation,
    Query(q): Query<DoneQuery>,
) -> Result<Response, AppError> {
    let notice = crate::web::done_notice(
        &f.tr,
        "inv-answer",
        q.done.as_deref(),
        &["noted", "released"],
    );
    let note = form(&f.tr, "");
    Ok(Page(render(&state, f, insider, note, notice).await?).into_response())
}

/// `POST /inbox/{invitation}/notes`: back to the invitation for those who answer it, else to
/// the notes page.
pub async fn add(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    insider: InsiderInvitation,
    ListForm(input): ListForm<NoteInput>,
) -> Result<Response, AppError> {
    let mut note = form(&f.tr, &input.body);
    let Some(body) = note.check("body", &f.tr, values::parse_internal_note(&input.body)) else {
        return Ok(Page::invalid(render(&state, f, insider, note, None).await?));
    };
    sqlx::query!(
        r#"INSERT INTO invitation_notes (id, invitation_id, author_id, author_name, body, at)
           VALUES ($1, $2, $3, $4, $5, $6)"#,
        Uuid::new_v4(),
        insider.inv.id,
        user.id,
        user.name,
        body.as_str(),
        state.clock.now()
    )
    .execute(&state.db)
    .await?;
    let id = insider.inv.id;
    let to = match insider.answers {
        true => format!("/inbox/{id}?done=noted#notes-heading"),
        false => format!("/inbox/{id}/notes?done=noted"),
    };
    Ok(Redirect::to(&to).into_response())
}
