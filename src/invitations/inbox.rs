//! `/inbox`: the invitations a person may answer — to them, to the units they answer for,
//! and (for admins) to the whole municipality. Oldest unanswered first, with its age and the
//! salon's date in plain sight, a page at a time. The session, one statement for the page and
//! its filters, and the next steps the person follows up.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Europe::Copenhagen;
use serde::Deserialize;
use uuid::Uuid;

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::{Frame, Page};
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

/// One invitation of the page, as the statement gives it.
#[derive(Debug, serde::Deserialize)]
struct Row {
    id: Uuid,
    title: String,
    first_starts_at: Option<DateTime<Utc>>,
    status: String,
    sent_at: DateTime<Utc>,
    reply_by: Option<NaiveDate>,
    holder: String,
    claimed_at: Option<DateTime<Utc>>,
    claimed_name: Option<String>,
    answered: bool,
    due: Option<NaiveDate>,
}

/// A unit the person answers for, to filter by.
#[derive(Debug, serde::Deserialize)]
struct Unit {
    id: Uuid,
    name: String,
}

/// One line of the inbox.
pub struct Line {
    pub id: Uuid,
    pub salon_title: String,
    pub holder: String,
    pub state: String,
    pub open: bool,
    pub age: String,
    pub salon_when: String,
    /// The host's "svar gerne senest", as a date ("5. december 2026"), if they gave one.
    pub reply_by: Option<String>,
    /// Open and past the date the host asked for an answer by.
    pub overdue: bool,
    /// How soon the salon is ("Salonen er om 3 dage"), while it is ahead and the line open.
    pub soon: Option<String>,
    /// Who in the unit handles it and since when; `None` when nobody has taken it.
    pub claim: Option<crate::web::markup::Isolated>,
}

pub struct UnitChoice {
    pub id: Uuid,
    pub name: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "invitations/inbox.html")]
pub struct InboxPage {
    f: Frame,
    lines: Vec<Line>,
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

impl InboxPage {
    /// The status filter's choices: value, label, checked.
    pub fn status_choices(&self) -> Vec<(&'static str, String, bool)> {
        ["open", "answered", "all"]
            .into_iter()
            .map(|s| {
                (
                    s,
                    self.f.tr.t(&format!("inv-inbox-status-{s}")),
                    self.status == s,
                )
            })
            .collect()
    }

    /// The "who has it" filter's choices: value, label, checked.
    pub fn claim_choices(&self) -> Vec<(&'static str, String, bool)> {
        ["all", "mine", "none"]
            .into_iter()
            .map(|c| {
                (
                    c,
                    self.f.tr.t(&format!("inv-inbox-claim-{c}")),
                    self.claim == c,
                )
            })
            .collect()
    }
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
    // The page, the units to filter by and whether the person answers for anything, in one
    // statement: the lines as JSON, so an empty page still brings the rest.
    let r = sqlx::query!(
        // Who holds it, as scalar look-ups the first of which settles it: joined, the planner
        // (which cannot see through `invitation_answerers` and expects one row) scanned every
        // unit once per invitation — 35 ms for 100 open invitations at 100,000 salons, against
        // 1.4 ms so (bench/README.md).
        r#"WITH page AS (
               SELECT i.id, s.title, s.first_starts_at, i.status::text AS status, i.sent_at,
                      i.reply_by,
                      COALESCE((SELECT un.name FROM units un WHERE un.id = i.holder_unit_id),
                               (SELECT hu.name FROM users hu WHERE hu.id = i.holder_user_id),
                               (SELECT m.official_name FROM municipalities m
                                WHERE m.code = i.municipality_code)) AS holder,
                      i.claimed_at,
                      (SELECT cu.name FROM users cu WHERE cu.id = i.claimed_by) AS claimed_name,
                      i.status NOT IN ('open', 'proposed') AS answered,
                      least(i.reply_by, (s.first_starts_at AT TIME ZONE 'Europe/Copenhagen')::date)
                          AS due
               FROM invitations i
               JOIN salons s ON s.id = i.salon_id
               -- The invitations first, then each by its key: as a semi-join, the planner's
               -- guess for the view (a few rows) had it scan the invitations and compare each
               -- with every answerable one — 3 ms at 1,000 salons, 1.2 ms so.
               WHERE i.id = ANY (ARRAY(SELECT a.invitation_id FROM invitation_answerers a
                                       WHERE a.user_id = $1))
                 -- A salon the moderators hid is not the municipality's work.
                 AND s.hidden_reason IS NULL
                 AND CASE $2 WHEN 'open' THEN i.status IN ('open', 'proposed')
                             WHEN 'answered' THEN i.status IN ('accepted', 'declined')
                             ELSE i.status <> 'withdrawn' END
                 AND ($3::uuid IS NULL OR i.holder_unit_id = $3)
                 AND ($4::timestamptz IS NULL OR s.first_starts_at >= $4)
                 AND ($5::timestamptz IS NULL OR s.first_starts_at < $5)
                 AND CASE $6 WHEN 'mine' THEN i.claimed_by = $1
                             WHEN 'none' THEN i.claimed_by IS NULL
                             ELSE true END
                 -- A later page: after the last line of the one before, in the same order.
                 AND ($7::bool IS NULL
                      OR (i.status NOT IN ('open', 'proposed'),
                          coalesce(least(i.reply_by,
                                         (s.first_starts_at AT TIME ZONE 'Europe/Copenhagen')::date),
                                   'infinity'::date),
                          i.sent_at, i.id)
                         > ($7, coalesce($8::date, 'infinity'::date), $9::timestamptz, $10::uuid))
               -- What is due first: open before answered, then the earlier of the date the
               -- host asked for an answer by and the salon's own day; then the oldest.
               ORDER BY answered,
                        coalesce(least(i.reply_by,
                                       (s.first_starts_at AT TIME ZONE 'Europe/Copenhagen')::date),
                                 'infinity'::date),
                        i.sent_at, i.id
               LIMIT $11)
           SELECT (SELECT coalesce(json_agg(p ORDER BY p.answered, p.due NULLS LAST, p.sent_at, p.id),
                                   '[]')
                   FROM page p) AS "lines!: Json<Vec<Row>>",
                  (SELECT coalesce(json_agg(json_build_object('id', u.id, 'name', u.name)
                                            ORDER BY u.name), '[]')
                   FROM (SELECT DISTINCT un.id, un.name FROM role_units ru
                         JOIN roles r ON r.id = ru.role_id AND r.status = 'approved'
                         JOIN units un ON un.id = ru.unit_id
                         WHERE r.user_id = $1 AND ru.answers_for) u) AS "units!: Json<Vec<Unit>>",
                  EXISTS (SELECT 1 FROM roles WHERE user_id = $1 AND status = 'approved')
                      AS "answers_any!""#,
        user.id,
        status,
        unit,
        from,
        to,
        claim,
        after.map(|a| a.answered),
        after.and_then(|a| a.due),
        after.map(|a| a.sent_at),
        after.map(|a| a.id),
        PAGE + 1
    )
    .fetch_one(&state.db)
    .await?;
    let mut rows = r.lines.0;
    let units = r.units.0;
    // Whoever answers for a unit has an approved role.
    let answers_any = r.answers_any;
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
            let open = r.status == "open" || r.status == "proposed";
            let salon_day = r
                .first_starts_at
                .filter(|s| *s > now)
                .map(|s| (s.with_timezone(&Copenhagen).date_naive() - today).num_days());
            Line {
                reply_by: r.reply_by.map(|d| tr.day(d)),
                overdue: open && r.reply_by.is_some_and(|d| d < today),
                soon: salon_day
                    .filter(|_| open)
                    .map(|days| tr.count("inv-inbox-salon-in", days)),
                id: r.id,
                salon_title: r.title,
                holder: r.holder,
                state: tr.t(&format!("inv-inbox-state-{}", r.status)),
                open,
                age: tr.t1("inv-inbox-sent", "ago", &super::ago(tr, now, r.sent_at)),
                salon_when: r
                    .first_starts_at
                    .map(|s| tr.datetime(s))
                    .unwrap_or_default(),
                claim: match (r.claimed_name, r.claimed_at) {
                    (Some(name), Some(at)) if open => {
                        Some(crate::web::markup::Isolated(tr.t_args(
                            "inv-inbox-claimed",
                            &[
                                ("name", crate::web::markup::name(&name).into()),
                                ("since", tr.date(at).into()),
                            ],
                        )))
                    }
                    _ => None,
                },
            }
        })
        .collect();
    let agreements = crate::agreements::shown::for_owner(&state, &f.tr, user.id).await?;
    let notice = crate::web::done_notice(&f.tr, "inv-answer", q.done.as_deref(), &["passed-on"]);
    let page = InboxPage {
        next,
        first: after.is_some().then(|| href(None)),
        notice,
        agreements,
        lines,
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
