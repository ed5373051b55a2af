//! The demo's decisions in Skanderborg, published by the official who prepares them: one
//! upcoming, with two salons about it (one closed with its summary and next steps), and one
//! decided, with its outcome and minutes recorded the day after the meeting.

use anyhow::{Context, anyhow};
use chrono::{Duration, NaiveDate};
use chrono_tz::Europe::Copenhagen;

use super::scene::Scene;
use crate::decisions::{self, DecisionData};
use crate::domain::ids::DecisionId;
use crate::domain::{Body, Line};

/// One decision: title, description, meeting in days from now, hearing (from, to) in days,
/// the outcome and minutes when decided, and who follows it.
pub struct Demo {
    pub title: &'static str,
    pub description: &'static str,
    pub meeting: i64,
    pub hearing: Option<(i64, i64)>,
    pub decided: Option<(&'static str, &'static str)>,
    pub followers: &'static [&'static str],
}

/// When the decisions are published (before the salons about them are created), and when the
/// decided one's outcome is recorded (the day after its meeting).
pub const PUBLISHED: i64 = 45;
pub const DECIDED: i64 = 6;

pub const DEMOS: &[Demo] = &[
    Demo {
        title: "Helhedsplan for Ry bymidte",
        description: "Plan- og Miljøudvalget skal vedtage en helhedsplan for Ry bymidte: trafik på \
                      Klostervej, torvets indretning og hvor der må bygges. Planen er i høring, og \
                      udvalget behandler den efter høringen.",
        meeting: 35,
        hearing: Some((-5, 25)),
        decided: None,
        followers: &["sara", "peter"],
    },
    Demo {
        title: "Stier og belysning ved Skanderborg Sø",
        description: "Skal stien langs søen have lys hele året, og hvor skal de nye bænke stå?",
        meeting: -7,
        hearing: None,
        decided: Some((
            "Udvalget besluttede at sætte lys på stien fra Sølystvej til Dyrehaven, tændt til kl. 23, \
             og at placere fire bænke efter forslagene fra salonen ved søen.",
            "https://www.skanderborg.dk/politik/dagsordener-og-referater",
        )),
        followers: &["ida"],
    },
];

impl Scene {
    fn date(&self, days: i64) -> NaiveDate {
        (self.end + Duration::days(days))
            .with_timezone(&Copenhagen)
            .date_naive()
    }

    /// Jens publishes the decisions for Teknik og Miljø and the committee; people follow them.
    pub(super) async fn publish_decisions(&mut self) -> anyhow::Result<()> {
        let m = crate::municipalities::find(&self.state.db, "skanderborg").await?;
        for d in DEMOS {
            let data = DecisionData {
                title: Line::required(d.title).map_err(|_| anyhow!("demo decision title"))?,
                description: Body::parse(d.description)
                    .map_err(|_| anyhow!("demo decision text"))?,
                unit: self.units["tm"],
                committee: self.units["pmu"],
                meeting_on: self.date(d.meeting),
                hearing: d.hearing.map(|(from, to)| (self.date(from), self.date(to))),
                case_number: Line::stored(String::new()),
                agenda: None,
            };
            let id =
                decisions::publish_decision(&self.state, &m, self.person("jens"), &data).await?;
            let mut conn = self.state.db.acquire().await?;
            for who in d.followers {
                decisions::follow_decision(&mut conn, &self.state, id, self.person(who), true)
                    .await?;
            }
            self.decisions.insert(d.title, id);
        }
        Ok(())
    }

    /// Jens records the outcome of the decided one, the day after its meeting.
    pub(super) async fn record_outcomes(&mut self) -> anyhow::Result<()> {
        for d in DEMOS {
            let Some((outcome, minutes)) = d.decided else {
                continue;
            };
            let outcome = decisions::parse_outcome(outcome).map_err(|e| anyhow!("{}", e.0))?;
            let minutes = decisions::parse_minutes(minutes).map_err(|e| anyhow!("{}", e.0))?;
            let id = DecisionId(self.decisions[d.title]);
            let mut tx = self.state.db.begin().await?;
            let loaded = decisions::load(&mut tx, "skanderborg", id).await?;
            decisions::record_outcome(
                &mut tx,
                &self.state,
                &loaded,
                self.person("jens"),
                &outcome,
                &minutes,
            )
            .await
            .context("recording a demo outcome")?;
            tx.commit().await?;
        }
        Ok(())
    }
}
