//! Recording the outcome: `/municipalities/{municipality}/decisions/{decision}/outcome`. The
//! first time tells the linked salons' hosts and the followers; a correction later does not
//! mail everyone again.

use askama::Template;
use axum::Form as PostForm;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::Decision;
use crate::auth::CurrentUser;
use crate::domain::Invalid;
use crate::error::AppError;
use crate::startup::AppState;
use crate::web::forms::{Field, Form};
use crate::web::{Frame, Page};

#[derive(Template)]
#[template(path = "decisions/outcome.html")]
pub struct OutcomePage {
    f: Frame,
    d: Decision,
    form: Form,
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
fn parse_outcome(raw: &str) -> Result<String, Invalid> {
    let s = raw.trim().replace("\r\n", "\n");
    if s.is_empty() {
        return Err(Invalid("dec-error-outcome-missing"));
    }
    if s.chars().count() > 4000 {
        return Err(Invalid("dec-error-outcome-long"));
    }
    Ok(s)
}

/// The minutes: an http(s) address.
fn parse_minutes(raw: &str) -> Result<String, Invalid> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(Invalid("dec-error-minutes-missing"));
    }
    match url::Url::parse(raw) {
        Ok(u)
            if matches!(u.scheme(), "http" | "https")
                && u.host().is_some()
                && raw.len() <= 2000 =>
        {
            Ok(u.to_string())
        }
        _ => Err(Invalid("dec-error-minutes-invalid")),
    }
}

/// `GET …/outcome`.
pub async fn form(
    State(state): State<AppState>,
    f: Frame,
    Path((slug, id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let mut conn = state.db.acquire().await?;
    let d = super::load(&mut conn, &slug, &id).await?;
    let input = OutcomeInput {
        outcome: d.outcome.clone(),
        minutes_url: d.minutes_url.clone(),
    };
    let form = draw(&f, &input);
    Ok(Page(OutcomePage { f, d, form }).into_response())
}

/// `POST …/outcome`.
pub async fn record(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    Path((slug, id)): Path<(String, String)>,
    PostForm(input): PostForm<OutcomeInput>,
) -> Result<Response, AppError> {
    let mut tx = state.db.begin().await?;
    let d = super::load(&mut tx, &slug, &id).await?;
    let mut form = draw(&f, &input);
    let outcome = form
        .field("outcome")
        .check(&f.tr, parse_outcome(&input.outcome));
    let minutes = form
        .field("minutes_url")
        .check(&f.tr, parse_minutes(&input.minutes_url));
    let (Some(outcome), Some(minutes)) = (outcome, minutes) else {
        drop(tx);
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            Page(OutcomePage { f, d, form }),
        )
            .into_response());
    };
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
           WHERE id = $1"#,
        d.id,
        outcome,
        minutes,
        now,
        user.id
    )
    .execute(&mut *tx)
    .await?;
    if first {
        super::tell::decided(&mut tx, &state, &d, &outcome, &minutes).await?;
    }
    tx.commit().await?;
    state.job_wake.notify_one();
    Ok(Redirect::to(&format!("{}?done=decided", d.path())).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

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
