//! Agreements (næste skridt): what a salon agreed, with an owner — the citizens themselves, a
//! unit, or a named person in a role — an optional due date and a status. One assigned to a
//! unit or person is proposed until they accept it ("Vi tager den", confirming or setting the
//! due date) or refuse it with a reason ("Afvist af kommunen"); the owner then updates its
//! status with a public note, and every update is on its timeline and mailed to the hosts and
//! those registered.
//!
//! No one can make the municipality late: a due date is never in the past, a proposed step is
//! never overdue (only one its owner took), and a proposal nobody answers in 14 days shows as
//! "ikke besvaret" in the owner's figures. Hosts correct a step's text in the open (every
//! earlier version stays, "rettet <dato>") and withdraw a step while it is only proposed.
//!
//! Where to look: [`hosts`] is the hosts' page (adding, correcting, withdrawing); [`owners`]
//! the agreement's own page and what owners do; [`shown`] the lists on salon, unit and
//! municipality pages. Who may act is one SQL view, `agreement_owners`.

mod hosts;
mod owners;
pub mod shown;

use axum::http::Extensions;
pub use hosts::{NewAgreement, Owner, add_agreement, parse_description};
pub use owners::{Change, change};

use axum::routing::{get, post};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use crate::auth::resources::resolved_extractor;
use crate::auth::{Access, Check, CurrentUser, RouteSpec, typed};
use crate::domain::ids::AgreementId;
use crate::error::AppError;
use crate::mail::{self, Message, Recipient};
use crate::state::AppState;
use crate::web::i18n::Tr;

pub fn routes() -> Vec<RouteSpec> {
    use crate::salons::SALON_HOST;
    use Access::*;
    vec![
        RouteSpec::get("/salons/{key}/agreements", SALON_HOST, get(hosts::page)),
        RouteSpec::post("/salons/{key}/agreements", SALON_HOST, post(hosts::add)),
        RouteSpec::post(
            "/salons/{key}/agreements/{agreement}/edit",
            SALON_HOST,
            post(hosts::edit),
        ),
        RouteSpec::post(
            "/salons/{key}/agreements/{agreement}/withdraw",
            SALON_HOST,
            post(hosts::withdraw),
        ),
        RouteSpec::get("/agreements/{agreement}", Public, get(owners::page)),
        RouteSpec::post(
            "/agreements/{agreement}/accept",
            AGREEMENT_OWNER,
            post(owners::accept),
        ),
        RouteSpec::post(
            "/agreements/{agreement}/refuse",
            AGREEMENT_OWNER,
            post(owners::refuse),
        ),
        RouteSpec::post(
            "/agreements/{agreement}/status",
            AGREEMENT_OWNER,
            post(owners::update),
        ),
    ]
}

/// An agreement's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Proposed,
    Agreed,
    InProgress,
    Done,
    /// Given up after it was taken.
    Dropped,
    /// The owner said no while it was proposed ("Afvist af kommunen").
    Refused,
    /// The hosts withdrew it while it was proposed.
    Withdrawn,
}

impl Status {
    pub fn from_db(raw: &str) -> Status {
        match raw {
            "agreed" => Status::Agreed,
            "in_progress" => Status::InProgress,
            "done" => Status::Done,
            "dropped" => Status::Dropped,
            "refused" => Status::Refused,
            "withdrawn" => Status::Withdrawn,
            _ => Status::Proposed,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Proposed => "proposed",
            Status::Agreed => "agreed",
            Status::InProgress => "in_progress",
            Status::Done => "done",
            Status::Dropped => "dropped",
            Status::Refused => "refused",
            Status::Withdrawn => "withdrawn",
        }
    }

    /// What an owner may set once it is agreed.
    pub fn parse_update(raw: &str) -> Option<Status> {
        match raw {
            "in_progress" => Some(Status::InProgress),
            "done" => Some(Status::Done),
            "dropped" => Some(Status::Dropped),
            _ => None,
        }
    }

    pub fn is_open(self) -> bool {
        matches!(self, Status::Proposed | Status::Agreed | Status::InProgress)
    }

    /// Taken by its owner and not finished: the only state a due date binds.
    pub fn is_taken(self) -> bool {
        matches!(self, Status::Agreed | Status::InProgress)
    }

    pub fn label(self, tr: &Tr) -> String {
        tr.t(&format!("agr-status-{}", self.as_str().replace('_', "-")))
    }

    /// The state in words, with the reason for a refusal: "Afvist af kommunen: <begrundelse>".
    pub fn text(self, tr: &Tr, refusal_reason: &str) -> String {
        match self {
            Status::Refused if !refusal_reason.is_empty() => {
                tr.t1("agr-status-refused-because", "reason", refusal_reason)
            }
            _ => self.label(tr),
        }
    }
}

/// How long a proposal may wait for its owner before the figures say "ikke besvaret".
pub const UNANSWERED_AFTER_DAYS: i64 = 14;

/// One agreement with its salon and owner.
#[derive(Clone, Debug)]
pub struct Agreement {
    pub id: Uuid,
    pub salon_id: Uuid,
    pub salon_title: String,
    pub salon_slug: String,
    pub description: String,
    pub owner: String,
    pub owner_label: String,
    pub owner_unit_id: Option<Uuid>,
    pub due_on: Option<NaiveDate>,
    pub status: Status,
    pub refusal_reason: String,
    pub created_at: DateTime<Utc>,
    /// When its text was last corrected by the hosts.
    pub corrected_at: Option<DateTime<Utc>>,
}

impl Agreement {
    pub fn salon_path(&self) -> String {
        crate::salons::visibility::path(self.salon_id, &self.salon_slug)
    }

    /// Past its due date after its owner took it (a proposal is never late: nobody has
    /// agreed to the date yet).
    pub fn overdue(&self, today: NaiveDate) -> bool {
        self.status.is_taken() && self.due_on.is_some_and(|d| d < today)
    }
}

/// The owner as people read it: "Borgerne", "Teknik og Miljø, Skanderborg Kommune", a name.
pub fn owner_label(
    tr: &Tr,
    owner: &str,
    unit: Option<&str>,
    person: Option<&str>,
    municipality: &str,
) -> String {
    match (owner, unit, person) {
        ("unit", Some(u), _) => format!("{u}, {municipality}"),
        ("person", _, Some(p)) => format!("{p}, {municipality}"),
        _ => tr.t("agr-owner-citizens"),
    }
}

pub async fn load(conn: &mut PgConnection, tr: &Tr, id: Uuid) -> Result<Agreement, AppError> {
    let r = sqlx::query!(
        r#"SELECT a.id, a.salon_id, s.title, s.slug, a.description, a.owner::text AS "owner!",
                  un.name AS "unit?", u.name AS "person?", m.official_name, a.owner_unit_id,
                  a.due_on, a.status::text AS "status!", a.refusal_reason, a.created_at,
                  a.corrected_at
           FROM agreements a JOIN salons s ON s.id = a.salon_id
           JOIN municipalities m ON m.code = s.municipality_code
           LEFT JOIN units un ON un.id = a.owner_unit_id
           LEFT JOIN users u ON u.id = a.owner_user_id
           WHERE a.id = $1"#,
        id
    )
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(AppError::NotFound)?;
    Ok(Agreement {
        id: r.id,
        salon_id: r.salon_id,
        salon_title: r.title,
        salon_slug: r.slug,
        owner_label: owner_label(
            tr,
            &r.owner,
            r.unit.as_deref(),
            r.person.as_deref(),
            &r.official_name,
        ),
        owner: r.owner,
        owner_unit_id: r.owner_unit_id,
        description: r.description,
        due_on: r.due_on,
        status: Status::from_db(&r.status),
        refusal_reason: r.refusal_reason,
        created_at: r.created_at,
        corrected_at: r.corrected_at,
    })
}

/// Someone who may act for the agreement named by `{agreement}`: its salon's hosts for the
/// citizens' own, those who answer for its unit, or the person it is assigned to.
pub const AGREEMENT_OWNER: Access = Access::Resource(&Check {
    name: "agreement owner",
    segment: Some("agreement"),
    resolve: |state, user, raw, resources| Box::pin(owner(state, user, raw, resources)),
});

/// The agreement of an [`AGREEMENT_OWNER`] route, which the person may act for.
#[derive(Clone, Copy, Debug)]
pub struct OwnedAgreement(pub AgreementId);

resolved_extractor!(OwnedAgreement);

async fn owner(
    state: &AppState,
    user: &CurrentUser,
    raw: &str,
    resources: &mut Extensions,
) -> Result<(), AppError> {
    let id: AgreementId = typed(raw)?;
    user.require_verified()?;
    if !may_act(&state.db, id.uuid(), user.id).await? {
        return Err(AppError::Forbidden);
    }
    resources.insert(OwnedAgreement(id));
    Ok(())
}

/// Whether `user` may act for agreement `id` (the [`AGREEMENT_OWNER`] check).
pub async fn may_act(db: &sqlx::PgPool, id: Uuid, user: Uuid) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM agreement_owners WHERE agreement_id = $1 AND user_id = $2) AS "x!""#,
        id,
        user
    )
    .fetch_one(db)
    .await
}

/// Appends an update to the agreement's timeline.
pub async fn record_update(
    conn: &mut PgConnection,
    id: Uuid,
    status: Status,
    note: &str,
    actor: (Uuid, &str),
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query!(
        r#"INSERT INTO agreement_updates (id, agreement_id, status, note, actor_id, actor_name, at)
           VALUES ($1, $2, $3::text::agreement_status, $4, $5, $6, $7)"#,
        Uuid::new_v4(),
        id,
        status.as_str(),
        note,
        actor.0,
        actor.1,
        now
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Tells the owners of agreement `id` what the hosts did (`what`, with `note`), the agreement
/// loaded again so the mail shows it as it now stands.
pub(super) async fn tell_owners(
    conn: &mut PgConnection,
    state: &AppState,
    tr: &Tr,
    id: Uuid,
    what: &str,
    by: &str,
    note: &str,
) -> Result<(), AppError> {
    let a = load(conn, tr, id).await?;
    let owners = owners_of(conn, id).await?;
    tell(conn, state, owners, &a, what, by, note).await
}

/// Mails `people` about agreement `a`: `what` is a locale key for the line saying what
/// happened, with `$by`, `$status` and `$note`.
pub async fn tell(
    conn: &mut PgConnection,
    state: &AppState,
    people: Vec<Uuid>,
    a: &Agreement,
    what: &str,
    by: &str,
    note: &str,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let link = state.config.link(&format!("/agreements/{}", a.id));
    for person in people {
        let to = Recipient::User(person);
        let locale = mail::recipient_locale(&mut *conn, &to).await?;
        let tr = Tr::new(locale);
        let line = tr.t_args(
            what,
            &[
                ("by", by.to_string().into()),
                ("status", a.status.label(&tr).into()),
                ("note", note.to_string().into()),
            ],
        );
        let args = [
            ("title", a.salon_title.clone().into()),
            ("agreement", a.description.clone().into()),
            ("what", line.into()),
            ("link", link.clone().into()),
        ];
        let m = Message::new(
            "agreement.update",
            tr.t_args("agr-mail-subject", &args),
            tr.t_args("agr-mail-body", &args),
        );
        mail::notify(&mut *conn, now, to, m).await?;
    }
    state.job_wake.notify_one();
    Ok(())
}

/// The latest day a step may be due: today in Copenhagen. A due date before it is refused, so
/// no one can set a step up to be late.
pub fn parse_due(raw: &str, today: NaiveDate) -> Result<Option<NaiveDate>, crate::domain::Invalid> {
    use crate::domain::Invalid;
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let day = NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(raw, "%d-%m-%Y"))
        .map_err(|_| Invalid("agr-error-due-invalid"))?;
    if day < today {
        return Err(Invalid("agr-error-due-past"));
    }
    Ok(Some(day))
}

/// Those who follow a salon's agreements: its hosts and everyone registered.
pub async fn followers(conn: &mut PgConnection, salon: Uuid) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar!(
        r#"SELECT DISTINCT x.user_id AS "user_id!" FROM (
               SELECT user_id FROM salon_hosts WHERE salon_id = $1
               UNION SELECT user_id FROM registrations
               WHERE salon_id = $1 AND status = 'registered' AND user_id IS NOT NULL) x
           JOIN users u ON u.id = x.user_id WHERE u.deleted_at IS NULL"#,
        salon
    )
    .fetch_all(conn)
    .await
}

/// Those who may act for agreement `id`.
pub async fn owners_of(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar!(
        r#"SELECT DISTINCT o.user_id AS "user_id!" FROM agreement_owners o
           JOIN users u ON u.id = o.user_id WHERE o.agreement_id = $1 AND u.deleted_at IS NULL"#,
        id
    )
    .fetch_all(conn)
    .await
}
