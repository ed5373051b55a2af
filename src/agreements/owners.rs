//! An agreement's own page, `/agreements/{agreement}` (public when its salon is): what was
//! agreed (and, when the hosts corrected it, every earlier text), its owner, due date, status
//! and timeline; and for its owners the forms to accept it — confirming or setting the due
//! date — or refuse it while proposed, and to update its status with a public note once
//! agreed.

use askama::Template;
use axum::Form as PostForm;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono_tz::Europe::Copenhagen;
use serde::Deserialize;
use uuid::Uuid;

use super::{Agreement, OwnedAgreement, Status, record_update};
use crate::auth::CurrentUser;
use crate::domain::ids::AgreementId;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::corrections::{EarlierVersion, corrected_on};
use crate::web::forms::{Field, Form};
use crate::web::i18n::Tr;
use crate::web::path::Ids;
use crate::web::{DoneQuery, Frame, Page};

/// One update on the timeline.
pub struct UpdateLine {
    pub when: String,
    pub text: String,
    pub note: String,
}

#[derive(Template)]
#[template(path = "agreements/show.html")]
pub struct AgreementPage {
    f: Frame,
    a: Agreement,
    status: String,
    due: Option<String>,
    overdue: bool,
    timeline: Vec<UpdateLine>,
    owner: bool,
    accept: Form,
    refuse: Form,
    update: Form,
    notice: Option<String>,
    /// "rettet 5. december", when the hosts corrected its text.
    corrected: Option<String>,
    earlier: Vec<EarlierVersion>,
}

impl AgreementPage {
    pub fn proposed(&self) -> bool {
        self.a.status == Status::Proposed
    }
    pub fn open(&self) -> bool {
        matches!(self.a.status, Status::Agreed | Status::InProgress)
    }
}

/// The owners' forms: take it (with its due date), refuse it, update it.
pub(super) struct Forms {
    accept: Form,
    refuse: Form,
    update: Form,
}

fn forms(f: &Frame, due: &str, reason: &str, note: &str) -> Forms {
    Forms {
        accept: Form::new(vec![
            Field::new(&f.tr, "due_on", "date", "agr-field-due")
                .value(due)
                .hint(&f.tr, "agr-field-due-confirm-hint")
                .optional(),
        ])
        .prefixed("accept"),
        refuse: Form::new(vec![
            Field::new(&f.tr, "reason", "textarea", "agr-field-reason").value(reason),
        ])
        .prefixed("refuse"),
        update: Form::new(vec![
            Field::new(&f.tr, "note", "textarea", "agr-field-note")
                .value(note)
                .hint(&f.tr, "agr-field-note-hint"),
        ])
        .prefixed("update"),
    }
}

/// Blank forms, the accept form offering the step's proposed due date to confirm or change.
fn blank(f: &Frame, a: &Agreement) -> Forms {
    let due = a.due_on.map(|d| d.to_string()).unwrap_or_default();
    forms(f, &due, "", "")
}

async fn render(
    state: &AppState,
    f: Frame,
    user: Option<&CurrentUser>,
    a: Agreement,
    forms: Forms,
    notice: Option<String>,
) -> Result<AgreementPage, AppError> {
    let rows = sqlx::query!(
        r#"SELECT status::text AS "status!", note, actor_name, at FROM agreement_updates
           WHERE agreement_id = $1 ORDER BY at, seq"#,
        a.id
    )
    .fetch_all(&state.db)
    .await?;
    let tr = &f.tr;
    let timeline = rows
        .into_iter()
        .map(|r| UpdateLine {
            when: tr.datetime(r.at),
            text: tr.t_args(
                "agr-timeline-line",
                &[
                    (
                        "by",
                        if r.actor_name.is_empty() {
                            tr.t("salon-deleted-user")
                        } else {
                            r.actor_name
                        }
                        .into(),
                    ),
                    ("status", Status::from_db(&r.status).label(tr).into()),
                ],
            ),
            note: r.note,
        })
        .collect();
    let owner = match user {
        Some(u) => super::may_act(&state.db, a.id, u.id).await?,
        None => false,
    };
    let today = state.clock.now().with_timezone(&Copenhagen).date_naive();
    let earlier = sqlx::query!(
        r#"SELECT description, replaced_at FROM agreement_versions
           WHERE agreement_id = $1 ORDER BY replaced_at DESC"#,
        a.id
    )
    .fetch_all(&state.db)
    .await?
    .into_iter()
    .map(|v| EarlierVersion::new(tr, v.description, v.replaced_at))
    .collect();
    let corrected = a.corrected_at.map(|at| corrected_on(tr, at));
    let Forms {
        accept,
        refuse,
        update,
    } = forms;
    Ok(AgreementPage {
        corrected,
        earlier,
        accept,
        status: a.status.text(tr, &a.refusal_reason),
        due: a.due_on.map(|d| d.format("%d.%m.%Y").to_string()),
        overdue: a.overdue(today),
        timeline,
        owner,
        refuse,
        update,
        notice,
        a,
        f,
    })
}

/// The agreement, if its salon is one the viewer may see.
async fn visible(
    state: &AppState,
    f: &Frame,
    user: Option<&CurrentUser>,
    id: AgreementId,
) -> Result<Agreement, AppError> {
    let mut conn = state.db.acquire().await?;
    let a = super::load(&mut conn, &f.tr, id.uuid()).await?;
    crate::salons::load_visible(&state.db, a.salon_id, user).await?;
    Ok(a)
}

/// `GET /agreements/{agreement}`.
pub async fn page(
    State(state): State<AppState>,
    f: Frame,
    user: Option<CurrentUser>,
    Ids(id): Ids<AgreementId>,
    Query(q): Query<DoneQuery>,
) -> Result<Response, AppError> {
    let a = visible(&state, &f, user.as_ref(), id).await?;
    let notice = crate::web::done_notice(
        &f.tr,
        "agr",
        q.done.as_deref(),
        &["accepted", "refused", "updated"],
    );
    let forms = blank(&f, &a);
    let page = render(&state, f, user.as_ref(), a, forms, notice).await?;
    Ok(Page(page).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct OwnerInput {
    reason: String,
    note: String,
    status: String,
    due_on: String,
}

/// A change of an agreement's state: allowed only from `from`; a refusal has its `reason`,
/// an acceptance may set the due date (`Some(None)` clears it).
#[derive(Clone, Copy, Debug)]
pub struct Change<'a> {
    pub from: &'a [Status],
    pub to: Status,
    pub note: &'a str,
    pub reason: Option<&'a str>,
    pub due: Option<Option<chrono::NaiveDate>>,
}

/// Moves agreement `id` as `c` says, by `actor` (id and name), records it and tells the
/// followers; `false` when it was no longer in a state that allows it. The caller has checked
/// that the actor is one of its owners.
pub async fn change(
    state: &AppState,
    tr: &Tr,
    actor: (Uuid, &str),
    id: Uuid,
    c: Change<'_>,
) -> Result<bool, AppError> {
    let now = state.clock.now();
    let from: Vec<String> = c.from.iter().map(|s| s.as_str().to_string()).collect();
    let mut tx = state.db.begin().await?;
    let done = sqlx::query!(
        r#"UPDATE agreements SET status = $2::text::agreement_status, updated_at = $3,
               refusal_reason = coalesce($4, refusal_reason),
               due_on = CASE WHEN $6 THEN $7 ELSE due_on END
           WHERE id = $1 AND status::text = ANY($5) RETURNING id"#,
        id,
        c.to.as_str(),
        now,
        c.reason,
        &from,
        c.due.is_some(),
        c.due.flatten()
    )
    .fetch_optional(&mut *tx)
    .await?;
    if done.is_none() {
        return Ok(false);
    }
    record_update(&mut tx, id, c.to, c.note, actor, now).await?;
    let a = super::load(&mut tx, tr, id).await?;
    let followers = super::followers(&mut tx, a.salon_id).await?;
    super::tell(
        &mut tx,
        state,
        followers,
        &a,
        "agr-what-updated",
        actor.1,
        c.note,
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Applies an owner's change `c` and shows its outcome: back to the agreement with `what` done,
/// or the page again (409) when someone changed it first.
async fn apply(
    state: &AppState,
    f: Frame,
    user: &CurrentUser,
    a: Agreement,
    c: Change<'_>,
    what: &str,
) -> Result<Response, AppError> {
    if change(state, &f.tr, (user.id, &user.name), a.id, c).await? {
        return Ok(Redirect::to(&format!("/agreements/{}?done={what}", a.id)).into_response());
    }
    let notice = Some(f.tr.t("agr-error-changed"));
    let forms = blank(&f, &a);
    let page = render(state, f, Some(user), a, forms, notice).await?;
    Ok((StatusCode::CONFLICT, Page(page)).into_response())
}

/// The owner's forms again, refused (422) with the messages by their fields.
async fn again(
    state: &AppState,
    f: Frame,
    user: &CurrentUser,
    a: Agreement,
    forms: Forms,
) -> Result<Response, AppError> {
    let page = render(state, f, Some(user), a, forms, None).await?;
    Ok(Page::invalid(page))
}

/// `POST /agreements/{agreement}/accept`: "Vi tager den", confirming or setting the due date
/// (never one in the past: the owner agrees to the date they will be held to).
pub async fn accept(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    OwnedAgreement(id): OwnedAgreement,
    PostForm(input): PostForm<OwnerInput>,
) -> Result<Response, AppError> {
    let a = visible(&state, &f, Some(&user), id).await?;
    let today = state.clock.now().with_timezone(&Copenhagen).date_naive();
    let mut forms = forms(&f, &input.due_on, "", "");
    let Some(due) = forms
        .accept
        .check("due_on", &f.tr, super::parse_due(&input.due_on, today))
    else {
        return again(&state, f, &user, a, forms).await;
    };
    let c = Change {
        from: &[Status::Proposed],
        to: Status::Agreed,
        note: "",
        reason: None,
        due: Some(due),
    };
    apply(&state, f, &user, a, c, "accepted").await
}

/// `POST /agreements/{agreement}/refuse`: with a reason, shown on the timeline.
pub async fn refuse(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    OwnedAgreement(id): OwnedAgreement,
    PostForm(input): PostForm<OwnerInput>,
) -> Result<Response, AppError> {
    let a = visible(&state, &f, Some(&user), id).await?;
    let due = a.due_on.map(|d| d.to_string()).unwrap_or_default();
    let mut forms = forms(&f, &due, &input.reason, "");
    let Some(reason) = forms.refuse.check(
        "reason",
        &f.tr,
        crate::invitations::parse_reason(&input.reason),
    ) else {
        return again(&state, f, &user, a, forms).await;
    };
    // Said no while proposed: "Afvist af kommunen", never "Opgivet".
    let c = Change {
        from: &[Status::Proposed],
        to: Status::Refused,
        note: reason.as_str(),
        reason: Some(reason.as_str()),
        due: None,
    };
    apply(&state, f, &user, a, c, "refused").await
}

/// `POST /agreements/{agreement}/status`: in progress, done or dropped, with a public note.
pub async fn update(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    OwnedAgreement(id): OwnedAgreement,
    PostForm(input): PostForm<OwnerInput>,
) -> Result<Response, AppError> {
    let a = visible(&state, &f, Some(&user), id).await?;
    let due = a.due_on.map(|d| d.to_string()).unwrap_or_default();
    let mut forms = forms(&f, &due, "", &input.note);
    let note = forms
        .update
        .check("note", &f.tr, crate::invitations::parse_note(&input.note));
    let to = Status::parse_update(&input.status);
    if to.is_none() {
        forms.update.fail("note", &f.tr, "agr-error-status");
    }
    let (Some(note), Some(to)) = (note, to) else {
        return again(&state, f, &user, a, forms).await;
    };
    let c = Change {
        from: &[Status::Agreed, Status::InProgress],
        to,
        note: note.as_str(),
        reason: None,
        due: None,
    };
    apply(&state, f, &user, a, c, "updated").await
}
