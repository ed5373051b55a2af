//! A salon as a card in a list: the one view every list of salons renders through
//! `templates/salons/card.html` (the front page, the directory, a municipality's, a unit's and
//! a decision's page). A page with its own query builds a [`SalonCard`] from its row and
//! includes the template inside `<ul class="salon-list">`, with the card in a variable named
//! `card`. `/mine` builds one per row too, and adds its own parts after the card's body.

use chrono::{DateTime, Datelike, NaiveDateTime, Timelike, Utc};

use super::{Format, SalonStatus};
use crate::web::i18n::{Tr, copenhagen_local, push_number};

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

/// A card's first session, as [`SalonCard::time`] works it out.
pub struct CardTime {
    /// The badge: "fre.", 11, "dec.".
    pub weekday: &'static str,
    pub day: u32,
    pub month: &'static str,
    /// The `datetime` attribute, in UTC: "2026-12-11T17:00:00+00:00".
    pub attr: String,
    /// "fredag 11. december kl. 18.00" (and "og flere møder" for a series).
    pub text: String,
}

/// `at.to_rfc3339()`, written a digit at a time: through chrono's formatter it was ~500
/// instructions a card. A moment with a fraction of a second (or a leap second) or a year
/// outside four digits takes chrono's way, which writes those its own way.
fn rfc3339(at: DateTime<Utc>) -> String {
    let t = at.naive_utc();
    let Ok(year) = u32::try_from(t.year()) else {
        return at.to_rfc3339();
    };
    if t.nanosecond() != 0 || year > 9999 {
        return at.to_rfc3339();
    }
    let mut out = String::with_capacity(25);
    push_number(&mut out, year, 4);
    out.push('-');
    push_number(&mut out, t.month(), 2);
    out.push('-');
    push_number(&mut out, t.day(), 2);
    out.push('T');
    push_number(&mut out, t.hour(), 2);
    out.push(':');
    push_number(&mut out, t.minute(), 2);
    out.push(':');
    push_number(&mut out, t.second(), 2);
    out.push_str("+00:00");
    out
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
    /// The card's time, worked out once for the badge, the `datetime` attribute and the
    /// words: each asked apart, the moment was taken to Copenhagen's clock twice a card and
    /// its fields read through the zone's offset a dozen times (bench/README.md, "The cards'
    /// times…"). `None` for a draft without a session.
    pub fn time(&self, tr: &Tr) -> Option<CardTime> {
        let at = self.first_starts_at?;
        let local = copenhagen_local(at);
        Some(CardTime {
            weekday: tr.weekday_short(local.weekday().number_from_monday()),
            day: local.day(),
            month: tr.month_short(local.month()),
            attr: rfc3339(at),
            text: self.when_words(tr, local),
        })
    }

    /// The date badge: ("fre.", "11", "dec."), in Copenhagen; `None` without a date.
    pub fn badge(&self, tr: &Tr) -> Option<(&'static str, String, &'static str)> {
        let local = copenhagen_local(self.first_starts_at?);
        Some((
            tr.weekday_short(local.weekday().number_from_monday()),
            local.day().to_string(),
            tr.month_short(local.month()),
        ))
    }

    /// "lørdag 5. december kl. 14.00" (and "og flere møder" for a series), or "Intet
    /// tidspunkt endnu" for a draft without a session.
    pub fn when(&self, tr: &Tr) -> String {
        match self.first_starts_at {
            Some(at) => self.when_words(tr, copenhagen_local(at)),
            None => tr.t("salon-card-no-date"),
        }
    }

    fn when_words(&self, tr: &Tr, local: NaiveDateTime) -> String {
        let first = tr.datetime_local(local);
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
    fn the_datetime_attribute_reads_as_chrono_writes_it() {
        let start = DateTime::parse_from_rfc3339("2025-12-31T20:45:00Z")
            .unwrap()
            .to_utc();
        let mut moments: Vec<DateTime<Utc>> = (0..3000)
            .map(|step| start + chrono::TimeDelta::seconds(step * (6 * 3600 + 7 * 60 + 13)))
            .collect();
        for raw in [
            "2026-12-05T13:00:00.123456Z",
            "2026-12-05T13:00:00.5Z",
            "0000-01-01T00:00:00Z",
            "0999-03-04T05:06:07Z",
            "9999-12-31T23:59:59Z",
        ] {
            moments.push(DateTime::parse_from_rfc3339(raw).unwrap().to_utc());
        }
        moments.push(DateTime::from_timestamp(-70_000_000_000, 0).unwrap());
        moments.push(DateTime::from_timestamp(260_000_000_000, 0).unwrap());
        for at in moments {
            assert_eq!(rfc3339(at), at.to_rfc3339(), "{at:?}");
        }
    }

    #[test]
    fn a_cards_time_says_what_its_parts_say() {
        let at = DateTime::parse_from_rfc3339("2026-12-05T13:00:00Z")
            .unwrap()
            .to_utc();
        let mut card = SalonCard {
            path: String::new(),
            title: String::new(),
            question: String::new(),
            municipality_name: String::new(),
            town: String::new(),
            format: Format::InPerson,
            first_starts_at: Some(at),
            more_sessions: true,
            status: CardStatus::Open,
            seats_left: None,
            step_free: false,
            answer_units: Vec::new(),
            level: 3,
        };
        for locale in crate::web::i18n::Locale::ALL {
            let tr = Tr::new(locale);
            for more in [false, true] {
                card.more_sessions = more;
                let time = card.time(&tr).unwrap();
                let badge = card.badge(&tr).unwrap();
                assert_eq!((time.weekday, time.day.to_string(), time.month), badge);
                assert_eq!(time.text, card.when(&tr));
                assert_eq!(time.attr, at.to_rfc3339());
            }
        }
        assert_eq!(
            Tr::new(crate::web::i18n::Locale::Da).datetime(at),
            "lørdag 5. december kl. 14.00"
        );
        card.first_starts_at = None;
        assert!(card.time(&Tr::default()).is_none());
    }

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
