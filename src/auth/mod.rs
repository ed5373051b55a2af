//! Who is asking, and what they may do: the one place that decides.
//!
//! [`load_session`] runs once per request: with a session cookie it loads the person (one
//! query); without one it does nothing and writes nothing. Handlers then ask for what they need
//! with extractors — [`CurrentUser`] (signed in), [`VerifiedUser`] (email confirmed) — and the
//! route registry ([`routes`]) declares each route's [`Access`], which a layer enforces before
//! the handler runs, so no handler can forget it.

pub mod resources;
pub mod routes;
pub mod sessions;

use axum::extract::{FromRequestParts, OptionalFromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::Response;
use uuid::Uuid;

use crate::error::AppError;
use crate::state::AppState;
use crate::web::i18n::Locale;

pub use routes::{Access, Check, RouteSpec, typed};

/// A signed-in person, as loaded with their session.
#[derive(Clone, Debug)]
pub struct CurrentUser {
    pub id: Uuid,
    pub name: String,
    pub email: String,
    pub locale: Locale,
    pub verified: bool,
    /// Open invitations the person may answer; `None` for people without a municipal role.
    pub inbox: Option<i64>,
    /// Unread notifications, for the header.
    pub unread: i64,
    /// The municipalities (slugs) the person is an approved admin of, for the header.
    pub admin_of: Vec<String>,
    /// Whether the person is one of the platform's moderators, for the header.
    pub moderator: bool,
    /// The session this request came with (so "sign out" ends exactly it).
    pub session: sessions::SessionId,
}

impl CurrentUser {
    /// Refuses someone whose email is not confirmed, with the page saying why.
    pub fn require_verified(&self) -> Result<(), AppError> {
        if self.verified {
            Ok(())
        } else {
            Err(AppError::Unverified)
        }
    }
}

/// The request's person, if any; put in the request's extensions by [`load_session`].
#[derive(Clone, Debug)]
struct Who(Option<CurrentUser>);

/// Loads the person behind the session cookie, once per request.
pub async fn load_session(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Result<Response, AppError> {
    let user = match sessions::cookie_token(request.headers()) {
        Some(token) => sessions::load(&state, &token).await?,
        None => None,
    };
    request.extensions_mut().insert(Who(user));
    Ok(next.run(request).await)
}

fn who(parts: &Parts) -> Option<CurrentUser> {
    parts.extensions.get::<Who>().and_then(|w| w.0.clone())
}

impl<S: Send + Sync> FromRequestParts<S> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        who(parts).ok_or(AppError::SignInRequired)
    }
}

impl<S: Send + Sync> OptionalFromRequestParts<S> for CurrentUser {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Option<Self>, Self::Rejection> {
        Ok(who(parts))
    }
}

/// A signed-in person whose email is confirmed: needed to host, register, invite or ask for a
/// role. Others get a page saying why, with a button to send the link again.
#[derive(Clone, Debug)]
pub struct VerifiedUser(pub CurrentUser);

impl<S: Send + Sync> FromRequestParts<S> for VerifiedUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let user = who(parts).ok_or(AppError::SignInRequired)?;
        user.require_verified()?;
        Ok(VerifiedUser(user))
    }
}

/// The person on a request that has been through [`load_session`], for code outside extractors.
pub fn current(parts: &Parts) -> Option<CurrentUser> {
    who(parts)
}
