//! Who may use a route about a salon as its host: the check the route registry runs, and the
//! salon it loaded, handed to the handler.

use axum::http::Extensions;

use super::visibility::{VisibleSalon, load_visible, parse_key};
use crate::auth::resources::resolved_extractor;
use crate::auth::{Access, Check, CurrentUser};
use crate::error::AppError;
use crate::state::AppState;

/// A host of the salon named by the route's `{key}` segment (`{uuid}-{slug}`); to anyone else
/// the salon does not exist (404).
pub const SALON_HOST: Access = Access::Resource(&Check {
    name: "salon host",
    segment: Some("key"),
    resolve: |state, user, key, resources| Box::pin(host(state, user, key, resources)),
});

/// The salon of a [`SALON_HOST`] route, loaded for one of its hosts (drafts and hidden salons
/// included, as its hosts see them).
#[derive(Clone, Debug)]
pub struct HostedSalon(pub VisibleSalon);

resolved_extractor!(HostedSalon);

async fn host(
    state: &AppState,
    user: &CurrentUser,
    key: &str,
    resources: &mut Extensions,
) -> Result<(), AppError> {
    let id = parse_key(key).ok_or(AppError::NotFound)?;
    // One query: the salon as its hosts see it, with whether this person is one.
    let salon = load_visible(&state.db, id, Some(user)).await?;
    if !salon.is_host {
        return Err(AppError::NotFound);
    }
    resources.insert(HostedSalon(salon));
    Ok(())
}
