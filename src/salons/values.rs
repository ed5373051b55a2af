//! The salon form's values, parsed at the boundary: past it no plain `String` stands for a
//! title, a capacity or a session's times. Each error is a locale key (locales/*/salons.ftl).

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::Copenhagen;

use crate::domain::{Body, Invalid, Line, slugify};

/// A salon's title: 1–200 characters on one line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SalonTitle(Line<200>);

impl SalonTitle {
    pub fn parse(raw: &str) -> Result<SalonTitle, Invalid> {
        Line::required(raw)
            .map(SalonTitle)
            .map_err(|e| e.key("error-salon-title-missing", "error-salon-title-too-long"))
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// The readable part of the salon's URL.
    pub fn slug(&self) -> String {
        slugify(self.0.as_str())
    }
}

/// The question the salon talks about: 1–300 characters on one line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Question(Line<300>);

impl Question {
    pub fn parse(raw: &str) -> Result<Question, Invalid> {
        Line::required(raw).map(Question).map_err(|e| {
            e.key(
                "error-salon-question-missing",
                "error-salon-question-too-long",
            )
        })
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

/// A short optional text on one line (town, place name, address): at most 200 characters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ShortText(Line<200>);

impl ShortText {
    pub fn parse(raw: &str) -> Result<ShortText, Invalid> {
        Line::parse(raw)
            .map(ShortText)
            .map_err(|e| e.long("error-salon-text-too-long"))
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The description as the host wrote it (Markdown): at most 10,000 characters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Description(Body<10_000>);

impl Description {
    pub fn parse(raw: &str) -> Result<Description, Invalid> {
        Body::parse(raw)
            .map(Description)
            .map_err(|e| e.long("error-salon-description-too-long"))
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

/// The link to an online salon: an absolute http(s) URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OnlineLink(String);

impl OnlineLink {
    pub fn parse(raw: &str) -> Result<OnlineLink, Invalid> {
        let s = raw.trim();
        if s.is_empty() {
            return Err(Invalid("error-salon-link-missing"));
        }
        match url::Url::parse(s) {
            Ok(u) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some() => {
                Ok(OnlineLink(u.to_string()))
            }
            _ => Err(Invalid("error-salon-link-invalid")),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Seats for citizens: `None` is no limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Capacity(Option<i32>);

impl Capacity {
    pub fn parse(raw: &str) -> Result<Capacity, Invalid> {
        let s = raw.trim();
        if s.is_empty() {
            return Ok(Capacity(None));
        }
        match s.parse::<i32>() {
            Ok(n) if (1..=10_000).contains(&n) => Ok(Capacity(Some(n))),
            _ => Err(Invalid("error-salon-capacity-invalid")),
        }
    }

    pub fn get(self) -> Option<i32> {
        self.0
    }
}

/// Seats kept for the municipality's guests, apart from the citizens' (0–100).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MunicipalSeats(i32);

impl MunicipalSeats {
    pub fn parse(raw: &str) -> Result<MunicipalSeats, Invalid> {
        match raw.trim().parse::<i32>() {
            Ok(n) if (0..=100).contains(&n) => Ok(MunicipalSeats(n)),
            _ => Err(Invalid("error-salon-seats-invalid")),
        }
    }

    pub fn get(self) -> i32 {
        self.0
    }
}

/// Topics (tags): comma-separated, trimmed, lower-cased, without duplicates; at most 10 of at
/// most 40 characters each.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Topics(Vec<String>);

impl Topics {
    pub fn parse(raw: &str) -> Result<Topics, Invalid> {
        let mut topics: Vec<String> = Vec::new();
        for part in raw.split(',') {
            let t = Line::<40>::parse(&part.to_lowercase())
                .map_err(|e| e.long("error-salon-topic-too-long"))?
                .into_string();
            if t.is_empty() || topics.contains(&t) {
                continue;
            }
            topics.push(t);
        }
        if topics.len() > 10 {
            return Err(Invalid("error-salon-topics-too-many"));
        }
        Ok(Topics(topics))
    }

    pub fn as_slice(&self) -> &[String] {
        &self.0
    }
}

/// One session's times, entered as a date and two times in Europe/Copenhagen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionTimes {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

/// Which input of a session row was wrong, with the message key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionError {
    Date(Invalid),
    Start(Invalid),
    End(Invalid),
}

impl SessionTimes {
    /// `date` as `YYYY-MM-DD`, `start` and `end` as `HH:MM` (a browser's date and time inputs;
    /// `14.00` is accepted too, as Danes write it). The end is on the same day, after the start.
    pub fn parse(date: &str, start: &str, end: &str) -> Result<SessionTimes, SessionError> {
        let date = date.trim();
        if date.is_empty() {
            return Err(SessionError::Date(Invalid("error-session-date-missing")));
        }
        let day = NaiveDate::parse_from_str(date, "%Y-%m-%d")
            .map_err(|_| SessionError::Date(Invalid("error-session-date-invalid")))?;
        let start = parse_time(start).map_err(SessionError::Start)?;
        let end = parse_time(end).map_err(SessionError::End)?;
        if end <= start {
            return Err(SessionError::End(Invalid("error-session-end-before-start")));
        }
        let at = |t: NaiveTime| {
            // Daylight-saving changes: an hour that happens twice takes the first; one that
            // does not exist is refused.
            Copenhagen
                .from_local_datetime(&day.and_time(t))
                .earliest()
                .map(|d| d.with_timezone(&Utc))
        };
        let starts_at =
            at(start).ok_or(SessionError::Start(Invalid("error-session-time-invalid")))?;
        let ends_at = at(end).ok_or(SessionError::End(Invalid("error-session-time-invalid")))?;
        Ok(SessionTimes { starts_at, ends_at })
    }
}

fn parse_time(raw: &str) -> Result<NaiveTime, Invalid> {
    let s = raw.trim().replace('.', ":");
    if s.is_empty() {
        return Err(Invalid("error-session-time-missing"));
    }
    NaiveTime::parse_from_str(&s, "%H:%M").map_err(|_| Invalid("error-session-time-invalid"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_tidied_and_bounded() {
        assert_eq!(
            SalonTitle::parse("  Liv i   Ry bymidte ").unwrap().as_str(),
            "Liv i Ry bymidte"
        );
        assert_eq!(
            SalonTitle::parse(" "),
            Err(Invalid("error-salon-title-missing"))
        );
        assert_eq!(
            SalonTitle::parse(&"ø".repeat(201)),
            Err(Invalid("error-salon-title-too-long"))
        );
    }

    #[test]
    fn slugs_spell_danish_letters_in_ascii() {
        assert_eq!(
            slugify("Hvordan får vi mere liv i Ry bymidte?"),
            "hvordan-faar-vi-mere-liv-i-ry-bymidte"
        );
        assert_eq!(slugify("Æbler, øl & ål"), "aebler-oel-aal");
        assert_eq!(
            slugify("<script>alert(1)</script>"),
            "script-alert-1-script"
        );
        assert_eq!(slugify("???"), "");
        assert!(slugify(&"lang titel ".repeat(20)).len() <= 60);
    }

    #[test]
    fn capacity_is_empty_or_a_positive_number() {
        assert_eq!(Capacity::parse("").unwrap().get(), None);
        assert_eq!(Capacity::parse(" 20 ").unwrap().get(), Some(20));
        assert!(Capacity::parse("0").is_err());
        assert!(Capacity::parse("-3").is_err());
        assert!(Capacity::parse("tyve").is_err());
        assert_eq!(MunicipalSeats::parse("0").unwrap().get(), 0);
        assert!(MunicipalSeats::parse("").is_err());
    }

    #[test]
    fn topics_are_trimmed_lower_cased_and_deduplicated() {
        let t = Topics::parse(" Trafik, byliv ,trafik,, Natur ").unwrap();
        assert_eq!(t.as_slice(), ["trafik", "byliv", "natur"]);
        assert_eq!(Topics::parse("").unwrap().as_slice(), [] as [String; 0]);
        assert!(Topics::parse(&"a,".repeat(0).to_string()).is_ok());
        let many: Vec<String> = (0..11).map(|i| format!("emne{i}")).collect();
        assert!(Topics::parse(&many.join(",")).is_err());
    }

    #[test]
    fn online_links_must_be_http() {
        assert!(OnlineLink::parse("https://meet.example.dk/ry").is_ok());
        assert!(OnlineLink::parse("javascript:alert(1)").is_err());
        assert!(OnlineLink::parse("").is_err());
    }

    #[test]
    fn sessions_are_read_in_copenhagen_time() {
        let s = SessionTimes::parse("2026-12-05", "14:00", "16.00").unwrap();
        assert_eq!(s.starts_at.to_rfc3339(), "2026-12-05T13:00:00+00:00");
        assert_eq!(s.ends_at.to_rfc3339(), "2026-12-05T15:00:00+00:00");
        let summer = SessionTimes::parse("2026-06-01", "18:30", "20:00").unwrap();
        assert_eq!(summer.starts_at.to_rfc3339(), "2026-06-01T16:30:00+00:00");
        assert_eq!(
            SessionTimes::parse("2026-12-05", "16:00", "14:00"),
            Err(SessionError::End(Invalid("error-session-end-before-start")))
        );
        assert_eq!(
            SessionTimes::parse("5/12", "14:00", "16:00"),
            Err(SessionError::Date(Invalid("error-session-date-invalid")))
        );
        assert_eq!(
            SessionTimes::parse("2026-12-05", "", "16:00"),
            Err(SessionError::Start(Invalid("error-session-time-missing")))
        );
        // 02:30 does not exist on the last Sunday of March.
        assert!(SessionTimes::parse("2026-03-29", "02:30", "04:00").is_err());
    }
}
