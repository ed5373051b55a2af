//! Invitations: a salon's hosts invite the municipality — a unit, a named person in a role,
//! the municipality as a whole — or anyone by email, and the municipal side answers, once,
//! in public.
//!
//! Where to look: [`host`] is the hosts' page, [`send`] sending and [`thread`] withdrawing, the
//! thread and proposed times; [`inbox`] lists what a person may answer; [`answer`] is one invitation in the inbox
//! and [`mailbox`] the same answers through an emailed link for people without an account;
//! [`actions`] holds the state changes both share, each a single guarded `UPDATE`, so an
//! invitation is answered exactly once; [`record`] is the public response record; [`public`]
//! what a salon page shows; [`reminders`] the jobs and [`weekly`] the units' Monday mail; [`data`] the download and deletion;
//! [`export`] the municipality's spreadsheet of every invitation and event.
//! Who may answer is one SQL view, `invitation_answerers`; [`access`] the routes' checks.

mod access;
pub mod actions;
mod answer;
mod claims;
mod colleagues;
mod data;
mod export;
mod host;
mod inbox;
mod invitee;
pub mod kept;
mod mailbox;
mod mails;
mod notes;
mod overlap;
mod public;
pub mod record;
mod reminders;
mod respond;
mod send;
mod thread;
mod values;
mod weekly;

use axum::routing::{get, post};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use crate::auth::{Access, RouteSpec};
use crate::error::AppError;
use crate::jobs::Worker;
use crate::web::i18n::Tr;

pub use access::{
    AnswerableInvitation, INVITATION_ANSWERER, INVITATION_INSIDER, InsiderInvitation,
    NAMED_COLLEAGUE, NamedAttendance,
};
pub use data::{on_account_deleted, personal_data};
pub(crate) use mails::{add_stop_link, is_suppressed};
pub use public::SalonInvitation;
pub use send::over_daily_limit;
pub use send::{Delivery, Resolved, invite, resolve, send_awaiting};
pub use thread::withdraw_invitation;
pub use values::{Choice, parse_message};
pub use values::{parse_note, parse_reason};

/// The invitations feature's routes.
pub fn routes() -> Vec<RouteSpec> {
    use crate::salons::SALON_HOST;
    use Access::*;
    vec![
        RouteSpec::get("/salons/{key}/invitations", SALON_HOST, get(host::page)),
        RouteSpec::post("/salons/{key}/invitations", SALON_HOST, post(send::submit)),
        RouteSpec::post(
            "/salons/{key}/invitations/{invitation}/withdraw",
            SALON_HOST,
            post(thread::withdraw),
        ),
        RouteSpec::post(
            "/salons/{key}/invitations/{invitation}/message",
            SALON_HOST,
            post(thread::message),
        ),
        RouteSpec::post(
            "/salons/{key}/invitations/{invitation}/proposal",
            SALON_HOST,
            post(thread::proposal),
        ),
        RouteSpec::get(
            "/admin/{municipality}/invitations.csv",
            crate::municipalities::MUNICIPALITY_ADMIN,
            get(export::csv),
        ),
        RouteSpec::get("/inbox", SignedIn, get(inbox::page)),
        RouteSpec::get(
            "/inbox/{invitation}",
            INVITATION_ANSWERER,
            get(answer::page),
        ),
        RouteSpec::post(
            "/inbox/{invitation}/accept",
            INVITATION_ANSWERER,
            post(respond::accept),
        ),
        RouteSpec::post(
            "/inbox/{invitation}/decline",
            INVITATION_ANSWERER,
            post(respond::decline),
        ),
        RouteSpec::post(
            "/inbox/{invitation}/pass-on",
            INVITATION_ANSWERER,
            post(respond::pass_on),
        ),
        RouteSpec::post(
            "/inbox/{invitation}/claim",
            INVITATION_ANSWERER,
            post(claims::claim),
        ),
        RouteSpec::post(
            "/inbox/{invitation}/hand-over",
            INVITATION_ANSWERER,
            post(claims::hand_over),
        ),
        RouteSpec::post(
            "/inbox/{invitation}/release",
            INVITATION_INSIDER,
            post(claims::release),
        ),
        RouteSpec::get(
            "/inbox/{invitation}/notes",
            INVITATION_INSIDER,
            get(notes::page),
        ),
        RouteSpec::post(
            "/inbox/{invitation}/notes",
            INVITATION_INSIDER,
            post(notes::add),
        ),
        RouteSpec::post(
            "/inbox/{invitation}/propose",
            INVITATION_ANSWERER,
            post(respond::propose),
        ),
        RouteSpec::post(
            "/inbox/{invitation}/question",
            INVITATION_ANSWERER,
            post(respond::question),
        ),
        RouteSpec::post(
            "/inbox/{invitation}/attendees",
            INVITATION_ANSWERER,
            post(respond::attendees),
        ),
        RouteSpec::get(
            "/named/{attendance}",
            NAMED_COLLEAGUE,
            get(colleagues::page),
        ),
        RouteSpec::post(
            "/named/{attendance}/confirm",
            NAMED_COLLEAGUE,
            post(colleagues::confirm),
        ),
        RouteSpec::post(
            "/named/{attendance}/decline",
            NAMED_COLLEAGUE,
            post(colleagues::decline),
        ),
        // The token in the path is the credential: it shows the salon to someone invited.
        RouteSpec::get("/invited/{token}", Public, get(invitee::page)),
        RouteSpec::get("/invitations/answer/{token}", Public, get(mailbox::page)),
        RouteSpec::post("/invitations/answer/{token}", Public, post(mailbox::submit)),
        RouteSpec::get("/invitations/stop/{token}", Public, get(mailbox::stop_page)),
        RouteSpec::post("/invitations/stop/{token}", Public, post(mailbox::stop)),
    ]
}

/// Adds the invitations' reminder job to `worker`.
pub fn register_jobs(worker: Worker) -> Worker {
    worker
        .handle(reminders::KIND, reminders::run)
        .handle(weekly::KIND, weekly::run)
}

pub use weekly::next_slot as next_weekly_slot;

/// Makes sure the units' next weekly mail is due (called when a worker starts).
pub async fn schedule_weekly(state: &crate::state::AppState) -> sqlx::Result<()> {
    weekly::schedule_on_start(state).await
}

/// What was invited.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Unit,
    Person,
    Municipality,
    Email,
}

impl Target {
    pub fn from_db(raw: &str) -> Target {
        match raw {
            "unit" => Target::Unit,
            "person" => Target::Person,
            "municipality" => Target::Municipality,
            _ => Target::Email,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Target::Unit => "unit",
            Target::Person => "person",
            Target::Municipality => "municipality",
            Target::Email => "email",
        }
    }
}

/// Where an invitation stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Open,
    Proposed,
    Accepted,
    Declined,
    Withdrawn,
}

impl Status {
    pub fn from_db(raw: &str) -> Status {
        match raw {
            "proposed" => Status::Proposed,
            "accepted" => Status::Accepted,
            "declined" => Status::Declined,
            "withdrawn" => Status::Withdrawn,
            _ => Status::Open,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Proposed => "proposed",
            Status::Accepted => "accepted",
            Status::Declined => "declined",
            Status::Withdrawn => "withdrawn",
        }
    }

    /// Still waiting for the municipal side or the host.
    pub fn is_live(self) -> bool {
        matches!(self, Status::Open | Status::Proposed)
    }
}

/// Who writes in an invitation's thread.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Writer {
    /// A host of the salon, from the invitations page.
    Host,
    /// Someone answering for the municipal side, from the inbox or by the mailed link.
    Answerer,
}

impl Invitation {
    /// Whether `who` may write in the thread now: the one rule behind both sides' message
    /// forms and the requests they send, so a form is never shown that would be refused.
    /// A thread is for a salon that still happens: once it is cancelled or hidden there is
    /// nothing left to arrange, and a message would only mail people about a dead salon.
    pub fn may_write(&self, who: Writer) -> bool {
        let live = matches!(
            self.status,
            Status::Open | Status::Proposed | Status::Accepted
        ) && self.salon_status != "cancelled"
            && !self.salon_hidden;
        match who {
            // An address the host typed has no inbox to read the host's message in, and an
            // invitation saved on a draft has not been sent yet.
            Writer::Host => live && self.target != Target::Email && !self.awaits_publish,
            Writer::Answerer => live,
        }
    }
}

/// One invitation with what every page about it shows.
#[derive(Clone, Debug)]
pub struct Invitation {
    pub id: Uuid,
    pub salon_id: Uuid,
    pub salon_title: String,
    pub salon_slug: String,
    pub salon_status: String,
    /// Hidden by the moderators (or with its host's suspended account).
    pub salon_hidden: bool,
    pub salon_first_start: Option<DateTime<Utc>>,
    pub target: Target,
    pub municipality_code: Option<String>,
    pub municipality_name: String,
    pub municipality_slug: String,
    pub holder_unit_id: Option<Uuid>,
    pub holder_unit_name: Option<String>,
    pub holder_user_id: Option<Uuid>,
    pub holder_user_name: Option<String>,
    pub email: Option<String>,
    pub via_mailbox: bool,
    pub message: String,
    pub reply_by: Option<NaiveDate>,
    pub status: Status,
    pub sent_by_name: String,
    pub sent_at: DateTime<Utc>,
    pub first_reply_at: Option<DateTime<Utc>>,
    pub answered_at: Option<DateTime<Utc>>,
    pub answered_by_name: String,
    pub decline_reason: String,
    pub proposed_session_id: Option<Uuid>,
    pub proposed_starts_at: Option<DateTime<Utc>>,
    pub proposed_ends_at: Option<DateTime<Utc>>,
    /// Saved on a draft: sent only when the salon is published.
    pub awaits_publish: bool,
    /// Mailed to an address the host typed: answers through it are not the municipality's.
    pub typed_address: bool,
    /// Who among those answering for it handles it ("Jeg tager den"), and since when: for
    /// the answerers' eyes only.
    pub claimed_by: Option<Uuid>,
    pub claimed_name: Option<String>,
    pub claimed_at: Option<DateTime<Utc>>,
}

impl Invitation {
    pub fn salon_path(&self) -> String {
        crate::salons::visibility::path(self.salon_id, &self.salon_slug)
    }

    /// Its state in a word or two, as the inbox shows it.
    pub fn status_text(&self, tr: impl std::borrow::Borrow<Tr>) -> String {
        tr.borrow()
            .t(&format!("inv-inbox-state-{}", self.status.as_str()))
    }

    /// Who holds it, as the public reads it: "Teknik og Miljø, Skanderborg Kommune".
    pub fn holder_label(&self, tr: impl std::borrow::Borrow<Tr>) -> String {
        self.holder_in(tr.borrow())
    }

    /// [`Invitation::holder_label`] for code holding a `&Tr`.
    pub fn holder_in(&self, tr: &Tr) -> String {
        match (&self.holder_unit_name, &self.holder_user_name) {
            (Some(unit), _) => format!("{unit}, {}", self.municipality_name),
            (None, Some(person)) => format!("{person}, {}", self.municipality_name),
            (None, None) if self.target == Target::Email => self
                .email
                .clone()
                .unwrap_or_else(|| tr.t("inv-target-email")),
            (None, None) => self.municipality_name.clone(),
        }
    }
}

/// Loads invitation `id` (any state); `NotFound` when there is none.
pub async fn load(conn: &mut PgConnection, id: Uuid) -> Result<Invitation, AppError> {
    load_where(conn, Some(id), None, None)
        .await?
        .into_iter()
        .next()
        .ok_or(AppError::NotFound)
}

/// Invitation `id` if `user` may answer it (an answerer of `invitation_answerers`): the access check and the
/// load in one query. To anyone else it does not exist.
pub async fn load_answerable(
    conn: &mut PgConnection,
    id: Uuid,
    user: Uuid,
) -> Result<Invitation, AppError> {
    load_where(conn, Some(id), None, Some(user))
        .await?
        .into_iter()
        .next()
        .ok_or(AppError::NotFound)
}

/// Every invitation of salon `salon`, oldest first, in one query.
pub async fn of_salon(conn: &mut PgConnection, salon: Uuid) -> Result<Vec<Invitation>, AppError> {
    load_where(conn, None, Some(salon), None).await
}

/// The one query behind [`load`], [`load_answerable`] and [`of_salon`].
async fn load_where(
    conn: &mut PgConnection,
    id: Option<Uuid>,
    salon: Option<Uuid>,
    answerer: Option<Uuid>,
) -> Result<Vec<Invitation>, AppError> {
    let rows = sqlx::query!(
        r#"SELECT i.id, i.salon_id, s.title AS salon_title, s.slug AS salon_slug,
                  s.status::text AS "salon_status!", s.hidden_reason IS NOT NULL AS "salon_hidden!",
                  s.first_starts_at AS salon_first_start,
                  i.target::text AS "target!", i.municipality_code,
                  coalesce(m.official_name, '') AS "municipality_name!", coalesce(m.slug, '') AS "municipality_slug!",
                  i.holder_unit_id, un.name AS "holder_unit_name?", i.holder_user_id,
                  hu.name AS "holder_user_name?", i.email, i.via_mailbox,
                  -- The personal message is the first event's: hidden by the moderators, it
                  -- is shown (and mailed) nowhere.
                  CASE WHEN EXISTS (SELECT 1 FROM invitation_events e WHERE e.invitation_id = i.id
                                    AND e.kind = 'sent' AND e.hidden_reason IS NOT NULL)
                       THEN '' ELSE i.message END AS "message!", i.reply_by,
                  i.status::text AS "status!", coalesce(su.name, '') AS "sent_by_name!", i.sent_at,
                  i.first_reply_at, i.answered_at, i.answered_by_name, i.decline_reason,
                  i.proposed_session_id, i.proposed_starts_at, i.proposed_ends_at,
                  i.awaits_publish, i.typed_address,
                  i.claimed_by, cu.name AS "claimed_name?", i.claimed_at
           FROM invitations i
           JOIN salons s ON s.id = i.salon_id
           LEFT JOIN municipalities m ON m.code = i.municipality_code
           LEFT JOIN units un ON un.id = i.holder_unit_id
           LEFT JOIN users hu ON hu.id = i.holder_user_id
           LEFT JOIN users su ON su.id = i.sent_by
           LEFT JOIN users cu ON cu.id = i.claimed_by
           WHERE ($1::uuid IS NULL OR i.id = $1) AND ($2::uuid IS NULL OR i.salon_id = $2)
             AND ($3::uuid IS NULL OR EXISTS (SELECT 1 FROM invitation_answerers a
                                              WHERE a.invitation_id = i.id AND a.user_id = $3))
           ORDER BY i.sent_at, i.id"#,
        id,
        salon,
        answerer
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Invitation {
            id: r.id,
            salon_id: r.salon_id,
            salon_title: r.salon_title,
            salon_slug: r.salon_slug,
            salon_status: r.salon_status,
            salon_hidden: r.salon_hidden,
            salon_first_start: r.salon_first_start,
            target: Target::from_db(&r.target),
            municipality_code: r.municipality_code,
            municipality_name: r.municipality_name,
            municipality_slug: r.municipality_slug,
            holder_unit_id: r.holder_unit_id,
            holder_unit_name: r.holder_unit_name,
            holder_user_id: r.holder_user_id,
            holder_user_name: r.holder_user_name,
            email: r.email,
            via_mailbox: r.via_mailbox,
            message: r.message,
            reply_by: r.reply_by,
            status: Status::from_db(&r.status),
            sent_by_name: r.sent_by_name,
            sent_at: r.sent_at,
            first_reply_at: r.first_reply_at,
            answered_at: r.answered_at,
            answered_by_name: r.answered_by_name,
            decline_reason: r.decline_reason,
            proposed_session_id: r.proposed_session_id,
            proposed_starts_at: r.proposed_starts_at,
            proposed_ends_at: r.proposed_ends_at,
            awaits_publish: r.awaits_publish,
            typed_address: r.typed_address,
            claimed_by: r.claimed_by,
            claimed_name: r.claimed_name,
            claimed_at: r.claimed_at,
        })
        .collect())
}

/// How many invitations `user` may answer that wait for an answer (the header's count).
pub async fn open_count(db: &sqlx::PgPool, user: Uuid) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"SELECT count(DISTINCT a.invitation_id) AS "n!" FROM invitation_answerers a
           JOIN invitations i ON i.id = a.invitation_id
           WHERE a.user_id = $1 AND i.status = 'open'"#,
        user
    )
    .fetch_one(db)
    .await
}

/// What an event records besides its kind.
#[derive(Default)]
pub struct EventFacts<'a> {
    pub actor: Option<Uuid>,
    pub actor_name: &'a str,
    pub unit: Option<Uuid>,
    pub to_unit: Option<Uuid>,
    pub to_user: Option<Uuid>,
    pub message: &'a str,
    /// A proposed time, kept with the event so the history shows the time itself.
    pub times: Option<(DateTime<Utc>, DateTime<Utc>)>,
}

/// Appends an event to the invitation's history.
pub async fn record_event(
    conn: &mut PgConnection,
    invitation: Uuid,
    kind: &str,
    facts: EventFacts<'_>,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query!(
        r#"INSERT INTO invitation_events (id, invitation_id, kind, actor_id, actor_name, unit_id,
               to_unit_id, to_user_id, message, at, starts_at, ends_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"#,
        Uuid::new_v4(),
        invitation,
        kind,
        facts.actor,
        facts.actor_name,
        facts.unit,
        facts.to_unit,
        facts.to_user,
        facts.message,
        now,
        facts.times.map(|t| t.0),
        facts.times.map(|t| t.1)
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// "for 2 minutter siden", "for 3 dage siden": how long ago, as people say it.
pub fn ago(tr: &Tr, now: DateTime<Utc>, then: DateTime<Utc>) -> String {
    let (key, count) = ago_count(now, then);
    tr.count(key, count)
}

/// The text [`ago`] counts with and the count: minutes within the hour, hours within two
/// days, days after.
pub fn ago_count(now: DateTime<Utc>, then: DateTime<Utc>) -> (&'static str, i64) {
    let minutes = (now - then).num_minutes().max(0);
    if minutes < 60 {
        ("inv-ago-minutes", minutes)
    } else if minutes < 48 * 60 {
        ("inv-ago-hours", minutes / 60)
    } else {
        ("inv-ago-days", minutes / (24 * 60))
    }
}

/// Whole days since `then` ("5 dage").
pub fn age_days(now: DateTime<Utc>, then: DateTime<Utc>) -> i64 {
    (now - then).num_days().max(0)
}

/// One line of an invitation's history.
#[derive(Clone, Debug)]
pub struct EventLine {
    /// The event's id: a message is reported by it.
    pub id: Uuid,
    pub when: String,
    /// With the names in it isolated (shown through `Isolated`).
    pub text: crate::web::markup::Isolated,
    /// Empty when there is none, or when it is hidden.
    pub message: String,
    /// The moderators' public reason, shown in place of a hidden message.
    pub hidden: Option<String>,
    /// Who wrote it, if they had an account.
    pub actor: Option<Uuid>,
}

impl EventLine {
    /// Whether `viewer` is offered to report the message: someone signed in, and not about
    /// their own words.
    pub fn reportable(&self, viewer: &Option<Uuid>) -> bool {
        !self.message.is_empty() && viewer.is_some() && *viewer != self.actor
    }
}

/// The kinds of event that are the unit's own business (who handles it): shown only in the
/// inbox, never to the hosts.
pub const INTERNAL_EVENTS: [&str; 3] = ["claimed", "handed_over", "released"];

/// Who reads a history: those who answer the invitation see the unit's own events too.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    Answerer,
    Outside,
}

/// The histories of `ids`, in order, in `tr`'s language, as `reader` may see them.
pub async fn history(
    conn: &mut PgConnection,
    tr: &Tr,
    ids: &[Uuid],
    reader: Reader,
) -> sqlx::Result<std::collections::HashMap<Uuid, Vec<EventLine>>> {
    let events = sqlx::query!(
        r#"SELECT e.id, e.invitation_id, e.kind, e.actor_id, e.actor_name, e.message, e.at, e.hidden_reason,
                  e.starts_at, e.ends_at, tu.name AS "to_unit?", tp.name AS "to_user?"
           FROM invitation_events e
           LEFT JOIN units tu ON tu.id = e.to_unit_id
           LEFT JOIN users tp ON tp.id = e.to_user_id
           WHERE e.invitation_id = ANY($1) AND ($2 OR e.kind <> ALL($3))
           ORDER BY e.at, e.seq"#,
        ids,
        reader == Reader::Answerer,
        &INTERNAL_EVENTS.map(String::from)
    )
    .fetch_all(conn)
    .await?;
    let mut out: std::collections::HashMap<Uuid, Vec<EventLine>> = Default::default();
    for e in events {
        // People's names are isolated in the line; a unit's name is not a person's.
        let to = match (e.to_unit, e.to_user) {
            (Some(unit), _) => unit,
            (None, Some(person)) => crate::web::markup::name(&person),
            (None, None) => String::new(),
        };
        let by = if e.actor_name.is_empty() {
            tr.t("salon-deleted-user")
        } else {
            crate::web::markup::name(&e.actor_name)
        };
        // A proposal says the time itself ("Olga Hansen foreslog tirsdag 15. december kl.
        // 19.00–21.00.").
        let (key, when) = match (e.kind.as_str(), e.starts_at, e.ends_at) {
            ("proposed", Some(s), Some(end)) => (
                "inv-event-proposed-at".to_string(),
                crate::salons::session_when(tr, s, end),
            ),
            (kind, ..) => (
                format!("inv-event-{}", kind.replace('_', "-")),
                String::new(),
            ),
        };
        out.entry(e.invitation_id).or_default().push(EventLine {
            id: e.id,
            actor: e.actor_id,
            hidden: e
                .hidden_reason
                .as_deref()
                .map(|r| crate::moderation::public_reason(tr, r)),
            when: tr.datetime(e.at),
            text: tr
                .t_args(
                    &key,
                    &[("by", by.into()), ("to", to.into()), ("when", when.into())],
                )
                .into(),
            message: if e.hidden_reason.is_some() {
                String::new()
            } else {
                e.message
            },
        });
    }
    Ok(out)
}
