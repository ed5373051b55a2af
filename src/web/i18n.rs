//! Languages: Danish first, English second. All UI text comes from `locales/<lang>/*.ftl`
//! (Fluent), compiled into the binary.
//!
//! The language is chosen by the `lang` cookie (set from the switch in the header), falling
//! back to the browser's `Accept-Language`, falling back to Danish.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use askama::filters::MaybeSafe;
use axum::http::HeaderMap;
use axum::http::header::{ACCEPT_LANGUAGE, COOKIE};
use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Timelike, Utc};
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
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
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
        // Keyed with FNV: the keys are short and ours, SipHash's guard against chosen keys
        // costs more than the look-up it guards.
        thread_local! {
            static PLAIN: std::cell::RefCell<[HashMap<String, String, Fnv>; 2]> =
                std::cell::RefCell::new(Default::default());
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

    /// The text for `key` as an HTML template writes it (`{{ f.tr.text("key") }}`): the same
    /// text as [`Self::t`], escaped once if it holds any of the characters HTML escaping
    /// changes (`<>&"'`), and marked for askama as needing no escaping, so the page's bytes
    /// are the same either way.
    /// A page writes a hundred or more of these, and escaping them — a scan of every byte, and
    /// a fresh `String` each from [`Self::t`] — was a fifth of the municipality page's template
    /// (bench/README.md).
    pub fn text(&self, key: &'static str) -> MaybeSafe<&'static str> {
        // Each worker thread keeps the texts it has written, by the key's address: the keys are
        // the templates' literals, so the address is a key's identity and hashing it costs a
        // fraction of hashing its bytes. Two literals of the same key are two entries with the
        // same text. The texts themselves are kept once for the process (`fixed`).
        type Kept = HashMap<(usize, usize), &'static str, Fnv>;
        thread_local! {
            static WRITTEN: std::cell::RefCell<[Kept; 2]> = std::cell::RefCell::new(Default::default());
        }
        let slot = self.locale as usize;
        let at = (key.as_ptr() as usize, key.len());
        let html = WRITTEN.with(|kept| {
            if let Some(found) = kept.borrow()[slot].get(&at) {
                return *found;
            }
            let text = fixed(self.locale, key, || self.t(key));
            let plain = !text
                .bytes()
                .any(|b| matches!(b, b'<' | b'>' | b'&' | b'"' | b'\''));
            // A text that needs escaping is kept escaped (the bytes askama's escaper writes),
            // once for the process: the municipality's and unit's pages write a 1,500-byte
            // explanation with quotes in it, ~12,000 instructions to escape on every request.
            let html = if plain {
                text
            } else {
                fixed(self.locale, &format!("{key}\u{0}html"), || {
                    let mut html = String::with_capacity(text.len() + 32);
                    let _ = crate::web::escape::write_escaped(&mut html, text);
                    html
                })
            };
            kept.borrow_mut()[slot].insert(at, html);
            html
        });
        // HTML as it is written: for HTML templates, where this is written (a text template
        // would write the character references as they are).
        MaybeSafe::Safe(html)
    }

    /// The text for `key` with named arguments.
    pub fn t_args(&self, key: &str, args: &[(&'static str, FluentValue<'_>)]) -> String {
        // The same text with the same arguments is the same every time, and pages repeat them
        // ("3 ledige pladser" on many cards, "N dage" down /tal): each worker thread keeps the
        // ones it formatted, starting afresh when it holds too many, as arguments may be
        // anything people wrote.
        const KEPT: usize = 2048;
        thread_local! {
            // The standard, keyed hasher here, not FNV: these keys carry what people wrote,
            // and FNV's collisions can be chosen.
            static FORMATTED: std::cell::RefCell<HashMap<String, String>> =
                std::cell::RefCell::new(Default::default());
        }
        let Some(memo) = memo_key(self.locale, key, args) else {
            return self.format(key, args);
        };
        if let Some(text) = FORMATTED.with(|kept| kept.borrow().get(&memo).cloned()) {
            return text;
        }
        let text = self.format(key, args);
        FORMATTED.with(|kept| {
            let mut kept = kept.borrow_mut();
            if kept.len() >= KEPT {
                kept.clear();
            }
            kept.insert(memo, text.clone());
        });
        text
    }

    fn format(&self, key: &str, args: &[(&'static str, FluentValue<'_>)]) -> String {
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
        // Kept per thread by language, key, argument and value, found without building
        // [`Self::t_args`]' key string (~1,400 instructions a text; a municipality's page
        // writes eight with its name): the key looked up by its bytes (FNV: the keys are ours),
        // then the value with the standard hasher (values are what people wrote). Begun afresh
        // past 2,048 values.
        const KEPT: usize = 2048;
        type Values = HashMap<String, String>;
        type Kept = HashMap<String, Vec<(&'static str, [Values; 2])>, Fnv>;
        thread_local! {
            static ONES: std::cell::RefCell<(usize, Kept)> =
                std::cell::RefCell::new((0, Kept::default()));
        }
        let slot = self.locale as usize;
        let found = ONES.with(|kept| {
            let kept = kept.borrow();
            let (_, by_name) = kept.1.get(key)?.iter().find(|(n, _)| *n == name)?;
            by_name[slot].get(value).cloned()
        });
        if let Some(text) = found {
            return text;
        }
        let text = self.format(key, &[(name, FluentValue::from(value.to_string()))]);
        ONES.with(|kept| {
            let (count, kept) = &mut *kept.borrow_mut();
            if *count >= KEPT {
                kept.clear();
                *count = 0;
            }
            let names = kept.entry(key.to_string()).or_default();
            let at = match names.iter().position(|(n, _)| *n == name) {
                Some(at) => at,
                None => {
                    names.push((name, Default::default()));
                    names.len() - 1
                }
            };
            names[at].1[slot].insert(value.to_string(), text.clone());
            *count += 1;
        });
        text
    }

    /// A count, with the language's plural rules (`{ $count -> [one] … *[other] … }`).
    pub fn count(&self, key: &'static str, count: i64) -> String {
        // Counts are the commonest texts with an argument ("3 ledige pladser" on cards, "for 2
        // dage siden" down the inbox, "N saloner" down the decisions): each worker thread keeps
        // them by language, key and count, without building [`t_args`]' key string. Keys are
        // the locale files' own, named in the code (`&'static str`), so the set is small;
        // begun afresh past 2,048 all the same.
        const KEPT: usize = 2048;
        type Kept = HashMap<(Locale, &'static str, i64), String, Fnv>;
        thread_local! {
            static COUNTS: std::cell::RefCell<Kept> = std::cell::RefCell::new(Kept::default());
        }
        let at = (self.locale, key, count);
        if let Some(text) = COUNTS.with(|kept| kept.borrow().get(&at).cloned()) {
            return text;
        }
        let text = self.t_args(key, &[("count", FluentValue::from(count))]);
        COUNTS.with(|kept| {
            let mut kept = kept.borrow_mut();
            if kept.len() >= KEPT {
                kept.clear();
            }
            kept.insert(at, text.clone());
        });
        text
    }

    /// A text with two numbers, `{ $n } af { $of }`: [`Self::count`]'s way for two. `/tal`
    /// writes one down each of its 98 rows, and [`Self::t_args`]' key string cost ~1,500
    /// instructions a row where this look-up costs a fifth of that.
    pub fn numbers2(&self, key: &'static str, args: [(&'static str, i64); 2]) -> String {
        const KEPT: usize = 2048;
        type Kept = HashMap<(Locale, &'static str, [(&'static str, i64); 2]), String, Fnv>;
        thread_local! {
            static PAIRS: std::cell::RefCell<Kept> = std::cell::RefCell::new(Kept::default());
        }
        let at = (self.locale, key, args);
        if let Some(text) = PAIRS.with(|kept| kept.borrow().get(&at).cloned()) {
            return text;
        }
        let [(a, x), (b, y)] = args;
        let text = self.t_args(key, &[(a, FluentValue::from(x)), (b, FluentValue::from(y))]);
        PAIRS.with(|kept| {
            let mut kept = kept.borrow_mut();
            if kept.len() >= KEPT {
                kept.clear();
            }
            kept.insert(at, text.clone());
        });
        text
    }

    /// A moment as people read it, in Europe/Copenhagen: "lørdag 5. december kl. 14.00".
    pub fn datetime(&self, at: DateTime<Utc>) -> String {
        self.datetime_local(copenhagen_local(at))
    }

    /// [`Self::datetime`] of a moment already on Copenhagen's clock ([`copenhagen_local`]),
    /// for a caller that shows it in more than one way.
    pub fn datetime_local(&self, local: NaiveDateTime) -> String {
        let (hour, minute) = (local.hour(), local.minute());
        self.calendar().datetime_long.fill(|part, out| match part {
            Part::Weekday => out.push_str(self.weekday(local.weekday().number_from_monday())),
            Part::Day => push_number(out, local.day(), 1),
            Part::Month => out.push_str(self.month(local.month())),
            Part::Year => push_number(out, local.year().unsigned_abs(), 1),
            Part::Time => {
                push_number(out, hour, 2);
                out.push(match self.locale {
                    Locale::Da => '.',
                    Locale::En => ':',
                });
                push_number(out, minute, 2);
            }
        })
    }

    /// A date as people read it: "5. december 2026".
    pub fn date(&self, at: DateTime<Utc>) -> String {
        let local = at.with_timezone(&Copenhagen).date_naive();
        self.calendar()
            .date_long
            .fill(|part, out| self.date_part(local, part, out))
    }

    /// A calendar day (a meeting date) as people read it: "tirsdag 15. december 2026".
    pub fn day(&self, d: NaiveDate) -> String {
        self.calendar()
            .day_long
            .fill(|part, out| self.date_part(d, part, out))
    }

    fn date_part(&self, d: NaiveDate, part: Part, out: &mut String) {
        match part {
            Part::Weekday => out.push_str(self.weekday(d.weekday().number_from_monday())),
            Part::Day => push_number(out, d.day(), 1),
            Part::Month => out.push_str(self.month(d.month())),
            Part::Year => push_number(out, d.year().unsigned_abs(), 1),
            // No day pattern places a time; nothing to write if one ever did.
            Part::Time => {}
        }
    }

    /// "lørdag" for 6 (Monday is 1).
    pub fn weekday(&self, n: u32) -> &'static str {
        name(&self.calendar().weekdays, n)
    }

    /// "lør." for 6 (Monday is 1).
    pub fn weekday_short(&self, n: u32) -> &'static str {
        name(&self.calendar().weekdays_short, n)
    }

    /// "december" for 12.
    pub fn month(&self, n: u32) -> &'static str {
        name(&self.calendar().months, n)
    }

    /// "dec." for 12.
    pub fn month_short(&self, n: u32) -> &'static str {
        name(&self.calendar().months_short, n)
    }

    fn calendar(&self) -> &'static Calendar {
        static CALENDARS: LazyLock<[Calendar; 2]> =
            LazyLock::new(|| Locale::ALL.map(Calendar::read));
        &CALENDARS[self.locale as usize]
    }
}

/// The text of `key` in `locale`, kept for the life of the process: each language's text of
/// each key is made (`make`) and kept once, however many threads ask, so what is kept is
/// bounded by the locale files.
fn fixed(locale: Locale, key: &str, make: impl FnOnce() -> String) -> &'static str {
    type Texts = HashMap<(Locale, String), &'static str>;
    static TEXTS: LazyLock<std::sync::Mutex<Texts>> = LazyLock::new(Default::default);
    let mut texts = TEXTS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    texts
        .entry((locale, key.to_string()))
        .or_insert_with(|| Box::leak(make().into_boxed_str()))
}

/// What decides a formatted text: the language, the key and each argument, written so that no
/// two differ in the same way (a string's length before it). `None` for an argument whose
/// formatting depends on more than its value (a number with options, a custom type).
fn memo_key(locale: Locale, key: &str, args: &[(&'static str, FluentValue<'_>)]) -> Option<String> {
    use std::fmt::Write;
    let mut memo = String::with_capacity(key.len() + 32);
    memo.push_str(locale.code());
    memo.push(' ');
    memo.push_str(key);
    for (name, value) in args {
        memo.push(' ');
        memo.push_str(name);
        match value {
            FluentValue::String(text) => {
                // Digits pushed, not `write!`n: `core::fmt` was a fifth of a kept text's cost.
                memo.push('=');
                push_digits(&mut memo, text.len() as u64);
                memo.push(':');
                memo.push_str(text);
            }
            FluentValue::Number(n) if n.options == Default::default() => {
                // Counts are whole numbers: written as integers they give the same key
                // ("3" either way) for a tenth of the work of a float's shortest form (~900
                // instructions each, two per row down /tal). -0 keeps the float's "-0".
                let v = n.value;
                if v.fract() == 0.0 && v.abs() < 9.0e15 && !(v == 0.0 && v.is_sign_negative()) {
                    memo.push('#');
                    if v < 0.0 {
                        memo.push('-');
                    }
                    push_digits(&mut memo, v.abs() as u64);
                } else {
                    let _ = write!(memo, "#{v}");
                }
            }
            _ => return None,
        }
    }
    Some(memo)
}

/// FNV-1a, for maps keyed by the locale files' own keys.
type Fnv = std::hash::BuildHasherDefault<FnvHasher>;

struct FnvHasher(u64);

impl Default for FnvHasher {
    fn default() -> FnvHasher {
        FnvHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for FnvHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// `at` on Copenhagen's clock. Each of a `DateTime<Tz>`'s fields (day, month, hour, ...)
/// adds the offset to the UTC time again, and a card or a date asks for five or six of them:
/// taken once as a plain local time, the fields are read from it directly.
pub fn copenhagen_local(at: DateTime<Utc>) -> NaiveDateTime {
    at.with_timezone(&Copenhagen).naive_local()
}

/// What dates are made of in one language, read from its locale files once: the names of the
/// weekdays and months, and each date message split where its arguments go. Formatting a date
/// is then a few pushes onto one string; through Fluent it cost a page a fifth of its work
/// (bench/README.md): the arguments hashed into a map, the map copied into Fluent's, the
/// message walked, and the names themselves looked up as texts, for every date on a page.
struct Calendar {
    weekdays: [String; 7],
    weekdays_short: [String; 7],
    months: [String; 12],
    months_short: [String; 12],
    datetime_long: Pattern,
    date_long: Pattern,
    day_long: Pattern,
}

impl Calendar {
    fn read(locale: Locale) -> Calendar {
        let tr = Tr::new(locale);
        Calendar {
            weekdays: std::array::from_fn(|i| tr.t(&format!("weekday-{}", i + 1))),
            weekdays_short: std::array::from_fn(|i| tr.t(&format!("weekday-short-{}", i + 1))),
            months: std::array::from_fn(|i| tr.t(&format!("month-{}", i + 1))),
            months_short: std::array::from_fn(|i| tr.t(&format!("month-short-{}", i + 1))),
            datetime_long: Pattern::read(locale, "datetime-long"),
            date_long: Pattern::read(locale, "date-long"),
            day_long: Pattern::read(locale, "day-long"),
        }
    }
}

/// `names[n - 1]`; "" for a number out of range rather than a panic on a page.
fn name(names: &'static [String], n: u32) -> &'static str {
    (n as usize)
        .checked_sub(1)
        .and_then(|i| names.get(i))
        .map_or("", String::as_str)
}

/// The arguments a date message may place, by their names in the locale files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    Weekday,
    Day,
    Month,
    Year,
    Time,
}

const PARTS: [(&str, Part); 5] = [
    ("weekday", Part::Weekday),
    ("day", Part::Day),
    ("month", Part::Month),
    ("year", Part::Year),
    ("time", Part::Time),
];

/// A date message as literal text and the arguments between.
#[derive(Debug, PartialEq, Eq)]
struct Pattern(Vec<Piece>);

#[derive(Debug, PartialEq, Eq)]
enum Piece {
    Text(String),
    Part(Part),
}

/// The first of the characters that stand in for the arguments while a pattern is read:
/// Unicode's private use area, which no text in the locale files uses.
const STAND_IN: u32 = 0xE000;

impl Pattern {
    /// Formats the message once with each argument a stand-in character and splits the result
    /// at them. The date messages only place their arguments (no selectors on them), so every
    /// date formats the same way with other values.
    fn read(locale: Locale, key: &str) -> Pattern {
        let args: HashMap<Cow<'static, str>, FluentValue<'_>> = PARTS
            .iter()
            .zip(STAND_IN..)
            .map(|((name, _), c)| {
                let stand_in = char::from_u32(c).unwrap_or_default().to_string();
                (Cow::Borrowed(*name), FluentValue::from(stand_in))
            })
            .collect();
        let text = LOCALES.lookup_with_args(locale.langid(), key, &args);
        let mut pieces = Vec::new();
        let mut literal = String::new();
        for c in text.chars() {
            let part = (c as u32)
                .checked_sub(STAND_IN)
                .and_then(|i| PARTS.get(i as usize));
            match part {
                Some((_, part)) => {
                    if !literal.is_empty() {
                        pieces.push(Piece::Text(std::mem::take(&mut literal)));
                    }
                    pieces.push(Piece::Part(*part));
                }
                None => literal.push(c),
            }
        }
        if !literal.is_empty() {
            pieces.push(Piece::Text(literal));
        }
        Pattern(pieces)
    }

    /// The message with `part` writing each argument.
    fn fill(&self, mut part: impl FnMut(Part, &mut String)) -> String {
        let mut out = String::with_capacity(40);
        for piece in &self.0 {
            match piece {
                Piece::Text(text) => out.push_str(text),
                Piece::Part(p) => part(*p, &mut out),
            }
        }
        out
    }
}

/// `n` in decimal, as `n.to_string()` writes it.
fn push_digits(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[at..] {
        out.push(char::from(d));
    }
}

/// `n` in decimal, zero-padded to at least `width` digits.
pub(crate) fn push_number(out: &mut String, n: u32, width: usize) {
    let mut digits = [0u8; 10];
    let mut at = digits.len();
    let mut n = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 && digits.len() - at >= width {
            break;
        }
    }
    for &d in &digits[at..] {
        out.push(d as char);
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
    fn numbers_in_kept_texts_key_as_their_float_form_does() {
        // Whole numbers are written as integers: the key must be the one the float's own
        // form gives, so equal numbers share a text and different ones never do.
        for v in [
            0.0,
            -0.0,
            3.0,
            -2.0,
            98.0,
            1.0e15,
            2.5,
            -0.25,
            1.0e20,
            f64::INFINITY,
        ] {
            let key = memo_key(Locale::Da, "k", &[("n", FluentValue::from(v))]);
            assert_eq!(key.as_deref(), Some(format!("da k n#{v}").as_str()), "{v}");
        }
        for n in [0i64, 7, -7, 10, 1_234_567, -8_999_999_999_999_999] {
            let key = memo_key(Locale::En, "k", &[("n", FluentValue::from(n))]);
            assert_eq!(key.as_deref(), Some(format!("en k n#{n}").as_str()), "{n}");
        }
        let long = "æ".repeat(12_345);
        for text in ["", "Aarhus", "Ærø & 🎉", long.as_str()] {
            let key = memo_key(
                Locale::Da,
                "k",
                &[("s", FluentValue::from(text.to_string()))],
            );
            let written = format!("da k s={}:{text}", text.len());
            assert_eq!(key.as_deref(), Some(written.as_str()));
        }
    }

    /// Counts kept per thread read as the message formatted afresh does, in both languages,
    /// for counts that take each plural form, the first time and when kept.
    #[test]
    fn kept_counts_match_the_messages_formatted_afresh() {
        for locale in Locale::ALL {
            let tr = Tr::new(locale);
            for key in [
                "inv-ago-days",
                "inv-ago-hours",
                "salon-seats-left",
                "dec-salon-count",
            ] {
                for n in [-1, 0, 1, 2, 3, 21, 100, 1_000_001] {
                    let afresh = tr.format(key, &[("count", FluentValue::from(n))]);
                    assert_eq!(tr.count(key, n), afresh, "{locale:?} {key} {n}");
                    assert_eq!(tr.count(key, n), afresh, "{locale:?} {key} {n}, kept");
                }
            }
        }
    }

    /// Two numbers kept per thread read as the message formatted afresh does, in both
    /// languages, the first time and when kept.
    #[test]
    fn kept_pairs_match_the_messages_formatted_afresh() {
        for locale in Locale::ALL {
            let tr = Tr::new(locale);
            for (n, of) in [(0, 0), (0, 20), (1, 1), (3, 21), (-1, 7), (1_000_001, 2)] {
                let afresh = tr.format(
                    "inv-record-decisions-value",
                    &[("n", FluentValue::from(n)), ("of", FluentValue::from(of))],
                );
                let kept = || tr.numbers2("inv-record-decisions-value", [("n", n), ("of", of)]);
                assert_eq!(kept(), afresh, "{locale:?} {n} {of}");
                assert_eq!(kept(), afresh, "{locale:?} {n} {of}, kept");
            }
        }
    }

    #[test]
    fn kept_texts_with_one_argument_match_the_messages_formatted_afresh() {
        let values = [
            "Aarhus",
            "Ærø",
            "Lolland",
            "",
            "<b>\"x\" & 'y'</b>",
            "🎉",
            "Aarhus ",
        ];
        for round in 0..2 {
            for locale in Locale::ALL {
                let tr = Tr::new(locale);
                for (key, name) in [
                    ("directory-municipality-heading", "municipality"),
                    ("municipality-about-heading", "municipality"),
                    ("directory-more-sessions", "first"),
                ] {
                    for value in values {
                        let afresh =
                            tr.format(key, &[(name, FluentValue::from(value.to_string()))]);
                        assert_eq!(
                            tr.t1(key, name, value),
                            afresh,
                            "{round} {locale:?} {key} {value:?}"
                        );
                    }
                }
                // The same key with another argument's name is another text.
                assert_eq!(
                    tr.t1("directory-municipality-heading", "other", "Aarhus"),
                    tr.format(
                        "directory-municipality-heading",
                        &[("other", FluentValue::from("Aarhus".to_string()))]
                    )
                );
            }
        }
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

    /// The patterns and names read once write every date as the messages formatted by Fluent
    /// with the same arguments do, in both languages, across two years and their changes of
    /// summer time.
    #[test]
    fn dates_read_once_match_fluent_for_every_day() {
        fn fluent(tr: &Tr, key: &str, args: &[(&'static str, String)]) -> String {
            let args: Vec<(&'static str, FluentValue<'_>)> = args
                .iter()
                .map(|(k, v)| (*k, FluentValue::from(v.clone())))
                .collect();
            tr.t_args(key, &args)
        }
        let start = DateTime::parse_from_rfc3339("2025-12-31T20:45:00Z")
            .unwrap()
            .to_utc();
        for locale in Locale::ALL {
            let tr = Tr::new(locale);
            for step in 0..(2 * 366 * 4) {
                // Every six hours and a few minutes: every day, at times either side of midnight.
                let at = start + chrono::TimeDelta::minutes(step * (6 * 60 + 7));
                let local = at.with_timezone(&Copenhagen);
                let weekday = tr.t(&format!("weekday-{}", local.weekday().number_from_monday()));
                let month = tr.t(&format!("month-{}", local.month()));
                let sep = if locale == Locale::Da { "." } else { ":" };
                let time = format!("{:02}{sep}{:02}", local.hour(), local.minute());
                let (day, year) = (local.day().to_string(), local.year().to_string());
                assert_eq!(
                    tr.datetime(at),
                    fluent(
                        &tr,
                        "datetime-long",
                        &[
                            ("weekday", weekday.clone()),
                            ("day", day.clone()),
                            ("month", month.clone()),
                            ("year", year.clone()),
                            ("time", time),
                        ]
                    )
                );
                assert_eq!(
                    tr.date(at),
                    fluent(
                        &tr,
                        "date-long",
                        &[
                            ("day", day.clone()),
                            ("month", month.clone()),
                            ("year", year.clone())
                        ]
                    )
                );
                assert_eq!(
                    tr.day(local.date_naive()),
                    fluent(
                        &tr,
                        "day-long",
                        &[
                            ("weekday", weekday),
                            ("day", day),
                            ("month", month),
                            ("year", year)
                        ]
                    )
                );
                assert_eq!(
                    tr.weekday_short(local.weekday().number_from_monday()),
                    tr.t(&format!(
                        "weekday-short-{}",
                        local.weekday().number_from_monday()
                    ))
                );
                assert_eq!(
                    tr.month_short(local.month()),
                    tr.t(&format!("month-short-{}", local.month()))
                );
            }
        }
    }

    #[test]
    fn texts_written_unescaped_are_the_bytes_escaping_would_write() {
        // Every text of both languages, written as a template writes `text` and as it wrote
        // `t` (escaped): the same bytes, and texts with characters to escape are escaped.
        #[derive(askama::Template)]
        #[template(source = "{{ text }}", ext = "html")]
        struct Fixed {
            text: MaybeSafe<&'static str>,
        }
        #[derive(askama::Template)]
        #[template(source = "{{ text }}", ext = "html")]
        struct Plain {
            text: String,
        }
        use askama::Template;
        let mut escaped = 0;
        for locale in Locale::ALL {
            let tr = Tr::new(locale);
            for key in locale_keys(locale.code()) {
                let key: &'static str = Box::leak(key.into_boxed_str());
                let fixed = Fixed { text: tr.text(key) }.render().unwrap();
                let plain = Plain { text: tr.t(key) }.render().unwrap();
                assert_eq!(fixed, plain, "{key}");
                escaped += usize::from(fixed != tr.t(key));
            }
        }
        assert!(escaped > 0, "some texts hold a quote or an apostrophe");
    }

    /// The keys of the locale files of `lang`.
    fn locale_keys(lang: &str) -> std::collections::BTreeSet<String> {
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
                    .filter(|l| !l.starts_with([' ', '#', '.', '*', '[', '}']) && l.contains(" ="))
                    .filter_map(|l| l.split(" =").next().map(str::to_string)),
            );
        }
        keys
    }

    #[test]
    fn every_key_exists_in_both_languages() {
        assert_eq!(locale_keys("da"), locale_keys("en"));
    }
}
