//! The demo's next steps, on the closed salon, each added by its host after the summary and
//! moved by its owner: the citizens' own in progress, one a department took and did, one
//! proposed to a committee that has not answered, one a politician said no to ("Afvist af
//! kommunen"), and one a department took and is late with.

use anyhow::{Context, anyhow};
use chrono::{Duration, NaiveDate};
use chrono_tz::Europe::Copenhagen;

use super::scene::Scene;
use crate::agreements::{self, Change, NewAgreement, Owner, Status};
use crate::web::i18n::{Locale, Tr};

/// Who a next step is for.
#[derive(Clone, Copy)]
pub enum For {
    Citizens,
    Unit(&'static str),
    Person(&'static str),
}

/// One next step: what, for whom, due in how many days from now (when it has a date), and
/// what its owner did when (days ago): (status, who, days ago, note).
pub struct Demo {
    pub description: &'static str,
    pub owner: For,
    pub due: Option<i64>,
    pub moves: &'static [(Status, &'static str, i64, &'static str)],
}

/// The salon whose next steps these are, and when its host added them.
pub const SALON: &str = "Lys og bænke på Ry Torv";
pub const ADDED: i64 = 17;

pub const DEMOS: &[Demo] = &[
    Demo {
        description: "Vi samler underskrifter til en torvedag",
        owner: For::Citizens,
        due: Some(20),
        moves: &[(
            Status::InProgress,
            "ole",
            5,
            "Vi har 212 underskrifter indtil nu.",
        )],
    },
    Demo {
        description: "Mere lys ved stien ned til søen",
        owner: For::Unit("tm"),
        due: Some(-2),
        moves: &[
            (Status::Agreed, "jens", 16, ""),
            (Status::InProgress, "jens", 10, "Lamperne er bestilt."),
            (Status::Done, "jens", 3, "Seks nye lamper er tændt."),
        ],
    },
    Demo {
        description: "Tre bænke med ryglæn i læ for vinden",
        owner: For::Unit("pmu"),
        due: None,
        moves: &[],
    },
    Demo {
        description: "Forsøg med torvedag hver anden lørdag",
        owner: For::Person("anders"),
        due: None,
        moves: &[(
            Status::Refused,
            "anders",
            15,
            "Torvedage hører under handelsstandsforeningen; vi har sendt jeres forslag videre til dem.",
        )],
    },
    Demo {
        description: "Skilte til stien fra stationen",
        owner: For::Unit("tm"),
        due: Some(-4),
        moves: &[(Status::Agreed, "jens", 14, "")],
    },
];

impl Scene {
    /// A day `days` from the end, in Copenhagen.
    fn day(&self, days: i64) -> NaiveDate {
        (self.end + Duration::days(days))
            .with_timezone(&Copenhagen)
            .date_naive()
    }

    /// The host adds next step `i`: the citizens' own with its date; one for a unit or a
    /// person is proposed, and its owner sets the date on accepting.
    pub(super) async fn add_agreement(&mut self, i: usize) -> anyhow::Result<()> {
        let d = &DEMOS[i];
        let demo = super::salons::DEMOS
            .iter()
            .find(|s| s.title == SALON)
            .context("the next steps' salon")?;
        let salon = self.load(demo).await?;
        let description = agreements::parse_description(d.description)
            .map_err(|e| anyhow!("demo next step: {}", e.0))?;
        let (owner, due) = match d.owner {
            For::Citizens => (Owner::Citizens, d.due.map(|days| self.day(days))),
            For::Unit(unit) => (Owner::Unit(self.units[unit]), None),
            For::Person(who) => (Owner::Person(self.person(who)), None),
        };
        let new = NewAgreement {
            description: &description,
            owner,
            due,
        };
        let by = (self.person(demo.host), self.name(demo.host));
        let tr = Tr::new(Locale::Da);
        let id = agreements::add_agreement(&self.state, &tr, &salon, by, new)
            .await?
            .context("a demo next step's owner is not of the municipality")?;
        self.agreements.insert(i, id);
        Ok(())
    }

    /// The owner of next step `i` makes its move `m`.
    pub(super) async fn move_agreement(&mut self, i: usize, m: usize) -> anyhow::Result<()> {
        let d = &DEMOS[i];
        let (to, who, _, note) = d.moves[m];
        let from: &[Status] = match to {
            Status::Agreed | Status::Refused => &[Status::Proposed],
            _ => &[Status::Agreed, Status::InProgress],
        };
        let change = Change {
            from,
            to,
            note,
            reason: (to == Status::Refused).then_some(note),
            due: (to == Status::Agreed).then(|| d.due.map(|days| self.day(days))),
        };
        let tr = Tr::new(Locale::Da);
        let actor = (self.person(who), self.name(who));
        if !agreements::change(&self.state, &tr, actor, self.agreements[&i], change).await? {
            return Err(anyhow!("a demo next step could not move to {to:?}"));
        }
        Ok(())
    }
}
