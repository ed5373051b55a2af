//! The route registry: every route of the app, with who may use it.
//!
//! Features list their routes as [`RouteSpec`]s; [`router`] mounts them and puts the access
//! check for each in front of its handler. The authorisation tests read the same list, so a
//! route cannot be added without being tested for who may use it.

use axum::Router;
use axum::extract::{DefaultBodyLimit, FromRequestParts, RawPathParams, Request, State};
use axum::http::{Extensions, Method};
use axum::middleware::{Next, from_fn_with_state};
use axum::response::Response;
use axum::routing::MethodRouter;
use futures_util::future::BoxFuture;
use tower_http::limit::RequestBodyLimitLayer;

use super::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::layers::BODY_LIMIT;

/// Who may use a route.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not.
    Public,
    /// Anyone signed in.
    SignedIn,
    /// Anyone signed in with a confirmed email.
    Verified,
    /// Someone signed in whom a feature's [`Check`] admits: the feature that owns a resource
    /// (a salon, an invitation, a municipality …) says who may use routes about it.
    Resource(&'static Check),
}

/// A feature's access check about one kind of resource, named by a path segment.
///
/// The check reads the resource once and puts what it resolved into the request's extensions,
/// where the handler takes it with the feature's extractor (see [`super::resources`]).
pub struct Check {
    /// Who passes, in words ("salon host"): how logs and the authorisation tests tell checks
    /// apart, so each check has its own.
    pub name: &'static str,
    /// The path segment naming the resource (`"key"` for `{key}`); `None` for a check about
    /// the person alone. A route without the segment is a 404.
    pub segment: Option<&'static str>,
    /// Admits the person or refuses them (403, 404, unverified …), given the segment's raw
    /// value (empty without a segment), and stores what it resolved.
    pub resolve: Resolve,
}

/// A [`Check`]'s work: `(state, person, raw segment, the request's extensions)`.
pub type Resolve = for<'a> fn(
    &'a AppState,
    &'a CurrentUser,
    &'a str,
    &'a mut Extensions,
) -> BoxFuture<'a, Result<(), AppError>>;

impl PartialEq for Check {
    fn eq(&self, other: &Check) -> bool {
        self.name == other.name
    }
}

impl Eq for Check {}

impl std::fmt::Debug for Check {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

/// One route: method, path pattern, access and handler.
pub struct RouteSpec {
    pub method: Method,
    pub path: &'static str,
    pub access: Access,
    pub handler: MethodRouter<AppState>,
    /// The largest request body the route takes ([`BODY_LIMIT`] unless it says otherwise): a
    /// larger one is refused with 413 before the handler or the access check reads it.
    pub body_limit: usize,
}

impl RouteSpec {
    pub fn get(path: &'static str, access: Access, handler: MethodRouter<AppState>) -> RouteSpec {
        RouteSpec {
            method: Method::GET,
            path,
            access,
            handler,
            body_limit: BODY_LIMIT,
        }
    }

    pub fn post(path: &'static str, access: Access, handler: MethodRouter<AppState>) -> RouteSpec {
        RouteSpec {
            method: Method::POST,
            path,
            access,
            handler,
            body_limit: BODY_LIMIT,
        }
    }
}

impl RouteSpec {
    /// Lets the route take bodies up to `bytes` (an upload) instead of [`BODY_LIMIT`]. Its
    /// handler then reads the body as it comes, so axum's own default limit is lifted here.
    pub fn with_body_limit(mut self, bytes: usize) -> RouteSpec {
        self.body_limit = bytes;
        self.handler = self.handler.layer(DefaultBodyLimit::disable());
        self
    }
}

/// Mounts `specs`, each behind its access check and its body limit.
pub fn router(specs: Vec<RouteSpec>, state: &AppState) -> Router<AppState> {
    specs.into_iter().fold(Router::new(), |router, spec| {
        let handler = match spec.access {
            Access::Public => spec.handler,
            access => spec
                .handler
                .route_layer(from_fn_with_state((state.clone(), access), enforce)),
        };
        // Outside the access check: a body too large is refused before anything reads it.
        let handler = handler.layer(RequestBodyLimitLayer::new(spec.body_limit));
        router.route(spec.path, handler)
    })
}

/// Refuses the request unless the person has `access`.
async fn enforce(
    State((state, access)): State<(AppState, Access)>,
    request: Request,
    next: Next,
) -> Result<Response, AppError> {
    let (mut parts, body) = request.into_parts();
    let user = super::current(&parts)
        .await?
        .ok_or(AppError::SignInRequired)?;
    match access {
        Access::Public | Access::SignedIn => {}
        Access::Verified => user.require_verified()?,
        Access::Resource(check) => {
            let raw = match check.segment {
                None => String::new(),
                Some(name) => RawPathParams::from_request_parts(&mut parts, &state)
                    .await
                    .ok()
                    .and_then(|p| {
                        p.iter()
                            .find(|(k, _)| *k == name)
                            .map(|(_, v)| v.to_string())
                    })
                    .ok_or(AppError::NotFound)?,
            };
            (check.resolve)(&state, &user, &raw, &mut parts.extensions).await?;
        }
    }
    Ok(next.run(Request::from_parts(parts, body)).await)
}

/// A typed id from a path segment; anything else is a page that does not exist.
pub fn typed<T: std::str::FromStr>(raw: &str) -> Result<T, AppError> {
    raw.parse().map_err(|_| AppError::NotFound)
}
