//! The demo's invitations, one in every state, each sent by the salon's host and answered by
//! whoever may answer for its target: accepted (the official coming), open with the admins,
//! open by email, a question asked, passed on by the admin, a proposed time, declined with a
//! reason, and withdrawn by the host.

use anyhow::{Context, anyhow};

use super::scene::Scene;
use crate::invitations::actions::{self, Acceptance, Actor, Comer, Outcome, PassTo};
use crate::invitations::{self, Choice, Delivery, Status};

/// Who is invited.
#[derive(Clone, Copy)]
pub enum To {
    Municipality,
    Unit(&'static str),
    /// A person with a role, by the person's key.
    Person(&'static str),
    Email(&'static str),
}

/// What the invited do, and who does it.
#[derive(Clone, Copy)]
pub enum Answer {
    None,
    Accept(&'static str, &'static str),
    Decline(&'static str, &'static str),
    Question(&'static str, &'static str),
    /// Passed on to a unit, by the admin, with a note.
    PassOn(&'static str, &'static str, &'static str),
    /// Another time for the first session, a week later.
    Propose(&'static str, &'static str),
    /// The host takes it back.
    Withdraw,
}

/// One demo invitation: to whom, for which salon, sent and answered how many days ago.
pub struct Demo {
    pub salon: &'static str,
    pub to: To,
    pub sent: i64,
    pub answer: Answer,
    pub answered: i64,
}

const MESSAGE: &str = "Vi vil meget gerne høre jeres syn på sagen og fortælle, hvad vi har samlet.";

pub const DEMOS: &[Demo] = &[
    Demo {
        salon: "Naturpark Skanderborg Sø – hvad nu?",
        to: To::Person("anders"),
        sent: 30,
        answer: Answer::Accept("anders", ""),
        answered: 28,
    },
    Demo {
        salon: "Ry bymidte",
        to: To::Unit("tm"),
        sent: 12,
        answer: Answer::Accept("jens", "Jeg tager kortene over trafikken med."),
        answered: 11,
    },
    Demo {
        salon: "Ry bymidte",
        to: To::Unit("kf"),
        sent: 2,
        answer: Answer::None,
        answered: 0,
    },
    Demo {
        salon: "Ry bymidte",
        to: To::Email("nabo@example.dk"),
        sent: 3,
        answer: Answer::None,
        answered: 0,
    },
    Demo {
        salon: "Trafiksikker skolevej i Hørning",
        to: To::Unit("pmu"),
        sent: 5,
        answer: Answer::Question("anders", "Gælder det hele Skolevej eller kun krydset?"),
        answered: 4,
    },
    Demo {
        salon: "Trafiksikker skolevej i Hørning",
        to: To::Municipality,
        sent: 6,
        answer: Answer::PassOn("mette", "tm", "Vejene hører under Teknik og Miljø."),
        answered: 5,
    },
    Demo {
        salon: "Fremtidens Galten – tre tirsdage",
        to: To::Unit("pmu"),
        sent: 4,
        answer: Answer::Propose(
            "anders",
            "Udvalget har møde den første tirsdag. Kan vi komme ugen efter?",
        ),
        answered: 3,
    },
    Demo {
        salon: "Fremtidens Galten – tre tirsdage",
        to: To::Unit("kf"),
        sent: 9,
        answer: Answer::Decline(
            "mette",
            "Kultur og Fritid har ingen ledige den aften — prøv os til næste møde.",
        ),
        answered: 7,
    },
    Demo {
        salon: "Kaffesalon om biblioteket i Assens",
        to: To::Unit("ub"),
        sent: 8,
        answer: Answer::Withdraw,
        answered: 2,
    },
];

/// The full title of a salon a demo names by part of it.
fn title(part: &str) -> &'static str {
    super::salons::DEMOS
        .iter()
        .find(|d| d.title.contains(part))
        .map_or("", |d| d.title)
}

impl Scene {
    /// The host sends invitation `i`.
    pub(super) async fn invite(&mut self, i: usize) -> anyhow::Result<()> {
        let d = &DEMOS[i];
        let salon_title = title(d.salon);
        let demo = super::salons::DEMOS
            .iter()
            .find(|s| s.title == salon_title)
            .context("an invitation's salon")?;
        let salon = self.load(demo).await?;
        let choice = match d.to {
            To::Municipality => Choice::Municipality,
            To::Unit(unit) => Choice::Unit(self.units[unit]),
            To::Person(who) => Choice::Person(self.roles[who]),
            To::Email(_) => Choice::Email,
        };
        let address = match d.to {
            To::Email(address) => Some(address),
            _ => None,
        };
        let mut tx = self.state.db.begin().await?;
        let resolved = invitations::resolve(&mut tx, &salon, &choice, address)
            .await?
            .context("a demo invitation's target is not there")?;
        let delivery = match address {
            Some(a) => Delivery {
                emailed: Some(a.to_string()),
                mailbox: None,
                typed: false,
            },
            None => Delivery::without_address(&resolved),
        };
        let host = (self.person(demo.host), self.name(demo.host));
        let id = invitations::invite(
            &mut tx,
            &self.state,
            &salon,
            host,
            &resolved,
            delivery,
            MESSAGE,
            None,
        )
        .await?
        .context("a demo invitation was sent twice")?;
        tx.commit().await?;
        self.invitations.insert(i, id);
        Ok(())
    }

    /// Invitation `i` is answered, or withdrawn.
    pub(super) async fn answer(&mut self, i: usize) -> anyhow::Result<()> {
        let d = &DEMOS[i];
        let id = self.invitations[&i];
        let mut tx = self.state.db.begin().await?;
        let inv = invitations::load(&mut tx, id).await?;
        let actor = |who: &str| Actor {
            user: Some(self.person(who)),
            name: self.name(who).to_string(),
        };
        let outcome = match d.answer {
            Answer::None => Outcome::Done,
            Answer::Accept(who, note) => {
                let role = self.roles[who];
                let comers = [Comer::Member {
                    user: self.person(who),
                    role,
                }];
                let a = Acceptance {
                    comers: &comers,
                    sessions: &[],
                    note,
                    seen: Status::Open,
                };
                actions::accept(&mut tx, &self.state, &inv, &actor(who), a).await?
            }
            Answer::Decline(who, reason) => {
                actions::decline(
                    &mut tx,
                    &self.state,
                    &inv,
                    &actor(who),
                    reason,
                    Status::Open,
                )
                .await?
            }
            Answer::Question(who, text) => {
                actions::question(&mut tx, &self.state, &inv, &actor(who), text).await?
            }
            Answer::PassOn(who, unit, note) => {
                let to = PassTo::Unit(self.units[unit]);
                actions::pass_on(&mut tx, &self.state, &inv, &actor(who), to, note)
                    .await?
                    .context("a demo invitation could not be passed on")?
            }
            Answer::Propose(who, note) => {
                let first = crate::salons::sessions(&mut *tx, inv.salon_id).await?;
                let first = first.first().context("a salon without sessions")?;
                let week = chrono::Duration::weeks(1);
                actions::propose(
                    &mut tx,
                    &self.state,
                    &inv,
                    &actor(who),
                    first.id,
                    first.starts_at + week,
                    first.ends_at + week,
                    note,
                )
                .await?
            }
            Answer::Withdraw => {
                let demo = super::salons::DEMOS
                    .iter()
                    .find(|s| s.title == title(d.salon))
                    .context("an invitation's salon")?;
                let host = (self.person(demo.host), self.name(demo.host));
                let now = self.now();
                if !invitations::withdraw_invitation(&mut tx, &inv, host, now).await? {
                    return Err(anyhow!("a demo invitation could not be withdrawn"));
                }
                Outcome::Done
            }
        };
        if !matches!(outcome, Outcome::Done) {
            return Err(anyhow!("a demo answer came too late: {outcome:?}"));
        }
        tx.commit().await?;
        Ok(())
    }
}
