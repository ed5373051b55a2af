//! Registrations: signing up for a salon, the waitlist, the host's participant list, CSV,
//! offline additions and messages to everyone registered.
//!
//! Where to look: [`waitlist`] is the one place that changes who has a seat (the salon's row
//! locked, counters kept exact, positions without gaps); [`register`] is signing up and
//! cancelling; [`panel`] is what the salon page shows about it; [`participants`], [`csv`],
//! [`offline`] and [`message`] are the hosts' tools; [`cleanup`] deletes needs and phone
//! numbers 30 days after the salon; [`data`] is the person's part of the download and deletion.
//! Every route under a salon goes through the salons' one visibility rule
//! ([`crate::salons::load_visible`]).

mod cleanup;
pub mod csv;
mod data;
mod mails;
mod message;
mod offline;
mod panel;
mod participants;
mod register;
mod turnout;
pub mod waitlist;

use axum::routing::{get, post};
use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use crate::auth::{Access, RouteSpec};
use crate::error::AppError;
use crate::jobs::Worker;
use crate::mail::{self, Message, Recipient};
use crate::salons::VisibleSalon;
use crate::salons::calendar::SalonCalendar;
use crate::state::AppState;
use crate::web::i18n::Locale;

pub use cleanup::schedule_cleanup;
pub use data::{fill_free_seats, on_account_deleted, personal_data, tell_later};
pub use panel::{AttendeeRow, Counts, Mine, Panel, SessionCount, panel, panel_with, role_label};
pub use register::{Registering, register};
pub use turnout::Turnout;

/// The registrations feature's routes.
pub fn routes() -> Vec<RouteSpec> {
    use crate::salons::SALON_HOST;
    use Access::*;
    vec![
        RouteSpec::get("/salons/{key}/register", Verified, get(register::form)),
        RouteSpec::post("/salons/{key}/register", Verified, post(register::submit)),
        RouteSpec::post(
            "/salons/{key}/registration",
            SignedIn,
            post(register::change),
        ),
        RouteSpec::post(
            "/salons/{key}/registration/cancel",
            SignedIn,
            post(register::cancel),
        ),
        RouteSpec::get(
            "/salons/{key}/participants",
            SALON_HOST,
            get(participants::page),
        ),
        RouteSpec::get(
            "/salons/{key}/participants.csv",
            SALON_HOST,
            get(participants::csv),
        ),
        RouteSpec::post(
            "/salons/{key}/participants/offline",
            SALON_HOST,
            post(offline::add),
        ),
        RouteSpec::post(
            "/salons/{key}/participants/{registration}/remove",
            SALON_HOST,
            post(participants::remove),
        ),
        RouteSpec::post("/salons/{key}/message", SALON_HOST, post(message::send)),
    ]
}

/// Adds the registrations' jobs to `worker`.
pub fn register_jobs(worker: Worker) -> Worker {
    let worker = cleanup::register_jobs(worker);
    worker.handle(data::TELL_PROMOTED, data::tell_promoted)
}

/// The salon as someone with a seat sees it: what their calendar file may show.
fn as_participant(salon: &VisibleSalon) -> VisibleSalon {
    VisibleSalon {
        is_host: false,
        sees_private: true,
        ..salon.clone()
    }
}

/// Queues a mail to the person `user` in their language, built from their name; nothing for
/// a deleted account.
async fn notify_user(
    conn: &mut PgConnection,
    now: DateTime<Utc>,
    user: Uuid,
    build: impl FnOnce(Locale, &str) -> Message,
) -> Result<(), AppError> {
    let person = sqlx::query!(
        "SELECT name, locale FROM users WHERE id = $1 AND deleted_at IS NULL",
        user
    )
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(p) = person {
        let locale = Locale::from_code(&p.locale).unwrap_or_default();
        mail::notify(conn, now, Recipient::User(user), build(locale, &p.name)).await?;
    }
    Ok(())
}

/// Tells everyone in `promoted` that they got a seat, with the salon's calendar.
async fn tell_promoted(
    conn: &mut PgConnection,
    state: &AppState,
    salon: &VisibleSalon,
    promoted: &[waitlist::Promoted],
    calendar: &SalonCalendar,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let path = salon.path();
    let link = state.config.link(&path);
    for (i, p) in promoted.iter().enumerate() {
        // One mail for someone promoted in several sessions at once.
        if promoted[..i]
            .iter()
            .any(|q| q.registration == p.registration)
        {
            continue;
        }
        if let Some(user) = p.user {
            // Their calendar gets the sessions they now have a seat in, not every session
            // (a promotion job queued before seats were per session names none: all).
            let sessions: Vec<Uuid> = promoted
                .iter()
                .filter(|q| q.registration == p.registration && !q.session.is_nil())
                .map(|q| q.session)
                .collect();
            let ics = calendar.ics(None, &sessions);
            notify_user(conn, now, user, |locale, name| {
                let about = mails::About {
                    name,
                    title: &salon.title,
                    link: &link,
                    path: &path,
                };
                mails::promoted(locale, &about, Some(&ics))
            })
            .await?;
        }
    }
    Ok(())
}
