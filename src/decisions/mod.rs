//! Upcoming decisions ("kommende beslutninger"): what a municipality's committee or council is
//! to decide, published early by its admins and officials so citizens can hold salons about it
//! before the meeting. A host links a salon to the decision it concerns; the decision's page
//! lists those salons with their summaries and next steps for the politicians who decide;
//! citizens follow a decision; an official records the outcome with a link to the minutes —
//! from the meeting day on, never before. Before it, the decision can get a new meeting date
//! or be taken off the agenda with a reason ("Taget af dagsordenen"), which closes it for new
//! salons and tells its salons' hosts and its followers once.
//!
//! Where to look: [`publish`] (staff: new and edit), [`pages`] (the list, a decision's page,
//! the municipality page's part), [`links`] (hosts linking salons, also at creation),
//! [`outcome`], [`follow`], [`feed`] (`.ics` of meeting dates), [`tell`] (who is told what),
//! [`briefing`] (the committee's one mail before its meeting),
//! [`data`] (the personal part).

mod briefing;
mod data;
mod feed;
mod follow;
mod links;
mod outcome;
pub mod pages;
mod publish;
mod tell;

use axum::routing::{get, post};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use crate::auth::{Access, RouteSpec};
use crate::domain::ids::DecisionId;
use crate::error::AppError;

pub use data::{erase, personal_data};
pub use follow::follow_decision;
pub use links::{LinkChoice, choices_for_new_salon, link_salon, parse_choice};
pub use outcome::{parse_minutes, parse_outcome, record_outcome};
pub use publish::{DecisionData, publish_decision};
pub use tell::{salon_published, summary_published};

/// The jobs that tell followers (and hosts) of a decision's news, and brief a committee.
pub fn register_jobs(worker: crate::jobs::Worker) -> crate::jobs::Worker {
    worker
        .handle(tell::KIND, tell::run)
        .handle(briefing::KIND, briefing::run)
}

pub fn routes() -> Vec<RouteSpec> {
    use crate::municipalities::MUNICIPALITY_STAFF;
    use crate::salons::SALON_HOST;
    use Access::*;
    vec![
        RouteSpec::get(
            "/municipalities/{municipality}/decisions",
            Public,
            get(pages::list),
        ),
        RouteSpec::get(
            "/municipalities/{municipality}/decisions.ics",
            Public,
            get(feed::ics),
        ),
        RouteSpec::get(
            "/municipalities/{municipality}/decisions/new",
            MUNICIPALITY_STAFF,
            get(publish::new_form),
        ),
        RouteSpec::post(
            "/municipalities/{municipality}/decisions/new",
            MUNICIPALITY_STAFF,
            post(publish::create),
        ),
        RouteSpec::get(
            "/municipalities/{municipality}/decisions/{decision}",
            Public,
            get(pages::show),
        ),
        RouteSpec::get(
            "/municipalities/{municipality}/decisions/{decision}/edit",
            MUNICIPALITY_STAFF,
            get(publish::edit_form),
        ),
        RouteSpec::post(
            "/municipalities/{municipality}/decisions/{decision}/edit",
            MUNICIPALITY_STAFF,
            post(publish::save),
        ),
        RouteSpec::get(
            "/municipalities/{municipality}/decisions/{decision}/outcome",
            MUNICIPALITY_STAFF,
            get(outcome::form),
        ),
        RouteSpec::post(
            "/municipalities/{municipality}/decisions/{decision}/outcome",
            MUNICIPALITY_STAFF,
            post(outcome::record),
        ),
        RouteSpec::post(
            "/municipalities/{municipality}/decisions/{decision}/withdraw",
            MUNICIPALITY_STAFF,
            post(outcome::withdraw),
        ),
        RouteSpec::post(
            "/municipalities/{municipality}/decisions/{decision}/follow",
            Verified,
            post(follow::follow),
        ),
        RouteSpec::post(
            "/municipalities/{municipality}/decisions/{decision}/unfollow",
            SignedIn,
            post(follow::unfollow),
        ),
        RouteSpec::get("/salons/{key}/decisions", SALON_HOST, get(links::page)),
        RouteSpec::post("/salons/{key}/decisions", SALON_HOST, post(links::link)),
        RouteSpec::post(
            "/salons/{key}/decisions/remove",
            SALON_HOST,
            post(links::unlink),
        ),
    ]
}

/// Whether a decision is still ahead or has been made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, sqlx::Type, serde::Deserialize)]
#[sqlx(type_name = "decision_status", rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Upcoming,
    Decided,
    /// Taken off the agenda before it was decided.
    Withdrawn,
}

/// One decision, as its pages and mails need it.
#[derive(Clone, Debug)]
pub struct Decision {
    pub id: Uuid,
    pub municipality_code: String,
    pub municipality_slug: String,
    pub municipality_name: String,
    pub title: String,
    pub description: String,
    pub unit_id: Uuid,
    pub unit_name: String,
    pub unit_slug: String,
    pub committee_id: Uuid,
    pub committee_name: String,
    pub committee_slug: String,
    pub meeting_on: NaiveDate,
    pub hearing_from: Option<NaiveDate>,
    pub hearing_to: Option<NaiveDate>,
    pub status: Status,
    pub outcome: String,
    pub minutes_url: String,
    pub decided_at: Option<DateTime<Utc>>,
    /// Why it was taken off the agenda ("" unless it was).
    pub withdrawn_reason: String,
    /// The municipality's case number ("" when not given).
    pub case_number: String,
    /// Its item on the meeting's agenda, an http(s) address ("" when not given).
    pub agenda_url: String,
}

impl Decision {
    /// `/municipalities/{slug}/decisions/{id}`.
    pub fn path(&self) -> String {
        path(&self.municipality_slug, self.id)
    }

    pub fn is_open(&self) -> bool {
        self.status == Status::Upcoming
    }

    pub fn is_withdrawn(&self) -> bool {
        self.status == Status::Withdrawn
    }
}

/// A decision's page.
pub fn path(municipality_slug: &str, id: Uuid) -> String {
    // Pushed rather than `format!`ed: the uuid through `Display` and `core::fmt` was most of
    // the ~800 instructions a path, a line in every list of decisions.
    let mut path = String::with_capacity(16 + municipality_slug.len() + 11 + 36);
    path.push_str("/municipalities/");
    path.push_str(municipality_slug);
    path.push_str("/decisions/");
    path.push_str(id.hyphenated().encode_lower(&mut Uuid::encode_buffer()));
    path
}

/// Decision `id`, if it belongs to the municipality with `slug` (else 404: a decision has one
/// address, under its own municipality).
pub async fn load(
    conn: &mut PgConnection,
    slug: &str,
    id: DecisionId,
) -> Result<Decision, AppError> {
    let id = id.uuid();
    let d = sqlx::query_as!(
        Decision,
        r#"SELECT d.id, d.municipality_code, m.slug AS municipality_slug,
                  m.official_name AS municipality_name, d.title, d.description,
                  d.unit_id, u.name AS unit_name, u.slug AS unit_slug,
                  d.committee_id, c.name AS committee_name, c.slug AS committee_slug,
                  d.meeting_on, d.hearing_from, d.hearing_to, d.status AS "status: Status",
                  d.outcome, d.minutes_url, d.decided_at, d.withdrawn_reason,
                  d.case_number, d.agenda_url
           FROM decisions d JOIN municipalities m ON m.code = d.municipality_code
           JOIN units u ON u.id = d.unit_id JOIN units c ON c.id = d.committee_id
           WHERE d.id = $1 AND m.slug = $2"#,
        id,
        slug
    )
    .fetch_optional(&mut *conn)
    .await?;
    d.ok_or(AppError::NotFound)
}

/// After a salon's edit: its links to decisions of another municipality go (a decision's page
/// lists its own municipality's salons), and followers hear of a linked salon that has just
/// become public.
pub async fn salon_edited(
    conn: &mut PgConnection,
    state: &crate::state::AppState,
    salon: Uuid,
) -> Result<(), AppError> {
    sqlx::query!(
        r#"DELETE FROM salon_decisions sd USING decisions d, salons s
           WHERE sd.salon_id = $1 AND d.id = sd.decision_id AND s.id = sd.salon_id
             AND d.municipality_code <> s.municipality_code"#,
        salon
    )
    .execute(&mut *conn)
    .await?;
    tell::salon_published(conn, state, salon).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decisions_path_reads_as_formatted() {
        for id in [Uuid::nil(), Uuid::max(), Uuid::new_v4()] {
            for slug in ["aarhus", "", "ærø"] {
                assert_eq!(
                    path(slug, id),
                    format!("/municipalities/{slug}/decisions/{id}")
                );
            }
        }
    }
}
