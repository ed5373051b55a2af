use std::fmt;

use super::Invalid;

/// A person's name as they want it shown: trimmed, 1–100 characters, no control characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonName(String);

impl PersonName {
    pub fn parse(raw: &str) -> Result<PersonName, Invalid> {
        let s = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if s.is_empty() {
            return Err(Invalid("error-name-missing"));
        }
        if s.chars().count() > 100 {
            return Err(Invalid("error-name-too-long"));
        }
        if s.chars().any(char::is_control) {
            return Err(Invalid("error-name-invalid"));
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
    }
}
