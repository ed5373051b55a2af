//! The texts people type into role forms, parsed at the boundary into the text types of the
//! domain ([`Line`] for one line, [`Body`] where a text may have paragraphs).

use crate::domain::{Body, Invalid, Line};

/// A job title ("Udviklingsdirektør", "Byrådsmedlem"): required for officials and politicians.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoleTitle(Line<200>);

impl RoleTitle {
    pub fn parse(raw: &str) -> Result<RoleTitle, Invalid> {
        Line::required(raw)
            .map(RoleTitle)
            .map_err(|e| e.key("error-role-title-missing", "error-role-title-too-long"))
    }

    /// An optional title (an admin need not give one).
    pub fn optional(raw: &str) -> Result<RoleTitle, Invalid> {
        Line::parse(raw)
            .map(RoleTitle)
            .map_err(|e| e.long("error-role-title-too-long"))
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

/// A politician's party; may be empty (independents).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Party(Line<100>);

impl Party {
    pub fn parse(raw: &str) -> Result<Party, Invalid> {
        Line::parse(raw)
            .map(Party)
            .map_err(|e| e.long("error-role-party-too-long"))
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

/// A note to the admins with a request; may be empty.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note(Body<2000>);

impl Note {
    pub fn parse(raw: &str) -> Result<Note, Invalid> {
        Body::parse(raw)
            .map(Note)
            .map_err(|e| e.long("error-role-note-too-long"))
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

/// Why an admin rejected a request or revoked a role: required, and sent to the person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reason(Body<2000>);

impl Reason {
    pub fn parse(raw: &str) -> Result<Reason, Invalid> {
        Body::required(raw)
            .map(Reason)
            .map_err(|e| e.key("error-reason-missing", "error-reason-too-long"))
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str()
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
