//! Calendar feeds: a person's secret feed of every salon they host or attend
//! (`/calendar/{token}.ics`, managed from `/account` in [`address`]) and each municipality's
//! public feed (`/municipalities/{municipality}/calendar.ics`).
//!
//! A feed is one query (sessions joined to their salons), each row one VEVENT built by
//! [`crate::salons::calendar::event`], so a session reads the same in every calendar file.

mod address;

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use chrono::{DateTime, Duration, Utc};
use icalendar::Calendar;
use sqlx::PgExecutor;
use uuid::Uuid;

use crate::auth::{Access, RouteSpec};
use crate::error::AppError;
use crate::salons::calendar::{SessionEvent, Where, event, uid_host};
use crate::salons::visibility::path;
use crate::salons::{Format, SalonStatus};
use crate::state::AppState;
use crate::tokens::{self, Purpose};
use crate::web::i18n::{Locale, Tr};

pub use address::created_at as address_created_at;

/// The token behind a person's feed address: never expires, stored hashed, one per person.
pub const FEED: Purpose = Purpose("calendar.feed");

/// How far back a municipality's feed reaches: it is public and grows with every salon.
/// (A person's feed keeps everything: calendar programs drop events a feed no longer lists.)
const MUNICIPALITY_FEED_HISTORY: Duration = Duration::days(365);

pub fn routes() -> Vec<RouteSpec> {
    use Access::*;
    vec![
        // The secret token in the path is the credential.
        RouteSpec::get("/calendar/{file}", Public, get(personal)),
        RouteSpec::get(
            "/municipalities/{municipality}/calendar.ics",
            Public,
            get(municipality),
        ),
        RouteSpec::post("/account/calendar", SignedIn, post(address::create)),
        RouteSpec::post("/account/calendar/stop", SignedIn, post(address::stop)),
    ]
}

/// One session of a salon in a feed: a row of the feed's one query.
struct FeedRow {
    salon_id: Uuid,
    slug: String,
    title: String,
    question: String,
    status: SalonStatus,
    format: Format,
    place_name: String,
    address: String,
    address_private: bool,
    online_link: String,
    sequence: i32,
    session_id: Uuid,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    session_place_name: String,
    session_address: String,
    /// The role the feed's owner comes in ("Vejingeniør for Skanderborg Kommune" is made from
    /// it); NULL for a municipality's feed and for those coming as citizens or hosting.
    role_kind: Option<String>,
    role_title: Option<String>,
    role_party: Option<String>,
    role_municipality: Option<String>,
}

/// Every session of the published salons that `user` hosts, and each session they have a seat
/// in (as a citizen or for the municipality; not waitlisted), cancelled ones included.
async fn personal_rows<'e>(db: impl PgExecutor<'e>, user: Uuid) -> sqlx::Result<Vec<FeedRow>> {
    sqlx::query_as!(
        FeedRow,
        r#"SELECT s.id AS salon_id, s.slug, s.title, s.question,
                  s.status AS "status: SalonStatus", s.format AS "format: Format",
                  s.place_name, s.address, s.address_private, s.online_link, s.sequence,
                  ss.id AS session_id, ss.starts_at, ss.ends_at,
                  ss.place_name AS session_place_name, ss.address AS session_address,
                  role.kind AS "role_kind?", role.title AS "role_title?",
                  role.party AS "role_party?", role.municipality AS "role_municipality?"
           FROM salons s JOIN salon_sessions ss ON ss.salon_id = s.id
           LEFT JOIN LATERAL (
               SELECT ro.kind::text AS kind, ro.title, ro.party, m.official_name AS municipality
               FROM registrations r JOIN roles ro ON ro.id = r.role_id
               JOIN municipalities m ON m.code = ro.municipality_code
               WHERE r.salon_id = s.id AND r.user_id = $1 AND r.kind = 'municipal'
                 AND r.status = 'registered' LIMIT 1) role ON true
           WHERE s.id IN (SELECT salon_id FROM salon_hosts WHERE user_id = $1
                          UNION
                          SELECT salon_id FROM registrations
                          WHERE user_id = $1 AND status = 'registered')
             -- seats are per session: a host's every session, else those with a seat
             AND (EXISTS (SELECT 1 FROM salon_hosts h WHERE h.salon_id = s.id AND h.user_id = $1)
                  OR EXISTS (SELECT 1 FROM registration_sessions rs
                             JOIN registrations r ON r.id = rs.registration_id
                             WHERE rs.session_id = ss.id AND r.user_id = $1
                               AND rs.place = 'seat' AND r.status = 'registered'))
             AND s.published_at IS NOT NULL AND s.hidden_reason IS NULL
           ORDER BY ss.starts_at, ss.id"#,
        user
    )
    .fetch_all(db)
    .await
}

/// The sessions of a municipality's public, published salons that ended after `since`.
/// Unlisted and invite-only salons and drafts never appear.
async fn municipality_rows<'e>(
    db: impl PgExecutor<'e>,
    code: &str,
    since: DateTime<Utc>,
) -> sqlx::Result<Vec<FeedRow>> {
    sqlx::query_as!(
        FeedRow,
        r#"SELECT s.id AS salon_id, s.slug, s.title, s.question,
                  s.status AS "status: SalonStatus", s.format AS "format: Format",
                  s.place_name, s.address, s.address_private, s.online_link, s.sequence,
                  ss.id AS session_id, ss.starts_at, ss.ends_at,
                  ss.place_name AS session_place_name, ss.address AS session_address,
                  NULL::text AS "role_kind?", NULL::text AS "role_title?",
                  NULL::text AS "role_party?", NULL::text AS "role_municipality?"
           FROM salons s JOIN salon_sessions ss ON ss.salon_id = s.id
           WHERE s.municipality_code = $1 AND s.visibility = 'public'
             AND s.status <> 'draft' AND s.published_at IS NOT NULL
             AND s.hidden_reason IS NULL AND ss.ends_at > $2
           ORDER BY ss.starts_at, ss.id"#,
        code,
        since
    )
    .fetch_all(db)
    .await
}

/// An empty calendar that names Medspil as its maker: every `.ics` the site sends or serves
/// starts here (the library's default names itself).
pub fn new_calendar() -> Calendar {
    let mut calendar = Calendar::empty();
    calendar
        .append_property(("VERSION", "2.0"))
        .append_property(("PRODID", "-//Medspil//Medspil//DA"))
        .append_property(("CALSCALE", "GREGORIAN"));
    calendar
}

/// A calendar called `name` with one VEVENT per row. `sees_private`: the reader may see the
/// online link and a private address (the feed's owner, never a public feed's reader).
fn calendar(state: &AppState, name: &str, rows: &[FeedRow], sees_private: bool) -> String {
    let now = state.clock.now();
    let tr = Tr::new(Locale::Da);
    let mut calendar = new_calendar();
    calendar.name(name);
    for r in rows {
        let role = match (
            &r.role_kind,
            &r.role_title,
            &r.role_party,
            &r.role_municipality,
        ) {
            (Some(kind), Some(title), Some(party), Some(m)) => Some(tr.t_args(
                "inv-named-role",
                &[
                    (
                        "role",
                        crate::registrations::role_label(&tr, kind, title, party).into(),
                    ),
                    ("municipality", m.clone().into()),
                ],
            )),
            _ => None,
        };
        let url = state.config.link(&path(r.salon_id, &r.slug));
        let place = Where {
            format: r.format,
            place_name: &r.place_name,
            address: &r.address,
            address_private: r.address_private,
            online_link: &r.online_link,
        };
        let e = SessionEvent {
            session_id: r.session_id,
            starts_at: r.starts_at,
            ends_at: r.ends_at,
            title: &r.title,
            question: &r.question,
            url: &url,
            location: place.location(&r.session_place_name, &r.session_address, sees_private),
            status: r.status,
            sequence: r.sequence,
            role: role.as_deref(),
        };
        calendar.push(event(&e, uid_host(state), now));
    }
    calendar.done().to_string()
}

/// An `.ics` response. `cache` is the Cache-Control value.
pub(crate) fn ics_response(ics: String, filename: &str, cache: &'static str) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{filename}.ics\""),
            ),
            (header::CACHE_CONTROL, cache.to_string()),
        ],
        ics,
    )
        .into_response()
}

/// The token in a feed's file name (`{token}.ics`), if it looks like one of ours.
fn token_of(file: &str) -> Option<&str> {
    let token = file.strip_suffix(".ics")?;
    (token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())).then_some(token)
}

/// `GET /calendar/{token}.ics`: the person's own feed, private parts included (they host or
/// are registered, so they may see them). An unknown or replaced token is a 404.
async fn personal(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Response, AppError> {
    let token = token_of(&file).ok_or(AppError::NotFound)?;
    let mut conn = state.db.acquire().await?;
    let record = tokens::peek(&mut conn, FEED, token, state.clock.now())
        .await?
        .ok_or(AppError::NotFound)?;
    let user = record.user_id.ok_or(AppError::NotFound)?;
    let rows = personal_rows(&mut *conn, user).await?;
    let name = Tr::new(Locale::Da).t("calendar-feed-personal-name");
    let ics = calendar(&state, &name, &rows, true);
    // Holds private links and addresses: never in a shared cache.
    Ok(ics_response(ics, "medspil", "private, no-store"))
}

/// `GET /municipalities/{municipality}/calendar.ics`: the municipality's public salons.
async fn municipality(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let m = crate::municipalities::find(&state.db, &slug).await?;
    let since = state.clock.now() - MUNICIPALITY_FEED_HISTORY;
    let rows = municipality_rows(&state.db, &m.code, since).await?;
    let name = Tr::new(Locale::Da).t1(
        "calendar-feed-municipality-name",
        "municipality",
        &m.official_name,
    );
    let ics = calendar(&state, &name, &rows, false);
    Ok(ics_response(ics, &m.slug, "public, max-age=300"))
}

#[cfg(test)]
mod tests {
    use super::token_of;

    #[test]
    fn a_feed_file_is_a_long_hex_token_with_the_ics_suffix() {
        let token = "ab".repeat(32);
        assert_eq!(token_of(&format!("{token}.ics")), Some(token.as_str()));
        assert_eq!(token_of(&token), None);
        assert_eq!(token_of("abc.ics"), None);
        assert_eq!(token_of(&format!("{}.ics", "zz".repeat(32))), None);
    }
}
