//! A salon as iCalendar (RFC 5545): `GET /salons/{key}/calendar.ics`, and [`ics_for`] for the
//! registration confirmation's attachment. One VEVENT per session, its UID stable across
//! edits (the session's id), SEQUENCE from `salons.sequence`, LOCATION (the session's own
//! place when it has one) only for those who may see it.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus};

use super::SalonStatus;
use super::show;
use super::visibility::{VisibleSalon, load_visible, parse_key};
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::startup::AppState;
use crate::web::i18n::{Locale, Tr};

/// The salon as an `.ics` file, as the viewer of `salon` may see it. Texts are Danish: a
/// calendar file is read by calendar programs in any language.
pub async fn ics_for(state: &AppState, salon: &VisibleSalon) -> Result<String, AppError> {
    let d = show::details(&state.db, salon.id).await?;
    let sessions = show::sessions(&state.db, salon.id).await?;
    let tr = Tr::new(Locale::Da);
    let link = state.config.link(&salon.path());
    let host = state.config.base_url.host_str().unwrap_or("localhost");
    let (place, online) = d.place_for(&tr, salon.sees_private);
    // The location is given only where it is real, never as "vises for tilmeldte": a session's
    // own place, else the salon's, else (for those who may see it) the online link.
    let address_shown = d.address_shown(salon.sees_private);
    let location_for = |s: &show::Session| {
        let place = d
            .session_place_for(&tr, salon.sees_private, s)
            .or_else(|| place.clone());
        match (place, &online) {
            (Some(p), _) if address_shown => Some(p),
            (_, Some(l)) if salon.sees_private => Some(l.clone()),
            _ => None,
        }
    };
    let status = if salon.status == SalonStatus::Cancelled {
        EventStatus::Cancelled
    } else {
        EventStatus::Confirmed
    };
    let description = format!("{}\n\n{link}", d.question);
    let now = state.clock.now();
    let mut calendar = Calendar::new();
    calendar.name(&salon.title);
    for s in &sessions {
        let location = location_for(s);
        let mut event = Event::new();
        event
            .uid(&format!("{}@{host}", s.id))
            .timestamp(now)
            .starts(s.starts_at)
            .ends(s.ends_at)
            .summary(&salon.title)
            .description(&description)
            .url(&link)
            .status(status)
            .sequence(d.sequence.max(0) as u32);
        if let Some(location) = &location {
            event.location(location);
        }
        calendar.push(event.done());
    }
    Ok(calendar.done().to_string())
}

/// `GET /salons/{key}/calendar.ics`.
pub async fn download(
    State(state): State<AppState>,
    user: Option<CurrentUser>,
    Path(key): Path<String>,
) -> Result<Response, AppError> {
    let id = parse_key(&key).ok_or(AppError::NotFound)?;
    let salon = load_visible(&state.db, id, user.as_ref()).await?;
    let canonical = format!("{}/calendar.ics", salon.path());
    if format!("/salons/{key}/calendar.ics") != canonical {
        return Ok(Redirect::permanent(&canonical).into_response());
    }
    let ics = ics_for(&state, &salon).await?;
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
