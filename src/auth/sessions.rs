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

/// The person behind `token`, if the session is still valid; refreshes its last-seen time.
pub async fn load(state: &AppState, token: &str) -> sqlx::Result<Option<CurrentUser>> {
    let now = state.clock.now();
    let hash = tokens::hash(token);
    let row = sqlx::query!(
        r#"SELECT u.id, u.name, u.email AS "email!", u.locale, u.email_verified_at IS NOT NULL AS "verified!",
                  s.last_seen_at AS "last_seen_at: DateTime<Utc>",
                  -- The header's count of open invitations, for people in a municipal role:
                  -- kept per person by triggers (migration 0065), as counting it here read
                  -- every invitation the person may answer on every page.
                  CASE WHEN k.role
                       THEN coalesce((SELECT c.open::bigint FROM inbox_counts c WHERE c.user_id = u.id), 0)
                       END AS inbox,
                  -- The header's count of unread notifications (a partial index answers it).
                  (SELECT count(*) FROM notifications n WHERE n.user_id = u.id AND n.read_at IS NULL) AS "unread!",
                  -- The header's links by role: the municipalities the person administers and
                  -- whether they moderate the platform. Looked for only when the person holds
                  -- a role: the join and sort were set up on every signed-in page otherwise.
                  CASE WHEN k.role
                       THEN ARRAY(SELECT m.slug FROM roles r JOIN municipalities m ON m.code = r.municipality_code
                                  WHERE r.user_id = u.id AND r.kind = 'admin' AND r.status = 'approved'
                                  ORDER BY m.slug)
                       ELSE '{}' END AS "admin_of!",
                  EXISTS (SELECT 1 FROM platform_moderators pm WHERE pm.user_id = u.id) AS "moderator!"
           FROM sessions s JOIN users u ON u.id = s.user_id
           -- Whether the person holds an approved municipal role, looked up once for both
           -- uses above (OFFSET 0 keeps it one look-up instead of a copy in each).
           CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM roles r WHERE r.user_id = u.id
                                              AND r.status = 'approved') AS role OFFSET 0) k
           WHERE s.token_hash = $1 AND s.last_seen_at > $2 AND s.created_at > $3 AND u.deleted_at IS NULL
             -- A suspended account's sessions are deleted; this also stops one made since
             -- (a password reset signs in).
             AND NOT EXISTS (SELECT 1 FROM suspensions sp WHERE sp.user_id = u.id
                             AND sp.lifted_at IS NULL AND (sp.ends_at IS NULL OR sp.ends_at > $4))"#,
        hash,
        now - IDLE,
        now - ABSOLUTE,
        now,
    )
    .fetch_optional(&state.db)
    .await?;
    let Some(row) = row else { return Ok(None) };
    if now - row.last_seen_at > TOUCH_EVERY {
        sqlx::query!(
            "UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1",
            hash,
            now
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
        session: SessionId(hash),
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
