//! What the salon page shows about registering: seats, the form, "you are registered" with a
//! way to cancel, "you are number N on the waitlist" with a way to leave, who is coming (those
//! who chose to be shown, and municipal guests with their badge), and for hosts a link to the
//! participant list. Drawn by `templates/registrations/panel.html` inside the salon page.

use std::borrow::Borrow;

use chrono::{DateTime, Utc};
use sqlx::PgPool;
use uuid::Uuid;

use super::register::{RegisterInput, choices};
use super::waitlist::{Kind, Seats};
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
    pub fn seats_text(&self, tr: impl Borrow<Tr>) -> Option<String> {
        let tr = tr.borrow();
        let seats = self.capacity.map(|capacity| {
            tr.t_args(
                "reg-seats-taken",
                &[("taken", self.taken.into()), ("capacity", capacity.into())],
            )
        });
        let waiting = (self.waiting > 0).then(|| tr.count("reg-waiting", self.waiting));
        match (seats, waiting) {
            (None, None) => None,
            (s, w) => Some([s, w].into_iter().flatten().collect::<Vec<_>>().join(" ")),
        }
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
}

/// The panel for `viewer` on `salon`. Its texts are drawn in the page's language by the
/// template; only form errors (set by [`Panel::keep_input`]) are text already.
pub async fn panel(
    state: &AppState,
    salon: &VisibleSalon,
    viewer: Option<&CurrentUser>,
) -> Result<Panel, AppError> {
    let counts = crate::salons::details(&state.db, salon.id).await?.counts;
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
    let mine = match (viewer, counts.mine.clone()) {
        (None, _) => None,
        (Some(_), Some(read)) => read,
        (Some(user), None) => sqlx::query_as!(
            Mine,
            r#"SELECT r.status::text AS "status!", r.kind::text AS "kind!", r.waitlist_position,
                      ro.kind::text AS "role_kind?", ro.title AS "role_title?", ro.party AS "role_party?"
               FROM registrations r LEFT JOIN roles ro ON ro.id = r.role_id
               WHERE r.salon_id = $1 AND r.user_id = $2 AND r.status IN ('registered', 'waitlisted')"#,
            salon.id,
            user.id
        )
        .fetch_optional(&state.db)
        .await?,
    };
    let seats = Seats {
        salon: salon.id,
        status: counts.status.clone(),
        visibility: counts.visibility.clone(),
        capacity: salon.capacity,
        municipal_seats: salon.municipal_seats,
        citizens: counts.citizens_registered,
        municipal: counts.municipal_registered,
        last_end: counts.last_end,
    };
    let open = seats.open_at(now);
    let over = matches!(counts.status.as_str(), "held" | "closed")
        || (counts.status == "published" && counts.last_end.is_some_and(|end| end <= now));

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
        full: seats.free(Kind::Citizen) == 0,
        register_action: format!("{path}/register"),
        cancel_action: format!("{path}/registration/cancel"),
        sign_in_href: format!("/sign-in?next={next}"),
        form: form(&tr, !roles.is_empty()),
        show_name: false,
        choices: choices(&roles, ""),
        participants_href: salon.is_host.then(|| format!("{path}/participants")),
        attendees,
        attendees_more,
    })
}

/// The form's fields: for role holders how they come, and their needs.
fn form(tr: &Tr, role_holder: bool) -> Form {
    let mut fields = Vec::new();
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
    Form::new(fields).prefixed("registration")
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
            Some(Attendee { name, role })
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
