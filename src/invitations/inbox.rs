//! `/inbox`: the invitations a person may answer — to them, to the units they answer for,
//! and (for admins) to the whole municipality. Oldest unanswered first, with its age and the
//! salon's date in plain sight. One query.

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
    let rows = sqlx::query!(
        // Who holds it, as scalar look-ups the first of which settles it: joined, the planner
        // (which cannot see through `invitation_answerers` and expects one row) scanned every
        // unit once per invitation — 35 ms for 100 open invitations at 100,000 salons, against
        // 1.4 ms so (bench/README.md).
        r#"SELECT i.id, s.title, s.first_starts_at, i.status::text AS "status!", i.sent_at, i.reply_by,
                  COALESCE((SELECT un.name FROM units un WHERE un.id = i.holder_unit_id),
                           (SELECT hu.name FROM users hu WHERE hu.id = i.holder_user_id),
                           (SELECT m.official_name FROM municipalities m
                            WHERE m.code = i.municipality_code)) AS "holder!",
                  i.claimed_at, (SELECT cu.name FROM users cu WHERE cu.id = i.claimed_by) AS claimed_name
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
           -- What is due first: the earlier of the date the host asked for an answer by and
           -- the salon's own day; then the oldest.
           ORDER BY i.status IN ('open', 'proposed') DESC,
                    least(i.reply_by, (s.first_starts_at AT TIME ZONE 'Europe/Copenhagen')::date)
                        NULLS LAST,
                    i.sent_at, i.id
           LIMIT 500"#,
        user.id,
        status,
        unit,
        from,
        to,
        claim
    )
    .fetch_all(&state.db)
    .await?;
    let units = sqlx::query!(
        r#"SELECT DISTINCT un.id, un.name FROM role_units ru
           JOIN roles r ON r.id = ru.role_id AND r.status = 'approved'
           JOIN units un ON un.id = ru.unit_id
           WHERE r.user_id = $1 AND ru.answers_for ORDER BY un.name"#,
        user.id
    )
    .fetch_all(&state.db)
    .await?;
    let answers_any = !units.is_empty()
        || sqlx::query_scalar!(
            r#"SELECT EXISTS (SELECT 1 FROM roles WHERE user_id = $1 AND status = 'approved') AS "x!""#,
            user.id
        )
        .fetch_one(&state.db)
        .await?;
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
