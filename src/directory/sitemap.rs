//! Being found by search engines: `/robots.txt` and `/sitemap.xml`. The sitemap lists only
//! what anyone may find anyway — public salons that are not drafts or hidden, the
//! municipalities and their decisions. Unlisted and invite-only salons exist through their
//! link alone, so they are never in it (and their pages say `noindex`).

use askama::Template;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::error::AppError;
use crate::salons::visibility;
use crate::state::AppState;

/// A sitemap holds at most 50,000 addresses; salons get what the municipalities and decisions
/// leave, the most recently published first.
const MAX_URLS: i64 = 50_000;

pub async fn robots_txt(State(state): State<AppState>) -> Response {
    // Personal pages need no crawling; everything public may be.
    let text = format!(
        "User-agent: *\nDisallow: /account\nDisallow: /inbox\nDisallow: /notifications\n\
         Disallow: /dev/\n\nSitemap: {}\n",
        state.config.link("/sitemap.xml")
    );
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], text).into_response()
}

#[derive(Template)]
#[template(path = "directory/sitemap.xml")]
struct Sitemap {
    urls: Vec<String>,
}

pub async fn sitemap_xml(State(state): State<AppState>) -> Result<Response, AppError> {
    let mut conn = state.db.acquire().await?;
    let municipalities = sqlx::query_scalar!("SELECT slug FROM municipalities ORDER BY slug")
        .fetch_all(&mut *conn)
        .await?;
    let decisions = sqlx::query!(
        "SELECT d.id, m.slug FROM decisions d JOIN municipalities m ON m.code = d.municipality_code
         ORDER BY d.created_at DESC LIMIT $1",
        MAX_URLS / 2
    )
    .fetch_all(&mut *conn)
    .await?;
    let room = MAX_URLS - 3 - (municipalities.len() + decisions.len()) as i64;
    // The directory's own rule for what is listed (published, held or closed; public; not
    // hidden), without its date window: a past salon with its summary is worth finding too.
    let salons = sqlx::query!(
        "SELECT id, slug FROM salons
         WHERE visibility = 'public' AND status IN ('published', 'held', 'closed')
           AND hidden_reason IS NULL
         ORDER BY published_at DESC NULLS LAST, id LIMIT $1",
        room
    )
    .fetch_all(&mut *conn)
    .await?;

    let mut urls = vec![
        state.config.link("/"),
        state.config.link("/salons"),
        state.config.link("/municipalities"),
    ];
    urls.extend(
        municipalities
            .iter()
            .map(|slug| state.config.link(&format!("/municipalities/{slug}"))),
    );
    urls.extend(
        decisions
            .iter()
            .map(|d| state.config.link(&crate::decisions::path(&d.slug, d.id))),
    );
    urls.extend(
        salons
            .iter()
            .map(|s| state.config.link(&visibility::path(s.id, &s.slug))),
    );
    let xml = Sitemap { urls }.render()?;
    Ok((
        [(header::CONTENT_TYPE, "application/xml; charset=utf-8")],
        xml,
    )
        .into_response())
}
