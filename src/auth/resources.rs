//! What a route's access check resolved, handed to its handler: the check reads the row once
//! and puts it in the request's extensions; the handler takes it with an extractor instead of
//! parsing the path and loading it again.
//!
//! Each extractor belongs to the feature that owns the resource, next to its
//! [`Check`](super::Check), and is declared with `resolved_extractor!`. Used on a route whose check
//! did not resolve it, it is a programming error, answered with a 500 (and logged), never a
//! second load or a pass.

use axum::http::request::Parts;

use crate::error::AppError;

/// What the access layer resolved, of type `T`; a 500 if it resolved none.
pub fn resolved<T: Clone + Send + Sync + 'static>(parts: &Parts) -> Result<T, AppError> {
    parts.extensions.get::<T>().cloned().ok_or_else(|| {
        AppError::Internal(anyhow::anyhow!(
            "{} taken on {} {}, whose access check does not resolve it",
            std::any::type_name::<T>(),
            parts.method,
            parts.uri.path()
        ))
    })
}

/// Makes each named type an extractor of what the route's access check resolved.
macro_rules! resolved_extractor {
    ($($name:ident),*) => {$(
        impl<S: Send + Sync> axum::extract::FromRequestParts<S> for $name {
            type Rejection = $crate::error::AppError;

            async fn from_request_parts(
                parts: &mut axum::http::request::Parts,
                _: &S,
            ) -> Result<Self, $crate::error::AppError> {
                $crate::auth::resources::resolved::<$name>(parts)
            }
        }
    )*};
}

pub(crate) use resolved_extractor;

#[cfg(test)]
mod tests {
    use super::*;
    use axum::extract::FromRequestParts;
    use axum::http::{Request, StatusCode};

    #[derive(Clone, Copy, Debug, PartialEq)]
    struct Resolved(u32);

    resolved_extractor!(Resolved);

    #[tokio::test]
    async fn a_resource_the_access_check_did_not_resolve_is_a_500() {
        let (mut parts, _) = Request::get("/salons/x/edit")
            .body(())
            .unwrap()
            .into_parts();
        let err = Resolved::from_request_parts(&mut parts, &())
            .await
            .unwrap_err();
        assert!(matches!(err, AppError::Internal(_)));
        assert_eq!(err.status_code(), StatusCode::INTERNAL_SERVER_ERROR);
    }

    #[tokio::test]
    async fn a_resolved_resource_reaches_the_handler() {
        let (mut parts, _) = Request::get("/agreements/x").body(()).unwrap().into_parts();
        parts.extensions.insert(Resolved(7));
        let got = Resolved::from_request_parts(&mut parts, &()).await.unwrap();
        assert_eq!(got, Resolved(7));
    }
}
