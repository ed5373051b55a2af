use std::collections::HashSet;
use std::sync::LazyLock;

use super::Invalid;

/// The 10,000 most common passwords (shipped with the source, most common first).
static COMMON: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("common-passwords.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .collect()
});

/// A password someone chose: at least 10 characters, not one of the 10,000 most common, and
/// nothing else — length beats composition rules. Never printed.
pub struct NewPassword(String);

impl NewPassword {
    pub fn parse(raw: &str) -> Result<NewPassword, Invalid> {
        let n = raw.chars().count();
        if n == 0 {
            return Err(Invalid("error-password-missing"));
        }
        if n < 10 {
            return Err(Invalid("error-password-short"));
        }
        if n > 1000 {
            return Err(Invalid("error-password-long"));
        }
        if COMMON.contains(raw.to_lowercase().as_str()) {
            return Err(Invalid("error-password-common"));
        }
        Ok(NewPassword(raw.to_string()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_holds_ten_thousand_passwords() {
        assert_eq!(COMMON.len(), 10_000);
    }

    #[test]
    fn short_and_common_passwords_are_refused() {
        assert_eq!(
            NewPassword::parse("").unwrap_err(),
            Invalid("error-password-missing")
        );
        assert_eq!(
            NewPassword::parse("kort1234").unwrap_err(),
            Invalid("error-password-short")
        );
        assert_eq!(
            NewPassword::parse("1234567890").unwrap_err(),
            Invalid("error-password-common")
        );
        assert_eq!(
            NewPassword::parse("Qwertyuiop").unwrap_err(),
            Invalid("error-password-common")
        );
        assert!(NewPassword::parse("kaffe i ry bymidte").is_ok());
    }
}
