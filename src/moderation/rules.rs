//! `/rules` (husregler): what is allowed, how moderation works and how to appeal, in plain
//! Danish (and English). Linked from the footer, the report form and every hidden-content
//! notice.

use askama::Template;

use crate::web::{Frame, Page};

#[derive(Template)]
#[template(path = "moderation/rules.html")]
pub struct RulesPage {
    f: Frame,
}

/// `GET /rules`.
pub async fn page(f: Frame) -> Page<RulesPage> {
    Page(RulesPage { f })
}
