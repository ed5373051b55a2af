//! A phone number as people type it: for a participant who is not online (stored with their
//! registration until the cleanup) and on a poster (typed at print time, never stored).

use super::Invalid;

/// A phone number as typed: digits with spaces, `+`, `-` and parentheses; 6 to 15 digits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phone(String);

impl Phone {
    /// `None` for an empty field.
    pub fn parse(raw: &str) -> Result<Option<Phone>, Invalid> {
        let s = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if s.is_empty() {
            return Ok(None);
        }
        let allowed = s
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '-' | '(' | ')'));
        let digits = s.chars().filter(char::is_ascii_digit).count();
        if !allowed || !(6..=15).contains(&digits) || s.len() > 30 {
            return Err(Invalid("reg-error-phone-invalid"));
        }
        Ok(Some(Phone(s)))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_are_digits_with_a_little_punctuation() {
        assert_eq!(Phone::parse("  "), Ok(None));
        assert_eq!(
            Phone::parse(" +45  12 34 56 78 ")
                .unwrap()
                .unwrap()
                .as_str(),
            "+45 12 34 56 78"
        );
        assert_eq!(
            Phone::parse("=1+2"),
            Err(Invalid("reg-error-phone-invalid"))
        );
        assert_eq!(Phone::parse("123"), Err(Invalid("reg-error-phone-invalid")));
        assert_eq!(
            Phone::parse("ring til mig"),
            Err(Invalid("reg-error-phone-invalid"))
        );
    }
}
