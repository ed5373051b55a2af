//! How many account mails a request from someone not signed in or not confirmed may cause:
//! a reset link, the confirmation link again, "this address already has an account", an email
//! change. Each purpose is limited per recipient mailbox (an hour and a day) and all of them
//! together per client address (an hour), with the values in `abuse_limits`
//! ([`crate::limits`]). Past a limit the caller queues nothing and shows the same page as
//! always, so the limit says nothing about whether an account exists.

use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};
use sqlx::PgConnection;

use crate::domain::untagged;
use crate::limits::{self, Limit};
use crate::web::client::ClientIp;

/// What an account mail is for; each is counted on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MailPurpose {
    Reset,
    ConfirmAgain,
    AlreadyRegistered,
    EmailChange,
    /// A link that links a provider's login to the account (see `crate::oidc`).
    LinkLogin,
}

impl MailPurpose {
    fn name(self) -> &'static str {
        match self {
            MailPurpose::Reset => "reset",
            MailPurpose::ConfirmAgain => "confirm-again",
            MailPurpose::AlreadyRegistered => "already-registered",
            MailPurpose::EmailChange => "email-change",
            MailPurpose::LinkLogin => "link-login",
        }
    }
}

/// Rows older than the longest window are of no further use.
const KEEP: Duration = Duration::hours(24);

/// Whether one more mail for `purpose` to `recipient`, asked for from `client`, may be sent; if
/// so it is counted. Runs in the caller's transaction, under advisory locks for the recipient
/// and the client (taken in that order, so two requests never wait on each other in a circle),
/// so requests racing each other — in any process — cannot both slip past the count.
pub async fn allow(
    conn: &mut PgConnection,
    purpose: MailPurpose,
    recipient: &str,
    client: ClientIp,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let hash = |s: String| Sha256::digest(s.as_bytes()).to_vec();
    // The mailbox, so `victim+1@…`, `victim+2@…` count as the one inbox they reach.
    let recipient_hash = hash(format!("{}:{}", purpose.name(), untagged(recipient)));
    let client_hash = hash(format!("account-mail:{}", client.counted_as()));
    let per_hour = Limit::AccountMailsPerRecipientPerHour;
    let hourly = limits::guard(conn, per_hour, &hex::encode(&recipient_hash)).await?;
    let daily = limits::value(&mut *conn, Limit::AccountMailsPerRecipientPerDay).await?;
    let per_client = Limit::AccountMailsPerAddressPerHour;
    let from_client = limits::guard(conn, per_client, &hex::encode(&client_hash)).await?;
    let counts = sqlx::query!(
        r#"SELECT count(*) FILTER (WHERE recipient_hash = $1 AND at > $3) AS "recipient_hour!",
                  count(*) FILTER (WHERE recipient_hash = $1) AS "recipient_day!",
                  count(*) FILTER (WHERE client_hash = $2 AND at > $3) AS "client_hour!"
           FROM account_mail_requests
           WHERE (recipient_hash = $1 OR client_hash = $2) AND at > $4"#,
        recipient_hash,
        client_hash,
        per_hour.since(now),
        now - KEEP,
    )
    .fetch_one(&mut *conn)
    .await?;
    if counts.recipient_hour >= hourly
        || counts.recipient_day >= daily
        || counts.client_hour >= from_client
    {
        return Ok(false);
    }
    sqlx::query!(
        "DELETE FROM account_mail_requests WHERE at <= $1",
        now - KEEP
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "INSERT INTO account_mail_requests (recipient_hash, client_hash, at) VALUES ($1, $2, $3)",
        recipient_hash,
        client_hash,
        now
    )
    .execute(&mut *conn)
    .await?;
    Ok(true)
}
