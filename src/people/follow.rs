//! Following a person with a public profile — a politician, typically: the follower is mailed
//! when that person accepts an invitation to a public salon ("politician.accepted", in the
//! followup category), so a citizen can see where their representative shows up. Salons that
//! are unlisted, invite-only, hidden or not published are never news: the follower could not
//! see them either.
//!
//! The mails go out through one job per person and salon (unique key), so a "no" changed to
//! "yes" does not tell anyone twice and a retry starts over in its own transaction.

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sqlx::PgConnection;
use uuid::Uuid;

use crate::auth::CurrentUser;
use crate::domain::ids::UserId;
use crate::error::AppError;
use crate::jobs::{self, Job, NewJob};
use crate::mail::{self, Recipient};
use crate::state::AppState;
use crate::web::path::Ids;

/// The job that tells a person's followers they accepted an invitation.
pub const KIND: &str = "politician.accepted";

/// `POST /people/{person}/follow`.
pub async fn follow(
    State(state): State<AppState>,
    user: CurrentUser,
    Ids(person): Ids<UserId>,
) -> Result<Response, AppError> {
    set(&state, &user, person.uuid(), true).await
}

/// `POST /people/{person}/unfollow`.
pub async fn unfollow(
    State(state): State<AppState>,
    user: CurrentUser,
    Ids(person): Ids<UserId>,
) -> Result<Response, AppError> {
    set(&state, &user, person.uuid(), false).await
}

/// Starts (`on`) or stops following; doing either twice changes nothing. Only a person with a
/// public profile can be followed (else 404, as the profile is), and never oneself.
async fn set(
    state: &AppState,
    user: &CurrentUser,
    person: Uuid,
    on: bool,
) -> Result<Response, AppError> {
    let mut tx = state.db.begin().await?;
    let profiled = sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM roles r JOIN users u ON u.id = r.user_id
                          WHERE r.user_id = $1 AND r.status = 'approved' AND r.kind <> 'admin'
                            AND u.deleted_at IS NULL) AS "x!""#,
        person
    )
    .fetch_one(&mut *tx)
    .await?;
    if !profiled || person == user.id {
        return Err(AppError::NotFound);
    }
    if on {
        sqlx::query!(
            r#"INSERT INTO profile_followers (person_id, user_id, since) VALUES ($1, $2, $3)
               ON CONFLICT DO NOTHING"#,
            person,
            user.id,
            state.clock.now()
        )
        .execute(&mut *tx)
        .await?;
    } else {
        sqlx::query!(
            "DELETE FROM profile_followers WHERE person_id = $1 AND user_id = $2",
            person,
            user.id
        )
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    let done = if on { "followed" } else { "unfollowed" };
    Ok(Redirect::to(&format!("{}?done={done}", super::path(person))).into_response())
}

/// The profile's follow part: how many follow the person, and whether the viewer does.
pub async fn counts(
    conn: &mut PgConnection,
    person: Uuid,
    viewer: Option<Uuid>,
) -> sqlx::Result<(i64, bool)> {
    let r = sqlx::query!(
        r#"SELECT count(*) AS "followers!", coalesce(bool_or(user_id = $2), false) AS "following!"
           FROM profile_followers WHERE person_id = $1"#,
        person,
        viewer
    )
    .fetch_one(conn)
    .await?;
    Ok((r.followers, r.following))
}

#[derive(Debug, Serialize, Deserialize)]
struct Payload {
    person: Uuid,
    salon: Uuid,
}

/// After `person` accepted an invitation to `salon`, in the caller's transaction: if the salon
/// is public and published and the person has followers, the job that tells them is queued
/// (once per person and salon).
pub async fn accepted(
    conn: &mut PgConnection,
    state: &AppState,
    person: Uuid,
    salon: Uuid,
) -> Result<(), AppError> {
    let news = sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM salons s
                          WHERE s.id = $2 AND s.visibility = 'public' AND s.hidden_reason IS NULL
                            AND s.status = 'published')
              AND EXISTS (SELECT 1 FROM profile_followers WHERE person_id = $1) AS "x!""#,
        person,
        salon
    )
    .fetch_one(&mut *conn)
    .await?;
    if news {
        let now = state.clock.now();
        let job = NewJob::new(KIND, json!(Payload { person, salon }), now)
            .unique(format!("{KIND}:{person}:{salon}"));
        jobs::enqueue(conn, job, now).await?;
        state.job_wake.notify_one();
    }
    Ok(())
}

/// Runs a [`KIND`] job: each follower is mailed once, in one transaction. The salon is checked
/// again: hidden or made private since, it is no one's news.
pub async fn run(state: AppState, job: Job) -> anyhow::Result<()> {
    let p: Payload = serde_json::from_value(job.payload)?;
    let mut tx = state.db.begin().await?;
    let Some(s) = sqlx::query!(
        r#"SELECT s.title, s.slug, u.name FROM salons s, users u
           WHERE s.id = $1 AND u.id = $2 AND u.deleted_at IS NULL
             AND s.visibility = 'public' AND s.hidden_reason IS NULL AND s.status = 'published'"#,
        p.salon,
        p.person
    )
    .fetch_optional(&mut *tx)
    .await?
    else {
        return Ok(());
    };
    let followers = sqlx::query_scalar!(
        r#"SELECT f.user_id FROM profile_followers f JOIN users u ON u.id = f.user_id
           WHERE f.person_id = $1 AND u.deleted_at IS NULL ORDER BY f.since"#,
        p.person
    )
    .fetch_all(&mut *tx)
    .await?;
    let path = crate::salons::visibility::path(p.salon, &s.slug);
    let args = [
        ("name", s.name.clone()),
        ("salon", s.title.clone()),
        ("profile", state.config.link(&super::path(p.person))),
    ];
    for user in followers {
        mail::notify_text(
            &mut tx,
            &state,
            Recipient::User(user),
            KIND,
            "people-mail-accepted",
            &args,
            &path,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The people a person follows, for their data download.
pub async fn personal_data(conn: &mut PgConnection, user: Uuid) -> Result<Value, AppError> {
    let rows = sqlx::query!(
        r#"SELECT f.person_id, u.name, f.since FROM profile_followers f
           JOIN users u ON u.id = f.person_id WHERE f.user_id = $1 ORDER BY f.since"#,
        user
    )
    .fetch_all(conn)
    .await?;
    Ok(json!(
        rows.iter()
            .map(|r| json!({
                "person": r.name, "profile": super::path(r.person_id), "since": r.since,
            }))
            .collect::<Vec<_>>()
    ))
}

/// Forgets whom the person follows and who follows them.
pub async fn erase(conn: &mut PgConnection, user: Uuid) -> Result<(), AppError> {
    sqlx::query!(
        "DELETE FROM profile_followers WHERE user_id = $1 OR person_id = $1",
        user
    )
    .execute(conn)
    .await?;
    Ok(())
}
