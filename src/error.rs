//! The one error type of the web layer.
//!
//! Handlers return `Result<_, AppError>` and use `?`. An error becomes a status code and a
//! marker; the `error_pages` middleware in [`crate::web`] turns the marker into the friendly
//! Danish (or English) page in the site's frame. 5xx errors are logged here, inside the
//! request's span, and their text never reaches the client.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// Everything a request can fail with.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("bad request")]
    BadRequest,
    /// The person must sign in first (the middleware turns it into a redirect).
    #[error("sign-in required")]
    SignInRequired,
    /// Signed in, but the email is not confirmed yet.
    #[error("email not verified")]
    Unverified,
    /// Signed in, but not allowed.
    #[error("forbidden")]
    Forbidden,
    /// A state-changing request from another site (CSRF).
    #[error("cross-site request")]
    CrossSite,
    /// Too many attempts; try again later.
    #[error("too many requests")]
    TooManyRequests,
    /// The database cannot be reached: a 503 the client may retry, not a bug.
    #[error("database unavailable: {0}")]
    Unavailable(#[source] sqlx::Error),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

/// Put on an error response so the middleware knows to render the page for this error.
#[derive(Clone, Copy, Debug)]
pub struct ErrorPage(pub StatusCode, pub ErrorKind);

/// Which page an error response shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    Status,
    SignInRequired,
    CrossSite,
    Unverified,
}

impl AppError {
    /// The HTTP status for this error: the single place that decides it.
    pub fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::BadRequest => StatusCode::BAD_REQUEST,
            AppError::SignInRequired => StatusCode::UNAUTHORIZED,
            AppError::Forbidden | AppError::CrossSite | AppError::Unverified => {
                StatusCode::FORBIDDEN
            }
            AppError::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

/// A statement that may break a unique constraint because another request got there first.
pub trait ConstraintExt<T> {
    /// `Ok(None)` when the statement broke one of the constraints (or unique indexes) called
    /// `names`, so the caller can say so by the field; any other error stays an error.
    fn on_constraint(self, names: &[&str]) -> sqlx::Result<Option<T>>;
}

impl<T> ConstraintExt<T> for sqlx::Result<T> {
    fn on_constraint(self, names: &[&str]) -> sqlx::Result<Option<T>> {
        match self {
            Ok(done) => Ok(Some(done)),
            Err(sqlx::Error::Database(db))
                if db.constraint().is_some_and(|c| names.contains(&c)) =>
            {
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        match e {
            sqlx::Error::RowNotFound => AppError::NotFound,
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
                AppError::Unavailable(e)
            }
            // The server went away mid-query (shutdown, restart, failover).
            sqlx::Error::Database(ref db)
                if db
                    .code()
                    .is_some_and(|c| c.starts_with("57P") || c.starts_with("08")) =>
            {
                AppError::Unavailable(e)
            }
            // PostgreSQL broke a deadlock or a serialisation conflict by rolling this
            // transaction back: nothing of the request was written, and the same request a
            // moment later goes through (two writers met on one salon's rows in opposite
            // orders, e.g. an answer to an invitation while its salon is cancelled). A 503 to
            // retry, not a bug page.
            sqlx::Error::Database(ref db)
                if db.code().is_some_and(|c| c == "40P01" || c == "40001") =>
            {
                AppError::Unavailable(e)
            }
            // A data exception: a value from the request PostgreSQL cannot take (a NUL byte in
            // text, a date out of range). The client's mistake, not ours; logged so that a
            // value we should have checked earlier still shows up.
            sqlx::Error::Database(ref db) if db.code().is_some_and(|c| c.starts_with("22")) => {
                tracing::warn!(code = ?db.code(), "the database refused a value from a request");
                AppError::BadRequest
            }
            other => AppError::Internal(other.into()),
        }
    }
}

impl From<askama::Error> for AppError {
    fn from(e: askama::Error) -> Self {
        AppError::Internal(anyhow::Error::new(e).context("rendering a template"))
    }
}

/// Seconds a client is asked to wait before retrying a 503 (pages and API alike).
pub const RETRY_UNAVAILABLE_AFTER: &str = "5";

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status_code();
        match &self {
            AppError::Internal(e) => tracing::error!(error = ?e, "request failed"),
            AppError::Unavailable(e) => tracing::warn!(error = %e, "database unavailable"),
            _ => {}
        }
        let mut response = status.into_response();
        if status == StatusCode::SERVICE_UNAVAILABLE {
            // Nothing was written: the same request a moment later may well go through, and
            // a client (or a proxy) that reads Retry-After waits that moment instead of
            // hammering a database that is coming back.
            response.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from_static(RETRY_UNAVAILABLE_AFTER),
            );
        }
        let kind = match self {
            AppError::SignInRequired => ErrorKind::SignInRequired,
            AppError::CrossSite => ErrorKind::CrossSite,
            AppError::Unverified => ErrorKind::Unverified,
            _ => ErrorKind::Status,
        };
        response.extensions_mut().insert(ErrorPage(status, kind));
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    /// A database error with only a SQLSTATE, as PostgreSQL reports one.
    #[derive(Debug)]
    struct Sqlstate(&'static str);

    impl std::fmt::Display for Sqlstate {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "sqlstate {}", self.0)
        }
    }

    impl std::error::Error for Sqlstate {}

    impl sqlx::error::DatabaseError for Sqlstate {
        fn message(&self) -> &str {
            self.0
        }
        fn code(&self) -> Option<Cow<'_, str>> {
            Some(Cow::Borrowed(self.0))
        }
        fn as_error(&self) -> &(dyn std::error::Error + Send + Sync + 'static) {
            self
        }
        fn as_error_mut(&mut self) -> &mut (dyn std::error::Error + Send + Sync + 'static) {
            self
        }
        fn into_error(self: Box<Self>) -> Box<dyn std::error::Error + Send + Sync + 'static> {
            self
        }
        fn kind(&self) -> sqlx::error::ErrorKind {
            sqlx::error::ErrorKind::Other
        }
    }

    fn status_of(code: &'static str) -> StatusCode {
        AppError::from(sqlx::Error::Database(Box::new(Sqlstate(code)))).status_code()
    }

    #[test]
    fn a_transaction_postgresql_rolled_back_is_a_503_to_retry_and_other_failures_are_not() {
        assert_eq!(
            status_of("40P01"),
            StatusCode::SERVICE_UNAVAILABLE,
            "deadlock"
        );
        assert_eq!(
            status_of("40001"),
            StatusCode::SERVICE_UNAVAILABLE,
            "serialisation"
        );
        assert_eq!(
            status_of("22021"),
            StatusCode::BAD_REQUEST,
            "a NUL byte in text"
        );
        assert_eq!(
            status_of("23505"),
            StatusCode::INTERNAL_SERVER_ERROR,
            "a unique violation"
        );
    }
}
