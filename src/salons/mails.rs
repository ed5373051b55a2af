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
    let link = ("link", FluentValue::from(config.link(path)));
    cancellation(
        locale,
        title,
        sessions,
        message,
        Some(link),
        "mail-salon-cancelled-body",
    )
    .linking_to(path)
}

/// The salon was cancelled, for an address invited to it without an account: the same news,
/// without a link to a page that may not exist for them.
pub fn cancelled_for_invited(
    locale: Locale,
    title: &str,
    sessions: &[Session],
    message: &str,
) -> Message {
    let body = "mail-salon-cancelled-invited-body";
    cancellation(locale, title, sessions, message, None, body)
}

/// The cancellation news both kinds of recipient get, with the salon's link where they can
/// open it.
fn cancellation(
    locale: Locale,
    title: &str,
    sessions: &[Session],
    message: &str,
    link: Option<(&'static str, FluentValue<'static>)>,
    body: &str,
) -> Message {
    let tr = Tr::new(locale);
    let when = lines(
        sessions
            .iter()
            .map(|s| session_when(&tr, s.starts_at, s.ends_at)),
    );
    let mut args = vec![
        ("title", FluentValue::from(title.to_string())),
        ("sessions", FluentValue::from(when)),
        ("message", FluentValue::from(message.to_string())),
    ];
    args.extend(link);
    Message::new(
        "salon.cancelled",
        tr.t_args("mail-salon-cancelled-subject", &args),
        tr.t_args(body, &args),
    )
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

/// The salon's summary is published.
pub fn summary_published(config: &Config, locale: Locale, title: &str, path: &str) -> Message {
    about_summary(locale, Summary::Published, title, config.link(path))
}

/// A reminder to the hosts to write the summary; `path` is the summary form.
pub fn summary_reminder(config: &Config, locale: Locale, title: &str, path: &str) -> Message {
    about_summary(locale, Summary::Reminder, title, config.link(path))
}

/// The two mails about a salon's summary.
enum Summary {
    Published,
    Reminder,
}

/// A mail about a salon's summary: its title and a link.
fn about_summary(locale: Locale, which: Summary, title: &str, link: String) -> Message {
    let (kind, subject, body) = match which {
        Summary::Published => (
            "salon.summary",
            "mail-summary-published-subject",
            "mail-summary-published-body",
        ),
        Summary::Reminder => (
            "salon.summary-reminder",
            "mail-summary-reminder-subject",
            "mail-summary-reminder-body",
        ),
    };
    let tr = Tr::new(locale);
    let args = [
        ("title", FluentValue::from(title.to_string())),
        ("link", FluentValue::from(link)),
    ];
    Message::new(kind, tr.t_args(subject, &args), tr.t_args(body, &args))
}

/// What a reminder names about the session it is for.
pub struct ReminderAbout<'a> {
    pub name: &'a str,
    pub title: &'a str,
    pub path: &'a str,
    /// "lørdag 5. december kl. 14.00–16.00", in the recipient's language.
    pub when: String,
    /// Where it meets, for someone who may see a private address.
    pub place: Option<String>,
    /// The online link, for an online or hybrid salon.
    pub online_link: Option<&'a str>,
}

/// A reminder to someone registered, a day (`soon` false) or two hours before a session.
pub fn reminder(config: &Config, locale: Locale, soon: bool, about: &ReminderAbout<'_>) -> Message {
    let tr = Tr::new(locale);
    let mut place = Vec::new();
    if let Some(p) = &about.place {
        place.push(tr.t1("mail-salon-reminder-place", "place", p));
    }
    if let Some(l) = about.online_link {
        place.push(tr.t1("mail-salon-reminder-online", "link", l));
    }
    let args = [
        ("name", FluentValue::from(about.name.to_string())),
        ("title", FluentValue::from(about.title.to_string())),
        ("when", FluentValue::from(about.when.clone())),
        ("where", FluentValue::from(place.join("\n"))),
        ("link", FluentValue::from(config.link(about.path))),
    ];
    let subject = if soon {
        "mail-salon-reminder-soon-subject"
    } else {
        "mail-salon-reminder-day-subject"
    };
    Message::new(
        "salon.reminder",
        tr.t_args(subject, &args),
        tr.t_args("mail-salon-reminder-body", &args),
    )
}
