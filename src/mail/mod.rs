//! Notifications by email: [`notify`] writes a message to the outbox in the caller's
//! transaction and enqueues its delivery job; the job sends it over SMTP when `SMTP_URL` is set.
//! Without SMTP the message stays in the outbox (and shows in the dev mailbox when enabled).
//! A message to a person with an account also becomes a row of their notification centre
//! (the `notifications` table), in the same transaction.
//!
//! Delivery is at least once: a crash between sending and marking may resend, so the outbox id
//! is the mail's `Message-ID` and receivers can drop the duplicate. Logs carry the message id
//! and kind only, never an address, a subject or a body: those hold names and tokens.

pub mod dev_mailbox;
pub mod settings;

use std::sync::atomic::Ordering;
use std::time::Duration;

use anyhow::Context;
use chrono::{DateTime, Utc};
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Attachment as LettreAttachment, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use serde_json::json;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::config::Config;
use crate::jobs::{self, Job, NewJob, Worker};
use crate::state::AppState;
use crate::web::i18n::Locale;

const SEND_KIND: &str = "mail.send";

/// Who a message is for.
#[derive(Clone, Debug)]
pub enum Recipient {
    /// A person with an account: their current address and language are looked up.
    User(Uuid),
    /// Someone known only by address (an invitee without an account).
    Address { email: String, locale: Locale },
}

/// A file sent with a message, such as a salon's `.ics`.
#[derive(Clone, Debug)]
pub struct Attachment {
    pub filename: String,
    pub content_type: String,
    pub content: Vec<u8>,
}

/// A message, already rendered from its templates in the recipient's language.
#[derive(Clone, Debug)]
pub struct Message {
    /// What kind of message this is (`account.verify`, `salon.cancelled`, …): logged, and used
    /// for people's notification settings.
    pub kind: &'static str,
    pub subject: String,
    pub text: String,
    pub html: Option<String>,
    /// Extra headers, such as `List-Unsubscribe`.
    pub headers: Vec<(String, String)>,
    pub attachments: Vec<Attachment>,
    /// The site path (`/salons/…`, `/inbox/…`) the message is about: the link of its in-app
    /// notification. `None` lists the notification without a link.
    pub link: Option<String>,
}

impl Message {
    pub fn new(kind: &'static str, subject: String, text: String) -> Message {
        Message {
            kind,
            subject,
            text,
            html: None,
            headers: Vec::new(),
            attachments: Vec::new(),
            link: None,
        }
    }

    /// Links the message's in-app notification to `path`, a path on this site.
    pub fn linking_to(mut self, path: impl Into<String>) -> Message {
        self.link = Some(path.into());
        self
    }
}

/// Security mails (verification, reset, email change): their notification keeps only the
/// subject, never a link, since such mails carry single-use tokens.
fn is_security(kind: &str) -> bool {
    kind.starts_with("account.")
}

/// Looks up a recipient's address and language.
async fn resolve(
    conn: &mut PgConnection,
    to: &Recipient,
) -> anyhow::Result<(Option<Uuid>, String, Locale)> {
    match to {
        Recipient::Address { email, locale } => Ok((None, email.clone(), *locale)),
        Recipient::User(id) => {
            let user = sqlx::query!(r#"SELECT email AS "email!", locale FROM users WHERE id = $1 AND deleted_at IS NULL"#, id)
                .fetch_one(&mut *conn)
                .await
                .context("looking up a message's recipient")?;
            Ok((
                Some(*id),
                user.email,
                Locale::from_code(&user.locale).unwrap_or_default(),
            ))
        }
    }
}

/// The language a message to `to` must be written in.
pub async fn recipient_locale(conn: &mut PgConnection, to: &Recipient) -> anyhow::Result<Locale> {
    Ok(resolve(conn, to).await?.2)
}

/// Queues `message` for `to`, in the caller's transaction: if the change it reports rolls
/// back, so does the message. Returns the message id.
pub async fn notify(
    conn: &mut PgConnection,
    now: DateTime<Utc>,
    to: Recipient,
    message: Message,
) -> anyhow::Result<Uuid> {
    let (user, address, locale) = resolve(conn, &to).await?;
    let id = Uuid::new_v4();
    // A kind the person turned off is not mailed, and one they get as a daily digest waits
    // for it; the in-app twin appears either way.
    let mode = match (user, settings::category(message.kind)) {
        (Some(user), Some(category)) => settings::mode(conn, user, category).await?,
        _ => None,
    };
    let held = mode.as_deref() == Some("digest");
    if mode.as_deref() == Some("off") {
        twin(conn, now, user, &message).await?;
        tracing::info!(
            kind = message.kind,
            "mail not sent: the person turned this kind off"
        );
        return Ok(id);
    }
    let headers = serde_json::to_value(&message.headers)?;
    sqlx::query!(
        r#"INSERT INTO outbox (id, kind, to_user, to_address, locale, subject, body_text, body_html, headers, created_at, held_for_digest)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"#,
        id,
        message.kind,
        user,
        address,
        locale.code(),
        message.subject,
        message.text,
        message.html,
        headers,
        now,
        held,
    )
    .execute(&mut *conn)
    .await?;
    for (position, a) in message.attachments.iter().enumerate() {
        sqlx::query!(
            r#"INSERT INTO outbox_attachments (message_id, position, filename, content_type, content)
               VALUES ($1, $2, $3, $4, $5)"#,
            id,
            position as i16,
            a.filename,
            a.content_type,
            a.content,
        )
        .execute(&mut *conn)
        .await?;
    }
    twin(conn, now, user, &message).await?;
    if held {
        if let Some(user) = user {
            settings::hold_for_digest(conn, user, now).await?;
        }
        tracing::info!(mail = %id, kind = message.kind, "mail held for the daily digest");
        return Ok(id);
    }
    let job = NewJob::new(SEND_KIND, json!({ "message": id }), now).unique(format!("mail:{id}"));
    jobs::enqueue(conn, job, now).await?;
    tracing::info!(mail = %id, kind = message.kind, "mail queued");
    Ok(id)
}

/// Queues a message of `kind` written from the locale keys `{key}-subject` and `{key}-body` in
/// the recipient's language, with `args` and `link` (the full address of `path`, a path on this
/// site, which its notification links to). For the notices whose whole text is in the locale
/// files.
pub async fn notify_text(
    conn: &mut PgConnection,
    state: &AppState,
    to: Recipient,
    kind: &'static str,
    key: &str,
    args: &[(&'static str, String)],
    path: &str,
) -> anyhow::Result<Uuid> {
    let tr = crate::web::i18n::Tr::new(recipient_locale(&mut *conn, &to).await?);
    let mut values: Vec<(
        &'static str,
        fluent_templates::fluent_bundle::FluentValue<'_>,
    )> = args.iter().map(|(k, v)| (*k, v.clone().into())).collect();
    values.push(("link", state.config.link(path).into()));
    let message = Message::new(
        kind,
        tr.t_args(&format!("{key}-subject"), &values),
        tr.t_args(&format!("{key}-body"), &values),
    )
    .linking_to(path);
    notify(conn, state.clock.now(), to, message).await
}

/// The in-app twin of a mail to a person: kind, subject and a link on this site; never the body.
async fn twin(
    conn: &mut PgConnection,
    now: DateTime<Utc>,
    user: Option<Uuid>,
    message: &Message,
) -> sqlx::Result<()> {
    let Some(user) = user else { return Ok(()) };
    // The digest gathers mails that each have their twin already.
    if message.kind == settings::DIGEST_KIND {
        return Ok(());
    }
    let link = match is_security(message.kind) {
        true => None,
        false => message.link.as_deref().and_then(crate::web::local_path),
    };
    sqlx::query!(
        "INSERT INTO notifications (user_id, kind, subject, link, created_at) VALUES ($1, $2, $3, $4, $5)",
        user,
        message.kind,
        message.subject,
        link,
        now,
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The SMTP connection, when `SMTP_URL` is set.
pub type Transport = AsyncSmtpTransport<Tokio1Executor>;

/// Builds the SMTP transport from the configuration (`smtp://host:port`, `smtps://…`, with
/// credentials in the URL if needed).
pub fn transport(config: &Config) -> anyhow::Result<Option<Transport>> {
    let Some(url) = &config.smtp_url else {
        return Ok(None);
    };
    let transport = Transport::from_url(url.expose())
        .context("SMTP_URL is not a valid smtp:// or smtps:// URL")?
        .timeout(Some(Duration::from_secs(20)))
        .build();
    Ok(Some(transport))
}

/// Adds mail delivery to `worker` when there is a transport. Without one, delivery jobs stay
/// queued until a process with SMTP configured picks them up.
pub fn register_jobs(worker: Worker) -> Worker {
    // The digest only writes to the outbox, so every worker can make it.
    let worker = worker.handle(settings::DIGEST_KIND, settings::run_digest);
    if worker.state().mailer.is_none() {
        return worker;
    }
    worker.handle(SEND_KIND, |state: AppState, job: Job| async move {
        let Some(transport) = state.mailer.clone() else {
            anyhow::bail!("no SMTP transport configured in this process");
        };
        let id: Uuid = serde_json::from_value(job.payload["message"].clone())
            .context("a mail job without a message id")?;
        let delivered = deliver(&state, &transport, id).await;
        if delivered.is_err() {
            state.metrics.mails_failed.fetch_add(1, Ordering::Relaxed);
        }
        delivered
    })
}

/// Sends one outbox message and marks it sent.
async fn deliver(state: &AppState, transport: &Transport, id: Uuid) -> anyhow::Result<()> {
    let row = sqlx::query!(
        r#"SELECT kind, to_user, to_address, subject, body_text, body_html, headers, sent_at AS "sent_at: DateTime<Utc>"
           FROM outbox WHERE id = $1"#,
        id
    )
    .fetch_optional(&state.db)
    .await?;
    let Some(row) = row else {
        tracing::warn!(mail = %id, "mail job for a message that no longer exists");
        return Ok(());
    };
    if row.sent_at.is_some() {
        return Ok(());
    }
    let attachments = sqlx::query!(
        "SELECT filename, content_type, content FROM outbox_attachments WHERE message_id = $1 ORDER BY position",
        id
    )
    .fetch_all(&state.db)
    .await?;

    let host = state
        .config
        .base_url
        .host_str()
        .unwrap_or("localhost")
        .to_string();
    let from: Mailbox = state
        .config
        .mail_from
        .parse()
        .context("MEDSPIL_MAIL_FROM is not an address")?;
    let to: Mailbox = row
        .to_address
        .parse()
        .context("the recipient's address is not valid")?;
    let mut builder = lettre::Message::builder()
        .message_id(Some(format!("<{id}@{host}>")))
        .from(from)
        .to(to)
        .subject(row.subject);
    let mut extra: Vec<(String, String)> = serde_json::from_value(row.headers).unwrap_or_default();
    let mut body_text = row.body_text;
    // Every mail of a kind a person can turn off carries a one-click link that does it
    // (RFC 8058), made at sending so the stored message needs no site address.
    if let (Some(user), Some(category)) = (row.to_user, settings::category(&row.kind)) {
        let mut conn = state.db.acquire().await?;
        let now = state.clock.now();
        let link = settings::unsubscribe_link(
            &mut conn,
            state.config.base_url.as_str(),
            user,
            category,
            now,
        )
        .await?;
        let locale = crate::web::i18n::Locale::from_code(
            &sqlx::query_scalar!("SELECT locale FROM outbox WHERE id = $1", id)
                .fetch_one(&mut *conn)
                .await?,
        )
        .unwrap_or_default();
        let line = crate::web::i18n::Tr::new(locale).t("mail-settings-footer");
        body_text.push_str(&format!("\n\n-- \n{line}\n{link}\n"));
        extra.push(("List-Unsubscribe".to_string(), format!("<{link}>")));
        extra.push((
            "List-Unsubscribe-Post".to_string(),
            "List-Unsubscribe=One-Click".to_string(),
        ));
    }
    for (name, value) in extra {
        let name =
            HeaderName::new_from_ascii(name).context("a message header name is not ASCII")?;
        builder = builder.raw_header(HeaderValue::new(name, value));
    }

    let text = SinglePart::builder()
        .header(ContentType::TEXT_PLAIN)
        .body(body_text);
    let mut body = MultiPart::alternative().singlepart(text);
    if let Some(html) = row.body_html {
        body = body.singlepart(
            SinglePart::builder()
                .header(ContentType::TEXT_HTML)
                .body(html),
        );
    }
    if !attachments.is_empty() {
        let mut mixed = MultiPart::mixed().multipart(body);
        for a in attachments {
            let content_type =
                ContentType::parse(&a.content_type).context("an attachment's content type")?;
            mixed =
                mixed.singlepart(LettreAttachment::new(a.filename).body(a.content, content_type));
        }
        body = mixed;
    }
    let email = builder.multipart(body).context("building the message")?;

    let result = transport.send(email).await;
    let now = state.clock.now();
    match result {
        Ok(_) => {
            sqlx::query!(
                "UPDATE outbox SET sent_at = $2, attempts = attempts + 1, last_error = NULL WHERE id = $1",
                id,
                now
            )
            .execute(&state.db)
            .await?;
            state.metrics.mails_sent.fetch_add(1, Ordering::Relaxed);
            tracing::info!(mail = %id, kind = row.kind, "mail sent");
            Ok(())
        }
        Err(e) => {
            let error = e.to_string();
            sqlx::query!(
                "UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = $1",
                id,
                error
            )
            .execute(&state.db)
            .await?;
            Err(anyhow::Error::new(e).context("sending over SMTP"))
        }
    }
}
