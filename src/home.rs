//! The front page and the small fixed pages.

use askama::Template;
use axum::extract::State;
use axum::routing::get;

use crate::auth::{Access, RouteSpec};
use crate::directory::{self, Listing};
use crate::error::AppError;
use crate::startup::AppState;
use crate::web::{Frame, Page};

pub fn routes() -> Vec<RouteSpec> {
    vec![
        RouteSpec::get("/", Access::Public, get(front)),
        RouteSpec::get("/privacy", Access::Public, get(privacy)),
        RouteSpec::get("/accessibility", Access::Public, get(accessibility)),
    ]
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
    operator_name: Option<String>,
    operator_email: Option<String>,
}

async fn privacy(State(state): State<AppState>, f: Frame) -> Page<PrivacyPage> {
    let operator = &state.config.operator;
    Page(PrivacyPage {
        f,
        operator_name: operator.name.clone(),
        operator_email: operator.email.clone(),
    })
}

#[derive(Template)]
#[template(path = "home/accessibility.html")]
struct AccessibilityPage {
    f: Frame,
    operator_name: Option<String>,
    operator_email: Option<String>,
    statement_url: Option<String>,
}

async fn accessibility(State(state): State<AppState>, f: Frame) -> Page<AccessibilityPage> {
    let operator = &state.config.operator;
    Page(AccessibilityPage {
        f,
        operator_name: operator.name.clone(),
        operator_email: operator.email.clone(),
        statement_url: operator.accessibility_url.as_ref().map(|u| u.to_string()),
    })
}
