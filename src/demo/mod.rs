//! `medspil --demo`: a believable Danish scene to click through, seeded once.
//!
//! Two municipalities with departments, a committee and the council; an admin, two officials,
//! two politicians and several citizens; salons in every state. Demo passwords are random, set
//! anew at every start and printed then only. The demo runs only on the embedded cluster in a
//! data folder of its own: a marker file says the folder holds demo data, and `--demo` refuses
//! `DATABASE_URL` and any folder with a cluster but no marker.

use std::path::Path;

use anyhow::{Context, bail};
use chrono::{DateTime, Duration, NaiveTime, Utc};
use chrono_tz::Europe::Copenhagen;
use rand::Rng;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

mod agreements;
mod decisions;
mod invitations;
mod moderation;

use crate::config::{Config, DatabaseConfig};

const MARKER: &str = "demo-data";
const DOMAIN: &str = "demo.medspil.dk";

/// Checks that `--demo` may use this configuration's database; marks a new data folder.
pub fn prepare(config: &Config) -> anyhow::Result<()> {
    if matches!(config.database, DatabaseConfig::External(_)) {
        bail!(
            "--demo runs only on the embedded database: unset DATABASE_URL (the demo must never touch a real database)"
        );
    }
    let marker = config.data_dir.join(MARKER);
    let has_cluster = config.data_dir.join("postgres").join("PG_VERSION").exists();
    if has_cluster && !marker.exists() {
        bail!(
            "--demo refuses the data folder {} because it holds data that is not demo data; set MEDSPIL_DATA_DIR to another folder",
            config.data_dir.display()
        );
    }
    std::fs::create_dir_all(&config.data_dir)?;
    write_marker(&marker)
}

fn write_marker(marker: &Path) -> anyhow::Result<()> {
    std::fs::write(
        marker,
        "This data folder holds Medspil demo data (medspil --demo).\n",
    )
    .with_context(|| format!("cannot write {}", marker.display()))
}

/// Someone the demo creates, with the password printed at startup.
pub struct DemoPerson {
    pub name: &'static str,
    pub email: String,
    pub password: String,
    pub what: &'static str,
}

struct Person {
    key: &'static str,
    name: &'static str,
    what: &'static str,
}

const PEOPLE: &[Person] = &[
    Person {
        key: "mette",
        name: "Mette Kjær",
        what: "admin, Skanderborg Kommune",
    },
    Person {
        key: "jens",
        name: "Jens Hansen",
        what: "embedsmand, Teknik og Miljø, Skanderborg",
    },
    Person {
        key: "rikke",
        name: "Rikke Berg",
        what: "embedsmand, Udvikling og Borgerservice, Assens",
    },
    Person {
        key: "anders",
        name: "Anders Holm",
        what: "politiker, Skanderborg Byråd",
    },
    Person {
        key: "lone",
        name: "Lone Friis",
        what: "politiker, Assens Byråd",
    },
    Person {
        key: "karen",
        name: "Karen Nielsen",
        what: "borger, vært",
    },
    Person {
        key: "ole",
        name: "Ole Madsen",
        what: "borger, medvært",
    },
    Person {
        key: "sara",
        name: "Sara Ahmed",
        what: "borger",
    },
    Person {
        key: "peter",
        name: "Peter Lund",
        what: "borger",
    },
    Person {
        key: "ida",
        name: "Ida Sørensen",
        what: "borger",
    },
    Person {
        key: "mads",
        name: "Mads Poulsen",
        what: "borger",
    },
    Person {
        key: "mona",
        name: "Mona Lind",
        what: "moderator for Medspil",
    },
];

fn email(key: &str) -> String {
    format!("{key}@{DOMAIN}")
}

fn random_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut rng = rand::rng();
    (0..16)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect()
}

/// Seeds the scene once, and gives every demo person a new random password.
pub async fn seed(db: &PgPool, now: DateTime<Utc>) -> anyhow::Result<Vec<DemoPerson>> {
    let mut tx = db.begin().await?;
    let seeded = sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM users WHERE email = $1) AS "seeded!""#,
        email("mette")
    )
    .fetch_one(&mut *tx)
    .await?;
    if !seeded {
        seed_scene(&mut tx, now).await?;
    }
    let mut people = Vec::new();
    for p in PEOPLE {
        let password = random_password();
        let hash = crate::accounts::hash_password(password.clone()).await?;
        sqlx::query!(
            "UPDATE users SET password_hash = $2 WHERE email = $1",
            email(p.key),
            hash
        )
        .execute(&mut *tx)
        .await?;
        people.push(DemoPerson {
            name: p.name,
            email: email(p.key),
            password,
            what: p.what,
        });
    }
    tx.commit().await?;
    Ok(people)
}

/// A time `days` from now at `hour:minute` Copenhagen time.
fn at(now: DateTime<Utc>, days: i64, hour: u32, minute: u32) -> DateTime<Utc> {
    let day = (now.with_timezone(&Copenhagen) + Duration::days(days)).date_naive();
    let local = day.and_time(NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or_default());
    local
        .and_local_timezone(Copenhagen)
        .earliest()
        .map(|t| t.to_utc())
        .unwrap_or(now)
}

async fn seed_scene(tx: &mut PgConnection, now: DateTime<Utc>) -> anyhow::Result<()> {
    let mut ids = std::collections::HashMap::new();
    for p in PEOPLE {
        let id = Uuid::new_v4();
        sqlx::query!(
            "INSERT INTO users (id, email, name, locale, email_verified_at, created_at) VALUES ($1, $2, $3, 'da', $4, $4)",
            id,
            email(p.key),
            p.name,
            now - Duration::days(60),
        )
        .execute(&mut *tx)
        .await?;
        ids.insert(p.key, id);
    }
    let id = |key: &str| ids[key];

    // Units.
    let units: &[(&str, &str, &str, &str, &str)] = &[
        (
            "tm",
            "0746",
            "department",
            "Teknik og Miljø",
            "Veje, trafik, natur og miljø i Skanderborg Kommune.",
        ),
        (
            "kf",
            "0746",
            "department",
            "Kultur og Fritid",
            "Biblioteker, idræt og foreningsliv.",
        ),
        (
            "pmu",
            "0746",
            "committee",
            "Plan- og Miljøudvalget",
            "Det politiske udvalg for planlægning og miljø.",
        ),
        (
            "sbr",
            "0746",
            "council",
            "Byrådet",
            "Skanderborg Byråd, 31 medlemmer.",
        ),
        (
            "ub",
            "0420",
            "department",
            "Udvikling og Borgerservice",
            "Byudvikling og borgerservice i Assens Kommune.",
        ),
        ("abr", "0420", "council", "Byrådet", "Assens Byråd."),
    ];
    let mut unit_ids = std::collections::HashMap::new();
    for (key, code, kind, name, description) in units {
        let unit = Uuid::new_v4();
        let slug = crate::domain::slugify(name);
        // Kultur og Fritid has no one on Medspil: its own mailbox gets its invitations.
        let contact = (*key == "kf").then_some("kultur@skanderborg.example.dk");
        sqlx::query(
            "INSERT INTO units (id, municipality_code, kind, name, slug, description, contact_email, created_at)
             VALUES ($1, $2, $3::unit_kind, $4, $5, $6, $7, $8)",
        )
        .bind(unit)
        .bind(code)
        .bind(kind)
        .bind(name)
        .bind(slug)
        .bind(description)
        .bind(contact)
        .bind(now - Duration::days(60))
        .execute(&mut *tx)
        .await?;
        unit_ids.insert(*key, unit);
    }
    sqlx::query!(
        "UPDATE municipalities SET about = $2 WHERE code = $1",
        "0746",
        "Skanderborg Kommune vil gerne inviteres med, når borgere taler om trafik, natur og liv i byerne. Skriv til Teknik og Miljø eller til hele kommunen, hvis I ikke ved, hvem I skal spørge."
    )
    .execute(&mut *tx)
    .await?;

    // Roles.
    // (person, municipality, kind, title, party, [(unit, answers for it)])
    type DemoRole<'a> = (
        &'a str,
        &'a str,
        &'a str,
        &'a str,
        &'a str,
        &'a [(&'a str, bool)],
    );
    let roles: &[DemoRole] = &[
        (
            "mette",
            "0746",
            "admin",
            "Digitaliseringskonsulent",
            "",
            &[],
        ),
        (
            "jens",
            "0746",
            "official",
            "Vejingeniør",
            "",
            &[("tm", true)],
        ),
        (
            "rikke",
            "0420",
            "official",
            "Udviklingsdirektør",
            "",
            &[("ub", true)],
        ),
        (
            "anders",
            "0746",
            "politician",
            "Byrådsmedlem",
            "Socialdemokratiet",
            &[("sbr", false), ("pmu", true)],
        ),
        (
            "lone",
            "0420",
            "politician",
            "Byrådsmedlem",
            "Venstre",
            &[("abr", true)],
        ),
    ];
    for (who, code, kind, title, party, member_of) in roles {
        let role = Uuid::new_v4();
        sqlx::query(
            "INSERT INTO roles (id, user_id, municipality_code, kind, title, party, status, decided_at, created_at)
             VALUES ($1, $2, $3, $4::role_kind, $5, $6, 'approved', $7, $7)",
        )
        .bind(role)
        .bind(id(who))
        .bind(code)
        .bind(kind)
        .bind(title)
        .bind(party)
        .bind(now - Duration::days(50))
        .execute(&mut *tx)
        .await?;
        for (unit, answers) in *member_of {
            sqlx::query!(
                "INSERT INTO role_units (role_id, unit_id, answers_for) VALUES ($1, $2, $3)",
                role,
                unit_ids[unit],
                answers
            )
            .execute(&mut *tx)
            .await?;
        }
    }

    // Salons in every state.
    struct Demo {
        title: &'static str,
        question: &'static str,
        description: &'static str,
        code: &'static str,
        town: &'static str,
        place: &'static str,
        address: &'static str,
        capacity: Option<i32>,
        status: &'static str,
        sessions: Vec<(DateTime<Utc>, DateTime<Utc>)>,
        hosts: &'static [&'static str],
        registered: &'static [&'static str],
        waitlisted: &'static [&'static str],
        topics: &'static [&'static str],
        cancel: &'static str,
    }
    let salons = vec![
        Demo {
            title: "Mere liv i Ry bymidte",
            question: "Hvordan får vi mere liv i Ry bymidte?",
            description: "Vi mødes over en kop kaffe og taler om, hvad der skal til for at gøre bymidten til et sted, man har lyst til at være. Teknik og Miljø er inviteret.",
            code: "0746",
            town: "Ry",
            place: "Ry Kulturhus",
            address: "Klostervej 1, 8680 Ry",
            capacity: Some(25),
            status: "published",
            sessions: vec![(at(now, 9, 19, 0), at(now, 9, 21, 0))],
            hosts: &["karen", "ole"],
            registered: &["sara", "peter", "ida"],
            waitlisted: &[],
            topics: &["byliv", "handel"],
            cancel: "",
        },
        Demo {
            title: "Trafiksikker skolevej i Hørning",
            question: "Hvordan bliver vejen til skolen tryg for vores børn?",
            description: "Forældre og naboer samler erfaringer fra morgentrafikken. Vi har inviteret vejingeniøren.",
            code: "0746",
            town: "Hørning",
            place: "Hørning Skoles aula",
            address: "Skolevej 2, 8362 Hørning",
            capacity: Some(4),
            status: "published",
            sessions: vec![(at(now, 5, 17, 0), at(now, 5, 18, 30))],
            hosts: &["ole"],
            registered: &["karen", "sara", "peter", "ida"],
            waitlisted: &["mads"],
            topics: &["trafik", "skole"],
            cancel: "",
        },
        Demo {
            title: "Fremtidens Galten – tre tirsdage",
            question: "Hvad skal Galten være kendt for i 2040?",
            description: "En serie på tre aftener: drømme, muligheder og næste skridt.",
            code: "0746",
            town: "Galten",
            place: "Galten Bibliotek",
            address: "Skanderborgvej 4, 8464 Galten",
            capacity: Some(30),
            status: "published",
            sessions: vec![
                (at(now, 14, 19, 0), at(now, 14, 21, 0)),
                (at(now, 21, 19, 0), at(now, 21, 21, 0)),
                (at(now, 28, 19, 0), at(now, 28, 21, 0)),
            ],
            hosts: &["karen"],
            registered: &["mads"],
            waitlisted: &[],
            topics: &["byudvikling"],
            cancel: "",
        },
        Demo {
            title: "Naturpark Skanderborg Sø – hvad nu?",
            question: "Hvordan passer vi bedst på søen og stierne?",
            description: "Gåtur langs søen og snak bagefter i klubhuset.",
            code: "0746",
            town: "Skanderborg",
            place: "Skanderborg Roklub",
            address: "Sølystvej 1, 8660 Skanderborg",
            capacity: None,
            status: "held",
            sessions: vec![(at(now, -14, 10, 0), at(now, -14, 12, 0))],
            hosts: &["karen"],
            registered: &["sara", "ida"],
            waitlisted: &[],
            topics: &["natur"],
            cancel: "",
        },
        Demo {
            title: "Lys og bænke på Ry Torv",
            question: "Hvad skal der til, før torvet bliver et sted, man bliver?",
            description: "Vi mødtes på torvet en lørdag formiddag og talte med dem, der kom forbi.",
            code: "0746",
            town: "Ry",
            place: "Ry Torv",
            address: "Torvet, 8680 Ry",
            capacity: Some(30),
            status: "closed",
            sessions: vec![(at(now, -21, 10, 0), at(now, -21, 12, 0))],
            hosts: &["ole"],
            registered: &["karen", "sara", "mads"],
            waitlisted: &[],
            topics: &["byliv"],
            cancel: "",
        },
        Demo {
            title: "Kaffesalon om biblioteket i Assens",
            question: "Hvad skal biblioteket kunne om ti år?",
            description: "Vi taler om åbningstider, børn og foreninger.",
            code: "0420",
            town: "Assens",
            place: "Assens Bibliotek",
            address: "Tobaksgaarden 12, 5610 Assens",
            capacity: Some(15),
            status: "cancelled",
            sessions: vec![(at(now, 3, 14, 0), at(now, 3, 15, 30))],
            hosts: &["sara"],
            registered: &["peter"],
            waitlisted: &[],
            topics: &["bibliotek"],
            cancel: "Værten er blevet syg. Vi finder en ny dato snarest.",
        },
        Demo {
            title: "Legeplads i Låsby",
            question: "Hvilken legeplads savner børnene i Låsby?",
            description: "Udkast: vi mangler at finde et sted at mødes.",
            code: "0746",
            town: "Låsby",
            place: "",
            address: "",
            capacity: Some(20),
            status: "draft",
            sessions: vec![(at(now, 30, 16, 0), at(now, 30, 17, 30))],
            hosts: &["ida"],
            registered: &[],
            waitlisted: &[],
            topics: &["børn"],
            cancel: "",
        },
    ];
    let mut salon_ids = std::collections::HashMap::new();
    for s in salons {
        let salon = Uuid::new_v4();
        salon_ids.insert(s.title, salon);
        let html = crate::salons::markdown::render(s.description);
        let topics: Vec<String> = s.topics.iter().map(|t| t.to_string()).collect();
        sqlx::query(
            "INSERT INTO salons (id, slug, title, question, description, description_html, municipality_code, town,
                                 format, place_name, address, capacity, citizens_registered, visibility, topics,
                                 step_free, accessible_toilet, status, cancel_message, created_by, created_at, updated_at,
                                 published_at, cancelled_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'in_person', $9, $10, $11, $12, 'public', $13, true, true,
                     $14::salon_status, $15, $16, $17, $17, $18, $19)",
        )
        .bind(salon)
        .bind(crate::domain::slugify(s.title))
        .bind(s.title)
        .bind(s.question)
        .bind(s.description)
        .bind(html)
        .bind(s.code)
        .bind(s.town)
        .bind(s.place)
        .bind(s.address)
        .bind(s.capacity)
        .bind(s.registered.len() as i32)
        .bind(&topics)
        .bind(s.status)
        .bind(s.cancel)
        .bind(id(s.hosts[0]))
        .bind(now - Duration::days(20))
        .bind((s.status != "draft").then_some(now - Duration::days(19)))
        .bind((s.status == "cancelled").then_some(now - Duration::days(1)))
        .execute(&mut *tx)
        .await?;
        for (i, host) in s.hosts.iter().enumerate() {
            sqlx::query!(
                "INSERT INTO salon_hosts (salon_id, user_id, is_creator, added_at) VALUES ($1, $2, $3, $4)",
                salon,
                id(host),
                i == 0,
                now - Duration::days(20)
            )
            .execute(&mut *tx)
            .await?;
        }
        let mut session_ids = Vec::new();
        for (starts, ends) in &s.sessions {
            let session = Uuid::new_v4();
            sqlx::query!(
                "INSERT INTO salon_sessions (id, salon_id, starts_at, ends_at) VALUES ($1, $2, $3, $4)",
                session,
                salon,
                starts,
                ends
            )
            .execute(&mut *tx)
            .await?;
            session_ids.push(session);
        }
        let people = s.registered.iter().map(|p| (p, None)).chain(
            s.waitlisted
                .iter()
                .enumerate()
                .map(|(i, p)| (p, Some(i as i32 + 1))),
        );
        for (who, position) in people {
            let registration = Uuid::new_v4();
            let status = if position.is_some() {
                "waitlisted"
            } else {
                "registered"
            };
            sqlx::query(
                "INSERT INTO registrations (id, salon_id, user_id, status, waitlist_position, created_at, updated_at)
                 VALUES ($1, $2, $3, $4::registration_status, $5, $6, $6)",
            )
            .bind(registration)
            .bind(salon)
            .bind(id(who))
            .bind(status)
            .bind(position)
            .bind(now - Duration::days(10))
            .execute(&mut *tx)
            .await?;
            for session in &session_ids {
                sqlx::query!(
                    "INSERT INTO registration_sessions (registration_id, session_id) VALUES ($1, $2)",
                    registration,
                    session
                )
                .execute(&mut *tx)
                .await?;
            }
        }
    }
    // The closed salon has its published summary.
    let summary = "Vi var 14 på torvet, og Jens fra Teknik og Miljø kom forbi.\n\n\
                   - Mere lys ved stien ned til søen\n\
                   - Tre bænke med ryglæn i læ for vinden\n\
                   - Et forsøg med torvedag hver anden lørdag";
    sqlx::query(
        "UPDATE salons SET summary = $2, summary_html = $3, summary_published_at = $4,
                summary_published_by = created_by
         WHERE id = $1",
    )
    .bind(salon_ids["Lys og bænke på Ry Torv"])
    .bind(summary)
    .bind(crate::salons::markdown::render(summary))
    .bind(now - Duration::days(18))
    .execute(&mut *tx)
    .await?;
    agreements::seed(
        tx,
        now,
        salon_ids["Lys og bænke på Ry Torv"],
        &ids,
        &unit_ids,
    )
    .await?;
    invitations::seed(tx, now, &salon_ids, &ids, &unit_ids).await?;
    decisions::seed(tx, now, &salon_ids, &ids, &unit_ids).await?;
    moderation::seed(tx, now, &salon_ids, &ids).await?;
    Ok(())
}
