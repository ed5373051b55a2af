//! What a salon page shows of its invitations to the municipality: who was invited and where
//! it stands ("Teknik og Miljø, Skanderborg Kommune: kommer — Jens Hansen, vejingeniør").
//! Loaded with the salon's details in one query; invitations to private addresses never show.
//!
//! Every public line says exactly what happened, and [`SalonInvitation::state`] is the one
//! place that words it: waiting is not coming (a guest on the municipality's waitlist "har sagt
//! ja — står på venteliste"), a proposal and the host's choice stay visible after the host
//! decides, and an answer through an address the host typed is never shown as the unit's own.
//! A name of someone in a public role links to their profile ([`markup::linked`]).

use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::web::i18n::Tr;
use crate::web::markup;

/// Someone coming through an invitation.
#[derive(Clone, Debug, Deserialize)]
pub struct ComerRow {
    pub name: Option<String>,
    pub title: String,
    /// On the municipality's waitlist: said yes, has no seat (yet).
    #[serde(default)]
    pub waiting: bool,
    /// A colleague named by the one who answered, who has not said yes yet: counted, not
    /// named (the query leaves out the name).
    #[serde(default)]
    pub asked: bool,
    /// Their public profile, when they come in a public role.
    #[serde(default)]
    pub profile: Option<uuid::Uuid>,
}

impl ComerRow {
    /// The name, isolated, linking to the profile where there is one.
    fn named(&self) -> Option<String> {
        let name = self.name.as_deref()?;
        Some(match self.profile {
            Some(id) => markup::linked(name, id),
            None => markup::name(name),
        })
    }
}

/// One invitation as the salon page shows it.
#[derive(Clone, Debug, Deserialize)]
pub struct SalonInvitation {
    pub unit: Option<String>,
    pub person: Option<String>,
    /// The invited person's public profile, when they hold a public role.
    #[serde(default)]
    pub person_profile: Option<uuid::Uuid>,
    pub municipality: String,
    pub status: String,
    pub via_mailbox: bool,
    pub sent_at: DateTime<Utc>,
    pub decline_reason: String,
    pub comers: Vec<ComerRow>,
    /// Saved on a draft, not sent yet.
    #[serde(default)]
    pub awaits_publish: bool,
    /// Mailed to an address the host typed.
    #[serde(default)]
    pub typed_address: bool,
    /// The last proposed time, and what the host did with it (`taken` or `kept`).
    #[serde(default)]
    pub proposed_starts_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub proposal_decision: Option<String>,
    /// No one came through this invitation itself, because the answer that settled it also
    /// settled another invitation of the salon: the best seat state of those coming through
    /// that one (`registered` before `waitlisted`).
    #[serde(default)]
    pub elsewhere: Option<String>,
}

impl SalonInvitation {
    /// Who was invited: "Teknik og Miljø, Skanderborg Kommune". A person's name is isolated
    /// ([`markup::name`]), as in [`Self::state`]: both are shown through `markup::Isolated`.
    pub fn holder(&self) -> String {
        match (&self.unit, &self.person) {
            (Some(u), _) => format!("{u}, {}", self.municipality),
            (None, Some(p)) => {
                let name = match self.person_profile {
                    Some(id) => markup::linked(p, id),
                    None => markup::name(p),
                };
                format!("{name}, {}", self.municipality)
            }
            (None, None) => self.municipality.clone(),
        }
    }

    /// Where it stands, in words.
    pub fn state(&self, tr: &Tr, now: DateTime<Utc>) -> String {
        if self.awaits_publish {
            return tr.t("inv-public-awaits-publish");
        }
        match self.status.as_str() {
            // Not proven to come from the municipality: never shown as its words.
            "accepted" | "declined" if self.typed_address => tr.t("inv-public-typed-answer"),
            "accepted" => self.accepted(tr),
            "declined" => tr.t1("inv-public-declined", "reason", &self.decline_reason),
            "proposed" => tr.t("inv-public-proposed"),
            _ => match (self.proposed_starts_at, self.proposal_decision.as_deref()) {
                // The host has decided on a proposal: that is what happened, not silence.
                (Some(at), Some(decision)) => tr.t1(
                    &format!("inv-public-proposal-{decision}"),
                    "when",
                    &tr.datetime(at),
                ),
                _ => {
                    let days = super::age_days(now, self.sent_at);
                    let key = match (self.via_mailbox, self.typed_address) {
                        (true, true) => "inv-public-open-typed",
                        (true, false) => "inv-public-open-mailbox",
                        _ => "inv-public-open",
                    };
                    tr.count(key, days)
                }
            },
        }
    }

    /// An accepted invitation: who has a seat comes; who is on the municipality's waitlist has
    /// said yes and waits. A colleague named by the one who answered is counted, and named only
    /// once they have confirmed.
    fn accepted(&self, tr: &Tr) -> String {
        let (waiting, seated): (Vec<&ComerRow>, Vec<&ComerRow>) =
            self.comers.iter().partition(|c| c.waiting);
        let described = |group: &[&ComerRow]| {
            let names: Vec<String> = group
                .iter()
                .filter(|c| !c.asked)
                .filter_map(|c| {
                    c.named().map(|n| {
                        if c.title.is_empty() {
                            n
                        } else {
                            format!("{n}, {}", c.title)
                        }
                    })
                })
                .collect();
            let asked = group.iter().filter(|c| c.asked).count() as i64;
            match (names.is_empty(), asked) {
                (_, 0) => names.join("; "),
                // "1 kollega": only colleagues still to confirm.
                (true, _) => tr.count("inv-comers-colleagues", asked),
                // "Olga Hansen, Vejingeniør og 1 kollega".
                (false, _) => format!(
                    "{} {}",
                    names.join("; "),
                    tr.count("inv-public-colleagues", asked)
                ),
            }
        };
        let (seated_names, waiting_names) = (described(&seated), described(&waiting));
        match (seated.is_empty(), waiting.is_empty()) {
            (false, true) if seated_names.is_empty() => tr.t("inv-public-accepted"),
            (false, true) => tr.t1("inv-public-accepted-names", "names", &seated_names),
            (true, false) => tr.t1("inv-public-accepted-waiting", "names", &waiting_names),
            (false, false) => tr.t_args(
                "inv-public-accepted-some-waiting",
                &[
                    ("names", seated_names.into()),
                    ("waiting", waiting_names.into()),
                ],
            ),
            (true, true) => match self.elsewhere.as_deref() {
                // Its people come through another invitation, whose line names them: one
                // person, one line.
                Some("registered") => tr.t("inv-public-accepted"),
                Some(_) => tr.t("inv-public-accepted-waiting-elsewhere"),
                // Everyone named has since cancelled: a yes, but no one is coming.
                None => tr.t("inv-public-accepted-no-one"),
            },
        }
    }
}
