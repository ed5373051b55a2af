//! The emails of the accounts feature, written in the recipient's language from the locale
//! files. Each carries a link built from `MEDSPIL_BASE_URL`.

use fluent_templates::fluent_bundle::FluentValue;

use crate::config::Config;
use crate::mail::Message;
use crate::web::i18n::{Locale, Tr};

fn message(kind: &'static str, locale: Locale, key: &str, name: &str, link: &str) -> Message {
    let tr = Tr::new(locale);
    let args = [
        ("name", FluentValue::from(name.to_string())),
        ("link", FluentValue::from(link.to_string())),
    ];
    Message::new(
        kind,
        tr.t(&format!("{key}-subject")),
        tr.t_args(&format!("{key}-body"), &args),
    )
}

/// "Confirm your email": the link verifies the address (new accounts, and a changed email).
pub fn verify(config: &Config, locale: Locale, name: &str, token: &str) -> Message {
    message(
        "account.verify",
        locale,
        "mail-verify",
        name,
        &config.link(&format!("/account/verify/{token}")),
    )
}

/// Someone tried to register with an address that already has an account.
pub fn already_registered(config: &Config, locale: Locale, name: &str) -> Message {
    message(
        "account.already-registered",
        locale,
        "mail-already-registered",
        name,
        &config.link("/password/forgot"),
    )
}

/// A link to choose a new password.
pub fn reset(config: &Config, locale: Locale, name: &str, token: &str) -> Message {
    message(
        "account.reset",
        locale,
        "mail-reset",
        name,
        &config.link(&format!("/password/reset/{token}")),
    )
}

/// The password was changed (sent to the account's address, so a takeover is noticed).
pub fn password_changed(config: &Config, locale: Locale, name: &str) -> Message {
    message(
        "account.password-changed",
        locale,
        "mail-password-changed",
        name,
        &config.link("/password/forgot"),
    )
}

fn with_email(
    kind: &'static str,
    locale: Locale,
    key: &str,
    name: &str,
    email: &str,
    link: &str,
) -> Message {
    let tr = Tr::new(locale);
    let args = [
        ("name", FluentValue::from(name.to_string())),
        ("email", FluentValue::from(email.to_string())),
        ("link", FluentValue::from(link.to_string())),
    ];
    Message::new(
        kind,
        tr.t_args(&format!("{key}-subject"), &args),
        tr.t_args(&format!("{key}-body"), &args),
    )
}

/// To the old address, at once: the account's email is about to become `new_email`, and the
/// link stops it (so a change asked for by an intruder is seen and stopped by the owner).
pub fn email_change_requested(
    config: &Config,
    locale: Locale,
    name: &str,
    new_email: &str,
    token: &str,
) -> Message {
    with_email(
        "account.email-change-requested",
        locale,
        "mail-email-change-requested",
        name,
        new_email,
        &config.link(&format!("/account/email/cancel/{token}")),
    )
}

/// To the old address, once the change is confirmed: the account's email is now `new_email`.
/// Its link is the privacy page, where the operator's contact address is: a reset link would
/// now go to the new address.
pub fn email_changed(config: &Config, locale: Locale, name: &str, new_email: &str) -> Message {
    with_email(
        "account.email-changed",
        locale,
        "mail-email-changed",
        name,
        new_email,
        &config.link("/privacy"),
    )
}
