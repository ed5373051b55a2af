//! Signing up for a salon and cancelling: `POST /salons/{key}/register` and
//! `POST /salons/{key}/registration/cancel` (which also takes someone off the waitlist).

use askama::Template;
use axum::Form as PostForm;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use uuid::Uuid;

use super::panel::{self, Choice, Panel, RoleOption};
use super::waitlist::{self, Kind, NewRegistration, Placement};
use super::{as_participant, mails, notify_user, tell_promoted};
use crate::auth::{CurrentUser, VerifiedUser};
use crate::domain::{Body, Invalid};
use crate::error::AppError;
use crate::salons::calendar::SalonCalendar;
use crate::salons::{SalonKey, VisibleSalon, load_visible};
use crate::state::AppState;
use crate::web::forms::{self, ListForm};
use crate::web::path::Ids;
use crate::web::{Frame, Page};

/// The registration form on a page of its own: shown when the form comes back with errors.
#[derive(Template)]
#[template(path = "registrations/register.html")]
pub struct RegisterPage {
    f: Frame,
    title: String,
    back: String,
    panel: Panel,
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct RegisterInput {
    pub needs: String,
    pub show_name: Option<String>,
    pub come_as: String,
    /// Set when the session boxes were drawn (salons with several sessions ahead).
    pub sessions_shown: String,
    /// The sessions checked.
    #[serde(deserialize_with = "forms::many")]
    pub sessions: Vec<String>,
}

/// The sessions chosen: those checked when the boxes were drawn (at least one), else all
/// (an empty list). Ids that are not the salon's are left to [`waitlist`], which ignores them.
pub fn parse_sessions(input: &RegisterInput) -> Result<Vec<Uuid>, Invalid> {
    if input.sessions_shown.is_empty() {
        return Ok(Vec::new());
    }
    let chosen: Vec<Uuid> = input
        .sessions
        .iter()
        .filter_map(|s| Uuid::parse_str(s.trim()).ok())
        .collect();
    if chosen.is_empty() {
        return Err(Invalid("reg-error-sessions-missing"));
    }
    Ok(chosen)
}

/// Accessibility needs: free text, at most 1000 characters.
pub fn parse_needs(raw: &str) -> Result<Body<1000>, Invalid> {
    Body::parse(raw).map_err(|e| e.long("reg-error-needs-too-long"))
}

/// How the person comes: as a citizen, or in one of their roles (by its id).
pub fn parse_come_as(raw: &str, roles: &[RoleOption]) -> Result<Option<Uuid>, Invalid> {
    let raw = raw.trim();
    if roles.is_empty() && (raw.is_empty() || raw == "citizen") {
        return Ok(None);
    }
    match raw {
        "" => Err(Invalid("reg-error-come-as-missing")),
        "citizen" => Ok(None),
        other => Uuid::parse_str(other)
            .ok()
            .filter(|id| roles.iter().any(|r| r.id == *id))
            .map(Some)
            .ok_or(Invalid("reg-error-come-as-invalid")),
    }
}

/// `GET /salons/{key}/register`: the form on its own page (the salon page has it too).
pub async fn form(
    State(state): State<AppState>,
    f: Frame,
    VerifiedUser(user): VerifiedUser,
    Ids(key): Ids<SalonKey>,
) -> Result<Response, AppError> {
    let salon = load_visible(&state.db, key.id.uuid(), Some(&user)).await?;
    let panel = panel::panel(&state, &salon, Some(&user)).await?;
    if panel.state != "open" {
        return Ok(Redirect::to(&format!("{}#registration", salon.path())).into_response());
    }
    Ok(Page(RegisterPage {
        title: f.tr.t1("reg-register-page-title", "title", &salon.title),
        back: salon.path(),
        f,
        panel,
    })
    .into_response())
}

/// `POST /salons/{key}/register`.
pub async fn submit(
    State(state): State<AppState>,
    f: Frame,
    VerifiedUser(user): VerifiedUser,
    Ids(key): Ids<SalonKey>,
    ListForm(input): ListForm<RegisterInput>,
) -> Result<Response, AppError> {
    let salon = load_visible(&state.db, key.id.uuid(), Some(&user)).await?;
    let back = Redirect::to(&format!("{}#registration", salon.path())).into_response();
    let roles = panel::roles_of(&state.db, &user, &salon).await?;
    let needs = parse_needs(&input.needs);
    let come_as = parse_come_as(&input.come_as, &roles);
    let sessions = parse_sessions(&input);
    let (Ok(needs), Ok(role), Ok(sessions)) = (needs.clone(), come_as, sessions.clone()) else {
        let mut panel = panel::panel(&state, &salon, Some(&user)).await?;
        if panel.state != "open" {
            return Ok(back);
        }
        panel.keep_input(&f.tr, &input, needs.err(), come_as.err(), sessions.err());
        let page = RegisterPage {
            title: f.tr.t1("reg-register-page-title", "title", &salon.title),
            back: salon.path(),
            f,
            panel,
        };
        return Ok(Page::invalid(page));
    };
    let choice = Registering {
        role,
        needs: needs.as_str(),
        show_name: input.show_name.is_some(),
        sessions: &sessions,
    };
    register(&state, user.id, &salon, choice).await?;
    Ok(back)
}

/// What someone registering chose: the role they come in (none: as a citizen), what they
/// need, whether their name is shown, and the sessions they come to (empty: all ahead).
#[derive(Clone, Copy, Debug)]
pub struct Registering<'a> {
    pub role: Option<Uuid>,
    pub needs: &'a str,
    pub show_name: bool,
    pub sessions: &'a [Uuid],
}

/// Registers `user` for `salon`, on a seat or in line, and mails them. `None` when nothing
/// was done: registration is closed, or they are already registered or waiting.
pub async fn register(
    state: &AppState,
    user: Uuid,
    salon: &VisibleSalon,
    choice: Registering<'_>,
) -> Result<Option<Placement>, AppError> {
    let kind = if choice.role.is_some() {
        Kind::Municipal
    } else {
        Kind::Citizen
    };
    // Made before the transaction: it reads with connections of its own, which must not be
    // needed while this request holds the salon's lock.
    let calendar = SalonCalendar::load(state, &as_participant(salon)).await?;

    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let mut seats = waitlist::lock(&mut tx, salon.id).await?;
    if !seats.open_at(now) {
        return Ok(None);
    }
    let already = sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM registrations WHERE salon_id = $1 AND user_id = $2
                          AND status IN ('registered', 'waitlisted')) AS "found!""#,
        salon.id,
        user
    )
    .fetch_one(&mut *tx)
    .await?;
    if already {
        return Ok(None);
    }
    let Some((registration, placement)) = waitlist::add(
        &mut tx,
        &mut seats,
        NewRegistration {
            user: Some(user),
            offline_name: None,
            offline_phone: None,
            kind,
            role: choice.role,
            needs: choice.needs,
            show_name: choice.show_name,
        },
        choice.sessions,
        now,
    )
    .await?
    else {
        // None of the sessions named is the salon's and ahead.
        return Ok(None);
    };
    waitlist::save(&mut tx, &seats).await?;
    super::schedule_cleanup(&mut tx, salon.id, now).await?;
    // The confirmation's calendar holds the sessions they have a seat in; a place in line
    // in another session is not yet a date in their calendar.
    let seated = sqlx::query_scalar!(
        "SELECT session_id FROM registration_sessions WHERE registration_id = $1 AND place = 'seat'",
        registration
    )
    .fetch_all(&mut *tx)
    .await?;
    let ics = calendar.ics(None, &seated);
    let path = salon.path();
    let link = state.config.link(&path);
    notify_user(&mut tx, now, user, |locale, name| {
        let about = mails::About {
            name,
            title: &salon.title,
            link: &link,
            path: &path,
        };
        match placement {
            Placement::Registered => mails::registered(locale, &about, Some(&ics)),
            Placement::Waitlisted(position) => mails::waitlisted(locale, &about, position),
        }
    })
    .await?;
    tx.commit().await?;
    state.job_wake.notify_one();
    Ok(Some(placement))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CancelInput {
    /// One session to cancel; empty: the whole registration.
    pub session: String,
}

/// `POST /salons/{key}/registration/cancel`: the person cancels their registration or leaves
/// the waitlist (of one session, or of all); a seat they held goes to the first in line at
/// once.
pub async fn cancel(
    State(state): State<AppState>,
    user: CurrentUser,
    Ids(key): Ids<SalonKey>,
    PostForm(input): PostForm<CancelInput>,
) -> Result<Response, AppError> {
    let salon = load_visible(&state.db, key.id.uuid(), Some(&user)).await?;
    let back = Redirect::to(&format!("{}#registration", salon.path())).into_response();
    let calendar = SalonCalendar::load(&state, &as_participant(&salon)).await?;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let mut seats = waitlist::lock(&mut tx, salon.id).await?;
    let mine = sqlx::query_scalar!(
        r#"SELECT id FROM registrations WHERE salon_id = $1 AND user_id = $2
           AND status IN ('registered', 'waitlisted')"#,
        salon.id,
        user.id
    )
    .fetch_optional(&mut *tx)
    .await?;
    let Some(mine) = mine else {
        return Ok(back);
    };
    if let Ok(session) = Uuid::parse_str(input.session.trim()) {
        let promoted = waitlist::leave(&mut tx, &mut seats, mine, session, now).await?;
        waitlist::save(&mut tx, &seats).await?;
        tell_promoted(&mut tx, &state, &salon, &promoted, &calendar).await?;
        tx.commit().await?;
        state.job_wake.notify_one();
        return Ok(back);
    }
    if let Some(done) = waitlist::withdraw(&mut tx, &mut seats, mine, "cancelled", now).await? {
        waitlist::save(&mut tx, &seats).await?;
        tell_promoted(&mut tx, &state, &salon, &done.promoted, &calendar).await?;
    }
    tx.commit().await?;
    state.job_wake.notify_one();
    Ok(back)
}

/// `POST /salons/{key}/registration`: a registered person changes the sessions they come to
/// (seats they leave go to the first in line; sessions they add give a seat or a place in
/// line), their needs and whether their name is shown.
pub async fn change(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    Ids(key): Ids<SalonKey>,
    ListForm(input): ListForm<RegisterInput>,
) -> Result<Response, AppError> {
    let salon = load_visible(&state.db, key.id.uuid(), Some(&user)).await?;
    let back = Redirect::to(&format!("{}#registration", salon.path())).into_response();
    let needs = parse_needs(&input.needs);
    let sessions = parse_sessions(&input);
    let (Ok(needs), Ok(sessions)) = (needs.clone(), sessions.clone()) else {
        let mut panel = panel::panel(&state, &salon, Some(&user)).await?;
        if !matches!(panel.state, "registered" | "waitlisted") {
            return Ok(back);
        }
        panel.keep_input(&f.tr, &input, needs.err(), None, sessions.err());
        let page = RegisterPage {
            title: f.tr.t1("reg-register-page-title", "title", &salon.title),
            back: salon.path(),
            f,
            panel,
        };
        return Ok(Page::invalid(page));
    };
    let calendar = SalonCalendar::load(&state, &as_participant(&salon)).await?;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let mut seats = waitlist::lock(&mut tx, salon.id).await?;
    let mine = sqlx::query!(
        r#"SELECT id, kind::text AS "kind!" FROM registrations WHERE salon_id = $1 AND user_id = $2
           AND status IN ('registered', 'waitlisted')"#,
        salon.id,
        user.id
    )
    .fetch_optional(&mut *tx)
    .await?;
    let Some(mine) = mine else {
        return Ok(back);
    };
    sqlx::query!(
        "UPDATE registrations SET needs = $2, show_name = $3, updated_at = $4 WHERE id = $1",
        mine.id,
        needs.as_str(),
        input.show_name.is_some(),
        now
    )
    .execute(&mut *tx)
    .await?;
    // Without the boxes (one session ahead) there is nothing to change about sessions.
    let changed = if sessions.is_empty() || !seats.open_at(now) {
        waitlist::Changed::default()
    } else {
        let kind = Kind::from_db(&mine.kind);
        waitlist::change_sessions(&mut tx, &mut seats, mine.id, kind, &sessions, now).await?
    };
    waitlist::save(&mut tx, &seats).await?;
    tell_promoted(&mut tx, &state, &salon, &changed.promoted, &calendar).await?;
    tx.commit().await?;
    state.job_wake.notify_one();
    Ok(back)
}

/// The choices of how to come, for the form.
pub fn choices(roles: &[RoleOption], chosen: &str) -> Vec<Choice> {
    if roles.is_empty() {
        return Vec::new();
    }
    std::iter::once(Choice {
        value: "citizen".to_string(),
        role: None,
        checked: chosen == "citizen",
    })
    .chain(roles.iter().map(|r| Choice {
        value: r.id.to_string(),
        role: Some(r.label.clone()),
        checked: chosen == r.id.to_string(),
    }))
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn role() -> RoleOption {
        RoleOption {
            id: Uuid::from_u128(7),
            label: super::panel::RoleLabel {
                kind: "politician".into(),
                title: "Byrådsmedlem".into(),
                party: String::new(),
            },
        }
    }

    #[test]
    fn needs_are_trimmed_and_bounded() {
        assert_eq!(
            parse_needs("  trinfri adgang \r\n").unwrap(),
            "trinfri adgang"
        );
        assert_eq!(
            parse_needs(&"å".repeat(1000))
                .unwrap()
                .as_str()
                .chars()
                .count(),
            1000
        );
        assert_eq!(
            parse_needs(&"å".repeat(1001)),
            Err(Invalid("reg-error-needs-too-long"))
        );
    }

    #[test]
    fn a_role_holder_must_choose_and_only_their_own_role() {
        let roles = [role()];
        assert_eq!(parse_come_as("", &[]), Ok(None));
        assert_eq!(
            parse_come_as(&Uuid::from_u128(7).to_string(), &[]),
            Err(Invalid("reg-error-come-as-invalid"))
        );
        assert_eq!(
            parse_come_as("", &roles),
            Err(Invalid("reg-error-come-as-missing"))
        );
        assert_eq!(parse_come_as("citizen", &roles), Ok(None));
        assert_eq!(
            parse_come_as(&Uuid::from_u128(7).to_string(), &roles),
            Ok(Some(Uuid::from_u128(7)))
        );
        assert_eq!(
            parse_come_as(&Uuid::from_u128(8).to_string(), &roles),
            Err(Invalid("reg-error-come-as-invalid"))
        );
        assert_eq!(
            parse_come_as("not-a-uuid", &roles),
            Err(Invalid("reg-error-come-as-invalid"))
        );
    }
}
