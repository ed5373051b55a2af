//! Who may use a municipality's own routes: its admins, and its staff who keep its decisions.
//! The checks the route registry runs, and the municipality they loaded, for the handlers.

use axum::http::Extensions;

use super::Municipality;
use crate::auth::resources::resolved_extractor;
use crate::auth::{Access, Check, CurrentUser};
use crate::error::AppError;
use crate::roles::{self, RoleKind};
use crate::state::AppState;

/// An admin of the municipality named by the route's `{municipality}` segment.
pub const MUNICIPALITY_ADMIN: Access = Access::Resource(&Check {
    name: "municipality admin",
    segment: Some("municipality"),
    resolve: |state, user, slug, resources| Box::pin(admin(state, user, slug, resources)),
});

/// An approved admin or official of the municipality named by `{municipality}`: those who
/// publish its upcoming decisions and record their outcome.
pub const MUNICIPALITY_STAFF: Access = Access::Resource(&Check {
    name: "municipality staff",
    segment: Some("municipality"),
    resolve: |state, user, slug, resources| Box::pin(staff(state, user, slug, resources)),
});

/// The municipality of a [`MUNICIPALITY_ADMIN`] route, which the person administers.
#[derive(Clone, Debug)]
pub struct AdminMunicipality(pub Municipality);

/// The municipality of a [`MUNICIPALITY_STAFF`] route, for which the person publishes
/// decisions.
#[derive(Clone, Debug)]
pub struct StaffMunicipality(pub Municipality);

resolved_extractor!(AdminMunicipality, StaffMunicipality);

async fn admin(
    state: &AppState,
    user: &CurrentUser,
    slug: &str,
    resources: &mut Extensions,
) -> Result<(), AppError> {
    if !roles::holds(&state.db, user.id, slug, &[RoleKind::Admin]).await? {
        return Err(AppError::Forbidden);
    }
    let municipality = super::find(&state.db, slug).await?;
    resources.insert(AdminMunicipality(municipality));
    Ok(())
}

async fn staff(
    state: &AppState,
    user: &CurrentUser,
    slug: &str,
    resources: &mut Extensions,
) -> Result<(), AppError> {
    user.require_verified()?;
    if !roles::holds(&state.db, user.id, slug, &RoleKind::STAFF).await? {
        return Err(AppError::Forbidden);
    }
    let municipality = super::find(&state.db, slug).await?;
    resources.insert(StaffMunicipality(municipality));
    Ok(())
}
