//! After the salon: its hosts write a summary (referat) in Markdown, cleaned as descriptions
//! are, save it as a draft and publish it once the salon is over. Publishing closes the salon
//! and tells everyone registered or invited. A held salon without a published summary reminds
//! its hosts 3 and 7 days after its last session.
//!
//! Once published, every change is a correction in the open: the earlier text is kept in
//! `summary_versions` and the salon page says "rettet <dato>" with the earlier versions one
//! click away (`crate::web::corrections`).

use askama::Template;
use axum::Form as PostForm;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Duration, Utc};
use serde::Deserialize;
use serde_json::json;
use sqlx::PgConnection;
use uuid::Uuid;

use super::HostedSalon;
use super::visibility::VisibleSalon;
use super::{SalonStatus, mails};
use crate::auth::CurrentUser;
use crate::domain::{Body, Invalid};
use crate::error::AppError;
use crate::jobs::{self, Job, NewJob};
use crate::mail::{self, Recipient};
use crate::state::AppState;
use crate::web::forms::{Field, Form};
use crate::web::{DoneQuery, Frame, Page};

/// The job that reminds hosts to publish the summary.
pub const REMIND_KIND: &str = "salon.summary-reminder";

/// A summary: required to publish, at most 20,000 characters.
pub type Summary = Body<20_000>;

pub fn parse_summary(raw: &str) -> Result<Summary, Invalid> {
    Summary::required(raw).map_err(|e| e.key("summary-error-missing", "summary-error-too-long"))
}

#[derive(Template)]
#[template(path = "salons/summary.html")]
pub struct SummaryPage {
    f: Frame,
    salon: VisibleSalon,
    form: Form,
    /// The salon is over, so the summary can be published.
    over: bool,
    published: bool,
    notice: Option<String>,
}

fn summary_form(f: &Frame, text: &str) -> Form {
    Form::new(vec![
        Field::new(&f.tr, "summary", "textarea", "summary-field")
            .value(text)
            .hint(&f.tr, "summary-field-hint"),
    ])
}

/// The stored summary and whether the salon is over.
async fn stored(state: &AppState, salon: &VisibleSalon) -> Result<(String, bool, bool), AppError> {
    let r = sqlx::query!(
        r#"SELECT summary, summary_published_at IS NOT NULL AS "published!",
                  (SELECT max(ends_at) FROM salon_sessions WHERE salon_id = s.id) AS last_end
           FROM salons s WHERE id = $1"#,
        salon.id
    )
    .fetch_one(&state.db)
    .await?;
    let over = is_over(salon.status, r.last_end, state.clock.now());
    Ok((r.summary, over, r.published))
}

/// Held or closed, or published with every session ended (before the held job has run).
fn is_over(status: SalonStatus, last_end: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    match status {
        SalonStatus::Held | SalonStatus::Closed => true,
        SalonStatus::Published => last_end.is_some_and(|e| e <= now),
        _ => false,
    }
}

/// `GET /salons/{key}/summary`.
pub async fn form(
    State(state): State<AppState>,
    f: Frame,
    HostedSalon(salon): HostedSalon,
    Query(q): Query<DoneQuery>,
) -> Result<Response, AppError> {
    let (text, over, published) = stored(&state, &salon).await?;
    let notice = q
        .done
        .filter(|d| d == "saved")
        .map(|_| f.tr.t("summary-done-saved"));
    let form = summary_form(&f, &text);
    Ok(Page(SummaryPage {
        f,
        salon,
        form,
        over,
        published,
        notice,
    })
    .into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SummaryInput {
    summary: String,
    action: String,
}

/// `POST /salons/{key}/summary`: `action` is `save` (a draft) or `publish`.
pub async fn submit(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    HostedSalon(salon): HostedSalon,
    PostForm(input): PostForm<SummaryInput>,
) -> Result<Response, AppError> {
    let publish = match input.action.as_str() {
        "publish" => true,
        "save" => false,
        _ => return Err(AppError::BadRequest),
    };
    let (_, over, published) = stored(&state, &salon).await?;
    let mut form = summary_form(&f, &input.summary);
    let text = form.check("summary", &f.tr, parse_summary(&input.summary));
    if publish && !over {
        form.fail("summary", &f.tr, "summary-error-not-over");
    }
    let Some(text) = text.filter(|_| !form.has_errors()) else {
        let page = SummaryPage {
            f,
            salon,
            form,
            over,
            published,
            notice: None,
        };
        return Ok(Page::invalid(page));
    };
    let mut tx = state.db.begin().await?;
    write_summary(&mut tx, &state, &salon, user.id, &text, publish).await?;
    tx.commit().await?;
    if !publish {
        return Ok(Redirect::to(&format!("{}/summary?done=saved", salon.path())).into_response());
    }
    state.job_wake.notify_one();
    Ok(Redirect::to(&format!("{}?done=summary", salon.path())).into_response())
}

/// Saves the summary of `salon` written by host `by`, and with `publish` publishes it: that
/// closes the salon, tells everyone the first time, and hands it to the decisions it is about.
/// A published text that changes keeps its earlier version. In the caller's transaction; the
/// caller has checked that the salon is over before publishing.
pub async fn write_summary(
    tx: &mut PgConnection,
    state: &AppState,
    salon: &VisibleSalon,
    by: Uuid,
    text: &Summary,
    publish: bool,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let html = super::markdown::render(text.as_str());
    // After publishing, saving or publishing again changes what the public reads: keep the
    // earlier text and say so.
    let before = sqlx::query!(
        r#"SELECT summary, summary_published_at IS NOT NULL AS "published!" FROM salons
           WHERE id = $1 FOR UPDATE"#,
        salon.id
    )
    .fetch_one(&mut *tx)
    .await?;
    if before.published && before.summary != text.as_str() {
        sqlx::query!(
            r#"INSERT INTO summary_versions (id, salon_id, summary, replaced_at, replaced_by)
               VALUES ($1, $2, $3, $4, $5)"#,
            Uuid::new_v4(),
            salon.id,
            before.summary,
            now,
            by
        )
        .execute(&mut *tx)
        .await?;
        sqlx::query!(
            "UPDATE salons SET summary_corrected_at = $2 WHERE id = $1",
            salon.id,
            now
        )
        .execute(&mut *tx)
        .await?;
    }
    if !publish {
        sqlx::query!(
            "UPDATE salons SET summary = $2, summary_html = $3, updated_at = $4 WHERE id = $1",
            salon.id,
            text.as_str(),
            html,
            now
        )
        .execute(&mut *tx)
        .await?;
        return Ok(());
    }
    // Publishing closes the salon; only the first publishing tells people (later edits of a
    // published summary do not mail everyone again).
    let first = sqlx::query_scalar!(
        r#"SELECT summary_published_at IS NULL AS "first!" FROM salons WHERE id = $1 FOR UPDATE"#,
        salon.id
    )
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query!(
        r#"UPDATE salons SET summary = $2, summary_html = $3, updated_at = $4, status = 'closed',
               summary_published_by = coalesce(summary_published_by, $5),
               summary_published_at = coalesce(summary_published_at, $4)
           WHERE id = $1"#,
        salon.id,
        text.as_str(),
        html,
        now,
        by
    )
    .execute(&mut *tx)
    .await?;
    if first {
        tell_everyone(tx, state, salon, now).await?;
    }
    // The decisions it is about: their unit and committee get it (once per decision).
    crate::decisions::summary_published(tx, state, salon.id).await?;
    Ok(())
}

/// Mails everyone registered and everyone who may answer one of its invitations.
async fn tell_everyone(
    conn: &mut PgConnection,
    state: &AppState,
    salon: &VisibleSalon,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let people = sqlx::query_scalar!(
        r#"SELECT DISTINCT x.user_id AS "user_id!" FROM (
               SELECT r.user_id FROM registrations r
               WHERE r.salon_id = $1 AND r.status = 'registered' AND r.user_id IS NOT NULL
               UNION
               SELECT a.user_id FROM invitations i
               JOIN invitation_answerers a ON a.invitation_id = i.id
               WHERE i.salon_id = $1 AND i.status <> 'withdrawn') x
           JOIN users u ON u.id = x.user_id
           WHERE u.deleted_at IS NULL
             AND NOT EXISTS (SELECT 1 FROM salon_hosts h WHERE h.salon_id = $1 AND h.user_id = x.user_id)"#,
        salon.id
    )
    .fetch_all(&mut *conn)
    .await?;
    for person in people {
        let to = Recipient::User(person);
        let locale = mail::recipient_locale(&mut *conn, &to).await?;
        let m = mails::summary_published(&state.config, locale, &salon.title, &salon.path());
        mail::notify(&mut *conn, now, to, m).await?;
    }
    Ok(())
}

/// When a salon becomes held: the reminders 3 and 7 days after its last session.
pub async fn schedule_reminders(
    conn: &mut PgConnection,
    salon: Uuid,
    last_end: DateTime<Utc>,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    for days in [3, 7] {
        let job = NewJob::new(
            REMIND_KIND,
            json!({ "salon": salon }),
            last_end + Duration::days(days),
        )
        .unique(format!("salon-summary:{salon}:{days}"));
        jobs::enqueue(conn, job, now).await?;
    }
    Ok(())
}

/// The reminder job: only while the salon is held and has no published summary.
pub async fn run_reminder(state: AppState, job: Job) -> anyhow::Result<()> {
    let id: Uuid = serde_json::from_value(job.payload["salon"].clone())?;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let Some(s) = sqlx::query!(
        r#"SELECT slug, title FROM salons
           WHERE id = $1 AND status = 'held' AND summary_published_at IS NULL"#,
        id
    )
    .fetch_optional(&mut *tx)
    .await?
    else {
        return Ok(());
    };
    let hosts = sqlx::query_scalar!(
        r#"SELECT h.user_id FROM salon_hosts h JOIN users u ON u.id = h.user_id
           WHERE h.salon_id = $1 AND u.deleted_at IS NULL"#,
        id
    )
    .fetch_all(&mut *tx)
    .await?;
    let path = format!("{}/summary", super::visibility::path(id, &s.slug));
    for host in hosts {
        let to = Recipient::User(host);
        let locale = mail::recipient_locale(&mut tx, &to).await?;
        let m = mails::summary_reminder(&state.config, locale, &s.title, &path);
        mail::notify(&mut tx, now, to, m).await?;
    }
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_summary_is_required_to_publish_and_bounded() {
        assert_eq!(
            parse_summary("  Vi talte om **stien** "),
            Ok(Body::stored("Vi talte om **stien**".into()))
        );
        assert_eq!(parse_summary(" "), Err(Invalid("summary-error-missing")));
        assert!(parse_summary(&"a".repeat(20_001)).is_err());
    }

    #[test]
    fn a_salon_is_over_when_held_or_its_last_session_ended() {
        let now = DateTime::parse_from_rfc3339("2026-12-01T09:00:00Z")
            .unwrap()
            .to_utc();
        assert!(is_over(SalonStatus::Held, None, now));
        assert!(is_over(
            SalonStatus::Published,
            Some(now - Duration::hours(1)),
            now
        ));
        assert!(!is_over(
            SalonStatus::Published,
            Some(now + Duration::hours(1)),
            now
        ));
        assert!(!is_over(
            SalonStatus::Draft,
            Some(now - Duration::hours(1)),
            now
        ));
        assert!(!is_over(
            SalonStatus::Cancelled,
            Some(now - Duration::hours(1)),
            now
        ));
    }
}
