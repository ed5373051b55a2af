//! The front page and the small fixed pages.

use askama::Template;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::auth::{Access, RouteSpec};
use crate::config::Operator;
use crate::directory::{self, Listing};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::{Frame, Page};

pub fn routes() -> Vec<RouteSpec> {
    vec![
        RouteSpec::get("/", Access::Public, get(front)),
        RouteSpec::get("/privacy", Access::Public, get(privacy)),
        RouteSpec::get("/accessibility", Access::Public, get(accessibility)),
        RouteSpec::get(
            "/.well-known/security.txt",
            Access::Public,
            get(security_txt),
        ),
    ]
}

/// `/.well-known/security.txt` (RFC 9116): where to report a vulnerability — the operator's
/// address — valid for a year from now. Without `MEDSPIL_OPERATOR_EMAIL` there is no one to
/// name, and so no file (404).
async fn security_txt(State(state): State<AppState>) -> Result<Response, AppError> {
    let email = state
        .config
        .operator
        .email
        .as_deref()
        .ok_or(AppError::NotFound)?;
    let expires = (state.clock.now() + chrono::Duration::days(365))
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let text = format!(
        "Contact: mailto:{email}\nExpires: {expires}\nPreferred-Languages: da, en\nCanonical: {}\n",
        state.config.link("/.well-known/security.txt")
    );
    Ok(([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], text).into_response())
}

#[derive(Template)]
#[template(path = "home/front.html")]
struct FrontPage {
    f: Frame,
    /// The next public salons across Denmark.
    salons: Vec<Listing>,
}

async fn front(State(state): State<AppState>, f: Frame) -> Result<Page<FrontPage>, AppError> {
    let salons = directory::upcoming(&state.db, state.clock.now(), None, 6).await?;
    Ok(Page(FrontPage { f, salons }))
}

#[derive(Template)]
#[template(path = "home/privacy.html")]
struct PrivacyPage {
    f: Frame,
    operator: Operator,
}

async fn privacy(State(state): State<AppState>, f: Frame) -> Page<PrivacyPage> {
    let operator = state.config.operator.clone();
    Page(PrivacyPage { f, operator })
}

#[derive(Template)]
#[template(path = "home/accessibility.html")]
struct AccessibilityPage {
    f: Frame,
    operator: Operator,
    statement_url: Option<String>,
}

async fn accessibility(State(state): State<AppState>, f: Frame) -> Page<AccessibilityPage> {
    let operator = state.config.operator.clone();
    let statement_url = operator.accessibility_url.as_ref().map(|u| u.to_string());
    Page(AccessibilityPage {
        f,
        operator,
        statement_url,
    })
}
