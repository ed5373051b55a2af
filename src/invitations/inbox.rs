//! `/inbox`: the invitations a person may answer — to them, to the units they answer for,
//! and (for admins) to the whole municipality. Oldest unanswered first, with its age and the
//! salon's date in plain sight, a page at a time. The session, and one statement for the page,
//! its filters and the next steps the person follows up.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Europe::Copenhagen;
use serde::Deserialize;
use uuid::Uuid;

use crate::agreements::shown::LineRow;
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::escape::{Escaped, Words};
use crate::web::i18n::{Locale, Tr};
use crate::web::{Frame, Page};
use askama::filters::MaybeSafe;
use sqlx::Row as _;
use sqlx::postgres::PgRow;
use sqlx::types::Json;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Filters {
    /// The confirmation after passing one on (`?done=passed-on`).
    done: Option<String>,
    status: String,
    /// Who has it: `mine`, `none` (nobody has taken it) or anything else for all.
    claim: String,
    unit: String,
    from: String,
    to: String,
    /// Where the next page starts (`After`); the first page without it.
    after: Option<String>,
}

/// Lines per page: an official with hundreds of open invitations sees what is due first, and
/// the rest a page at a time.
const PAGE: i64 = 50;

/// Where a later page starts: just after this line, in the inbox's order (open before
/// answered, the due day with none last, the time sent, the id). Written into the URL as
/// `<0|1>_<YYYY-MM-DD or ->_<microseconds>_<id>`; anything else is the first page.
#[derive(Clone, Copy, Debug, PartialEq)]
struct After {
    answered: bool,
    due: Option<NaiveDate>,
    sent_at: DateTime<Utc>,
    id: Uuid,
}

impl After {
    fn parse(raw: &str) -> Option<After> {
        let mut parts = raw.trim().split('_');
        let answered = match parts.next()? {
            "0" => false,
            "1" => true,
            _ => return None,
        };
        let due = match parts.next()? {
            "-" => None,
            d => Some(NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()?),
        };
        let sent_at = DateTime::from_timestamp_micros(parts.next()?.parse().ok()?)?;
        let id = Uuid::parse_str(parts.next()?).ok()?;
        if parts.next().is_some() {
            return None;
        }
        Some(After {
            answered,
            due,
            sent_at,
            id,
        })
    }
}

impl std::fmt::Display for After {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let due = self
            .due
            .map_or_else(|| "-".to_string(), |d| d.format("%Y-%m-%d").to_string());
        write!(
            f,
            "{}_{}_{}_{}",
            u8::from(self.answered),
            due,
            self.sent_at.timestamp_micros(),
            self.id
        )
    }
}

/// One invitation of the page, as the statement gives it: its strings borrowed from the row.
#[derive(Debug)]
struct Row<'r> {
    id: Uuid,
    title: &'r str,
    first_starts_at: Option<DateTime<Utc>>,
    status: &'r str,
    sent_at: DateTime<Utc>,
    reply_by: Option<NaiveDate>,
    holder: &'r str,
    claimed_at: Option<DateTime<Utc>>,
    claimed_name: Option<&'r str>,
    answered: bool,
    due: Option<NaiveDate>,
}

impl<'r> Row<'r> {
    /// A row of [`INBOX`], read by position in the order its SELECT names the columns (after
    /// the units and the next steps), the times from their binary form
    /// (`directory::timestamptz`); `None` for the one row of an empty page. `query!` decoded
    /// every time through chrono's epoch arithmetic and copied every string.
    fn read(r: &'r PgRow) -> Result<Option<Row<'r>>, sqlx::Error> {
        let Some(id) = r.try_get_unchecked::<Option<Uuid>, _>(2)? else {
            return Ok(None);
        };
        Ok(Some(Row {
            id,
            title: r.try_get_unchecked(3)?,
            first_starts_at: optional_time(r, 4)?,
            status: r.try_get_unchecked(5)?,
            sent_at: crate::directory::timestamptz(r, 6)?,
            reply_by: r.try_get_unchecked(7)?,
            holder: r.try_get_unchecked(8)?,
            claimed_at: optional_time(r, 9)?,
            claimed_name: r.try_get_unchecked(10)?,
            answered: r.try_get_unchecked(11)?,
            due: r.try_get_unchecked(12)?,
        }))
    }
}

/// A `timestamptz` column that may be null, read as `directory::timestamptz` reads one.
fn optional_time(r: &PgRow, index: usize) -> Result<Option<DateTime<Utc>>, sqlx::Error> {
    use sqlx::ValueRef;
    if r.try_get_raw(index)?.is_null() {
        return Ok(None);
    }
    crate::directory::timestamptz(r, index).map(Some)
}

/// A unit the person answers for, to filter by.
#[derive(Debug, serde::Deserialize)]
struct Unit {
    id: Uuid,
    name: String,
}

/// One line of the inbox. What people wrote (the salon's title, the unit's name) is borrowed
/// from the statement's row and written by the page's escaper (`web::escape`), as the texts
/// made here are; the fixed texts are the locale files' own, written as they are kept.
pub struct Line<'r> {
    pub id: Uuid,
    pub salon_title: Words<'r>,
    pub holder: Words<'r>,
    pub state: MaybeSafe<&'static str>,
    pub open: bool,
    pub age: Escaped,
    pub salon_when: Escaped,
    /// The host's "svar gerne senest", as a date ("5. december 2026"), if they gave one.
    pub reply_by: Option<Escaped>,
    /// Open and past the date the host asked for an answer by.
    pub overdue: bool,
    /// How soon the salon is ("Salonen er om 3 dage"), while it is ahead and the line open.
    pub soon: Option<Escaped>,
    /// Who in the unit handles it and since when; `None` when nobody has taken it.
    pub claim: Option<crate::web::markup::Isolated>,
}

/// The texts every line repeats (the columns' names for narrow screens, "Ingen", "Ikke
/// taget"), looked up once for the page rather than once a line, as the template writes them
/// (`Tr::text`: escaped once per process if they need it).
pub struct LineTexts {
    pub col_to: MaybeSafe<&'static str>,
    pub col_sent: MaybeSafe<&'static str>,
    pub col_reply_by: MaybeSafe<&'static str>,
    pub col_date: MaybeSafe<&'static str>,
    pub col_state: MaybeSafe<&'static str>,
    pub col_claim: MaybeSafe<&'static str>,
    pub reply_by_none: MaybeSafe<&'static str>,
    pub overdue: MaybeSafe<&'static str>,
    pub unclaimed: MaybeSafe<&'static str>,
}

impl LineTexts {
    fn new(tr: &Tr) -> LineTexts {
        LineTexts {
            col_to: tr.text("inv-inbox-col-to"),
            col_sent: tr.text("inv-inbox-col-sent"),
            col_reply_by: tr.text("inv-inbox-col-reply-by"),
            col_date: tr.text("inv-inbox-col-date"),
            col_state: tr.text("inv-inbox-col-state"),
            col_claim: tr.text("inv-inbox-col-claim"),
            reply_by_none: tr.text("inv-inbox-reply-by-none"),
            overdue: tr.text("inv-inbox-overdue"),
            unclaimed: tr.text("inv-inbox-unclaimed"),
        }
    }
}

pub struct UnitChoice {
    pub id: Uuid,
    pub name: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "invitations/inbox.html")]
pub struct InboxPage<'r> {
    f: Frame,
    lines: Vec<Line<'r>>,
    texts: LineTexts,
    status: String,
    claim: String,
    units: Vec<UnitChoice>,
    from: String,
    to: String,
    /// Whether the person answers for anything at all (else the page explains how).
    answers_any: bool,
    /// Agreements the person is to follow up.
    agreements: Vec<crate::agreements::shown::Line>,
    /// The confirmation after passing an invitation on: it left this person's inbox, so the
    /// inbox is where they land and learn it went.
    notice: Option<String>,
    /// The link to the next page, when there is one.
    next: Option<String>,
    /// On a later page, the link back to the first.
    first: Option<String>,
}

impl InboxPage<'_> {
    /// The status filter's choices: value, label, checked.
    pub fn status_choices(&self) -> [(&'static str, MaybeSafe<&'static str>, bool); 3] {
        [
            ("open", "inv-inbox-status-open"),
            ("answered", "inv-inbox-status-answered"),
            ("all", "inv-inbox-status-all"),
        ]
        .map(|(s, key)| (s, self.f.tr.text(key), self.status == s))
    }

    /// The "who has it" filter's choices: value, label, checked.
    pub fn claim_choices(&self) -> [(&'static str, MaybeSafe<&'static str>, bool); 3] {
        [
            ("all", "inv-inbox-claim-all"),
            ("mine", "inv-inbox-claim-mine"),
            ("none", "inv-inbox-claim-none"),
        ]
        .map(|(c, key)| (c, self.f.tr.text(key), self.claim == c))
    }
}

/// "Sendt for 3 dage siden", as a line's age. The same few texts come back on every line and
/// every page (a count of minutes, hours or days), so each worker thread keeps the ones it has
/// made by language and count: made afresh, the text and the age in it were two Fluent
/// messages with arguments a line (bench/README.md, "The inbox in two statements…"). Bounded
/// by starting afresh past 1,024 texts.
fn sent(tr: &Tr, now: DateTime<Utc>, sent_at: DateTime<Utc>) -> String {
    use std::cell::RefCell;
    use std::collections::HashMap;
    type Kept = HashMap<(Locale, &'static str, i64), String>;
    thread_local! {
        static KEPT: RefCell<Kept> = RefCell::new(HashMap::new());
    }
    let (key, count) = super::ago_count(now, sent_at);
    KEPT.with(|kept| {
        if let Some(text) = kept.borrow().get(&(tr.locale, key, count)) {
            return text.clone();
        }
        let text = tr.t1("inv-inbox-sent", "ago", &tr.count(key, count));
        let mut kept = kept.borrow_mut();
        if kept.len() >= 1024 {
            kept.clear();
        }
        kept.insert((tr.locale, key, count), text.clone());
        text
    })
}

/// The inbox's statement: the page's lines as rows (left-joined, so an empty page still brings
/// the rest), the units to filter by and the next steps the person owns on the first row.
/// Each holder the person answers for is walked in the inbox's order on its index (migration
/// 0070) and stops after a page; the walks are merged. A page is about as many rows read as it
/// shows, however many invitations wait: the rule of `invitation_answerers`, one walk per
/// holder — the person (what was passed on to them), each unit they answer for, and for an
/// admin the municipality and each of its units nobody answers for. The holder's name comes
/// with its walk. Its rows are read by position ([`Row::read`]), as the directory's are.
const INBOX: &str = r#"WITH walks (holder, holder_name, municipality) AS (
               -- Invitations passed on to the person.
               -- Their name from the session that found them.
               SELECT $1::uuid::text, $12::text, NULL::text
             UNION ALL
               -- The units they answer for.
               SELECT DISTINCT un.id::text, un.name, NULL
               FROM role_units ru
               JOIN roles r ON r.id = ru.role_id AND r.status = 'approved'
               JOIN units un ON un.id = ru.unit_id
               WHERE r.user_id = $1 AND ru.answers_for
             UNION ALL
               -- An admin's municipality: what it holds itself, and what its units nobody
               -- answers for hold.
               SELECT m.code, m.official_name, m.code
               FROM roles r JOIN municipalities m ON m.code = r.municipality_code
               WHERE r.user_id = $1 AND r.kind = 'admin' AND r.status = 'approved'
             UNION ALL
               SELECT un.id::text, un.name, un.municipality_code
               FROM roles r JOIN units un ON un.municipality_code = r.municipality_code
               WHERE r.user_id = $1 AND r.kind = 'admin' AND r.status = 'approved'
                 AND NOT EXISTS (SELECT 1 FROM role_units ru JOIN roles ur ON ur.id = ru.role_id
                                 WHERE ru.unit_id = un.id AND ru.answers_for
                                   AND ur.status = 'approved')),
           page AS (
               SELECT p.*, row_number() OVER (ORDER BY p.answered, coalesce(p.due, 'infinity'::date),
                                                  p.sent_at, p.id) AS n
               FROM walks w CROSS JOIN LATERAL (
                   -- The salon's title, first start and hiding are kept on the invitation
                   -- (migration 0076): the walk reads nothing else.
                   SELECT i.id, i.salon_title AS title, i.salon_starts_at AS first_starts_at,
                          i.status::text AS status, i.sent_at,
                          i.reply_by, w.holder_name AS holder, i.claimed_at, i.claimed_by,
                          i.status NOT IN ('open', 'proposed') AS answered, i.due
                   FROM invitations i
                   WHERE i.holder = w.holder AND NOT i.awaits_publish
                     AND (w.municipality IS NULL
                          OR (i.municipality_code = w.municipality AND i.target <> 'email'))
                     -- A salon the moderators hid is not the municipality's work.
                     AND NOT i.salon_hidden
                     -- The status filter's bounds on the order's first key, for the index.
                     AND (i.status NOT IN ('open', 'proposed')) >= ($2 = 'answered')
                     AND (i.status NOT IN ('open', 'proposed')) <= ($2 <> 'open')
                     AND CASE $2 WHEN 'open' THEN i.status IN ('open', 'proposed')
                                 WHEN 'answered' THEN i.status IN ('accepted', 'declined')
                                 ELSE i.status <> 'withdrawn' END
                     AND ($3::uuid IS NULL OR i.holder_unit_id = $3)
                     AND ($4::timestamptz IS NULL OR i.salon_starts_at >= $4)
                     AND ($5::timestamptz IS NULL OR i.salon_starts_at < $5)
                     AND CASE $6 WHEN 'mine' THEN i.claimed_by = $1
                                 WHEN 'none' THEN i.claimed_by IS NULL
                                 ELSE true END
                     -- A later page: after the last line of the one before, in the same order
                     -- (the first page: after nothing), as the index's bound.
                     AND (i.status NOT IN ('open', 'proposed'), coalesce(i.due, 'infinity'::date),
                          i.sent_at, i.id)
                         > (coalesce($7, false),
                            CASE WHEN $7 IS NULL THEN '-infinity'::date
                                 ELSE coalesce($8::date, 'infinity'::date) END,
                            coalesce($9::timestamptz, '-infinity'::timestamptz),
                            coalesce($10::uuid, '00000000-0000-0000-0000-000000000000'::uuid))
                   -- What is due first: open before answered, then the earlier of the date
                   -- the host asked for an answer by and the salon's own day; then the oldest.
                   ORDER BY i.status NOT IN ('open', 'proposed'), coalesce(i.due, 'infinity'::date),
                            i.sent_at, i.id
                   LIMIT $11) p
               ORDER BY p.answered, coalesce(p.due, 'infinity'::date), p.sent_at, p.id
               LIMIT $11)
           -- The units to filter by are the units walked for themselves (the walks without a
           -- municipality, the person's own walk aside): read once, not joined again.
           SELECT CASE WHEN p.n IS NULL OR p.n = 1 THEN
                  (SELECT coalesce(json_agg(json_build_object('id', w.holder::uuid, 'name', w.holder_name)
                                            ORDER BY w.holder_name), '[]')
                   FROM walks w WHERE w.municipality IS NULL AND w.holder <> $1::uuid::text)
                  END AS units,
                  -- The next steps the person owns (public salons only), on the first row too:
                  -- in the page's statement rather than a round trip of their own; found from
                  -- the owner, not by asking about every agreement (migration 0092).
                  CASE WHEN p.n IS NULL OR p.n = 1 THEN
                  (SELECT coalesce(json_agg(l ORDER BY l.position), '[]')
                   FROM agreement_lines_owned($1, true) l) END
                      AS steps,
                  p.id AS id, p.title AS title, p.first_starts_at, p.status AS status,
                  p.sent_at AS sent_at, p.reply_by, p.holder AS holder, p.claimed_at,
                  (SELECT cu.name FROM users cu WHERE cu.id = p.claimed_by) AS claimed_name,
                  p.answered AS answered, p.due
           FROM (SELECT 1) one LEFT JOIN page p ON true
           ORDER BY p.n"#;

/// The salon's time in words, as `Tr::datetime` writes it ("lørdag 5. december kl. 14.00").
/// A page shows 50 and the same salons come back page after page, so each worker thread keeps
/// the texts by language and moment, as the cards' times are kept (`SalonCard::time`): made
/// afresh, each was Copenhagen's offset looked up and the pattern filled (~1,300 instructions).
/// Bounded by starting afresh past 2,048 texts.
fn when(tr: &Tr, at: DateTime<Utc>) -> String {
    use std::cell::RefCell;
    use std::collections::HashMap;
    const KEPT: usize = 2048;
    type Kept = HashMap<(Locale, DateTime<Utc>), String>;
    thread_local! {
        static KEPT_WHEN: RefCell<Kept> = RefCell::new(HashMap::new());
    }
    KEPT_WHEN.with(|kept| {
        if let Some(text) = kept.borrow().get(&(tr.locale, at)) {
            return text.clone();
        }
        let text = tr.datetime(at);
        let mut kept = kept.borrow_mut();
        if kept.len() >= KEPT {
            kept.clear();
        }
        kept.insert((tr.locale, at), text.clone());
        text
    })
}

fn day(raw: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").ok()
}

fn day_start(d: NaiveDate) -> Option<DateTime<Utc>> {
    Some(crate::clock::copenhagen(d, chrono::NaiveTime::MIN))
}

/// `GET /inbox`.
pub async fn page(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    Query(q): Query<Filters>,
) -> Result<Response, AppError> {
    let status = match q.status.as_str() {
        "answered" | "all" => q.status.clone(),
        _ => "open".to_string(),
    };
    let claim = match q.claim.as_str() {
        "mine" | "none" => q.claim.clone(),
        _ => "all".to_string(),
    };
    let unit = Uuid::parse_str(q.unit.trim()).ok();
    let from = day(&q.from).and_then(day_start);
    let to = day(&q.to).and_then(|d| day_start(d.succ_opt()?));
    let now = state.clock.now();
    let today = now.with_timezone(&Copenhagen).date_naive();
    let after = q.after.as_deref().and_then(After::parse);
    // The page, the units to filter by and the next steps the person owns, in one statement:
    // the page's lines as rows (left-joined, so an empty page still brings the rest; the units
    // and the next steps only on the first row).
    let records = sqlx::query(INBOX)
        .bind(user.id)
        .bind(&status)
        .bind(unit)
        .bind(from)
        .bind(to)
        .bind(&claim)
        .bind(after.map(|a| a.answered))
        .bind(after.and_then(|a| a.due))
        .bind(after.map(|a| a.sent_at))
        .bind(after.map(|a| a.id))
        .bind(PAGE + 1)
        .bind(&user.name)
        .fetch_all(&state.db)
        .await?;

    // The units and the next steps come on the first row only (the statement's order).
    let (units, steps) = match records.first() {
        Some(r) => {
            let units: Option<Json<Vec<Unit>>> = r.try_get_unchecked(0)?;
            let steps: Option<Json<Vec<LineRow>>> = r.try_get_unchecked(1)?;
            (
                units.map(|u| u.0).unwrap_or_default(),
                steps.map(|s| s.0).unwrap_or_default(),
            )
        }
        None => (Vec::new(), Vec::new()),
    };
    // Whether the person answers for anything: an approved role, which the session found
    // already (its open count is set exactly then).
    let answers_any = user.inbox.is_some();
    let mut rows = Vec::with_capacity(records.len());
    for r in &records {
        // The one row of an empty page has no line.
        if let Some(row) = Row::read(r)? {
            rows.push(row);
        }
    }
    // A page's link keeps the filters it was found with.
    let href = |after: Option<&After>| {
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        query
            .append_pair("status", &status)
            .append_pair("claim", &claim);
        for (name, value) in [
            ("unit", q.unit.trim()),
            ("from", q.from.trim()),
            ("to", q.to.trim()),
        ] {
            if !value.is_empty() {
                query.append_pair(name, value);
            }
        }
        if let Some(after) = after {
            query.append_pair("after", &after.to_string());
        }
        format!("/inbox?{}", query.finish())
    };
    let next = (rows.len() as i64 > PAGE).then(|| {
        rows.truncate(PAGE as usize);
        let last = rows.last().expect("a full page has a last line");
        let after = After {
            answered: last.answered,
            due: last.due,
            sent_at: last.sent_at,
            id: last.id,
        };
        href(Some(&after))
    });
    let tr = &f.tr;
    let lines = rows
        .into_iter()
        .map(|r| {
            let open = matches!(r.status, "open" | "proposed");
            let salon_day = r
                .first_starts_at
                .filter(|s| *s > now)
                .map(|s| (s.with_timezone(&Copenhagen).date_naive() - today).num_days());
            Line {
                reply_by: r.reply_by.map(|d| Escaped(tr.day(d))),
                overdue: open && r.reply_by.is_some_and(|d| d < today),
                soon: salon_day
                    .filter(|_| open)
                    .map(|days| Escaped(tr.count("inv-inbox-salon-in", days))),
                id: r.id,
                salon_title: Words(r.title),
                holder: Words(r.holder),
                state: tr.text(match r.status {
                    "open" => "inv-inbox-state-open",
                    "proposed" => "inv-inbox-state-proposed",
                    "accepted" => "inv-inbox-state-accepted",
                    "declined" => "inv-inbox-state-declined",
                    _ => "inv-inbox-state-withdrawn",
                }),
                open,
                age: Escaped(sent(tr, now, r.sent_at)),
                salon_when: Escaped(r.first_starts_at.map(|s| when(tr, s)).unwrap_or_default()),
                claim: match (r.claimed_name, r.claimed_at) {
                    (Some(name), Some(at)) if open => {
                        Some(crate::web::markup::Isolated(tr.t_args(
                            "inv-inbox-claimed",
                            &[
                                ("name", crate::web::markup::name(name).into()),
                                ("since", tr.date(at).into()),
                            ],
                        )))
                    }
                    _ => None,
                },
            }
        })
        .collect();
    let agreements = crate::agreements::shown::owned_from(&f.tr, now, steps);
    let notice = crate::web::done_notice(&f.tr, "inv-answer", q.done.as_deref(), &["passed-on"]);
    let page = InboxPage {
        next,
        first: after.is_some().then(|| href(None)),
        notice,
        agreements,
        lines,
        texts: LineTexts::new(&f.tr),
        status,
        claim,
        units: units
            .into_iter()
            .map(|u| UnitChoice {
                selected: Some(u.id) == unit,
                id: u.id,
                name: u.name,
            })
            .collect(),
        from: q.from.trim().chars().take(10).collect(),
        to: q.to.trim().chars().take(10).collect(),
        answers_any,
        f,
    };
    Ok(Page(page).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The kept ages read as the two messages formatted afresh do, the first time and when
    /// kept, in both languages, across minutes, hours and days.
    #[test]
    fn kept_ages_match_the_messages_formatted_afresh() {
        let now = DateTime::parse_from_rfc3339("2026-12-07T08:00:00Z")
            .unwrap()
            .to_utc();
        for locale in Locale::ALL {
            let tr = Tr::new(locale);
            for minutes in (0..200)
                .chain((0..400).map(|i| i * 37))
                .chain([-5, 60 * 24 * 900])
            {
                let sent_at = now - chrono::TimeDelta::minutes(minutes);
                let afresh = tr.t1(
                    "inv-inbox-sent",
                    "ago",
                    &super::super::ago(&tr, now, sent_at),
                );
                assert_eq!(sent(&tr, now, sent_at), afresh, "{locale:?} {minutes}");
                assert_eq!(
                    sent(&tr, now, sent_at),
                    afresh,
                    "{locale:?} {minutes}, kept"
                );
            }
        }
    }

    /// The kept salon times read as `Tr::datetime` writes them, the first time and when
    /// kept, in both languages, across summer and winter time and the changes between.
    #[test]
    fn kept_salon_times_match_the_words_made_afresh() {
        let start = DateTime::parse_from_rfc3339("2026-03-27T22:30:00Z")
            .unwrap()
            .to_utc();
        for locale in Locale::ALL {
            let tr = Tr::new(locale);
            for step in 0..3000 {
                let at = start + chrono::TimeDelta::minutes(step * 97);
                assert_eq!(when(&tr, at), tr.datetime(at), "{locale:?} {at}");
                assert_eq!(when(&tr, at), tr.datetime(at), "{locale:?} {at}, kept");
            }
        }
    }
}
