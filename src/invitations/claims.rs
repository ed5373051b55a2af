//! Organising a unit's work on an invitation: "Jeg tager den" marks who handles it, and a
//! hand-over gives it to a named colleague who may answer it too (they are told). The mark says
//! who works on it, not who may answer: any answerer's answer still settles it. Only those who
//! may answer the invitation ever see it. Its holder, or one of the municipality's admins, can
//! put it back ("Læg den tilbage"): then nobody has it.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use uuid::Uuid;

use super::answer::{Shown, render};
use super::{AnswerableInvitation, EventFacts, InsiderInvitation, Invitation, record_event};
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::mail::{self, Recipient};
use crate::state::AppState;
use crate::web::forms::ListForm;
use crate::web::markup;
use crate::web::{Frame, Page};

/// What the hand-over form posts: the colleague, and who had it when the page was drawn (so a
/// stale page cannot take it from someone who claimed it since).
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct HandOverInput {
    to: String,
    seen: String,
}

/// `POST /inbox/{invitation}/claim`: "Jeg tager den".
pub async fn claim(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    AnswerableInvitation(inv): AnswerableInvitation,
) -> Result<Response, AppError> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    // One guarded statement decides a race: the first to claim wins, the other finds it taken.
    let won = sqlx::query_scalar!(
        r#"UPDATE invitations SET claimed_by = $2, claimed_at = $3
           WHERE id = $1 AND status IN ('open', 'proposed') AND claimed_by IS NULL
           RETURNING id"#,
        inv.id,
        user.id,
        now
    )
    .fetch_optional(&mut *tx)
    .await?;
    if won.is_none() {
        drop(tx);
        return taken(&state, f, &user, inv.id).await;
    }
    let facts = EventFacts {
        actor: Some(user.id),
        actor_name: &user.name,
        unit: inv.holder_unit_id,
        ..EventFacts::default()
    };
    record_event(&mut tx, inv.id, "claimed", facts, now).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/inbox/{}?done=claimed", inv.id)).into_response())
}

/// `POST /inbox/{invitation}/hand-over`: gives it to a colleague who may answer it.
pub async fn hand_over(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    AnswerableInvitation(inv): AnswerableInvitation,
    ListForm(input): ListForm<HandOverInput>,
) -> Result<Response, AppError> {
    let now = state.clock.now();
    let to = Uuid::parse_str(input.to.trim()).ok();
    let seen = Uuid::parse_str(input.seen.trim()).ok();
    let mut tx = state.db.begin().await?;
    // Only to someone who answers for it: a hand-over never widens who sees the invitation.
    let to = match to {
        Some(to) => {
            sqlx::query_scalar!(
                r#"SELECT a.user_id AS "id!" FROM invitation_answerers a
               JOIN users u ON u.id = a.user_id
               WHERE a.invitation_id = $1 AND a.user_id = $2 AND u.deleted_at IS NULL
               LIMIT 1"#,
                inv.id,
                to
            )
            .fetch_optional(&mut *tx)
            .await?
        }
        None => None,
    };
    let Some(to) = to else {
        drop(tx);
        let problem = Some(f.tr.t("inv-error-hand-over-to"));
        let page = render(&state, f, &user, inv, Shown::None, problem, None).await?;
        return Ok(Page::invalid(page));
    };
    let done = sqlx::query_scalar!(
        r#"UPDATE invitations SET claimed_by = $2, claimed_at = $3
           WHERE id = $1 AND status IN ('open', 'proposed') AND claimed_by IS NOT DISTINCT FROM $4
           RETURNING id"#,
        inv.id,
        to,
        now,
        seen
    )
    .fetch_optional(&mut *tx)
    .await?;
    if done.is_none() {
        drop(tx);
        return taken(&state, f, &user, inv.id).await;
    }
    let facts = EventFacts {
        actor: Some(user.id),
        actor_name: &user.name,
        unit: inv.holder_unit_id,
        to_user: Some(to),
        ..EventFacts::default()
    };
    record_event(&mut tx, inv.id, "handed_over", facts, now).await?;
    if to != user.id {
        let path = format!("/inbox/{}", inv.id);
        let args = [
            ("title", inv.salon_title.clone()),
            ("by", user.name.clone()),
            (
                "when",
                inv.salon_first_start
                    .map(|s| f.tr.datetime(s))
                    .unwrap_or_default(),
            ),
        ];
        mail::notify_text(
            &mut tx,
            &state,
            Recipient::User(to),
            "invitation.handed-over",
            "inv-mail-handed-over",
            &args,
            &path,
        )
        .await?;
    }
    tx.commit().await?;
    state.job_wake.notify_one();
    Ok(Redirect::to(&format!("/inbox/{}?done=handed-over", inv.id)).into_response())
}

/// What the release form posts: who had it when the page was drawn, so a stale page cannot
/// put back a claim someone made since.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ReleaseInput {
    seen: String,
}

/// `POST /inbox/{invitation}/release`: "Læg den tilbage". Its holder may, and the
/// municipality's admins may, who organise the work; another colleague may not take a claim
/// away (they hand it over or answer instead).
pub async fn release(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    insider: InsiderInvitation,
    ListForm(input): ListForm<ReleaseInput>,
) -> Result<Response, AppError> {
    let inv = insider.inv;
    let now = state.clock.now();
    let seen = Uuid::parse_str(input.seen.trim()).ok();
    let admin = is_admin(&mut *state.db.acquire().await?, &inv, user.id).await?;
    if !admin && inv.claimed_by.is_some() && inv.claimed_by != Some(user.id) {
        return Err(AppError::Forbidden);
    }
    let mut tx = state.db.begin().await?;
    // Guarded like a claim: only the claim the page showed, only by its holder or an admin.
    let done = sqlx::query_scalar!(
        r#"UPDATE invitations SET claimed_by = NULL, claimed_at = NULL
           WHERE id = $1 AND status IN ('open', 'proposed') AND claimed_by = $2
             AND ($3 OR claimed_by = $4)
           RETURNING id"#,
        inv.id,
        seen,
        admin,
        user.id
    )
    .fetch_optional(&mut *tx)
    .await?;
    if done.is_none() {
        drop(tx);
        if !insider.answers {
            // An admin who does not answer it has no answer page: the notes page says who has it.
            return Ok(Redirect::to(&format!("/inbox/{}/notes", inv.id)).into_response());
        }
        return taken(&state, f, &user, inv.id).await;
    }
    let facts = EventFacts {
        actor: Some(user.id),
        actor_name: &user.name,
        unit: inv.holder_unit_id,
        to_user: seen,
        ..EventFacts::default()
    };
    record_event(&mut tx, inv.id, "released", facts, now).await?;
    tx.commit().await?;
    let back = if insider.answers {
        format!("/inbox/{}?done=released", inv.id)
    } else {
        format!("/inbox/{}/notes?done=released", inv.id)
    };
    Ok(Redirect::to(&back).into_response())
}

/// Whether `user` is an admin of the invitation's municipality.
pub(super) async fn is_admin(
    conn: &mut sqlx::PgConnection,
    inv: &Invitation,
    user: Uuid,
) -> Result<bool, AppError> {
    Ok(sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM roles r
                          WHERE r.user_id = $1 AND r.kind = 'admin' AND r.status = 'approved'
                            AND r.municipality_code = $2) AS "admin!""#,
        user,
        inv.municipality_code.as_deref()
    )
    .fetch_one(conn)
    .await?)
}

/// The page again, 409, saying who has it now (or that it is no longer open).
async fn taken(
    state: &AppState,
    f: Frame,
    user: &CurrentUser,
    id: Uuid,
) -> Result<Response, AppError> {
    let inv: Invitation = super::load(&mut *state.db.acquire().await?, id).await?;
    if inv.claimed_by == Some(user.id) && inv.status.is_live() {
        return Ok(Redirect::to(&format!("/inbox/{id}")).into_response());
    }
    let problem = match (&inv.claimed_name, inv.claimed_at) {
        (Some(name), Some(at)) if inv.status.is_live() => f.tr.t_args(
            "inv-error-claimed",
            &[
                ("name", markup::name(name).into()),
                ("since", f.tr.date(at).into()),
            ],
        ),
        _ if inv.status.is_live() => f.tr.t("inv-error-claim-changed"),
        _ => f.tr.t("inv-error-claim-closed"),
    };
    let page = render(state, f, user, inv, Shown::None, Some(problem), None).await?;
    Ok((StatusCode::CONFLICT, Page(page)).into_response())
}
