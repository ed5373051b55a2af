//! The emails of registrations, written in the recipient's language from the locale files.

use fluent_templates::fluent_bundle::FluentValue;

use crate::mail::{Attachment, Message};
use crate::web::i18n::{Locale, Tr};

/// What every registration mail names.
pub struct About<'a> {
    pub name: &'a str,
    pub title: &'a str,
    /// The absolute link to the salon.
    pub link: &'a str,
    /// The salon's path on this site, for the in-app notification.
    pub path: &'a str,
}

fn message(
    kind: &'static str,
    locale: Locale,
    key: &str,
    about: &About<'_>,
    extra: &[(&'static str, FluentValue<'_>)],
) -> Message {
    let tr = Tr::new(locale);
    let mut args = vec![
        ("name", FluentValue::from(about.name.to_string())),
        ("title", FluentValue::from(about.title.to_string())),
        ("link", FluentValue::from(about.link.to_string())),
    ];
    args.extend(extra.iter().cloned());
    Message::new(
        kind,
        tr.t_args(&format!("{key}-subject"), &args),
        tr.t_args(&format!("{key}-body"), &args),
    )
    .linking_to(about.path)
}

/// The salon's calendar file, attached to mails that give someone a seat.
pub fn calendar(ics: &str) -> Attachment {
    Attachment {
        filename: "samtalesalon.ics".to_string(),
        content_type: "text/calendar; charset=utf-8; method=PUBLISH".to_string(),
        content: ics.as_bytes().to_vec(),
    }
}

/// "You are registered", with the calendar.
pub fn registered(locale: Locale, about: &About<'_>, ics: Option<&str>) -> Message {
    let mut m = message(
        "registration.registered",
        locale,
        "reg-mail-registered",
        about,
        &[],
    );
    m.attachments.extend(ics.map(calendar));
    m
}

/// "You are number N on the waitlist".
pub fn waitlisted(locale: Locale, about: &About<'_>, position: i32) -> Message {
    message(
        "registration.waitlisted",
        locale,
        "reg-mail-waitlisted",
        about,
        &[("position", FluentValue::from(position))],
    )
}

/// "A seat came free: you are registered", with the calendar.
pub fn promoted(locale: Locale, about: &About<'_>, ics: Option<&str>) -> Message {
    let mut m = message(
        "registration.promoted",
        locale,
        "reg-mail-promoted",
        about,
        &[],
    );
    m.attachments.extend(ics.map(calendar));
    m
}

/// "The host removed your registration".
pub fn removed(locale: Locale, about: &About<'_>) -> Message {
    message(
        "registration.removed",
        locale,
        "reg-mail-removed",
        about,
        &[],
    )
}

/// A host's message to everyone registered.
pub fn host_message(
    locale: Locale,
    about: &About<'_>,
    host: &str,
    subject: &str,
    body: &str,
) -> Message {
    message(
        "salon.message",
        locale,
        "reg-mail-host-message",
        about,
        &[
            ("host", FluentValue::from(host.to_string())),
            ("subject", FluentValue::from(subject.to_string())),
            ("body", FluentValue::from(body.to_string())),
        ],
    )
}
