//! The invitations' emails, in each recipient's language from the locale files, and who gets
//! them: the hosts hear of every answer; those who may answer hear of every invitation, pass-on,
//! host message and decision on a proposed time. When no one can answer on Medspil, the mail
//! goes to the unit's or municipality's mailbox with a link that answers without an account.

use chrono::{DateTime, Duration, Utc};
use fluent_templates::fluent_bundle::FluentValue;
use serde_json::json;
use sqlx::PgConnection;

use super::Invitation;
use crate::error::AppError;
use crate::mail::{self, Message, Recipient};
use crate::salons::Format;
use crate::salons::calendar::Where;
use crate::state::AppState;
use crate::tokens::{self, Purpose};
use crate::web::i18n::{Locale, Tr};

/// The emailed link that answers an invitation without an account.
pub const ANSWER: Purpose = Purpose("invitation-answer");
/// The emailed link that stops invitations to an address.
pub const STOP: Purpose = Purpose("invitation-stop");

/// Who comes through an answer, as the hosts are told: the names of those who answered for
/// themselves, and how many colleagues are asked (named only once they say yes).
#[derive(Clone, Debug, Default)]
pub struct Comers {
    pub names: Vec<String>,
    pub asked: usize,
}

impl Comers {
    /// "Olga Hansen og 1 kollega", "Olga Hansen, Ole Berg", "2 kolleger".
    pub fn in_words(&self, tr: &Tr) -> String {
        let names = self.names.join(", ");
        match (names.is_empty(), self.asked) {
            (_, 0) => names,
            (true, n) => tr.count("inv-comers-colleagues", n as i64),
            (false, n) => tr.t_args(
                "inv-comers-and",
                &[
                    ("names", names.into()),
                    (
                        "colleagues",
                        tr.count("inv-comers-colleagues", n as i64).into(),
                    ),
                ],
            ),
        }
    }
}

/// What the hosts are told.
pub enum Update {
    Accepted {
        names: Comers,
        note: String,
        seats_full: bool,
    },
    AttendeesChanged {
        names: Comers,
    },
    Declined {
        reason: String,
    },
    Question {
        text: String,
    },
    Proposed {
        starts_at: DateTime<Utc>,
        ends_at: DateTime<Utc>,
        note: String,
    },
}

impl Update {
    fn key(&self) -> &'static str {
        match self {
            Update::Accepted { .. } => "accepted",
            Update::AttendeesChanged { .. } => "attendees",
            Update::Declined { .. } => "declined",
            Update::Question { .. } => "question",
            Update::Proposed { .. } => "proposed",
        }
    }

    /// The lines saying what happened, in `tr`'s language.
    fn what(&self, tr: &Tr, by: &str) -> String {
        let by = ("by", FluentValue::from(by.to_string()));
        match self {
            Update::Accepted {
                names,
                note,
                seats_full,
            } => {
                let mut s = tr.t_args(
                    "inv-update-accepted",
                    &[by, ("names", names.in_words(tr).into())],
                );
                if !note.is_empty() {
                    s.push_str(&format!("\n\n{note}"));
                }
                if *seats_full {
                    s.push_str(&format!("\n\n{}", tr.t("inv-update-seats-full")));
                }
                s
            }
            Update::AttendeesChanged { names } => tr.t_args(
                "inv-update-attendees",
                &[by, ("names", names.in_words(tr).into())],
            ),
            Update::Declined { reason } => tr.t_args(
                "inv-update-declined",
                &[by, ("reason", reason.clone().into())],
            ),
            Update::Question { text } => {
                tr.t_args("inv-update-question", &[by, ("text", text.clone().into())])
            }
            Update::Proposed {
                starts_at,
                ends_at,
                note,
            } => {
                let when = crate::salons::session_when(tr, *starts_at, *ends_at);
                let mut s = tr.t_args("inv-update-proposed", &[by, ("when", when.into())]);
                if !note.is_empty() {
                    s.push_str(&format!("\n\n{note}"));
                }
                s
            }
        }
    }
}

fn build(
    kind: &'static str,
    locale: Locale,
    key: &str,
    args: &[(&'static str, FluentValue<'_>)],
) -> Message {
    let tr = Tr::new(locale);
    Message::new(
        kind,
        tr.t_args(&format!("{key}-subject"), args),
        tr.t_args(&format!("{key}-body"), args),
    )
}

/// The hosts of salon `salon` whose accounts still exist: those an invitation's news goes to.
pub(super) async fn live_hosts(
    conn: &mut PgConnection,
    salon: uuid::Uuid,
) -> sqlx::Result<Vec<uuid::Uuid>> {
    sqlx::query_scalar!(
        r#"SELECT h.user_id FROM salon_hosts h JOIN users u ON u.id = h.user_id
           WHERE h.salon_id = $1 AND u.deleted_at IS NULL"#,
        salon
    )
    .fetch_all(conn)
    .await
}

/// Tells every host of the invitation's salon what the municipal side did.
pub async fn tell_hosts(
    conn: &mut PgConnection,
    state: &AppState,
    inv: &Invitation,
    by: &str,
    update: &Update,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let hosts = live_hosts(conn, inv.salon_id).await?;
    let path = format!("{}/invitations", inv.salon_path());
    let link = state.config.link(&path);
    for host in hosts {
        let to = Recipient::User(host);
        let locale = mail::recipient_locale(conn, &to).await?;
        let tr = Tr::new(locale);
        let args = [
            ("title", FluentValue::from(inv.salon_title.clone())),
            ("holder", inv.holder_in(&tr).into()),
            ("what", update.what(&tr, by).into()),
            ("link", link.clone().into()),
        ];
        let m = build(
            "invitation.update",
            locale,
            &format!("inv-mail-host-{}", update.key()),
            &args,
        )
        .linking_to(path.clone());
        mail::notify(conn, now, to, m).await?;
    }
    state.job_wake.notify_one();
    Ok(())
}

/// Why those who may answer are written to.
pub enum ToAnswerers<'a> {
    /// A new invitation.
    Invited,
    /// It was passed on to them, with a note.
    PassedOn(&'a str),
    /// A host wrote in the thread.
    HostMessage(&'a str),
    /// The host took the proposed time: the session has moved.
    ProposalAccepted,
    /// The host kept the time: the invitation is open again.
    ProposalDeclined,
    /// Still open: a reminder.
    Reminder,
}

impl ToAnswerers<'_> {
    fn key(&self) -> &'static str {
        match self {
            ToAnswerers::Invited => "invited",
            ToAnswerers::PassedOn(_) => "passed-on",
            ToAnswerers::HostMessage(_) => "host-message",
            ToAnswerers::ProposalAccepted => "proposal-accepted",
            ToAnswerers::ProposalDeclined => "proposal-declined",
            ToAnswerers::Reminder => "reminder",
        }
    }

    fn text(&self) -> &str {
        match self {
            ToAnswerers::PassedOn(t) | ToAnswerers::HostMessage(t) => t,
            _ => "",
        }
    }
}

/// What those who may answer need to decide, in `tr`'s language: every session (Copenhagen
/// time), where, the town, and the host's "svar gerne senest". The street address only when
/// the salon does not keep it for registered people: an invitation may go to a mailbox
/// address the host typed, and must not carry what the salon page shows only to its guests.
async fn facts(conn: &mut PgConnection, tr: &Tr, inv: &Invitation) -> sqlx::Result<String> {
    let salon = sqlx::query!(
        r#"SELECT town, format AS "format: Format", place_name, address, address_private,
                  online_link
           FROM salons WHERE id = $1"#,
        inv.salon_id
    )
    .fetch_one(&mut *conn)
    .await?;
    let sessions = sqlx::query!(
        "SELECT starts_at, ends_at, place_name, address FROM salon_sessions
         WHERE salon_id = $1 ORDER BY starts_at, id",
        inv.salon_id
    )
    .fetch_all(&mut *conn)
    .await?;
    let place = Where {
        format: salon.format,
        place_name: &salon.place_name,
        address: &salon.address,
        address_private: salon.address_private,
        online_link: &salon.online_link,
    };
    let mut lines = vec![tr.t("inv-mail-facts-sessions")];
    for s in &sessions {
        let when = crate::salons::session_when(tr, s.starts_at, s.ends_at);
        let own = !s.place_name.is_empty() || !s.address.is_empty();
        // A session elsewhere says where, when the address may be told at all.
        match (own, place.location(&s.place_name, &s.address, false)) {
            (true, Some(at)) => lines.push(format!("  – {when}, {at}")),
            _ => lines.push(format!("  – {when}")),
        }
    }
    let at = match (salon.format.has_place(), place.location("", "", false)) {
        (true, Some(at)) => at,
        // Kept for registered people: the place's name, never the street.
        (true, None) if !salon.place_name.is_empty() => {
            tr.t1("inv-mail-facts-address-private", "place", &salon.place_name)
        }
        (true, None) => String::new(),
        (false, _) => tr.t("salon-format-online"),
    };
    if !at.is_empty() {
        lines.push(tr.t1("inv-mail-facts-place", "place", &at));
    }
    lines.push(tr.t1("inv-mail-facts-town", "town", &salon.town));
    if let Some(day) = inv.reply_by {
        lines.push(tr.t1("inv-mail-facts-reply-by", "day", &tr.day(day)));
    }
    Ok(lines.join("\n"))
}

/// Writes to everyone who may answer `inv` now; when no one can on Medspil and it went to a
/// mailbox, to that address with a link that answers without an account. Returns how many
/// were written to.
pub async fn tell_answerers(
    conn: &mut PgConnection,
    state: &AppState,
    inv: &Invitation,
    why: ToAnswerers<'_>,
) -> Result<usize, AppError> {
    // Saved on a draft: it reaches no one until the salon is published.
    if inv.awaits_publish {
        return Ok(0);
    }
    let now = state.clock.now();
    let people = sqlx::query_scalar!(
        r#"SELECT DISTINCT a.user_id AS "user_id!" FROM invitation_answerers a
           JOIN users u ON u.id = a.user_id
           WHERE a.invitation_id = $1 AND u.deleted_at IS NULL"#,
        inv.id
    )
    .fetch_all(&mut *conn)
    .await?;
    let common =
        |tr: &Tr, link: String, facts: String| -> Vec<(&'static str, FluentValue<'static>)> {
            vec![
                ("facts", facts.into()),
                ("title", FluentValue::from(inv.salon_title.clone())),
                ("host", inv.sent_by_name.clone().into()),
                ("holder", inv.holder_in(tr).into()),
                ("message", inv.message.clone().into()),
                ("text", why.text().to_string().into()),
                (
                    "when",
                    inv.salon_first_start
                        .map(|s| tr.datetime(s))
                        .unwrap_or_default()
                        .into(),
                ),
                ("link", link.into()),
            ]
        };
    let key = format!("inv-mail-{}", why.key());
    if !people.is_empty() {
        let path = format!("/inbox/{}", inv.id);
        let link = state.config.link(&path);
        for person in &people {
            let to = Recipient::User(*person);
            let locale = mail::recipient_locale(conn, &to).await?;
            let tr = Tr::new(locale);
            let facts = facts(conn, &tr, inv).await?;
            let m = build(
                "invitation.invited",
                locale,
                &key,
                &common(&tr, link.clone(), facts),
            )
            .linking_to(path.clone());
            mail::notify(conn, now, to, m).await?;
        }
        state.job_wake.notify_one();
        return Ok(people.len());
    }
    let (true, Some(address)) = (inv.via_mailbox, &inv.email) else {
        return Ok(0);
    };
    if is_suppressed(conn, address).await? {
        return Ok(0);
    }
    // The link works until the salon is over (at least a week), whatever happens to the
    // address's other links.
    let ttl = inv
        .salon_first_start
        .map(|s| (s - now).max(Duration::zero()) + Duration::days(7))
        .unwrap_or(Duration::days(60));
    let token = tokens::issue(
        conn,
        ANSWER,
        None,
        json!({ "invitation": inv.id }),
        now,
        Some(ttl),
    )
    .await?;
    let link = state.config.link(&format!("/invitations/answer/{token}"));
    let locale = Locale::Da;
    let tr = Tr::new(locale);
    let facts = facts(conn, &tr, inv).await?;
    let mut args = common(&tr, link, facts);
    args.push(("join", state.config.link("/register").into()));
    let mut m = build(
        "invitation.mailbox",
        locale,
        &format!("{key}-mailbox"),
        &args,
    );
    add_stop_link(conn, &state.config, &mut m, address, now).await?;
    let to = Recipient::Address {
        email: address.clone(),
        locale,
    };
    mail::notify(conn, now, to, m).await?;
    state.job_wake.notify_one();
    Ok(1)
}

/// A private invitation by email: the salon's link, and how to stop such mails.
pub async fn invite_by_email(
    conn: &mut PgConnection,
    state: &AppState,
    inv: &Invitation,
    address: &str,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let locale = Locale::Da;
    let tr = Tr::new(locale);
    let args = [
        ("title", FluentValue::from(inv.salon_title.clone())),
        ("host", inv.sent_by_name.clone().into()),
        ("message", inv.message.clone().into()),
        (
            "when",
            inv.salon_first_start
                .map(|s| tr.datetime(s))
                .unwrap_or_default()
                .into(),
        ),
        ("link", invitee_link(conn, state, inv, now).await?.into()),
    ];
    let mut m = build("invitation.email", locale, "inv-mail-neighbour", &args);
    add_stop_link(conn, &state.config, &mut m, address, now).await?;
    let to = Recipient::Address {
        email: address.to_string(),
        locale,
    };
    mail::notify(conn, now, to, m).await?;
    state.job_wake.notify_one();
    Ok(())
}

/// The link that shows an invitee the salon before they have an account
/// ([`crate::salons::visibility::load_for_invitee`]); only its hash is stored, and it lives as
/// long as the invitation and the salon do.
async fn invitee_link(
    conn: &mut PgConnection,
    state: &AppState,
    inv: &Invitation,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let token = tokens::issue(
        conn,
        crate::salons::visibility::INVITEE_LINK,
        None,
        json!({ "invitation": inv.id }),
        now,
        None,
    )
    .await?;
    Ok(state.config.link(&format!("/invited/{token}")))
}

/// Adds "send mig ikke flere invitationer" to a mail to an address, as a link in the text and
/// as `List-Unsubscribe` headers (RFC 8058: one POST stops them, without signing in).
pub(crate) async fn add_stop_link(
    conn: &mut PgConnection,
    config: &crate::config::Config,
    m: &mut Message,
    address: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let token = tokens::issue(
        conn,
        STOP,
        None,
        json!({ "email": address.to_lowercase() }),
        now,
        None,
    )
    .await?;
    let link = config.link(&format!("/invitations/stop/{token}"));
    let tr = Tr::new(Locale::Da);
    m.text.push_str(&format!(
        "\n\n-- \n{}\n{link}\n",
        tr.t("inv-mail-stop-line")
    ));
    m.headers
        .push(("List-Unsubscribe".to_string(), format!("<{link}>")));
    m.headers.push((
        "List-Unsubscribe-Post".to_string(),
        "List-Unsubscribe=One-Click".to_string(),
    ));
    Ok(())
}

/// Whether `address` asked for no more invitations — itself, or the mailbox it reaches with
/// any `+tag` removed (`victim+x@…` is `victim@…`'s inbox, and must not slip past its stop).
pub async fn is_suppressed(conn: &mut PgConnection, address: &str) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM email_suppressions WHERE email IN (lower($1), $2)) AS "x!""#,
        address,
        crate::domain::untagged(address)
    )
    .fetch_one(conn)
    .await
}
