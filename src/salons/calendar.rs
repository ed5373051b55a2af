//! A salon as iCalendar (RFC 5545): `GET /salons/{key}/calendar.ics`, and [`ics_for`] for the
//! registration confirmation's attachment. One VEVENT per session, its UID stable across
//! edits (the session's id), SEQUENCE from `salons.sequence`, LOCATION (the session's own
//! place when it has one) only for those who may see it.
//!
//! [`Where`] and [`event`] are shared with the feeds in `crate::calendar`, so a session looks
//! the same in the salon's own file, a person's feed and a municipality's feed.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use icalendar::{Component, Event, EventLike, EventStatus};
use uuid::Uuid;

use super::show;
use super::visibility::{SalonKey, VisibleSalon, load_visible};
use super::{Format, SalonStatus};
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::path::Ids;

/// Where a salon meets, as a calendar's LOCATION needs it.
#[derive(Clone, Copy, Debug)]
pub struct Where<'a> {
    pub format: Format,
    pub place_name: &'a str,
    pub address: &'a str,
    pub address_private: bool,
    pub online_link: &'a str,
}

impl Where<'_> {
    /// The LOCATION of a session with its own place (`session_place_name`, `session_address`,
    /// both empty when it meets where the salon does). Given only where it is real, never as
    /// "vises for tilmeldte": the session's own place, else the salon's, else (for those who
    /// may see it) the online link.
    pub fn location(
        &self,
        session_place_name: &str,
        session_address: &str,
        sees_private: bool,
    ) -> Option<String> {
        let address_shown = !self.address_private || sees_private;
        if self.format.has_place() && address_shown {
            let own = !session_place_name.is_empty() || !session_address.is_empty();
            let (name, address) = if own {
                (session_place_name, session_address)
            } else {
                (self.place_name, self.address)
            };
            return Some(if name.is_empty() {
                address.to_string()
            } else {
                format!("{name}, {address}")
            });
        }
        (self.format.has_link() && sees_private).then(|| self.online_link.to_string())
    }
}

/// One session of a salon, as one VEVENT shows it.
#[derive(Clone, Debug)]
pub struct SessionEvent<'a> {
    pub session_id: Uuid,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub title: &'a str,
    pub question: &'a str,
    /// The salon page's absolute URL.
    pub url: &'a str,
    pub location: Option<String>,
    pub status: SalonStatus,
    pub sequence: i32,
    /// For someone coming in a municipal role: "Vejingeniør for Skanderborg Kommune".
    pub role: Option<&'a str>,
}

/// The VEVENT for one session. `uid_host` is the site's host name (the UID's right-hand
/// side); `stamp` is DTSTAMP, the moment the file is made.
pub fn event(e: &SessionEvent<'_>, uid_host: &str, stamp: DateTime<Utc>) -> Event {
    let status = if e.status == SalonStatus::Cancelled {
        EventStatus::Cancelled
    } else {
        EventStatus::Confirmed
    };
    let mut description = format!("{}\n\n{}", e.question, e.url);
    if let Some(role) = e.role {
        let line = crate::web::i18n::Tr::new(crate::web::i18n::Locale::Da).t1(
            "calendar-in-role",
            "role",
            role,
        );
        description = format!("{line}\n\n{description}");
    }
    let mut event = Event::new();
    event
        .uid(&format!("{}@{uid_host}", e.session_id))
        .timestamp(stamp)
        .starts(e.starts_at)
        .ends(e.ends_at)
        .summary(e.title)
        .description(&description)
        .url(e.url)
        .status(status)
        .sequence(e.sequence.max(0) as u32);
    if let Some(location) = &e.location {
        event.location(location);
    }
    event.done()
}

/// The host name that makes UIDs unique to this site.
pub fn uid_host(state: &AppState) -> &str {
    state.config.base_url.host_str().unwrap_or("localhost")
}

/// The salon as an `.ics` file, as the viewer of `salon` may see it. Texts are Danish: a
/// calendar file is read by calendar programs in any language.
pub async fn ics_for(state: &AppState, salon: &VisibleSalon) -> Result<String, AppError> {
    ics_in_role(state, salon, None).await
}

/// The role `user` comes to `salon` in, as a calendar says it ("Vejingeniør for Skanderborg
/// Kommune"); `None` when they come as a citizen, or not at all.
pub async fn role_of<'e>(
    db: impl sqlx::PgExecutor<'e>,
    salon: Uuid,
    user: Uuid,
) -> Result<Option<String>, AppError> {
    let row = sqlx::query!(
        r#"SELECT ro.kind::text AS "kind!", ro.title, ro.party, m.official_name
           FROM registrations r JOIN roles ro ON ro.id = r.role_id
           JOIN municipalities m ON m.code = ro.municipality_code
           WHERE r.salon_id = $1 AND r.user_id = $2 AND r.kind = 'municipal'
             AND r.status IN ('registered', 'waitlisted')"#,
        salon,
        user
    )
    .fetch_optional(db)
    .await?;
    let tr = crate::web::i18n::Tr::new(crate::web::i18n::Locale::Da);
    Ok(row.map(|r| {
        tr.t_args(
            "inv-named-role",
            &[
                (
                    "role",
                    crate::registrations::role_label(&tr, &r.kind, &r.title, &r.party).into(),
                ),
                ("municipality", r.official_name.into()),
            ],
        )
    }))
}

/// [`ics_for`] for someone coming in a municipal `role`: each event says so.
pub async fn ics_in_role(
    state: &AppState,
    salon: &VisibleSalon,
    role: Option<&str>,
) -> Result<String, AppError> {
    ics_of(state, salon, role, &[]).await
}

/// [`ics_in_role`] with one event per session in `only` (empty: every session): seats are per
/// session, so a person's calendar holds the sessions they come to.
pub async fn ics_of(
    state: &AppState,
    salon: &VisibleSalon,
    role: Option<&str>,
    only: &[Uuid],
) -> Result<String, AppError> {
    Ok(SalonCalendar::load(state, salon).await?.ics(role, only))
}

/// A salon's sessions, read once and ready to be written as calendar files. Made before a
/// transaction that holds the salon's lock, so that each person's file — their own sessions
/// only, known once the seats are settled — is written without a connection of its own.
pub struct SalonCalendar {
    salon: VisibleSalon,
    details: show::Details,
    sessions: Vec<show::Session>,
    link: String,
    uid_host: String,
    now: DateTime<Utc>,
}

impl SalonCalendar {
    pub async fn load(state: &AppState, salon: &VisibleSalon) -> Result<Self, AppError> {
        Ok(SalonCalendar {
            salon: salon.clone(),
            details: show::details(&state.db, salon.id).await?,
            sessions: show::sessions(&state.db, salon.id).await?,
            link: state.config.link(&salon.path()),
            uid_host: uid_host(state).to_string(),
            now: state.clock.now(),
        })
    }

    /// The file with one event per session in `only` (empty: every session).
    pub fn ics(&self, role: Option<&str>, only: &[Uuid]) -> String {
        let d = &self.details;
        let place = Where {
            format: d.format,
            place_name: &d.place_name,
            address: &d.address,
            address_private: d.address_private,
            online_link: &d.online_link,
        };
        let mut calendar = crate::calendar::new_calendar();
        calendar.name(&self.salon.title);
        for s in self
            .sessions
            .iter()
            .filter(|s| only.is_empty() || only.contains(&s.id))
        {
            let e = SessionEvent {
                session_id: s.id,
                starts_at: s.starts_at,
                ends_at: s.ends_at,
                title: &self.salon.title,
                question: &d.question,
                url: &self.link,
                location: place.location(&s.place_name, &s.address, self.salon.sees_private),
                status: self.salon.status,
                sequence: d.sequence,
                role,
            };
            calendar.push(event(&e, &self.uid_host, self.now));
        }
        calendar.done().to_string()
    }
}

/// `GET /salons/{key}/calendar.ics`.
pub async fn download(
    State(state): State<AppState>,
    user: Option<CurrentUser>,
    Ids(key): Ids<SalonKey>,
) -> Result<Response, AppError> {
    let salon = load_visible(&state.db, key.id.uuid(), user.as_ref()).await?;
    let canonical = format!("{}/calendar.ics", salon.path());
    if format!("/salons/{}/calendar.ics", key.raw) != canonical {
        return Ok(Redirect::permanent(&canonical).into_response());
    }
    // Someone coming in a municipal role sees it in their calendar.
    let role = match &user {
        Some(u) => role_of(&state.db, salon.id, u.id).await?,
        None => None,
    };
    // Someone with a seat gets the sessions they have a seat in; anyone else every session.
    let seats = match &user {
        Some(u) => {
            sqlx::query_scalar!(
                r#"SELECT rs.session_id FROM registration_sessions rs
                   JOIN registrations r ON r.id = rs.registration_id
                   WHERE r.salon_id = $1 AND r.user_id = $2 AND r.status = 'registered'
                     AND rs.place = 'seat'"#,
                salon.id,
                u.id
            )
            .fetch_all(&state.db)
            .await?
        }
        None => Vec::new(),
    };
    let ics = ics_of(&state, &salon, role.as_deref(), &seats).await?;
    let disposition = format!(
        "attachment; filename=\"{}.ics\"",
        if salon.slug.is_empty() {
            "salon"
        } else {
            &salon.slug
        }
    );
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_string(),
            ),
            (header::CONTENT_DISPOSITION, disposition),
            // The file may hold a private link: never in a shared cache.
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        ics,
    )
        .into_response())
}
