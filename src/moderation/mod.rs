//! Keeping it civil: anyone signed in reports a salon, a message or a public profile ("Anmeld");
//! the platform's moderators — granted by the operator, never by a municipality, which must not
//! be able to silence its critics — work a queue at `/moderation`: dismiss, hide with a public
//! reason shown in place of the content, restore, suspend an account. The owner of hidden
//! content is told why and may appeal once. Every action is in an append-only log.
//!
//! Where to look: [`reports`] the report form; [`queue`] the queue and an item's page;
//! [`actions`] what moderators do; [`suspend`] a suspension's side effects and its end;
//! [`appeal`] the owner's page and [`appeal_link`] the suspended owner's way to it; [`told`]
//! how moderators hear of what waits; [`audit`] the log; [`rules`] the house rules at `/rules`.

mod actions;
mod appeal;
mod appeal_link;
pub mod audit;
mod queue;
mod reports;
mod rules;
pub mod suspend;
pub mod told;

pub use reports::{Thing, parse_note, report};

use axum::routing::{get, post};
use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::auth::{Access, Check, RouteSpec};
use crate::error::AppError;
use crate::mail::{self, Recipient};
use crate::state::AppState;
use crate::web::i18n::Tr;

pub fn routes() -> Vec<RouteSpec> {
    use Access::*;
    vec![
        RouteSpec::get("/rules", Public, get(rules::page)),
        RouteSpec::get("/salons/{key}/report", SignedIn, get(reports::salon_form)),
        RouteSpec::post(
            "/salons/{key}/report",
            SignedIn,
            post(reports::salon_submit),
        ),
        RouteSpec::get(
            "/people/{person}/report",
            SignedIn,
            get(reports::profile_form),
        ),
        RouteSpec::post(
            "/people/{person}/report",
            SignedIn,
            post(reports::profile_submit),
        ),
        RouteSpec::get(
            "/messages/{message}/report",
            SignedIn,
            get(reports::message_form),
        ),
        RouteSpec::post(
            "/messages/{message}/report",
            SignedIn,
            post(reports::message_submit),
        ),
        RouteSpec::get(
            "/questions/{question}/report",
            SignedIn,
            get(reports::conversation_form),
        ),
        RouteSpec::post(
            "/questions/{question}/report",
            SignedIn,
            post(reports::conversation_submit),
        ),
        RouteSpec::get("/moderation", MODERATOR, get(queue::page)),
        RouteSpec::get("/moderation/log", MODERATOR, get(audit::page)),
        RouteSpec::get("/moderation/items/{item}", MODERATOR, get(queue::item)),
        RouteSpec::post(
            "/moderation/items/{item}/dismiss",
            MODERATOR,
            post(actions::dismiss),
        ),
        RouteSpec::post(
            "/moderation/items/{item}/hide",
            MODERATOR,
            post(actions::hide),
        ),
        RouteSpec::post(
            "/moderation/items/{item}/restore",
            MODERATOR,
            post(actions::restore),
        ),
        RouteSpec::post(
            "/moderation/items/{item}/suspend",
            MODERATOR,
            post(actions::suspend),
        ),
        RouteSpec::post(
            "/moderation/items/{item}/lift",
            MODERATOR,
            post(actions::lift),
        ),
        RouteSpec::post(
            "/moderation/items/{item}/appeal-link",
            MODERATOR,
            post(appeal_link::resend),
        ),
        RouteSpec::get("/moderation/appeals/{item}", SignedIn, get(appeal::page)),
        RouteSpec::post("/moderation/appeals/{item}", SignedIn, post(appeal::submit)),
        // The token in the path is the credential: a suspended owner cannot sign in.
        RouteSpec::get("/appeal/{token}", Public, get(appeal_link::page)),
        RouteSpec::post("/appeal/{token}", Public, post(appeal_link::submit)),
    ]
}

pub fn register_jobs(worker: crate::jobs::Worker) -> crate::jobs::Worker {
    worker
        .handle(suspend::END_KIND, suspend::run_end)
        .handle(told::DAILY_KIND, told::run_daily)
}

/// What can be reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Salon,
    /// A message in an invitation's thread (an `invitation_events` row).
    Message,
    /// A public profile, `/people/{id}`.
    Profile,
    /// A question, comment or reply in a salon's conversation (a `conversation_items` row).
    Conversation,
}

impl Target {
    pub fn as_str(self) -> &'static str {
        match self {
            Target::Salon => "salon",
            Target::Message => "message",
            Target::Profile => "profile",
            Target::Conversation => "conversation",
        }
    }

    pub fn from_db(raw: &str) -> Target {
        match raw {
            "message" => Target::Message,
            "profile" => Target::Profile,
            "conversation" => Target::Conversation,
            _ => Target::Salon,
        }
    }

    pub fn label(self, tr: &Tr) -> String {
        tr.t(&format!("mod-target-{}", self.as_str()))
    }
}

/// The report categories, in the order the form offers them.
pub const CATEGORIES: [&str; 7] = [
    "harassment",
    "hate",
    "spam",
    "misinformation",
    "privacy",
    "illegal",
    "other",
];

pub fn category_label(tr: &Tr, category: &str) -> String {
    tr.t(&format!("mod-category-{category}"))
}

/// One of the platform's moderators (granted by the operator, never by a municipality).
pub const MODERATOR: Access = Access::Resource(&Check {
    name: "moderator",
    segment: None,
    resolve: |state, user, _, _| {
        Box::pin(async move {
            match is_moderator(&state.db, user.id).await? {
                true => Ok(()),
                false => Err(AppError::Forbidden),
            }
        })
    },
});

/// Whether `user` is one of the platform's moderators (the [`MODERATOR`] check).
pub async fn is_moderator(db: &PgPool, user: Uuid) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM platform_moderators WHERE user_id = $1) AS "x!""#,
        user
    )
    .fetch_one(db)
    .await
}

/// What `medspil admin grant --moderator` did.
#[derive(Debug)]
pub struct Granted {
    pub name: String,
    pub already: bool,
}

/// The operator makes the confirmed account with `email` a platform moderator.
pub async fn grant_moderator(
    db: &PgPool,
    email: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Granted> {
    let user = crate::accounts::confirmed_for_operator(db, email).await?;
    let new = sqlx::query!(
        "INSERT INTO platform_moderators (user_id, granted_at) VALUES ($1, $2)
         ON CONFLICT (user_id) DO NOTHING",
        user.id,
        now
    )
    .execute(db)
    .await?
    .rows_affected()
        == 1;
    Ok(Granted {
        name: user.name,
        already: !new,
    })
}

/// A reported thing as the queue and its pages handle it.
#[derive(Clone, Debug)]
pub struct Item {
    pub id: Uuid,
    pub target: Target,
    pub target_id: Uuid,
    pub owner_id: Option<Uuid>,
    pub hidden: bool,
    pub public_reason: String,
    pub needs_review: bool,
    pub appeal_note: Option<String>,
    pub appealed_at: Option<DateTime<Utc>>,
}

impl Item {
    /// The owner appealed — against hidden content, or against a suspension decided on it that
    /// is still in force (`suspended`) — and no moderator has decided on it yet.
    pub fn appeal_waiting(&self, suspended: bool) -> bool {
        (self.hidden || suspended) && self.appealed_at.is_some() && self.needs_review
    }
}

/// Loads item `id` and takes its row for the rest of the transaction, so two moderators
/// acting at once act one after the other.
pub async fn load_item(conn: &mut PgConnection, id: Uuid) -> Result<Item, AppError> {
    let r = sqlx::query!(
        r#"SELECT id, target::text AS "target!", target_id, owner_id, hidden, public_reason,
                  needs_review, appeal_note, appealed_at
           FROM moderation_items WHERE id = $1 FOR UPDATE"#,
        id
    )
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(AppError::NotFound)?;
    Ok(Item {
        id: r.id,
        target: Target::from_db(&r.target),
        target_id: r.target_id,
        owner_id: r.owner_id,
        hidden: r.hidden,
        public_reason: r.public_reason,
        needs_review: r.needs_review,
        appeal_note: r.appeal_note,
        appealed_at: r.appealed_at,
    })
}

/// Shows or hides the reported thing itself: `Some(reason)` puts the reason in its place.
pub async fn set_hidden(
    conn: &mut PgConnection,
    target: Target,
    id: Uuid,
    reason: Option<&str>,
) -> sqlx::Result<()> {
    match target {
        Target::Salon => {
            sqlx::query!(
                "UPDATE salons SET hidden_reason = $2 WHERE id = $1",
                id,
                reason
            )
            .execute(conn)
            .await?;
        }
        Target::Message => {
            sqlx::query!(
                "UPDATE invitation_events SET hidden_reason = $2 WHERE id = $1",
                id,
                reason
            )
            .execute(conn)
            .await?;
        }
        Target::Profile => {
            sqlx::query!(
                "UPDATE users SET profile_hidden_reason = $2 WHERE id = $1",
                id,
                reason
            )
            .execute(conn)
            .await?;
        }
        Target::Conversation => {
            sqlx::query!(
                "UPDATE conversation_items SET hidden_reason = $2 WHERE id = $1",
                id,
                reason
            )
            .execute(conn)
            .await?;
        }
    }
    Ok(())
}

/// The item for a hidden thing, if any: where its owner reads why and appeals.
pub async fn item_for(
    conn: &mut PgConnection,
    target: Target,
    id: Uuid,
) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar!(
        "SELECT id FROM moderation_items WHERE target = $1::text::moderation_target AND target_id = $2",
        target.as_str(),
        id
    )
    .fetch_optional(conn)
    .await
}

/// The text shown in place of hidden content: the moderators' public reason, or — for a salon
/// hidden because its host was suspended (stored as an empty reason) — a sentence saying so.
pub fn public_reason(tr: &Tr, stored: &str) -> String {
    if stored.is_empty() {
        tr.t("mod-hidden-by-suspension")
    } else {
        stored.to_string()
    }
}

/// Mails (and notifies in-app) `user` in their language: `key`'s subject and body with `args`,
/// the notification linking to `path`.
pub async fn tell(
    conn: &mut PgConnection,
    state: &AppState,
    user: Uuid,
    key: &str,
    args: &[(&'static str, String)],
    path: &str,
) -> Result<(), AppError> {
    let to = Recipient::User(user);
    // An account deleted since is told nothing.
    let alive = sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM users WHERE id = $1 AND deleted_at IS NULL) AS "x!""#,
        user
    )
    .fetch_one(&mut *conn)
    .await?;
    if !alive {
        return Ok(());
    }
    mail::notify_text(conn, state, to, "moderation.notice", key, args, path).await?;
    state.job_wake.notify_one();
    Ok(())
}

/// Tells everyone whose report on `item` still waits what came of it, and closes their
/// reports with `outcome` (`dismissed`, `hidden` or `suspended`).
pub async fn close_reports(
    conn: &mut PgConnection,
    state: &AppState,
    item: Uuid,
    outcome: &str,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let reporters = sqlx::query_scalar!(
        r#"UPDATE reports SET outcome = $2::text::report_outcome, decided_at = $3
           WHERE item_id = $1 AND outcome = 'open' RETURNING reporter_id"#,
        item,
        outcome,
        now
    )
    .fetch_all(&mut *conn)
    .await?;
    let key = format!("mod-mail-outcome-{outcome}");
    for reporter in reporters.into_iter().flatten() {
        tell(conn, state, reporter, &key, &[], "/rules").await?;
    }
    Ok(())
}

/// The person's reports, the content of theirs that was moderated (with their appeals) and
/// their suspensions, for the data download.
pub async fn personal_data(conn: &mut PgConnection, user: Uuid) -> Result<Value, AppError> {
    let reports = sqlx::query!(
        r#"SELECT i.target::text AS "target!", i.target_id, r.category::text AS "category!",
                  r.note, r.outcome::text AS "outcome!", r.created_at, r.decided_at
           FROM reports r JOIN moderation_items i ON i.id = r.item_id
           WHERE r.reporter_id = $1 ORDER BY r.created_at"#,
        user
    )
    .fetch_all(&mut *conn)
    .await?;
    let moderated = sqlx::query!(
        r#"SELECT target::text AS "target!", target_id, hidden, public_reason, appeal_note,
                  appealed_at
           FROM moderation_items WHERE owner_id = $1 AND (hidden OR appealed_at IS NOT NULL)
           ORDER BY created_at"#,
        user
    )
    .fetch_all(&mut *conn)
    .await?;
    let suspensions = sqlx::query!(
        "SELECT starts_at, ends_at, reason, lifted_at FROM suspensions WHERE user_id = $1 ORDER BY starts_at",
        user
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(json!({
        "reports_made": reports.iter().map(|r| json!({
            "about": r.target, "id": r.target_id, "category": r.category, "note": r.note,
            "outcome": r.outcome, "created_at": r.created_at, "decided_at": r.decided_at,
        })).collect::<Vec<_>>(),
        "your_content_moderated": moderated.iter().map(|m| json!({
            "what": m.target, "id": m.target_id, "hidden": m.hidden,
            "public_reason": m.public_reason, "appeal": m.appeal_note, "appealed_at": m.appealed_at,
        })).collect::<Vec<_>>(),
        "suspensions": suspensions.iter().map(|s| json!({
            "from": s.starts_at, "until": s.ends_at, "reason": s.reason, "lifted_at": s.lifted_at,
        })).collect::<Vec<_>>(),
    }))
}

/// On account deletion: the person's reports stay, without them — a report is part of a case a
/// moderator decided (and the log that cannot change refers to it), while who made it is
/// personal data the moderators no longer need. Their moderator grant goes.
pub async fn on_account_deleted(conn: &mut PgConnection, user: Uuid) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE reports SET reporter_id = NULL WHERE reporter_id = $1",
        user
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!("DELETE FROM platform_moderators WHERE user_id = $1", user)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// A page whose content is hidden: the public reason in its place (a salon, a profile).
#[derive(askama::Template)]
#[template(path = "moderation/hidden.html")]
pub struct HiddenPage {
    pub f: crate::web::Frame,
    pub heading: String,
    pub hidden_reason: String,
    /// For the owner: where to read more and appeal.
    pub appeal_path: Option<String>,
}

/// The notice a host sees on their hidden salon: why, and where to appeal.
#[derive(Clone, Debug)]
pub struct HiddenNotice {
    pub reason: String,
    pub appeal_path: Option<String>,
}

/// The notice for hidden `target` `id` whose stored reason is `stored`, for its owner.
pub async fn notice_for_owner(
    db: &PgPool,
    tr: &Tr,
    target: Target,
    id: Uuid,
    stored: &str,
) -> Result<HiddenNotice, AppError> {
    let mut conn = db.acquire().await?;
    let item = item_for(&mut conn, target, id).await?;
    Ok(HiddenNotice {
        reason: public_reason(tr, stored),
        appeal_path: item.map(|i| format!("/moderation/appeals/{i}")),
    })
}
