//! A `timestamptz` as PostgreSQL writes it into JSON (`to_json`: `2026-12-08T10:00:00+00:00`,
//! with the session's time zone, UTC for the app's connections), read digit by digit.
//!
//! chrono's `Deserialize` parses the general RFC 3339 form through its formatting machinery,
//! ~1,400 instructions a value: the municipality page's next salons read 20 of them a request
//! (bench/README.md). Anything but the plain form — a fraction of a second, another offset, a
//! year outside four digits — is left to chrono, so nothing reads differently.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

/// For `#[serde(deserialize_with = "…")]` on a `DateTime<Utc>`.
pub fn utc<'de, D: serde::Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
    // Read from the JSON's own bytes, without copying them into a `String` first (what
    // chrono's `Deserialize` and a `Cow<str>` do).
    struct Text;
    impl serde::de::Visitor<'_> for Text {
        type Value = DateTime<Utc>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("an RFC 3339 formatted date and time string")
        }

        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<DateTime<Utc>, E> {
            parse(text).map_err(E::custom)
        }
    }
    d.deserialize_str(Text)
}

/// `text` as chrono's `Deserialize` reads it: as `DateTime<FixedOffset>`, then in UTC.
pub fn parse(text: &str) -> Result<DateTime<Utc>, chrono::ParseError> {
    match plain(text.as_bytes()) {
        Some(at) => Ok(at),
        None => text.parse::<DateTime<FixedOffset>>().map(|at| at.to_utc()),
    }
}

/// `YYYY-MM-DDTHH:MM:SS+00:00` exactly, or `None`.
fn plain(b: &[u8]) -> Option<DateTime<Utc>> {
    if b.len() != 25
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
        || b[16] != b':'
        || &b[19..] != b"+00:00"
    {
        return None;
    }
    let digits = |from: usize, to: usize| -> Option<u32> {
        b[from..to].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let year = i32::try_from(digits(0, 4)?).ok()?;
    NaiveDate::from_ymd_opt(year, digits(5, 7)?, digits(8, 10)?)?
        .and_hms_opt(digits(11, 13)?, digits(14, 16)?, digits(17, 19)?)
        .map(|t| t.and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// chrono's own reading, as `serde_json` gave it before.
    fn chronos(text: &str) -> Option<DateTime<Utc>> {
        serde_json::from_value::<DateTime<Utc>>(serde_json::Value::String(text.into())).ok()
    }

    #[test]
    fn plain_timestamps_read_as_chrono_reads_them() {
        let start = DateTime::parse_from_rfc3339("1999-12-31T23:00:00Z")
            .unwrap()
            .to_utc();
        for step in 0..5_000i64 {
            let at = start + chrono::TimeDelta::seconds(step * (17 * 3600 + 11 * 60 + 7));
            let text = at.to_rfc3339();
            assert!(plain(text.as_bytes()).is_some(), "{text}");
            assert_eq!(parse(&text).ok(), chronos(&text), "{text}");
            assert_eq!(parse(&text).unwrap(), at);
        }
    }

    #[test]
    fn anything_else_is_read_by_chrono() {
        for text in [
            "2026-12-08T10:00:00.123456+00:00",
            "2026-12-08T10:00:00+01:00",
            "2026-12-08T10:00:00Z",
            "2026-12-08 10:00:00+00:00",
            "2026-02-30T10:00:00+00:00",
            "2026-12-08T24:00:00+00:00",
            "2026-12-08T23:59:60+00:00",
            "2026-1a-08T10:00:00+00:00",
            "+2026-12-08T10:00:0+00:00",
            "12026-12-08T10:00:00+00:00",
            "0000-01-01T00:00:00+00:00",
            "",
            "infinity",
        ] {
            assert_eq!(parse(text).ok(), chronos(text), "{text}");
        }
    }

    #[test]
    fn a_json_array_reads_its_timestamps_either_way() {
        #[derive(serde::Deserialize)]
        struct Row(#[serde(deserialize_with = "utc")] DateTime<Utc>, String);
        let rows: Vec<Row> = serde_json::from_str(
            r#"[["2026-12-08T10:00:00+00:00","a"],["2026-12-08T10:00:00.5+00:00","b"]]"#,
        )
        .unwrap();
        assert_eq!(rows[0].0.to_rfc3339(), "2026-12-08T10:00:00+00:00");
        assert_eq!(rows[1].0.to_rfc3339(), "2026-12-08T10:00:00.500+00:00");
        assert_eq!(rows[1].1, "b");
    }
}
