//! The public conversation around a salon: "Spørgsmål og input" before it, and "Kommentarer til
//! referatet" for 30 days after its summary is published, then read-only. Quiet by design: no
//! likes and no counts; oldest first, what the hosts pin on top; one level of replies.
//!
//! Where to look: [`section`] turns the rows the salon page loads (in its one query,
//! `salons::details_for`) into what the page shows; [`write`] holds the forms' handlers (ask,
//! reply, mark answered, pin, delete one's own); [`data`] the download and the erasure. Reports
//! go through the moderation feature's report flow like every other reported thing.

mod data;
pub mod section;
mod write;

pub use data::{erase, personal_data};
pub use section::{AnswerUnit, Row, Section};

use axum::routing::post;
use chrono::{DateTime, Duration, Utc};

use crate::auth::{Access, RouteSpec};
use crate::salons::SalonStatus;

/// How long the comments on a published summary stay open.
pub const COMMENTS_OPEN_FOR: Duration = Duration::days(30);

/// The conversation's routes; its report form is the moderation feature's.
pub fn routes() -> Vec<RouteSpec> {
    use Access::*;
    vec![
        RouteSpec::post("/salons/{key}/questions", Verified, post(write::ask)),
        RouteSpec::post(
            "/questions/{question}/replies",
            Verified,
            post(write::reply),
        ),
        RouteSpec::post(
            "/questions/{question}/answered",
            Verified,
            post(write::mark_answered),
        ),
        RouteSpec::post("/questions/{question}/pin", Verified, post(write::pin)),
        // `{mine}`: the author's own item (the authorisation matrix needs one of the right
        // person's, while the other routes want someone else's question).
        RouteSpec::post("/questions/{mine}/delete", Verified, post(write::delete)),
    ]
}

/// Which of the two sections an item belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// "Spørgsmål og input", before the summary.
    Before,
    /// "Kommentarer til referatet", after it.
    After,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Before => "before",
            Kind::After => "after",
        }
    }

    pub fn from_db(raw: &str) -> Kind {
        match raw {
            "after" => Kind::After,
            _ => Kind::Before,
        }
    }
}

/// The section new items go to now, if any is open: questions while the salon is published
/// or held and has no published summary; comments for [`COMMENTS_OPEN_FOR`] after the summary
/// is published. Drafts and cancelled salons take none.
pub fn open_kind(
    status: SalonStatus,
    summary_published_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Option<Kind> {
    match (status, summary_published_at) {
        (SalonStatus::Draft | SalonStatus::Cancelled, _) => None,
        (_, Some(at)) => (now < at + COMMENTS_OPEN_FOR).then_some(Kind::After),
        (SalonStatus::Published | SalonStatus::Held, None) => Some(Kind::Before),
        (SalonStatus::Closed, None) => None,
    }
}

/// Where an item is on its salon's page.
pub fn anchor_path(salon_path: &str, item: uuid::Uuid) -> String {
    format!("{salon_path}#c-{item}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_close_thirty_days_after_the_summary() {
        let at = DateTime::parse_from_rfc3339("2026-12-01T09:00:00Z")
            .unwrap()
            .to_utc();
        let open = |status, summary, now| open_kind(status, summary, now);
        assert_eq!(open(SalonStatus::Published, None, at), Some(Kind::Before));
        assert_eq!(open(SalonStatus::Draft, None, at), None);
        assert_eq!(open(SalonStatus::Cancelled, None, at), None);
        let later = at + Duration::days(29);
        assert_eq!(
            open(SalonStatus::Closed, Some(at), later),
            Some(Kind::After)
        );
        assert_eq!(
            open(SalonStatus::Closed, Some(at), at + Duration::days(30)),
            None
        );
    }
}
