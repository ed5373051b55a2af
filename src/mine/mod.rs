//! "Mine saloner", `/mine`: a person's own salons in one place, each with what to do next —
//! what they host (drafts, upcoming, held without a summary, closed, cancelled), what they are
//! registered or waitlisted for, what they are invited to (by email, to co-host, named as a
//! colleague), and for people in a municipal role the salons they come to in it and their
//! units' open invitations.
//!
//! One statement finds every salon the person has to do with ([`load_rows`], a `UNION ALL` with
//! a kind column), however long their history; people in a role get a second one for their
//! roles ([`load_roles`]). Each row is shown as a salon card (`salons/card.html`) with the
//! page's own parts after it: where the person stands, and the next action.

use askama::Template;
use axum::extract::State;
use axum::routing::get;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::auth::{Access, CurrentUser, RouteSpec};
use crate::error::AppError;
use crate::salons::SalonStatus;
use crate::salons::card::{CardStatus, SalonCard};
use crate::salons::visibility;
use crate::state::AppState;
use crate::web::escape::Escaped;
use crate::web::i18n::Tr;
use crate::web::{Frame, Page};
use askama::filters::MaybeSafe;
use sqlx::Row as _;
use sqlx::postgres::PgRow;
use std::collections::HashMap;

/// The feature's one route.
pub fn routes() -> Vec<RouteSpec> {
    vec![RouteSpec::get("/mine", Access::SignedIn, get(page))]
}

/// How the person has to do with a salon: the `kind` column of [`load_rows`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Relation {
    /// Host or co-host.
    Host,
    /// Registered or waitlisted as a citizen.
    Attending,
    /// Coming for the municipality, in their role.
    InRole,
    /// Named as a colleague by an official, asked to confirm.
    Asked,
    /// Invited by email to an address they have confirmed.
    Invited,
    /// Invited to co-host, not yet answered.
    Cohost,
    /// An open invitation they may answer for their unit (or person, or municipality).
    Inbox,
}

impl Relation {
    fn parse(raw: &str) -> Option<Relation> {
        Some(match raw {
            "host" => Relation::Host,
            "attend" => Relation::Attending,
            "role" => Relation::InRole,
            "asked" => Relation::Asked,
            "invited" => Relation::Invited,
            "cohost" => Relation::Cohost,
            "inbox" => Relation::Inbox,
            _ => return None,
        })
    }
}

/// One salon on the page: its card, and how the person has to do with it.
#[derive(Clone, Debug)]
pub struct MineRow {
    pub relation: Relation,
    /// The salon's card: its path and title are the page's too.
    pub card: SalonCard,
    pub status: SalonStatus,
    /// Hidden by a moderator (shown to its hosts only).
    pub hidden: bool,
    /// The next session that has not ended; `None` once all have (or for a draft without one).
    pub next_at: Option<DateTime<Utc>>,
    /// The last session's start, for salons that are over.
    pub last_at: Option<DateTime<Utc>>,
    /// The person's place on the waitlist.
    pub waitlist: Option<i32>,
    /// The invitation, co-host invitation or registration the next action is about.
    pub reference: Option<Uuid>,
    /// Who an inbox invitation is for (the unit), or the role someone comes in.
    pub holder: Option<String>,
}

impl MineRow {
    /// Whether the salon still has a session ahead (or, as a draft, is yet to be).
    pub fn upcoming(&self) -> bool {
        self.next_at.is_some() || self.status == SalonStatus::Draft
    }

    /// "Til Teknik og Miljø" for an invitation in the inbox; "Som Konsulent" for a role.
    pub fn holder_text(&self, tr: &Tr, holder: &str) -> Escaped {
        Escaped(match self.relation {
            Relation::Inbox => tr.t1("mine-holder-inbox", "holder", holder),
            _ => tr.t1("mine-holder-role", "title", holder),
        })
    }

    /// Where the person stands, in words: "Kladde", "Venteliste nr. 3", "Aflyst" …
    pub fn status_text(&self, tr: &Tr) -> Escaped {
        if self.hidden {
            return Escaped(tr.t("mine-status-hidden"));
        }
        Escaped(match (self.relation, self.status) {
            (_, SalonStatus::Cancelled) => tr.t("mine-status-cancelled"),
            (Relation::Host, SalonStatus::Draft) => tr.t("mine-status-draft"),
            (Relation::Host, SalonStatus::Held) => tr.t("mine-status-needs-summary"),
            (_, SalonStatus::Closed) => tr.t("mine-status-summary"),
            (Relation::Asked, _) => tr.t("mine-status-asked"),
            (Relation::Attending | Relation::InRole, _) => match self.waitlist {
                Some(place) => tr.t1("mine-status-waitlisted", "place", &place.to_string()),
                None if self.upcoming() => tr.t("mine-status-registered"),
                None => tr.t("mine-status-held"),
            },
            (Relation::Invited | Relation::Cohost | Relation::Inbox, _) => {
                tr.t("mine-status-invited")
            }
            _ => tr.t("mine-status-published"),
        })
    }

    /// The salon's path with `end` after it.
    fn path_with(&self, end: &str) -> String {
        let mut href = String::with_capacity(self.card.path.len() + end.len());
        href.push_str(&self.card.path);
        href.push_str(end);
        href
    }

    /// A link to `prefix` and the reference's id (a co-host invitation, a named colleague's
    /// registration, an invitation in the inbox).
    fn reference_path(&self, prefix: &str) -> String {
        let mut href = String::with_capacity(prefix.len() + 36);
        href.push_str(prefix);
        if let Some(id) = self.reference {
            href.push_str(id.hyphenated().encode_lower(&mut Uuid::encode_buffer()));
        }
        href
    }

    /// The next thing to do about it; `None` when that is just opening the salon, which its
    /// title already links to. The labels are named by literal keys and written as kept
    /// (`Tr::text`); the link is escaped by the page's escaper.
    pub fn action(&self, tr: &Tr) -> Option<NextAction> {
        let (href, key) = match (self.relation, self.status) {
            _ if self.hidden => return None,
            (Relation::Host, SalonStatus::Draft) => (self.path_with("/edit"), "mine-action-finish"),
            (Relation::Host, SalonStatus::Held) => {
                (self.path_with("/summary"), "mine-action-summary")
            }
            (Relation::Host, SalonStatus::Published) => {
                (self.path_with("/invitations"), "mine-action-invite")
            }
            (_, SalonStatus::Closed) => (
                self.path_with("#summary-heading"),
                "mine-action-read-summary",
            ),
            // A cancelled salon is over, but what it was about may be worth another try.
            (Relation::Host, SalonStatus::Cancelled) => {
                (self.path_with("/copy"), "mine-action-copy")
            }
            (_, SalonStatus::Cancelled) => return None,
            (Relation::Cohost, _) => (
                self.reference_path("/cohost-invitations/"),
                "mine-action-answer",
            ),
            (Relation::Asked, _) => (self.reference_path("/named/"), "mine-action-confirm"),
            (Relation::Inbox, _) => (self.reference_path("/inbox/"), "mine-action-answer"),
            (Relation::Invited, _) => (self.path_with("/register"), "mine-action-register"),
            _ => return None,
        };
        Some(NextAction {
            href: Escaped(href),
            label: tr.text(key),
        })
    }
}

/// A row's next action: a link.
pub struct NextAction {
    pub href: Escaped,
    pub label: MaybeSafe<&'static str>,
}

/// A role the person holds, for the section about it.
#[derive(Clone, Debug)]
pub struct MineRole {
    pub admin: bool,
    /// `official`, `politician` or `admin`.
    pub kind: String,
    pub title: String,
    pub municipality_name: String,
    /// "Københavns Kommune".
    pub official_name: String,
    pub municipality_slug: String,
}

/// The hosted salons, by where they are in their life.
#[derive(Default)]
pub struct Hosting {
    pub drafts: Vec<MineRow>,
    pub upcoming: Vec<MineRow>,
    pub needs_summary: Vec<MineRow>,
    pub done: Vec<MineRow>,
    pub cancelled: Vec<MineRow>,
}

impl Hosting {
    pub fn is_empty(&self) -> bool {
        self.drafts.is_empty()
            && self.upcoming.is_empty()
            && self.needs_summary.is_empty()
            && self.done.is_empty()
            && self.cancelled.is_empty()
    }
}

#[derive(Template)]
#[template(path = "mine/page.html")]
pub struct MinePage {
    f: Frame,
    hosting: Hosting,
    /// Registered or waitlisted, upcoming first (soonest first), then those that are over.
    attending: Vec<MineRow>,
    /// Invitations to the person: by email, to co-host, named as a colleague.
    invited: Vec<MineRow>,
    /// People in a role: the salons they come to in it, and their units' open invitations.
    in_role: Vec<MineRow>,
    inbox: Vec<MineRow>,
    roles: Vec<MineRole>,
}

impl MineRole {
    /// "Vejingeniør, Skanderborg" — the title when there is one, else the kind of role.
    pub fn label(&self, tr: &Tr) -> String {
        let what = if self.title.is_empty() {
            tr.t(&format!("role-kind-{}", self.kind))
        } else {
            self.title.clone()
        };
        format!("{what}, {}", self.municipality_name)
    }
}

impl MinePage {
    /// The municipalities the person administers, for "Administration".
    fn admin_roles(&self) -> Vec<&MineRole> {
        self.roles.iter().filter(|r| r.admin).collect()
    }
}

/// `GET /mine`.
async fn page(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
) -> Result<Page<MinePage>, AppError> {
    let rows = load_rows(&state, &user).await?;
    // `inbox` is set exactly for people with an approved role: the rest skip the query.
    let roles = if user.inbox.is_some() {
        load_roles(&state, user.id).await?
    } else {
        Vec::new()
    };
    let mut page = MinePage {
        f,
        hosting: Hosting::default(),
        attending: Vec::new(),
        invited: Vec::new(),
        in_role: Vec::new(),
        inbox: Vec::new(),
        roles,
    };
    for mut row in rows {
        // Cards under a subsection's `h3` take `h4` titles; those right under an `h2`, `h3`.
        row.card.level = match row.relation {
            Relation::Attending | Relation::Asked | Relation::Invited | Relation::Cohost => 3,
            Relation::Host | Relation::InRole | Relation::Inbox => 4,
        };
        match row.relation {
            Relation::Host => {
                let list = match row.status {
                    SalonStatus::Draft => &mut page.hosting.drafts,
                    SalonStatus::Published => &mut page.hosting.upcoming,
                    SalonStatus::Held => &mut page.hosting.needs_summary,
                    SalonStatus::Closed => &mut page.hosting.done,
                    SalonStatus::Cancelled => &mut page.hosting.cancelled,
                };
                list.push(row);
            }
            Relation::Attending => page.attending.push(row),
            Relation::InRole => page.in_role.push(row),
            Relation::Asked | Relation::Invited | Relation::Cohost => page.invited.push(row),
            Relation::Inbox => page.inbox.push(row),
        }
    }
    // Upcoming salons soonest first; those that are over (and drafts without a date) after
    // them, the most recent first.
    for list in [
        &mut page.hosting.drafts,
        &mut page.hosting.upcoming,
        &mut page.hosting.needs_summary,
        &mut page.hosting.done,
        &mut page.hosting.cancelled,
        &mut page.attending,
        &mut page.invited,
        &mut page.in_role,
        &mut page.inbox,
    ] {
        list.sort_by(|a, b| match (a.next_at, b.next_at) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => b.last_at.cmp(&a.last_at),
        });
    }
    Ok(Page(page))
}

/// Every salon a person has to do with, one row per relation (`$1` the person, `$2` now, `$3`
/// their confirmed address, lower-cased, or null). Read by position ([`read_row`]).
const MINE: &str = r#"WITH mine (kind, salon_id, waitlist, reference, holder) AS (
               SELECT 'host', h.salon_id, NULL::int, NULL::uuid, NULL::text
               FROM salon_hosts h WHERE h.user_id = $1
             UNION ALL
               -- Named colleagues answer first; municipal guests come in their role.
               SELECT CASE WHEN r.asked_state = 'asked' THEN 'asked'
                           WHEN r.kind = 'municipal' THEN 'role' ELSE 'attend' END,
                      r.salon_id, r.waitlist_position, r.id,
                      -- The role's title by its key, per registration: as a join, the generic
                      -- plan hashed every role (~2,000 at the benchmark's size) for the ~20
                      -- registrations a person has, ~120 µs of the statement's ~350.
                      (SELECT nullif(ro.title, '') FROM roles ro WHERE ro.id = r.role_id)
               FROM registrations r
               WHERE r.user_id = $1 AND r.status IN ('registered', 'waitlisted')
             UNION ALL
               SELECT 'invited', i.salon_id, NULL, i.id, NULL
               FROM invitations i
               WHERE i.target = 'email' AND i.email = $3 AND i.status NOT IN ('withdrawn', 'declined')
             UNION ALL
               SELECT 'cohost', c.salon_id, NULL, c.id, NULL
               FROM cohost_invitations c
               WHERE c.email = $3 AND c.status = 'open' AND c.expires_at > $2
             UNION ALL
               SELECT 'inbox', i.salon_id, NULL, i.id, coalesce(un.name, mu.name)
               FROM invitations i
               LEFT JOIN units un ON un.id = i.holder_unit_id
               LEFT JOIN municipalities mu ON mu.code = i.municipality_code
               WHERE i.status = 'open'
                 AND i.id IN (SELECT a.invitation_id FROM invitation_answerers a WHERE a.user_id = $1)
           )
           SELECT m.kind, s.id, s.slug, s.title, s.question, s.town,
                  s.municipality_code, s.format,
                  s.status, s.hidden_reason IS NOT NULL AS hidden,
                  s.capacity,
                  -- Seats as on every card: per session, still ahead (migration 0044).
                  card_seats(s.id, s.citizens_registered, s.seats_taken_least,
                             s.sessions_first_end, s.sessions_last_end, $2) AS citizens_registered,
                  s.step_free,
                  s.first_starts_at AS first_at,
                  -- The next session not yet over, from the columns the salon keeps
                  -- (migration 0044): before the first session ends, every session is ahead
                  -- and the first start is the next; after the last, none is. Only a series
                  -- under way looks at its sessions.
                  CASE WHEN $2 < s.sessions_first_end THEN s.first_starts_at
                       WHEN s.sessions_last_end IS NULL OR $2 >= s.sessions_last_end THEN NULL
                       ELSE (SELECT min(ss.starts_at) FROM salon_sessions ss
                             WHERE ss.salon_id = s.id AND ss.ends_at > $2)
                  END AS next_at,
                  s.last_starts_at AS last_at,
                  m.waitlist, m.reference, m.holder,
                  -- The municipality's answer, as on every card: kept on the salon's row
                  -- (migration 0057) by its one definition (0037).
                  s.answer_units
           FROM mine m
           JOIN salons s ON s.id = m.salon_id
           -- A hidden salon exists for its hosts only.
           WHERE (m.kind = 'host' OR s.hidden_reason IS NULL)
             -- An invitation by email is news only while it can still be taken up.
             AND (m.kind <> 'invited'
                  OR (s.status = 'published'
                      AND NOT EXISTS (SELECT 1 FROM mine o WHERE o.salon_id = m.salon_id
                                      AND o.kind IN ('host', 'attend', 'role', 'asked'))))"#;

/// Every salon `user` has to do with, one row per relation, in one statement.
async fn load_rows(state: &AppState, user: &CurrentUser) -> Result<Vec<MineRow>, AppError> {
    let now = state.clock.now();
    // Invitations by address count for a confirmed address only: anyone can register
    // claiming an address they cannot read (the rule `load_visible` follows too).
    let email = user.verified.then(|| user.email.to_lowercase());
    let rows = sqlx::query(MINE)
        .bind(user.id)
        .bind(now)
        .bind(email)
        .fetch_all(&state.db)
        .await?;
    // The cards' municipalities are named from the map read once, not joined: 35 salons' worth
    // of look-ups of `municipalities` fewer.
    let names = crate::directory::municipality_names(&state.db).await?;
    let mut mine = Vec::with_capacity(rows.len());
    for r in &rows {
        if let Some(row) = read_row(r, &names, now)? {
            mine.push(row);
        }
    }
    Ok(mine)
}

/// A row of [`MINE`], read by position in the order its SELECT names the columns, the times
/// from their binary form (`directory::timestamptz`), as the directory reads its rows:
/// `query!`'s record decoded each time through chrono's epoch arithmetic and was copied into
/// the card. `None` for a kind this page does not show.
fn read_row(
    r: &PgRow,
    names: &HashMap<String, String>,
    now: DateTime<Utc>,
) -> Result<Option<MineRow>, sqlx::Error> {
    let Some(relation) = Relation::parse(r.try_get_unchecked(0)?) else {
        return Ok(None);
    };
    let id: Uuid = r.try_get_unchecked(1)?;
    let slug: &str = r.try_get_unchecked(2)?;
    let status: SalonStatus = r.try_get_unchecked(8)?;
    let capacity: Option<i32> = r.try_get_unchecked(10)?;
    let citizens_registered: i32 = r.try_get_unchecked(11)?;
    let first_at = optional_time(r, 13)?;
    let next_at = optional_time(r, 14)?;
    let last_at = optional_time(r, 15)?;
    // The card shows the next session (the last one once all are over), as the person's next
    // step is about it.
    let shown = next_at.or(last_at);
    let begun = first_at.is_some_and(|first| first <= now);
    let seats_left = capacity.map(|c| (c - citizens_registered).max(0));
    let card = SalonCard {
        path: visibility::path(id, slug),
        title: r.try_get_unchecked(3)?,
        question: r.try_get_unchecked(4)?,
        municipality_name: crate::directory::municipality_name(names, r.try_get_unchecked(6)?),
        town: r.try_get_unchecked(5)?,
        format: r.try_get_unchecked(7)?,
        first_starts_at: shown,
        more_sessions: matches!((shown, last_at), (Some(at), Some(last)) if last > at),
        status: CardStatus::of(status, seats_left, begun),
        seats_left,
        step_free: r.try_get_unchecked(12)?,
        answer_units: r.try_get_unchecked(19)?,
        level: 3,
    };
    Ok(Some(MineRow {
        relation,
        card,
        status,
        hidden: r.try_get_unchecked(9)?,
        next_at,
        last_at,
        waitlist: r.try_get_unchecked(16)?,
        reference: r.try_get_unchecked(17)?,
        holder: r.try_get_unchecked(18)?,
    }))
}

/// A `timestamptz` column that may be null, read as `directory::timestamptz` reads one.
fn optional_time(r: &PgRow, index: usize) -> Result<Option<DateTime<Utc>>, sqlx::Error> {
    use sqlx::ValueRef;
    if r.try_get_raw(index)?.is_null() {
        return Ok(None);
    }
    crate::directory::timestamptz(r, index).map(Some)
}

/// The person's approved roles, admins' first.
async fn load_roles(state: &AppState, user: Uuid) -> Result<Vec<MineRole>, AppError> {
    let rows = sqlx::query!(
        r#"SELECT r.kind::text = 'admin' AS "admin!", r.kind::text AS "kind!", r.title, m.name, m.official_name, m.slug
           FROM roles r JOIN municipalities m ON m.code = r.municipality_code
           WHERE r.user_id = $1 AND r.status = 'approved'
           ORDER BY r.kind::text = 'admin' DESC, m.name, r.kind"#,
        user
    )
    .fetch_all(&state.db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| MineRole {
            admin: r.admin,
            kind: r.kind,
            title: r.title,
            municipality_name: r.name,
            official_name: r.official_name,
            municipality_slug: r.slug,
        })
        .collect())
}
