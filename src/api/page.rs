//! `/api`: the page that explains the open data — what each list holds, a `curl` example, the
//! record's definitions and the licence — in Danish and English, from the locale files.

use askama::Template;

use crate::web::{Frame, Page};

#[derive(Template)]
#[template(path = "api/show.html")]
pub struct ApiPage {
    f: Frame,
    /// The example's address, on this site.
    example: String,
}

pub async fn show(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
    f: Frame,
) -> Page<ApiPage> {
    let example = state
        .config
        .link("/api/v1/salons?municipality=skanderborg&limit=2");
    Page(ApiPage { f, example })
}
