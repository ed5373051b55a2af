//! The directory page, `/salons`: the filter form (GET, so a search can be shared as a link),
//! the results and the link to the next page.

use std::fmt;
use std::sync::Arc;

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use chrono::NaiveDate;
use serde::Deserialize;
use sqlx::PgPool;

use super::{Cursor, Filter, PAGE_SIZE, PerDatabase, find};
use crate::error::AppError;
use crate::municipalities::danish_key;
use crate::salons::Format;
use crate::salons::card::SalonCard;
use crate::state::AppState;
use crate::web::{Frame, Page};

/// The directory's URL query, as typed: kept as text so the form shows it back unchanged.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct DirectoryQuery {
    pub q: String,
    pub municipality: String,
    pub town: String,
    pub topic: String,
    pub format: String,
    pub from: String,
    pub to: String,
    pub seats: String,
    pub when: String,
    pub after: String,
    /// The notice after following this search (`followed`).
    pub done: String,
}

/// A day as typed: the date input's `2026-12-05`, or the Danish `5-12-2026`, `5.12.2026`,
/// `5/12/2026` from browsers that show a plain text box.
fn parse_day(raw: &str) -> Option<NaiveDate> {
    let raw = raw.trim();
    ["%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(raw, f).ok())
}

fn present(raw: &str) -> Option<String> {
    let s = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    (!s.is_empty() && s.chars().count() <= 200).then_some(s)
}

/// A day field: empty, or a day that can be read. `Err` for what was typed but cannot be a
/// day ("banana"), which the page says by the field instead of silently dropping it.
fn day_field(raw: &str) -> Result<Option<NaiveDate>, ()> {
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        parse_day(raw).map(Some).ok_or(())
    }
}

impl DirectoryQuery {
    /// The filter; a date that cannot be read is left out (the page says so by its field).
    pub fn filter(&self) -> Filter {
        Filter {
            q: present(&self.q),
            municipality: present(&self.municipality),
            town: present(&self.town),
            topic: present(&self.topic),
            format: Format::parse(self.format.trim()),
            from: day_field(&self.from).ok().flatten(),
            to: day_field(&self.to).ok().flatten(),
            free_seats: !self.seats.is_empty(),
            past: self.when == "past",
        }
    }

    /// A filter behind "Flere filtre" is set, so the page shows them open.
    fn more_set(&self) -> bool {
        [&self.town, &self.format, &self.from, &self.to, &self.seats]
            .iter()
            .any(|v| !v.trim().is_empty())
            || self.when == "past"
    }

    /// Whether the filter names something a person can follow: words, a municipality, a
    /// town, a topic or a form (the upcoming salons only; dates and seats are no news).
    fn followable(&self) -> bool {
        let filter = self.filter();
        !filter.past
            && (filter.q.is_some()
                || filter.municipality.is_some()
                || filter.town.is_some()
                || filter.topic.is_some()
                || filter.format.is_some())
    }

    /// The fields a follow posts: those of [`Self::followable`] that are set.
    fn follow_fields(&self) -> Vec<(&'static str, String)> {
        [
            ("q", &self.q),
            ("municipality", &self.municipality),
            ("town", &self.town),
            ("topic", &self.topic),
            ("format", &self.format),
        ]
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| (k, v.trim().to_string()))
        .collect()
    }

    /// The query string of the page after this one.
    fn next_href(&self, cursor: &Cursor) -> String {
        self.href(&[("after", &cursor.to_string())])
    }

    /// The directory with this filter, and `extra` pairs after it.
    pub(super) fn href(&self, extra: &[(&str, &str)]) -> String {
        let mut out = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in [
            ("q", &self.q),
            ("municipality", &self.municipality),
            ("town", &self.town),
            ("topic", &self.topic),
            ("format", &self.format),
            ("from", &self.from),
            ("to", &self.to),
            ("seats", &self.seats),
            ("when", &self.when),
        ] {
            if !v.trim().is_empty() {
                out.append_pair(k, v.trim());
            }
        }
        out.extend_pairs(extra);
        let query = out.finish();
        match query.is_empty() {
            true => "/salons".to_string(),
            false => format!("/salons?{query}"),
        }
    }
}

/// A choice in a `<select>`.
pub struct Choice {
    pub value: String,
    pub label: String,
}

/// The filter's municipality options.
#[derive(Template)]
#[template(path = "directory/municipality_options.html")]
struct MunicipalityOptions<'a> {
    municipalities: &'a [Choice],
    /// The slug in the URL: its option is `selected`.
    selected: &'a str,
}

/// The municipalities for the filter, in Danish order, and their options rendered with none
/// selected, read once per process and database ([`PerDatabase`]) rather than on every page:
/// the 98 options, escaped one value at a time, were a tenth of the page's template work, and
/// are now written as one text.
async fn municipality_choices(db: &PgPool) -> Result<Arc<(Vec<Choice>, String)>, AppError> {
    static CHOICES: PerDatabase<(Vec<Choice>, String)> = PerDatabase::new();
    CHOICES
        .get_or_load(db, || async {
            let mut rows = sqlx::query!("SELECT slug, name FROM municipalities")
                .fetch_all(db)
                .await?;
            rows.sort_by_key(|r| danish_key(&r.name));
            let choices: Vec<Choice> = rows
                .into_iter()
                .map(|r| Choice {
                    value: r.slug,
                    label: r.name,
                })
                .collect();
            let html = MunicipalityOptions {
                municipalities: &choices,
                selected: "",
            }
            .render()?;
            Ok((choices, html))
        })
        .await
}

/// The filter's `<option>`s: the kept text when none is selected (no slug is empty), else
/// rendered for this page by the same template.
enum OptionsHtml {
    Kept(Arc<(Vec<Choice>, String)>),
    Rendered(String),
}

impl fmt::Display for OptionsHtml {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            OptionsHtml::Kept(kept) => &kept.1,
            OptionsHtml::Rendered(html) => html,
        })
    }
}

async fn municipality_options(db: &PgPool, selected: &str) -> Result<OptionsHtml, AppError> {
    let kept = municipality_choices(db).await?;
    Ok(if selected.is_empty() {
        OptionsHtml::Kept(kept)
    } else {
        OptionsHtml::Rendered(
            MunicipalityOptions {
                municipalities: &kept.0,
                selected,
            }
            .render()?,
        )
    })
}

#[derive(Template)]
#[template(path = "directory/index.html")]
pub struct DirectoryPage {
    f: Frame,
    query: DirectoryQuery,
    /// The `<option>`s of the municipality filter.
    municipality_options: OptionsHtml,
    formats: Vec<Choice>,
    salons: Vec<SalonCard>,
    past: bool,
    /// The results continue a previous page.
    continued: bool,
    next: Option<String>,
    /// "Flere filtre" starts open: one of its filters is set, or a date was refused.
    more_open: bool,
    from_error: Option<String>,
    to_error: Option<String>,
    /// The filter can be followed: a signed-in person gets the button, a visitor a sign-in
    /// link.
    followable: bool,
    signed_in: bool,
    /// The filter as the follow form posts it.
    follow_fields: Vec<(&'static str, String)>,
    /// The confirmation after following the search.
    notice: Option<String>,
}

pub async fn directory(
    State(state): State<AppState>,
    f: Frame,
    Query(query): Query<DirectoryQuery>,
) -> Result<Response, AppError> {
    let filter = query.filter();
    let date_error = |raw: &str| {
        day_field(raw)
            .is_err()
            .then(|| f.tr.t("directory-date-invalid"))
    };
    let (from_error, to_error) = (date_error(&query.from), date_error(&query.to));
    let after = Cursor::parse(query.after.trim());
    let now = state.clock.now();
    let (rows, next) = find(&state.db, &filter, now, after.as_ref(), PAGE_SIZE).await?;
    let municipality_options = municipality_options(&state.db, &query.municipality).await?;
    let formats = Format::ALL
        .into_iter()
        .map(|fmt| Choice {
            value: fmt.as_str().to_string(),
            label: f.tr.t(&format!("salon-format-{}", fmt.as_str())),
        })
        .collect();
    let invalid = from_error.is_some() || to_error.is_some();
    let notice = match query.done.as_str() {
        "followed" => Some(f.tr.t("directory-follow-done")),
        "searches-full" => Some(f.tr.t_args(
            "directory-follow-full",
            &[("limit", super::follow::MAX_SEARCHES.into())],
        )),
        _ => None,
    };
    let page = DirectoryPage {
        followable: query.followable(),
        follow_fields: query.follow_fields(),
        signed_in: f.user_name.is_some(),
        notice,
        more_open: invalid || query.more_set(),
        from_error,
        to_error,
        next: next.map(|c| query.next_href(&c)),
        salons: rows.into_iter().map(|r| r.card(now)).collect(),
        past: filter.past,
        continued: after.is_some(),
        municipality_options,
        formats,
        query,
        f,
    };
    Ok(Page::form(page, invalid))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_read_as_danes_write_them() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 5);
        for raw in ["2026-12-05", "5-12-2026", "05.12.2026", " 5/12/2026 "] {
            assert_eq!(parse_day(raw), day, "{raw}");
        }
        assert_eq!(parse_day("i morgen"), None);
        assert_eq!(day_field(" "), Ok(None));
        assert_eq!(day_field("banana"), Err(()));
    }
}
