//! The front page and the small fixed pages.

use askama::Template;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::auth::{Access, RouteSpec};
use crate::config::Operator;
use crate::directory;
use crate::error::AppError;
use crate::salons::card::SalonCard;
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
    salons: Vec<SalonCard>,
    /// The newest published summaries of public salons.
    summaries: Vec<LatestSummary>,
}

/// A published summary on the front page: the salon, where, when, and the summary's opening.
struct LatestSummary {
    path: String,
    title: String,
    place: String,
    published: String,
    excerpt: String,
}

/// The newest published summaries of public salons as a JSON array, newest first: an
/// uncorrelated sub-select, read by `salons_latest_summaries` (a few rows), once per statement.
/// The municipality comes as its code and is named from the map of names
/// ([`directory::municipality_names`]).
const LATEST_SUMMARIES: &str = "SELECT json_agg(x ORDER BY x.summary_published_at DESC)::text \
     FROM (SELECT l.id, l.slug, l.title, l.town, l.municipality_code, l.summary, \
                  l.summary_published_at \
           FROM salons l \
           WHERE l.visibility = 'public' AND l.summary_published_at IS NOT NULL \
             AND l.hidden_reason IS NULL \
           ORDER BY l.summary_published_at DESC LIMIT 3) x";

/// A row of [`LATEST_SUMMARIES`].
#[derive(serde::Deserialize)]
struct SummaryRow {
    id: uuid::Uuid,
    slug: String,
    title: String,
    town: String,
    municipality_code: String,
    summary: String,
    summary_published_at: chrono::DateTime<chrono::Utc>,
}

async fn front(State(state): State<AppState>, f: Frame) -> Result<Page<FrontPage>, AppError> {
    let now = state.clock.now();
    // The upcoming salons and the latest summaries in one statement: a second round trip cost
    // the database more than reading the summaries did.
    let (salons, summaries) = directory::upcoming_with(&state.db, now, 6, LATEST_SUMMARIES).await?;
    let summaries = match summaries {
        Some(json) => Some(json),
        // No salon ahead, so no row to carry them: read on their own.
        None if salons.is_empty() => {
            sqlx::query_scalar::<_, Option<String>>(LATEST_SUMMARIES)
                .fetch_one(&state.db)
                .await?
        }
        // None published.
        None => None,
    };
    let rows: Vec<SummaryRow> = match summaries {
        Some(json) => serde_json::from_str(&json)
            .map_err(|e| AppError::Internal(anyhow::anyhow!("the latest summaries: {e}")))?,
        None => Vec::new(),
    };
    let names = directory::municipality_names(&state.db).await?;
    let summaries = rows
        .into_iter()
        .map(|r| {
            let municipality = directory::municipality_name(&names, &r.municipality_code);
            LatestSummary {
                path: crate::salons::visibility::path(r.id, &r.slug),
                place: if r.town.is_empty() {
                    municipality
                } else {
                    format!("{}, {}", r.town, municipality)
                },
                published: f.tr.date(r.summary_published_at),
                excerpt: excerpt(&r.summary, 180),
                title: r.title,
            }
        })
        .collect();
    Ok(Page(FrontPage {
        f,
        salons,
        summaries,
    }))
}

/// The opening of a Markdown text as plain words, cut at a word before `max` characters: its
/// prose only (headings and list items read wrongly run together), emphasis and links left as
/// their words.
fn excerpt(markdown: &str, max: usize) -> String {
    let words: Vec<&str> = markdown
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with(['#', '-', '*', '+', '>', '|']))
        .flat_map(str::split_whitespace)
        .collect();
    let mut out = String::new();
    for w in words {
        let w: String = w
            .chars()
            .filter(|c| !matches!(c, '*' | '_' | '`' | '[' | ']'))
            .collect();
        if out.chars().count() + w.chars().count() + 1 > max {
            out.push('…');
            return out;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&w);
    }
    out
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

#[cfg(test)]
mod tests {
    use super::excerpt;

    #[test]
    fn an_excerpt_is_the_opening_words_without_markdown_marks() {
        let text = "## Hvad vi talte om\n\nVi var **12** på biblioteket.\n\n- Flere bænke\n- Lys";
        assert_eq!(excerpt(text, 200), "Vi var 12 på biblioteket.");
        assert_eq!(excerpt(text, 12), "Vi var 12 på…");
    }
}
