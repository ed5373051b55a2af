//! `/tal`, "Medspil i tal": every municipality in one table, sortable by links, and the same
//! as CSV and JSON.
//!
//! The page reads `municipality_figures` as one row (`national_figures`), which the job
//! `figures.refresh` fills every ten minutes (by the app clock) from the response record and
//! the next steps — the pages' own functions, so a municipality's row always says what its
//! page said at the refresh. Reading every invitation on each request would not stay fast at
//! 100,000 of them.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, DurationRound, TimeDelta, Utc};
use serde_json::json;

use super::arrays::Array;
use crate::error::AppError;
use crate::invitations::record::{duration_text, record};
use crate::jobs::{self, Job, NewJob, Worker};
use crate::municipalities::danish_key;
use crate::registrations::csv as csv_file;
use crate::state::AppState;
use crate::web::i18n::{Locale, Tr};
use crate::web::{Frame, Page};

const KIND: &str = "figures.refresh";
/// How stale `/tal` may be.
const EVERY: TimeDelta = TimeDelta::minutes(10);

fn job_at(at: DateTime<Utc>) -> NewJob {
    let slot = at.duration_trunc(EVERY).unwrap_or(at);
    NewJob::new(KIND, json!({}), at).unique(format!("{KIND}:{}", slot.timestamp()))
}

/// Makes sure a refresh is queued now (called when a worker starts).
pub async fn schedule(state: &AppState) -> sqlx::Result<()> {
    let now = state.clock.now();
    let mut conn = state.db.acquire().await?;
    jobs::enqueue(&mut conn, job_at(now), now).await?;
    Ok(())
}

pub fn register_jobs(worker: Worker) -> Worker {
    worker.handle(KIND, |state: AppState, _job: Job| async move {
        refresh(&state).await?;
        // The next one, ten minutes on: one per slot, however many workers run.
        let now = state.clock.now();
        let mut conn = state.db.acquire().await?;
        jobs::enqueue(&mut conn, job_at(now + EVERY), now).await?;
        Ok(())
    })
}

/// Recomputes every municipality's row from the record and the next steps, as their pages
/// show them now.
pub async fn refresh(state: &AppState) -> anyhow::Result<()> {
    let now = state.clock.now();
    // The counts are language-free; the texts computed alongside are not kept.
    let tr = Tr::new(Locale::Da);
    let municipalities = sqlx::query!(
        r#"SELECT m.code,
                  (SELECT count(*) FROM salons s
                   WHERE s.municipality_code = m.code AND s.visibility = 'public'
                     AND s.hidden_reason IS NULL AND s.status IN ('published', 'held', 'closed')
                     AND s.first_starts_at <= $1
                     AND s.first_starts_at > $1::timestamptz - interval '12 months') AS "held!"
           FROM municipalities m"#,
        now
    )
    .fetch_all(&state.db)
    .await?;
    let mut rows = Vec::with_capacity(municipalities.len());
    for m in municipalities {
        let r = record(&state.db, &m.code, None, now).await?;
        let steps = crate::agreements::shown::for_municipality(state, &tr, &m.code).await?;
        rows.push((m.code, m.held, r, steps.done, steps.overdue));
    }
    let mut tx = state.db.begin().await?;
    for (code, held, r, done, overdue) in rows {
        sqlx::query!(
            r#"INSERT INTO municipality_figures
                   (municipality_code, salons_held, invitations, replied, median_secs,
                    steps_done, steps_overdue, decisions, decisions_with_salons, refreshed_at)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
               ON CONFLICT (municipality_code) DO UPDATE SET
                   salons_held = excluded.salons_held, invitations = excluded.invitations,
                   replied = excluded.replied, median_secs = excluded.median_secs,
                   steps_done = excluded.steps_done, steps_overdue = excluded.steps_overdue,
                   decisions = excluded.decisions,
                   decisions_with_salons = excluded.decisions_with_salons,
                   refreshed_at = excluded.refreshed_at"#,
            code,
            held,
            r.counted,
            r.replied,
            r.median,
            done,
            overdue,
            r.decisions,
            r.decisions_with_salons,
            now
        )
        .execute(&mut *tx)
        .await?;
    }
    // The page's row (migration 0078), from the figures just written.
    sqlx::query!("SELECT national_figures_rewrite()")
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// A municipality's row.
pub struct Row {
    pub name: String,
    pub slug: String,
    pub salons_held: Option<i64>,
    pub invitations: Option<i64>,
    pub replied: Option<i64>,
    pub median_secs: Option<f64>,
    pub steps_done: Option<i64>,
    pub steps_overdue: Option<i64>,
    pub decisions: Option<i64>,
    pub decisions_with_salons: Option<i64>,
    pub refreshed_at: Option<DateTime<Utc>>,
}

impl Row {
    /// The share of invitations replied to, 0–1; `None` without invitations.
    pub fn replied_share(&self) -> Option<f64> {
        match (self.replied, self.invitations) {
            (Some(r), Some(n)) if n > 0 => Some(r as f64 / n as f64),
            _ => None,
        }
    }
}

/// Every municipality with its figures (none before the first refresh): one statement.
///
/// One row of arrays, a column each, rather than a row per municipality: the driver reads a
/// row through nested streams and checks each column's type per row, which cost more than
/// the rest of the page (~6,400 instructions per row of 98); an array's elements are read in
/// one loop ([`Array`]). The row is kept by the refresh (`national_figures`, migration 0078):
/// aggregating the 98 rows on every request cost the database twice the bare stack's
/// statement.
async fn rows(db: &sqlx::PgPool) -> sqlx::Result<Vec<Row>> {
    let c = sqlx::query!(
        r#"SELECT name AS "name: Array<String>", slug AS "slug: Array<String>",
                  salons_held AS "salons_held: Array<Option<i64>>",
                  invitations AS "invitations: Array<Option<i64>>",
                  replied AS "replied: Array<Option<i64>>",
                  median_secs AS "median_secs: Array<Option<f64>>",
                  steps_done AS "steps_done: Array<Option<i64>>",
                  steps_overdue AS "steps_overdue: Array<Option<i64>>",
                  decisions AS "decisions: Array<Option<i64>>",
                  decisions_with_salons AS "decisions_with_salons: Array<Option<i64>>",
                  refreshed_at AS "refreshed_at: Array<Option<DateTime<Utc>>>"
           FROM national_figures"#
    )
    .fetch_one(db)
    .await?;
    let mut columns = (
        c.slug.0.into_iter(),
        c.salons_held.0.into_iter(),
        c.invitations.0.into_iter(),
        c.replied.0.into_iter(),
        c.median_secs.0.into_iter(),
        c.steps_done.0.into_iter(),
        c.steps_overdue.0.into_iter(),
        c.decisions.0.into_iter(),
        c.decisions_with_salons.0.into_iter(),
        c.refreshed_at.0.into_iter(),
    );
    // The arrays are equally long (one aggregation); should one not be, the rows end with
    // the shortest rather than panicking.
    let rows = c
        .name
        .0
        .into_iter()
        .map_while(|name| {
            Some(Row {
                name,
                slug: columns.0.next()?,
                salons_held: columns.1.next()?,
                invitations: columns.2.next()?,
                replied: columns.3.next()?,
                median_secs: columns.4.next()?,
                steps_done: columns.5.next()?,
                steps_overdue: columns.6.next()?,
                decisions: columns.7.next()?,
                decisions_with_salons: columns.8.next()?,
                refreshed_at: columns.9.next()?,
            })
        })
        .collect();
    Ok(rows)
}

/// The columns one can sort by, as named in `?sort=`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Name,
    Salons,
    Invitations,
    Replied,
    Median,
    Done,
    Overdue,
    Decisions,
}

pub const COLUMNS: [Column; 8] = [
    Column::Name,
    Column::Salons,
    Column::Invitations,
    Column::Replied,
    Column::Median,
    Column::Done,
    Column::Overdue,
    Column::Decisions,
];

impl Column {
    pub fn key(self) -> &'static str {
        match self {
            Column::Name => "name",
            Column::Salons => "salons",
            Column::Invitations => "invitations",
            Column::Replied => "replied",
            Column::Median => "median",
            Column::Done => "done",
            Column::Overdue => "overdue",
            Column::Decisions => "decisions",
        }
    }

    fn parse(raw: &str) -> Option<Column> {
        COLUMNS.into_iter().find(|c| c.key() == raw)
    }
}

/// The order asked for: anything unknown is the default, by name ascending.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Order {
    pub column: Column,
    pub descending: bool,
}

impl Order {
    pub fn from_query(query: Option<&str>) -> Order {
        let mut order = Order {
            column: Column::Name,
            descending: false,
        };
        for (k, v) in url::form_urlencoded::parse(query.unwrap_or("").as_bytes()) {
            match (&*k, &*v) {
                ("sort", v) => order.column = Column::parse(v).unwrap_or(Column::Name),
                ("dir", "desc") => order.descending = true,
                _ => {}
            }
        }
        order
    }

    /// Sorts `rows`: rows without a figure last, whichever the direction; ties by name.
    pub fn sort(self, rows: &mut Vec<Row>) {
        fn number(r: &Row, c: Column) -> Option<f64> {
            match c {
                Column::Name => None,
                Column::Salons => r.salons_held.map(|n| n as f64),
                Column::Invitations => r.invitations.map(|n| n as f64),
                Column::Replied => r.replied_share(),
                Column::Median => r.median_secs,
                Column::Done => r.steps_done.map(|n| n as f64),
                Column::Overdue => r.steps_overdue.map(|n| n as f64),
                Column::Decisions => r.decisions_with_salons.map(|n| n as f64),
            }
        }
        // Each row's keys are made once, not twice per comparison: 98 rows take ~600
        // comparisons, and a name's key is a lower-cased, rewritten copy of the name (kept by
        // name in each worker thread, so a request only looks them up). The indices are
        // sorted, not the rows: a `Row` is ~200 bytes, and moving them about cost the sort
        // most of its ~160,000 instructions (bench/README.md).
        let keys: Vec<(Option<f64>, Rc<[u32]>)> = rows
            .iter()
            .map(|r| (number(r, self.column), name_key(&r.name)))
            .collect();
        let mut order: Vec<usize> = (0..rows.len()).collect();
        // Stable, as the rows' own sort was: rows alike in every key keep their order.
        order.sort_by(|&a, &b| {
            let ((number_a, name_a), (number_b, name_b)) = (&keys[a], &keys[b]);
            // Names are compared only where they decide: most comparisons by a number do not
            // tie.
            let by_name = || name_a.cmp(name_b);
            let first = if self.column == Column::Name {
                by_name()
            } else {
                match (number_a, number_b) {
                    (Some(x), Some(y)) => x.total_cmp(y),
                    (Some(_), None) => return std::cmp::Ordering::Less,
                    (None, Some(_)) => return std::cmp::Ordering::Greater,
                    (None, None) => std::cmp::Ordering::Equal,
                }
            };
            let first = if self.descending {
                first.reverse()
            } else {
                first
            };
            first.then_with(by_name)
        });
        // Each row moved once, to its place.
        let mut slots: Vec<Option<Row>> = std::mem::take(rows).into_iter().map(Some).collect();
        rows.extend(order.into_iter().filter_map(|i| slots[i].take()));
    }
}

/// `danish_key(name)`, kept per worker thread: the names are the municipalities' (~100), the
/// same on every request; a key costs ~2,700 instructions to make and a look-up a tenth of
/// that. Begun afresh past 1,024 names, should names change often.
fn name_key(name: &str) -> Rc<[u32]> {
    thread_local! {
        static KEYS: RefCell<HashMap<String, Rc<[u32]>>> = RefCell::new(HashMap::new());
    }
    KEYS.with(|keys| {
        if let Some(key) = keys.borrow().get(name) {
            return key.clone();
        }
        let key: Rc<[u32]> = danish_key(name).into();
        let mut keys = keys.borrow_mut();
        if keys.len() >= 1024 {
            keys.clear();
        }
        keys.insert(name.to_string(), key.clone());
        key
    })
}

/// A column's heading: a link that sorts by it, the other way round when it already does.
pub struct Heading {
    pub label: String,
    pub href: String,
    /// `ascending`/`descending` on the sorted column, for `aria-sort`.
    pub sorted: Option<&'static str>,
}

/// A row as the page shows it.
pub struct Shown {
    pub name: String,
    pub slug: String,
    pub salons_held: Figure,
    pub invitations: Figure,
    pub replied: Figure,
    pub median: String,
    pub steps_done: Figure,
    pub steps_overdue: Figure,
    pub decisions: String,
}

/// A count or a share as the table writes it: digits (a share with " %"), or a dash without a
/// figure. It writes none of `<>&"'`, so it is marked safe for HTML: askama writes it as it
/// is rather than through its escaper byte by byte, and no `String` is made for it — five
/// cells a row, 98 rows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Figure {
    Count(i64),
    /// A share in whole per cent: a float's shortest form cost ~900 instructions a row for
    /// the same digits.
    Percent(i64),
    None,
}

impl Figure {
    fn count(n: Option<i64>) -> Figure {
        n.map_or(Figure::None, Figure::Count)
    }
}

impl Figure {
    /// The figure's text into `dest`, the digits from a buffer on the stack: through
    /// `core::fmt` (`Display`, then `i64`'s) a cell cost ~250 instructions.
    fn write(self, dest: &mut dyn std::fmt::Write) -> std::fmt::Result {
        let (n, unit) = match self {
            Figure::Count(n) => (n, ""),
            Figure::Percent(p) => (p, " %"),
            Figure::None => return dest.write_str("–"),
        };
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        let mut rest = n.unsigned_abs();
        loop {
            at -= 1;
            digits[at] = b'0' + (rest % 10) as u8;
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        if n < 0 {
            dest.write_char('-')?;
        }
        // ASCII digits only, so always text.
        dest.write_str(std::str::from_utf8(&digits[at..]).unwrap_or_default())?;
        dest.write_str(unit)
    }
}

impl std::fmt::Display for Figure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.write(f)
    }
}

/// How askama writes it into the page, past `Display`'s `Formatter`.
impl askama::FastWritable for Figure {
    fn write_into(
        &self,
        dest: &mut dyn std::fmt::Write,
        _: &dyn askama::Values,
    ) -> askama::Result<()> {
        Ok(self.write(dest)?)
    }
}

impl askama::filters::HtmlSafe for Figure {}

#[derive(Template)]
#[template(path = "figures/national.html")]
pub struct NationalPage {
    f: Frame,
    headings: Vec<Heading>,
    rows: Vec<Shown>,
    /// "opdateret lørdag 5. december kl. 14.00", or that it is not computed yet.
    refreshed: String,
}

/// `GET /tal`.
pub async fn page(
    State(state): State<AppState>,
    f: Frame,
    RawQuery(query): RawQuery,
) -> Result<Page<NationalPage>, AppError> {
    let order = Order::from_query(query.as_deref());
    let mut all = rows(&state.db).await?;
    order.sort(&mut all);
    let tr = &f.tr;
    let refreshed = match all.iter().filter_map(|r| r.refreshed_at).max() {
        Some(at) => tr.t1("fig-national-refreshed", "at", &tr.datetime(at)),
        None => tr.t("fig-national-not-yet"),
    };
    let headings = COLUMNS
        .into_iter()
        .map(|c| {
            let sorted = (c == order.column).then_some(if order.descending {
                "descending"
            } else {
                "ascending"
            });
            let dir = if sorted == Some("ascending") {
                "desc"
            } else {
                "asc"
            };
            Heading {
                label: tr.t(&format!("fig-national-col-{}", c.key())),
                href: format!("/tal?sort={}&dir={dir}", c.key()),
                sorted,
            }
        })
        .collect();
    let rows = all
        .into_iter()
        .map(|r| Shown {
            replied: r.replied_share().map_or(Figure::None, |s| {
                Figure::Percent((s * 100.0).round() as i64)
            }),
            median: if r.invitations.is_some() {
                duration_text(tr, r.median_secs)
            } else {
                "–".to_string()
            },
            decisions: match (r.decisions_with_salons, r.decisions) {
                (Some(n), Some(of)) => {
                    tr.numbers2("inv-record-decisions-value", [("n", n), ("of", of)])
                }
                _ => "–".to_string(),
            },
            salons_held: Figure::count(r.salons_held),
            invitations: Figure::count(r.invitations),
            steps_done: Figure::count(r.steps_done),
            steps_overdue: Figure::count(r.steps_overdue),
            name: r.name,
            slug: r.slug,
        })
        .collect();
    Ok(Page(NationalPage {
        f,
        headings,
        rows,
        refreshed,
    }))
}

fn cell(n: Option<i64>) -> String {
    n.map(|n| n.to_string()).unwrap_or_default()
}

/// `GET /tal.csv`: the table, one row per municipality, numbers as numbers.
pub async fn csv(
    State(state): State<AppState>,
    f: Frame,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let mut all = rows(&state.db).await?;
    Order::from_query(query.as_deref()).sort(&mut all);
    let header: Vec<String> = [
        "municipality",
        "slug",
        "salons_held",
        "invitations",
        "replied",
        "median_seconds",
        "next_steps_done",
        "next_steps_overdue",
        "decisions",
        "decisions_with_salons",
        "refreshed_at",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let body: Vec<Vec<String>> = all
        .into_iter()
        .map(|r| {
            vec![
                r.name,
                r.slug,
                cell(r.salons_held),
                cell(r.invitations),
                cell(r.replied),
                super::downloads::seconds_cell(r.median_secs),
                cell(r.steps_done),
                cell(r.steps_overdue),
                cell(r.decisions),
                cell(r.decisions_with_salons),
                r.refreshed_at.map(|t| t.to_rfc3339()).unwrap_or_default(),
            ]
        })
        .collect();
    let _ = f;
    Ok((
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"medspil-i-tal.csv\"",
            ),
            (header::CACHE_CONTROL, "public, max-age=60"),
        ],
        csv_file::document(&header, &body),
    )
        .into_response())
}

/// `GET /tal.json`: the table as data. A time decided by unanswered invitations has no number:
/// `median_seconds` is null and `median_unanswered` true.
pub async fn json(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let mut all = rows(&state.db).await?;
    Order::from_query(query.as_deref()).sort(&mut all);
    let refreshed = all.iter().filter_map(|r| r.refreshed_at).max();
    let municipalities: Vec<serde_json::Value> = all
        .iter()
        .map(|r| {
            json!({
                "municipality": r.name,
                "slug": r.slug,
                "salons_held": r.salons_held,
                "invitations": r.invitations,
                "replied": r.replied,
                "median_seconds": r.median_secs.filter(|s| s.is_finite()).map(|s| s.round() as i64),
                "median_unanswered": r.median_secs.is_some_and(f64::is_infinite),
                "next_steps_done": r.steps_done,
                "next_steps_overdue": r.steps_overdue,
                "decisions": r.decisions,
                "decisions_with_salons": r.decisions_with_salons,
            })
        })
        .collect();
    let body = json!({
        "refreshed_at": refreshed,
        "period": "the last 12 months",
        "licence": "CC BY 4.0",
        "definitions": "/api",
        "municipalities": municipalities,
    });
    Ok((
        StatusCode::OK,
        [(header::CACHE_CONTROL, "public, max-age=60")],
        axum::Json(body),
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, invitations: Option<i64>) -> Row {
        Row {
            name: name.to_string(),
            slug: name.to_lowercase(),
            salons_held: None,
            invitations,
            replied: invitations.map(|n| n / 2),
            median_secs: None,
            steps_done: None,
            steps_overdue: None,
            decisions: None,
            decisions_with_salons: None,
            refreshed_at: None,
        }
    }

    /// A figure reads as the number's own `to_string` did (a share with " %"), whichever way
    /// it is written.
    #[test]
    fn figures_read_as_the_numbers_formatted() {
        for n in [0, 1, 9, 10, 99, 100, 12_345, -1, -10, i64::MAX, i64::MIN] {
            let mut fast = String::new();
            askama::FastWritable::write_into(&Figure::Count(n), &mut fast, &()).unwrap();
            assert_eq!(fast, n.to_string());
            assert_eq!(Figure::Count(n).to_string(), n.to_string());
            assert_eq!(Figure::Percent(n).to_string(), format!("{n} %"));
        }
        assert_eq!(Figure::None.to_string(), "–");
    }

    #[test]
    fn an_unknown_sort_is_the_default_and_never_an_error() {
        let default = Order::from_query(None);
        assert_eq!(default.column, Column::Name);
        assert!(!default.descending);
        for q in ["sort=%FF%FE", "sort=password&dir=sideways", "%%%&&=="] {
            assert_eq!(Order::from_query(Some(q)), default, "{q}");
        }
        let o = Order::from_query(Some("sort=invitations&dir=desc"));
        assert_eq!((o.column, o.descending), (Column::Invitations, true));
    }

    /// The sort as it was before it sorted indices: the rows themselves, keyed as they went.
    fn sorted_by_moving_rows(order: Order, rows: Vec<Row>) -> Vec<Row> {
        let number = |r: &Row| match order.column {
            Column::Name => None,
            Column::Salons => r.salons_held.map(|n| n as f64),
            Column::Invitations => r.invitations.map(|n| n as f64),
            Column::Replied => r.replied_share(),
            Column::Median => r.median_secs,
            Column::Done => r.steps_done.map(|n| n as f64),
            Column::Overdue => r.steps_overdue.map(|n| n as f64),
            Column::Decisions => r.decisions_with_salons.map(|n| n as f64),
        };
        let mut keyed: Vec<(Rc<[u32]>, Row)> =
            rows.into_iter().map(|r| (name_key(&r.name), r)).collect();
        keyed.sort_by(|(name_a, a), (name_b, b)| {
            let by_name = || name_a.cmp(name_b);
            let first = if order.column == Column::Name {
                by_name()
            } else {
                match (number(a), number(b)) {
                    (Some(x), Some(y)) => x.total_cmp(&y),
                    (Some(_), None) => return std::cmp::Ordering::Less,
                    (None, Some(_)) => return std::cmp::Ordering::Greater,
                    (None, None) => std::cmp::Ordering::Equal,
                }
            };
            let first = if order.descending {
                first.reverse()
            } else {
                first
            };
            first.then_with(by_name)
        });
        keyed.into_iter().map(|(_, r)| r).collect()
    }

    /// Sorting indices gives the rows in exactly the order sorting the rows gave, for every
    /// column both ways, on rows with ties, missing figures, a time never answered, names
    /// alike but for case or letters that sort the Danish way, and names repeated (told apart
    /// by their slugs, which keep their order among themselves as before).
    #[test]
    fn sorting_indices_orders_rows_as_sorting_the_rows_did() {
        let names = [
            "Aarhus",
            "Aabenraa",
            "Ærø",
            "Åbo",
            "Øster",
            "Odense",
            "odense",
            "Billund",
            "Allerød",
            "Als",
            "Vesthimmerland",
            "Ålborg",
            "Æbeltoft",
            "Høje-Taastrup",
            "Hørsholm",
            "Holstebro",
            "Lemvig",
            "Læsø",
        ];
        // A fixed pseudo-random sequence: the same rows on every run.
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        fn maybe(next: &mut impl FnMut(u64) -> u64, n: u64) -> Option<i64> {
            (next(5) != 0).then(|| next(n) as i64)
        }
        let rows: Vec<Row> = (0..300)
            .map(|i| {
                let invitations = maybe(&mut next, 8);
                Row {
                    name: names[next(names.len() as u64) as usize].to_string(),
                    slug: format!("m{i}"),
                    salons_held: maybe(&mut next, 4),
                    invitations,
                    replied: invitations.map(|n| n / (1 + next(3) as i64)),
                    median_secs: match next(6) {
                        0 => None,
                        1 => Some(f64::INFINITY),
                        k => Some((k * 43_200) as f64),
                    },
                    steps_done: maybe(&mut next, 3),
                    steps_overdue: maybe(&mut next, 3),
                    decisions: Some(20),
                    decisions_with_salons: maybe(&mut next, 5),
                    refreshed_at: None,
                }
            })
            .collect();
        let copy = |rows: &[Row]| -> Vec<Row> {
            rows.iter()
                .map(|r| Row {
                    name: r.name.clone(),
                    slug: r.slug.clone(),
                    ..*r
                })
                .collect()
        };
        for column in COLUMNS {
            for descending in [false, true] {
                let order = Order { column, descending };
                let before: Vec<String> = sorted_by_moving_rows(order, copy(&rows))
                    .into_iter()
                    .map(|r| r.slug)
                    .collect();
                let mut now = copy(&rows);
                order.sort(&mut now);
                let now: Vec<String> = now.into_iter().map(|r| r.slug).collect();
                assert_eq!(now, before, "{order:?}");
            }
        }
    }

    #[test]
    fn rows_sort_by_number_with_missing_figures_last_and_names_the_danish_way() {
        let mut rows = vec![
            row("Aarhus", Some(4)),
            row("Ærø", None),
            row("Odense", Some(10)),
            row("Billund", Some(4)),
        ];
        Order::from_query(Some("sort=invitations&dir=desc")).sort(&mut rows);
        let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["Odense", "Billund", "Aarhus", "Ærø"]);
        Order::from_query(None).sort(&mut rows);
        let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["Billund", "Odense", "Ærø", "Aarhus"]);
    }
}
