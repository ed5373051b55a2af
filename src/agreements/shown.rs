//! The agreements as lists: under a salon, on a unit's or municipality's page (open, done,
//! overdue and unanswered beside the response record), and in an owner's inbox. One query
//! each, the SQL function `agreement_lines` (for one owner, `agreement_lines_owned`, which
//! finds the owner's from the owner); the municipality's and unit's pages and the inbox read
//! it inside their own statement. Only a step its owner took can be overdue; a proposal
//! its owner has not answered in 14 days counts as "ikke besvaret" (silence never helps).

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Europe::Copenhagen;
use uuid::Uuid;

use super::{Status, UNANSWERED_AFTER_DAYS, owner_label};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::i18n::Tr;

/// One agreement in a list.
pub struct Line {
    pub id: Uuid,
    pub description: String,
    pub owner: String,
    /// The owner's public profile, when the step is a person's and they have one (a live
    /// account with an approved municipal role): their name links there.
    pub owner_profile: Option<Uuid>,
    pub due: Option<String>,
    pub status: String,
    /// The status itself, for deciding what is open (the text above is for reading).
    pub state: Status,
    pub overdue: bool,
    /// Proposed, and its owner has not answered in 14 days.
    pub unanswered: bool,
    /// "rettet 5. december": its text was corrected by the hosts.
    pub corrected: Option<String>,
    pub salon_title: String,
    pub salon_path: String,
}

impl Line {
    /// The hosts may still withdraw it: its owner has not answered.
    pub fn withdrawable(&self) -> bool {
        self.state == Status::Proposed
    }
}

/// The counts and the open ones, for a unit or a municipality.
#[derive(Default)]
pub struct Followed {
    /// "3 åbne, 5 gennemført, 1 forsinket".
    pub text: String,
    pub open: i64,
    pub done: i64,
    pub overdue: i64,
    pub unanswered: i64,
    pub lines: Vec<Line>,
}

/// Where a list comes from.
enum Scope {
    Salon(Uuid),
    Unit(Uuid),
    Municipality(String),
}

/// An agreement as `agreement_lines` (migration 0056) gives it: the lists read it through
/// [`lines`], the municipality's and unit's pages inside their own statement as JSON.
/// The municipality's and unit's pages read it as a JSON array in the order of its fields
/// (`json_build_array`): the fields' order is the statements' column order.
#[derive(Debug, serde::Deserialize)]
pub struct LineRow {
    pub id: Uuid,
    pub description: String,
    pub owner_kind: String,
    pub unit_name: Option<String>,
    pub person: Option<String>,
    pub official_name: String,
    pub due_on: Option<NaiveDate>,
    pub status: String,
    pub refusal_reason: String,
    pub created_at: DateTime<Utc>,
    pub corrected_at: Option<DateTime<Utc>>,
    pub salon_id: Uuid,
    pub slug: String,
    pub title: String,
    pub owner_profile: Option<Uuid>,
}

async fn lines(state: &AppState, tr: &Tr, scope: Scope) -> Result<Vec<Line>, AppError> {
    let (salon, unit, code) = match scope {
        Scope::Salon(s) => (Some(s), None, None),
        Scope::Unit(u) => (None, Some(u), None),
        Scope::Municipality(c) => (None, None, Some(c)),
    };
    let public_only = salon.is_none();
    let rows = sqlx::query_as!(
        LineRow,
        r#"SELECT id AS "id!", description AS "description!", owner_kind AS "owner_kind!",
                  unit_name, person, official_name AS "official_name!", due_on,
                  status AS "status!", refusal_reason AS "refusal_reason!",
                  created_at AS "created_at!", corrected_at, salon_id AS "salon_id!",
                  slug AS "slug!", title AS "title!", owner_profile
           FROM agreement_lines($1, $2, $3, NULL, $4)"#,
        salon,
        unit,
        code,
        public_only
    )
    .fetch_all(&state.db)
    .await?;
    Ok(to_lines(tr, state.clock.now(), rows))
}

/// The lines as shown, as of `now`, from `agreement_lines`' rows.
pub fn to_lines(tr: &Tr, now: DateTime<Utc>, rows: Vec<LineRow>) -> Vec<Line> {
    let today = now.with_timezone(&Copenhagen).date_naive();
    let silent_since = now - Duration::days(UNANSWERED_AFTER_DAYS);
    rows.into_iter()
        .map(|r| {
            let status = Status::from_db(&r.status);
            Line {
                id: r.id,
                owner: owner_label(
                    tr,
                    &r.owner_kind,
                    r.unit_name.as_deref(),
                    r.person.as_deref(),
                    &r.official_name,
                ),
                owner_profile: r.owner_profile,
                due: r.due_on.map(|d| d.format("%d.%m.%Y").to_string()),
                overdue: status.is_taken() && r.due_on.is_some_and(|d: NaiveDate| d < today),
                unanswered: status == Status::Proposed && r.created_at < silent_since,
                corrected: r
                    .corrected_at
                    .map(|at| crate::web::corrections::corrected_on(tr, at)),
                status: status.text(tr, &r.refusal_reason),
                state: status,
                description: r.description,
                salon_path: crate::salons::visibility::path(r.salon_id, &r.slug),
                salon_title: r.title,
            }
        })
        .collect()
}

/// A salon's agreements (its page may be seen, so all of them).
pub async fn for_salon(state: &AppState, tr: &Tr, salon: Uuid) -> Result<Vec<Line>, AppError> {
    lines(state, tr, Scope::Salon(salon)).await
}

/// What an owner has to follow up, open ones only, as of `now`, from the owner's rows of
/// `agreement_lines_owned` (migration 0092; public salons only): the inbox reads them inside
/// its own statement.
pub fn owned_from(tr: &Tr, now: DateTime<Utc>, rows: Vec<LineRow>) -> Vec<Line> {
    let mut all = to_lines(tr, now, rows);
    all.retain(|l| l.state.is_open());
    all
}

async fn followed(state: &AppState, tr: &Tr, scope: Scope) -> Result<Followed, AppError> {
    Ok(counted(tr, lines(state, tr, scope).await?))
}

/// The counts and open ones of a unit's or municipality's next steps, from
/// `agreement_lines`' rows (public salons only), as of `now`.
pub fn followed_from(tr: &Tr, now: DateTime<Utc>, rows: Vec<LineRow>) -> Followed {
    counted(tr, to_lines(tr, now, rows))
}

fn counted(tr: &Tr, all: Vec<Line>) -> Followed {
    let mut f = Followed::default();
    for l in all {
        if l.state == Status::Done {
            f.done += 1;
        } else if l.state.is_open() {
            f.open += 1;
            f.overdue += i64::from(l.overdue);
            f.unanswered += i64::from(l.unanswered);
            f.lines.push(l);
        }
    }
    f.text = tr.t_args(
        "agr-followed-counts",
        &[
            ("open", f.open.into()),
            ("done", f.done.into()),
            ("overdue", f.overdue.into()),
            ("unanswered", f.unanswered.into()),
        ],
    );
    f
}

/// A unit's agreements from public salons.
pub async fn for_unit(state: &AppState, tr: &Tr, unit: Uuid) -> Result<Followed, AppError> {
    followed(state, tr, Scope::Unit(unit)).await
}

/// A municipality's agreements from public salons.
pub async fn for_municipality(state: &AppState, tr: &Tr, code: &str) -> Result<Followed, AppError> {
    followed(state, tr, Scope::Municipality(code.to_string())).await
}
