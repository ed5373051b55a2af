//! The municipality's own reporting: every invitation to it, its units and its people, with
//! every event, as a spreadsheet — one row per event. For its admins only.
//!
//! Names are the municipality's business only where the person acted in a municipal role: the
//! hosts appear by the name the salon page shows them by, anyone else (an answer through a
//! mailed link, a deleted account) by no name at all. The unit's internal events (claimed,
//! handed over) are in it: the admins may read the inbox's own business.

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use chrono_tz::Europe::Copenhagen;

use crate::error::AppError;
use crate::municipalities::AdminMunicipality;
use crate::registrations::csv;
use crate::state::AppState;
use crate::web::Frame;

/// One event, as the file shows it.
struct Row {
    salon: String,
    unit: String,
    invitation: uuid::Uuid,
    status: String,
    kind: String,
    at: DateTime<Utc>,
    who: String,
}

/// Every event of the municipality's invitations, in one query: by invitation in the order
/// they were sent, each invitation's events in the order they happened.
async fn rows(db: &sqlx::PgPool, code: &str) -> sqlx::Result<Vec<Row>> {
    sqlx::query_as!(
        Row,
        r#"SELECT s.title AS salon,
                  -- the unit that held it when this happened, else the one holding it now
                  coalesce(eu.name, hu.name, '') AS "unit!",
                  i.id AS invitation, i.status::text AS "status!", e.kind, e.at,
                  CASE WHEN e.actor_id IS NULL THEN ''
                       WHEN EXISTS (SELECT 1 FROM salon_hosts h
                                    WHERE h.salon_id = i.salon_id AND h.user_id = e.actor_id)
                         THEN coalesce(au.name, '')
                       WHEN EXISTS (SELECT 1 FROM roles r
                                    WHERE r.user_id = e.actor_id AND r.status = 'approved'
                                      AND r.municipality_code = i.municipality_code)
                         THEN e.actor_name
                       ELSE '' END AS "who!"
           FROM invitation_events e
           JOIN invitations i ON i.id = e.invitation_id
           JOIN salons s ON s.id = i.salon_id
           LEFT JOIN units eu ON eu.id = e.unit_id
           LEFT JOIN units hu ON hu.id = i.holder_unit_id
           LEFT JOIN users au ON au.id = e.actor_id
           WHERE i.municipality_code = $1
           ORDER BY i.sent_at, i.id, e.at, e.seq"#,
        code
    )
    .fetch_all(db)
    .await
}

/// `GET /admin/{municipality}/invitations.csv`.
pub async fn csv(
    State(state): State<AppState>,
    f: Frame,
    AdminMunicipality(m): AdminMunicipality,
) -> Result<Response, AppError> {
    let tr = &f.tr;
    let header: Vec<String> = [
        "inv-export-salon",
        "inv-export-unit",
        "inv-export-invitation",
        "inv-export-status",
        "inv-export-event",
        "inv-export-when",
        "inv-export-who",
    ]
    .iter()
    .map(|k| tr.t(k))
    .collect();
    let rows: Vec<Vec<String>> = rows(&state.db, &m.code)
        .await?
        .into_iter()
        .map(|r| {
            vec![
                r.salon,
                r.unit,
                r.invitation.to_string(),
                // The codes, not the words: a report sorts and counts on them in any language.
                r.status,
                r.kind,
                r.at.with_timezone(&Copenhagen)
                    .format("%Y-%m-%d %H:%M")
                    .to_string(),
                r.who,
            ]
        })
        .collect();
    let body = csv::document(&header, &rows);
    let disposition = format!("attachment; filename=\"invitationer-{}.csv\"", m.slug);
    Ok((
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        body,
    )
        .into_response())
}
