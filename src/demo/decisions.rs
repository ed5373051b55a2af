//! The demo's upcoming decisions in Skanderborg: one open, with two salons about it (one
//! closed with its summary and next steps), and one decided, with its outcome and minutes.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Europe::Copenhagen;
use sqlx::PgConnection;
use uuid::Uuid;

/// (title, description, meeting in days (negative: past), hearing (from, to) in days,
/// outcome and minutes when decided, salons about it, followers)
type Demo = (
    &'static str,
    &'static str,
    i64,
    Option<(i64, i64)>,
    Option<(&'static str, &'static str)>,
    &'static [&'static str],
    &'static [&'static str],
);

const DEMOS: &[Demo] = &[
    (
        "Helhedsplan for Ry bymidte",
        "Plan- og Miljøudvalget skal vedtage en helhedsplan for Ry bymidte: trafik på Klostervej, \
         torvets indretning og hvor der må bygges. Planen er i høring, og udvalget behandler den \
         efter høringen.",
        35,
        Some((-5, 25)),
        None,
        &["Mere liv i Ry bymidte", "Lys og bænke på Ry Torv"],
        &["sara", "peter"],
    ),
    (
        "Stier og belysning ved Skanderborg Sø",
        "Skal stien langs søen have lys hele året, og hvor skal de nye bænke stå?",
        -7,
        None,
        Some((
            "Udvalget besluttede at sætte lys på stien fra Sølystvej til Dyrehaven, tændt til kl. 23, \
             og at placere fire bænke efter borgernes forslag fra salonen ved søen.",
            "https://www.skanderborg.dk/politik/dagsordener-og-referater",
        )),
        &["Naturpark Skanderborg Sø – hvad nu?"],
        &["ida"],
    ),
];

pub async fn seed(
    tx: &mut PgConnection,
    now: DateTime<Utc>,
    salons: &HashMap<&str, Uuid>,
    people: &HashMap<&str, Uuid>,
    units: &HashMap<&str, Uuid>,
) -> anyhow::Result<()> {
    let today = now.with_timezone(&Copenhagen).date_naive();
    for (title, description, meeting, hearing, decided, linked, followers) in DEMOS {
        let id = Uuid::new_v4();
        let meeting_on = today + Duration::days(*meeting);
        let (outcome, minutes) = decided.unwrap_or(("", ""));
        let decided_at = decided.map(|_| now + Duration::days(*meeting + 1));
        sqlx::query(
            "INSERT INTO decisions (id, municipality_code, title, description, unit_id, committee_id,
                 meeting_on, hearing_from, hearing_to, status, outcome, minutes_url, decided_at,
                 decided_by, created_by, created_at, updated_at)
             VALUES ($1, '0746', $2, $3, $4, $5, $6, $7, $8, $9::decision_status, $10, $11, $12,
                     $13, $14, $15, $15)",
        )
        .bind(id)
        .bind(title)
        .bind(description)
        .bind(units["tm"])
        .bind(units["pmu"])
        .bind(meeting_on)
        .bind(hearing.map(|h| today + Duration::days(h.0)))
        .bind(hearing.map(|h| today + Duration::days(h.1)))
        .bind(if decided.is_some() { "decided" } else { "upcoming" })
        .bind(outcome)
        .bind(minutes)
        .bind(decided_at)
        .bind(decided_at.map(|_| people["jens"]))
        .bind(people["jens"])
        .bind(now - Duration::days(30))
        .execute(&mut *tx)
        .await?;
        // Already told: the demo sends no mail.
        for salon in *linked {
            sqlx::query(
                "INSERT INTO salon_decisions (salon_id, decision_id, linked_by, linked_at,
                     announced_at, summary_sent_at)
                 SELECT $1, $2, created_by, $3, $3,
                        CASE WHEN summary_published_at IS NOT NULL THEN $3 END
                 FROM salons WHERE id = $1",
            )
            .bind(salons[salon])
            .bind(id)
            .bind(now - Duration::days(19))
            .execute(&mut *tx)
            .await?;
        }
        for who in *followers {
            sqlx::query(
                "INSERT INTO decision_followers (decision_id, user_id, since) VALUES ($1, $2, $3)",
            )
            .bind(id)
            .bind(people[who])
            .bind(now - Duration::days(20))
            .execute(&mut *tx)
            .await?;
        }
    }
    Ok(())
}
