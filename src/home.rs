//! The front page and the small fixed pages.

use askama::Template;
use axum::routing::get;

use crate::auth::{Access, RouteSpec};
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
}

async fn front(f: Frame) -> Page<FrontPage> {
    Page(FrontPage { f })
}

#[derive(Template)]
#[template(path = "home/text.html")]
struct TextPage {
    f: Frame,
    title_key: &'static str,
    body_key: &'static str,
}

async fn privacy(f: Frame) -> Page<TextPage> {
    Page(TextPage {
        f,
        title_key: "privacy-title",
        body_key: "privacy-body",
    })
}

async fn accessibility(f: Frame) -> Page<TextPage> {
    Page(TextPage {
        f,
        title_key: "accessibility-title",
        body_key: "accessibility-body",
    })
}
