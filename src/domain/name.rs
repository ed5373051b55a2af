use std::fmt;

use super::{Invalid, one_line};

/// A person's name as they want it shown: one line ([`one_line`]), 1–100 characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonName(String);

impl PersonName {
    pub fn parse(raw: &str) -> Result<PersonName, Invalid> {
        let s = one_line(raw)?;
        if s.is_empty() {
            return Err(Invalid("error-name-missing"));
        }
        if s.chars().count() > 100 {
            return Err(Invalid("error-name-too-long"));
        }
        Ok(PersonName(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
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
