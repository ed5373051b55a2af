//! What a salon page shows of its invitations to the municipality: who was invited and where
//! it stands ("Teknik og Miljø, Skanderborg Kommune: kommer — Jens Hansen, vejingeniør").
//! Loaded with the salon's details in one query; invitations to private addresses never show.

use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::web::i18n::Tr;

/// Someone coming through an invitation.
#[derive(Clone, Debug, Deserialize)]
pub struct ComerRow {
    pub name: Option<String>,
    pub title: String,
}

/// One invitation as the salon page shows it.
#[derive(Clone, Debug, Deserialize)]
pub struct SalonInvitation {
    pub unit: Option<String>,
    pub person: Option<String>,
    pub municipality: String,
    pub status: String,
    pub via_mailbox: bool,
    pub sent_at: DateTime<Utc>,
    pub decline_reason: String,
    pub comers: Vec<ComerRow>,
}

impl SalonInvitation {
    /// Who was invited: "Teknik og Miljø, Skanderborg Kommune".
    pub fn holder(&self) -> String {
        match (&self.unit, &self.person) {
            (Some(u), _) => format!("{u}, {}", self.municipality),
            (None, Some(p)) => format!("{p}, {}", self.municipality),
            (None, None) => self.municipality.clone(),
        }
    }

    /// Where it stands, in words.
    pub fn state(&self, tr: &Tr, now: DateTime<Utc>) -> String {
        match self.status.as_str() {
            "accepted" => {
                let names: Vec<String> = self
                    .comers
                    .iter()
                    .filter_map(|c| {
                        c.name.as_ref().map(|n| {
                            if c.title.is_empty() {
                                n.clone()
                            } else {
                                format!("{n}, {}", c.title)
                            }
                        })
                    })
                    .collect();
                if names.is_empty() {
                    tr.t("inv-public-accepted")
                } else {
                    tr.t1("inv-public-accepted-names", "names", &names.join("; "))
                }
            }
            "declined" => tr.t1("inv-public-declined", "reason", &self.decline_reason),
            "proposed" => tr.t("inv-public-proposed"),
            _ => {
                let days = super::age_days(now, self.sent_at);
                if self.via_mailbox {
                    tr.count("inv-public-open-mailbox", days)
                } else {
                    tr.count("inv-public-open", days)
                }
            }
        }
    }
}
