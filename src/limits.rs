//! Abuse limits: how many salons, host messages and invitation emails one person, how many
//! sign-ups one client address, and how many account mails one address may be sent, in a window.
//!
//! The values are rows of `abuse_limits` (seeded by the migration), so every process uses the
//! same ones and an operator changes them once with `medspil admin limits set NAME N`. Each
//! action counts its own real rows inside its transaction, after [`guard`] has taken an
//! advisory lock for the person (or address) and read the value: two requests, even in two
//! processes, cannot both slip past the count. A limit that is reached answers with the form,
//! a message saying when the person can try again ([`Reached`]) and status 429 with
//! `Retry-After` (422 for a limit without a window, which no wait lifts).

use askama::Template;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Duration, Utc};
use sqlx::{PgConnection, PgExecutor, PgPool};

use crate::web::Page;
use crate::web::i18n::Tr;

/// One configurable limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    /// Salons a person creates in any 24 hours (drafts count: they are what costs).
    SalonsPerDay,
    /// Messages a host sends to everyone registered, in any 24 hours.
    MessagesPerDay,
    /// Invitations that send email (to private addresses and municipal mailboxes) per host
    /// in any 24 hours.
    InvitationEmailsPerDay,
    /// The same per salon, in all.
    InvitationEmailsPerSalon,
    /// Sign-ups from one client address in any hour.
    SignupsPerAddressPerHour,
    /// Account mails of one purpose (a reset link, the confirmation again, "this address
    /// already has an account", an email change) that requests from people not signed in or
    /// not confirmed cause to one recipient address, in any hour (the account pages).
    AccountMailsPerRecipientPerHour,
    /// The same in any 24 hours.
    AccountMailsPerRecipientPerDay,
    /// Such mails, of every purpose and to any recipient, asked for from one client address in
    /// any hour.
    AccountMailsPerAddressPerHour,
    /// Pictures a host uploads (to any of their salons) in any 24 hours: each one is decoded
    /// and re-encoded, the most expensive thing a request can ask of the server.
    PictureUploadsPerDay,
    /// Questions and comments (top-level items of a salon's conversation) a person writes in
    /// any 24 hours.
    QuestionsPerDay,
    /// Replies in salons' conversations a person writes in any hour.
    RepliesPerHour,
    /// Requests to the open API (`/api/…`) from one client address in any minute.
    ApiRequestsPerAddressPerMinute,
}

impl Limit {
    pub const ALL: [Limit; 12] = [
        Limit::SalonsPerDay,
        Limit::MessagesPerDay,
        Limit::InvitationEmailsPerDay,
        Limit::InvitationEmailsPerSalon,
        Limit::SignupsPerAddressPerHour,
        Limit::AccountMailsPerRecipientPerHour,
        Limit::AccountMailsPerRecipientPerDay,
        Limit::AccountMailsPerAddressPerHour,
        Limit::PictureUploadsPerDay,
        Limit::QuestionsPerDay,
        Limit::RepliesPerHour,
        Limit::ApiRequestsPerAddressPerMinute,
    ];

    /// Its name in the table and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Limit::SalonsPerDay => "salons_per_day",
            Limit::MessagesPerDay => "messages_per_day",
            Limit::InvitationEmailsPerDay => "invitation_emails_per_day",
            Limit::InvitationEmailsPerSalon => "invitation_emails_per_salon",
            Limit::SignupsPerAddressPerHour => "signups_per_address_per_hour",
            Limit::AccountMailsPerRecipientPerHour => "account_mails_per_recipient_per_hour",
            Limit::AccountMailsPerRecipientPerDay => "account_mails_per_recipient_per_day",
            Limit::AccountMailsPerAddressPerHour => "account_mails_per_address_per_hour",
            Limit::PictureUploadsPerDay => "picture_uploads_per_day",
            Limit::QuestionsPerDay => "questions_per_day",
            Limit::RepliesPerHour => "replies_per_hour",
            Limit::ApiRequestsPerAddressPerMinute => "api_requests_per_address_per_minute",
        }
    }

    pub fn parse(name: &str) -> Option<Limit> {
        Limit::ALL.into_iter().find(|l| l.name() == name.trim())
    }

    /// The value the migration seeds; used as well if an operator removed the row, so a
    /// missing row never stops anyone from working.
    pub fn default_value(self) -> i64 {
        match self {
            Limit::SalonsPerDay => 5,
            Limit::MessagesPerDay => 3,
            Limit::InvitationEmailsPerDay => 20,
            Limit::InvitationEmailsPerSalon => 50,
            Limit::SignupsPerAddressPerHour => 20,
            Limit::AccountMailsPerRecipientPerHour => 3,
            Limit::AccountMailsPerRecipientPerDay => 10,
            Limit::AccountMailsPerAddressPerHour => 20,
            Limit::PictureUploadsPerDay => 20,
            Limit::QuestionsPerDay => 5,
            Limit::RepliesPerHour => 10,
            Limit::ApiRequestsPerAddressPerMinute => 300,
        }
    }

    /// How far back it counts; `None` counts everything (a salon's invitations in all).
    pub fn window(self) -> Option<Duration> {
        match self {
            Limit::InvitationEmailsPerSalon => None,
            Limit::SignupsPerAddressPerHour
            | Limit::AccountMailsPerRecipientPerHour
            | Limit::AccountMailsPerAddressPerHour
            | Limit::RepliesPerHour => Some(Duration::hours(1)),
            Limit::ApiRequestsPerAddressPerMinute => Some(Duration::minutes(1)),
            _ => Some(Duration::hours(24)),
        }
    }

    /// For the operator's listing (Danish, as the rest of the command's output).
    pub fn about(self) -> &'static str {
        match self {
            Limit::SalonsPerDay => "saloner, én person opretter på et døgn",
            Limit::MessagesPerDay => "beskeder til de tilmeldte, én vært sender på et døgn",
            Limit::InvitationEmailsPerDay => "invitationer på e-mail, én vært sender på et døgn",
            Limit::InvitationEmailsPerSalon => "invitationer på e-mail fra én salon i alt",
            Limit::SignupsPerAddressPerHour => "nye konti fra én klientadresse på en time",
            Limit::AccountMailsPerRecipientPerHour => {
                "kontomails af én slags til én modtager på en time"
            }
            Limit::AccountMailsPerRecipientPerDay => {
                "kontomails af én slags til én modtager på et døgn"
            }
            Limit::AccountMailsPerAddressPerHour => {
                "kontomails bedt om fra én klientadresse på en time"
            }
            Limit::PictureUploadsPerDay => "billeder, én vært lægger op på et døgn",
            Limit::QuestionsPerDay => "spørgsmål og kommentarer, én person skriver på et døgn",
            Limit::RepliesPerHour => "svar i saloners samtaler, én person skriver på en time",
            Limit::ApiRequestsPerAddressPerMinute => {
                "forespørgsler til det åbne API fra én klientadresse på et minut"
            }
        }
    }

    /// The earliest time a row still counts: rows at or before it are out of the window.
    pub fn since(self, now: DateTime<Utc>) -> DateTime<Utc> {
        match self.window() {
            Some(w) => now - w,
            None => DateTime::<Utc>::UNIX_EPOCH,
        }
    }
}

/// The current value of `limit`.
pub async fn value<'e>(db: impl PgExecutor<'e>, limit: Limit) -> sqlx::Result<i64> {
    let stored = sqlx::query_scalar!(
        "SELECT value FROM abuse_limits WHERE name = $1",
        limit.name()
    )
    .fetch_optional(db)
    .await?;
    Ok(stored.map_or(limit.default_value(), i64::from))
}

/// Starts a counted action in the caller's transaction: serialises the actions of `who` (a
/// person's id, a salon's id, an address's hash) against `limit` until the transaction ends,
/// and returns the limit's value. The caller then counts its rows and asks [`reached`].
pub async fn guard(conn: &mut PgConnection, limit: Limit, who: &str) -> sqlx::Result<i64> {
    sqlx::query!(
        "SELECT pg_advisory_xact_lock(hashtextextended('limit:' || $1 || ':' || $2, 0))",
        limit.name(),
        who
    )
    .execute(&mut *conn)
    .await?;
    value(&mut *conn, limit).await
}

/// A limit that has been reached.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reached {
    pub limit: i64,
    /// When the oldest counted row leaves the window and one more is allowed (`None` for a
    /// limit without a window).
    pub again_at: Option<DateTime<Utc>>,
}

/// Whether `limit` (of value `value`) is reached, given the time of the `value`-th newest row
/// in its window (`None`: there are fewer rows than that). Counting "the value-th newest row"
/// rather than all rows gives the count and the time to try again in one indexed look-up.
pub fn reached(limit: Limit, value: i64, nth_newest: Option<DateTime<Utc>>) -> Option<Reached> {
    nth_newest.map(|at| Reached {
        limit: value,
        again_at: limit.window().map(|w| at + w),
    })
}

impl Reached {
    /// The `Retry-After` of its 429: the whole seconds until one more is allowed (none for a
    /// limit without a window, which does not pass).
    pub fn retry_after(&self, now: DateTime<Utc>) -> Option<axum::http::HeaderValue> {
        let wait = self.again_at? - now;
        let seconds = (wait.num_milliseconds().max(1) + 999) / 1000;
        Some(axum::http::HeaderValue::from(seconds))
    }

    /// The message `key` with `$limit` and, where there is one, `$when` (the time to try
    /// again, "lørdag 5. december kl. 14.00").
    pub fn message(&self, tr: &Tr, key: &str) -> String {
        let when = self.again_at.map(|at| tr.datetime(at)).unwrap_or_default();
        tr.t_args(key, &[("limit", self.limit.into()), ("when", when.into())])
    }

    /// The answer to a form refused at this limit (`page`: the form again, with the message
    /// by it). A limit with a window answers 429 with `Retry-After`; one without (a salon's
    /// invitations in all) answers 422, because trying again later never helps and a 429
    /// would promise that it does.
    pub fn respond<T: Template>(&self, now: DateTime<Utc>, page: T) -> Response {
        match self.retry_after(now) {
            Some(after) => {
                let mut response = (StatusCode::TOO_MANY_REQUESTS, Page(page)).into_response();
                response.headers_mut().insert(header::RETRY_AFTER, after);
                response
            }
            None => Page::invalid(page),
        }
    }
}

/// A form refused at a limit: which limit, and the message the form shows by it.
#[derive(Clone, Debug)]
pub struct Refusal {
    pub reached: Reached,
    pub message: String,
}

impl Refusal {
    /// The form again with the message, answered as [`Reached::respond`] says.
    pub fn respond<T: Template>(&self, now: DateTime<Utc>, page: T) -> Response {
        self.reached.respond(now, page)
    }
}

/// Every limit with its value, in a fixed order (for `medspil admin limits`).
pub async fn all(db: &PgPool) -> sqlx::Result<Vec<(Limit, i64)>> {
    let rows = sqlx::query!("SELECT name, value FROM abuse_limits")
        .fetch_all(db)
        .await?;
    Ok(Limit::ALL
        .into_iter()
        .map(|l| {
            let stored = rows.iter().find(|r| r.name == l.name());
            (l, stored.map_or(l.default_value(), |r| i64::from(r.value)))
        })
        .collect())
}

/// Why a limit could not be set.
#[derive(Debug, thiserror::Error)]
pub enum SetError {
    #[error("ukendt grænse {0:?}; kendte grænser: {1}")]
    Unknown(String, String),
    #[error("en grænse skal være et helt tal fra 1 til 1000000")]
    OutOfRange,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// Sets the limit called `name` to `value` (for every process at once: each reads the table
/// when it counts).
pub async fn set(db: &PgPool, name: &str, value: i64) -> Result<Limit, SetError> {
    let limit = Limit::parse(name).ok_or_else(|| {
        let names: Vec<&str> = Limit::ALL.iter().map(|l| l.name()).collect();
        SetError::Unknown(name.to_string(), names.join(", "))
    })?;
    let value = i32::try_from(value)
        .ok()
        .filter(|v| (1..=1_000_000).contains(v))
        .ok_or(SetError::OutOfRange)?;
    sqlx::query!(
        r#"INSERT INTO abuse_limits (name, value) VALUES ($1, $2)
           ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value"#,
        limit.name(),
        value
    )
    .execute(db)
    .await?;
    Ok(limit)
}

/// How old an account must be before links in the salon texts it hosts are shown as links:
/// a fresh account made to spread links gets nothing clickable out of it.
pub const LINKS_AFTER: Duration = Duration::days(1);

/// Whether links in a salon's texts are shown as plain text, when the newest account among
/// its hosts was created at `newest_host`.
pub fn links_as_text(newest_host: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    newest_host.is_some_and(|created| now - created < LINKS_AFTER)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for l in Limit::ALL {
            assert_eq!(Limit::parse(l.name()), Some(l));
        }
        assert_eq!(Limit::parse("nope"), None);
    }

    #[test]
    fn the_time_to_try_again_is_when_the_oldest_counted_row_leaves_the_window() {
        let at = DateTime::parse_from_rfc3339("2026-12-01T09:00:00Z")
            .unwrap()
            .to_utc();
        assert_eq!(reached(Limit::SalonsPerDay, 5, None), None);
        let r = reached(Limit::SalonsPerDay, 5, Some(at)).unwrap();
        assert_eq!(r.again_at, Some(at + Duration::hours(24)));
        let r = reached(Limit::InvitationEmailsPerSalon, 50, Some(at)).unwrap();
        assert_eq!(r.again_at, None);
    }

    #[test]
    fn links_are_text_for_a_day() {
        let now = DateTime::parse_from_rfc3339("2026-12-01T09:00:00Z")
            .unwrap()
            .to_utc();
        assert!(links_as_text(Some(now - Duration::hours(23)), now));
        assert!(!links_as_text(Some(now - Duration::hours(24)), now));
        assert!(!links_as_text(None, now));
    }
}
