//! `medspil --demo`: a believable Danish scene to click through, seeded once.
//!
//! Two municipalities with departments, a committee and the council; admins, officials,
//! politicians and citizens; salons in every state. The scene is played through the features'
//! own functions with a clock that starts 60 days back and moves forward to now, the jobs that
//! fall due on the way run as the worker would have run them ([`scene`]). Demo passwords are
//! random, set anew at every start and printed then only. The demo runs only on the embedded cluster in a
//! data folder of its own: a marker file says the folder holds demo data, and `--demo` refuses
//! `DATABASE_URL` and any folder with a cluster but no marker.

use std::path::Path;

use anyhow::{Context, bail};
use chrono::{DateTime, Utc};
use rand::Rng;
use sqlx::PgPool;

mod agreements;
mod decisions;
mod invitations;
mod salons;
mod scene;

use crate::config::{Config, DatabaseConfig};

const MARKER: &str = "demo-data";
/// Written once the whole scene has been played: the scene is played through the app, step by
/// step, not in one transaction, so a first start that stopped part-way leaves a partial scene.
const PLAYED: &str = "demo-played";
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

/// What the demo runs, handed over by the composition root (the binary): the app's list of
/// personal data and its job worker, so that the demo plays the scene through the same app.
#[derive(Clone, Copy)]
pub struct App {
    pub personal_data: &'static crate::personal_data::PersonalData,
    pub worker: fn(crate::state::AppState) -> crate::jobs::Worker,
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
        what: "admin og embedsmand, Assens Kommune",
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
        what: "borger, vært og medvært",
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
pub async fn seed(
    config: &Config,
    db: &PgPool,
    now: DateTime<Utc>,
    app: App,
) -> anyhow::Result<Vec<DemoPerson>> {
    let seeded = sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM users WHERE email = $1) AS "seeded!""#,
        email("mette")
    )
    .fetch_one(db)
    .await?;
    let played = config.data_dir.join(PLAYED);
    if !seeded {
        scene::play(config, db, now, app).await?;
        std::fs::write(&played, "The demo scene was played to the end.\n")
            .with_context(|| format!("cannot write {}", played.display()))?;
    } else if !played.exists() {
        bail!(
            "the demo's first start did not finish, so its scene is incomplete: remove the data folder {} and start again",
            config.data_dir.display()
        );
    }
    let mut tx = db.begin().await?;
    let mut people = Vec::new();
    for p in PEOPLE {
        let password = random_password();
        let hash = crate::accounts::hash_password(password.clone()).await?;
        let id = sqlx::query_scalar!("SELECT id FROM users WHERE email = $1", email(p.key))
            .fetch_optional(&mut *tx)
            .await?
            .with_context(|| {
                format!(
                    "the demo data is incomplete ({} is missing): remove the data folder and start again",
                    email(p.key)
                )
            })?;
        crate::accounts::set_password(&mut tx, id, &hash).await?;
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
