//! The hosts' invitations page, `/salons/{key}/invitations`: the send form and every
//! invitation of the salon with where it stands and its history.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::{EventLine, Invitation, Status, Writer};
use crate::error::AppError;
use crate::salons::{HostedSalon, VisibleSalon};
use crate::state::AppState;
use crate::web::forms::{Field, Form};
use crate::web::{DoneQuery, Frame, Page};

/// One entry of the target list.
pub struct TargetOption {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// A group of the target list (`<optgroup>`).
pub struct TargetGroup {
    pub label: String,
    pub options: Vec<TargetOption>,
}

/// An invitation as the hosts see it.
pub struct Row {
    pub inv: Invitation,
    pub state_text: String,
    pub events: Vec<EventLine>,
    pub proposal: Option<String>,
}

impl Row {
    pub fn can_withdraw(&self) -> bool {
        self.inv.status.is_live()
    }
    pub fn can_write(&self) -> bool {
        self.inv.may_write(Writer::Host)
    }
}

#[derive(Template)]
#[template(path = "invitations/host.html")]
pub struct HostPage {
    f: Frame,
    salon: VisibleSalon,
    groups: Vec<TargetGroup>,
    form: Form,
    target_error: Option<String>,
    rows: Vec<Row>,
    notice: Option<String>,
    problem: Option<String>,
    /// Why no more invitations can be sent (over or cancelled); `None` shows the send form.
    closed_note: Option<String>,
    /// The person is already invited another way: sent only once the host has seen this.
    pub(super) overlaps: Vec<crate::web::markup::Isolated>,
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct SendInput {
    pub(super) target: String,
    pub(super) email: String,
    pub(super) message: String,
    pub(super) reply_by: String,
    /// Set once the host has seen the warning that the person is already invited.
    pub(super) overlap_seen: String,
}

pub(super) fn send_form(f: &Frame, input: &SendInput) -> Form {
    Form::new(vec![
        Field::new(&f.tr, "email", "email", "inv-field-email")
            .value(&input.email)
            .hint(&f.tr, "inv-field-email-hint")
            .optional(),
        Field::new(&f.tr, "message", "textarea", "inv-field-message")
            .value(&input.message)
            .hint(&f.tr, "inv-field-message-hint"),
        Field::new(&f.tr, "reply_by", "date", "inv-field-reply-by")
            .value(&input.reply_by)
            .optional(),
    ])
}

/// The target list: the salon's municipality, its units, its people in roles, or an address.
async fn groups(
    state: &AppState,
    f: &Frame,
    salon: &VisibleSalon,
    chosen: &str,
) -> Result<Vec<TargetGroup>, AppError> {
    let tr = &f.tr;
    let name = sqlx::query_scalar!(
        "SELECT official_name FROM municipalities WHERE code = $1",
        salon.municipality_code
    )
    .fetch_one(&state.db)
    .await?;
    let opt = |value: String, label: String| TargetOption {
        selected: value == chosen,
        value,
        label,
    };
    let units = sqlx::query!(
        r#"SELECT id, name, kind::text AS "kind!" FROM units
           WHERE municipality_code = $1 AND archived_at IS NULL ORDER BY kind, name"#,
        salon.municipality_code
    )
    .fetch_all(&state.db)
    .await?;
    let people = sqlx::query!(
        r#"SELECT r.id, u.name, r.kind::text AS "kind!", r.title, r.party FROM roles r
           JOIN users u ON u.id = r.user_id
           WHERE r.municipality_code = $1 AND r.status = 'approved' AND r.kind <> 'admin'
             AND u.deleted_at IS NULL
           ORDER BY u.name"#,
        salon.municipality_code
    )
    .fetch_all(&state.db)
    .await?;
    let mut out = vec![TargetGroup {
        label: name.clone(),
        options: vec![opt(
            "municipality".into(),
            tr.t1("inv-target-municipality", "municipality", &name),
        )],
    }];
    if !units.is_empty() {
        out.push(TargetGroup {
            label: tr.t("inv-target-units"),
            options: units
                .into_iter()
                .map(|u| opt(format!("unit:{}", u.id), u.name))
                .collect(),
        });
    }
    if !people.is_empty() {
        out.push(TargetGroup {
            label: tr.t("inv-target-people"),
            options: people
                .into_iter()
                .map(|p| {
                    let role = crate::registrations::role_label(tr, &p.kind, &p.title, &p.party);
                    opt(format!("person:{}", p.id), format!("{} ({role})", p.name))
                })
                .collect(),
        });
    }
    out.push(TargetGroup {
        label: tr.t("inv-target-others"),
        options: vec![opt("email".into(), tr.t("inv-target-email"))],
    });
    Ok(out)
}

/// The state of an invitation in words, for the hosts and the salon page.
pub fn state_text(f: &Frame, inv: &Invitation, now: DateTime<Utc>) -> String {
    let tr = &f.tr;
    match inv.status {
        Status::Open if inv.awaits_publish => tr.t("inv-state-awaits-publish"),
        Status::Open if inv.typed_address => {
            tr.count("inv-state-open-typed", super::age_days(now, inv.sent_at))
        }
        Status::Accepted | Status::Declined if inv.typed_address => tr.t_args(
            "inv-state-typed-answer",
            &[("state", inv.status_text(tr).into())],
        ),
        Status::Open if inv.via_mailbox => {
            tr.count("inv-state-open-mailbox", super::age_days(now, inv.sent_at))
        }
        Status::Open => tr.count("inv-state-open", super::age_days(now, inv.sent_at)),
        Status::Proposed => tr.t("inv-state-proposed"),
        Status::Accepted => tr.t("inv-state-accepted"),
        Status::Declined => tr.t1("inv-state-declined", "reason", &inv.decline_reason),
        Status::Withdrawn => tr.t("inv-state-withdrawn"),
    }
}

/// Every invitation of the salon with its history, oldest first.
async fn rows(state: &AppState, f: &Frame, salon: &VisibleSalon) -> Result<Vec<Row>, AppError> {
    let mut conn = state.db.acquire().await?;
    let invitations = super::of_salon(&mut conn, salon.id).await?;
    let ids: Vec<_> = invitations.iter().map(|i| i.id).collect();
    let mut histories = super::history(&mut conn, &f.tr, &ids, super::Reader::Outside).await?;
    let now = state.clock.now();
    let mut out = Vec::new();
    for inv in invitations {
        let proposal = match (inv.status, inv.proposed_starts_at, inv.proposed_ends_at) {
            (Status::Proposed, Some(s), Some(e)) => Some(crate::salons::session_when(&f.tr, s, e)),
            _ => None,
        };
        out.push(Row {
            state_text: state_text(f, &inv, now),
            events: histories.remove(&inv.id).unwrap_or_default(),
            proposal,
            inv,
        });
    }
    Ok(out)
}

#[allow(clippy::too_many_arguments)]
pub(super) async fn render(
    state: &AppState,
    f: Frame,
    salon: VisibleSalon,
    input: &SendInput,
    form: Form,
    target_error: Option<String>,
    notice: Option<String>,
    problem: Option<String>,
) -> Result<HostPage, AppError> {
    let groups = groups(state, &f, &salon, &input.target).await?;
    let rows = rows(state, &f, &salon).await?;
    let closed_note = match open_for_invitations(state, &salon).await? {
        true => None,
        false if salon.status == crate::salons::SalonStatus::Cancelled => {
            Some(f.tr.t("inv-send-cancelled"))
        }
        false => Some(f.tr.t("inv-send-over")),
    };
    Ok(HostPage {
        closed_note,
        f,
        salon,
        groups,
        form,
        target_error,
        rows,
        notice,
        problem,
        overlaps: Vec::new(),
    })
}

/// Whether the salon can still be invited to: a draft or published, and not over.
pub(super) async fn open_for_invitations(
    state: &AppState,
    salon: &VisibleSalon,
) -> Result<bool, AppError> {
    use crate::salons::SalonStatus;
    if !matches!(salon.status, SalonStatus::Draft | SalonStatus::Published) {
        return Ok(false);
    }
    let last_end = sqlx::query_scalar!(
        "SELECT max(ends_at) FROM salon_sessions WHERE salon_id = $1",
        salon.id
    )
    .fetch_one(&state.db)
    .await?;
    Ok(last_end.is_none_or(|end| end > state.clock.now()))
}

const DONE: [&str; 6] = [
    "sent",
    "saved",
    "withdrawn",
    "message",
    "proposal-accepted",
    "proposal-declined",
];

/// `GET /salons/{key}/invitations`.
pub async fn page(
    State(state): State<AppState>,
    f: Frame,
    HostedSalon(salon): HostedSalon,
    Query(q): Query<DoneQuery>,
) -> Result<Response, AppError> {
    let notice = crate::web::done_notice(&f.tr, "inv", q.done.as_deref(), &DONE);
    let input = SendInput::default();
    let form = send_form(&f, &input);
    let page = render(&state, f, salon, &input, form, None, notice, None).await?;
    Ok(Page(page).into_response())
}
