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
use crate::salons::card::{CardStatus, SalonCard};
use crate::salons::visibility;
use crate::salons::{Format, SalonStatus};
use crate::state::AppState;
use crate::web::i18n::Tr;
use crate::web::{Frame, Page};

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
    pub card: SalonCard,
    pub path: String,
    pub title: String,
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
    pub fn holder_text(&self, tr: &Tr, holder: &str) -> String {
        match self.relation {
            Relation::Inbox => tr.t1("mine-holder-inbox", "holder", holder),
            _ => tr.t1("mine-holder-role", "title", holder),
        }
    }

    /// Where the person stands, in words: "Kladde", "Venteliste nr. 3", "Aflyst" …
    pub fn status_text(&self, tr: &Tr) -> String {
        if self.hidden {
            return tr.t("mine-status-hidden");
        }
        match (self.relation, self.status) {
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
        }
    }

    /// The next thing to do about it; `None` when that is just opening the salon, which its
    /// title already links to.
    pub fn action(&self, tr: &Tr) -> Option<NextAction> {
        let id = self.reference.map(|r| r.to_string()).unwrap_or_default();
        let (href, key) = match (self.relation, self.status) {
            _ if self.hidden => return None,
            (Relation::Host, SalonStatus::Draft) => (format!("{}/edit", self.path), "finish"),
            (Relation::Host, SalonStatus::Held) => (format!("{}/summary", self.path), "summary"),
            (Relation::Host, SalonStatus::Published) => {
                (format!("{}/invitations", self.path), "invite")
            }
            (_, SalonStatus::Closed) => (format!("{}#summary-heading", self.path), "read-summary"),
            // A cancelled salon is over, but what it was about may be worth another try.
            (Relation::Host, SalonStatus::Cancelled) => (format!("{}/copy", self.path), "copy"),
            (_, SalonStatus::Cancelled) => return None,
            (Relation::Cohost, _) => (format!("/cohost-invitations/{id}"), "answer"),
            (Relation::Asked, _) => (format!("/named/{id}"), "confirm"),
            (Relation::Inbox, _) => (format!("/inbox/{id}"), "answer"),
            (Relation::Invited, _) => (format!("{}/register", self.path), "register"),
            _ => return None,
        };
        Some(NextAction {
            href,
            label: tr.t(&format!("mine-action-{key}")),
        })
    }
}

/// A row's next action: a link.
pub struct NextAction {
    pub href: String,
    pub label: String,
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

/// Every salon `user` has to do with, one row per relation, in one statement.
async fn load_rows(state: &AppState, user: &CurrentUser) -> Result<Vec<MineRow>, AppError> {
    let now = state.clock.now();
    // Invitations by address count for a confirmed address only: anyone can register
    // claiming an address they cannot read (the rule `load_visible` follows too).
    let email = user.verified.then(|| user.email.to_lowercase());
    let rows = sqlx::query!(
        r#"WITH mine (kind, salon_id, waitlist, reference, holder) AS (
               SELECT 'host', h.salon_id, NULL::int, NULL::uuid, NULL::text
               FROM salon_hosts h WHERE h.user_id = $1
             UNION ALL
               -- Named colleagues answer first; municipal guests come in their role.
               SELECT CASE WHEN r.asked_state = 'asked' THEN 'asked'
                           WHEN r.kind = 'municipal' THEN 'role' ELSE 'attend' END,
                      r.salon_id, r.waitlist_position, r.id, nullif(ro.title, '')
               FROM registrations r LEFT JOIN roles ro ON ro.id = r.role_id
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
           SELECT m.kind AS "kind!", s.id, s.slug, s.title, s.question, s.town,
                  s.municipality_code, s.format AS "format: Format",
                  s.status AS "status: SalonStatus", s.hidden_reason IS NOT NULL AS "hidden!",
                  s.capacity,
                  -- Seats as on every card: per session, still ahead (migration 0044).
                  card_seats(s.id, s.citizens_registered, s.seats_taken_least,
                             s.sessions_first_end, s.sessions_last_end, $2) AS "citizens_registered!",
                  s.step_free,
                  s.first_starts_at AS "first_at: DateTime<Utc>",
                  -- The next session not yet over, from the columns the salon keeps
                  -- (migration 0044): before the first session ends, every session is ahead
                  -- and the first start is the next; after the last, none is. Only a series
                  -- under way looks at its sessions.
                  CASE WHEN $2 < s.sessions_first_end THEN s.first_starts_at
                       WHEN s.sessions_last_end IS NULL OR $2 >= s.sessions_last_end THEN NULL
                       ELSE (SELECT min(ss.starts_at) FROM salon_sessions ss
                             WHERE ss.salon_id = s.id AND ss.ends_at > $2)
                  END AS "next_at: DateTime<Utc>",
                  s.last_starts_at AS "last_at: DateTime<Utc>",
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
                                      AND o.kind IN ('host', 'attend', 'role', 'asked'))))"#,
        user.id,
        now,
        email,
    )
    .fetch_all(&state.db)
    .await?;
    // The cards' municipalities are named from the map read once, not joined: 35 salons' worth
    // of look-ups of `municipalities` fewer.
    let names = crate::directory::municipality_names(&state.db).await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let relation = Relation::parse(&r.kind)?;
            // The card shows the next session (the last one once all are over), as the
            // person's next step is about it.
            let shown = r.next_at.or(r.last_at);
            let begun = r.first_at.is_some_and(|first| first <= now);
            let seats_left = r.capacity.map(|c| (c - r.citizens_registered).max(0));
            let path = visibility::path(r.id, &r.slug);
            let card = SalonCard {
                path: path.clone(),
                title: r.title.clone(),
                question: r.question,
                municipality_name: crate::directory::municipality_name(
                    &names,
                    &r.municipality_code,
                ),
                town: r.town,
                format: r.format,
                first_starts_at: shown,
                more_sessions: matches!((shown, r.last_at), (Some(at), Some(last)) if last > at),
                status: CardStatus::of(r.status, seats_left, begun),
                seats_left,
                step_free: r.step_free,
                answer_units: r.answer_units,
                level: 3,
            };
            Some(MineRow {
                relation,
                card,
                path,
                title: r.title,
                status: r.status,
                hidden: r.hidden,
                next_at: r.next_at,
                last_at: r.last_at,
                waitlist: r.waitlist,
                reference: r.reference,
                holder: r.holder,
            })
        })
        .collect())
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
