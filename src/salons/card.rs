//! A salon as a card in a list: the one view every list of salons renders through
//! `templates/salons/card.html` (the front page, the directory, a municipality's, a unit's and
//! a decision's page). A page with its own query builds a [`SalonCard`] from its row and
//! includes the template inside `<ul class="salon-list">`, with the card in a variable named
//! `card`. `/mine` builds one per row too, and adds its own parts after the card's body.

use chrono::{DateTime, Datelike, Utc};
use chrono_tz::Europe::Copenhagen;

use super::{Format, SalonStatus};
use crate::web::i18n::Tr;

/// Where a salon stands, as its chip says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CardStatus {
    /// Not published yet: only its hosts see it (on their own page).
    Draft,
    /// Open for registration with seats left (or no limit).
    Open,
    /// Every seat is taken; registering puts you on the waitlist.
    Waitlist,
    /// Every seat is taken and no one can be added (the salon has begun).
    Full,
    Cancelled,
    /// Held, its summary not published yet.
    Held,
    /// Closed with its summary published.
    Summary,
}

impl CardStatus {
    /// The status of a salon from its stored state and seats. `begun`: its first session has
    /// started, so no one can join the waitlist any more.
    pub fn of(status: SalonStatus, seats_left: Option<i32>, begun: bool) -> CardStatus {
        match status {
            SalonStatus::Cancelled => CardStatus::Cancelled,
            SalonStatus::Held => CardStatus::Held,
            SalonStatus::Closed => CardStatus::Summary,
            SalonStatus::Draft => CardStatus::Draft,
            SalonStatus::Published => match seats_left {
                Some(0) if begun => CardStatus::Full,
                Some(0) => CardStatus::Waitlist,
                _ => CardStatus::Open,
            },
        }
    }

    /// The suffix of the chip's class and its text's key (`salon-chip-…`).
    pub fn as_str(self) -> &'static str {
        match self {
            CardStatus::Draft => "draft",
            CardStatus::Open => "open",
            CardStatus::Waitlist => "waitlist",
            CardStatus::Full => "full",
            CardStatus::Cancelled => "cancelled",
            CardStatus::Held => "held",
            CardStatus::Summary => "summary",
        }
    }
}

/// One salon in a list, ready for `salons/card.html`.
#[derive(Clone, Debug)]
pub struct SalonCard {
    pub path: String,
    pub title: String,
    pub question: String,
    pub municipality_name: String,
    /// Empty for a salon without a town (online).
    pub town: String,
    pub format: Format,
    /// `None` for a draft without a session yet: no badge, "Intet tidspunkt endnu".
    pub first_starts_at: Option<DateTime<Utc>>,
    pub more_sessions: bool,
    pub status: CardStatus,
    /// Seats left when the salon has a limit and is open.
    pub seats_left: Option<i32>,
    pub step_free: bool,
    /// The municipality's units that said yes and come, in the order they answered:
    /// "Teknik og Miljø".
    pub answer_units: Vec<String>,
    /// The title's heading level: 3 in a page's list, 4 under a subsection's `h3` (`/mine`).
    pub level: u8,
}

impl SalonCard {
    /// The date badge: ("fre.", "11", "dec."), in Copenhagen; `None` without a date.
    pub fn badge(&self, tr: &Tr) -> Option<(&'static str, String, &'static str)> {
        let local = self.first_starts_at?.with_timezone(&Copenhagen);
        Some((
            tr.weekday_short(local.weekday().number_from_monday()),
            local.day().to_string(),
            tr.month_short(local.month()),
        ))
    }

    /// The date's `datetime` attribute; "" without a date.
    pub fn when_attr(&self) -> String {
        self.first_starts_at
            .map(|at| at.to_rfc3339())
            .unwrap_or_default()
    }

    /// "lørdag 5. december kl. 14.00" (and "og flere møder" for a series), or "Intet
    /// tidspunkt endnu" for a draft without a session.
    pub fn when(&self, tr: &Tr) -> String {
        let Some(at) = self.first_starts_at else {
            return tr.t("salon-card-no-date");
        };
        let first = tr.datetime(at);
        if self.more_sessions {
            tr.t1("directory-more-sessions", "first", &first)
        } else {
            first
        }
    }

    pub fn online(&self) -> bool {
        self.format == Format::Online
    }

    pub fn format_label(&self, tr: &Tr) -> String {
        tr.t(&format!("salon-format-{}", self.format.as_str()))
    }

    /// "Ry, Skanderborg" or "Skanderborg".
    pub fn place(&self) -> String {
        if self.town.is_empty() {
            self.municipality_name.clone()
        } else {
            format!("{}, {}", self.town, self.municipality_name)
        }
    }

    /// "3 ledige pladser", or "" when the salon has no limit, is full (the chip says so) or
    /// is over.
    pub fn seats_text(&self, tr: &Tr) -> String {
        match self.seats_left {
            Some(n) if self.status == CardStatus::Open => tr.count("salon-seats-left", n.into()),
            _ => String::new(),
        }
    }

    pub fn chip(&self, tr: &Tr) -> String {
        tr.t(&format!("salon-chip-{}", self.status.as_str()))
    }

    /// "Teknik og Miljø kommer", or "" when no unit has said yes.
    pub fn answer(&self, tr: &Tr) -> String {
        match self.answer_units.as_slice() {
            [] => String::new(),
            [one] => tr.t1("salon-card-coming", "units", one),
            // "Teknik og Miljø og 2 andre kommer": one line, however many said yes.
            [first, rest @ ..] => tr.t1(
                "salon-card-coming",
                "units",
                &tr.t_args(
                    "salon-card-and-others",
                    &[
                        ("first", first.clone().into()),
                        ("count", (rest.len() as i64).into()),
                    ],
                ),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_salon_takes_a_waitlist_until_it_begins() {
        use SalonStatus::*;
        assert_eq!(CardStatus::of(Draft, Some(3), false), CardStatus::Draft);
        assert_eq!(CardStatus::of(Published, Some(3), false), CardStatus::Open);
        assert_eq!(CardStatus::of(Published, None, false), CardStatus::Open);
        assert_eq!(
            CardStatus::of(Published, Some(0), false),
            CardStatus::Waitlist
        );
        assert_eq!(CardStatus::of(Published, Some(0), true), CardStatus::Full);
        assert_eq!(
            CardStatus::of(Cancelled, Some(0), true),
            CardStatus::Cancelled
        );
        assert_eq!(CardStatus::of(Held, None, true), CardStatus::Held);
        assert_eq!(CardStatus::of(Closed, None, true), CardStatus::Summary);
    }
}
