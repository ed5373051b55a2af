//! Corrections show: a text corrected after it was published — a salon's summary, a next
//! step — says "rettet <dato>", and its earlier versions are one click away
//! (`templates/earlier_versions.html`, a `<details>`). The earlier texts are shown as they
//! were written, as plain text: a record, not a second rendering of the page.

use chrono::{DateTime, Utc};
use chrono_tz::Europe::Copenhagen;

use crate::web::i18n::Tr;

/// A text as it stood before a correction.
#[derive(Clone, Debug)]
pub struct EarlierVersion {
    /// "Teksten indtil tirsdag 15. december kl. 14.00:".
    pub until: String,
    pub text: String,
}

impl EarlierVersion {
    /// `text`, which was the current one until `replaced_at`.
    pub fn new(tr: &Tr, text: String, replaced_at: DateTime<Utc>) -> EarlierVersion {
        EarlierVersion {
            until: tr.t1("earlier-version-until", "date", &tr.datetime(replaced_at)),
            text,
        }
    }
}

/// "rettet tirsdag 15. december 2026".
pub fn corrected_on(tr: &Tr, at: DateTime<Utc>) -> String {
    tr.t1(
        "corrected-on",
        "date",
        &tr.day(at.with_timezone(&Copenhagen).date_naive()),
    )
}
