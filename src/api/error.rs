//! The API's one error shape, `{ "error": { "code", "message" } }`, for every status it
//! answers with other than 200 and 304: a client parses one thing, whatever went wrong.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::AppError;

/// Why a request to the API failed.
#[derive(Debug)]
pub enum ApiError {
    /// No such path, or nothing public by that name.
    NotFound,
    /// A parameter that cannot be read: which, and why.
    BadRequest(String),
    MethodNotAllowed,
    /// A request body larger than any request may carry (the API reads none).
    PayloadTooLarge,
    /// Over the per-address limit: the seconds until the next window.
    TooManyRequests(u64),
    /// The database cannot be reached.
    Unavailable,
    Internal,
}

/// The body of every error.
#[derive(Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ErrorDetail {
    /// A stable, machine-readable code: `not_found`, `bad_request`, `method_not_allowed`,
    /// `payload_too_large`, `too_many_requests`, `unavailable`, `internal`.
    pub code: String,
    /// What went wrong, in English, for a developer.
    pub message: String,
}

impl ApiError {
    fn parts(&self) -> (StatusCode, &'static str, String) {
        match self {
            ApiError::NotFound => (
                StatusCode::NOT_FOUND,
                "not_found",
                "Nothing public here.".into(),
            ),
            ApiError::BadRequest(why) => (StatusCode::BAD_REQUEST, "bad_request", why.clone()),
            ApiError::MethodNotAllowed => (
                StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                "The API is read-only: use GET.".into(),
            ),
            ApiError::PayloadTooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
                "The request body is too large; the API reads none.".into(),
            ),
            ApiError::TooManyRequests(_) => (
                StatusCode::TOO_MANY_REQUESTS,
                "too_many_requests",
                "Too many requests from this address; see Retry-After.".into(),
            ),
            ApiError::Unavailable => (
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                "The database cannot be reached; try again shortly.".into(),
            ),
            ApiError::Internal => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "Something went wrong on our side.".into(),
            ),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code, message) = self.parts();
        let body = ErrorBody {
            error: ErrorDetail {
                code: code.to_string(),
                message,
            },
        };
        let mut response = (status, Json(body)).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        match self {
            ApiError::TooManyRequests(after) => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from(after));
            }
            ApiError::Unavailable => {
                headers.insert(
                    header::RETRY_AFTER,
                    HeaderValue::from_static(crate::error::RETRY_UNAVAILABLE_AFTER),
                );
            }
            ApiError::MethodNotAllowed => {
                headers.insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
            }
            _ => {}
        }
        response
    }
}

/// The pages' errors as the API words them; the cause of a 5xx is logged, never shown.
impl From<AppError> for ApiError {
    fn from(e: AppError) -> ApiError {
        match e {
            AppError::NotFound => ApiError::NotFound,
            AppError::BadRequest => ApiError::BadRequest("The request cannot be read.".into()),
            AppError::TooManyRequests => ApiError::TooManyRequests(60),
            AppError::Unavailable(e) => {
                tracing::warn!(error = %e, "database unavailable");
                ApiError::Unavailable
            }
            // Nothing in the API needs anyone: a page's refusal is simply not public.
            AppError::SignInRequired
            | AppError::Unverified
            | AppError::Forbidden
            | AppError::CrossSite => ApiError::NotFound,
            AppError::Internal(e) => {
                tracing::error!(error = ?e, "api request failed");
                ApiError::Internal
            }
        }
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> ApiError {
        AppError::from(e).into()
    }
}

pub async fn not_found() -> ApiError {
    ApiError::NotFound
}

pub async fn method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}
