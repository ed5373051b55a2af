//! The hosts' participant list: who is registered, their needs, when, the waitlists in order;
//! the CSV export (names and status only); removing someone. The page also holds the forms for
//! adding someone who is not online ([`super::offline`]) and messaging everyone
//! ([`super::message`]), which come back here with their errors.

use std::borrow::Borrow;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::panel::RoleLabel;
use super::{mails, notify_user, tell_promoted, waitlist};
use crate::domain::ids::RegistrationId;
use crate::error::AppError;
use crate::salons::calendar::SalonCalendar;
use crate::salons::{HostedSalon, VisibleSalon};
use crate::state::AppState;
use crate::web::DoneQuery;
use crate::web::forms::{Field, Form};
use crate::web::i18n::Tr;
use crate::web::path::Ids;
use crate::web::{Frame, Page};

/// One person on the list.
pub struct Row {
    pub id: Uuid,
    pub name: String,
    /// `citizen`, `municipal` or `offline`.
    pub kind: &'static str,
    pub role: Option<RoleLabel>,
    pub needs: String,
    pub phone: Option<String>,
    pub show_name: bool,
    pub time: DateTime<Utc>,
    pub registered: bool,
    pub position: Option<i32>,
    /// Each session they chose, in time order, with their seat or place in line there.
    pub sessions: Vec<RowSession>,
}

/// A person's seat or place in line in one session.
#[derive(Clone, Debug, serde::Deserialize)]
pub struct RowSession {
    pub starts_at: DateTime<Utc>,
    pub position: Option<i32>,
}

impl Row {
    pub fn kind_text(&self, tr: impl Borrow<Tr>) -> String {
        let tr = tr.borrow();
        match &self.role {
            Some(role) => format!(
                "{}: {}",
                tr.t("reg-participants-kind-municipal"),
                role.text(tr)
            ),
            None => tr.t(&format!("reg-participants-kind-{}", self.kind)),
        }
    }

    /// "10. dec. 14:00: Tilmeldt; 17. dec. 14:00: Venteliste nr. 2" — seats are per session.
    pub fn sessions_text(&self, tr: impl Borrow<Tr>) -> String {
        let tr = tr.borrow();
        self.sessions
            .iter()
            .map(|s| {
                let status = match s.position {
                    Some(position) => {
                        tr.t_args("reg-status-waitlisted", &[("position", position.into())])
                    }
                    None => tr.t("reg-status-registered"),
                };
                format!("{}: {status}", tr.datetime(s.starts_at))
            })
            .collect::<Vec<_>>()
            .join("; ")
    }

    pub fn status_text(&self, tr: impl Borrow<Tr>) -> String {
        let tr = tr.borrow();
        match self.position {
            Some(position) => tr.t_args("reg-status-waitlisted", &[("position", position.into())]),
            None => tr.t("reg-status-registered"),
        }
    }
}

/// Everyone live on the salon: registered first, then each waitlist in order.
pub async fn rows(state: &AppState, tr: &Tr, salon: &VisibleSalon) -> Result<Vec<Row>, AppError> {
    let rows = sqlx::query!(
        r#"SELECT r.id, r.user_id, u.name AS "user_name?", r.offline_name, r.offline_phone,
                  r.kind::text AS "kind!", r.status::text AS "status!", r.waitlist_position,
                  r.needs, r.show_name, r.created_at AS "created_at: DateTime<Utc>",
                  ro.kind::text AS "role_kind?", ro.title AS "role_title?", ro.party AS "role_party?",
                  (SELECT coalesce(json_agg(json_build_object(
                              'starts_at', ss.starts_at, 'position', rs.waitlist_position)
                              ORDER BY ss.starts_at), '[]')
                   FROM registration_sessions rs JOIN salon_sessions ss ON ss.id = rs.session_id
                   WHERE rs.registration_id = r.id) AS "sessions!: sqlx::types::Json<Vec<RowSession>>"
           FROM registrations r
           LEFT JOIN users u ON u.id = r.user_id
           LEFT JOIN roles ro ON ro.id = r.role_id
           WHERE r.salon_id = $1 AND r.status IN ('registered', 'waitlisted')
           ORDER BY r.status, r.kind, r.waitlist_position NULLS FIRST, r.created_at"#,
        salon.id
    )
    .fetch_all(&state.db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let offline = r.user_id.is_none();
            let name = match (r.user_name, r.offline_name) {
                (Some(n), _) if !n.is_empty() => n,
                (None, Some(n)) => n,
                _ => tr.t("reg-participants-deleted-user"),
            };
            let role = match (r.kind.as_str(), r.role_kind, r.role_title, r.role_party) {
                ("municipal", Some(kind), Some(title), Some(party)) => {
                    Some(RoleLabel { kind, title, party })
                }
                _ => None,
            };
            Row {
                id: r.id,
                name,
                // The municipality's guests named through an emailed answer have no account
                // either: they are its guests, not people the hosts added.
                kind: if r.kind == "municipal" {
                    "municipal"
                } else if offline {
                    "offline"
                } else {
                    "citizen"
                },
                role,
                needs: r.needs,
                phone: r.offline_phone.filter(|p| !p.is_empty()),
                show_name: r.show_name,
                time: r.created_at,
                registered: r.status == "registered",
                position: r.waitlist_position,
                sessions: r.sessions.0,
            }
        })
        .collect())
}

/// A message the hosts sent to everyone registered: when, by whom, to how many.
pub struct SentMessage {
    pub when: String,
    pub by: String,
    pub subject: String,
    pub recipients: i32,
}

#[derive(Template)]
#[template(path = "registrations/participants.html")]
pub struct ParticipantsPage {
    pub f: Frame,
    pub salon: VisibleSalon,
    pub done: Option<String>,
    pub registered: Vec<Row>,
    pub waitlist: Vec<Row>,
    pub municipal_waitlist: Vec<Row>,
    pub offline_form: Form,
    pub message_form: Form,
    /// Why the message could not be sent (the daily limit).
    pub message_problem: Option<String>,
    pub message_limit: i64,
    /// Who is coming, in the words every page uses.
    pub turnout: super::Turnout,
    /// The messages sent, newest first.
    pub sent: Vec<SentMessage>,
}

impl ParticipantsPage {
    pub fn datetime(&self, at: impl Borrow<DateTime<Utc>>) -> String {
        self.f.tr.datetime(*at.borrow())
    }

    pub fn may_message(&self) -> bool {
        super::message::may_message(&self.salon)
    }

    pub fn message_intro(&self) -> String {
        self.f
            .tr
            .t_args("reg-message-intro", &[("limit", self.message_limit.into())])
    }
}

/// The offline form, empty or with what was typed.
pub fn offline_form(tr: &Tr, name: &str, phone: &str) -> Form {
    Form::new(vec![
        Field::new(tr, "offline_name", "text", "reg-field-offline-name")
            .value(name)
            .autocomplete("off"),
        Field::new(tr, "offline_phone", "tel", "reg-field-offline-phone")
            .value(phone)
            .optional(),
    ])
    .prefixed("offline")
}

/// The message form, empty or with what was typed.
pub fn message_form(tr: &Tr, subject: &str, body: &str) -> Form {
    Form::new(vec![
        Field::new(tr, "subject", "text", "reg-field-message-subject").value(subject),
        Field::new(tr, "body", "textarea", "reg-field-message-body").value(body),
    ])
    .prefixed("message")
}

/// The page, with the given forms (empty ones when `None`).
pub async fn render(
    state: &AppState,
    f: Frame,
    salon: VisibleSalon,
    done: Option<String>,
    offline: Option<Form>,
    message: Option<(Form, Option<String>)>,
) -> Result<ParticipantsPage, AppError> {
    let all = rows(state, &f.tr, &salon).await?;
    let (registered, waiting): (Vec<Row>, Vec<Row>) = all.into_iter().partition(|r| r.registered);
    let count = |kind: &str| registered.iter().filter(|r| r.kind == kind).count() as i64;
    let turnout = super::Turnout {
        citizens: count("citizen"),
        offline: count("offline"),
        municipal: count("municipal"),
    };
    let (municipal_waitlist, waitlist): (Vec<Row>, Vec<Row>) =
        waiting.into_iter().partition(|r| r.kind == "municipal");
    let done = crate::web::done_notice(
        &f.tr,
        "reg-participants",
        done.as_deref(),
        &["removed", "added", "added-waitlist", "sent"],
    );
    let (message_form, message_problem) =
        message.unwrap_or_else(|| (message_form(&f.tr, "", ""), None));
    let sent = sqlx::query!(
        r#"SELECT m.sent_at, coalesce(u.name, '') AS "by!", m.subject, m.recipients
           FROM salon_messages m LEFT JOIN users u ON u.id = m.sent_by
           WHERE m.salon_id = $1 ORDER BY m.sent_at DESC, m.id"#,
        salon.id
    )
    .fetch_all(&state.db)
    .await?
    .into_iter()
    .map(|m| SentMessage {
        when: f.tr.datetime(m.sent_at),
        by: if m.by.is_empty() {
            f.tr.t("salon-deleted-user")
        } else {
            m.by
        },
        subject: m.subject,
        recipients: m.recipients,
    })
    .collect();
    Ok(ParticipantsPage {
        offline_form: offline.unwrap_or_else(|| offline_form(&f.tr, "", "")),
        message_form,
        message_problem,
        message_limit: crate::limits::value(&state.db, crate::limits::Limit::MessagesPerDay)
            .await?,
        registered,
        waitlist,
        municipal_waitlist,
        turnout,
        done,
        sent,
        salon,
        f,
    })
}

/// `GET /salons/{key}/participants`.
pub async fn page(
    State(state): State<AppState>,
    f: Frame,
    HostedSalon(salon): HostedSalon,
    Query(q): Query<DoneQuery>,
) -> Result<Response, AppError> {
    let page = render(&state, f, salon, q.done, None, None).await?;
    Ok(Page(page).into_response())
}

/// `GET /salons/{key}/participants.csv`: name, status, how they come, the sessions they come
/// to, and the phone number of people the hosts added. Never the needs: they may be health
/// data, deleted 30 days after the salon, and a downloaded file would outlive that (the hosts
/// see them on the page).
pub async fn csv(
    State(state): State<AppState>,
    f: Frame,
    HostedSalon(salon): HostedSalon,
) -> Result<Response, AppError> {
    let tr = f.tr;
    let header = vec![
        tr.t("reg-csv-name"),
        tr.t("reg-csv-status"),
        tr.t("reg-csv-kind"),
        tr.t("reg-csv-sessions"),
        tr.t("reg-csv-phone"),
    ];
    let rows: Vec<Vec<String>> = rows(&state, &tr, &salon)
        .await?
        .iter()
        .map(|r| {
            vec![
                r.name.clone(),
                r.status_text(tr),
                r.kind_text(tr),
                r.sessions_text(tr),
                r.phone.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let body = super::csv::document(&header, &rows);
    let filename = format!(
        "attachment; filename=\"deltagere-{}.csv\"",
        if salon.slug.is_empty() {
            "salon"
        } else {
            &salon.slug
        }
    );
    Ok((
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, filename),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        body,
    )
        .into_response())
}

/// `POST /salons/{key}/participants/{registration}/remove`: the host takes someone off; they
/// are told, and a seat they held goes to the first in line.
pub async fn remove(
    State(state): State<AppState>,
    HostedSalon(salon): HostedSalon,
    Ids((_, registration)): Ids<(String, RegistrationId)>,
) -> Result<Response, AppError> {
    let registration = registration.uuid();
    let calendar = SalonCalendar::load(&state, &super::as_participant(&salon)).await?;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let mut seats = waitlist::lock(&mut tx, salon.id).await?;
    let done = waitlist::withdraw(&mut tx, &mut seats, registration, "removed", now)
        .await?
        .ok_or(AppError::NotFound)?;
    waitlist::save(&mut tx, &seats).await?;
    let path = salon.path();
    let link = state.config.link(&path);
    if let Some(removed) = done.user {
        notify_user(&mut tx, now, removed, |locale, name| {
            let about = mails::About {
                name,
                title: &salon.title,
                link: &link,
                path: &path,
            };
            mails::removed(locale, &about)
        })
        .await?;
    }
    tell_promoted(&mut tx, &state, &salon, &done.promoted, &calendar).await?;
    tx.commit().await?;
    state.job_wake.notify_one();
    Ok(Redirect::to(&format!("{}/participants?done=removed", salon.path())).into_response())
}
