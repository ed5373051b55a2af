//! Salons: hosting a samtalesalon — creating, editing, publishing and cancelling it, its
//! sessions and co-hosts, the salon page, its calendar file, and the one visibility rule.
//!
//! Where to look: [`form`] is the create/edit form and its parsing into [`values`];
//! [`create`] and [`edit`] save it; [`lifecycle`] publishes, cancels and marks a salon held;
//! [`reminders`] mails registered people before each session; [`show`] is the page;
//! [`calendar`] the `.ics`; [`hosts`] the co-hosts; [`visibility`] the rule every route under
//! a salon goes through, [`access`] the check for its hosts' routes; [`account`] the person's
//! data and deletion; [`guides`] the built-in formats a new salon can start from and
//! `/salons/guide`.

mod access;
mod account;
pub mod calendar;
pub mod card;
mod cohosts;
mod create;
mod edit;
pub mod form;
mod guides;
mod hosts;
mod lifecycle;
mod mails;
pub mod markdown;
mod moves;
mod poster;
mod reminders;
mod sharing;
mod show;
mod summary;
pub mod values;
pub mod visibility;

use axum::routing::{get, post};
use chrono::{DateTime, Datelike, Timelike, Utc};
use chrono_tz::Europe::Copenhagen;

use crate::auth::{Access, RouteSpec};
use crate::jobs::Worker;
use crate::web::i18n::{Locale, Tr};

pub use access::{HostedSalon, SALON_HOST};
pub use account::{on_account_deleted, personal_data};
pub use calendar::ics_for;
pub use cohosts::personal_data as cohost_personal_data;
pub use cohosts::{accept_cohost, invite as invite_cohost};
pub use create::{Created, create};
pub use lifecycle::{Published, cancel_salon, publish_salon};
pub use moves::move_session;
pub use show::{Session, ShowPage, details, details_for, render as render_page, sessions};
pub use summary::{parse_summary, write_summary};
pub use visibility::{SalonKey, VisibleSalon, load_visible, parse_key};

/// The salons feature's routes.
pub fn routes() -> Vec<RouteSpec> {
    use Access::*;
    vec![
        RouteSpec::get("/salons/new", Verified, get(create::form)),
        RouteSpec::post("/salons/new", Verified, post(create::submit)),
        RouteSpec::get("/salons/guide", Public, get(guides::page)),
        RouteSpec::get("/salons/{key}", Public, get(show::page)),
        RouteSpec::get("/salons/{key}/poster", Public, get(poster::page)),
        RouteSpec::get(
            "/salons/{key}/calendar.ics",
            Public,
            get(calendar::download),
        ),
        RouteSpec::get("/salons/{key}/edit", SALON_HOST, get(edit::form)),
        RouteSpec::get("/salons/{key}/copy", SALON_HOST, get(create::copy)),
        RouteSpec::post("/salons/{key}/edit", SALON_HOST, post(edit::submit)),
        RouteSpec::post(
            "/salons/{key}/publish",
            SALON_HOST,
            post(lifecycle::publish),
        ),
        RouteSpec::get("/salons/{key}/summary", SALON_HOST, get(summary::form)),
        RouteSpec::post("/salons/{key}/summary", SALON_HOST, post(summary::submit)),
        RouteSpec::get(
            "/salons/{key}/cancel",
            SALON_HOST,
            get(lifecycle::cancel_form),
        ),
        RouteSpec::post("/salons/{key}/cancel", SALON_HOST, post(lifecycle::cancel)),
        RouteSpec::get("/salons/{key}/hosts", SALON_HOST, get(hosts::page)),
        RouteSpec::post("/salons/{key}/hosts", SALON_HOST, post(hosts::add)),
        RouteSpec::post(
            "/salons/{key}/hosts/remove",
            SALON_HOST,
            post(hosts::remove),
        ),
        RouteSpec::post(
            "/salons/{key}/hosts/withdraw",
            SALON_HOST,
            post(hosts::withdraw),
        ),
        // The token in the path is the credential: it declines, or leads to signing in.
        RouteSpec::get("/cohost/{token}", Public, get(cohosts::token_page)),
        RouteSpec::post(
            "/cohost/{token}/decline",
            Public,
            post(cohosts::token_decline),
        ),
        RouteSpec::get(
            "/cohost-invitations/{cohost}",
            Verified,
            get(cohosts::signed_in_page),
        ),
        RouteSpec::post(
            "/cohost-invitations/{cohost}/accept",
            Verified,
            post(cohosts::accept),
        ),
        RouteSpec::post(
            "/cohost-invitations/{cohost}/decline",
            Verified,
            post(cohosts::decline),
        ),
    ]
}

/// Adds the salons' jobs (marking a salon held after its last session, reminders) to `worker`.
pub fn register_jobs(worker: Worker) -> Worker {
    worker
        .handle(lifecycle::HELD_KIND, lifecycle::run_held)
        .handle(summary::REMIND_KIND, summary::run_reminder)
        .handle(
            lifecycle::NOTIFY_CANCELLED_KIND,
            lifecycle::run_notify_cancelled,
        )
        .handle(reminders::SESSION_KIND, reminders::run_session)
        .handle(reminders::PERSON_KIND, reminders::run_person)
}

/// Where a salon is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, sqlx::Type, serde::Deserialize)]
#[sqlx(type_name = "salon_status", rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum SalonStatus {
    Draft,
    Published,
    Held,
    Closed,
    Cancelled,
}

/// Who can find a salon.
#[derive(Clone, Copy, Debug, PartialEq, Eq, sqlx::Type)]
#[sqlx(type_name = "salon_visibility", rename_all = "snake_case")]
pub enum Visibility {
    Public,
    Unlisted,
    InviteOnly,
}

impl Visibility {
    pub const ALL: [Visibility; 3] = [
        Visibility::Public,
        Visibility::Unlisted,
        Visibility::InviteOnly,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Public => "public",
            Visibility::Unlisted => "unlisted",
            Visibility::InviteOnly => "invite_only",
        }
    }

    pub fn parse(raw: &str) -> Option<Visibility> {
        Visibility::ALL.into_iter().find(|v| v.as_str() == raw)
    }
}

/// Where a salon takes place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, sqlx::Type, serde::Deserialize)]
#[sqlx(type_name = "salon_format", rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum Format {
    InPerson,
    Online,
    Hybrid,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::InPerson, Format::Online, Format::Hybrid];

    pub fn as_str(self) -> &'static str {
        match self {
            Format::InPerson => "in_person",
            Format::Online => "online",
            Format::Hybrid => "hybrid",
        }
    }

    pub fn parse(raw: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|v| v.as_str() == raw)
    }

    /// Whether the salon meets at an address.
    pub fn has_place(self) -> bool {
        matches!(self, Format::InPerson | Format::Hybrid)
    }

    /// Whether the salon has an online link.
    pub fn has_link(self) -> bool {
        matches!(self, Format::Online | Format::Hybrid)
    }
}

/// A time of day as people read it: "14.00" in Danish, "14:00" in English.
pub fn clock_time(locale: Locale, at: DateTime<Utc>) -> String {
    let local = at.with_timezone(&Copenhagen);
    let sep = match locale {
        Locale::Da => '.',
        Locale::En => ':',
    };
    format!("{:02}{sep}{:02}", local.hour(), local.minute())
}

/// A session as people read it: "lørdag 5. december kl. 14.00–16.00".
pub fn session_when(tr: &Tr, starts_at: DateTime<Utc>, ends_at: DateTime<Utc>) -> String {
    let same_day = starts_at.with_timezone(&Copenhagen).date_naive()
        == ends_at.with_timezone(&Copenhagen).date_naive();
    if same_day {
        format!(
            "{}–{}",
            tr.datetime(starts_at),
            clock_time(tr.locale, ends_at)
        )
    } else {
        format!("{} – {}", tr.datetime(starts_at), tr.datetime(ends_at))
    }
}

/// The local date (`YYYY-MM-DD`) and time (`HH:MM`) of a moment, as the form's inputs hold them.
pub fn form_date_time(at: DateTime<Utc>) -> (String, String) {
    let local = at.with_timezone(&Copenhagen);
    (
        format!(
            "{:04}-{:02}-{:02}",
            local.year(),
            local.month(),
            local.day()
        ),
        format!("{:02}:{:02}", local.hour(), local.minute()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sessions_read_the_danish_way() {
        let start = DateTime::parse_from_rfc3339("2026-12-05T13:00:00Z")
            .unwrap()
            .to_utc();
        let end = start + chrono::Duration::hours(2);
        assert_eq!(
            session_when(&Tr::new(Locale::Da), start, end),
            "lørdag 5. december kl. 14.00–16.00"
        );
        assert_eq!(
            session_when(&Tr::new(Locale::En), start, end),
            "Saturday 5 December at 14:00–16:00"
        );
        assert_eq!(
            form_date_time(start),
            ("2026-12-05".to_string(), "14:00".to_string())
        );
    }
}
