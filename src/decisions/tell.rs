//! Who is told what about a decision. Each is sent once, inside the transaction of the change:
//! - a public salon linked to it (once published): its followers ("decision.salon");
//! - that salon's published summary: those who answer for the responsible unit and the members
//!   of the deciding committee, or the unit's mailbox when no one answers for it
//!   ("decision.summary");
//! - a new meeting date: the hosts of every linked salon and the followers ("decision.moved");
//! - the outcome: the hosts of every linked salon and the followers ("decision.decided");
//! - taken off the agenda, with the reason: the same people ("decision.withdrawn").

use sqlx::PgConnection;
use uuid::Uuid;

use crate::error::AppError;
use crate::mail::{self, Recipient};
use crate::state::AppState;
use crate::web::i18n::{Locale, Tr};

/// Tells the followers of each decision that salon `salon` is linked to, once the salon is
/// public and published and they have not been told of it yet.
pub async fn salon_published(
    conn: &mut PgConnection,
    state: &AppState,
    salon: Uuid,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let news = sqlx::query!(
        r#"UPDATE salon_decisions sd SET announced_at = $2
           FROM salons s, decisions d, municipalities m
           WHERE sd.salon_id = $1 AND s.id = sd.salon_id AND d.id = sd.decision_id
             AND m.code = d.municipality_code AND sd.announced_at IS NULL
             AND s.visibility = 'public' AND s.hidden_reason IS NULL AND s.status IN ('published', 'held', 'closed')
           RETURNING d.id, d.title, m.slug, s.title AS salon_title, s.slug AS salon_slug"#,
        salon,
        now
    )
    .fetch_all(&mut *conn)
    .await?;
    for n in news {
        let followers = sqlx::query_scalar!(
            r#"SELECT f.user_id FROM decision_followers f JOIN users u ON u.id = f.user_id
               WHERE f.decision_id = $1 AND u.deleted_at IS NULL
                 AND NOT EXISTS (SELECT 1 FROM salon_hosts h
                                 WHERE h.salon_id = $2 AND h.user_id = f.user_id)
               ORDER BY f.since"#,
            n.id,
            salon
        )
        .fetch_all(&mut *conn)
        .await?;
        let args = [
            ("decision", n.title.clone()),
            ("salon", n.salon_title.clone()),
            (
                "salon_link",
                state
                    .config
                    .link(&crate::salons::visibility::path(salon, &n.salon_slug)),
            ),
        ];
        let path = super::path(&n.slug, n.id);
        for user in followers {
            mail::notify_text(
                conn,
                state,
                Recipient::User(user),
                "decision.salon",
                "dec-mail-salon",
                &args,
                &path,
            )
            .await?;
        }
    }
    Ok(())
}

/// Sends salon `salon`'s published summary to the responsible unit and the committee of each
/// decision it is linked to, once per link.
pub async fn summary_published(
    conn: &mut PgConnection,
    state: &AppState,
    salon: Uuid,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let news = sqlx::query!(
        r#"UPDATE salon_decisions sd SET summary_sent_at = $2
           FROM salons s, decisions d, municipalities m, units u
           WHERE sd.salon_id = $1 AND s.id = sd.salon_id AND d.id = sd.decision_id
             AND m.code = d.municipality_code AND u.id = d.unit_id
             AND sd.summary_sent_at IS NULL AND s.summary_published_at IS NOT NULL
             AND s.visibility = 'public' AND s.hidden_reason IS NULL
           RETURNING d.id, d.title, d.unit_id, d.committee_id, m.slug, u.contact_email,
                     s.title AS salon_title, s.slug AS salon_slug, s.summary"#,
        salon,
        now
    )
    .fetch_all(&mut *conn)
    .await?;
    for n in news {
        // Those who answer for the unit, and every member of the committee.
        let people = sqlx::query!(
            r#"SELECT DISTINCT r.user_id, ru.unit_id = $1 AS "for_unit!"
               FROM role_units ru JOIN roles r ON r.id = ru.role_id
               JOIN users u ON u.id = r.user_id
               WHERE r.status = 'approved' AND u.deleted_at IS NULL
                 AND ((ru.unit_id = $1 AND ru.answers_for) OR ru.unit_id = $2)"#,
            n.unit_id,
            n.committee_id
        )
        .fetch_all(&mut *conn)
        .await?;
        let args = [
            ("decision", n.title.clone()),
            ("salon", n.salon_title.clone()),
            ("summary", n.summary.clone()),
            (
                "salon_link",
                state
                    .config
                    .link(&crate::salons::visibility::path(salon, &n.salon_slug)),
            ),
        ];
        let path = super::path(&n.slug, n.id);
        let mut seen = std::collections::HashSet::new();
        for p in &people {
            if seen.insert(p.user_id) {
                mail::notify_text(
                    conn,
                    state,
                    Recipient::User(p.user_id),
                    "decision.summary",
                    "dec-mail-summary",
                    &args,
                    &path,
                )
                .await?;
            }
        }
        if !people.iter().any(|p| p.for_unit)
            && let Some(email) = n.contact_email.filter(|e| !e.is_empty())
        {
            let to = Recipient::Address {
                email,
                locale: Locale::Da,
            };
            mail::notify_text(
                conn,
                state,
                to,
                "decision.summary",
                "dec-mail-summary",
                &args,
                &path,
            )
            .await?;
        }
    }
    Ok(())
}

/// Tells the hosts of every salon linked to decision `id` and its followers that it is
/// decided: `outcome` and the minutes at `minutes`.
pub async fn decided(
    conn: &mut PgConnection,
    state: &AppState,
    d: &super::Decision,
    outcome: &str,
    minutes: &str,
) -> Result<(), AppError> {
    let args = [
        ("decision", d.title.clone()),
        ("outcome", outcome.to_string()),
        ("minutes", minutes.to_string()),
    ];
    for user in involved(conn, d.id).await? {
        mail::notify_text(
            conn,
            state,
            Recipient::User(user),
            "decision.decided",
            "dec-mail-decided",
            &args,
            &d.path(),
        )
        .await?;
    }
    Ok(())
}

/// Tells the hosts of every salon linked to decision `d` and its followers that it was taken
/// off the agenda, and why.
pub async fn withdrawn(
    conn: &mut PgConnection,
    state: &AppState,
    d: &super::Decision,
    reason: &str,
) -> Result<(), AppError> {
    let args = [
        ("decision", d.title.clone()),
        ("reason", reason.to_string()),
    ];
    for user in involved(conn, d.id).await? {
        mail::notify_text(
            conn,
            state,
            Recipient::User(user),
            "decision.withdrawn",
            "dec-mail-withdrawn",
            &args,
            &d.path(),
        )
        .await?;
    }
    Ok(())
}

/// Tells the hosts of every linked salon and the followers that decision `d` will now be
/// decided on `day`: a salon planned before the old date may need to move.
pub async fn moved(
    conn: &mut PgConnection,
    state: &AppState,
    d: &super::Decision,
    day: chrono::NaiveDate,
) -> Result<(), AppError> {
    for user in involved(conn, d.id).await? {
        let to = Recipient::User(user);
        let tr = Tr::new(mail::recipient_locale(&mut *conn, &to).await?);
        let args = [("decision", d.title.clone()), ("day", tr.day(day))];
        mail::notify_text(
            conn,
            state,
            to,
            "decision.moved",
            "dec-mail-moved",
            &args,
            &d.path(),
        )
        .await?;
    }
    Ok(())
}

/// The hosts of every salon linked to decision `id`, and its followers.
async fn involved(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar!(
        r#"SELECT x.user_id AS "user_id!" FROM (
               SELECT h.user_id FROM salon_decisions sd
               JOIN salon_hosts h ON h.salon_id = sd.salon_id WHERE sd.decision_id = $1
               UNION
               SELECT user_id FROM decision_followers WHERE decision_id = $1) x
           JOIN users u ON u.id = x.user_id WHERE u.deleted_at IS NULL
           ORDER BY 1"#,
        id
    )
    .fetch_all(conn)
    .await
}
