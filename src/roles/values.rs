//! The texts people type into role forms, parsed at the boundary: trimmed, bounded, and free of
//! control characters (line breaks are kept where a text may have paragraphs). One-line texts
//! follow the one rule for a line ([`one_line`]).

use crate::domain::{Invalid, one_line};

/// Trims `raw` and checks its length; `missing` is the error for an empty text, when required.
fn bounded(
    raw: &str,
    max: usize,
    missing: Option<&'static str>,
    too_long: &'static str,
    multiline: bool,
) -> Result<String, Invalid> {
    let s = if multiline {
        raw.trim().replace("\r\n", "\n")
    } else {
        one_line(raw)?
    };
    if s.is_empty() {
        return match missing {
            Some(key) => Err(Invalid(key)),
            None => Ok(s),
        };
    }
    if s.chars().count() > max {
        return Err(Invalid(too_long));
    }
    if s.chars()
        .any(|c| c.is_control() && !(multiline && c == '\n'))
    {
        return Err(Invalid("error-text-invalid"));
    }
    Ok(s)
}

/// A job title ("Udviklingsdirektør", "Byrådsmedlem"): required for officials and politicians.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoleTitle(String);

impl RoleTitle {
    pub fn parse(raw: &str) -> Result<RoleTitle, Invalid> {
        bounded(
            raw,
            200,
            Some("error-role-title-missing"),
            "error-role-title-too-long",
            false,
        )
        .map(RoleTitle)
    }

    /// An optional title (an admin need not give one).
    pub fn optional(raw: &str) -> Result<RoleTitle, Invalid> {
        bounded(raw, 200, None, "error-role-title-too-long", false).map(RoleTitle)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A politician's party; may be empty (independents).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Party(String);

impl Party {
    pub fn parse(raw: &str) -> Result<Party, Invalid> {
        bounded(raw, 100, None, "error-role-party-too-long", false).map(Party)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A note to the admins with a request; may be empty.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note(String);

impl Note {
    pub fn parse(raw: &str) -> Result<Note, Invalid> {
        bounded(raw, 2000, None, "error-role-note-too-long", true).map(Note)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Why an admin rejected a request or revoked a role: required, and sent to the person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reason(String);

impl Reason {
    pub fn parse(raw: &str) -> Result<Reason, Invalid> {
        bounded(
            raw,
            2000,
            Some("error-reason-missing"),
            "error-reason-too-long",
            true,
        )
        .map(Reason)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_trimmed_bounded_and_required_where_it_matters() {
        assert_eq!(
            RoleTitle::parse("  Udviklingsdirektør ").unwrap().as_str(),
            "Udviklingsdirektør"
        );
        assert_eq!(
            RoleTitle::parse(" "),
            Err(Invalid("error-role-title-missing"))
        );
        assert_eq!(RoleTitle::optional(" ").unwrap().as_str(), "");
        assert_eq!(
            RoleTitle::parse(&"x".repeat(201)),
            Err(Invalid("error-role-title-too-long"))
        );
        assert_eq!(Reason::parse(""), Err(Invalid("error-reason-missing")));
        assert_eq!(
            Reason::parse("Første linje\r\nAnden linje")
                .unwrap()
                .as_str(),
            "Første linje\nAnden linje"
        );
        assert_eq!(RoleTitle::parse("a\nb").unwrap().as_str(), "a b");
        assert_eq!(Party::parse("Partiet\u{202E}"), Err(crate::domain::REFUSED));
        assert_eq!(Party::parse("").unwrap().as_str(), "");
    }
}
