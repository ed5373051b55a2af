//! The record as data and as a picture, and Denmark side by side: each municipality's and
//! unit's figures as a CSV download ([`downloads`]), a chart of answer times and next steps on
//! their pages ([`chart`]), and `/tal` with every municipality in one table ([`national`]),
//! read from a summary a job keeps up to date.
//!
//! The figures are the response record's ([`crate::invitations::record`]) and the next steps'
//! ([`crate::agreements::shown`]): this module draws and downloads them, it defines none.

pub(crate) mod arrays;
pub mod chart;
mod downloads;
pub mod national;

pub use national::{refresh, schedule};

use axum::routing::get;

use chrono::{DateTime, Utc};

use crate::agreements::shown::Followed;
use crate::auth::{Access, RouteSpec};
use crate::web::i18n::Tr;

pub fn routes() -> Vec<RouteSpec> {
    use Access::*;
    vec![
        RouteSpec::get(
            "/municipalities/{municipality}/record.csv",
            Public,
            get(downloads::municipality),
        ),
        RouteSpec::get(
            "/municipalities/{municipality}/units/{unit}/record.csv",
            Public,
            get(downloads::unit),
        ),
        RouteSpec::get("/tal", Public, get(national::page)),
        RouteSpec::get("/tal.csv", Public, get(national::csv)),
        RouteSpec::get("/tal.json", Public, get(national::json)),
    ]
}

pub fn register_jobs(worker: crate::jobs::Worker) -> crate::jobs::Worker {
    national::register_jobs(worker)
}

/// What the municipality's and units' pages show beside the record: the chart, and where its
/// figures can be downloaded.
pub struct Figures {
    /// The record and next steps as CSV.
    pub csv: String,
    /// The same as JSON, from the open API.
    pub json: String,
    pub chart: std::sync::Arc<chart::Chart>,
}

impl Figures {
    /// A municipality's: `months` are its record's ([`crate::invitations::record::record_with_months`])
    /// and `steps` the next steps its page already counted.
    pub fn municipality(
        tr: &Tr,
        slug: &str,
        (now, months): (DateTime<Utc>, &[chart::MonthFigures]),
        steps: &Followed,
    ) -> Figures {
        Figures {
            csv: format!("/municipalities/{slug}/record.csv"),
            json: format!("/api/v1/municipalities/{slug}/record"),
            chart: chart::Chart::new(tr, chart::twelve(now, months), steps),
        }
    }

    /// A unit's, `unit_slug` being the unit's and `slug` its municipality's.
    pub fn unit(
        tr: &Tr,
        (slug, unit_slug): (&str, &str),
        (now, months): (DateTime<Utc>, &[chart::MonthFigures]),
        steps: &Followed,
    ) -> Figures {
        Figures {
            csv: format!("/municipalities/{slug}/units/{unit_slug}/record.csv"),
            json: format!("/api/v1/municipalities/{slug}/units/{unit_slug}/record"),
            chart: chart::Chart::new(tr, chart::twelve(now, months), steps),
        }
    }
}
