//! The record as data and as a picture, and Denmark side by side: each municipality's and
//! unit's figures as a CSV download ([`downloads`]), a chart of answer times and next steps on
//! their pages ([`chart`]), and `/tal` with every municipality in one table ([`national`]),
//! read from a summary a job keeps up to date.
//!
//! The figures are the response record's ([`crate::invitations::record`]) and the next steps'
//! ([`crate::agreements::shown`]): this module draws and downloads them, it defines none.

mod downloads;

use axum::routing::get;

use crate::auth::{Access, RouteSpec};

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
    ]
}

/// What the municipality's and units' pages show beside the record: where its figures can be
/// downloaded.
pub struct Figures {
    /// The record and next steps as CSV.
    pub csv: String,
    /// The same as JSON, from the open API.
    pub json: String,
}

impl Figures {
    pub fn municipality(slug: &str) -> Figures {
        Figures {
            csv: format!("/municipalities/{slug}/record.csv"),
            json: format!("/api/v1/municipalities/{slug}/record"),
        }
    }

    pub fn unit(slug: &str, unit: &str) -> Figures {
        Figures {
            csv: format!("/municipalities/{slug}/units/{unit}/record.csv"),
            json: format!("/api/v1/municipalities/{slug}/units/{unit}/record"),
        }
    }
}
