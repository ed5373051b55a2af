use std::fmt;

use super::{Invalid, Line};

/// A person's name as they want it shown: one line ([`one_line`]), 1–100 characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonName(Line<100>);

impl PersonName {
    pub fn parse(raw: &str) -> Result<PersonName, Invalid> {
        Line::required(raw)
            .map(PersonName)
            .map_err(|e| e.key("error-name-missing", "error-name-too-long"))
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

impl fmt::Display for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_tidied_and_bounded() {
        assert_eq!(
            PersonName::parse("  Rikke   Berg ").unwrap().as_str(),
            "Rikke Berg"
        );
        assert_eq!(PersonName::parse(" "), Err(Invalid("error-name-missing")));
        assert_eq!(
            PersonName::parse(&"å".repeat(101)),
            Err(Invalid("error-name-too-long"))
        );
        assert_eq!(
            PersonName::parse("Kommunen\u{202E}"),
            Err(super::super::REFUSED)
        );
    }
}
