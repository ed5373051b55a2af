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
    /// A colleague named by the one who answered, who has not said yes yet: counted, not
    /// named (the query leaves out the name).
    #[serde(default)]
    pub asked: bool,
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
                    .filter(|c| !c.asked)
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
                match (names.is_empty(), self.asked_colleagues()) {
                    (true, 0) => tr.t("inv-public-accepted"),
                    (false, 0) => tr.t1("inv-public-accepted-names", "names", &names.join("; ")),
                    (_, asked) => self.with_colleagues(tr, &names, asked),
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

    /// Colleagues named by the one who answered who have not said yes yet.
    fn asked_colleagues(&self) -> usize {
        self.comers.iter().filter(|c| c.asked).count()
    }

    /// "kommer — Olga Hansen, Vejingeniør og 1 kollega": a named colleague counts until they
    /// confirm, and is named only then.
    fn with_colleagues(&self, tr: &Tr, names: &[String], asked: usize) -> String {
        let colleagues = tr.count("inv-public-colleagues", asked as i64);
        if names.is_empty() {
            let count = tr.count("inv-comers-colleagues", asked as i64);
            tr.t1("inv-public-only-colleagues", "colleagues", &count)
        } else {
            let names = format!("{} {colleagues}", names.join("; "));
            tr.t1("inv-public-accepted-names", "names", &names)
        }
    }
}
