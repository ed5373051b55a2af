//! The demo's next steps, on the closed salon: the citizens' own in progress, one done by a
//! department, one proposed to a committee that has not answered in 18 days ("ikke
//! besvaret"), one a politician said no to ("Afvist af kommunen"), and one overdue.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

/// (description, owner kind, unit or person key, status, due in days (negative: past),
/// refusal reason, [(status, actor key, days ago, note)])
type Demo = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<i64>,
    &'static str,
    &'static [(&'static str, &'static str, i64, &'static str)],
);

const DEMOS: &[Demo] = &[
    (
        "Vi samler underskrifter til en torvedag",
        "citizens",
        "",
        "in_progress",
        Some(20),
        "",
        &[
            ("agreed", "ole", 18, ""),
            (
                "in_progress",
                "ole",
                5,
                "Vi har 212 underskrifter indtil nu.",
            ),
        ],
    ),
    (
        "Mere lys ved stien ned til søen",
        "unit",
        "tm",
        "done",
        Some(-2),
        "",
        &[
            ("proposed", "ole", 18, ""),
            ("agreed", "jens", 16, ""),
            ("in_progress", "jens", 10, "Lamperne er bestilt."),
            ("done", "jens", 3, "Seks nye lamper er tændt."),
        ],
    ),
    (
        "Tre bænke med ryglæn i læ for vinden",
        "unit",
        "pmu",
        "proposed",
        None,
        "",
        &[("proposed", "ole", 18, "")],
    ),
    (
        "Forsøg med torvedag hver anden lørdag",
        "person",
        "anders",
        "refused",
        None,
        "Torvedage hører under handelsstandsforeningen; vi har sendt jeres forslag videre til dem.",
        &[
            ("proposed", "ole", 18, ""),
            (
                "refused",
                "anders",
                15,
                "Torvedage hører under handelsstandsforeningen; vi har sendt jeres forslag videre til dem.",
            ),
        ],
    ),
    (
        "Skilte til stien fra stationen",
        "unit",
        "tm",
        "agreed",
        Some(-4),
        "",
        &[("proposed", "ole", 18, ""), ("agreed", "jens", 14, "")],
    ),
];

pub async fn seed(
    tx: &mut PgConnection,
    now: DateTime<Utc>,
    salon: Uuid,
    people: &HashMap<&str, Uuid>,
    units: &HashMap<&str, Uuid>,
) -> anyhow::Result<()> {
    let today = now.date_naive();
    for (description, owner, who, status, due, reason, updates) in DEMOS {
        let id = Uuid::new_v4();
        let unit = (*owner == "unit").then(|| units[who]);
        let person = (*owner == "person").then(|| people[who]);
        sqlx::query(
            "INSERT INTO agreements (id, salon_id, description, owner, owner_unit_id, owner_user_id,
                 due_on, status, refusal_reason, created_by, created_at, updated_at)
             VALUES ($1, $2, $3, $4::agreement_owner, $5, $6, $7, $8::agreement_status, $9, $10, $11, $11)",
        )
        .bind(id)
        .bind(salon)
        .bind(description)
        .bind(owner)
        .bind(unit)
        .bind(person)
        .bind(due.map(|d| today + Duration::days(d)))
        .bind(status)
        .bind(reason)
        .bind(people["ole"])
        .bind(now - Duration::days(18))
        .execute(&mut *tx)
        .await?;
        for (s, actor, days, note) in *updates {
            let name: String = sqlx::query_scalar("SELECT name FROM users WHERE id = $1")
                .bind(people[actor])
                .fetch_one(&mut *tx)
                .await?;
            sqlx::query(
                "INSERT INTO agreement_updates (id, agreement_id, status, note, actor_id, actor_name, at)
                 VALUES ($1, $2, $3::agreement_status, $4, $5, $6, $7)",
            )
            .bind(Uuid::new_v4())
            .bind(id)
            .bind(s)
            .bind(note)
            .bind(people[actor])
            .bind(name)
            .bind(now - Duration::days(*days))
            .execute(&mut *tx)
            .await?;
        }
    }
    Ok(())
}
