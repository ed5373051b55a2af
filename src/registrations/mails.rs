//! The emails of registrations, written in the recipient's language from the locale files.

use fluent_templates::fluent_bundle::FluentValue;
use icalendar::{Calendar, Component, DatePerhapsTime, EventLike};

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

/// The sessions of the attached calendar in words, one line each: when (Copenhagen, in the
/// reader's language) and where, as the file tells a person with a seat. Read from the file
/// itself, so the text never says other than the calendar does; empty without one.
fn sessions(locale: Locale, ics: Option<&str>) -> String {
    let Some(calendar) = ics.and_then(|ics| ics.parse::<Calendar>().ok()) else {
        return String::new();
    };
    let utc = |t: Option<DatePerhapsTime>| match t? {
        DatePerhapsTime::DateTime(t) => t.try_into_utc(),
        DatePerhapsTime::Date(_) => None,
    };
    let mut events: Vec<_> = calendar
        .components
        .iter()
        .filter_map(|c| c.as_event())
        .filter_map(|e| Some((utc(e.get_start())?, utc(e.get_end())?, e.get_location())))
        .collect();
    events.sort_by_key(|(starts, _, _)| *starts);
    let tr = Tr::new(locale);
    events
        .into_iter()
        .map(|(starts, ends, location)| {
            let when = crate::salons::session_when(&tr, starts, ends);
            match location.filter(|l| !l.is_empty()) {
                Some(place) => format!("  – {when}, {place}"),
                None => format!("  – {when}"),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// "You are registered", with when and where, and the calendar.
pub fn registered(locale: Locale, about: &About<'_>, ics: Option<&str>) -> Message {
    let mut m = message(
        "registration.registered",
        locale,
        "reg-mail-registered",
        about,
        &[("sessions", FluentValue::from(sessions(locale, ics)))],
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

/// "A seat came free: you are registered", with when and where, and the calendar.
pub fn promoted(locale: Locale, about: &About<'_>, ics: Option<&str>) -> Message {
    let mut m = message(
        "registration.promoted",
        locale,
        "reg-mail-promoted",
        about,
        &[("sessions", FluentValue::from(sessions(locale, ics)))],
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
