//! Following a decision: told when salons link to it and when it is decided.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::startup::AppState;

/// `POST …/{decision}/follow`.
pub async fn follow(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((slug, id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let mut conn = state.db.acquire().await?;
    let d = super::load(&mut conn, &slug, &id).await?;
    sqlx::query!(
        r#"INSERT INTO decision_followers (decision_id, user_id, since) VALUES ($1, $2, $3)
           ON CONFLICT DO NOTHING"#,
        d.id,
        user.id,
        state.clock.now()
    )
    .execute(&mut *conn)
    .await?;
    Ok(Redirect::to(&format!("{}?done=followed", d.path())).into_response())
}

/// `POST …/{decision}/unfollow`.
pub async fn unfollow(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((slug, id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let mut conn = state.db.acquire().await?;
    let d = super::load(&mut conn, &slug, &id).await?;
    sqlx::query!(
        "DELETE FROM decision_followers WHERE decision_id = $1 AND user_id = $2",
        d.id,
        user.id
    )
    .execute(&mut *conn)
    .await?;
    Ok(Redirect::to(&format!("{}?done=unfollowed", d.path())).into_response())
}
