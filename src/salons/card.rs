//! A salon as a card in a list: the one view every list of salons renders through
//! `templates/salons/card.html` (the front page, the directory, a municipality's, a unit's and
//! a decision's page). A page with its own query builds a [`SalonCard`] from its row and
//! includes the template inside `<ul class="salon-list">`, with the card in a variable named
//! `card`. `/mine` builds one per row too, and adds its own parts after the card's body.

use askama::filters::MaybeSafe;
use chrono::{DateTime, Datelike, NaiveDateTime, Timelike, Utc};

use super::{Format, SalonStatus};
use crate::web::escape::{Words, write_escaped};
use crate::web::i18n::{Locale, Tr, copenhagen_local, push_number};

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
#[derive(Clone, Debug, PartialEq, Eq)]
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

impl CardTime {
    /// [`Self::attr`] as `card.html` writes it, escaped by [`Words`].
    pub fn attr_html(&self) -> Words<'_> {
        Words(&self.attr)
    }

    /// [`Self::text`] as `card.html` writes it, escaped by [`Words`].
    pub fn text_html(&self) -> Words<'_> {
        Words(&self.text)
    }
}

/// What `card.html` writes of a card's own strings goes through [`Words`]: the same bytes as
/// askama's escaper, scanned eight at a time — a card's path, title, question, place and time
/// are ~300 bytes, twenty cards a page (bench/README.md).
impl SalonCard {
    pub fn path_html(&self) -> Words<'_> {
        Words(&self.path)
    }

    pub fn title_html(&self) -> Words<'_> {
        Words(&self.title)
    }

    pub fn question_html(&self) -> Words<'_> {
        Words(&self.question)
    }

    /// [`Self::place`], written escaped without building it: "Ry, Skanderborg".
    pub fn place_html(&self) -> Place<'_> {
        Place(self)
    }
}

/// A card's place as `card.html` writes it: [`SalonCard::place`]'s words, each escaped.
pub struct Place<'a>(&'a SalonCard);

impl std::fmt::Display for Place<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write_place(f, self.0)
    }
}

// Escaped as it is written.
impl askama::filters::HtmlSafe for Place<'_> {}

impl askama::FastWritable for Place<'_> {
    fn write_into(
        &self,
        dest: &mut dyn std::fmt::Write,
        _: &dyn askama::Values,
    ) -> askama::Result<()> {
        Ok(write_place(dest, self.0)?)
    }
}

fn write_place<W: std::fmt::Write + ?Sized>(dest: &mut W, card: &SalonCard) -> std::fmt::Result {
    if !card.town.is_empty() {
        write_escaped(dest, &card.town)?;
        dest.write_str(", ")?;
    }
    write_escaped(dest, &card.municipality_name)
}

impl SalonCard {
    /// The card's time, worked out once for the badge, the `datetime` attribute and the
    /// words: each asked apart, the moment was taken to Copenhagen's clock twice a card and
    /// its fields read through the zone's offset a dozen times (bench/README.md, "The cards'
    /// times…"). `None` for a draft without a session.
    ///
    /// It depends on the language, the moment and whether more sessions follow only: each
    /// worker thread keeps those it worked out (Copenhagen's clock, the attribute's digits, the
    /// date's pattern filled and, for a series, Fluent with the date as an argument were
    /// ~1,800 instructions a card; the look-up is a fraction of that). Begun afresh past 2,048.
    pub fn time(&self, tr: &Tr) -> Option<CardTime> {
        const KEPT: usize = 2048;
        type Kept = std::collections::HashMap<(Locale, DateTime<Utc>, bool), CardTime>;
        thread_local! {
            static TIMES: std::cell::RefCell<Kept> = std::cell::RefCell::new(Kept::default());
        }
        let at = self.first_starts_at?;
        let key = (tr.locale, at, self.more_sessions);
        if let Some(time) = TIMES.with(|kept| kept.borrow().get(&key).cloned()) {
            return Some(time);
        }
        let time = self.time_afresh(tr, at);
        TIMES.with(|kept| {
            let mut kept = kept.borrow_mut();
            if kept.len() >= KEPT {
                kept.clear();
            }
            kept.insert(key, time.clone());
        });
        Some(time)
    }

    /// [`Self::time`] worked out anew.
    fn time_afresh(&self, tr: &Tr, at: DateTime<Utc>) -> CardTime {
        let local = copenhagen_local(at);
        CardTime {
            weekday: tr.weekday_short(local.weekday().number_from_monday()),
            day: local.day(),
            month: tr.month_short(local.month()),
            attr: rfc3339(at),
            text: self.when_words(tr, local),
        }
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

    /// The format in words, as the locale's fixed text: named by a literal key rather than one
    /// built with `format!` and looked up by its bytes, on every card.
    pub fn format_label(&self, tr: &Tr) -> MaybeSafe<&'static str> {
        tr.text(match self.format {
            Format::InPerson => "salon-format-in_person",
            Format::Online => "salon-format-online",
            Format::Hybrid => "salon-format-hybrid",
        })
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

    /// The chip's text (`salon-chip-…`), as [`Self::format_label`] names its key.
    pub fn chip(&self, tr: &Tr) -> MaybeSafe<&'static str> {
        tr.text(match self.status {
            CardStatus::Draft => "salon-chip-draft",
            CardStatus::Open => "salon-chip-open",
            CardStatus::Waitlist => "salon-chip-waitlist",
            CardStatus::Full => "salon-chip-full",
            CardStatus::Cancelled => "salon-chip-cancelled",
            CardStatus::Held => "salon-chip-held",
            CardStatus::Summary => "salon-chip-summary",
        })
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
                let again = card.time(&tr).unwrap();
                assert_eq!(time, card.time_afresh(&tr, at));
                assert_eq!(again, time, "the kept time");
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
    fn the_chip_and_format_name_the_texts_their_keys_were_built_for() {
        let mut card = SalonCard {
            path: String::new(),
            title: String::new(),
            question: String::new(),
            municipality_name: String::new(),
            town: String::new(),
            format: Format::InPerson,
            first_starts_at: None,
            more_sessions: false,
            status: CardStatus::Open,
            seats_left: None,
            step_free: false,
            answer_units: Vec::new(),
            level: 3,
        };
        let text = |m: MaybeSafe<&'static str>| match m {
            MaybeSafe::Safe(t) | MaybeSafe::NeedsEscaping(t) => t,
        };
        for locale in crate::web::i18n::Locale::ALL {
            let tr = Tr::new(locale);
            for format in Format::ALL {
                card.format = format;
                let built = tr.t(&format!("salon-format-{}", format.as_str()));
                assert_eq!(text(card.format_label(&tr)), built);
            }
            for status in [
                CardStatus::Draft,
                CardStatus::Open,
                CardStatus::Waitlist,
                CardStatus::Full,
                CardStatus::Cancelled,
                CardStatus::Held,
                CardStatus::Summary,
            ] {
                card.status = status;
                let built = tr.t(&format!("salon-chip-{}", status.as_str()));
                assert_eq!(text(card.chip(&tr)), built);
            }
        }
    }

    #[test]
    fn a_cards_strings_are_written_as_askama_escapes_them() {
        #[derive(askama::Template)]
        #[template(
            source = "{{ card.path_html() }}|{{ card.title_html() }}|{{ card.question_html() }}|{{ card.place_html() }}|{{ t.attr_html() }}|{{ t.text_html() }}\n{{ card.path }}|{{ card.title }}|{{ card.question }}|{{ card.place() }}|{{ t.attr }}|{{ t.text }}",
            ext = "html"
        )]
        struct Both<'a> {
            card: &'a SalonCard,
            t: &'a CardTime,
        }
        let words = [
            "",
            "Ry",
            "Ærø & Aabenraa",
            "\"Kaffe\" <i> 'byen'",
            "🎉 fest",
            "a>b",
            "x&amp;y",
        ];
        for (i, town) in words.iter().enumerate() {
            let other = words[(i + 3) % words.len()];
            let card = SalonCard {
                path: format!("/salons/{}-{other}", uuid::Uuid::nil()),
                title: format!("{other} & {town}"),
                question: format!("Hvad vil vi med {town}? {other}"),
                municipality_name: other.to_string(),
                town: town.to_string(),
                format: Format::InPerson,
                first_starts_at: None,
                more_sessions: false,
                status: CardStatus::Open,
                seats_left: None,
                step_free: false,
                answer_units: Vec::new(),
                level: 3,
            };
            let t = CardTime {
                weekday: "",
                day: 1,
                month: "",
                attr: "2026-12-05T13:00:00+00:00".to_string(),
                text: format!("{town} kl. 14.00 <{other}>"),
            };
            let page = askama::Template::render(&Both { card: &card, t: &t }).unwrap();
            let (ours, askamas) = page.split_once('\n').unwrap();
            assert_eq!(ours, askamas, "{town:?} {other:?}");
        }
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
