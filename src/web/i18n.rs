//! Languages: Danish first, English second. All UI text comes from `locales/<lang>/*.ftl`
//! (Fluent), compiled into the binary.
//!
//! The language is chosen by the `lang` cookie (set from the switch in the header), falling
//! back to the browser's `Accept-Language`, falling back to Danish.

use std::borrow::Cow;
use std::collections::HashMap;

use axum::http::HeaderMap;
use axum::http::header::{ACCEPT_LANGUAGE, COOKIE};
use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use chrono_tz::Europe::Copenhagen;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "da",
        // No Unicode isolation marks around arguments: they end up in emails and titles.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static DA: LanguageIdentifier = langid!("da");
static EN: LanguageIdentifier = langid!("en");

/// The name of the cookie that remembers the chosen language.
pub const LANG_COOKIE: &str = "lang";

/// A language the site speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Locale {
    #[default]
    Da,
    En,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::Da, Locale::En];

    /// The BCP 47 code, as used in `lang` attributes and the database.
    pub fn code(self) -> &'static str {
        match self {
            Locale::Da => "da",
            Locale::En => "en",
        }
    }

    /// Parses a stored or submitted code; anything else is `None`.
    pub fn from_code(code: &str) -> Option<Locale> {
        match code.trim().to_ascii_lowercase().as_str() {
            "da" => Some(Locale::Da),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    /// The language for a request: cookie, then `Accept-Language`, then Danish.
    pub fn from_headers(headers: &HeaderMap) -> Locale {
        cookie_locale(headers)
            .or_else(|| accept_language(headers))
            .unwrap_or_default()
    }

    fn langid(self) -> &'static LanguageIdentifier {
        match self {
            Locale::Da => &DA,
            Locale::En => &EN,
        }
    }
}

fn cookie_locale(headers: &HeaderMap) -> Option<Locale> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == LANG_COOKIE)
        .and_then(|(_, value)| Locale::from_code(value))
}

/// The first language in `Accept-Language` (by quality) that we speak.
fn accept_language(headers: &HeaderMap) -> Option<Locale> {
    let raw = headers.get(ACCEPT_LANGUAGE)?.to_str().ok()?;
    let mut ranges: Vec<(f32, &str)> = raw
        .split(',')
        .filter_map(|part| {
            let mut pieces = part.trim().split(';');
            let tag = pieces.next()?.trim();
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            (q > 0.0).then_some((q, tag))
        })
        .collect();
    // Stable sort keeps the header's order among equal qualities.
    ranges.sort_by(|a, b| b.0.total_cmp(&a.0));
    ranges.into_iter().find_map(|(_, tag)| {
        let primary = tag.split('-').next().unwrap_or(tag);
        match primary.to_ascii_lowercase().as_str() {
            // Norwegian and Swedish readers get Danish rather than English.
            "da" | "nb" | "no" | "nn" | "sv" => Some(Locale::Da),
            "en" => Some(Locale::En),
            _ => None,
        }
    })
}

/// Translations for one language; templates call `tr.t("key")`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Tr {
    pub locale: Locale,
}

impl Tr {
    pub fn new(locale: Locale) -> Tr {
        Tr { locale }
    }

    /// The language code, for `<html lang>`.
    pub fn lang(&self) -> &'static str {
        self.locale.code()
    }

    /// The text for `key`.
    pub fn t(&self, key: &str) -> String {
        // A text without arguments is the same every time: each worker thread keeps the ones it
        // has looked up, since a page asks for dozens and Fluent negotiates the language and
        // walks the message anew on every lookup (bench/README.md). The set is bounded by the
        // locale files.
        thread_local! {
            static PLAIN: std::cell::RefCell<[HashMap<String, String>; 2]> =
                std::cell::RefCell::new([HashMap::new(), HashMap::new()]);
        }
        let slot = self.locale as usize;
        PLAIN.with(|cache| {
            if let Some(text) = cache.borrow()[slot].get(key) {
                return text.clone();
            }
            let text = LOCALES.lookup(self.locale.langid(), key);
            cache.borrow_mut()[slot].insert(key.to_string(), text.clone());
            text
        })
    }

    /// The text for `key` with named arguments.
    pub fn t_args(&self, key: &str, args: &[(&'static str, FluentValue<'_>)]) -> String {
        // Straight to the language's own bundle: the loader's general lookup negotiates the
        // language again on every call (a list of the loaded languages built and matched),
        // though ours is always one it has. A key missing there, or a text that fails to
        // format, takes the general way with its fallback to Danish, as before.
        let map: HashMap<&'static str, FluentValue<'_>> =
            args.iter().map(|(k, v)| (*k, v.clone())).collect();
        match LOCALES.lookup_single_language(self.locale.langid(), key, Some(&map)) {
            Ok(text) => text,
            Err(_) => {
                let map: HashMap<Cow<'static, str>, FluentValue<'_>> = map
                    .into_iter()
                    .map(|(k, v)| (Cow::Borrowed(k), v))
                    .collect();
                LOCALES.lookup_with_args(self.locale.langid(), key, &map)
            }
        }
    }

    /// The text for `key` with one string argument.
    pub fn t1(&self, key: &str, name: &'static str, value: &str) -> String {
        self.t_args(key, &[(name, FluentValue::from(value.to_string()))])
    }

    /// A count, with the language's plural rules (`{ $count -> [one] … *[other] … }`).
    pub fn count(&self, key: &str, count: i64) -> String {
        self.t_args(key, &[("count", FluentValue::from(count))])
    }

    /// A moment as people read it, in Europe/Copenhagen: "lørdag 5. december kl. 14.00".
    pub fn datetime(&self, at: DateTime<Utc>) -> String {
        let local = at.with_timezone(&Copenhagen);
        let time = format!("{:02}.{:02}", local.hour(), local.minute());
        let time = match self.locale {
            Locale::Da => time,
            Locale::En => time.replace('.', ":"),
        };
        self.t_args(
            "datetime-long",
            &[
                (
                    "weekday",
                    self.weekday(local.weekday().number_from_monday()).into(),
                ),
                ("day", FluentValue::from(local.day().to_string())),
                ("month", self.month(local.month()).into()),
                ("year", FluentValue::from(local.year().to_string())),
                ("time", time.into()),
            ],
        )
    }

    /// A date as people read it: "5. december 2026".
    pub fn date(&self, at: DateTime<Utc>) -> String {
        let local = at.with_timezone(&Copenhagen);
        self.t_args(
            "date-long",
            &[
                ("day", FluentValue::from(local.day().to_string())),
                ("month", self.month(local.month()).into()),
                ("year", FluentValue::from(local.year().to_string())),
            ],
        )
    }

    /// A calendar day (a meeting date) as people read it: "tirsdag 15. december 2026".
    pub fn day(&self, d: NaiveDate) -> String {
        self.t_args(
            "day-long",
            &[
                (
                    "weekday",
                    self.weekday(d.weekday().number_from_monday()).into(),
                ),
                ("day", FluentValue::from(d.day().to_string())),
                ("month", self.month(d.month()).into()),
                ("year", FluentValue::from(d.year().to_string())),
            ],
        )
    }

    fn weekday(&self, n: u32) -> String {
        self.t(&format!("weekday-{n}"))
    }

    fn month(&self, n: u32) -> String {
        self.t(&format!("month-{n}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn danish_is_the_default() {
        assert_eq!(Locale::from_headers(&HeaderMap::new()), Locale::Da);
        assert_eq!(
            Locale::from_headers(&headers(&[("accept-language", "de-DE")])),
            Locale::Da
        );
    }

    #[test]
    fn accept_language_is_honoured_by_quality() {
        let h = headers(&[("accept-language", "de;q=0.9, en-GB;q=0.8, da;q=0.5")]);
        assert_eq!(Locale::from_headers(&h), Locale::En);
    }

    #[test]
    fn the_cookie_wins_over_the_browser() {
        let h = headers(&[("accept-language", "en-US"), ("cookie", "a=b; lang=da")]);
        assert_eq!(Locale::from_headers(&h), Locale::Da);
    }

    #[test]
    fn dates_read_the_danish_way_in_copenhagen_time() {
        let at = DateTime::parse_from_rfc3339("2026-12-05T13:00:00Z")
            .unwrap()
            .to_utc();
        assert_eq!(
            Tr::new(Locale::Da).datetime(at),
            "lørdag 5. december kl. 14.00"
        );
        assert_eq!(
            Tr::new(Locale::En).datetime(at),
            "Saturday 5 December at 14:00"
        );
        // Summer time: UTC+2.
        let summer = DateTime::parse_from_rfc3339("2026-06-01T16:30:00Z")
            .unwrap()
            .to_utc();
        assert_eq!(
            Tr::new(Locale::Da).datetime(summer),
            "mandag 1. juni kl. 18.30"
        );
    }

    #[test]
    fn every_key_exists_in_both_languages() {
        let keys = |lang: &str| -> std::collections::BTreeSet<String> {
            // Cargo sets CARGO_MANIFEST_DIR when it runs tests; the compile-time value is only a
            // fallback (it may name another checkout that shared this target directory).
            let root = std::env::var("CARGO_MANIFEST_DIR")
                .unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").into());
            let dir = std::path::Path::new(&root).join("locales").join(lang);
            let mut keys = std::collections::BTreeSet::new();
            for entry in std::fs::read_dir(dir).unwrap() {
                let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
                keys.extend(
                    text.lines()
                        .filter(|l| {
                            !l.starts_with([' ', '#', '.', '*', '[', '}']) && l.contains(" =")
                        })
                        .filter_map(|l| l.split(" =").next().map(str::to_string)),
                );
            }
            keys
        };
        assert_eq!(keys("da"), keys("en"));
    }
}
