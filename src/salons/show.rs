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
use crate::auth::sessions::{Lookup, PersonRow};
use crate::auth::{CurrentUser, RequestPerson};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::DoneQuery;
use crate::web::i18n::Tr;
use crate::web::markup::Isolated;
use crate::web::path::Ids;
use crate::web::{BareFrame, Frame, Page};

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
    Ok(read(db, id, viewer, None, None).await?.2)
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
    let (_, standing, d) = read(db, id, viewer.map(|u| u.id), email, None).await?;
    Ok((standing, d))
}

/// [`page_details`] with, in the same statement, the person behind the request's session (looked
/// up by `session`, as `auth::sessions::load` does): the salon page of a signed-in person in one
/// round trip. The person is the viewer; `None` if the session is not valid.
pub async fn page_details_with_session<'e>(
    db: impl PgExecutor<'e>,
    id: Uuid,
    session: &Lookup,
) -> Result<(Option<PersonRow>, Standing, Details), AppError> {
    read(db, id, None, None, Some(session)).await
}

/// The one statement behind [`details_for`], [`page_details`] and
/// [`page_details_with_session`]; `email` is the viewer's confirmed address (an invitation by
/// email makes them invited). With `session`, the viewer and their address are the session's
/// person, read in the same statement (`viewer` and `email` are then `None`).
async fn read<'e>(
    db: impl PgExecutor<'e>,
    id: Uuid,
    viewer: Option<Uuid>,
    email: Option<String>,
    session: Option<&Lookup>,
) -> Result<(Option<PersonRow>, Standing, Details), AppError> {
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
                  -- When the request's session is looked up here instead: its person (the same
                  -- as every page's session statement reads) with the same viewer's part
                  -- (migration 0080). Null for a session that is not valid.
                  CASE WHEN $5::bytea IS NOT NULL
                       THEN salon_page_session(s.id, s.visibility = 'invite_only', $5, $6, $7, $8)
                  END AS "session: Json<SessionViewer>",
                  s.question, s.description, s.description_html, s.municipality_code,
                  m.name AS municipality_name, m.slug AS municipality_slug, s.town,
                  s.format AS "format: Format", s.place_name, s.address, s.address_private,
                  s.online_link, s.capacity, s.municipal_seats, s.citizens_registered,
                  s.municipal_registered, s.status::text AS "status!",
                  s.visibility::text AS "visibility!", s.topics, s.step_free,
                  s.accessible_toilet, s.hearing_loop, s.sign_language, s.accessibility_note,
                  s.cancel_message, s.sequence, s.summary_html, s.summary_published_at,
                  s.summary, s.summary_corrected_at,
                  -- What every viewer sees of it (sessions, hosts, who comes, invitations,
                  -- decisions, picture, conversation): kept as one value by the database
                  -- (migration 0066), computed here only if it is missing.
                  coalesce(p.public, salon_page_public(s.id)) AS "public!: Json<Public>",
                  -- In debug builds (the tests), the same computed now when it differs from
                  -- the kept one: every test that opens a salon page checks the triggers.
                  CASE WHEN $4::bool AND p.public::jsonb IS DISTINCT FROM salon_page_public(s.id)::jsonb
                       THEN json_build_object('kept', p.public, 'live', salon_page_public(s.id))::text
                  END AS stale
           FROM salons s JOIN municipalities m ON m.code = s.municipality_code
           LEFT JOIN salon_pages p ON p.salon_id = s.id
           WHERE s.id = $1"#,
        id,
        viewer,
        email,
        cfg!(debug_assertions),
        session.map(|l| l.hash.as_slice()),
        session.map(|l| l.seen_after),
        session.map(|l| l.made_after),
        session.map(|l| l.now),
    )
    .fetch_optional(db)
    .await?
    .ok_or(AppError::NotFound)?;
    if let Some(stale) = r.stale {
        return Err(AppError::Internal(anyhow::anyhow!(
            "the kept public part of salon {id} is not what it computes to: {stale}"
        )));
    }
    let public = r.public.0;
    let (who, v) = match r.session.map(|s| s.0) {
        Some(SessionViewer { who, viewer }) => (Some(who), Some(viewer)),
        None => (None, r.viewer.map(|v| v.0)),
    };
    let viewer = viewer.or(who.as_ref().map(|w| w.id));
    // A visitor (no viewer) is nobody's host, registration or invitation.
    let v = v.unwrap_or_default();
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
    let rows = public.sessions;
    let sessions: Vec<Session> = rows.iter().map(SessionRow::session).collect();
    let hosts = public.hosts;
    let Waiting { waiting, offline } = public.waiting;
    let counts = crate::registrations::Counts {
        status: r.status,
        visibility: r.visibility,
        citizens_registered: r.citizens_registered,
        municipal_registered: r.municipal_registered,
        offline,
        last_end: sessions.iter().map(|s| s.ends_at).max(),
        waiting,
        sessions: rows.into_iter().map(SessionRow::count).collect(),
        attendees: public.attendees,
        mine: viewer.map(|_| v.mine),
    };
    Ok((
        who,
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
            conversation: public.conversation,
            answer_units: v.answer_units,
            owns_step: v.owns_step,
            summary: r.summary,
            summary_corrected_at: r.summary_corrected_at,
            newest_host_since: hosts.newest_since,
            sessions,
            host_names: hosts.names,
            host_verified: hosts.verified,
            invitations: public.invitations,
            decisions: public.decisions,
            has_agreements: public.has_agreements,
            picture: public.picture.and_then(|p| p.shown(id)),
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

/// What every viewer of a salon sees, as the database keeps it (`salon_page_public`,
/// migration 0066).
#[derive(Debug, serde::Deserialize)]
struct Public {
    sessions: Vec<SessionRow>,
    hosts: Hosts,
    waiting: Waiting,
    attendees: Vec<crate::registrations::AttendeeRow>,
    invitations: Vec<crate::invitations::SalonInvitation>,
    decisions: Vec<AboutDecision>,
    has_agreements: bool,
    picture: Option<crate::pictures::Stored>,
    conversation: Vec<crate::conversation::Row>,
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

/// The request's person with what the page reads about them (`salon_page_session`,
/// migration 0080).
#[derive(Debug, serde::Deserialize)]
struct SessionViewer {
    who: PersonRow,
    viewer: Viewer,
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
    session: RequestPerson,
    f: BareFrame,
    Ids(key): Ids<SalonKey>,
    Query(q): Query<DoneQuery>,
) -> Result<Response, AppError> {
    // Who may see it and everything the page shows, in one statement; nothing of it is shown
    // before the rule has admitted the viewer. With a session cookie the person is read in the
    // same statement (the busiest signed-in page: a round trip saved).
    let (user, (standing, d)) = match session.pending() {
        Some(lookup) => {
            let (who, standing, d) =
                page_details_with_session(&state.db, key.id.uuid(), &lookup).await?;
            (session.settle(lookup, who).await?, (standing, d))
        }
        None => {
            let user = session.person().await?;
            let read = page_details(&state.db, key.id.uuid(), user.as_ref()).await?;
            (user, read)
        }
    };
    let f = f.for_person(user.clone());
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
