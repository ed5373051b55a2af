//! Recording the outcome: `/municipalities/{municipality}/decisions/{decision}/outcome`. The
//! first time tells the linked salons' hosts and the followers; a correction later does not
//! mail everyone again.
//!
//! No outcome before the meeting: it can be recorded from the meeting day (Copenhagen) on.
//! Before it the page offers a new meeting date (the edit form, which tells everyone of the
//! move) and "Taget af dagsordenen" (`…/withdraw`, with a reason): the hosts of its salons
//! and its followers are told once, and the decision closes for new salons.

use askama::Template;
use axum::Form as PostForm;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono_tz::Europe::Copenhagen;
use serde::Deserialize;

use super::tell::Event;
use super::{Decision, Status};
use crate::auth::CurrentUser;
use crate::domain::ids::DecisionId;
use crate::domain::{Body, Invalid, WebAddress};
use crate::error::AppError;
use crate::municipalities::StaffMunicipality;
use crate::state::AppState;
use crate::web::forms::{Field, Form};
use crate::web::path::Ids;
use crate::web::{Frame, Page};

#[derive(Template)]
#[template(path = "decisions/outcome.html")]
pub struct OutcomePage {
    f: Frame,
    d: Decision,
    form: Form,
    /// Before the meeting day: the day, and no outcome form.
    before_meeting: Option<String>,
    /// "Taget af dagsordenen", while the decision is open.
    withdraw: Form,
    problem: Option<String>,
}

impl OutcomePage {
    fn new(f: Frame, d: Decision, form: Form, today: chrono::NaiveDate) -> OutcomePage {
        let before_meeting = (d.is_open() && today < d.meeting_on).then(|| f.tr.day(d.meeting_on));
        OutcomePage {
            withdraw: withdraw_form(&f, ""),
            before_meeting,
            problem: None,
            form,
            d,
            f,
        }
    }
}

fn withdraw_form(f: &Frame, reason: &str) -> Form {
    Form::new(vec![
        Field::new(&f.tr, "reason", "textarea", "dec-field-withdraw-reason")
            .value(reason)
            .hint(&f.tr, "dec-field-withdraw-reason-hint"),
    ])
    .prefixed("withdraw")
}

/// Why a decision is taken off the agenda: 1–2,000 characters.
fn parse_reason(raw: &str) -> Result<Body<2000>, Invalid> {
    Body::required(raw).map_err(|e| {
        e.key(
            "dec-error-withdraw-reason-missing",
            "dec-error-withdraw-reason-long",
        )
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct OutcomeInput {
    outcome: String,
    minutes_url: String,
}

fn draw(f: &Frame, input: &OutcomeInput) -> Form {
    Form::new(vec![
        Field::new(&f.tr, "outcome", "textarea", "dec-field-outcome")
            .value(&input.outcome)
            .hint(&f.tr, "dec-field-outcome-hint"),
        Field::new(&f.tr, "minutes_url", "url", "dec-field-minutes")
            .value(&input.minutes_url)
            .hint(&f.tr, "dec-field-minutes-hint"),
    ])
}

/// What was decided: 1–4,000 characters.
pub fn parse_outcome(raw: &str) -> Result<Body<4000>, Invalid> {
    Body::required(raw).map_err(|e| e.key("dec-error-outcome-missing", "dec-error-outcome-long"))
}

/// The minutes: an http(s) address.
pub fn parse_minutes(raw: &str) -> Result<String, Invalid> {
    if raw.trim().is_empty() {
        return Err(Invalid("dec-error-minutes-missing"));
    }
    WebAddress::parse(raw, "dec-error-minutes-invalid").map(|a| a.as_str().to_string())
}

/// `GET …/outcome`.
pub async fn form(
    State(state): State<AppState>,
    f: Frame,
    StaffMunicipality(m): StaffMunicipality,
    Ids((_, id)): Ids<(String, DecisionId)>,
) -> Result<Response, AppError> {
    let mut conn = state.db.acquire().await?;
    let d = super::load(&mut conn, &m.slug, id).await?;
    let input = OutcomeInput {
        outcome: d.outcome.clone(),
        minutes_url: d.minutes_url.clone(),
    };
    let form = draw(&f, &input);
    let today = state.clock.now().with_timezone(&Copenhagen).date_naive();
    Ok(Page(OutcomePage::new(f, d, form, today)).into_response())
}

/// `POST …/outcome`.
pub async fn record(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    StaffMunicipality(m): StaffMunicipality,
    Ids((_, id)): Ids<(String, DecisionId)>,
    PostForm(input): PostForm<OutcomeInput>,
) -> Result<Response, AppError> {
    let mut tx = state.db.begin().await?;
    let d = super::load(&mut tx, &m.slug, id).await?;
    let mut form = draw(&f, &input);
    let outcome = form.check("outcome", &f.tr, parse_outcome(&input.outcome));
    let minutes = form.check("minutes_url", &f.tr, parse_minutes(&input.minutes_url));
    let today = state.clock.now().with_timezone(&Copenhagen).date_naive();
    let mut page = OutcomePage::new(f, d, form, today);
    // Never before the meeting day, and never for a decision taken off the agenda.
    // (taken off: a conflict with the decision's state; too early: a refused form)
    let refused = match (&page.before_meeting, page.d.status) {
        (_, Status::Withdrawn) => Some((true, page.f.tr.t("dec-error-withdrawn"))),
        (Some(day), _) => Some((false, page.f.tr.t1("dec-error-outcome-early", "day", day))),
        _ => None,
    };
    if let Some((conflict, problem)) = refused {
        drop(tx);
        page.problem = Some(problem);
        return Ok(if conflict {
            (StatusCode::CONFLICT, Page(page)).into_response()
        } else {
            Page::invalid(page)
        });
    }
    let (Some(outcome), Some(minutes)) = (outcome, minutes) else {
        drop(tx);
        return Ok(Page::invalid(page));
    };
    let OutcomePage { d, .. } = page;
    record_outcome(&mut tx, &state, &d, user.id, &outcome, &minutes).await?;
    tx.commit().await?;
    state.job_wake.notify_one();
    Ok(Redirect::to(&format!("{}?done=decided", d.path())).into_response())
}

/// Records the outcome of decision `d` and the link to its minutes, by staff member `by`, in
/// the caller's transaction; the first outcome tells its followers and salons (a later one
/// corrects it in public). The caller has checked that the meeting day has come and that the
/// decision was not withdrawn.
pub async fn record_outcome(
    tx: &mut sqlx::PgConnection,
    state: &AppState,
    d: &Decision,
    by: uuid::Uuid,
    outcome: &Body<4000>,
    minutes: &str,
) -> Result<(), AppError> {
    let now = state.clock.now();
    // The row lock orders two officials recording at once: only the first tells people.
    let first = sqlx::query_scalar!(
        r#"SELECT status = 'upcoming' AS "open!" FROM decisions WHERE id = $1 FOR UPDATE"#,
        d.id
    )
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query!(
        r#"UPDATE decisions SET outcome = $2, minutes_url = $3, updated_at = $4,
               decided_at = coalesce(decided_at, $4), decided_by = coalesce(decided_by, $5),
               status = 'decided'
           WHERE id = $1 AND status <> 'withdrawn'"#,
        d.id,
        outcome.as_str(),
        minutes,
        now,
        by
    )
    .execute(&mut *tx)
    .await?;
    if first {
        let decided = Event::Decided {
            outcome: outcome.to_string(),
            minutes: minutes.to_string(),
        };
        super::tell::news(tx, state, d, decided).await?;
    }
    Ok(())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct WithdrawInput {
    reason: String,
}

/// `POST …/withdraw`: "Taget af dagsordenen", with a reason. The hosts of its salons and its
/// followers are told once; the decision takes no new salons.
pub async fn withdraw(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    StaffMunicipality(m): StaffMunicipality,
    Ids((_, id)): Ids<(String, DecisionId)>,
    PostForm(input): PostForm<WithdrawInput>,
) -> Result<Response, AppError> {
    let mut tx = state.db.begin().await?;
    let d = super::load(&mut tx, &m.slug, id).await?;
    let now = state.clock.now();
    let mut withdraw = withdraw_form(&f, &input.reason);
    let Some(reason) = withdraw.check("reason", &f.tr, parse_reason(&input.reason)) else {
        drop(tx);
        let form = draw(&f, &OutcomeInput::default());
        let today = now.with_timezone(&Copenhagen).date_naive();
        let mut page = OutcomePage::new(f, d, form, today);
        page.withdraw = withdraw;
        return Ok(Page::invalid(page));
    };
    // Only an open decision, once: a second press tells no one again.
    let done = sqlx::query!(
        r#"UPDATE decisions SET status = 'withdrawn', withdrawn_at = $2, withdrawn_by = $3,
               withdrawn_reason = $4, updated_at = $2
           WHERE id = $1 AND status = 'upcoming' RETURNING id"#,
        d.id,
        now,
        user.id,
        reason.as_str()
    )
    .fetch_optional(&mut *tx)
    .await?;
    if done.is_none() {
        return Ok(Redirect::to(&d.path()).into_response());
    }
    let withdrawn = Event::Withdrawn {
        reason: reason.to_string(),
    };
    super::tell::news(&mut tx, &state, &d, withdrawn).await?;
    tx.commit().await?;
    state.job_wake.notify_one();
    Ok(Redirect::to(&format!("{}?done=withdrawn", d.path())).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decision_leaves_the_agenda_with_a_reason() {
        assert_eq!(
            parse_reason("  Venter på VVM. "),
            Ok(Body::stored("Venter på VVM.".into()))
        );
        assert_eq!(
            parse_reason(" "),
            Err(Invalid("dec-error-withdraw-reason-missing"))
        );
        assert!(parse_reason(&"a".repeat(2001)).is_err());
    }

    #[test]
    fn minutes_are_a_web_address() {
        assert!(parse_minutes("https://skanderborg.dk/dagsorden/123").is_ok());
        assert_eq!(parse_minutes(""), Err(Invalid("dec-error-minutes-missing")));
        assert_eq!(
            parse_minutes("javascript:alert(1)"),
            Err(Invalid("dec-error-minutes-invalid"))
        );
        assert_eq!(
            parse_minutes("skanderborg.dk"),
            Err(Invalid("dec-error-minutes-invalid"))
        );
    }
}
