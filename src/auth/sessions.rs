//! Sign-in sessions, server-side in PostgreSQL.
//!
//! The cookie carries a random token; the `sessions` table holds its SHA-256 with the person,
//! when it began and when it was last seen. A session ends after 14 days unused or 90 days in
//! all. `last_seen_at` is written at most every five minutes, so reading pages does not turn
//! into a write per request; anonymous requests never touch the table.

use axum::http::{HeaderMap, HeaderValue, header};
use chrono::{DateTime, Duration, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use super::CurrentUser;
use crate::config::Config;
use crate::state::AppState;
use crate::tokens;
use crate::web::i18n::Locale;

pub const COOKIE: &str = "medspil_session";
pub const IDLE: Duration = Duration::days(14);
pub const ABSOLUTE: Duration = Duration::days(90);
const TOUCH_EVERY: Duration = Duration::minutes(5);

/// Identifies one session (the hash of its token), never the token itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionId(pub Vec<u8>);

/// The session token from the request's cookies.
pub fn cookie_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.to_string())
        .filter(|v| v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// What a session is looked up by at one moment: its token's hash, and the times before which
/// it has ended (unused for [`IDLE`], begun [`ABSOLUTE`] ago). A statement that reads the person
/// passes these to the database's `session_person` (migration 0080), which holds the session's
/// conditions and the header's values, so every statement that reads a person reads the same.
#[derive(Clone, Debug)]
pub struct Lookup {
    pub hash: Vec<u8>,
    pub seen_after: DateTime<Utc>,
    pub made_after: DateTime<Utc>,
    pub now: DateTime<Utc>,
}

impl Lookup {
    pub fn new(state: &AppState, token: &str) -> Lookup {
        let now = state.clock.now();
        Lookup {
            hash: tokens::hash(token),
            seen_after: now - IDLE,
            made_after: now - ABSOLUTE,
            now,
        }
    }
}

/// One row of `session_person`: the person and what the header shows of them.
#[derive(Debug, serde::Deserialize)]
pub struct PersonRow {
    pub id: Uuid,
    pub name: String,
    pub email: String,
    pub locale: String,
    pub verified: bool,
    pub last_seen_at: DateTime<Utc>,
    pub inbox: Option<i64>,
    pub unread: i64,
    pub admin_of: Vec<String>,
    pub moderator: bool,
}

/// The person behind `token`, if the session is still valid; refreshes its last-seen time.
pub async fn load(state: &AppState, token: &str) -> sqlx::Result<Option<CurrentUser>> {
    let lookup = Lookup::new(state, token);
    let row = sqlx::query_as!(
        PersonRow,
        r#"SELECT id AS "id!", name AS "name!", email AS "email!", locale AS "locale!",
                  verified AS "verified!", last_seen_at AS "last_seen_at!: DateTime<Utc>", inbox,
                  unread AS "unread!", admin_of AS "admin_of!", moderator AS "moderator!"
           FROM session_person($1, $2, $3, $4)"#,
        lookup.hash,
        lookup.seen_after,
        lookup.made_after,
        lookup.now,
    )
    .fetch_optional(&state.db)
    .await?;
    admit(state, lookup, row).await
}

/// The person of a session row read with `lookup` (by [`load`] or in a page's own statement),
/// with the session's last-seen time written when it is due: at most every [`TOUCH_EVERY`].
pub async fn admit(
    state: &AppState,
    lookup: Lookup,
    row: Option<PersonRow>,
) -> sqlx::Result<Option<CurrentUser>> {
    let Some(row) = row else { return Ok(None) };
    if lookup.now - row.last_seen_at > TOUCH_EVERY {
        sqlx::query!(
            "UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1",
            lookup.hash,
            lookup.now
        )
        .execute(&state.db)
        .await?;
    }
    Ok(Some(CurrentUser {
        id: row.id,
        name: row.name,
        email: row.email,
        locale: Locale::from_code(&row.locale).unwrap_or_default(),
        verified: row.verified,
        inbox: row.inbox,
        unread: row.unread,
        admin_of: row.admin_of,
        moderator: row.moderator,
        session: SessionId(lookup.hash),
    }))
}

/// Starts a new session for `user` (always a new token: no fixation) and returns the token.
pub async fn create(
    conn: &mut PgConnection,
    user: Uuid,
    user_agent: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<String> {
    let token = tokens::fresh();
    let agent: String = user_agent.chars().take(300).collect();
    sqlx::query!(
        "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, user_agent) VALUES ($1, $2, $3, $3, $4)",
        tokens::hash(&token),
        user,
        now,
        agent,
    )
    .execute(conn)
    .await?;
    Ok(token)
}

/// Ends one session.
pub async fn end(conn: &mut PgConnection, session: &SessionId) -> sqlx::Result<()> {
    sqlx::query!("DELETE FROM sessions WHERE token_hash = $1", session.0)
        .execute(conn)
        .await?;
    Ok(())
}

/// Ends every session of `user` except `keep` (after a password change, or "sign out everywhere").
pub async fn end_all(
    conn: &mut PgConnection,
    user: Uuid,
    keep: Option<&SessionId>,
) -> sqlx::Result<u64> {
    let keep = keep.map(|s| s.0.clone()).unwrap_or_default();
    Ok(sqlx::query!(
        "DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2",
        user,
        keep
    )
    .execute(conn)
    .await?
    .rows_affected())
}

/// The `Set-Cookie` value that carries a new session.
pub fn set_cookie(config: &Config, token: &str) -> HeaderValue {
    let secure = if config.https() { "; Secure" } else { "" };
    let value = format!(
        "{COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{secure}",
        ABSOLUTE.num_seconds()
    );
    HeaderValue::from_str(&value).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// The `Set-Cookie` value that removes the session cookie.
pub fn clear_cookie(config: &Config) -> HeaderValue {
    let secure = if config.https() { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// A short description of a browser for the session list ("Firefox på Linux").
pub fn describe_agent(agent: &str) -> (Option<&'static str>, Option<&'static str>) {
    let browser = [
        ("Edg/", "Edge"),
        ("Firefox/", "Firefox"),
        ("Chrome/", "Chrome"),
        ("Chromium/", "Chromium"),
        ("Safari/", "Safari"),
    ]
    .into_iter()
    .find(|(needle, _)| agent.contains(needle))
    .map(|(_, name)| name);
    let system = [
        ("Android", "Android"),
        ("iPhone", "iPhone"),
        ("iPad", "iPad"),
        ("Windows", "Windows"),
        ("Mac OS X", "macOS"),
        ("Linux", "Linux"),
    ]
    .into_iter()
    .find(|(needle, _)| agent.contains(needle))
    .map(|(_, name)| name);
    (browser, system)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browsers_are_described_plainly() {
        let firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
        assert_eq!(describe_agent(firefox), (Some("Firefox"), Some("Linux")));
        let edge =
            "Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 Chrome/120 Safari/537.36 Edg/120";
        assert_eq!(describe_agent(edge), (Some("Edge"), Some("Windows")));
        assert_eq!(describe_agent("curl/8"), (None, None));
    }

    #[test]
    fn the_cookie_is_secure_exactly_when_the_site_is_https() {
        let config = |base: &str| {
            let base = base.to_string();
            Config::from_lookup(move |k| (k == "MEDSPIL_BASE_URL").then(|| base.clone())).unwrap()
        };
        let https = set_cookie(&config("https://medspil.dk"), &"a".repeat(64));
        let https = https.to_str().unwrap();
        assert!(
            https.contains("; Secure")
                && https.contains("HttpOnly")
                && https.contains("SameSite=Lax")
        );
        let http = set_cookie(&config("http://127.0.0.1:3000"), &"a".repeat(64));
        assert!(!http.to_str().unwrap().contains("Secure"));
        assert!(
            clear_cookie(&config("https://medspil.dk"))
                .to_str()
                .unwrap()
                .contains("Max-Age=0; Secure")
        );
    }

    #[test]
    fn only_well_formed_tokens_are_read_from_cookies() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("lang=da; medspil_session=abc"),
        );
        assert_eq!(cookie_token(&h), None);
        let token = "a".repeat(64);
        h.insert(
            header::COOKIE,
            HeaderValue::from_str(&format!("medspil_session={token}")).unwrap(),
        );
        assert_eq!(cookie_token(&h), Some(token));
    }
}
