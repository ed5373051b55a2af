//! Sign-in throttling, in PostgreSQL so it holds across app processes.
//!
//! Failures are counted per (account, client address) and per client address. Past a free
//! allowance each further failure doubles the wait before the next try (1 s, 2 s, 4 s … up to
//! 15 minutes); an hour without failures forgets them. Nothing is ever locked: a stranger
//! hammering an official's account from their address slows only themselves, and the official
//! signs in from their own address as usual.
//!
//! The "current password" fields of the account page (changing the password or the email,
//! deleting the account) are throttled the same way, per account rather than per (account,
//! address): whoever guesses there already holds the account's session, from wherever.

use std::net::IpAddr;

use axum::http::HeaderValue;
use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};
use sqlx::PgPool;
use uuid::Uuid;

use crate::config::Limits;

const FORGET_AFTER: Duration = Duration::hours(1);
const MAX_WAIT: Duration = Duration::minutes(15);

/// The counters one sign-in attempt touches.
pub struct Scopes {
    pair: Vec<u8>,
    address: Vec<u8>,
}

impl Scopes {
    /// Hashed, so the table holds neither addresses nor emails.
    pub fn new(email: &str, ip: IpAddr) -> Scopes {
        let h = |s: String| Sha256::digest(s.as_bytes()).to_vec();
        Scopes {
            pair: h(format!("pair:{}|{ip}", email.trim().to_lowercase())),
            address: h(format!("addr:{ip}")),
        }
    }

    /// The counters of the current-password fields of `user`'s account page.
    pub fn current_password(user: Uuid, ip: IpAddr) -> Scopes {
        let h = |s: String| Sha256::digest(s.as_bytes()).to_vec();
        Scopes {
            pair: h(format!("current:{user}")),
            address: h(format!("addr:{ip}")),
        }
    }
}

/// The `Retry-After` of a 429 for a wait: whole seconds, rounded up, at least one.
pub fn retry_after(wait: Duration) -> HeaderValue {
    let millis = wait.num_milliseconds().max(1);
    HeaderValue::from(((millis + 999) / 1000).max(1))
}

fn wait_after(failures: i32, free: i32) -> Duration {
    if failures < free {
        return Duration::zero();
    }
    let doublings = (failures - free).min(20) as u32;
    Duration::seconds(1_i64 << doublings).min(MAX_WAIT)
}

/// How long the person must wait before trying again (zero: go ahead).
pub async fn wait(
    db: &PgPool,
    limits: &Limits,
    scopes: &Scopes,
    now: DateTime<Utc>,
) -> sqlx::Result<Duration> {
    let rows = sqlx::query!(
        r#"SELECT scope, failures, last_failure_at AS "last_failure_at: DateTime<Utc>"
           FROM sign_in_failures WHERE scope = ANY($1) AND last_failure_at > $2"#,
        &[scopes.pair.clone(), scopes.address.clone()],
        now - FORGET_AFTER,
    )
    .fetch_all(db)
    .await?;
    let mut longest = Duration::zero();
    for row in rows {
        let free = if row.scope == scopes.pair {
            limits.sign_in_free_per_account
        } else {
            limits.sign_in_free_per_address
        };
        let until = row.last_failure_at + wait_after(row.failures, free);
        longest = longest.max(until - now);
    }
    Ok(longest.max(Duration::zero()))
}

/// Counts a failed attempt against both scopes.
pub async fn failed(db: &PgPool, scopes: &Scopes, now: DateTime<Utc>) -> sqlx::Result<()> {
    sqlx::query!(
        r#"INSERT INTO sign_in_failures (scope, failures, last_failure_at)
           SELECT s, 1, $2 FROM unnest($1::bytea[]) AS s
           ON CONFLICT (scope) DO UPDATE SET
               failures = CASE WHEN sign_in_failures.last_failure_at > $3 THEN sign_in_failures.failures + 1 ELSE 1 END,
               last_failure_at = $2"#,
        &[scopes.pair.clone(), scopes.address.clone()],
        now,
        now - FORGET_AFTER,
    )
    .execute(db)
    .await?;
    Ok(())
}

/// A successful sign-in clears the account's counter from that address.
pub async fn succeeded(db: &PgPool, scopes: &Scopes) -> sqlx::Result<()> {
    sqlx::query!("DELETE FROM sign_in_failures WHERE scope = $1", scopes.pair)
        .execute(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_double_past_the_allowance_and_are_capped() {
        assert_eq!(wait_after(4, 5), Duration::zero());
        assert_eq!(wait_after(5, 5), Duration::seconds(1));
        assert_eq!(wait_after(8, 5), Duration::seconds(8));
        assert_eq!(wait_after(40, 5), MAX_WAIT);
    }

    #[test]
    fn retry_after_rounds_up_to_whole_seconds() {
        assert_eq!(retry_after(Duration::milliseconds(1)), "1");
        assert_eq!(retry_after(Duration::milliseconds(1500)), "2");
        assert_eq!(retry_after(Duration::seconds(8)), "8");
        assert_eq!(retry_after(Duration::zero()), "1");
    }
}
