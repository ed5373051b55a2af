//! What a route's access check resolved, handed to its handler: the check reads the row once
//! and puts it in the request's extensions; the handler takes it with one of these extractors
//! instead of parsing the path and loading it again.
//!
//! Each extractor belongs to one [`Access`](super::Access) kind. Used on a route whose access
//! kind did not resolve it, it is a programming error, answered with a 500 (and logged), never a
//! second load or a pass.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;

use crate::domain::ids::{AgreementId, RegistrationId};
use crate::error::AppError;
use crate::invitations::Invitation;
use crate::municipalities::Municipality;
use crate::salons::VisibleSalon;

/// The salon of a `SalonHost` route, loaded for one of its hosts (drafts and hidden salons
/// included, as its hosts see them).
#[derive(Clone, Debug)]
pub struct HostedSalon(pub VisibleSalon);

/// The invitation of an `InvitationAnswerer` route, which the person may answer.
#[derive(Clone, Debug)]
pub struct AnswerableInvitation(pub Invitation);

/// The agreement of an `AgreementOwner` route, which the person may act for.
#[derive(Clone, Copy, Debug)]
pub struct OwnedAgreement(pub AgreementId);

/// The registration of a `NamedColleague` route, on which the person is the one named.
#[derive(Clone, Copy, Debug)]
pub struct NamedAttendance(pub RegistrationId);

/// The municipality of a `MunicipalityAdmin` route, which the person administers.
#[derive(Clone, Debug)]
pub struct AdminMunicipality(pub Municipality);

/// The municipality of a `MunicipalityStaff` route, for which the person publishes decisions.
#[derive(Clone, Debug)]
pub struct StaffMunicipality(pub Municipality);

/// What the access layer resolved, of type `T`; a 500 if it resolved none.
fn resolved<T: Clone + Send + Sync + 'static>(parts: &Parts) -> Result<T, AppError> {
    parts.extensions.get::<T>().cloned().ok_or_else(|| {
        AppError::Internal(anyhow::anyhow!(
            "{} taken on {} {}, whose access kind does not resolve it",
            std::any::type_name::<T>(),
            parts.method,
            parts.uri.path()
        ))
    })
}

macro_rules! extractors {
    ($($name:ident),*) => {$(
        impl<S: Send + Sync> FromRequestParts<S> for $name {
            type Rejection = AppError;

            async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
                resolved::<$name>(parts)
            }
        }
    )*};
}

extractors!(
    HostedSalon,
    AnswerableInvitation,
    OwnedAgreement,
    NamedAttendance,
    AdminMunicipality,
    StaffMunicipality
);

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::{Request, StatusCode};

    #[tokio::test]
    async fn a_resource_the_access_check_did_not_resolve_is_a_500() {
        let (mut parts, _) = Request::get("/salons/x/edit")
            .body(())
            .unwrap()
            .into_parts();
        let err = HostedSalon::from_request_parts(&mut parts, &())
            .await
            .unwrap_err();
        assert!(matches!(err, AppError::Internal(_)));
        assert_eq!(err.status_code(), StatusCode::INTERNAL_SERVER_ERROR);
    }

    #[tokio::test]
    async fn a_resolved_resource_reaches_the_handler() {
        let (mut parts, _) = Request::get("/agreements/x").body(()).unwrap().into_parts();
        let id = AgreementId(uuid::Uuid::new_v4());
        parts.extensions.insert(OwnedAgreement(id));
        let got = OwnedAgreement::from_request_parts(&mut parts, &())
            .await
            .unwrap();
        assert_eq!(got.0, id);
    }
}
