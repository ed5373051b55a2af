//! Finding salons: the directory at `/salons` with its filters, Danish full-text search and
//! keyset pagination, and the one query behind it that the front page and each
//! municipality's page reuse ([`find`]).
//!
//! Only public salons that are published (or, in the past view, held or closed with their
//! summary) are ever listed: drafts, unlisted and invite-only salons exist only through their
//! link and their hosts. A page is one query on one index: seats left come from columns the
//! salon keeps from its sessions' counters (seats are per session, migration 0044), the order from `first_starts_at` (kept by a trigger on
//! `salon_sessions`, migration 0011), the search from `search_full` (migration 0026: title,
//! question, town, description and a published summary), matching stemmed words and word
//! starts alike ([`prefix_query`]). A signed-in person can follow a filter and is mailed when
//! a new public salon matches it ([`follow`]).

pub mod follow;
mod page;
pub mod share;
mod sitemap;

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, PoisonError, RwLock};

use axum::routing::{get, post};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::postgres::PgRow;
use sqlx::{PgPool, Postgres, QueryBuilder, Row};
use uuid::Uuid;

use crate::auth::{Access, RouteSpec};
use crate::error::AppError;
use crate::jobs::Worker;
use crate::salons::card::{CardStatus, SalonCard};
use crate::salons::{Format, SalonStatus, visibility};

pub use page::DirectoryQuery;

/// Salons per directory page.
pub const PAGE_SIZE: i64 = 20;

pub fn routes() -> Vec<RouteSpec> {
    vec![
        RouteSpec::get("/salons", Access::Public, get(page::directory)),
        RouteSpec::get("/robots.txt", Access::Public, get(sitemap::robots_txt)),
        RouteSpec::get("/sitemap.xml", Access::Public, get(sitemap::sitemap_xml)),
        RouteSpec::post("/salons/follow", Access::Verified, post(follow::follow)),
        RouteSpec::get(
            "/notifications/searches",
            Access::SignedIn,
            get(follow::list),
        ),
        RouteSpec::post(
            "/notifications/searches/delete",
            Access::SignedIn,
            post(follow::delete),
        ),
    ]
}

/// The job that tells the followers of searches about a new salon.
pub fn register_jobs(worker: Worker) -> Worker {
    worker.handle(follow::KIND, follow::run)
}

/// What a visitor narrows the directory to. Every field is optional; the default is every
/// upcoming public salon.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// Full-text search in Danish over title, question, town, description and a published
    /// summary.
    pub q: Option<String>,
    pub municipality: Option<String>,
    pub town: Option<String>,
    pub topic: Option<String>,
    pub format: Option<Format>,
    /// Salons with a session on or after this day (Copenhagen).
    pub from: Option<NaiveDate>,
    /// Salons with a session on or before this day (Copenhagen).
    pub to: Option<NaiveDate>,
    pub free_seats: bool,
    /// Salons whose sessions have all started, newest first.
    pub past: bool,
}

/// Where the next page starts: just after this row in the page's order. Written into the URL
/// as `[rank_]micros_id` (the rank only when searching).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cursor {
    pub rank: Option<f32>,
    pub starts_at: DateTime<Utc>,
    pub id: Uuid,
}

impl fmt::Display for Cursor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(rank) = self.rank {
            write!(f, "{rank}_")?;
        }
        write!(f, "{}_{}", self.starts_at.timestamp_micros(), self.id)
    }
}

impl Cursor {
    /// Parses a cursor from the URL; `None` for anything malformed (the first page is shown).
    pub fn parse(raw: &str) -> Option<Cursor> {
        let parts: Vec<&str> = raw.split('_').collect();
        let (rank, micros, id) = match parts.as_slice() {
            [micros, id] => (None, micros, id),
            [rank, micros, id] => (
                Some(rank.parse::<f32>().ok().filter(|r| r.is_finite())?),
                micros,
                id,
            ),
            _ => return None,
        };
        Some(Cursor {
            rank,
            starts_at: DateTime::from_timestamp_micros(micros.parse().ok()?)?,
            id: Uuid::parse_str(id).ok()?,
        })
    }
}

/// A listed salon as the query returns it.
#[derive(Clone, Debug)]
pub struct Found {
    pub id: Uuid,
    pub slug: String,
    pub title: String,
    pub question: String,
    pub town: String,
    pub municipality_name: String,
    pub format: Format,
    pub status: SalonStatus,
    pub capacity: Option<i32>,
    pub citizens_registered: i32,
    pub first_starts_at: DateTime<Utc>,
    pub last_starts_at: DateTime<Utc>,
    pub step_free: bool,
    pub answer_units: Vec<String>,
    pub rank: f32,
}

/// Seats taken as a card counts them, up to the time argument (`card_seats`, migration 0044:
/// one definition for every card, from columns the salon keeps).
const CARD_SEATS_ARGS: &str = "card_seats(s.id, s.citizens_registered, s.seats_taken_least, \
                               s.sessions_first_end, s.sessions_last_end, ";

/// The card's answer line, kept on the salon's row (migration 0057) by the one definition
/// every list of cards shows (`salon_answer_units`, migration 0037).
const ANSWER_UNITS: &str = "s.answer_units, ";

/// The search's words as prefixes, for `to_tsquery`: `'trafik':* & !'skole'`. Danish joins
/// words into compounds ("trafiksikker skolevej"), and the stemmed search only matches whole
/// words; word starts find them. A `-word` stays excluded and websearch's `or` is not a word.
/// Only letters and digits reach the query, so its syntax cannot be broken from outside;
/// empty when nothing is left to prefix (the stemmed search then stands alone).
pub(crate) fn prefix_query(q: &str) -> String {
    let mut positive = false;
    let mut terms = Vec::new();
    for token in q.split_whitespace() {
        if token.eq_ignore_ascii_case("or") {
            continue;
        }
        let negated = token.starts_with('-');
        for word in token
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            if negated {
                terms.push(format!("!'{word}'"));
            } else {
                positive = true;
                terms.push(format!("'{word}':*"));
            }
        }
    }
    if positive {
        terms.join(" & ")
    } else {
        String::new()
    }
}

/// A value read from the database once per process and database, for what the first migration
/// seeds and nothing in the app changes (the municipalities: the filter's options, the cards'
/// names). Kept per database, not once, so that one process serving several databases (the
/// tests do, and one of them renames a municipality) never shows one's values in another's
/// pages.
struct PerDatabase<T>(RwLock<Vec<(String, Arc<T>)>>);

impl<T> PerDatabase<T> {
    const fn new() -> Self {
        Self(RwLock::new(Vec::new()))
    }

    async fn get_or_load<F, Fut>(&self, db: &PgPool, load: F) -> Result<Arc<T>, AppError>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<T, AppError>>,
    {
        let options = db.connect_options();
        let database = options.get_database().unwrap_or("");
        let kept = |all: &Vec<(String, Arc<T>)>| {
            all.iter()
                .find(|(d, _)| *d == database)
                .map(|(_, v)| v.clone())
        };
        if let Some(value) = kept(&self.0.read().unwrap_or_else(PoisonError::into_inner)) {
            return Ok(value);
        }
        let value = Arc::new(load().await?);
        let mut all = self.0.write().unwrap_or_else(PoisonError::into_inner);
        if let Some(kept) = kept(&all) {
            return Ok(kept);
        }
        all.push((database.to_string(), value.clone()));
        Ok(value)
    }
}

/// The municipalities' names by code ([`PerDatabase`]). Joined in each directory statement
/// instead, the name cost 20 look-ups of `municipalities` per page — a quarter of search's
/// statement (~37 µs of ~150 at 1,000 salons). A decision page and Mine saloner name their
/// cards from it too.
pub(crate) async fn municipality_names(
    db: &PgPool,
) -> Result<Arc<HashMap<String, String>>, AppError> {
    static NAMES: PerDatabase<HashMap<String, String>> = PerDatabase::new();
    NAMES
        .get_or_load(db, || async {
            let rows: Vec<(String, String)> =
                sqlx::query_as("SELECT code, name FROM municipalities")
                    .fetch_all(db)
                    .await?;
            Ok(rows.into_iter().collect())
        })
        .await
}

/// The name of the municipality `code` from [`municipality_names`]' map; the code itself for
/// one it does not hold (none: every salon's municipality is a row the map was read from).
pub(crate) fn municipality_name(names: &HashMap<String, String>, code: &str) -> String {
    names.get(code).cloned().unwrap_or_else(|| code.to_string())
}

/// Midnight at the start of `day` in Copenhagen.
fn local_midnight(day: NaiveDate) -> DateTime<Utc> {
    crate::clock::copenhagen(day, chrono::NaiveTime::MIN)
}

/// One page of salons matching `filter` as of `now`, starting after `after`, at most `limit`;
/// with the cursor of the next page when there is one. One query.
///
/// The SQL is built from the filters present, so each combination is its own prepared
/// statement whose plan fits it (a single statement with `$n IS NULL OR …` for every filter
/// would share one generic plan across very different searches).
pub async fn find(
    db: &PgPool,
    filter: &Filter,
    now: DateTime<Utc>,
    after: Option<&Cursor>,
    limit: i64,
) -> Result<(Vec<Found>, Option<Cursor>), AppError> {
    let (rows, next, _) = find_with(db, filter, now, after, limit, None).await?;
    Ok((rows, next))
}

/// [`find`], with one more column of the caller's in the same statement: `extra`, an SQL
/// expression of type `text` that reads no salon of the page (an uncorrelated sub-select,
/// evaluated once), whose value comes back from the first row — `None` when the page is empty.
/// The front page reads its latest summaries so, in the statement of its upcoming salons.
async fn find_with(
    db: &PgPool,
    filter: &Filter,
    now: DateTime<Utc>,
    after: Option<&Cursor>,
    limit: i64,
    extra: Option<&'static str>,
) -> Result<(Vec<Found>, Option<Cursor>, Option<String>), AppError> {
    let searching = filter.q.is_some();
    let names = municipality_names(db).await?;
    // The columns in the order `Found::from_row` reads them.
    let mut sql: QueryBuilder<Postgres> = QueryBuilder::new(
        "SELECT s.id, s.slug, s.title, s.question, s.town, s.municipality_code, \
         s.format, s.status, s.capacity, s.first_starts_at, s.last_starts_at, s.step_free, ",
    );
    // Seats are per session: a card shows the most free in any session still ahead — one
    // definition for every card, read from the salon's kept columns (migration 0044).
    sql.push(CARD_SEATS_ARGS)
        .push_bind(now)
        .push(") AS citizens_registered, ");
    // The units that said yes and come, for the card's answer line: read from the row, not
    // recounted per card.
    sql.push(ANSWER_UNITS);
    sql.push(if searching {
        "ts_rank(s.search_full, tsq) AS rank "
    } else {
        "0::real AS rank "
    });
    if let Some(extra) = extra {
        sql.push(", (").push(extra).push(") AS extra ");
    }
    sql.push("FROM salons s ");
    if let Some(q) = &filter.q {
        // The stemmed search OR'ed with the words as prefixes: one tsquery, so one match on
        // the GIN index of `search_full` (which serves prefixes too). `tsquery_or` is `||`
        // written as a function, which FROM accepts.
        sql.push("CROSS JOIN tsquery_or(websearch_to_tsquery('danish', ")
            .push_bind(q.clone())
            .push("), to_tsquery('danish', ")
            .push_bind(prefix_query(q))
            .push(")) AS tsq ");
    }
    // Salons hidden by the moderators are never listed, searched or counted.
    sql.push(
        "WHERE s.visibility = 'public' AND s.first_starts_at IS NOT NULL \
         AND s.hidden_reason IS NULL ",
    );
    // `now` goes in as a sub-select the planner cannot look into, so the plan made for each
    // request is no cheaper than the cached generic one and plan_cache_mode=auto settles on
    // the generic plan instead of planning afresh every time (FIELD-NOTES).
    if filter.past {
        // Closed salons (with their published summary) are the past too: matches the
        // partial index `salons_directory_past`.
        sql.push("AND s.status IN ('published', 'held', 'closed') AND s.last_starts_at < (SELECT ")
            .push_bind(now)
            .push("::timestamptz)");
        // Implied by the line above (a first start is never after the last), but it lets the
        // backward index scan begin at now instead of stepping over every upcoming salon
        // (0.4 ms instead of 220 ms at 100,000 salons, bench/seed.sql).
        sql.push(" AND s.first_starts_at < (SELECT ")
            .push_bind(now)
            .push("::timestamptz)");
    } else {
        sql.push("AND s.status = 'published' AND s.last_starts_at >= (SELECT ")
            .push_bind(now)
            .push("::timestamptz)");
    }
    if searching {
        sql.push(" AND s.search_full @@ tsq");
    }
    if let Some(slug) = &filter.municipality {
        // A scalar subquery, not `m.slug = …`: the municipality's code is then known before
        // the salons are read, so its index gives them in order and the scan stops at a page.
        sql.push(" AND s.municipality_code = (SELECT code FROM municipalities WHERE slug = ")
            .push_bind(slug.clone())
            .push(")");
    }
    if let Some(town) = &filter.town {
        sql.push(" AND lower(s.town) = lower(")
            .push_bind(town.clone())
            .push(")");
    }
    if let Some(topic) = &filter.topic {
        // Topics are stored as the host typed them; match them without regard to case.
        sql.push(" AND EXISTS (SELECT 1 FROM unnest(s.topics) t WHERE lower(t) = lower(")
            .push_bind(topic.clone())
            .push("))");
    }
    if let Some(format) = filter.format {
        // Written into the SQL, not bound (one of three fixed words, never the visitor's
        // text): a bound form is guessed a third of the salons in the generic plan but its
        // real share in each request's own plan, and while those differ PostgreSQL plans
        // every request afresh (~0.3 ms at 1,000 salons) instead of keeping the generic one.
        sql.push(format_args!(" AND s.format = '{}'", format.as_str()));
    }
    if let Some(from) = filter.from {
        sql.push(" AND s.last_starts_at >= ")
            .push_bind(local_midnight(from));
    }
    if let Some(to) = filter.to.and_then(|d| d.succ_opt()) {
        sql.push(" AND s.first_starts_at < ")
            .push_bind(local_midnight(to));
    }
    if filter.free_seats {
        // Any session still ahead with a citizen's seat free: some session has not ended,
        // and the card's figure (the fewest taken among those) is below the capacity. `now`
        // is a plain parameter in `card_seats`, unlike above: behind a sub-select the
        // function could not be inlined and would run per row.
        sql.push(" AND (s.capacity IS NULL OR (");
        if filter.past {
            sql.push("s.sessions_last_end > ")
                .push_bind(now)
                .push(" AND ");
        }
        // Upcoming salons have a session that has not ended (their last start is ahead and
        // a session ends after it starts), so only the past needs the line above. Left out,
        // the planner's guess of the matching rows is no longer a third of a third: with it,
        // the generic plan at 1,000 salons sorted the table instead of walking the index
        // (and the request's own plan did not, so each request was planned afresh).
        sql.push(CARD_SEATS_ARGS)
            .push_bind(now)
            .push(") < s.capacity))");
    }
    // Past salons newest first; upcoming ones soonest first. Searches by rank before that.
    let (cmp, dir) = if filter.past {
        ("<", "DESC")
    } else {
        (">", "ASC")
    };
    if let Some(c) = after {
        sql.push(" AND ");
        match (searching, c.rank) {
            (true, Some(rank)) => {
                sql.push("(ts_rank(s.search_full, tsq) < ")
                    .push_bind(rank)
                    .push("::real OR (ts_rank(s.search_full, tsq) = ")
                    .push_bind(rank)
                    .push("::real AND (s.first_starts_at, s.id) ")
                    .push(cmp)
                    .push(" (")
                    .push_bind(c.starts_at)
                    .push(", ")
                    .push_bind(c.id)
                    .push(")))");
            }
            _ => {
                sql.push("(s.first_starts_at, s.id) ")
                    .push(cmp)
                    .push(" (")
                    .push_bind(c.starts_at)
                    .push(", ")
                    .push_bind(c.id)
                    .push(")");
            }
        }
    }
    sql.push(" ORDER BY ");
    if searching {
        sql.push("rank DESC, ");
    }
    // The limit is written into the SQL, not bound: a generic plan for `LIMIT $n` assumes a
    // tenth of the table, looks dear, and keeps PostgreSQL re-planning every request.
    sql.push(format_args!(
        "s.first_starts_at {dir}, s.id {dir} LIMIT {}",
        limit + 1
    ));

    let raw = sql.build().fetch_all(db).await?;
    let extra_value = match (extra, raw.first()) {
        // After the 15 columns `Found::from_row` reads (the last is the rank).
        (Some(_), Some(first)) => first.try_get::<Option<String>, _>(15)?,
        _ => None,
    };
    let mut rows = raw
        .iter()
        .map(|row| Found::from_row(row, &names))
        .collect::<Result<Vec<_>, _>>()?;
    let next = if rows.len() as i64 > limit {
        rows.truncate(limit as usize);
        rows.last().map(|r| Cursor {
            rank: searching.then_some(r.rank),
            starts_at: r.first_starts_at,
            id: r.id,
        })
    } else {
        None
    };
    Ok((rows, next, extra_value))
}

/// The next `limit` public salons across Denmark as cards, and `extra`'s value (see
/// [`find_with`]; `None` when no salon is ahead).
pub async fn upcoming_with(
    db: &PgPool,
    now: DateTime<Utc>,
    limit: i64,
    extra: &'static str,
) -> Result<(Vec<SalonCard>, Option<String>), AppError> {
    let (rows, _, extra) = find_with(db, &Filter::default(), now, None, limit, Some(extra)).await?;
    Ok((rows.into_iter().map(|r| r.card(now)).collect(), extra))
}

/// PostgreSQL's epoch, 2000-01-01, in microseconds after Unix's.
const PG_EPOCH_MICROS: i64 = 946_684_800_000_000;

/// A `timestamptz` column of `row`. Sent in binary (as every prepared statement's results
/// are), it is the microseconds since 2000-01-01 UTC, read here as one number and one
/// conversion; sqlx's decoder builds the epoch's date and adds a duration to it for each
/// value (~375 instructions, two a card). The text form and any other type take sqlx's way.
pub(crate) fn timestamptz(row: &PgRow, index: usize) -> Result<DateTime<Utc>, sqlx::Error> {
    use sqlx::postgres::PgValueFormat;
    use sqlx::{TypeInfo, ValueRef};
    let value = row.try_get_raw(index)?;
    if value.format() == PgValueFormat::Binary
        && !value.is_null()
        && value.type_info().name() == "TIMESTAMPTZ"
        && let Ok(bytes) = <[u8; 8]>::try_from(value.as_bytes().unwrap_or_default())
        && let Some(at) = i64::from_be_bytes(bytes)
            .checked_add(PG_EPOCH_MICROS)
            .and_then(DateTime::from_timestamp_micros)
    {
        return Ok(at);
    }
    row.try_get(index)
}

impl Found {
    /// The row of [`find`]'s statement, read by position in the order its SELECT names the
    /// columns. Read by name and type-checked per value (the derived `FromRow`), the 15
    /// columns of 21 rows took a fifth of a directory page's server work — hashing names and
    /// comparing types the statement fixes. A wrong type still fails to decode, and every
    /// page of the directory's tests reads these rows. The municipality comes as its code and
    /// is named from `names` ([`municipality_names`]). A decision's page reads its salons'
    /// cards so too, its statement naming the same columns first (`decisions::pages`).
    pub(crate) fn from_row(
        row: &PgRow,
        names: &HashMap<String, String>,
    ) -> Result<Found, sqlx::Error> {
        let code: &str = row.try_get_unchecked(5)?;
        Ok(Found {
            id: row.try_get_unchecked(0)?,
            slug: row.try_get_unchecked(1)?,
            title: row.try_get_unchecked(2)?,
            question: row.try_get_unchecked(3)?,
            town: row.try_get_unchecked(4)?,
            municipality_name: municipality_name(names, code),
            format: row.try_get_unchecked(6)?,
            status: row.try_get_unchecked(7)?,
            capacity: row.try_get_unchecked(8)?,
            first_starts_at: timestamptz(row, 9)?,
            last_starts_at: timestamptz(row, 10)?,
            step_free: row.try_get_unchecked(11)?,
            citizens_registered: row.try_get_unchecked(12)?,
            answer_units: row.try_get_unchecked(13)?,
            rank: row.try_get_unchecked(14)?,
        })
    }

    /// The salon as a card, as of `now`.
    pub fn card(self, now: DateTime<Utc>) -> SalonCard {
        let seats_left = self.capacity.map(|c| (c - self.citizens_registered).max(0));
        SalonCard {
            path: visibility::path(self.id, &self.slug),
            more_sessions: self.last_starts_at > self.first_starts_at,
            status: CardStatus::of(self.status, seats_left, self.first_starts_at <= now),
            seats_left,
            title: self.title,
            question: self.question,
            municipality_name: self.municipality_name,
            town: self.town,
            format: self.format,
            first_starts_at: Some(self.first_starts_at),
            step_free: self.step_free,
            answer_units: self.answer_units,
            level: 3,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_read_back_what_they_wrote() {
        let at = DateTime::parse_from_rfc3339("2026-12-05T13:00:00.123456Z")
            .unwrap()
            .to_utc();
        let id = Uuid::new_v4();
        for rank in [None, Some(0.0607927_f32), Some(1e-20)] {
            let c = Cursor {
                rank,
                starts_at: at,
                id,
            };
            assert_eq!(Cursor::parse(&c.to_string()), Some(c));
        }
        assert_eq!(Cursor::parse("garbage"), None);
        assert_eq!(Cursor::parse("NaN_1_x"), None);
    }

    #[test]
    fn search_words_become_prefixes_that_cannot_break_the_query() {
        assert_eq!(prefix_query("trafik"), "'trafik':*");
        assert_eq!(
            prefix_query("trafik -skole or Ry"),
            "'trafik':* & !'skole' & 'Ry':*"
        );
        assert_eq!(prefix_query("\"sikker vej\""), "'sikker':* & 'vej':*");
        assert_eq!(prefix_query("')(:*&|!"), "");
        assert_eq!(prefix_query("-kun"), "");
    }

    #[test]
    fn days_start_at_copenhagen_midnight() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();
        assert_eq!(
            local_midnight(day).to_rfc3339(),
            "2026-12-04T23:00:00+00:00"
        );
    }
}
