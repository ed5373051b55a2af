//! The route registry: every route of the app, with who may use it.
//!
//! Features list their routes as [`RouteSpec`]s; [`router`] mounts them and puts the access
//! check for each in front of its handler. The authorisation tests read the same list, so a
//! route cannot be added without being tested for who may use it.

use axum::Router;
use axum::extract::{FromRequestParts, RawPathParams, Request, State};
use axum::http::Method;
use axum::middleware::{Next, from_fn_with_state};
use axum::response::Response;
use axum::routing::MethodRouter;

use super::resources;
use crate::domain::ids::{AgreementId, InvitationId, RegistrationId};
use crate::error::AppError;
use crate::state::AppState;

/// Who may use a route.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not.
    Public,
    /// Anyone signed in.
    SignedIn,
    /// Anyone signed in with a confirmed email.
    Verified,
    /// An admin of the municipality named by the route's `{municipality}` segment.
    MunicipalityAdmin,
    /// An approved admin or official of the municipality named by `{municipality}`: those who
    /// publish its upcoming decisions and record their outcome.
    MunicipalityStaff,
    /// A host of the salon named by the route's `{key}` segment (`{uuid}-{slug}`); to anyone
    /// else the salon does not exist (404).
    SalonHost,
    /// Someone who may answer the invitation named by the route's `{invitation}` segment: the
    /// person holding it, those who answer for the unit holding it, or — for one to the
    /// municipality as a whole — its admins. To anyone else it does not exist (404).
    InvitationAnswerer,
    /// Someone who may act for the agreement named by `{agreement}`: its salon's hosts for
    /// the citizens' own, those who answer for its unit, or the person it is assigned to.
    AgreementOwner,
    /// One of the platform's moderators (granted by the operator, never by a municipality).
    Moderator,
    /// The colleague named on the registration in `{attendance}` when an official accepted an
    /// invitation for them: they confirm or decline it. To anyone else it does not exist (404).
    NamedColleague,
}

/// One route: method, path pattern, access and handler.
pub struct RouteSpec {
    pub method: Method,
    pub path: &'static str,
    pub access: Access,
    pub handler: MethodRouter<AppState>,
}

impl RouteSpec {
    pub fn get(path: &'static str, access: Access, handler: MethodRouter<AppState>) -> RouteSpec {
        RouteSpec {
            method: Method::GET,
            path,
            access,
            handler,
        }
    }

    pub fn post(path: &'static str, access: Access, handler: MethodRouter<AppState>) -> RouteSpec {
        RouteSpec {
            method: Method::POST,
            path,
            access,
            handler,
        }
    }
}

/// Mounts `specs`, each behind its access check.
pub fn router(specs: Vec<RouteSpec>, state: &AppState) -> Router<AppState> {
    specs.into_iter().fold(Router::new(), |router, spec| {
        let handler = match spec.access {
            Access::Public => spec.handler,
            access => spec
                .handler
                .route_layer(from_fn_with_state((state.clone(), access), enforce)),
        };
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
    let user = super::current(&parts).ok_or(AppError::SignInRequired)?;
    // The path segment an access check is about; a route without it is a 404.
    let params = match access {
        Access::Public | Access::SignedIn | Access::Verified | Access::Moderator => None,
        _ => Some(
            RawPathParams::from_request_parts(&mut parts, &state)
                .await
                .map_err(|_| AppError::NotFound)?,
        ),
    };
    let param = |name: &str| -> Result<String, AppError> {
        params
            .as_ref()
            .and_then(|p| {
                p.iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            })
            .ok_or(AppError::NotFound)
    };
    let verified = || {
        if user.verified {
            Ok(())
        } else {
            Err(AppError::Unverified)
        }
    };
    // What the check resolves goes into the request's extensions, for the handler's extractor
    // (`super::resources`): the handler never parses or loads it again.
    let resources = &mut parts.extensions;
    match access {
        Access::Public | Access::SignedIn => {}
        Access::Verified => verified()?,
        Access::MunicipalityAdmin => {
            let slug = param("municipality")?;
            if !crate::roles::holds(&state.db, user.id, &slug, &[crate::roles::RoleKind::Admin])
                .await?
            {
                return Err(AppError::Forbidden);
            }
            let municipality = crate::municipalities::find(&state.db, &slug).await?;
            resources.insert(resources::AdminMunicipality(municipality));
        }
        Access::MunicipalityStaff => {
            let slug = param("municipality")?;
            verified()?;
            if !crate::roles::holds(&state.db, user.id, &slug, &crate::roles::RoleKind::STAFF)
                .await?
            {
                return Err(AppError::Forbidden);
            }
            let municipality = crate::municipalities::find(&state.db, &slug).await?;
            resources.insert(resources::StaffMunicipality(municipality));
        }
        Access::SalonHost => {
            let id = crate::salons::parse_key(&param("key")?).ok_or(AppError::NotFound)?;
            // One query: the salon as its hosts see it, with whether this person is one.
            let salon = crate::salons::load_visible(&state.db, id, Some(&user)).await?;
            if !salon.is_host {
                return Err(AppError::NotFound);
            }
            resources.insert(resources::HostedSalon(salon));
        }
        Access::InvitationAnswerer => {
            let id: InvitationId = typed(&param("invitation")?)?;
            verified()?;
            // Whether this person may answer it and the invitation itself, in one query.
            let mut conn = state.db.acquire().await?;
            let invitation =
                crate::invitations::load_answerable(&mut conn, id.uuid(), user.id).await?;
            resources.insert(resources::AnswerableInvitation(invitation));
        }
        Access::AgreementOwner => {
            let id: AgreementId = typed(&param("agreement")?)?;
            verified()?;
            if !crate::agreements::may_act(&state.db, id.uuid(), user.id).await? {
                return Err(AppError::Forbidden);
            }
            resources.insert(resources::OwnedAgreement(id));
        }
        Access::Moderator => {
            if !crate::moderation::is_moderator(&state.db, user.id).await? {
                return Err(AppError::Forbidden);
            }
        }
        Access::NamedColleague => {
            let id: RegistrationId = typed(&param("attendance")?)?;
            verified()?;
            if !crate::invitations::is_named(&state.db, id.uuid(), user.id).await? {
                return Err(AppError::NotFound);
            }
            resources.insert(resources::NamedAttendance(id));
        }
    }
    Ok(next.run(Request::from_parts(parts, body)).await)
}

/// A typed id from a path segment; anything else is a page that does not exist.
fn typed<T: std::str::FromStr>(raw: &str) -> Result<T, AppError> {
    raw.parse().map_err(|_| AppError::NotFound)
}
