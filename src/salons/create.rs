//! Creating a salon: `/salons/new`. A verified person fills in the form and becomes its first
//! host; the salon starts as a draft that only its hosts see.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use uuid::Uuid;

use super::Format;
use super::form::{self, SalonData, SalonForm, SalonInput, SessionData};
use super::guides::{self, Guide};
use super::visibility::path;
use crate::auth::VerifiedUser;
use crate::error::AppError;
use crate::limits::{self, Limit};
use crate::salons::HostedSalon;
use crate::state::AppState;
use crate::web::{Frame, Page};

/// The create and edit form page.
#[derive(Template)]
#[template(path = "salons/form.html")]
pub struct FormPage {
    pub f: Frame,
    pub heading: String,
    pub form: SalonForm,
    /// Where "back" goes (the salon page when editing).
    pub back: Option<String>,
}

impl FormPage {
    /// The form again: 200 after "add/remove session", 422 with errors.
    pub fn respond(self) -> Response {
        let invalid = self.form.has_errors();
        Page::form(self, invalid)
    }
}

/// `/salons/new?format={slug}`: the form started from a built-in format.
#[derive(serde::Deserialize)]
pub struct NewQuery {
    format: Option<String>,
    /// From a decision's page: "hold a salon about this decision".
    decision: Option<String>,
}

pub async fn form(
    State(state): State<AppState>,
    f: Frame,
    VerifiedUser(user): VerifiedUser,
    Query(q): Query<NewQuery>,
) -> Result<Response, AppError> {
    let munis = form::municipalities(&state.db).await?;
    // An unknown format is ignored: the blank form is the right answer to an old link.
    let guide = q.format.as_deref().and_then(Guide::parse);
    let mut input = SalonInput::blank();
    if let Some(guide) = guide {
        input.description = guide.programme(&f.tr);
        input.guide = guide.slug().to_string();
    }
    let decisions = crate::decisions::choices_for_new_salon(&state.db, &f.tr).await?;
    // An open decision chosen on its page also sets the salon's municipality.
    if let Some(id) = q
        .decision
        .as_deref()
        .and_then(|d| uuid::Uuid::parse_str(d).ok())
    {
        let code = sqlx::query_scalar!(
            "SELECT municipality_code FROM decisions WHERE id = $1 AND status = 'upcoming'",
            id
        )
        .fetch_optional(&state.db)
        .await?;
        if let Some(code) = code {
            input.decision = id.to_string();
            input.municipality = code;
        }
    }
    let mut form = form::draw(&f.tr, &input, &munis, "/salons/new".into(), false);
    form.guides = guides::links(&f.tr, guide);
    form.decisions = decisions;
    // Said before the host types a whole salon that could not be saved. Only a hint, read
    // without the host's lock (so a save in progress does not hold the page up); the count
    // that decides is the one in `submit`.
    let limit = limits::value(&state.db, Limit::SalonsPerDay).await?;
    if let Some(reached) = created_reached(&state.db, user.id, state.clock.now(), limit).await? {
        form.problem = Some(reached.message(&f.tr, "salon-limit-notice"));
    }
    Ok(FormPage {
        heading: f.tr.t("salon-new-title"),
        f,
        form,
        back: None,
    }
    .respond())
}

/// `GET /salons/{key}/copy`: the new-salon form filled from one of the host's salons — to try
/// again after a cancellation, or to hold a good salon once more. What it is about, where and
/// for whom is copied; not when (the old dates are past or were given up), nor the co-hosts
/// or invitations, which are the new salon's own to gather. Nothing exists until it is saved.
pub async fn copy(
    State(state): State<AppState>,
    f: Frame,
    HostedSalon(salon): HostedSalon,
) -> Result<Response, AppError> {
    let d = super::show::details(&state.db, salon.id).await?;
    let mut input = super::edit::stored_input(&salon.title, &d, &[]);
    input.visibility = salon.visibility.as_str().to_string();
    let munis = form::municipalities(&state.db).await?;
    let mut form = form::draw(&f.tr, &input, &munis, "/salons/new".into(), false);
    form.decisions = crate::decisions::choices_for_new_salon(&state.db, &f.tr).await?;
    Ok(FormPage {
        heading: f.tr.t("salon-copy-title"),
        f,
        form,
        back: Some(salon.path()),
    }
    .respond())
}

pub async fn submit(
    State(state): State<AppState>,
    f: Frame,
    VerifiedUser(user): VerifiedUser,
    body: Bytes,
) -> Result<Response, AppError> {
    let mut input = SalonInput::from_body(&body);
    input.end_sessions_by_guide();
    let munis = form::municipalities(&state.db).await?;
    let again = input.apply_action();
    let mut form = form::draw(&f.tr, &input, &munis, "/salons/new".into(), false);
    form.decisions = crate::decisions::choices_for_new_salon(&state.db, &f.tr).await?;
    let data = if again {
        None
    } else {
        form::parse(&f.tr, &input, &mut form)
    };
    let decision = match again {
        true => None,
        false => {
            match crate::decisions::parse_choice(&state.db, &input.decision, &input.municipality)
                .await?
            {
                Ok(decision) => Some(decision),
                Err(e) => {
                    form.decision_error = Some(f.tr.t(e.0));
                    None
                }
            }
        }
    };
    let (Some(data), Some(decision)) = (data, decision) else {
        return Ok(FormPage {
            heading: f.tr.t("salon-new-title"),
            f,
            form,
            back: None,
        }
        .respond());
    };

    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    match create(&mut tx, user.id, &data, decision, now).await? {
        Created::Salon { id, slug } => {
            tx.commit().await?;
            Ok(Redirect::to(&format!("{}?done=created", path(id, &slug))).into_response())
        }
        Created::LimitReached(reached) => {
            drop(tx);
            form.problem = Some(reached.message(&f.tr, "salon-error-limit"));
            let page = FormPage {
                heading: f.tr.t("salon-new-title"),
                f,
                form,
                back: None,
            };
            Ok(reached.respond(now, page))
        }
    }
}

/// What [`create`] did.
pub enum Created {
    /// The new draft.
    Salon { id: Uuid, slug: String },
    /// The host has created as many salons today as the limit allows: nothing was stored.
    LimitReached(limits::Reached),
}

/// Creates a draft salon from a valid form, with `host` as its first host, about `decision`
/// when one was chosen; refused when the host is at the daily limit. In the caller's
/// transaction.
pub async fn create(
    tx: &mut sqlx::PgConnection,
    host: Uuid,
    data: &SalonData,
    decision: Option<Uuid>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Created, AppError> {
    if let Some(reached) = limit_reached(tx, host, now).await? {
        return Ok(Created::LimitReached(reached));
    }
    let id = Uuid::new_v4();
    let slug = data.title.slug();
    insert(tx, id, &slug, data, host, now).await?;
    if let Some(decision) = decision {
        crate::decisions::link_salon(tx, id, decision, host, now).await?;
    }
    Ok(Created::Salon { id, slug })
}

/// Whether `host` has created as many salons as `salons_per_day` allows in the last 24 hours
/// (drafts too), counted from the salons themselves under the host's lock.
async fn limit_reached(
    conn: &mut sqlx::PgConnection,
    host: Uuid,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Option<limits::Reached>, AppError> {
    let limit = limits::guard(conn, Limit::SalonsPerDay, &host.to_string()).await?;
    created_reached(&mut *conn, host, now, limit).await
}

/// The count behind [`limit_reached`], given the limit's value `limit`.
async fn created_reached<'e>(
    db: impl sqlx::PgExecutor<'e>,
    host: Uuid,
    now: chrono::DateTime<chrono::Utc>,
    limit: i64,
) -> Result<Option<limits::Reached>, AppError> {
    let per_day = Limit::SalonsPerDay;
    let nth = sqlx::query_scalar!(
        r#"SELECT created_at FROM salons WHERE created_by = $1 AND created_at > $2
           ORDER BY created_at DESC OFFSET $3::int8 - 1 LIMIT 1"#,
        host,
        per_day.since(now),
        limit
    )
    .fetch_optional(db)
    .await?;
    Ok(limits::reached(per_day, limit, nth))
}

async fn insert(
    conn: &mut sqlx::PgConnection,
    id: Uuid,
    slug: &str,
    d: &SalonData,
    host: Uuid,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), AppError> {
    write_fields(conn, id, slug, d, Some(host), now).await?;
    sqlx::query!(
        "INSERT INTO salon_hosts (salon_id, user_id, is_creator, added_at) VALUES ($1, $2, true, $3)",
        id,
        host,
        now
    )
    .execute(&mut *conn)
    .await?;
    for s in &d.sessions {
        write_session(conn, id, Uuid::new_v4(), s).await?;
    }
    Ok(())
}

/// Writes session `sid` of salon `salon` as `s` says, the one place that lists a session's
/// fields: a new session, or one of that salon's own changed (never another salon's).
pub(super) async fn write_session(
    conn: &mut sqlx::PgConnection,
    salon: Uuid,
    sid: Uuid,
    s: &SessionData,
) -> Result<(), AppError> {
    sqlx::query!(
        r#"INSERT INTO salon_sessions (id, salon_id, starts_at, ends_at, place_name, address)
           VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (id) DO UPDATE
           SET starts_at = $3, ends_at = $4, place_name = $5, address = $6
           WHERE salon_sessions.salon_id = $2"#,
        sid,
        salon,
        s.times.starts_at,
        s.times.ends_at,
        s.place_name.as_str(),
        s.address.as_str()
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Writes a salon's own fields, the one place that lists them: a new salon's row when
/// `creator` is given, else the stored salon's fields, with its calendar sequence bumped so
/// calendars take the change.
pub(super) async fn write_fields(
    conn: &mut sqlx::PgConnection,
    id: Uuid,
    slug: &str,
    d: &SalonData,
    creator: Option<Uuid>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), AppError> {
    // An edit inserts nothing: the row exists, so the conflict turns the insert into the
    // update (the creator then read from the row only to satisfy the insert's NOT NULL).
    sqlx::query!(
        r#"INSERT INTO salons (id, slug, title, question, description, description_html,
               municipality_code, town, format, place_name, address, address_private, online_link,
               capacity, municipal_seats, visibility, topics, step_free, accessible_toilet,
               hearing_loop, sign_language, accessibility_note, created_by, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
                   $18, $19, $20, $21, $22,
                   coalesce($23, (SELECT created_by FROM salons WHERE id = $1)), $24, $24)
           ON CONFLICT (id) DO UPDATE SET
               (slug, title, question, description, description_html, municipality_code, town,
                format, place_name, address, address_private, online_link, capacity,
                municipal_seats, visibility, topics, step_free, accessible_toilet, hearing_loop,
                sign_language, accessibility_note, updated_at, sequence)
             = (EXCLUDED.slug, EXCLUDED.title, EXCLUDED.question, EXCLUDED.description,
                EXCLUDED.description_html, EXCLUDED.municipality_code, EXCLUDED.town,
                EXCLUDED.format, EXCLUDED.place_name, EXCLUDED.address, EXCLUDED.address_private,
                EXCLUDED.online_link, EXCLUDED.capacity, EXCLUDED.municipal_seats,
                EXCLUDED.visibility, EXCLUDED.topics, EXCLUDED.step_free,
                EXCLUDED.accessible_toilet, EXCLUDED.hearing_loop, EXCLUDED.sign_language,
                EXCLUDED.accessibility_note, EXCLUDED.updated_at, salons.sequence + 1)"#,
        id,
        slug,
        d.title.as_str(),
        d.question.as_str(),
        d.description.as_str(),
        d.description_html,
        d.municipality_code,
        d.town.as_str(),
        d.format as Format,
        d.place_name.as_str(),
        d.address.as_str(),
        d.address_private,
        d.online_link,
        d.capacity.get(),
        d.municipal_seats.get(),
        d.visibility as super::Visibility,
        d.topics.as_slice(),
        d.step_free,
        d.accessible_toilet,
        d.hearing_loop,
        d.sign_language,
        d.accessibility_note.as_str(),
        creator,
        now,
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}
