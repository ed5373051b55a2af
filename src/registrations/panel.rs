//! What the salon page shows about registering: seats, the form, "you are registered" with a
//! way to cancel, "you are number N on the waitlist" with a way to leave, who is coming (those
//! who chose to be shown, and municipal guests with their badge), and for hosts a link to the
//! participant list. Drawn by `templates/registrations/panel.html` inside the salon page.

use std::borrow::Borrow;

use chrono::{DateTime, Utc};
use sqlx::PgPool;
use uuid::Uuid;

use super::register::{RegisterInput, choices};
use super::waitlist::{Kind, Placement};
use crate::auth::CurrentUser;
use crate::domain::Invalid;
use crate::error::AppError;
use crate::salons::VisibleSalon;
use crate::state::AppState;
use crate::web::forms::{Field, Form};
use crate::web::i18n::Tr;

/// One way to come, as a radio button.
#[derive(Clone, Debug)]
pub struct Choice {
    /// `citizen` or a role's id.
    pub value: String,
    /// The role, for a role's choice.
    pub role: Option<RoleLabel>,
    pub checked: bool,
}

impl Choice {
    pub fn label(&self, tr: impl Borrow<Tr>) -> String {
        let tr = tr.borrow();
        match &self.role {
            None => tr.t("reg-field-come-as-citizen"),
            Some(role) => tr.t1("reg-field-come-as-role", "role", &role.text(tr)),
        }
    }
}

/// A role as stored: its kind, title and party.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoleLabel {
    pub kind: String,
    pub title: String,
    pub party: String,
}

impl RoleLabel {
    /// "Byrådsmedlem, Venstre"; the kind of role when there is no title.
    pub fn text(&self, tr: impl Borrow<Tr>) -> String {
        let tr = tr.borrow();
        role_label(tr, &self.kind, &self.title, &self.party)
    }
}

/// A role the person may come in.
#[derive(Clone, Debug)]
pub struct RoleOption {
    pub id: Uuid,
    pub label: RoleLabel,
}

/// Someone shown publicly as coming.
#[derive(Clone, Debug)]
pub struct Attendee {
    pub name: String,
    /// The role of a municipal guest, and the municipality's name.
    pub role: Option<(RoleLabel, String)>,
    /// A municipal guest's public profile (`/people/{id}`); citizens' names never link.
    pub profile: Option<String>,
}

impl Attendee {
    /// Title and municipality, for municipal guests.
    pub fn badge(&self, tr: impl Borrow<Tr>) -> Option<String> {
        let tr = tr.borrow();
        self.role
            .as_ref()
            .map(|(role, municipality)| format!("{} · {municipality}", role.text(tr)))
    }
}

/// The registration panel of a salon page.
#[derive(Clone, Debug)]
pub struct Panel {
    /// `draft`, `over`, `closed`, `sign-in`, `unverified`, `open`, `registered` or
    /// `waitlisted`.
    pub state: &'static str,
    /// The salon is over: the panel says who took part, and offers nothing to sign up for.
    pub over: bool,
    /// Who is coming (or came), in the words every page uses.
    pub turnout: super::Turnout,
    /// The viewer's registration: municipal or citizen seats, place in line, role.
    pub municipal: bool,
    pub position: i32,
    pub role: Option<RoleLabel>,
    pub capacity: Option<i32>,
    pub taken: i32,
    pub municipal_taken: i32,
    pub waiting: i64,
    /// Citizen seats are all taken: registering puts one on the waitlist.
    pub full: bool,
    pub register_action: String,
    pub cancel_action: String,
    pub sign_in_href: String,
    /// The form's fields: needs, and for role holders how they come.
    pub form: Form,
    pub show_name: bool,
    pub choices: Vec<Choice>,
    /// For hosts: the participant list and its counts.
    pub participants_href: Option<String>,
    pub attendees: Vec<Attendee>,
    /// How many more are coming publicly than are named.
    pub attendees_more: usize,
    /// The sessions still ahead; with more than one ([`Panel::several`]) the forms have a
    /// checkbox for each, and seats are shown per session.
    pub sessions: Vec<SessionChoice>,
    pub several: bool,
    /// Where a registered person changes their sessions, needs and "vis mit navn".
    pub change_action: String,
}

impl Panel {
    /// "You are registered" / "You are number 3 on the waitlist".
    pub fn status_text(&self, tr: impl Borrow<Tr>) -> String {
        let tr = tr.borrow();
        match (self.state, &self.role) {
            ("registered", Some(role)) => {
                tr.t1("reg-you-are-registered-role", "role", &role.text(tr))
            }
            ("registered", None) => tr.t("reg-you-are-registered"),
            ("waitlisted", _) => {
                let key = if self.municipal {
                    "reg-you-are-waitlisted-municipal"
                } else {
                    "reg-you-are-waitlisted"
                };
                tr.t_args(key, &[("position", self.position.into())])
            }
            _ => String::new(),
        }
    }

    /// Seats and the waitlist while the salon is ahead: "12 af 20 pladser er taget. 3 står
    /// på ventelisten." (who is coming is [`Panel::turnout`]); `None` when there is nothing
    /// to say.
    /// With several sessions the seats are per session ([`SessionChoice::seats_text`]).
    pub fn seats_text(&self, tr: impl Borrow<Tr>) -> Option<String> {
        if self.several {
            return None;
        }
        seats_line(tr.borrow(), self.capacity, self.taken, self.waiting)
    }

    /// For hosts, after who is coming: "3 på venteliste", when anyone is.
    pub fn host_waiting(&self, tr: impl Borrow<Tr>) -> Option<String> {
        let tr = tr.borrow();
        (self.waiting > 0).then(|| tr.count("reg-host-waiting", self.waiting))
    }

    /// "og 4 flere", when more come publicly than are named.
    pub fn more_text(&self, tr: impl Borrow<Tr>) -> Option<String> {
        let tr = tr.borrow();
        (self.attendees_more > 0).then(|| tr.count("reg-public-others", self.attendees_more as i64))
    }

    /// Puts back what the person typed, with the errors.
    pub fn keep_input(
        &mut self,
        tr: &Tr,
        input: &RegisterInput,
        needs: Option<Invalid>,
        come_as: Option<Invalid>,
        sessions: Option<Invalid>,
    ) {
        if let Some(needs_field) = self.form.field_mut("needs") {
            needs_field.value = input.needs.clone();
        }
        if let Some(Invalid(key)) = needs {
            self.form.fail("needs", tr, key);
        }
        if let Some(Invalid(key)) = come_as {
            if self.form.fields.iter().any(|f| f.name == "come_as") {
                self.form.fail("come_as", tr, key);
            }
        }
        self.show_name = input.show_name.is_some();
        for c in &mut self.choices {
            c.checked = c.value == input.come_as;
        }
        if !input.sessions_shown.is_empty() {
            for s in &mut self.sessions {
                s.checked = input.sessions.contains(&s.id.to_string());
            }
        }
        if let Some(Invalid(key)) = sessions {
            self.form.fail("sessions", tr, key);
        }
    }
}

/// The official and politician roles `user` holds in the salon's municipality.
pub async fn roles_of(
    db: &PgPool,
    user: &CurrentUser,
    salon: &VisibleSalon,
) -> Result<Vec<RoleOption>, AppError> {
    let rows = sqlx::query!(
        r#"SELECT id, kind::text AS "kind!", title, party FROM roles
           WHERE user_id = $1 AND municipality_code = $2 AND status = 'approved'
             AND kind IN ('official', 'politician')
           ORDER BY created_at"#,
        user.id,
        salon.municipality_code
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| RoleOption {
            id: r.id,
            label: RoleLabel {
                kind: r.kind,
                title: r.title,
                party: r.party,
            },
        })
        .collect())
}

/// "Byrådsmedlem, Venstre"; the kind of role when there is no title.
pub fn role_label(tr: &Tr, kind: &str, title: &str, party: &str) -> String {
    let title = if title.trim().is_empty() {
        tr.t(&format!("reg-role-label-{kind}"))
    } else {
        title.trim().to_string()
    };
    if party.trim().is_empty() {
        title
    } else {
        format!("{title}, {}", party.trim())
    }
}

/// How many attendees the panel names before "and N more".
const SHOWN: usize = 30;

/// What the panel needs to know about the salon's seats and who is coming, read with the
/// salon's details ([`crate::salons::details`]) in the salon page's one query.
#[derive(Clone, Debug)]
pub struct Counts {
    pub status: String,
    pub visibility: String,
    pub citizens_registered: i32,
    pub municipal_registered: i32,
    /// Of `citizens_registered`, those the hosts added who are not online.
    pub offline: i64,
    pub last_end: Option<DateTime<Utc>>,
    pub waiting: i64,
    /// Seats and lines per session, in time order.
    pub sessions: Vec<SessionCount>,
    /// Registered people shown publicly, in order (municipal guests first).
    pub attendees: Vec<AttendeeRow>,
    /// The viewer's own live registration, when the details were read for a viewer (the
    /// salon page reads it in the same query); `None` when not read.
    pub mine: Option<Option<Mine>>,
}

/// The viewer's own registration (registered or waitlisted) on a salon.
#[derive(Clone, Debug, serde::Deserialize)]
pub struct Mine {
    pub status: String,
    pub kind: String,
    pub waitlist_position: Option<i32>,
    pub role_kind: Option<String>,
    pub role_title: Option<String>,
    pub role_party: Option<String>,
    #[serde(default)]
    pub needs: String,
    #[serde(default)]
    pub show_name: bool,
    /// Where they are in each session they chose.
    #[serde(default)]
    pub sessions: Vec<MineSession>,
}

/// The viewer's seat or place in line in one session.
#[derive(Clone, Debug, serde::Deserialize)]
pub struct MineSession {
    pub id: Uuid,
    /// `seat` or `waitlist`.
    pub place: String,
    pub position: Option<i32>,
}

/// One session's seats and lines, as the salon page's query reads them.
#[derive(Clone, Debug, serde::Deserialize)]
pub struct SessionCount {
    pub id: Uuid,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub citizens: i32,
    pub municipal: i32,
    pub waiting: i64,
}

/// A session still ahead, as the panel shows it: a checkbox in the forms, its seats, and where
/// the viewer is in it.
#[derive(Clone, Debug)]
pub struct SessionChoice {
    pub id: Uuid,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub checked: bool,
    pub capacity: Option<i32>,
    pub taken: i32,
    pub waiting: i64,
    /// The viewer's kind of seats are all taken here.
    pub full: bool,
    pub mine: Option<Placement>,
}

impl SessionChoice {
    pub fn when(&self, tr: impl Borrow<Tr>) -> String {
        crate::salons::session_when(tr.borrow(), self.starts_at, self.ends_at)
    }

    /// "12 af 20 pladser er taget. 3 står på ventelisten."; `None` without a limit or line.
    pub fn seats_text(&self, tr: impl Borrow<Tr>) -> Option<String> {
        seats_line(tr.borrow(), self.capacity, self.taken, self.waiting)
    }

    /// "Du har en plads" / "Nr. 2 på ventelisten", for a session the viewer chose.
    pub fn mine_text(&self, tr: impl Borrow<Tr>) -> Option<String> {
        let tr = tr.borrow();
        match self.mine? {
            Placement::Registered => Some(tr.t("reg-session-seat")),
            Placement::Waitlisted(position) => {
                Some(tr.t_args("reg-session-waitlisted", &[("position", position.into())]))
            }
        }
    }
}

/// The seats line shared by the salon and each session.
fn seats_line(tr: &Tr, capacity: Option<i32>, taken: i32, waiting: i64) -> Option<String> {
    let seats = capacity.map(|capacity| {
        tr.t_args(
            "reg-seats-taken",
            &[("taken", taken.into()), ("capacity", capacity.into())],
        )
    });
    let waiting = (waiting > 0).then(|| tr.count("reg-waiting", waiting));
    match (seats, waiting) {
        (None, None) => None,
        (s, w) => Some([s, w].into_iter().flatten().collect::<Vec<_>>().join(" ")),
    }
}

/// One publicly shown registration as the details query reads it.
#[derive(Clone, Debug, serde::Deserialize)]
pub struct AttendeeRow {
    name: Option<String>,
    kind: String,
    role_kind: Option<String>,
    title: Option<String>,
    party: Option<String>,
    municipality: Option<String>,
    #[serde(default)]
    profile: Option<Uuid>,
}

/// The panel for `viewer` on `salon`. Its texts are drawn in the page's language by the
/// template; only form errors (set by [`Panel::keep_input`]) are text already.
pub async fn panel(
    state: &AppState,
    salon: &VisibleSalon,
    viewer: Option<&CurrentUser>,
) -> Result<Panel, AppError> {
    let counts = crate::salons::details_for(&state.db, salon.id, viewer.map(|u| u.id))
        .await?
        .counts;
    panel_with(state, salon, viewer, counts).await
}

/// [`panel`] with the counts already read.
pub async fn panel_with(
    state: &AppState,
    salon: &VisibleSalon,
    viewer: Option<&CurrentUser>,
    counts: Counts,
) -> Result<Panel, AppError> {
    let now = state.clock.now();
    // Read with the counts whenever there is a viewer.
    let mine = viewer.and_then(|_| counts.mine.clone().flatten());
    let last_end = counts.sessions.iter().map(|s| s.ends_at).max();
    let open = counts.status == "published" && last_end.is_some_and(|end| end > now);
    let over = matches!(counts.status.as_str(), "held" | "closed")
        || (counts.status == "published" && last_end.is_some_and(|end| end <= now));
    let kind = match &mine {
        Some(m) => Kind::from_db(&m.kind),
        None => Kind::Citizen,
    };
    let limit = match kind {
        Kind::Citizen => salon.capacity,
        Kind::Municipal => Some(salon.municipal_seats),
    };
    let sessions: Vec<SessionChoice> = counts
        .sessions
        .iter()
        .filter(|s| s.ends_at > now)
        .map(|s| {
            let held = mine
                .as_ref()
                .and_then(|m| m.sessions.iter().find(|h| h.id == s.id));
            let taken = match kind {
                Kind::Citizen => s.citizens,
                Kind::Municipal => s.municipal,
            };
            SessionChoice {
                id: s.id,
                starts_at: s.starts_at,
                ends_at: s.ends_at,
                // All by default; a registered person's own choice.
                checked: mine.is_none() || held.is_some(),
                capacity: salon.capacity,
                taken: s.citizens,
                waiting: s.waiting,
                full: limit.is_some_and(|l| taken >= l),
                mine: held.map(|h| match (h.place.as_str(), h.position) {
                    ("waitlist", Some(p)) => Placement::Waitlisted(p),
                    _ => Placement::Registered,
                }),
            }
        })
        .collect();
    let full = !sessions.is_empty() && sessions.iter().all(|s| s.full);

    let state_name = match (&mine, viewer) {
        _ if counts.status == "draft" => "draft",
        _ if over => "over",
        (Some(m), _) if counts.status == "published" => {
            if m.status == "registered" {
                "registered"
            } else {
                "waitlisted"
            }
        }
        _ if !open => "closed",
        (_, None) => "sign-in",
        (_, Some(user)) if !user.verified => "unverified",
        _ => "open",
    };
    let role = mine.as_ref().and_then(|m| {
        Some(RoleLabel {
            kind: m.role_kind.clone()?,
            title: m.role_title.clone()?,
            party: m.role_party.clone()?,
        })
        .filter(|_| m.kind == "municipal")
    });

    let roles = match viewer {
        Some(user) if state_name == "open" => roles_of(&state.db, user, salon).await?,
        _ => Vec::new(),
    };
    let (attendees, attendees_more) = attendees(counts.attendees);
    let path = salon.path();
    let next: String = url::form_urlencoded::byte_serialize(path.as_bytes()).collect();
    // Labels are in the viewer's language; the template draws this form with the page's
    // texts and uses these fields for values and errors.
    let tr = Tr::new(viewer.map(|u| u.locale).unwrap_or_default());
    Ok(Panel {
        state: state_name,
        over,
        turnout: super::Turnout::from_counters(
            counts.citizens_registered,
            counts.offline,
            counts.municipal_registered,
        ),
        municipal: mine.as_ref().is_some_and(|m| m.kind == "municipal"),
        position: mine.as_ref().and_then(|m| m.waitlist_position).unwrap_or(0),
        role,
        capacity: salon.capacity,
        taken: counts.citizens_registered,
        municipal_taken: counts.municipal_registered,
        waiting: counts.waiting,
        full,
        register_action: format!("{path}/register"),
        cancel_action: format!("{path}/registration/cancel"),
        sign_in_href: format!("/sign-in?next={next}"),
        form: form(
            &tr,
            !roles.is_empty(),
            mine.as_ref().map(|m| m.needs.as_str()),
        ),
        show_name: mine.as_ref().is_some_and(|m| m.show_name),
        choices: choices(&roles, ""),
        participants_href: salon.is_host.then(|| format!("{path}/participants")),
        attendees,
        attendees_more,
        several: sessions.len() > 1,
        sessions,
        change_action: format!("{path}/registration"),
    })
}

/// The form's fields: for role holders how they come, and their needs.
fn form(tr: &Tr, role_holder: bool, needs: Option<&str>) -> Form {
    let mut fields = vec![
        Field::new(tr, "sessions", "checkbox", "reg-field-sessions")
            .hint(tr, "reg-field-sessions-hint"),
    ];
    if role_holder {
        fields.push(
            Field::new(tr, "come_as", "radio", "reg-field-come-as")
                .hint(tr, "reg-field-come-as-hint"),
        );
    }
    fields.push(
        Field::new(tr, "needs", "textarea", "reg-field-needs")
            .hint(tr, "reg-field-needs-hint")
            .optional(),
    );
    let mut form = Form::new(fields).prefixed("registration");
    if let (Some(needs), Some(field)) = (needs, form.field_mut("needs")) {
        field.value = needs.to_string();
    }
    form
}

/// The attendees the panel names, and how many more there are.
fn attendees(rows: Vec<AttendeeRow>) -> (Vec<Attendee>, usize) {
    let all: Vec<Attendee> = rows
        .into_iter()
        .filter_map(|r| {
            let name = r.name.filter(|n| !n.is_empty())?;
            let role = match (r.kind.as_str(), r.role_kind, r.title, r.party) {
                ("municipal", Some(kind), Some(title), Some(party)) => Some((
                    RoleLabel { kind, title, party },
                    r.municipality.unwrap_or_default(),
                )),
                _ => None,
            };
            let profile = r
                .profile
                .filter(|_| role.is_some())
                .map(crate::people::path);
            Some(Attendee {
                name,
                role,
                profile,
            })
        })
        .collect();
    let more = all.len().saturating_sub(SHOWN);
    (all.into_iter().take(SHOWN).collect(), more)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::i18n::Locale;

    #[test]
    fn a_role_reads_as_title_and_party_or_its_kind() {
        let tr = Tr::new(Locale::Da);
        assert_eq!(
            role_label(&tr, "politician", "Byrådsmedlem", "Venstre"),
            "Byrådsmedlem, Venstre"
        );
        assert_eq!(role_label(&tr, "official", "", ""), "Embedsmand");
        assert_eq!(
            role_label(&tr, "politician", " ", "Venstre"),
            "Politiker, Venstre"
        );
    }
}
