//! The salons' emails, written in the recipient's language from the locale files. Each carries
//! the salon's absolute link, built from `MEDSPIL_BASE_URL`.

use fluent_templates::fluent_bundle::FluentValue;

use super::session_when;
use super::show::Session;
use crate::config::Config;
use crate::mail::Message;
use crate::web::i18n::{Locale, Tr};

fn lines(items: impl IntoIterator<Item = String>) -> String {
    items
        .into_iter()
        .map(|l| format!("- {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The salon was cancelled.
pub fn cancelled(
    config: &Config,
    locale: Locale,
    title: &str,
    path: &str,
    sessions: &[Session],
    message: &str,
) -> Message {
    let tr = Tr::new(locale);
    let when = lines(
        sessions
            .iter()
            .map(|s| session_when(&tr, s.starts_at, s.ends_at)),
    );
    let args = [
        ("title", FluentValue::from(title.to_string())),
        ("sessions", FluentValue::from(when)),
        ("message", FluentValue::from(message.to_string())),
        ("link", FluentValue::from(config.link(path))),
    ];
    Message::new(
        "salon.cancelled",
        tr.t_args("mail-salon-cancelled-subject", &args),
        tr.t_args("mail-salon-cancelled-body", &args),
    )
    .linking_to(path)
}

/// The time or place of a salon changed: `changes` are the lines saying what, already in the
/// recipient's language.
pub fn changed(
    config: &Config,
    locale: Locale,
    title: &str,
    path: &str,
    changes: Vec<String>,
) -> Message {
    let tr = Tr::new(locale);
    let args = [
        ("title", FluentValue::from(title.to_string())),
        ("changes", FluentValue::from(lines(changes))),
        ("link", FluentValue::from(config.link(path))),
    ];
    Message::new(
        "salon.changed",
        tr.t_args("mail-salon-changed-subject", &args),
        tr.t_args("mail-salon-changed-body", &args),
    )
    .linking_to(path)
}

/// Someone was made a co-host.
pub fn cohost_added(config: &Config, locale: Locale, title: &str, path: &str, by: &str) -> Message {
    let tr = Tr::new(locale);
    let args = [
        ("title", FluentValue::from(title.to_string())),
        ("by", FluentValue::from(by.to_string())),
        ("link", FluentValue::from(config.link(path))),
    ];
    Message::new(
        "salon.cohost-added",
        tr.t_args("mail-salon-cohost-subject", &args),
        tr.t_args("mail-salon-cohost-body", &args),
    )
    .linking_to(path)
}
