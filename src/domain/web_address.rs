//! A web address the site links to on someone's word — the agenda item of a meeting, say. Only
//! `http` and `https` with a host: a `javascript:` or `data:` address in an `href` would run
//! in the reader's browser, and a relative one would point into this site.

use super::Invalid;

/// The longest address kept (as the database column allows).
const MAX_LEN: usize = 2000;

/// An absolute `http(s)` address, normalised by the URL parser.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WebAddress(String);

impl WebAddress {
    /// Parses what a person typed; surrounding blanks are ignored. `invalid`: the locale key
    /// of the field's own message (each form says what the address is for).
    pub fn parse(raw: &str, invalid: &'static str) -> Result<WebAddress, Invalid> {
        let raw = raw.trim();
        match url::Url::parse(raw) {
            Ok(u)
                if matches!(u.scheme(), "http" | "https")
                    && u.host().is_some()
                    && raw.len() <= MAX_LEN =>
            {
                Ok(WebAddress(u.to_string()))
            }
            _ => Err(Invalid(invalid)),
        }
    }

    /// Optional: empty is `None`.
    pub fn optional(raw: &str, invalid: &'static str) -> Result<Option<WebAddress>, Invalid> {
        if raw.trim().is_empty() {
            Ok(None)
        } else {
            WebAddress::parse(raw, invalid).map(Some)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_whole_http_addresses_are_taken() {
        let ok = WebAddress::parse(" https://skanderborg.dk/dagsorden/12#punkt-4 ", "bad");
        assert_eq!(
            ok.unwrap().as_str(),
            "https://skanderborg.dk/dagsorden/12#punkt-4"
        );
        for bad in [
            "javascript:alert(1)",
            "data:text/html,hi",
            "/dagsorden/12",
            "skanderborg.dk/dagsorden",
            "ftp://skanderborg.dk/x",
            "https://",
        ] {
            assert_eq!(WebAddress::parse(bad, "bad"), Err(Invalid("bad")), "{bad}");
        }
        let long = format!("https://x.dk/{}", "a".repeat(2000));
        assert!(WebAddress::parse(&long, "bad").is_err());
        assert_eq!(WebAddress::optional("  ", "bad"), Ok(None));
    }
}
