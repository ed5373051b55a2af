//! "Denne salon handler om …": a host links their salon to upcoming decisions of its
//! municipality — when creating it, or later at `/salons/{key}/decisions`. Only open decisions
//! take new salons: the point is to come before the meeting.

use askama::Template;
use axum::Form as PostForm;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use crate::auth::CurrentUser;
use crate::domain::Invalid;
use crate::error::AppError;
use crate::salons::{HostedSalon, VisibleSalon};
use crate::state::AppState;
use crate::web::forms::{Field, Form};
use crate::web::{DoneQuery, Frame, Page};

/// The open decisions of one municipality, for the new-salon form's select.
#[derive(Clone, Debug)]
pub struct LinkChoice {
    pub municipality: String,
    /// (decision id, "title – committee, meeting day").
    pub options: Vec<(String, String)>,
}

/// Every open decision, grouped by municipality (in Danish order), for a new salon. One
/// query; the form cannot know the municipality before it is sent, so it offers them all
/// and [`parse_choice`] checks the pair.
pub async fn choices_for_new_salon(
    db: &sqlx::PgPool,
    tr: &crate::web::i18n::Tr,
) -> sqlx::Result<Vec<LinkChoice>> {
    let rows = sqlx::query!(
        r#"SELECT d.id, d.title, d.meeting_on, m.name AS municipality, c.name AS committee
           FROM decisions d JOIN municipalities m ON m.code = d.municipality_code
           JOIN units c ON c.id = d.committee_id
           WHERE d.status = 'upcoming'
           ORDER BY d.municipality_code, d.meeting_on, d.id"#
    )
    .fetch_all(db)
    .await?;
    let mut out: Vec<LinkChoice> = Vec::new();
    for r in rows {
        let label = option_label(tr, &r.title, &r.committee, r.meeting_on);
        match out.last_mut() {
            Some(g) if g.municipality == r.municipality => {
                g.options.push((r.id.to_string(), label))
            }
            _ => out.push(LinkChoice {
                municipality: r.municipality,
                options: vec![(r.id.to_string(), label)],
            }),
        }
    }
    out.sort_by_key(|g| crate::municipalities::danish_key(&g.municipality));
    Ok(out)
}

fn option_label(
    tr: &crate::web::i18n::Tr,
    title: &str,
    committee: &str,
    meeting: chrono::NaiveDate,
) -> String {
    tr.t_args(
        "dec-option",
        &[
            ("title", title.to_string().into()),
            ("committee", committee.to_string().into()),
            ("meeting", tr.day(meeting).into()),
        ],
    )
}

/// The decision chosen on the new-salon form: empty is none; otherwise an open decision of
/// the salon's municipality `code`.
pub async fn parse_choice<'e>(
    db: impl PgExecutor<'e>,
    raw: &str,
    code: &str,
) -> Result<Result<Option<Uuid>, Invalid>, AppError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(Ok(None));
    }
    let Ok(id) = Uuid::parse_str(raw) else {
        return Ok(Err(Invalid("dec-error-link-choose")));
    };
    let found = sqlx::query_scalar!(
        r#"SELECT municipality_code = $2 AS "same!" FROM decisions
           WHERE id = $1 AND status = 'upcoming'"#,
        id,
        code
    )
    .fetch_optional(db)
    .await?;
    Ok(match found {
        Some(true) => Ok(Some(id)),
        Some(false) => Err(Invalid("dec-error-link-municipality")),
        None => Err(Invalid("dec-error-link-choose")),
    })
}

/// Links salon `salon` to `decision` (once). Used at creation too: followers hear of the salon
/// when it is public and published ([`super::salon_published`]).
pub async fn link_salon(
    conn: &mut PgConnection,
    salon: Uuid,
    decision: Uuid,
    by: Uuid,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query!(
        r#"INSERT INTO salon_decisions (salon_id, decision_id, linked_by, linked_at)
           VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING"#,
        salon,
        decision,
        by,
        now
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// A decision the salon is linked to.
pub struct Linked {
    pub id: Uuid,
    pub path: String,
    pub title: String,
    pub meeting: String,
    pub decided: bool,
}

#[derive(Template)]
#[template(path = "decisions/links.html")]
pub struct LinksPage {
    f: Frame,
    salon: VisibleSalon,
    linked: Vec<Linked>,
    form: Form,
    notice: Option<String>,
    /// Only public salons show on a decision's page.
    not_public: bool,
}

async fn render(
    state: &AppState,
    f: Frame,
    salon: VisibleSalon,
    form: Option<Form>,
    notice: Option<String>,
) -> Result<LinksPage, AppError> {
    let rows = sqlx::query!(
        r#"SELECT d.id, d.title, d.meeting_on, d.status::text AS "status!", m.slug,
                  c.name AS committee,
                  EXISTS (SELECT 1 FROM salon_decisions sd
                          WHERE sd.decision_id = d.id AND sd.salon_id = $1) AS "linked!"
           FROM decisions d JOIN municipalities m ON m.code = d.municipality_code
           JOIN units c ON c.id = d.committee_id
           WHERE d.municipality_code = $2
             AND (d.status = 'upcoming'
                  OR EXISTS (SELECT 1 FROM salon_decisions sd
                             WHERE sd.decision_id = d.id AND sd.salon_id = $1))
           ORDER BY d.meeting_on, d.id"#,
        salon.id,
        salon.municipality_code
    )
    .fetch_all(&state.db)
    .await?;
    let mut linked = Vec::new();
    let mut options = Vec::new();
    for r in rows {
        if r.linked {
            linked.push(Linked {
                id: r.id,
                path: super::path(&r.slug, r.id),
                meeting: f.tr.day(r.meeting_on),
                decided: r.status == "decided",
                title: r.title,
            });
        } else {
            options.push((
                r.id.to_string(),
                option_label(&f.tr, &r.title, &r.committee, r.meeting_on),
            ));
        }
    }
    let form = match form {
        Some(mut form) => {
            if let Some(field) = form.field_mut("decision") {
                field.options = options;
            }
            form
        }
        None => Form::new(vec![Field::select(
            &f.tr,
            "decision",
            "dec-field-link",
            options,
        )]),
    };
    Ok(LinksPage {
        not_public: salon.visibility != crate::salons::Visibility::Public,
        f,
        salon,
        linked,
        form,
        notice,
    })
}

/// `GET /salons/{key}/decisions`.
pub async fn page(
    State(state): State<AppState>,
    f: Frame,
    HostedSalon(salon): HostedSalon,
    Query(q): Query<DoneQuery>,
) -> Result<Response, AppError> {
    let notice = q.notice(&f.tr, "dec", &["linked", "removed"]);
    Ok(Page(render(&state, f, salon, None, notice).await?).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct LinkInput {
    decision: String,
}

/// `POST /salons/{key}/decisions`: links the salon to an open decision of its municipality.
pub async fn link(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    HostedSalon(salon): HostedSalon,
    PostForm(input): PostForm<LinkInput>,
) -> Result<Response, AppError> {
    let mut form = Form::new(vec![
        Field::select(&f.tr, "decision", "dec-field-link", Vec::new()).value(&input.decision),
    ]);
    let chosen = match parse_choice(&state.db, &input.decision, &salon.municipality_code).await? {
        Ok(None) => Err(Invalid("dec-error-link-choose")),
        other => other,
    };
    let Some(Some(decision)) = form.check("decision", &f.tr, chosen) else {
        let page = render(&state, f, salon, Some(form), None).await?;
        return Ok(Page::invalid(page));
    };
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    link_salon(&mut tx, salon.id, decision, user.id, now).await?;
    // A published public salon is news for the followers now, and a published summary for
    // the unit and the committee.
    super::tell::salon_published(&mut tx, &state, salon.id).await?;
    super::tell::summary_published(&mut tx, &state, salon.id).await?;
    tx.commit().await?;
    state.job_wake.notify_one();
    Ok(Redirect::to(&format!("{}/decisions?done=linked", salon.path())).into_response())
}

/// `POST /salons/{key}/decisions/remove`: the salon is not about that decision after all.
pub async fn unlink(
    State(state): State<AppState>,
    HostedSalon(salon): HostedSalon,
    PostForm(input): PostForm<LinkInput>,
) -> Result<Response, AppError> {
    let id = Uuid::parse_str(input.decision.trim()).map_err(|_| AppError::BadRequest)?;
    sqlx::query!(
        "DELETE FROM salon_decisions WHERE salon_id = $1 AND decision_id = $2",
        salon.id,
        id
    )
    .execute(&state.db)
    .await?;
    Ok(Redirect::to(&format!("{}/decisions?done=removed", salon.path())).into_response())
}
