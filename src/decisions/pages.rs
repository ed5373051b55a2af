//! The public side: a municipality's decisions (`/municipalities/{municipality}/decisions`),
//! one decision's page with its salons, their summaries and next steps — and, once decided,
//! the outcome — and the open decisions on the municipality's page. One query per list.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, Query, State};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;
use sqlx::PgExecutor;
use uuid::Uuid;

use super::{Decision, Status};
use crate::agreements::Status as AgreementStatus;
use crate::auth::CurrentUser;
use crate::domain::ids::DecisionId;
use crate::error::AppError;
use crate::municipalities::{self, Municipality};
use crate::state::AppState;
use crate::web::i18n::Tr;
use crate::web::path::Ids;
use crate::web::{DoneQuery, Frame, Page};

/// A decision in a list.
pub struct Listed {
    pub path: String,
    pub title: String,
    pub committee: String,
    /// "tirsdag 15. december 2026".
    pub meeting: String,
    pub hearing: Option<String>,
    pub decided: bool,
    /// Taken off the agenda (listed with the decided ones).
    pub withdrawn: bool,
    /// "2 saloner".
    pub salons: String,
}

/// A municipality's (or unit's) decisions: the open ones by meeting date, then the decided
/// ones (and those taken off the agenda), latest meeting first.
#[derive(Default)]
pub struct Lists {
    pub open: Vec<Listed>,
    pub decided: Vec<Listed>,
}

/// A decision as `decisions_listed` (migrations 0056, 0063) gives it: the pages that show a
/// list read it inside their own statement as JSON. The two lists are picked by the index on
/// (municipality, status, meeting) before anything is read beside them, and each decision's
/// public salons are a count kept on it (migration 0034).
/// The municipality's and unit's pages read it as a JSON array in the order of its fields
/// (`json_build_array`): the fields' order is the statements' column order.
#[derive(Debug, Deserialize)]
pub struct ListedRow {
    pub id: Uuid,
    pub title: String,
    pub committee: String,
    pub meeting_on: NaiveDate,
    pub hearing_from: Option<NaiveDate>,
    pub hearing_to: Option<NaiveDate>,
    pub status: Status,
    pub salons: i32,
}

/// The lists as shown, from `decisions_listed`'s or `decisions_picked`'s rows (migration 0089)
/// in any order; `slug` is the municipality's. The open ones soonest first, the decided ones
/// latest first, each then by id — the order `decisions_listed` numbers them in (a `uuid`
/// compares as its bytes there and here): the list page's statement leaves the sorting of its
/// 40 rows to this, which costs the server next to nothing and the database a third of the
/// statement.
pub fn lists(tr: &Tr, slug: &str, mut rows: Vec<ListedRow>) -> Lists {
    rows.sort_by(|a, b| {
        let open = |r: &ListedRow| r.status == Status::Upcoming;
        open(b).cmp(&open(a)).then_with(|| {
            if open(a) {
                a.meeting_on.cmp(&b.meeting_on)
            } else {
                b.meeting_on.cmp(&a.meeting_on)
            }
            .then_with(|| a.id.cmp(&b.id))
        })
    });
    let mut lists = Lists::default();
    for r in rows {
        let decided = r.status == Status::Decided;
        let withdrawn = r.status == Status::Withdrawn;
        let line = Listed {
            withdrawn,
            path: super::path(slug, r.id),
            title: r.title,
            committee: r.committee,
            meeting: tr.day(r.meeting_on),
            hearing: hearing_text(tr, r.hearing_from, r.hearing_to),
            decided,
            salons: tr.count("dec-salon-count", r.salons.into()),
        };
        match r.status {
            Status::Upcoming => lists.open.push(line),
            Status::Decided | Status::Withdrawn => lists.decided.push(line),
        }
    }
    lists
}

/// "Høring 1. december 2026 – 15. december 2026".
fn hearing_text(tr: &Tr, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Option<String> {
    let (from, to) = from.zip(to)?;
    Some(tr.t_args(
        "dec-hearing-period",
        &[("from", tr.day(from).into()), ("to", tr.day(to).into())],
    ))
}

#[derive(Template)]
#[template(path = "decisions/list.html")]
pub struct ListPage {
    f: Frame,
    m: Municipality,
    open: Vec<Listed>,
    decided: Vec<Listed>,
    staff: bool,
}

/// `GET /municipalities/{municipality}/decisions`.
pub async fn list(
    State(state): State<AppState>,
    f: Frame,
    user: Option<CurrentUser>,
    Path(slug): Path<String>,
) -> Result<Page<ListPage>, AppError> {
    // The municipality and its lists in one statement: one row per listed decision, beside
    // the municipality's columns (one with none when it has no decisions). Rows, not a JSON
    // aggregate: turning 40 rows into JSON cost the database more than the round trip saved.
    // In no order: `lists` sorts them (numbering and sorting them here was a third of the
    // statement's CPU).
    let rows = sqlx::query!(
        r#"SELECT m.code, m.name, m.official_name, m.slug, d.id AS "id?", d.title AS "title?",
                  d.committee AS "committee?", d.meeting_on AS "meeting_on?", d.hearing_from,
                  d.hearing_to, d.status AS "status?: Status", d.salons AS "salons?"
           FROM municipalities m
           LEFT JOIN LATERAL decisions_picked(m.code, NULL, 200, 50) d ON true
           WHERE m.slug = $1"#,
        slug
    )
    .fetch_all(&state.db)
    .await?;
    let first = rows.first().ok_or(AppError::NotFound)?;
    let m = Municipality {
        code: first.code.clone(),
        name: first.name.clone(),
        official_name: first.official_name.clone(),
        slug: first.slug.clone(),
    };
    let listed = rows
        .into_iter()
        .filter_map(|r| {
            Some(ListedRow {
                id: r.id?,
                title: r.title?,
                committee: r.committee?,
                meeting_on: r.meeting_on?,
                hearing_from: r.hearing_from,
                hearing_to: r.hearing_to,
                status: r.status?,
                salons: r.salons?,
            })
        })
        .collect();
    let Lists { open, decided } = lists(&f.tr, &m.slug, listed);
    let staff = match &user {
        Some(u) => {
            crate::roles::holds(&state.db, u.id, &m.slug, &crate::roles::RoleKind::STAFF).await?
        }
        None => false,
    };
    Ok(Page(ListPage {
        f,
        m,
        open,
        decided,
        staff,
    }))
}

/// One next step under a salon on the decision's page: a JSON array in the order of its fields.
#[derive(Deserialize)]
struct AgreementJson {
    salon: Uuid,
    id: Uuid,
    description: String,
    status: String,
}

pub struct AgreementLine {
    pub path: String,
    pub description: String,
    pub status: String,
}

/// A salon about the decision.
pub struct SalonLine {
    pub card: crate::salons::card::SalonCard,
    /// Held before the meeting (or still ahead of it).
    pub before: bool,
    pub summary_html: Option<String>,
    pub agreements: Vec<AgreementLine>,
}

#[derive(Template)]
#[template(path = "decisions/show.html")]
pub struct ShowPage {
    f: Frame,
    d: Decision,
    /// The description and the outcome, in paragraphs.
    description: Vec<String>,
    outcome: Vec<String>,
    meeting: String,
    hearing: Option<String>,
    decided_on: Option<String>,
    salons: Vec<SalonLine>,
    followers: String,
    signed_in: bool,
    following: bool,
    staff: bool,
    notice: Option<String>,
}

impl ShowPage {
    /// "Titel: the first words of the description" for search results.
    fn meta_description(&self) -> String {
        crate::directory::share::meta_description(&format!(
            "{}: {}",
            self.d.title, self.d.description
        ))
    }
}

/// `GET /municipalities/{municipality}/decisions/{decision}`.
pub async fn show(
    State(state): State<AppState>,
    f: Frame,
    user: Option<CurrentUser>,
    Ids((slug, id)): Ids<(String, DecisionId)>,
    Query(q): Query<DoneQuery>,
) -> Result<Page<ShowPage>, AppError> {
    let mut conn = state.db.acquire().await?;
    let d = super::load(&mut conn, &slug, id).await?;
    let viewer = user.as_ref().map(|u| u.id);
    let names = crate::directory::municipality_names(&state.db).await?;
    let (salons, follow) =
        salons_of(&mut *conn, &f.tr, &d, viewer, &names, state.clock.now()).await?;
    drop(conn);
    let staff = match &user {
        Some(u) => {
            crate::roles::holds(&state.db, u.id, &slug, &crate::roles::RoleKind::STAFF).await?
        }
        None => false,
    };
    let notice = q.notice(
        &f.tr,
        "dec",
        &[
            "published",
            "saved",
            "decided",
            "withdrawn",
            "followed",
            "unfollowed",
        ],
    );
    Ok(Page(ShowPage {
        description: municipalities::paragraphs(&d.description),
        outcome: municipalities::paragraphs(&d.outcome),
        meeting: f.tr.day(d.meeting_on),
        hearing: hearing_text(&f.tr, d.hearing_from, d.hearing_to),
        decided_on: d.decided_at.map(|at| f.tr.date(at)),
        followers: f.tr.count("dec-followers", follow.followers),
        following: follow.following,
        signed_in: user.is_some(),
        staff,
        notice,
        salons,
        d,
        f,
    }))
}

/// How many follow a decision, and whether the viewer is one of them.
struct Follow {
    followers: i64,
    following: bool,
}

/// The statement of [`salons_of`]: the salon's columns first, in the order
/// `directory::Found::from_row` reads them (its own statement's, with `0::real` for the rank),
/// then what only this page shows, read by position after them ([`FOLLOWERS`] onwards). The
/// salons left-joined to the followers' row, so a decision without salons still brings the
/// count; the salons' municipalities are named from `names` (`directory::municipality_names`),
/// not joined: 20 look-ups fewer. The next steps of all the decision's salons come once, in the
/// followers' row (an init plan run once), each with its salon's id: a sub-select per salon row
/// began a scan and a sorted aggregate 20 times, ~150,000 instructions a run with no next
/// steps at all. Both walks of the links read the index by (decision, salon) alone (0099).
/// The rows come unsorted: [`salons_of`] orders the cards as `ORDER BY s.first_starts_at, s.id`
/// did (a uuid orders by its bytes in both), sparing the statement a sort of 20 wide rows
/// (~38,000 of its ~693,000 instructions a run).
const SALONS_OF: &str = r#"
SELECT s.id, s.slug, s.title, s.question, s.town, s.municipality_code, s.format, s.status,
       s.capacity, s.first_starts_at, s.last_starts_at, s.step_free,
       -- Seats as on every card: per session, still ahead (migration 0044).
       card_seats(s.id, s.citizens_registered, s.seats_taken_least,
                  s.sessions_first_end, s.sessions_last_end, $2),
       -- The municipality's answer, kept on the salon's row (migration 0057).
       s.answer_units, 0::real,
       f.followers, f.following,
       s.summary,
       CASE WHEN s.summary_published_at IS NOT NULL THEN s.summary_html END,
       -- Kept on the salon's row (migration 0075).
       s.newest_host_since,
       f.agreements
FROM (SELECT count(*) AS followers, coalesce(bool_or(user_id = $3), false) AS following,
             -- Of every linked salon, listed or not: only the listed ones' are shown.
             (SELECT json_agg(json_build_array(a.salon_id, a.id, a.description, a.status)
                              ORDER BY a.created_at, a.id)
              FROM salon_decisions sa JOIN agreements a ON a.salon_id = sa.salon_id
              WHERE sa.decision_id = $1) AS agreements
      FROM decision_followers WHERE decision_id = $1) f
LEFT JOIN (salon_decisions sd
           JOIN salons s ON s.id = sd.salon_id AND s.visibility = 'public'
                        AND s.hidden_reason IS NULL
                        AND s.status IN ('published', 'held', 'closed'))
       ON sd.decision_id = $1"#;

/// [`SALONS_OF`]'s first column after the card's: the followers, whether the viewer follows,
/// the summary's markdown and published HTML, the newest host's start, the next steps.
const FOLLOWERS: usize = 15;

/// The public, published salons about `d`, each with its published summary and next steps,
/// and who follows it — one statement ([`SALONS_OF`]). Its rows are read by position, the
/// card's columns as the directory reads its own (`timestamptz` from the binary form), not by
/// name through `query!`'s typed row: hashing 22 names and checking their types for each of
/// 20 rows was a third of the page's reading.
async fn salons_of<'e>(
    db: impl PgExecutor<'e>,
    tr: &Tr,
    d: &Decision,
    viewer: Option<Uuid>,
    names: &HashMap<String, String>,
    now: DateTime<Utc>,
) -> Result<(Vec<SalonLine>, Follow), AppError> {
    use sqlx::{Row, ValueRef};
    let rows = sqlx::query(SALONS_OF)
        .bind(d.id)
        .bind(now)
        .bind(viewer)
        .fetch_all(db)
        .await?;
    let meeting = meeting_start(d.meeting_on);
    let (follow, agreements) = match rows.first() {
        Some(r) => {
            let agreements: Option<sqlx::types::Json<Vec<AgreementJson>>> =
                r.try_get_unchecked(FOLLOWERS + 5)?;
            (
                Follow {
                    followers: r.try_get(FOLLOWERS)?,
                    following: r.try_get(FOLLOWERS + 1)?,
                },
                agreements.map(|a| a.0).unwrap_or_default(),
            )
        }
        None => (
            Follow {
                followers: 0,
                following: false,
            },
            Vec::new(),
        ),
    };
    // Each salon's next steps, in the order they came (created first, first).
    let mut steps: HashMap<Uuid, Vec<AgreementLine>> = HashMap::new();
    for a in agreements {
        steps.entry(a.salon).or_default().push(AgreementLine {
            path: format!("/agreements/{}", a.id),
            description: a.description,
            status: AgreementStatus::from_db(&a.status).label(tr),
        });
    }
    let mut salons = Vec::with_capacity(rows.len());
    let mut order = Vec::with_capacity(rows.len());
    for r in &rows {
        // The one row of a decision without salons has none; as before, a salon without
        // sessions (no first or last start, no seats) is not listed either.
        let mut absent = false;
        for column in [0, 9, 10, 12] {
            absent |= r.try_get_raw(column)?.is_null();
        }
        if absent {
            continue;
        }
        let found = crate::directory::Found::from_row(r, names)?;
        let summary: &str = r.try_get_unchecked(FOLLOWERS + 2)?;
        let summary_html: Option<String> = r.try_get_unchecked(FOLLOWERS + 3)?;
        let newest_host_since = if r.try_get_raw(FOLLOWERS + 4)?.is_null() {
            None
        } else {
            Some(crate::directory::timestamptz(r, FOLLOWERS + 4)?)
        };
        let agreements = steps.remove(&found.id).unwrap_or_default();
        order.push((found.first_starts_at, found.id));
        salons.push(SalonLine {
            before: found.first_starts_at < meeting,
            // By the same rule as the salon's own page: a new host's links are text.
            // Under the card's h3 and the h4 "Referat".
            summary_html: summary_html.map(|html| {
                crate::salons::markdown::under(
                    &crate::salons::markdown::shown(summary, html, newest_host_since, now),
                    5,
                )
            }),
            agreements,
            card: found.card(now),
        });
    }
    // By first start, then id: the order the statement no longer sorts in.
    let mut keyed: Vec<_> = order.into_iter().zip(salons).collect();
    keyed.sort_unstable_by_key(|(key, _)| *key);
    Ok((keyed.into_iter().map(|(_, s)| s).collect(), follow))
}

/// The start of a meeting day in Copenhagen: a salon before it came before the decision.
pub fn meeting_start(day: NaiveDate) -> DateTime<Utc> {
    crate::clock::copenhagen(day, chrono::NaiveTime::MIN)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::i18n::Locale;

    /// The list page's rows come in no order: `lists` orders them as `decisions_listed`
    /// numbers them — open ones soonest first, the rest latest first, each then by id.
    #[test]
    fn lists_order_rows_given_in_any_order() {
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
        let row = |id: u128, meeting: u32, status: Status| ListedRow {
            id: Uuid::from_u128(id),
            title: format!("{id}"),
            committee: String::new(),
            meeting_on: day(meeting),
            hearing_from: None,
            hearing_to: None,
            status,
            salons: 0,
        };
        let rows = vec![
            row(1, 3, Status::Decided),
            row(2, 20, Status::Upcoming),
            row(3, 9, Status::Withdrawn),
            row(4, 10, Status::Upcoming),
            row(5, 3, Status::Withdrawn),
            row(6, 10, Status::Upcoming),
            row(7, 9, Status::Decided),
        ];
        let Lists { open, decided } = lists(&Tr::new(Locale::Da), "aarhus", rows);
        let titles = |l: &[Listed]| l.iter().map(|d| d.title.clone()).collect::<Vec<_>>();
        assert_eq!(titles(&open), ["4", "6", "2"]);
        assert_eq!(titles(&decided), ["3", "7", "1", "5"]);
    }
}
