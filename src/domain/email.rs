use std::fmt;

use super::{Invalid, is_refused};

/// An email address as people type it, trimmed; compared case-insensitively everywhere.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    /// Accepts `local@domain.tld` without spaces or control characters, at most 254 characters.
    /// Deliverability is proven by the verification mail, not by a pattern.
    pub fn parse(raw: &str) -> Result<Email, Invalid> {
        let s = raw.trim();
        if s.is_empty() {
            return Err(Invalid("error-email-missing"));
        }
        let valid = s.len() <= 254
            && !s.chars().any(|c| {
                c.is_whitespace() || is_refused(c) || matches!(c, '<' | '>' | ',' | ';' | '"')
            })
            && match s.rsplit_once('@') {
                Some((local, domain)) => {
                    !local.is_empty()
                        && local.len() <= 64
                        && !local.contains('@')
                        && domain.contains('.')
                        && !domain.starts_with(['.', '-'])
                        && !domain.ends_with(['.', '-'])
                        && !domain.contains("..")
                }
                None => false,
            };
        if valid {
            Ok(Email(s.to_string()))
        } else {
            Err(Invalid("error-email-invalid"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The mailbox the address reaches, for the rules that must not be dodged by writing it
    /// another way: lower case, and without a `+tag` in the local part
    /// (`Victim+x@Example.org` → `victim@example.org`), which most mail servers deliver to the
    /// same inbox.
    pub fn mailbox(&self) -> String {
        untagged(&self.0)
    }

    /// The part after `@`, lower case: what email-domain verification compares.
    pub fn domain(&self) -> String {
        self.0
            .rsplit_once('@')
            .map(|(_, d)| d.to_lowercase())
            .unwrap_or_default()
    }
}

/// [`Email::mailbox`] for an address already stored (lower-cased, `+tag` removed).
pub fn untagged(address: &str) -> String {
    let lower = address.trim().to_lowercase();
    match lower.rsplit_once('@') {
        Some((local, domain)) => {
            let local = local.split_once('+').map_or(local, |(base, _)| base);
            // "+x@…" has nothing before the tag: that is an address of its own.
            if local.is_empty() {
                lower
            } else {
                format!("{local}@{domain}")
            }
        }
        None => lower,
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_addresses_are_accepted_and_trimmed() {
        assert_eq!(
            Email::parse("  rikke@assens.dk ").unwrap().as_str(),
            "rikke@assens.dk"
        );
        assert_eq!(
            Email::parse("Jens.Hansen+salon@Skanderborg.DK")
                .unwrap()
                .domain(),
            "skanderborg.dk"
        );
    }

    #[test]
    fn a_mailbox_is_the_address_without_its_tag_in_lower_case() {
        let mailbox = |s: &str| Email::parse(s).unwrap().mailbox();
        assert_eq!(mailbox("Victim+x@Example.org"), "victim@example.org");
        assert_eq!(mailbox("victim+a+b@example.org"), "victim@example.org");
        assert_eq!(mailbox("victim@example.org"), "victim@example.org");
        assert_eq!(mailbox("+x@example.org"), "+x@example.org");
    }

    #[test]
    fn malformed_addresses_are_refused_with_a_reason() {
        assert_eq!(Email::parse(""), Err(Invalid("error-email-missing")));
        for bad in [
            "rikke",
            "rikke@",
            "@assens.dk",
            "rikke@assens",
            "a b@c.dk",
            "x@.dk",
            "x@dk.",
            "<x@y.dk>",
            "rikke\u{202E}@assens.dk",
            "rik\u{200B}ke@assens.dk",
        ] {
            assert_eq!(
                Email::parse(bad),
                Err(Invalid("error-email-invalid")),
                "{bad}"
            );
        }
    }
}
