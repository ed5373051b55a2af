//! The demo's invitations, one in every state: accepted (with the official coming), open, open
//! in a municipal mailbox, passed on, declined by email link, a proposed time, withdrawn, and
//! a private invitation to a neighbour.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

/// One demo invitation.
struct Demo {
    salon: &'static str,
    target: &'static str,
    /// A unit key, or "" for the municipality as a whole.
    unit: &'static str,
    person: &'static str,
    email: &'static str,
    via_mailbox: bool,
    status: &'static str,
    sent_days_ago: i64,
    /// (kind, actor key or a name, days ago, message)
    events: &'static [(&'static str, &'static str, i64, &'static str)],
    decline_reason: &'static str,
}

const MESSAGE: &str = "Vi vil meget gerne høre jeres syn på sagen og fortælle, hvad vi har samlet.";

const DEMOS: &[Demo] = &[
    Demo {
        salon: "Mere liv i Ry bymidte",
        target: "unit",
        unit: "tm",
        person: "",
        email: "",
        via_mailbox: false,
        status: "accepted",
        sent_days_ago: 12,
        events: &[(
            "accepted",
            "jens",
            11,
            "Jeg tager kortene over trafikken med.",
        )],
        decline_reason: "",
    },
    Demo {
        salon: "Mere liv i Ry bymidte",
        target: "unit",
        unit: "kf",
        person: "",
        email: "kultur@skanderborg.example.dk",
        via_mailbox: true,
        status: "open",
        sent_days_ago: 2,
        events: &[],
        decline_reason: "",
    },
    Demo {
        salon: "Mere liv i Ry bymidte",
        target: "email",
        unit: "",
        person: "",
        email: "nabo@example.dk",
        via_mailbox: false,
        status: "open",
        sent_days_ago: 3,
        events: &[],
        decline_reason: "",
    },
    Demo {
        salon: "Trafiksikker skolevej i Hørning",
        target: "unit",
        unit: "pmu",
        person: "",
        email: "",
        via_mailbox: false,
        status: "open",
        sent_days_ago: 5,
        events: &[(
            "question",
            "anders",
            4,
            "Gælder det hele Skolevej eller kun krydset?",
        )],
        decline_reason: "",
    },
    Demo {
        salon: "Trafiksikker skolevej i Hørning",
        target: "municipality",
        unit: "",
        person: "",
        email: "",
        via_mailbox: false,
        status: "open",
        sent_days_ago: 6,
        events: &[(
            "passed_on",
            "mette",
            5,
            "Vejene hører under Teknik og Miljø.",
        )],
        decline_reason: "",
    },
    Demo {
        salon: "Fremtidens Galten – tre tirsdage",
        target: "unit",
        unit: "pmu",
        person: "",
        email: "",
        via_mailbox: false,
        status: "proposed",
        sent_days_ago: 4,
        events: &[(
            "proposed",
            "anders",
            3,
            "Udvalget har møde den første tirsdag. Kan vi komme ugen efter?",
        )],
        decline_reason: "",
    },
    Demo {
        salon: "Fremtidens Galten – tre tirsdage",
        target: "unit",
        unit: "kf",
        person: "",
        email: "kultur@skanderborg.example.dk",
        via_mailbox: true,
        status: "declined",
        sent_days_ago: 9,
        events: &[(
            "declined",
            "Birthe Holm",
            7,
            "Vi har ingen ledige den aften — prøv os til næste møde.",
        )],
        decline_reason: "Vi har ingen ledige den aften — prøv os til næste møde.",
    },
    Demo {
        salon: "Naturpark Skanderborg Sø – hvad nu?",
        target: "person",
        unit: "",
        person: "anders",
        email: "",
        via_mailbox: false,
        status: "accepted",
        sent_days_ago: 30,
        events: &[("accepted", "anders", 28, "")],
        decline_reason: "",
    },
    Demo {
        salon: "Kaffesalon om biblioteket i Assens",
        target: "unit",
        unit: "ub",
        person: "",
        email: "",
        via_mailbox: false,
        status: "withdrawn",
        sent_days_ago: 8,
        events: &[("withdrawn", "sara", 1, "")],
        decline_reason: "",
    },
];

pub async fn seed(
    tx: &mut PgConnection,
    now: DateTime<Utc>,
    salons: &HashMap<&str, Uuid>,
    people: &HashMap<&str, Uuid>,
    units: &HashMap<&str, Uuid>,
) -> anyhow::Result<()> {
    let name_of = |key: &str| super::PEOPLE.iter().find(|p| p.key == key).map(|p| p.name);
    for d in DEMOS {
        let salon = salons[d.salon];
        let (code, host): (String, Uuid) = sqlx::query_as(
            "SELECT s.municipality_code, h.user_id FROM salons s
             JOIN salon_hosts h ON h.salon_id = s.id AND h.is_creator WHERE s.id = $1",
        )
        .bind(salon)
        .fetch_one(&mut *tx)
        .await?;
        let unit = (!d.unit.is_empty()).then(|| units[d.unit]);
        let person = (!d.person.is_empty()).then(|| people[d.person]);
        let key = match d.target {
            "unit" => format!("unit:{}", unit.unwrap_or_default()),
            "person" => format!("person:{}", person.unwrap_or_default()),
            "municipality" => format!("municipality:{code}"),
            _ => format!("email:{}", d.email),
        };
        let sent_at = now - Duration::days(d.sent_days_ago);
        // A pass-on moves the invitation to Teknik og Miljø.
        let passed = d.events.iter().any(|e| e.0 == "passed_on");
        let holder_unit = if passed { Some(units["tm"]) } else { unit };
        let reply = d
            .events
            .iter()
            .find(|e| ["accepted", "declined", "proposed", "question"].contains(&e.0));
        let answer = d
            .events
            .iter()
            .find(|e| ["accepted", "declined"].contains(&e.0));
        let actor = |who: &str| {
            (
                people.get(who).copied(),
                name_of(who).unwrap_or(who).to_string(),
            )
        };
        let id = Uuid::new_v4();
        let (proposed_session, proposed_start) = if d.status == "proposed" {
            let (session, starts): (Uuid, DateTime<Utc>) = sqlx::query_as(
                "SELECT id, starts_at FROM salon_sessions WHERE salon_id = $1 ORDER BY starts_at LIMIT 1",
            )
            .bind(salon)
            .fetch_one(&mut *tx)
            .await?;
            (Some(session), Some(starts + Duration::days(7)))
        } else {
            (None, None)
        };
        sqlx::query(
            "INSERT INTO invitations (id, salon_id, target, target_key, municipality_code,
                 holder_unit_id, holder_user_id, email, via_mailbox, message, status, sent_by, sent_at,
                 first_reply_at, first_reply_kind, first_reply_unit_id, answered_at, answered_by,
                 answered_by_name, decline_reason, proposed_session_id, proposed_starts_at,
                 proposed_ends_at, withdrawn_at)
             VALUES ($1, $2, $3::invitation_target, $4, $5, $6, $7, $8, $9, $10, $11::invitation_status,
                     $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24)",
        )
        .bind(id)
        .bind(salon)
        .bind(d.target)
        .bind(&key)
        .bind((d.target != "email").then_some(&code))
        .bind(holder_unit)
        .bind(person)
        .bind((!d.email.is_empty()).then_some(d.email))
        .bind(d.via_mailbox)
        .bind(MESSAGE)
        .bind(d.status)
        .bind(host)
        .bind(sent_at)
        .bind(reply.map(|e| now - Duration::days(e.2)))
        .bind(reply.map(|e| e.0))
        .bind(reply.and(holder_unit))
        .bind(answer.map(|e| now - Duration::days(e.2)))
        .bind(answer.and_then(|e| actor(e.1).0))
        .bind(answer.map(|e| actor(e.1).1).unwrap_or_default())
        .bind(d.decline_reason)
        .bind(proposed_session)
        .bind(proposed_start)
        .bind(proposed_start.map(|s| s + Duration::hours(2)))
        .bind((d.status == "withdrawn").then(|| now - Duration::days(1)))
        .execute(&mut *tx)
        .await?;
        let mut events = vec![("sent", "", d.sent_days_ago, MESSAGE)];
        events.extend(d.events.iter().copied());
        for (kind, who, days, message) in events {
            let (actor_id, actor_name) = if who.is_empty() {
                (Some(host), String::new())
            } else {
                actor(who)
            };
            let actor_name = if actor_name.is_empty() {
                sqlx::query_scalar("SELECT name FROM users WHERE id = $1")
                    .bind(host)
                    .fetch_one(&mut *tx)
                    .await?
            } else {
                actor_name
            };
            // A proposal carries its time, so the history shows it.
            let proposed = (kind == "proposed").then_some(proposed_start).flatten();
            sqlx::query(
                "INSERT INTO invitation_events (id, invitation_id, kind, actor_id, actor_name, unit_id,
                     to_unit_id, message, at, starts_at, ends_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            )
            .bind(Uuid::new_v4())
            .bind(id)
            .bind(kind)
            .bind(actor_id)
            .bind(actor_name)
            .bind(if kind == "passed_on" { None } else { holder_unit })
            .bind((kind == "passed_on").then(|| units["tm"]))
            .bind(message)
            .bind(now - Duration::days(days))
            .bind(proposed)
            .bind(proposed.map(|s| s + Duration::hours(2)))
            .execute(&mut *tx)
            .await?;
        }
        // Whoever accepted comes, in their role, through the invitation.
        if d.status == "accepted" {
            if let Some(user) = answer.and_then(|e| actor(e.1).0) {
                let role: Uuid = sqlx::query_scalar(
                    "SELECT id FROM roles WHERE user_id = $1 AND municipality_code = $2 AND kind <> 'admin'",
                )
                .bind(user)
                .bind(&code)
                .fetch_one(&mut *tx)
                .await?;
                let registration = Uuid::new_v4();
                sqlx::query(
                    "INSERT INTO registrations (id, salon_id, user_id, kind, role_id, status, show_name,
                         invitation_id, created_at, updated_at)
                     VALUES ($1, $2, $3, 'municipal', $4, 'registered', true, $5, $6, $6)",
                )
                .bind(registration)
                .bind(salon)
                .bind(user)
                .bind(role)
                .bind(id)
                .bind(now - Duration::days(d.sent_days_ago - 1))
                .execute(&mut *tx)
                .await?;
                sqlx::query(
                    "INSERT INTO registration_sessions (registration_id, session_id)
                     SELECT $1, id FROM salon_sessions WHERE salon_id = $2",
                )
                .bind(registration)
                .bind(salon)
                .execute(&mut *tx)
                .await?;
                sqlx::query("UPDATE salons SET municipal_registered = municipal_registered + 1 WHERE id = $1")
                    .bind(salon)
                    .execute(&mut *tx)
                    .await?;
            }
        }
    }
    Ok(())
}
