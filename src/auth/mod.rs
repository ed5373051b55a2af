//! Who is asking, and what they may do: the one place that decides.
//!
//! [`load_session`] runs once per request and reads nothing: it keeps the session cookie's
//! token, and the person is read (one query) when something first needs them — an extractor,
//! an access check, the page's frame — or by a page that reads them in its own statement (the
//! salon page). Without a cookie nothing is read or written. Handlers then ask for what they need
//! with extractors — [`CurrentUser`] (signed in), [`VerifiedUser`] (email confirmed) — and the
//! route registry ([`routes`]) declares each route's [`Access`], which a layer enforces before
//! the handler runs, so no handler can forget it.

pub mod resources;
pub mod routes;
pub mod sessions;

use std::sync::{Arc, OnceLock};

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

/// The request's session: the cookie's token, and the person behind it once something has
/// needed them. Put in the request's extensions by [`load_session`]; the person is read at most
/// once per request, by the first extractor or access check that asks ([`RequestPerson::person`]),
/// or together with a page by a handler that reads both in one statement
/// ([`RequestPerson::pending`], [`RequestPerson::settle`]).
#[derive(Clone)]
pub struct RequestPerson(Arc<Lazy>);

struct Lazy {
    state: AppState,
    token: Option<String>,
    person: OnceLock<Option<CurrentUser>>,
}

impl RequestPerson {
    /// The person behind the session cookie, if it is valid; read now if nothing has yet.
    pub async fn person(&self) -> Result<Option<CurrentUser>, AppError> {
        if let Some(known) = self.0.person.get() {
            return Ok(known.clone());
        }
        let person = match &self.0.token {
            Some(token) => sessions::load(&self.0.state, token).await?,
            None => None,
        };
        // Extractors run one after another, so nothing else filled it meanwhile.
        Ok(self.0.person.get_or_init(|| person).clone())
    }

    /// What to look the session up by, when there is a cookie and nothing has read the person
    /// yet: a handler may then read them in its own statement ([`sessions::Lookup`]) and hand
    /// the row to [`RequestPerson::settle`]. `None` means [`RequestPerson::person`] answers without a query.
    pub fn pending(&self) -> Option<sessions::Lookup> {
        match (&self.0.token, self.0.person.get()) {
            (Some(token), None) => Some(sessions::Lookup::new(&self.0.state, token)),
            _ => None,
        }
    }

    /// Takes the person a handler read with `lookup` (see [`RequestPerson::pending`]): refreshes the
    /// session's last-seen time when due, as [`sessions::load`] does, and keeps the person for
    /// the rest of the request.
    pub async fn settle(
        &self,
        lookup: sessions::Lookup,
        row: Option<sessions::PersonRow>,
    ) -> Result<Option<CurrentUser>, AppError> {
        let person = sessions::admit(&self.0.state, lookup, row).await?;
        Ok(self.0.person.get_or_init(|| person).clone())
    }
}

/// Puts the request's [`RequestPerson`] in its extensions: with a session cookie, the person is read
/// when first needed; without one nothing is read or written.
pub async fn load_session(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let token = sessions::cookie_token(request.headers());
    request
        .extensions_mut()
        .insert(RequestPerson(Arc::new(Lazy {
            state,
            token,
            person: OnceLock::new(),
        })));
    next.run(request).await
}

/// The person on a request that has been through [`load_session`] (none on one that has not).
pub async fn current(parts: &Parts) -> Result<Option<CurrentUser>, AppError> {
    match parts.extensions.get::<RequestPerson>() {
        Some(session) => session.person().await,
        None => Ok(None),
    }
}

impl<S: Send + Sync> FromRequestParts<S> for RequestPerson {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<RequestPerson>()
            .cloned()
            .ok_or_else(|| {
                AppError::Internal(anyhow::anyhow!(
                    "the session taken on {}, outside the session layer",
                    parts.uri.path()
                ))
            })
    }
}

impl<S: Send + Sync> FromRequestParts<S> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        current(parts).await?.ok_or(AppError::SignInRequired)
    }
}

impl<S: Send + Sync> OptionalFromRequestParts<S> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Option<Self>, Self::Rejection> {
        current(parts).await
    }
}

/// A signed-in person whose email is confirmed: needed to host, register, invite or ask for a
/// role. Others get a page saying why, with a button to send the link again.
#[derive(Clone, Debug)]
pub struct VerifiedUser(pub CurrentUser);

impl<S: Send + Sync> FromRequestParts<S> for VerifiedUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let user = current(parts).await?.ok_or(AppError::SignInRequired)?;
        user.require_verified()?;
        Ok(VerifiedUser(user))
    }
}
