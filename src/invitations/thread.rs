//! What hosts do with a sent invitation: withdraw it while it waits, write in its thread,
//! take or refuse a proposed time.

use axum::Form as PostForm;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use sqlx::PgConnection;
use uuid::Uuid;

use super::host::{SendInput, render, send_form};
use super::mails::{self, ToAnswerers};
use super::values::{self};
use super::{EventFacts, Invitation, Writer, record_event};
use crate::auth::CurrentUser;
use crate::domain::ids::InvitationId;
use crate::error::AppError;
use crate::salons::{HostedSalon, VisibleSalon};
use crate::state::AppState;
use crate::web::path::Ids;
use crate::web::{Frame, Page};

/// An invitation of this salon, or 404.
async fn of_salon(
    conn: &mut PgConnection,
    salon: &VisibleSalon,
    id: InvitationId,
) -> Result<Invitation, AppError> {
    let inv = super::load(conn, id.uuid()).await?;
    if inv.salon_id != salon.id {
        return Err(AppError::NotFound);
    }
    Ok(inv)
}

/// `POST /salons/{key}/invitations/{invitation}/withdraw`: only while it waits for an answer.
pub async fn withdraw(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    HostedSalon(salon): HostedSalon,
    Ids((_, invitation)): Ids<(String, InvitationId)>,
) -> Result<Response, AppError> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let inv = of_salon(&mut tx, &salon, invitation).await?;
    if !withdraw_invitation(&mut tx, &inv, (user.id, &user.name), now).await? {
        drop(tx);
        let input = SendInput::default();
        let form = send_form(&f, &input);
        let problem = Some(f.tr.t("inv-error-withdraw-answered"));
        let page = render(&state, f, salon, &input, form, None, None, problem).await?;
        return Ok((StatusCode::CONFLICT, Page(page)).into_response());
    }
    tx.commit().await?;
    Ok(Redirect::to(&format!("{}/invitations?done=withdrawn", salon.path())).into_response())
}

/// Withdraws `inv` for host `by` (id and name), in the caller's transaction; false when it
/// no longer waits for an answer.
pub async fn withdraw_invitation(
    tx: &mut sqlx::PgConnection,
    inv: &super::Invitation,
    by: (Uuid, &str),
    now: chrono::DateTime<chrono::Utc>,
) -> Result<bool, AppError> {
    let done = sqlx::query!(
        r#"UPDATE invitations SET status = 'withdrawn', withdrawn_at = $2
           WHERE id = $1 AND status IN ('open', 'proposed') RETURNING id"#,
        inv.id,
        now
    )
    .fetch_optional(&mut *tx)
    .await?;
    if done.is_none() {
        return Ok(false);
    }
    record_event(
        tx,
        inv.id,
        "withdrawn",
        EventFacts {
            actor: Some(by.0),
            actor_name: by.1,
            unit: inv.holder_unit_id,
            ..Default::default()
        },
        now,
    )
    .await?;
    Ok(true)
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct MessageInput {
    text: String,
}

/// `POST /salons/{key}/invitations/{invitation}/message`: a host writes in the thread.
pub async fn message(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    HostedSalon(salon): HostedSalon,
    Ids((_, invitation)): Ids<(String, InvitationId)>,
    PostForm(input): PostForm<MessageInput>,
) -> Result<Response, AppError> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let inv = of_salon(&mut tx, &salon, invitation).await?;
    // No form is shown for a closed thread: a request for one is stale or made up.
    if !inv.may_write(Writer::Host) {
        return Err(AppError::Forbidden);
    }
    let Ok(text) = values::parse_thread_text(&input.text) else {
        drop(tx);
        let blank = SendInput::default();
        let form = send_form(&f, &blank);
        let problem = Some(f.tr.t("inv-error-text-missing"));
        let page = render(&state, f, salon, &blank, form, None, None, problem).await?;
        return Ok(Page::invalid(page));
    };
    record_event(
        &mut tx,
        inv.id,
        "host_message",
        EventFacts {
            actor: Some(user.id),
            actor_name: &user.name,
            unit: inv.holder_unit_id,
            message: text.as_str(),
            ..Default::default()
        },
        now,
    )
    .await?;
    mails::tell_answerers(
        &mut tx,
        &state,
        &inv,
        ToAnswerers::HostMessage(text.as_str()),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("{}/invitations?done=message", salon.path())).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ProposalInput {
    decision: String,
}

/// `POST /salons/{key}/invitations/{invitation}/proposal`: the host takes the proposed time
/// (the session moves and everyone registered is told) or keeps the old one; either way the
/// invitation is open again for an answer.
pub async fn proposal(
    State(state): State<AppState>,
    user: CurrentUser,
    HostedSalon(salon): HostedSalon,
    Ids((_, invitation)): Ids<(String, InvitationId)>,
    PostForm(input): PostForm<ProposalInput>,
) -> Result<Response, AppError> {
    let now = state.clock.now();
    let accept = match input.decision.as_str() {
        "accept" => true,
        "decline" => false,
        _ => return Err(AppError::BadRequest),
    };
    let mut tx = state.db.begin().await?;
    let inv = of_salon(&mut tx, &salon, invitation).await?;
    // The proposed time stays with the invitation beside the host's choice: the public line
    // then says what was proposed and what the host did, not "no answer yet".
    let done = sqlx::query!(
        r#"UPDATE invitations SET status = 'open', proposal_decision = $2
           WHERE id = $1 AND status = 'proposed' RETURNING id"#,
        inv.id,
        if accept { "taken" } else { "kept" }
    )
    .fetch_optional(&mut *tx)
    .await?;
    if done.is_none() {
        return Ok(Redirect::to(&format!("{}/invitations", salon.path())).into_response());
    }
    if accept {
        if let (Some(session), Some(starts), Some(ends)) = (
            inv.proposed_session_id,
            inv.proposed_starts_at,
            inv.proposed_ends_at,
        ) {
            crate::salons::move_session(&mut tx, &state, salon.id, session, starts, ends).await?;
        }
    }
    let kind = if accept {
        "proposal_accepted"
    } else {
        "proposal_declined"
    };
    record_event(
        &mut tx,
        inv.id,
        kind,
        EventFacts {
            actor: Some(user.id),
            actor_name: &user.name,
            unit: inv.holder_unit_id,
            times: inv.proposed_starts_at.zip(inv.proposed_ends_at),
            ..Default::default()
        },
        now,
    )
    .await?;
    let why = if accept {
        ToAnswerers::ProposalAccepted
    } else {
        ToAnswerers::ProposalDeclined
    };
    mails::tell_answerers(&mut tx, &state, &inv, why).await?;
    tx.commit().await?;
    state.job_wake.notify_one();
    let done = if accept {
        "proposal-accepted"
    } else {
        "proposal-declined"
    };
    Ok(Redirect::to(&format!("{}/invitations?done={done}", salon.path())).into_response())
}
