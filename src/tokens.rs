//! Tokens for emailed links (verification, reset, invitation, unsubscribe, calendar).
//!
//! A token is 32 random bytes, given out once as URL-safe text; only its SHA-256 is stored,
//! with a purpose and an expiry. Using a token is one `UPDATE … RETURNING`, so two clicks
//! racing each other cannot both succeed.

use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use serde_json::Value;
use sha2::{Digest, Sha256};
use sqlx::PgConnection;
use uuid::Uuid;

/// What a token is for; a token for one purpose never works for another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Purpose(pub &'static str);

/// A token's stored facts, once it has been checked.
#[derive(Clone, Debug)]
pub struct TokenRecord {
    pub user_id: Option<Uuid>,
    pub data: Value,
}

impl TokenRecord {
    /// A text the token was issued with, under `key` of its data.
    pub fn text(&self, key: &str) -> Option<&str> {
        self.data[key].as_str()
    }

    /// An id the token was issued with (an invitation, an item), under `key` of its data.
    pub fn id(&self, key: &str) -> Option<Uuid> {
        self.text(key).and_then(|s| Uuid::parse_str(s).ok())
    }
}

/// The stored form of a token.
pub(crate) fn hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

/// A new random token: 32 bytes as 64 hex characters.
pub(crate) fn fresh() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// Creates a token and returns its text, the only time it exists outside the mail.
/// `ttl` of `None` never expires (a calendar feed's secret address).
pub async fn issue(
    conn: &mut PgConnection,
    purpose: Purpose,
    user_id: Option<Uuid>,
    data: Value,
    now: DateTime<Utc>,
    ttl: Option<Duration>,
) -> sqlx::Result<String> {
    let token = fresh();
    sqlx::query!(
        r#"INSERT INTO tokens (hash, purpose, user_id, data, created_at, expires_at)
           VALUES ($1, $2, $3, $4, $5, $6)"#,
        hash(&token),
        purpose.0,
        user_id,
        data,
        now,
        ttl.map(|ttl| now + ttl),
    )
    .execute(conn)
    .await?;
    Ok(token)
}

/// Looks a token up without using it (the page a link opens shows a button; mail scanners
/// that open links must not use them up).
pub async fn peek(
    conn: &mut PgConnection,
    purpose: Purpose,
    token: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<Option<TokenRecord>> {
    sqlx::query_as!(
        TokenRecord,
        r#"SELECT user_id, data FROM tokens
           WHERE hash = $1 AND purpose = $2 AND used_at IS NULL AND (expires_at IS NULL OR expires_at > $3)"#,
        hash(token),
        purpose.0,
        now,
    )
    .fetch_optional(conn)
    .await
}

/// Uses a token up: succeeds once, while it is unexpired.
pub async fn consume(
    conn: &mut PgConnection,
    purpose: Purpose,
    token: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<Option<TokenRecord>> {
    sqlx::query_as!(
        TokenRecord,
        r#"UPDATE tokens SET used_at = $3
           WHERE hash = $1 AND purpose = $2 AND used_at IS NULL AND (expires_at IS NULL OR expires_at > $3)
           RETURNING user_id, data"#,
        hash(token),
        purpose.0,
        now,
    )
    .fetch_optional(conn)
    .await
}

/// Removes every unused token of `purpose` for a person (a new calendar address kills the old).
pub async fn revoke_all(
    conn: &mut PgConnection,
    purpose: Purpose,
    user_id: Uuid,
) -> sqlx::Result<u64> {
    Ok(sqlx::query!(
        "DELETE FROM tokens WHERE purpose = $1 AND user_id = $2",
        purpose.0,
        user_id
    )
    .execute(conn)
    .await?
    .rows_affected())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_stored_only_as_a_hash() {
        let (a, b) = (fresh(), fresh());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_eq!(hash(&a).len(), 32);
        assert_ne!(hash(&a), a.as_bytes());
    }
}
