//! Following a decision: told when salons link to it, when its meeting moves and when it is
//! decided.

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};

use crate::auth::CurrentUser;
use crate::domain::ids::DecisionId;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::path::Ids;

/// `POST …/{decision}/follow`.
pub async fn follow(
    State(state): State<AppState>,
    user: CurrentUser,
    Ids((slug, id)): Ids<(String, DecisionId)>,
) -> Result<Response, AppError> {
    set(&state, &user, &slug, id, true).await
}

/// `POST …/{decision}/unfollow`.
pub async fn unfollow(
    State(state): State<AppState>,
    user: CurrentUser,
    Ids((slug, id)): Ids<(String, DecisionId)>,
) -> Result<Response, AppError> {
    set(&state, &user, &slug, id, false).await
}

/// Starts (`on`) or stops following; doing either twice changes nothing.
async fn set(
    state: &AppState,
    user: &CurrentUser,
    slug: &str,
    id: DecisionId,
    on: bool,
) -> Result<Response, AppError> {
    let mut conn = state.db.acquire().await?;
    let d = super::load(&mut conn, slug, id).await?;
    follow_decision(&mut conn, state, d.id, user.id, on).await?;
    let done = if on { "followed" } else { "unfollowed" };
    Ok(Redirect::to(&format!("{}?done={done}", d.path())).into_response())
}

/// Starts (`on`) or stops `user` following `decision`; doing either twice changes nothing.
pub async fn follow_decision(
    conn: &mut sqlx::PgConnection,
    state: &AppState,
    decision: uuid::Uuid,
    user: uuid::Uuid,
    on: bool,
) -> Result<(), AppError> {
    if on {
        sqlx::query!(
            r#"INSERT INTO decision_followers (decision_id, user_id, since) VALUES ($1, $2, $3)
               ON CONFLICT DO NOTHING"#,
            decision,
            user,
            state.clock.now()
        )
        .execute(&mut *conn)
        .await?;
    } else {
        sqlx::query!(
            "DELETE FROM decision_followers WHERE decision_id = $1 AND user_id = $2",
            decision,
            user
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
