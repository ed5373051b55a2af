//! Moving one session to another time, as when a host takes a time the municipality proposed:
//! the calendar's SEQUENCE goes up and everyone on the salon is told exactly what changed, as
//! an edit by the host would; [`tell_what_changed`] is that telling, shared with the edit.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use super::edit::describe;
use super::lifecycle::schedule_held;
use super::{mails, show};
use crate::error::AppError;
use crate::mail::{self, Recipient};
use crate::state::AppState;
use crate::web::i18n::Tr;

pub async fn move_session(
    tx: &mut PgConnection,
    state: &AppState,
    salon: Uuid,
    session: Uuid,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let old = show::details(&mut *tx, salon).await?;
    let old_sessions = show::sessions(&mut *tx, salon).await?;
    let moved = sqlx::query!(
        "UPDATE salon_sessions SET starts_at = $3, ends_at = $4 WHERE id = $1 AND salon_id = $2",
        session,
        salon,
        starts_at,
        ends_at
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if moved == 0 {
        return Ok(());
    }
    let row = sqlx::query!(
        "UPDATE salons SET sequence = sequence + 1, updated_at = $2 WHERE id = $1 RETURNING slug, title",
        salon,
        now
    )
    .fetch_one(&mut *tx)
    .await?;
    let path = super::visibility::path(salon, &row.slug);
    let before = Before {
        details: &old,
        sessions: &old_sessions,
    };
    tell_what_changed(tx, state, salon, &path, &row.title, before).await?;
    Ok(())
}

/// A published salon as it was before a change.
pub struct Before<'a> {
    pub details: &'a show::Details,
    pub sessions: &'a [show::Session],
}

/// After a change to a published salon's time or place: tells each person registered or
/// waiting exactly what changed for them, and moves the salon's jobs (held, reminders,
/// clean-up) along.
pub async fn tell_what_changed(
    tx: &mut PgConnection,
    state: &AppState,
    salon: Uuid,
    path: &str,
    title: &str,
    before: Before<'_>,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let new = show::details(&mut *tx, salon).await?;
    let new_sessions = show::sessions(&mut *tx, salon).await?;
    let people = sqlx::query!(
        r#"SELECT r.user_id AS "user_id!", bool_or(r.status = 'registered') AS "registered!"
           FROM registrations r JOIN users u ON u.id = r.user_id
           WHERE r.salon_id = $1 AND r.status IN ('registered', 'waitlisted')
             AND u.deleted_at IS NULL
           GROUP BY r.user_id"#,
        salon
    )
    .fetch_all(&mut *tx)
    .await?;
    for p in people {
        let to = Recipient::User(p.user_id);
        let locale = mail::recipient_locale(&mut *tx, &to).await?;
        let tr = Tr::new(locale);
        let changes = describe(
            &tr,
            p.registered,
            before.details,
            &new,
            before.sessions,
            &new_sessions,
        );
        if changes.is_empty() {
            continue;
        }
        let m = mails::changed(&state.config, locale, title, path, changes);
        mail::notify(&mut *tx, now, to, m).await?;
    }
    schedule_held(&mut *tx, salon, now).await?;
    // A moved session's old reminders find it gone from their time; these are for the new one.
    super::reminders::schedule(&mut *tx, salon, now).await?;
    // Moved sessions move the day needs and phones are deleted.
    crate::registrations::schedule_cleanup(&mut *tx, salon, now).await?;
    Ok(())
}
