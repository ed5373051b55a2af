//! A host's message to everyone registered: `POST /salons/{key}/message`. Sent with
//! `notify()` to each registered person with an account and to the other hosts (so every host
//! sees what went out in their name), in their language, and kept in `salon_messages`, which
//! the participants page lists. At most `messages_per_day` ([`Limit::MessagesPerDay`]) per host in any 24
//! hours, counted in PostgreSQL so the limit holds across processes.

use axum::Form as PostForm;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use uuid::Uuid;

use super::mails;
use super::participants::{message_form, render};
use crate::auth::CurrentUser;
use crate::domain::{Body, Invalid, Line};
use crate::error::AppError;
use crate::limits::{self, Limit};
use crate::mail::{self, Recipient};
use crate::salons::{HostedSalon, SalonStatus, VisibleSalon};
use crate::state::AppState;
use crate::web::i18n::Locale;
use crate::web::{Frame, Page};

/// A message's subject: one line, 1–200 characters.
pub fn parse_subject(raw: &str) -> Result<Line<200>, Invalid> {
    Line::required(raw)
        .map_err(|e| e.key("reg-error-subject-missing", "reg-error-subject-too-long"))
}

/// A message's text: 1–5000 characters.
pub fn parse_body(raw: &str) -> Result<Body<5000>, Invalid> {
    Body::required(raw).map_err(|e| e.key("reg-error-body-missing", "reg-error-body-too-long"))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct MessageInput {
    subject: String,
    body: String,
}

/// Whether the hosts may still write to everyone registered: not once the salon is cancelled.
pub fn may_message(salon: &VisibleSalon) -> bool {
    salon.status != SalonStatus::Cancelled
}

pub async fn send(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    HostedSalon(salon): HostedSalon,
    PostForm(input): PostForm<MessageInput>,
) -> Result<Response, AppError> {
    // A cancelled salon has told its people so; it takes no more messages (the page offers
    // no form), like its invitation threads.
    if !may_message(&salon) {
        return Err(AppError::Forbidden);
    }
    let mut form = message_form(&f.tr, &input.subject, &input.body);
    let subject = form.check("subject", &f.tr, parse_subject(&input.subject));
    let body = form.check("body", &f.tr, parse_body(&input.body));
    let (Some(subject), Some(body)) = (subject, body) else {
        let page = render(&state, f, salon, None, None, Some((form, None))).await?;
        return Ok(Page::invalid(page));
    };

    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    // Over all the host's salons: one host's sends one at a time.
    let per_day = Limit::MessagesPerDay;
    let limit = limits::guard(&mut tx, per_day, &user.id.to_string()).await?;
    let nth = sqlx::query_scalar!(
        r#"SELECT sent_at FROM salon_messages WHERE sent_by = $1 AND sent_at > $2
           ORDER BY sent_at DESC OFFSET $3::int8 - 1 LIMIT 1"#,
        user.id,
        per_day.since(now),
        limit
    )
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(reached) = limits::reached(per_day, limit, nth) {
        drop(tx);
        let problem = reached.message(&f.tr, "reg-error-message-limit");
        let page = render(&state, f, salon, None, None, Some((form, Some(problem)))).await?;
        return Ok(reached.respond(now, page));
    }
    // Everyone registered, and the co-hosts; each person once, the sender not at all.
    let recipients = sqlx::query!(
        r#"SELECT u.id, u.name, u.locale FROM users u
           WHERE u.deleted_at IS NULL AND u.id <> $2
             AND u.id IN (SELECT r.user_id FROM registrations r
                          WHERE r.salon_id = $1 AND r.status = 'registered'
                          UNION
                          SELECT h.user_id FROM salon_hosts h WHERE h.salon_id = $1)
           ORDER BY u.name, u.id"#,
        salon.id,
        user.id
    )
    .fetch_all(&mut *tx)
    .await?;
    let path = salon.path();
    let link = state.config.link(&path);
    for r in &recipients {
        let about = mails::About {
            name: &r.name,
            title: &salon.title,
            link: &link,
            path: &path,
        };
        let locale = Locale::from_code(&r.locale).unwrap_or_default();
        let message =
            mails::host_message(locale, &about, &user.name, subject.as_str(), body.as_str());
        mail::notify(&mut tx, now, Recipient::User(r.id), message).await?;
    }
    sqlx::query!(
        r#"INSERT INTO salon_messages (id, salon_id, sent_by, subject, body, recipients, sent_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)"#,
        Uuid::new_v4(),
        salon.id,
        user.id,
        subject.as_str(),
        body.as_str(),
        recipients.len() as i32,
        now
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    state.job_wake.notify_one();
    Ok(Redirect::to(&format!("{}/participants?done=sent", salon.path())).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects_and_texts_are_required_and_bounded() {
        assert_eq!(
            parse_subject("  Husk \n kaffe "),
            Ok(Line::stored("Husk kaffe".into()))
        );
        assert_eq!(
            parse_subject(" "),
            Err(Invalid("reg-error-subject-missing"))
        );
        assert_eq!(
            parse_subject(&"a".repeat(201)),
            Err(Invalid("reg-error-subject-too-long"))
        );
        assert_eq!(
            parse_body("Hej\r\nalle "),
            Ok(Body::stored("Hej\nalle".into()))
        );
        assert_eq!(parse_body(""), Err(Invalid("reg-error-body-missing")));
        assert_eq!(
            parse_body(&"a".repeat(5001)),
            Err(Invalid("reg-error-body-too-long"))
        );
    }
}
