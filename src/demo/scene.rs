//! Plays the demo scene through the features' own functions, as the people in it would have
//! through the pages: accounts registered and verified, units and roles set up by the admins,
//! salons created, published, registered for, held, summed up and cancelled. The clock starts
//! 60 days back and moves forward an hour at a time to each step, running the jobs that fall
//! due on the way (held, reminders, mail), and ends at now: what lies ahead waits in the jobs
//! table for the real worker.

use std::collections::HashMap;

use anyhow::{Context, anyhow};
use chrono::{DateTime, Duration, Utc};
use sqlx::PgPool;
use uuid::Uuid;

use super::salons::{DEMOS, Demo, Fate};
use super::{PEOPLE, email};
use crate::clock::Clock;
use crate::config::Config;
use crate::domain::{Email, Invalid, PersonName};
use crate::jobs::Worker;
use crate::municipalities::{self, Municipality};
use crate::roles::{self, Decider, Note, Party, RoleKind, RoleTitle, UnitKind};
use crate::salons::{
    self,
    form::{self, SalonInput, SessionInput},
};
use crate::state::AppState;
use crate::web::i18n::{Locale, Tr};

/// A value the demo wrote, checked the way its form checks it.
fn valid<T>(r: Result<T, Invalid>, what: &str) -> anyhow::Result<T> {
    r.map_err(|e| anyhow!("demo {what}: {}", e.0))
}

/// The scene being played: the app with the demo's clock, and who and what it has made so far.
pub(super) struct Scene {
    pub(super) state: AppState,
    worker: Worker,
    /// The real now, where the scene ends.
    pub(super) end: DateTime<Utc>,
    people: HashMap<&'static str, Uuid>,
    /// The roles people asked for and were given, by the person's key.
    pub(super) roles: HashMap<&'static str, Uuid>,
    pub(super) units: HashMap<&'static str, Uuid>,
    salons: HashMap<&'static str, Uuid>,
    pub(super) decisions: HashMap<&'static str, Uuid>,
    /// By their place in their list.
    pub(super) invitations: HashMap<usize, Uuid>,
    pub(super) agreements: HashMap<usize, Uuid>,
}

/// One step of the scene.
#[derive(Clone, Copy)]
enum Step {
    Create(&'static Demo),
    Register(&'static Demo),
    Summarise(&'static Demo),
    Cancel(&'static Demo),
    Invite(usize),
    Answer(usize),
    AddAgreement(usize),
    MoveAgreement(usize, usize),
    RecordOutcomes,
    Report,
}

/// Plays the scene, ending at `now`.
pub async fn play(
    config: &Config,
    db: &PgPool,
    now: DateTime<Utc>,
    app: super::App,
) -> anyhow::Result<()> {
    let clock = Clock::manual(now - Duration::days(60));
    let state = AppState::new(
        config.clone(),
        db.clone(),
        clock,
        std::iter::empty(),
        app.personal_data,
    )?;
    let mut scene = Scene {
        worker: (app.worker)(state.clone()),
        state,
        end: now,
        people: HashMap::new(),
        roles: HashMap::new(),
        units: HashMap::new(),
        salons: HashMap::new(),
        decisions: HashMap::new(),
        invitations: HashMap::new(),
        agreements: HashMap::new(),
    };
    scene.people().await?;
    scene.municipalities().await?;
    scene.roles().await?;
    scene.at_days(super::decisions::PUBLISHED).await?;
    scene.publish_decisions().await?;
    // What happens next, in hours before now, in the order it happened.
    let mut steps: Vec<(i64, Step)> = Vec::new();
    for d in DEMOS {
        steps.push((d.created * 24, Step::Create(d)));
        if d.fate != Fate::Draft {
            steps.push((d.registered_days_ago * 24, Step::Register(d)));
        }
        match d.fate {
            Fate::Summarised(_) => steps.push((SUMMARY_DAYS_AGO * 24, Step::Summarise(d))),
            Fate::Cancelled(_) => steps.push((CANCEL_DAYS_AGO * 24, Step::Cancel(d))),
            Fate::Draft | Fate::Published => {}
        }
    }
    for (i, d) in super::invitations::DEMOS.iter().enumerate() {
        steps.push((d.sent * 24, Step::Invite(i)));
        if !matches!(d.answer, super::invitations::Answer::None) {
            steps.push((d.answered * 24, Step::Answer(i)));
        }
    }
    for (i, d) in super::agreements::DEMOS.iter().enumerate() {
        steps.push((super::agreements::ADDED * 24, Step::AddAgreement(i)));
        for (m, (_, _, days, _)) in d.moves.iter().enumerate() {
            steps.push((days * 24, Step::MoveAgreement(i, m)));
        }
    }
    steps.push((super::decisions::DECIDED * 24, Step::RecordOutcomes));
    steps.push((REPORT_HOURS_AGO, Step::Report));
    // Stable: steps of the same hour keep the order above.
    steps.sort_by_key(|(hours, _)| -hours);
    for (hours, step) in steps {
        scene.until(now - Duration::hours(hours)).await?;
        match step {
            Step::Create(d) => scene.create(d).await?,
            Step::Register(d) => scene.register(d).await?,
            Step::Summarise(d) => scene.summarise(d).await?,
            Step::Cancel(d) => scene.cancel(d).await?,
            Step::Invite(i) => scene.invite(i).await?,
            Step::Answer(i) => scene.answer(i).await?,
            Step::AddAgreement(i) => scene.add_agreement(i).await?,
            Step::MoveAgreement(i, m) => scene.move_agreement(i, m).await?,
            Step::RecordOutcomes => scene.record_outcomes().await?,
            Step::Report => scene.report().await?,
        }
    }
    scene.until(now).await?;
    Ok(())
}

impl Scene {
    pub(super) fn now(&self) -> DateTime<Utc> {
        self.state.clock.now()
    }

    /// Moves the clock to `days` before the end (never back), an hour at a time, running the
    /// jobs that fall due on the way as the worker would have.
    async fn at_days(&self, days: i64) -> anyhow::Result<()> {
        self.until(self.end - Duration::days(days)).await
    }

    async fn until(&self, to: DateTime<Utc>) -> anyhow::Result<()> {
        loop {
            let next = (self.now() + Duration::hours(1)).min(to).max(self.now());
            self.state.clock.set(next);
            self.worker.run_until_idle().await?;
            if next >= to {
                return Ok(());
            }
        }
    }

    pub(super) fn person(&self, key: &str) -> Uuid {
        self.people[key]
    }

    pub(super) fn name(&self, key: &str) -> &'static str {
        PEOPLE.iter().find(|p| p.key == key).map_or("", |p| p.name)
    }

    /// Everyone registers, and confirms their address with the link the mail brought.
    async fn people(&mut self) -> anyhow::Result<()> {
        // Overwritten at every start by the printed passwords: one hash serves them all.
        let hash = crate::accounts::hash_password(super::random_password()).await?;
        for p in PEOPLE {
            let name = valid(PersonName::parse(p.name), "name")?;
            let address = valid(Email::parse(&email(p.key)), "email")?;
            let now = self.now();
            let mut tx = self.state.db.begin().await?;
            let new = crate::accounts::NewAccount {
                name: &name,
                email: &address,
                password_hash: Some(hash.clone()),
                locale: Locale::Da,
            };
            let created = crate::accounts::create_account(&mut tx, &self.state, new, now)
                .await?
                .context("a demo address is taken")?;
            crate::accounts::confirm_email(&mut tx, &self.state, &created.token, now)
                .await?
                .context("the demo verification link did not work")?;
            tx.commit().await?;
            self.people.insert(p.key, created.id);
        }
        Ok(())
    }

    /// The operator makes Mette Skanderborg's admin and Rikke Assens'; they write their
    /// municipality's page and create its units.
    async fn municipalities(&mut self) -> anyhow::Result<()> {
        self.at_days(59).await?;
        let db = self.state.db.clone();
        roles::grant_admin(&db, &email("mette"), "skanderborg", self.now()).await?;
        roles::grant_admin(&db, &email("rikke"), "assens", self.now()).await?;
        let skanderborg = municipalities::find(&db, "skanderborg").await?;
        let about = valid(
            municipalities::About::parse(
                "Skanderborg Kommune vil gerne inviteres med, når borgere taler om trafik, natur \
                 og liv i byerne. Skriv til Teknik og Miljø eller til hele kommunen, hvis I ikke \
                 ved, hvem I skal spørge.",
            ),
            "about",
        )?;
        municipalities::save_page(&self.state, &skanderborg, &about, None).await?;
        let assens = municipalities::find(&db, "assens").await?;
        // (key, municipality, kind, name, description, own mailbox)
        let units: &[(&str, &Municipality, UnitKind, &str, &str, &str)] = &[
            (
                "tm",
                &skanderborg,
                UnitKind::Department,
                "Teknik og Miljø",
                "Veje, trafik, natur og miljø i Skanderborg Kommune.",
                "",
            ),
            // No one from Kultur og Fritid is on Medspil: its invitations land with the admins.
            (
                "kf",
                &skanderborg,
                UnitKind::Department,
                "Kultur og Fritid",
                "Biblioteker, idræt og foreningsliv.",
                "kultur@skanderborg.example.dk",
            ),
            (
                "pmu",
                &skanderborg,
                UnitKind::Committee,
                "Plan- og Miljøudvalget",
                "Det politiske udvalg for planlægning og miljø.",
                "",
            ),
            (
                "sbr",
                &skanderborg,
                UnitKind::Council,
                "Byrådet",
                "Skanderborg Byråd, 31 medlemmer.",
                "",
            ),
            (
                "ub",
                &assens,
                UnitKind::Department,
                "Udvikling og Borgerservice",
                "Byudvikling og borgerservice i Assens Kommune.",
                "",
            ),
            (
                "abr",
                &assens,
                UnitKind::Council,
                "Byrådet",
                "Assens Byråd.",
                "",
            ),
        ];
        for (key, m, kind, name, description, contact) in units {
            let name = valid(municipalities::UnitName::parse(name), "unit name")?;
            let description = valid(
                crate::domain::Body::parse(description).map_err(|e| e.long("unit text")),
                "unit text",
            )?;
            let contact = match contact.is_empty() {
                true => None,
                false => Some(valid(Email::parse(contact), "unit mailbox")?),
            };
            let unit = municipalities::NewUnit {
                kind: *kind,
                name: &name,
                description: &description,
                contact: contact.as_ref(),
            };
            let id = municipalities::create_unit(&self.state, m, unit)
                .await?
                .context("a demo unit's name is taken")?;
            self.units.insert(key, id);
        }
        Ok(())
    }

    /// Officials and politicians ask for their roles, and their admin approves them; the admins
    /// mark who answers for the committee and the councils.
    async fn roles(&mut self) -> anyhow::Result<()> {
        self.at_days(55).await?;
        // (person, municipality, kind, title, party, units, answers for)
        type Asked = (
            &'static str,
            &'static str,
            RoleKind,
            &'static str,
            &'static str,
            &'static [&'static str],
            &'static [&'static str],
        );
        const ASKED: &[Asked] = &[
            (
                "jens",
                "skanderborg",
                RoleKind::Official,
                "Vejingeniør",
                "",
                &["tm"],
                &[],
            ),
            (
                "anders",
                "skanderborg",
                RoleKind::Politician,
                "Byrådsmedlem",
                "Socialdemokratiet",
                &["sbr", "pmu"],
                &["pmu"],
            ),
            (
                "rikke",
                "assens",
                RoleKind::Official,
                "Udviklingsdirektør",
                "",
                &["ub"],
                &[],
            ),
            (
                "lone",
                "assens",
                RoleKind::Politician,
                "Byrådsmedlem",
                "Venstre",
                &["abr"],
                &["abr"],
            ),
        ];
        let db = self.state.db.clone();
        for (who, slug, kind, title, party, units, answers) in ASKED {
            let m = municipalities::find(&db, slug).await?;
            let options = roles::active_units(&db, &m.code).await?;
            let chosen: Vec<_> = options
                .iter()
                .filter(|o| units.iter().any(|u| self.units[u] == o.id))
                .collect();
            let title = valid(RoleTitle::parse(title), "role title")?;
            let party = valid(Party::parse(party), "party")?;
            let note = valid(Note::parse(""), "note")?;
            let name = PEOPLE.iter().find(|p| p.key == *who).map_or("", |p| p.name);
            let address = email(who);
            let requester = roles::Requester {
                id: self.person(who),
                email: &address,
                name,
            };
            let request = roles::RoleRequest {
                kind: *kind,
                title: &title,
                party: &party,
                note: &note,
                units: &chosen,
                listed: true,
            };
            let role = match roles::request_role(&self.state, requester, &m, request).await? {
                roles::Requested::Pending(role) => role,
                other => return Err(anyhow!("a demo role request came out {other:?}")),
            };
            self.roles.insert(who, role);
            self.at_days(54).await?;
            let admin = if m.code == "0746" { "mette" } else { "rikke" };
            let decider = Decider {
                id: self.person(admin),
                name: PEOPLE
                    .iter()
                    .find(|p| p.key == admin)
                    .map_or("", |p| p.name),
            };
            roles::decide(&self.state, &m, role, decider, true, "")
                .await?
                .context("a demo role request was not pending")?;
            for unit in *answers {
                municipalities::mark_answerers(&self.state, &m, self.units[unit], &[role]).await?;
            }
        }
        // The operator makes Mona one of the platform's moderators.
        crate::moderation::grant_moderator(&db, &email("mona"), self.now()).await?;
        Ok(())
    }

    /// Mads reports the series: its text promises more than the municipality has said yes to.
    async fn report(&mut self) -> anyhow::Result<()> {
        let galten = "Fremtidens Galten – tre tirsdage";
        let host = DEMOS.iter().find(|d| d.title == galten).map(|d| d.host);
        let thing = crate::moderation::Thing {
            target: crate::moderation::Target::Salon,
            id: self.salons[galten],
            owner: host.map(|h| self.person(h)),
        };
        let note = valid(
            crate::moderation::parse_note(
                "Beskrivelsen lover tre aftener med kommunen, men kommunen har ikke sagt ja til dem.",
            ),
            "report",
        )?;
        crate::moderation::report(
            &self.state,
            self.person("mads"),
            thing,
            "misinformation",
            &note,
        )
        .await?;
        Ok(())
    }

    /// A salon created by its host from the form as typed, and published unless a draft.
    async fn create(&mut self, d: &'static Demo) -> anyhow::Result<()> {
        let host = self.person(d.host);
        let tr = Tr::new(Locale::Da);
        let input = SalonInput {
            title: d.title.into(),
            question: d.question.into(),
            description: d.description.into(),
            municipality: d.municipality.into(),
            town: d.town.into(),
            place_name: d.place.into(),
            address: d.address.into(),
            capacity: d.capacity.into(),
            topics: d.topics.into(),
            step_free: true,
            accessible_toilet: true,
            sessions: d
                .when
                .dates(self.end)
                .into_iter()
                .map(|day| SessionInput {
                    date: day.format("%Y-%m-%d").to_string(),
                    start: d.when.start.into(),
                    end: d.when.end.into(),
                    ..SessionInput::default()
                })
                .collect(),
            ..SalonInput::blank()
        };
        let munis = form::municipalities(&self.state.db).await?;
        let mut drawn = form::draw(&tr, &input, &munis, String::new(), false);
        let data = form::parse(&tr, &input, &mut drawn)
            .with_context(|| format!("the demo salon {:?} does not pass its form", d.title))?;
        let now = self.now();
        let mut tx = self.state.db.begin().await?;
        let decision = d.decision.map(|title| self.decisions[title]);
        let id = match salons::create(&mut tx, host, &data, decision, now).await? {
            salons::Created::Salon { id, .. } => id,
            salons::Created::LimitReached(_) => {
                return Err(anyhow!("a demo host reached the daily limit"));
            }
        };
        self.salons.insert(d.title, id);
        if d.fate != Fate::Draft {
            let published = salons::publish_salon(&mut tx, &self.state, id).await?;
            if published != salons::Published::Done {
                return Err(anyhow!(
                    "the demo salon {:?} came out {published:?}",
                    d.title
                ));
            }
        }
        tx.commit().await?;
        if let Some(who) = d.cohost {
            let salon = self.load(d).await?;
            let address = email(who);
            let mut tx = self.state.db.begin().await?;
            let by = (host, self.name(d.host));
            let invited = salons::invite_cohost(&mut tx, &self.state, &salon, by, &address, now)
                .await?
                .context("a demo co-host was not invited")?;
            let cohost = (self.person(who), self.name(who), address.as_str());
            if !salons::accept_cohost(&mut tx, &self.state, invited, cohost, now).await? {
                return Err(anyhow!("a demo co-host could not say yes"));
            }
            tx.commit().await?;
        }
        Ok(())
    }

    /// The salon as it is now, as the pages load it.
    pub(super) async fn load(&self, d: &Demo) -> anyhow::Result<salons::VisibleSalon> {
        let id = self.salons[d.title];
        Ok(salons::visibility::load_even_hidden(&self.state.db, id, None).await?)
    }

    /// Its people register, one after the other: after the last seat, they wait in line.
    async fn register(&mut self, d: &'static Demo) -> anyhow::Result<()> {
        let salon = self.load(d).await?;
        for who in d.registered {
            let choice = crate::registrations::Registering {
                role: None,
                needs: "",
                show_name: true,
                sessions: &[],
            };
            crate::registrations::register(&self.state, self.person(who), &salon, choice)
                .await?
                .with_context(|| format!("{who} could not register for {:?}", d.title))?;
        }
        Ok(())
    }

    /// The host publishes the summary of a salon the held job has marked held.
    async fn summarise(&mut self, d: &'static Demo) -> anyhow::Result<()> {
        let Fate::Summarised(text) = d.fate else {
            return Ok(());
        };
        let salon = self.load(d).await?;
        if salon.status != salons::SalonStatus::Held {
            return Err(anyhow!("the demo salon {:?} was not held", d.title));
        }
        let text = valid(salons::parse_summary(text), "summary")?;
        let mut tx = self.state.db.begin().await?;
        salons::write_summary(
            &mut tx,
            &self.state,
            &salon,
            self.person(d.host),
            &text,
            true,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The host cancels, and everyone registered is told.
    async fn cancel(&mut self, d: &'static Demo) -> anyhow::Result<()> {
        let Fate::Cancelled(message) = d.fate else {
            return Ok(());
        };
        let mut tx = self.state.db.begin().await?;
        salons::cancel_salon(
            &mut tx,
            &self.state.config,
            self.salons[d.title],
            message,
            Some(self.person(d.host)),
            self.now(),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// Days before now the closed salon's host publishes its summary: after it was held.
const SUMMARY_DAYS_AGO: i64 = 18;
/// Days before now the cancelled salon is cancelled.
const CANCEL_DAYS_AGO: i64 = 1;
/// Hours before now the report waiting in the moderators' queue is sent.
const REPORT_HOURS_AGO: i64 = 5;
