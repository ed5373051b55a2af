//! Editing a salon: `/salons/{key}/edit`, for its hosts. Saving a published salon whose time or
//! place changed (the salon's, or a session's own) tells everyone registered or waiting exactly
//! what changed (old → new, per session), with private parts only for those who may see them.

use axum::body::Bytes;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use fluent_templates::fluent_bundle::FluentValue;
use uuid::Uuid;

use super::create::FormPage;
use super::form::{self, SalonData, SalonForm, SalonInput, SessionInput};
use super::show::{self, Details, Session};
use super::visibility::VisibleSalon;
use super::{HostedSalon, SalonStatus, form_date_time, session_when};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::Frame;
use crate::web::i18n::Tr;

/// The form filled with what is stored.
pub(super) fn stored_input(title: &str, d: &Details, sessions: &[Session]) -> SalonInput {
    let mut input = SalonInput::blank();
    input.title = title.to_string();
    input.question = d.question.clone();
    input.description = d.description.clone();
    input.municipality = d.municipality_code.clone();
    input.town = d.town.clone();
    input.format = d.format.as_str().to_string();
    input.place_name = d.place_name.clone();
    input.address = d.address.clone();
    input.online_link = d.online_link.clone();
    input.capacity = d.capacity.map(|c| c.to_string()).unwrap_or_default();
    input.municipal_seats = d.municipal_seats.to_string();
    input.topics = d.topics.join(", ");
    input.accessibility_note = d.accessibility_note.clone();
    input.step_free = d.step_free;
    input.accessible_toilet = d.accessible_toilet;
    input.hearing_loop = d.hearing_loop;
    input.sign_language = d.sign_language;
    input.address_private = d.address_private;
    input.sessions = sessions
        .iter()
        .map(|s| {
            let (date, start) = form_date_time(s.starts_at);
            let (_, end) = form_date_time(s.ends_at);
            SessionInput {
                id: s.id.to_string(),
                date,
                start,
                end,
                place_name: s.place_name.clone(),
                address: s.address.clone(),
            }
        })
        .collect();
    if input.sessions.is_empty() {
        input.sessions.push(SessionInput::default());
    }
    input
}

/// `GET /salons/{key}/edit`.
pub async fn form(
    State(state): State<AppState>,
    f: Frame,
    HostedSalon(salon): HostedSalon,
) -> Result<Response, AppError> {
    if !matches!(salon.status, SalonStatus::Draft | SalonStatus::Published) {
        return Ok(Redirect::to(&salon.path()).into_response());
    }
    let d = show::details(&state.db, salon.id).await?;
    let sessions = show::sessions(&state.db, salon.id).await?;
    let mut input = stored_input(&salon.title, &d, &sessions);
    let visibility = salon.visibility;
    input.visibility = visibility.as_str().to_string();
    let munis = form::municipalities(&state.db).await?;
    let form = form::draw(
        &f.tr,
        &input,
        &munis,
        format!("{}/edit", salon.path()),
        true,
    );
    Ok(page(f, &salon, form))
}

/// The edit form of `salon`: as stored, or sent again with what is refused marked.
fn page(f: Frame, salon: &VisibleSalon, form: SalonForm) -> Response {
    let back = Some(salon.path());
    let heading = f.tr.t1("salon-edit-title", "title", &salon.title);
    FormPage {
        heading,
        f,
        form,
        back,
    }
    .respond()
}

/// `POST /salons/{key}/edit`: read the form, check it against what is stored, write it, and
/// tell those it concerns.
pub async fn submit(
    State(state): State<AppState>,
    f: Frame,
    HostedSalon(salon): HostedSalon,
    body: Bytes,
) -> Result<Response, AppError> {
    if !matches!(salon.status, SalonStatus::Draft | SalonStatus::Published) {
        return Ok(Redirect::to(&salon.path()).into_response());
    }
    let mut input = SalonInput::from_body(&body);
    let munis = form::municipalities(&state.db).await?;
    let again = input.apply_action();
    let action = format!("{}/edit", salon.path());
    let mut form = form::draw(&f.tr, &input, &munis, action, true);
    let data = if again {
        None
    } else {
        form::parse(&f.tr, &input, &mut form)
    };
    let Some(mut data) = data else {
        return Ok(page(f, &salon, form));
    };

    let now = state.clock.now();
    let id = salon.id;
    let mut tx = state.db.begin().await?;
    let status = sqlx::query_scalar!(
        r#"SELECT status AS "status: SalonStatus" FROM salons WHERE id = $1 FOR UPDATE"#,
        id
    )
    .fetch_one(&mut *tx)
    .await?;
    let old = show::details(&mut *tx, id).await?;
    let old_sessions = show::sessions(&mut *tx, id).await?;
    claim_sessions(&mut data, &old_sessions);
    if status == SalonStatus::Published {
        check_ahead(&f.tr, &mut form, &data, &old_sessions, now);
        if form.has_errors() {
            drop(tx);
            return Ok(page(f, &salon, form));
        }
    }

    let slug = data.title.slug();
    write(&mut tx, id, &slug, &data, now).await?;
    let path = super::visibility::path(id, &slug);
    if status == SalonStatus::Published {
        let before = super::moves::Before {
            details: &old,
            sessions: &old_sessions,
        };
        super::moves::tell_what_changed(&mut tx, &state, id, &path, data.title.as_str(), before)
            .await?;
    }
    // More seats than before: those first in line get them at once.
    crate::registrations::fill_free_seats(&mut tx, id, now).await?;
    crate::decisions::salon_edited(&mut tx, &state, id).await?;
    // Made public by this edit: news for the followers of matching searches.
    crate::directory::follow::salon_public(&mut tx, &state, id).await?;
    tx.commit().await?;
    state.job_wake.notify_one();
    Ok(Redirect::to(&format!("{path}?done=saved")).into_response())
}

/// A row may name only a session of this salon, once; anything else is a new session.
fn claim_sessions(data: &mut SalonData, old_sessions: &[Session]) {
    let mut seen = Vec::new();
    for s in &mut data.sessions {
        if let Some(sid) = s.id {
            if seen.contains(&sid) || !old_sessions.iter().any(|o| o.id == sid) {
                s.id = None;
            } else {
                seen.push(sid);
            }
        }
    }
}

/// A published salon cannot move a session into the past, nor add one there: the rows that
/// would get their date marked.
fn check_ahead(
    tr: &Tr,
    form: &mut SalonForm,
    data: &SalonData,
    old_sessions: &[Session],
    now: DateTime<Utc>,
) {
    for (row, s) in form.sessions.iter_mut().zip(&data.sessions) {
        let unchanged = s.id.is_some_and(|sid| {
            old_sessions.iter().any(|o| {
                o.id == sid && o.starts_at == s.times.starts_at && o.ends_at == s.times.ends_at
            })
        });
        if !unchanged && s.times.starts_at <= now {
            row.date_error = Some(tr.t("error-session-past"));
        }
    }
}

/// Stores the salon's fields and its sessions: kept sessions changed, dropped ones deleted,
/// new ones added empty. No one is put in a session they never chose (it could overfill it and
/// would say they come): those registered are told of it and add it themselves.
async fn write(
    conn: &mut sqlx::PgConnection,
    id: Uuid,
    slug: &str,
    data: &SalonData,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    super::create::write_fields(conn, id, slug, data, None, now).await?;

    let kept: Vec<Uuid> = data.sessions.iter().filter_map(|s| s.id).collect();
    sqlx::query!(
        "DELETE FROM salon_sessions WHERE salon_id = $1 AND NOT (id = ANY($2))",
        id,
        &kept
    )
    .execute(&mut *conn)
    .await?;
    for s in &data.sessions {
        // `claim_sessions` left only this salon's own sessions named; the others are new.
        let sid = s.id.unwrap_or_else(Uuid::new_v4);
        super::create::write_session(conn, id, sid, s).await?;
    }
    Ok(())
}

/// What changed in time and place, as lines for one reader (who sees private parts or not).
pub fn describe(
    tr: &Tr,
    sees_private: bool,
    old: &Details,
    new: &Details,
    old_sessions: &[Session],
    new_sessions: &[Session],
) -> Vec<String> {
    let when = |s: &Session| session_when(tr, s.starts_at, s.ends_at);
    let (old_place, old_link) = old.place_for(tr, sees_private);
    let (new_place, new_link) = new.place_for(tr, sees_private);
    let none = || tr.t("salon-change-none");
    let mut out = Vec::new();
    for (i, s) in new_sessions.iter().enumerate() {
        let n = || FluentValue::from((i + 1).to_string());
        let new_own = new.session_place_for(tr, sees_private, s);
        let Some(o) = old_sessions.iter().find(|o| o.id == s.id) else {
            out.push(match new_own {
                Some(place) => tr.t_args(
                    "salon-change-session-added-place",
                    &[("n", n()), ("new", when(s).into()), ("place", place.into())],
                ),
                None => tr.t_args(
                    "salon-change-session-added",
                    &[("n", n()), ("new", when(s).into())],
                ),
            });
            continue;
        };
        if o.starts_at != s.starts_at || o.ends_at != s.ends_at {
            out.push(tr.t_args(
                "salon-change-session",
                &[("n", n()), ("old", when(o).into()), ("new", when(s).into())],
            ));
        }
        // Its own place, or where it now meets instead (the salon's place, whose own change
        // has a line of its own below).
        let old_own = old.session_place_for(tr, sees_private, o);
        if old_own != new_own {
            let old_shown = old_own.or_else(|| old_place.clone()).unwrap_or_else(none);
            let new_shown = new_own.or_else(|| new_place.clone()).unwrap_or_else(none);
            if old_shown != new_shown {
                out.push(tr.t_args(
                    "salon-change-session-place",
                    &[
                        ("n", n()),
                        ("old", old_shown.into()),
                        ("new", new_shown.into()),
                    ],
                ));
            }
        }
    }
    for o in old_sessions {
        if !new_sessions.iter().any(|s| s.id == o.id) {
            out.push(tr.t1("salon-change-session-removed", "old", &when(o)));
        }
    }
    if old.format != new.format {
        out.push(
            tr.t_args(
                "salon-change-format",
                &[
                    (
                        "old",
                        tr.t(&format!("salon-format-{}", old.format.as_str()))
                            .into(),
                    ),
                    (
                        "new",
                        tr.t(&format!("salon-format-{}", new.format.as_str()))
                            .into(),
                    ),
                ],
            ),
        );
    }
    if old_place != new_place {
        out.push(tr.t_args(
            "salon-change-place",
            &[
                ("old", old_place.unwrap_or_else(none).into()),
                ("new", new_place.unwrap_or_else(none).into()),
            ],
        ));
    }
    if old_link != new_link {
        out.push(tr.t_args(
            "salon-change-link",
            &[
                ("old", old_link.unwrap_or_else(none).into()),
                ("new", new_link.unwrap_or_else(none).into()),
            ],
        ));
    }
    out
}
