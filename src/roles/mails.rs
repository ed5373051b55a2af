//! The emails of the roles feature, in the recipient's language from `locales/*/roles.ftl`.
//! Each is queued with `mail::notify` in the caller's transaction.

use chrono::{DateTime, Utc};
use fluent_templates::fluent_bundle::FluentValue;
use sqlx::PgConnection;
use uuid::Uuid;

use super::RoleKind;
use crate::config::Config;
use crate::mail::{self, Message, Recipient};
use crate::web::i18n::{Locale, Tr};

/// What happened, which decides the message's kind and text.
#[derive(Clone, Copy, Debug)]
pub enum Event {
    /// To each admin: someone asks for a role.
    Requested,
    Approved,
    /// Approved at once because of the email's domain.
    ApprovedByDomain,
    Rejected,
    Revoked,
    /// The email left the municipality's domains (or the domain was removed).
    DomainLost,
    AdminAppointed,
}

impl Event {
    fn kind(self) -> &'static str {
        match self {
            Event::Requested => "roles.requested",
            Event::Approved => "roles.approved",
            Event::ApprovedByDomain => "roles.approved-by-domain",
            Event::Rejected => "roles.rejected",
            Event::Revoked => "roles.revoked",
            Event::DomainLost => "roles.domain-lost",
            Event::AdminAppointed => "roles.admin-appointed",
        }
    }

    fn key(self) -> &'static str {
        match self {
            Event::Requested => "mail-role-requested",
            Event::Approved => "mail-role-approved",
            Event::ApprovedByDomain => "mail-role-approved-by-domain",
            Event::Rejected => "mail-role-rejected",
            Event::Revoked => "mail-role-revoked",
            Event::DomainLost => "mail-role-domain-lost",
            Event::AdminAppointed => "mail-role-admin-appointed",
        }
    }
}

/// The facts a message may mention.
pub struct Facts<'a> {
    pub role: RoleKind,
    pub municipality: &'a str,
    /// The person the message is about, when not the recipient (a request to the admins).
    pub person: &'a str,
    pub reason: &'a str,
    /// The page the message leads to: its absolute link for the mail, its path on this site
    /// for the in-app notification.
    pub page: Option<(String, String)>,
}

impl<'a> Facts<'a> {
    /// `role` in `municipality`, with no reason and no page yet.
    pub fn new(role: RoleKind, municipality: &'a str, person: &'a str) -> Facts<'a> {
        Facts {
            role,
            municipality,
            person,
            reason: "",
            page: None,
        }
    }

    pub fn reason(self, reason: &'a str) -> Facts<'a> {
        Facts { reason, ..self }
    }

    /// Leading to `path` on this site.
    pub fn leading_to(self, config: &Config, path: String) -> Facts<'a> {
        let page = Some((config.link(&path), path));
        Facts { page, ..self }
    }
}

/// Queues the message about `event` for `to`, written in their language.
pub async fn send(
    conn: &mut PgConnection,
    now: DateTime<Utc>,
    to: Uuid,
    event: Event,
    facts: &Facts<'_>,
) -> anyhow::Result<()> {
    let recipient = sqlx::query!("SELECT name, locale FROM users WHERE id = $1", to)
        .fetch_one(&mut *conn)
        .await?;
    let tr = Tr::new(Locale::from_code(&recipient.locale).unwrap_or_default());
    let text = |s: &str| FluentValue::from(s.to_string());
    let args = [
        ("name", text(&recipient.name)),
        (
            "role",
            text(&tr.t(&format!("role-noun-{}", facts.role.as_str()))),
        ),
        ("municipality", text(facts.municipality)),
        ("person", text(facts.person)),
        ("reason", text(facts.reason)),
        (
            "link",
            text(facts.page.as_ref().map_or("", |(link, _)| link)),
        ),
    ];
    let mut message = Message::new(
        event.kind(),
        tr.t_args(&format!("{}-subject", event.key()), &args),
        tr.t_args(&format!("{}-body", event.key()), &args),
    );
    if let Some((_, path)) = &facts.page {
        message = message.linking_to(path.as_str());
    }
    mail::notify(conn, now, Recipient::User(to), message).await?;
    Ok(())
}
