//! The salon page, `/salons/{key}`: what, when, where (private parts by the visibility rule),
//! seats, accessibility, topics, hosts, status banners, the hosts' actions and the registration
//! panel. A key with an old or missing slug redirects to the canonical URL.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use sqlx::PgExecutor;
use sqlx::types::Json;
use uuid::Uuid;

use super::form::ACCESS_CHECKS;
use super::visibility::{SalonKey, Standing, VisibleSalon};
use super::{Format, SalonStatus, Visibility, session_when};
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::DoneQuery;
use crate::web::i18n::Tr;
use crate::web::markup::Isolated;
use crate::web::path::Ids;
use crate::web::{Frame, Page};

/// Everything stored about a salon that its pages and mails show.
#[derive(Clone, Debug)]
pub struct Details {
    pub question: String,
    pub description: String,
    pub description_html: String,
    pub municipality_code: String,
    pub municipality_name: String,
    pub municipality_slug: String,
    pub town: String,
    pub format: Format,
    pub place_name: String,
    pub address: String,
    pub address_private: bool,
    pub online_link: String,
    pub capacity: Option<i32>,
    pub municipal_seats: i32,
    pub citizens_registered: i32,
    pub topics: Vec<String>,
    pub step_free: bool,
    pub accessible_toilet: bool,
    pub hearing_loop: bool,
    pub sign_language: bool,
    pub accessibility_note: String,
    pub cancel_message: String,
    pub sequence: i32,
    /// The published summary, cleaned HTML (`None` until published).
    pub summary_html: Option<String>,
    /// The summary as the hosts wrote it (Markdown).
    pub summary: String,
    /// When the published summary was last corrected.
    pub summary_corrected_at: Option<DateTime<Utc>>,
    /// When the newest account among the hosts was created: links in the texts of a salon
    /// with a day-old host are shown as text (`crate::limits::links_as_text`).
    pub newest_host_since: Option<DateTime<Utc>>,
    /// The sessions, in order.
    pub sessions: Vec<Session>,
    /// The hosts' names, the creator first (empty for a deleted account).
    pub host_names: Vec<String>,
    /// Whether each host's name (in the order of `host_names`) came from MitID unedited.
    pub host_verified: Vec<bool>,
    /// The invitations to the municipality, as the public sees them.
    pub invitations: Vec<crate::invitations::SalonInvitation>,
    /// The registration panel's counts.
    pub counts: crate::registrations::Counts,
    /// The decisions it is about: "Denne salon handler om …".
    pub decisions: Vec<AboutDecision>,
    /// Whether it has any next steps.
    pub has_agreements: bool,
    /// Its picture, if its hosts have put one up.
    pub picture: Option<crate::pictures::Picture>,
    /// When the summary was published (`None` while it is not).
    pub summary_published_at: Option<DateTime<Utc>>,
    /// Its public conversation, oldest first (`crate::conversation`).
    pub conversation: Vec<crate::conversation::Row>,
    /// The units the viewer answers for that it invited or gave a next step.
    pub answer_units: Vec<crate::conversation::AnswerUnit>,
    /// The viewer owns one of its next steps in person.
    pub owns_step: bool,
}

/// A decision the salon is about, as its page links it.
#[derive(Clone, Debug, serde::Deserialize)]
pub struct AboutDecision {
    pub id: Uuid,
    pub slug: String,
    pub title: String,
}

impl AboutDecision {
    pub fn path(&self) -> String {
        crate::decisions::path(&self.slug, self.id)
    }
}

impl Details {
    /// Where the salon meets, as the viewer may see it: the place name and address (the
    /// address replaced by "vises for tilmeldte" when private), and the online link (always
    /// private). `None` parts do not apply to the format.
    pub fn place_for(&self, tr: &Tr, sees_private: bool) -> (Option<String>, Option<String>) {
        let place = self
            .format
            .has_place()
            .then(|| self.place_text(tr, &self.place_name, &self.address, sees_private));
        let link = self.format.has_link().then(|| {
            if sees_private {
                self.online_link.clone()
            } else {
                tr.t("salon-private")
            }
        });
        (place, link)
    }

    /// A session's own place as the viewer may see it (its address private when the salon's
    /// is); `None` when it meets where the salon does, or the salon meets at no place.
    pub fn session_place_for(&self, tr: &Tr, sees_private: bool, s: &Session) -> Option<String> {
        (self.format.has_place() && s.has_own_place())
            .then(|| self.place_text(tr, &s.place_name, &s.address, sees_private))
    }

    /// Whether the viewer sees the real address (of the salon and of its sessions).
    pub fn address_shown(&self, sees_private: bool) -> bool {
        !self.address_private || sees_private
    }

    /// The place's name and address as anyone may see them: `None` when the host keeps the
    /// address for registered people or the salon meets at no place. The one rule for what
    /// leaves the site (sharing, the poster, the map link, search engines).
    pub fn public_place(&self) -> Option<(&str, &str)> {
        (self.format.has_place() && self.address_shown(false))
            .then_some((self.place_name.as_str(), self.address.as_str()))
    }

    /// The invitations to the municipality as the public sees them: who, and where each
    /// stands (who has said yes), with the names in them isolated.
    pub fn public_invitations(&self, tr: &Tr, now: DateTime<Utc>) -> Vec<(Isolated, Isolated)> {
        self.invitations
            .iter()
            .map(|i| (i.holder().into(), i.state(tr, now).into()))
            .collect()
    }

    /// "Name, address", the address replaced by "vises for tilmeldte" when it is private.
    fn place_text(&self, tr: &Tr, name: &str, address: &str, sees_private: bool) -> String {
        let address = if self.address_shown(sees_private) {
            address.to_string()
        } else {
            tr.t("salon-private")
        };
        if name.is_empty() {
            address
        } else {
            format!("{name}, {address}")
        }
    }
}

/// Loads a salon's details with its sessions, hosts and seat counts (the caller has checked
/// the viewer may see it). One query: the salon page is the busiest page there is, and every
/// round trip to PostgreSQL costs more than the rows it brings (bench/README.md).
pub async fn details<'e>(db: impl PgExecutor<'e>, id: Uuid) -> Result<Details, AppError> {
    details_for(db, id, None).await
}

/// [`details`] with, in the same query, `viewer`'s own registration (for the panel) and
/// whether the salon has any next steps (their list is read only then).
pub async fn details_for<'e>(
    db: impl PgExecutor<'e>,
    id: Uuid,
    viewer: Option<Uuid>,
) -> Result<Details, AppError> {
    Ok(read(db, id, viewer, None).await?.1)
}

/// [`details_for`] with, in the same statement, what the visibility rule reads
/// ([`Standing`]): the salon page checks who may see it and loads it in one round trip. The
/// caller applies the rule ([`Standing::admit`]) before showing anything.
pub async fn page_details<'e>(
    db: impl PgExecutor<'e>,
    id: Uuid,
    viewer: Option<&CurrentUser>,
) -> Result<(Standing, Details), AppError> {
    let email = viewer.filter(|u| u.verified).map(|u| u.email.clone());
    read(db, id, viewer.map(|u| u.id), email).await
}

/// The one statement behind [`details_for`] and [`page_details`]; `email` is the viewer's
/// confirmed address (an invitation by email makes them invited).
async fn read<'e>(
    db: impl PgExecutor<'e>,
    id: Uuid,
    viewer: Option<Uuid>,
    email: Option<String>,
) -> Result<(Standing, Details), AppError> {
    let r = sqlx::query!(
        r#"SELECT s.id, s.slug, s.title, s.status AS "salon_status: SalonStatus",
                  s.visibility AS "salon_visibility: Visibility", s.hidden_reason,
                  -- What the visibility rule and the panel read about the viewer (whether
                  -- they host it, their registration, whether they are invited, the units
                  -- they answer for, a next step of theirs): behind a function, so that a
                  -- visitor's execution sets up none of it (migration 0061).
                  CASE WHEN $2::uuid IS NOT NULL
                       THEN salon_page_viewer(s.id, $2, $3, s.visibility = 'invite_only')
                  END AS "viewer: Json<Viewer>",
                  s.question, s.description, s.description_html, s.municipality_code,
                  m.name AS municipality_name, m.slug AS municipality_slug, s.town,
                  s.format AS "format: Format", s.place_name, s.address, s.address_private,
                  s.online_link, s.capacity, s.municipal_seats, s.citizens_registered,
                  s.municipal_registered, s.status::text AS "status!",
                  s.visibility::text AS "visibility!", s.topics, s.step_free,
                  s.accessible_toilet, s.hearing_loop, s.sign_language, s.accessibility_note,
                  s.cancel_message, s.sequence, s.summary_html, s.summary_published_at,
                  s.summary, s.summary_corrected_at,
                  -- The sessions in order, with their seats and lines for the registration panel.
                  (SELECT coalesce(json_agg(json_build_object(
                              'id', ss.id, 'starts_at', ss.starts_at, 'ends_at', ss.ends_at,
                              'place_name', ss.place_name, 'address', ss.address,
                              'citizens', ss.citizens_registered,
                              'municipal', ss.municipal_registered,
                              'waiting', (SELECT count(*) FROM registration_sessions rs
                                          WHERE rs.session_id = ss.id AND rs.place = 'waitlist'))
                              ORDER BY ss.starts_at, ss.id), '[]')
                   FROM salon_sessions ss WHERE ss.salon_id = s.id)
                    AS "sessions!: Json<Vec<SessionRow>>",
                  -- The hosts, the creator first, and when the newest of their accounts was made.
                  (SELECT json_build_object(
                              'names', coalesce(json_agg(u.name ORDER BY h.is_creator DESC,
                                                         h.added_at, u.name), '[]'),
                              'verified', coalesce(json_agg(u.name_verified_by IS NOT NULL
                                                            ORDER BY h.is_creator DESC,
                                                            h.added_at, u.name), '[]'),
                              'newest_since', max(u.created_at))
                   FROM salon_hosts h JOIN users u ON u.id = h.user_id
                   WHERE h.salon_id = s.id) AS "hosts!: Json<Hosts>",
                  -- The waitlist's length and the hosts' offline guests, in one pass.
                  (SELECT json_build_object(
                              'waiting', count(*) FILTER (WHERE r.status = 'waitlisted'),
                              'offline', count(*) FILTER (WHERE r.status = 'registered'
                                                            AND r.kind = 'citizen'
                                                            AND r.user_id IS NULL))
                   FROM registrations r WHERE r.salon_id = s.id
                     AND r.status IN ('registered', 'waitlisted')) AS "waiting!: Json<Waiting>",
                  -- Those shown publicly as coming: people who chose to be, and municipal
                  -- guests in their role.
                  (SELECT coalesce(json_agg(json_build_object(
                              'name', u.name, 'kind', r.kind, 'role_kind', ro.kind,
                              'title', ro.title, 'party', ro.party, 'municipality', rm.name,
                              -- a guest in a public role links to their profile
                              'profile', CASE WHEN r.kind = 'municipal' AND ro.status = 'approved'
                                              AND ro.kind <> 'admin' THEN u.id END)
                              ORDER BY r.kind DESC, r.created_at), '[]')
                   FROM registrations r
                   LEFT JOIN users u ON u.id = r.user_id AND u.deleted_at IS NULL
                   LEFT JOIN roles ro ON ro.id = r.role_id
                   LEFT JOIN municipalities rm ON rm.code = ro.municipality_code
                   WHERE r.salon_id = s.id AND r.status = 'registered'
                     AND r.user_id IS NOT NULL AND (r.show_name OR r.kind = 'municipal')
                     AND r.asked_state IS DISTINCT FROM 'asked')
                    AS "attendees!: Json<Vec<crate::registrations::AttendeeRow>>",
                  -- The invitations to the municipality and their state: public, as the
                  -- response record is (invitations to private addresses are not).
                  (SELECT coalesce(json_agg(json_build_object(
                              'unit', un.name, 'person', hu.name, 'municipality', im.official_name,
                              -- a person invited in a public role links to their profile
                              'person_profile', CASE WHEN hu.deleted_at IS NULL AND EXISTS (
                                  SELECT 1 FROM roles hr WHERE hr.user_id = hu.id
                                    AND hr.status = 'approved' AND hr.kind <> 'admin') THEN hu.id END,
                              'status', i.status, 'via_mailbox', i.via_mailbox,
                              'sent_at', i.sent_at, 'decline_reason', i.decline_reason,
                              'awaits_publish', i.awaits_publish, 'typed_address', i.typed_address,
                              'proposed_starts_at', i.proposed_starts_at,
                              'proposal_decision', i.proposal_decision,
                              'comers', (SELECT coalesce(json_agg(json_build_object(
                                             -- a colleague not yet asked is counted, unnamed
                                             'name', CASE WHEN cr.asked_state = 'asked' THEN NULL
                                                          ELSE coalesce(cu.name, cr.offline_name) END,
                                             'title', coalesce(cro.title, ''),
                                             -- only an official in their role links; a name
                                             -- typed by the one who answered does not
                                             'profile', CASE WHEN cr.asked_state IS DISTINCT FROM 'asked'
                                                              AND cu.deleted_at IS NULL
                                                              AND cro.status = 'approved'
                                                              AND cro.kind <> 'admin' THEN cu.id END,
                                             'waiting', cr.status = 'waitlisted',
                                             'asked', coalesce(cr.asked_state = 'asked', false))
                                             ORDER BY cr.created_at), '[]')
                                         FROM registrations cr
                                         LEFT JOIN users cu ON cu.id = cr.user_id
                                         LEFT JOIN roles cro ON cro.id = cr.role_id
                                         WHERE cr.invitation_id = i.id
                                           AND cr.status IN ('registered', 'waitlisted')),
                              -- One answer settled this and another invitation of the salon:
                              -- its people come through the other one, whose line names them.
                              'elsewhere', CASE WHEN NOT EXISTS (SELECT 1 FROM registrations y
                                                                 WHERE y.invitation_id = i.id)
                                           -- read from the salon's own registrations: the
                                           -- municipality's invitations are many
                                           THEN (SELECT min(x.status) FROM registrations x
                                                 WHERE x.salon_id = s.id
                                                   AND x.status IN ('registered', 'waitlisted')
                                                   AND x.invitation_id <> i.id
                                                   AND (SELECT xi.municipality_code
                                                        FROM invitations xi
                                                        WHERE xi.id = x.invitation_id)
                                                       = i.municipality_code) END)
                              ORDER BY i.sent_at, i.id), '[]')
                   FROM invitations i
                   JOIN municipalities im ON im.code = i.municipality_code
                   LEFT JOIN units un ON un.id = i.holder_unit_id
                   LEFT JOIN users hu ON hu.id = i.holder_user_id
                   WHERE i.salon_id = s.id AND i.target <> 'email' AND i.status <> 'withdrawn')
                    AS "invitations!: Json<Vec<crate::invitations::SalonInvitation>>",
                  (SELECT coalesce(json_agg(json_build_object(
                              'id', d.id, 'slug', dm.slug, 'title', d.title)
                              ORDER BY d.meeting_on, d.id), '[]')
                   FROM salon_decisions sd JOIN decisions d ON d.id = sd.decision_id
                   JOIN municipalities dm ON dm.code = d.municipality_code
                   WHERE sd.salon_id = s.id) AS "decisions!: Json<Vec<AboutDecision>>",
                  EXISTS (SELECT 1 FROM agreements a WHERE a.salon_id = s.id) AS "has_agreements!",
                  -- Its picture, in the same round trip (crate::pictures::Stored).
                  (SELECT json_build_object(
                              'hash', p.hash, 'alt', p.alt,
                              'files', (SELECT json_agg(json_build_array(pf.width, pf.height)
                                                        ORDER BY pf.width)
                                        FROM salon_picture_files pf
                                        WHERE pf.salon_id = p.salon_id AND pf.hash = p.hash))
                   FROM salon_pictures p WHERE p.salon_id = s.id)
                    AS "picture: Json<crate::pictures::Stored>",
                  -- The public conversation, in the same round trip: hidden and deleted text
                  -- stays in the database.
                  (SELECT coalesce(json_agg(json_build_object(
                              'id', c.id, 'kind', c.kind, 'parent_id', c.parent_id,
                              'body', CASE WHEN c.deleted_by_author OR c.hidden_reason IS NOT NULL
                                           THEN '' ELSE c.body END,
                              'author_id', c.author_id,
                              'author_name', CASE WHEN cu.deleted_at IS NULL THEN cu.name ELSE '' END,
                              'author_since', cu.created_at, 'unit', cun.name,
                              'answered', c.answered, 'pinned', c.pinned,
                              'hidden_reason', c.hidden_reason, 'deleted', c.deleted_by_author,
                              'created_at', c.created_at)
                              ORDER BY c.created_at, c.seq), '[]')
                   FROM conversation_items c JOIN users cu ON cu.id = c.author_id
                   LEFT JOIN units cun ON cun.id = c.role_unit_id
                   WHERE c.salon_id = s.id)
                    AS "conversation!: Json<Vec<crate::conversation::Row>>"
           FROM salons s JOIN municipalities m ON m.code = s.municipality_code
           WHERE s.id = $1"#,
        id,
        viewer,
        email,
    )
    .fetch_optional(db)
    .await?
    .ok_or(AppError::NotFound)?;
    // A visitor (no viewer) is nobody's host, registration or invitation.
    let v = r.viewer.map(|v| v.0).unwrap_or_default();
    let registered = v.mine.as_ref().is_some_and(|m| m.status == "registered");
    let standing = Standing {
        id: r.id,
        slug: r.slug,
        title: r.title,
        status: r.salon_status,
        visibility: r.salon_visibility,
        municipality_code: r.municipality_code.clone(),
        capacity: r.capacity,
        municipal_seats: r.municipal_seats,
        hidden_reason: r.hidden_reason,
        is_host: v.is_host,
        registered,
        invited: v.invited,
    };
    let rows = r.sessions.0;
    let sessions: Vec<Session> = rows.iter().map(SessionRow::session).collect();
    let hosts = r.hosts.0;
    let Waiting { waiting, offline } = r.waiting.0;
    let counts = crate::registrations::Counts {
        status: r.status,
        visibility: r.visibility,
        citizens_registered: r.citizens_registered,
        municipal_registered: r.municipal_registered,
        offline,
        last_end: sessions.iter().map(|s| s.ends_at).max(),
        waiting,
        sessions: rows.into_iter().map(SessionRow::count).collect(),
        attendees: r.attendees.0,
        mine: viewer.map(|_| v.mine),
    };
    Ok((
        standing,
        Details {
            question: r.question,
            description: r.description,
            description_html: r.description_html,
            municipality_code: r.municipality_code,
            municipality_name: r.municipality_name,
            municipality_slug: r.municipality_slug,
            town: r.town,
            format: r.format,
            place_name: r.place_name,
            address: r.address,
            address_private: r.address_private,
            online_link: r.online_link,
            capacity: r.capacity,
            municipal_seats: r.municipal_seats,
            citizens_registered: r.citizens_registered,
            topics: r.topics,
            step_free: r.step_free,
            accessible_toilet: r.accessible_toilet,
            hearing_loop: r.hearing_loop,
            sign_language: r.sign_language,
            accessibility_note: r.accessibility_note,
            cancel_message: r.cancel_message,
            sequence: r.sequence,
            summary_html: r.summary_published_at.map(|_| r.summary_html),
            summary_published_at: r.summary_published_at,
            conversation: r.conversation.0,
            answer_units: v.answer_units,
            owns_step: v.owns_step,
            summary: r.summary,
            summary_corrected_at: r.summary_corrected_at,
            newest_host_since: hosts.newest_since,
            sessions,
            host_names: hosts.names,
            host_verified: hosts.verified,
            invitations: r.invitations.0,
            decisions: r.decisions.0,
            has_agreements: r.has_agreements,
            picture: r.picture.and_then(|p| p.0.shown(id)),
            counts,
        },
    ))
}

/// One stored session.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
pub struct Session {
    pub id: Uuid,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// Its own place when it differs from the salon's; both empty otherwise.
    pub place_name: String,
    pub address: String,
}

impl Session {
    pub fn has_own_place(&self) -> bool {
        !self.place_name.is_empty() || !self.address.is_empty()
    }
}

/// A session as the page's statement reads it: the session, and its seats and lines.
#[derive(Debug, serde::Deserialize)]
struct SessionRow {
    id: Uuid,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    place_name: String,
    address: String,
    citizens: i32,
    municipal: i32,
    waiting: i64,
}

impl SessionRow {
    fn session(&self) -> Session {
        Session {
            id: self.id,
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            place_name: self.place_name.clone(),
            address: self.address.clone(),
        }
    }

    fn count(self) -> crate::registrations::SessionCount {
        crate::registrations::SessionCount {
            id: self.id,
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            citizens: self.citizens,
            municipal: self.municipal,
            waiting: self.waiting,
        }
    }
}

/// The hosts as the page's statement reads them (in the order the page shows them).
#[derive(Debug, serde::Deserialize)]
struct Hosts {
    names: Vec<String>,
    verified: Vec<bool>,
    newest_since: Option<DateTime<Utc>>,
}

/// The salon's waitlist (people) and the hosts' offline guests among those registered.
#[derive(Debug, serde::Deserialize)]
struct Waiting {
    waiting: i64,
    offline: i64,
}

/// What the page reads about a signed-in viewer (`salon_page_viewer`, migration 0061).
#[derive(Debug, Default, serde::Deserialize)]
struct Viewer {
    is_host: bool,
    invited: bool,
    owns_step: bool,
    mine: Option<crate::registrations::Mine>,
    answer_units: Vec<crate::conversation::AnswerUnit>,
}

/// A salon's sessions, in order.
pub async fn sessions<'e>(db: impl PgExecutor<'e>, id: Uuid) -> Result<Vec<Session>, AppError> {
    Ok(sqlx::query_as!(
        Session,
        r#"SELECT id, starts_at, ends_at, place_name, address FROM salon_sessions
           WHERE salon_id = $1 ORDER BY starts_at, id"#,
        id
    )
    .fetch_all(db)
    .await?)
}

/// A session on the salon page: when, and its own place if it has one.
/// A host as the salon page shows them.
pub struct HostLine {
    pub name: String,
    /// "navn bekræftet med MitID": from the salon's own query, never from what the host typed.
    pub verified: bool,
}

#[derive(Clone, Debug)]
pub struct SessionLine {
    pub when: String,
    pub place: Option<String>,
}

/// The salon page.
#[derive(Template)]
#[template(path = "salons/show.html")]
pub struct ShowPage {
    pub f: Frame,
    pub salon: VisibleSalon,
    pub d: Details,
    pub place: Option<String>,
    pub link: Option<String>,
    /// The link is the real one (not "vises for tilmeldte"), so it is drawn as a link.
    pub link_is_real: bool,
    pub format_label: String,
    pub sessions: Vec<SessionLine>,
    pub capacity_text: String,
    pub seats_text: String,
    pub access: Vec<String>,
    pub hosts: Vec<HostLine>,
    pub is_draft: bool,
    pub is_cancelled: bool,
    pub is_held: bool,
    pub can_change: bool,
    pub cancel_message_text: String,
    pub notice: Option<String>,
    pub publish_error: Option<String>,
    pub panel: crate::registrations::Panel,
    /// The invitations to the municipality: who, and where each stands.
    /// Who was invited and where it stands, with the names in them isolated.
    pub invitations: Vec<(Isolated, Isolated)>,
    /// What the salon agreed, and where each stands.
    pub agreements: Vec<crate::agreements::shown::Line>,
    /// "rettet <dato>" under a corrected summary, and its earlier versions.
    pub summary_corrected: Option<String>,
    pub summary_earlier: Vec<crate::web::corrections::EarlierVersion>,
    /// The hosts may write the summary: the salon is over.
    pub can_summarise: bool,
    /// JSON-LD and Open Graph for the `<head>`.
    pub share: crate::directory::share::Share,
    /// The picture's widest file as the Open Graph image: a public salon's only, since a link
    /// preview is cached by others.
    pub og_image: Option<String>,
    /// Hidden by the moderators: why, and where to appeal (the hosts see this page).
    pub hidden: Option<crate::moderation::HiddenNotice>,
    /// The viewer may report the salon ("Anmeld"): signed in and not a host.
    pub can_report: bool,
    /// "Del": what the viewer may share (`salons/share.html`).
    pub sharing: super::sharing::Sharing,
    /// "Vis på kort": a map search for a public address.
    pub map_link: Option<String>,
    /// The salon as its card sees it: the date badge and the status chip beside the title,
    /// the same as in every list.
    pub card: super::card::SalonCard,
    /// "Spørgsmål og input" and "Kommentarer til referatet" (`crate::conversation`).
    pub conversation: crate::conversation::Section,
}

pub async fn page(
    State(state): State<AppState>,
    f: Frame,
    user: Option<CurrentUser>,
    Ids(key): Ids<SalonKey>,
    Query(q): Query<DoneQuery>,
) -> Result<Response, AppError> {
    // Who may see it and everything the page shows, in one statement; nothing of it is shown
    // before the rule has admitted the viewer.
    let (standing, d) = page_details(&state.db, key.id.uuid(), user.as_ref()).await?;
    let salon = standing.admit()?;
    if format!("/salons/{}", key.raw) != salon.path() {
        return Ok(Redirect::permanent(&salon.path()).into_response());
    }
    // A hidden salon shows only the moderators' reason, except to its hosts.
    if let (Some(reason), false) = (&salon.hidden_reason, salon.is_host) {
        return Ok(Page(crate::moderation::HiddenPage {
            heading: f.tr.t("mod-hidden-salon-title"),
            hidden_reason: crate::moderation::public_reason(&f.tr, reason),
            appeal_path: None,
            f,
        })
        .into_response());
    }
    let notice = crate::web::done_notice(
        &f.tr,
        "salon",
        q.done.as_deref(),
        &["created", "saved", "published", "cancelled", "summary"],
    );
    let page = render_loaded(&state, f, salon, d, user.as_ref(), notice, None).await?;
    Ok(Page(page).into_response())
}

/// Builds the page for `salon` as `user` sees it.
pub async fn render(
    state: &AppState,
    f: Frame,
    salon: VisibleSalon,
    user: Option<&CurrentUser>,
    notice: Option<String>,
    publish_error: Option<String>,
) -> Result<ShowPage, AppError> {
    let d = details_for(&state.db, salon.id, user.map(|u| u.id)).await?;
    render_loaded(state, f, salon, d, user, notice, publish_error).await
}

/// [`render`] with the details already read (by [`page_details`], with the access check).
async fn render_loaded(
    state: &AppState,
    f: Frame,
    salon: VisibleSalon,
    mut d: Details,
    user: Option<&CurrentUser>,
    notice: Option<String>,
    publish_error: Option<String>,
) -> Result<ShowPage, AppError> {
    let (newest_host, now) = (d.newest_host_since, state.clock.now());
    let description = std::mem::take(&mut d.description_html);
    // Both sit under an h2 of the page ("Om salonen", "Referat").
    d.description_html = super::markdown::under(
        &super::markdown::shown(&d.description, description, newest_host, now),
        3,
    );
    d.summary_html = d.summary_html.take().map(|html| {
        super::markdown::under(
            &super::markdown::shown(&d.summary, html, newest_host, now),
            3,
        )
    });
    let tr = &f.tr;
    let stored = &d.sessions;
    let sessions = stored
        .iter()
        .map(|s| SessionLine {
            when: session_when(tr, s.starts_at, s.ends_at),
            place: d.session_place_for(tr, salon.sees_private, s),
        })
        .collect();
    let hosts: Vec<HostLine> = d
        .host_names
        .iter()
        .zip(d.host_verified.iter().chain(std::iter::repeat(&false)))
        .map(|(n, &verified)| {
            if n.is_empty() {
                HostLine {
                    name: tr.t("salon-deleted-user"),
                    verified: false,
                }
            } else {
                HostLine {
                    name: n.clone(),
                    verified,
                }
            }
        })
        .collect();
    let host_names: Vec<String> = hosts.iter().map(|h| h.name.clone()).collect();
    let share = crate::directory::share::SharedSalon {
        title: &salon.title,
        question: &d.question,
        description: &d.description,
        status: salon.status,
        format: d.format,
        place: d.public_place(),
        town: &d.town,
        municipality_name: &d.municipality_name,
        first_start: stored.first().map(|s| s.starts_at),
        last_end: stored.iter().map(|s| s.ends_at).max(),
        hosts: &host_names,
        url: state.config.link(&salon.path()),
    }
    .share();
    let (place, link) = d.place_for(tr, salon.sees_private);
    let capacity_text = match d.capacity {
        Some(c) => tr.count("salon-capacity", c.into()),
        None => tr.t("salon-capacity-unlimited"),
    };
    // Seats are per session: the most free in any session still ahead (the same rule as the
    // directory's "ledige pladser").
    let fullest_ahead = d
        .counts
        .sessions
        .iter()
        .filter(|s| s.ends_at > now)
        .map(|s| s.citizens)
        .min()
        .unwrap_or(d.citizens_registered);
    let seats_text = match d.capacity {
        Some(c) => tr.count("salon-seats-left", (c - fullest_ahead).max(0).into()),
        None => String::new(),
    };
    let flags = [
        d.step_free,
        d.accessible_toilet,
        d.hearing_loop,
        d.sign_language,
    ];
    let access = ACCESS_CHECKS
        .iter()
        .zip(flags)
        .filter(|(_, on)| *on)
        .map(|(name, _)| tr.t(&format!("salon-access-fact-{name}")))
        .collect();
    let cancel_message_text = d.cancel_message.clone();
    let now = state.clock.now();
    let invitations = d.public_invitations(tr, now);
    let agreements = if d.has_agreements {
        crate::agreements::shown::for_salon(state, tr, salon.id).await?
    } else {
        Vec::new()
    };
    // Only a corrected summary has earlier versions to read.
    let (summary_corrected, summary_earlier) = match d.summary_corrected_at {
        Some(at) if d.summary_html.is_some() => (
            Some(crate::web::corrections::corrected_on(tr, at)),
            sqlx::query!(
                r#"SELECT summary, replaced_at FROM summary_versions
                   WHERE salon_id = $1 ORDER BY replaced_at DESC"#,
                salon.id
            )
            .fetch_all(&state.db)
            .await?
            .into_iter()
            .map(|v| crate::web::corrections::EarlierVersion::new(tr, v.summary, v.replaced_at))
            .collect(),
        ),
        _ => (None, Vec::new()),
    };
    let panel = crate::registrations::panel_with(state, &salon, user, d.counts.clone()).await?;
    // After the salon there are no free seats to speak of.
    let seats_text = if panel.over {
        String::new()
    } else {
        seats_text
    };
    let card = {
        let first = stored.first().map(|s| s.starts_at);
        // The head's card counts seats as every card does (migration 0043's rule).
        let seats_left = d.capacity.map(|c| (c - fullest_ahead).max(0));
        super::card::SalonCard {
            path: salon.path(),
            title: salon.title.clone(),
            question: d.question.clone(),
            municipality_name: d.municipality_name.clone(),
            town: d.town.clone(),
            format: d.format,
            first_starts_at: first,
            more_sessions: stored.len() > 1,
            status: super::card::CardStatus::of(
                salon.status,
                seats_left,
                first.is_some_and(|at| at <= now),
            ),
            seats_left,
            step_free: d.step_free,
            answer_units: Vec::new(),
            level: 1,
        }
    };
    let hidden = match &salon.hidden_reason {
        Some(stored) => Some(
            crate::moderation::notice_for_owner(
                &state.db,
                tr,
                crate::moderation::Target::Salon,
                salon.id,
                stored,
            )
            .await?,
        ),
        None => None,
    };
    let og_image = d
        .picture
        .as_ref()
        .filter(|_| salon.indexable())
        .map(|p| state.config.link(&p.largest));
    let url = state.config.link(&salon.path());
    let sharing = super::sharing::Sharing::of(tr, &salon, &d.question, &url);
    let map_link = super::sharing::map_link(&d);
    let conversation = crate::conversation::Section::build(
        crate::conversation::section::Context {
            tr,
            viewer: user,
            status: salon.status,
            hidden: salon.hidden_reason.is_some(),
            summary_published_at: d.summary_published_at,
            standing: crate::conversation::section::Standing {
                is_host: salon.is_host,
                units: std::mem::take(&mut d.answer_units),
                owns_step: d.owns_step,
            },
            now,
        },
        std::mem::take(&mut d.conversation),
    );
    Ok(ShowPage {
        og_image,
        sharing,
        map_link,
        conversation,
        format_label: tr.t(&format!("salon-format-{}", d.format.as_str())),
        link_is_real: salon.sees_private && link.is_some(),
        place,
        link,
        sessions,
        capacity_text,
        seats_text,
        access,
        hosts,
        is_draft: salon.status == SalonStatus::Draft,
        is_cancelled: salon.status == SalonStatus::Cancelled,
        is_held: salon.status == SalonStatus::Held,
        can_change: matches!(salon.status, SalonStatus::Draft | SalonStatus::Published),
        cancel_message_text,
        notice,
        publish_error,
        panel,
        invitations,
        agreements,
        summary_corrected,
        summary_earlier,
        can_summarise: matches!(salon.status, SalonStatus::Held | SalonStatus::Closed),
        share,
        hidden,
        can_report: user.is_some() && !salon.is_host,
        card,
        d,
        salon,
        f,
    })
}
