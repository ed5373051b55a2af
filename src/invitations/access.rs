//! Who may use a route about an invitation: those who may answer it, and the colleague named on
//! an attendance. The checks the route registry runs, and what they loaded, for the handlers.

use axum::http::Extensions;

use super::Invitation;
use crate::auth::resources::resolved_extractor;
use crate::auth::{Access, Check, CurrentUser, typed};
use crate::domain::ids::{InvitationId, RegistrationId};
use crate::error::AppError;
use crate::state::AppState;

/// Someone who may answer the invitation named by the route's `{invitation}` segment: the
/// person holding it, those who answer for the unit holding it, or — for one to the
/// municipality as a whole — its admins. To anyone else it does not exist (404).
pub const INVITATION_ANSWERER: Access = Access::Resource(&Check {
    name: "invitation answerer",
    segment: Some("invitation"),
    resolve: |state, user, raw, resources| Box::pin(answerer(state, user, raw, resources)),
});

/// Someone who may read and write the invitation's internal notes: those who may answer it
/// ([`INVITATION_ANSWERER`]) and the admins of its municipality. Never its hosts, another unit
/// or another municipality: to them it does not exist (404).
pub const INVITATION_INSIDER: Access = Access::Resource(&Check {
    name: "invitation insider",
    segment: Some("invitation"),
    resolve: |state, user, raw, resources| Box::pin(insider(state, user, raw, resources)),
});

/// The colleague named on the registration in `{attendance}` when an official accepted an
/// invitation for them: they confirm or decline it. To anyone else it does not exist (404).
pub const NAMED_COLLEAGUE: Access = Access::Resource(&Check {
    name: "named colleague",
    segment: Some("attendance"),
    resolve: |state, user, raw, resources| Box::pin(named(state, user, raw, resources)),
});

/// The invitation of an [`INVITATION_ANSWERER`] route, which the person may answer.
#[derive(Clone, Debug)]
pub struct AnswerableInvitation(pub Invitation);

/// The invitation of an [`INVITATION_INSIDER`] route, and whether the person may also answer
/// it (else they are one of the municipality's admins).
#[derive(Clone, Debug)]
pub struct InsiderInvitation {
    pub inv: Invitation,
    pub answers: bool,
}

/// The registration of a [`NAMED_COLLEAGUE`] route, on which the person is the one named.
#[derive(Clone, Copy, Debug)]
pub struct NamedAttendance(pub RegistrationId);

resolved_extractor!(AnswerableInvitation, InsiderInvitation, NamedAttendance);

async fn answerer(
    state: &AppState,
    user: &CurrentUser,
    raw: &str,
    resources: &mut Extensions,
) -> Result<(), AppError> {
    let id: InvitationId = typed(raw)?;
    user.require_verified()?;
    // Whether this person may answer it and the invitation itself, in one query.
    let mut conn = state.db.acquire().await?;
    let invitation = super::load_answerable(&mut conn, id.uuid(), user.id).await?;
    resources.insert(AnswerableInvitation(invitation));
    Ok(())
}

async fn insider(
    state: &AppState,
    user: &CurrentUser,
    raw: &str,
    resources: &mut Extensions,
) -> Result<(), AppError> {
    let id: InvitationId = typed(raw)?;
    user.require_verified()?;
    let mut conn = state.db.acquire().await?;
    let found = sqlx::query!(
        r#"SELECT EXISTS (SELECT 1 FROM invitation_answerers a
                          WHERE a.invitation_id = i.id AND a.user_id = $2) AS "answers!",
                  EXISTS (SELECT 1 FROM roles r
                          WHERE r.user_id = $2 AND r.kind = 'admin' AND r.status = 'approved'
                            AND r.municipality_code = i.municipality_code) AS "admin!"
           FROM invitations i WHERE i.id = $1 AND NOT i.awaits_publish"#,
        id.uuid(),
        user.id
    )
    .fetch_optional(&mut *conn)
    .await?
    .filter(|f| f.answers || f.admin)
    .ok_or(AppError::NotFound)?;
    let inv = super::load(&mut conn, id.uuid()).await?;
    resources.insert(InsiderInvitation {
        inv,
        answers: found.answers,
    });
    Ok(())
}

async fn named(
    state: &AppState,
    user: &CurrentUser,
    raw: &str,
    resources: &mut Extensions,
) -> Result<(), AppError> {
    let id: RegistrationId = typed(raw)?;
    user.require_verified()?;
    if !super::colleagues::is_named(&state.db, id.uuid(), user.id).await? {
        return Err(AppError::NotFound);
    }
    resources.insert(NamedAttendance(id));
    Ok(())
}
