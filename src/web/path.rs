//! Typed ids from a route's path: `Ids<ModerationItemId>` for `{item}`, `Ids<(String, DecisionId)>`
//! for a slug and an id. A segment that is not the id its route names is a page that does not
//! exist (the friendly 404), never the router's parser text.

use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::error::AppError;

/// The path's segments, parsed as `T` (a typed id, or a tuple with slugs); else a 404.
#[derive(Clone, Copy, Debug)]
pub struct Ids<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for Ids<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        Path::<T>::from_request_parts(parts, state)
            .await
            .map(|Path(ids)| Ids(ids))
            .map_err(|_| AppError::NotFound)
    }
}
