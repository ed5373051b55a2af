//! Public profiles, `/people/{id}`, for people with a verified municipal role: who they are in
//! that role and the salons they joined or answered for in it. Nothing they did as a private
//! citizen shows here.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

use crate::auth::{Access, CurrentUser, RouteSpec};
use crate::domain::ids::UserId;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::path::Ids;
use crate::web::{DoneQuery, Frame, Page};

pub mod follow;

pub use follow::{erase, personal_data};

pub fn routes() -> Vec<RouteSpec> {
    vec![
        RouteSpec::get("/people/{id}", Access::Public, get(show)),
        RouteSpec::post(
            "/people/{person}/follow",
            Access::Verified,
            post(follow::follow),
        ),
        RouteSpec::post(
            "/people/{person}/unfollow",
            Access::SignedIn,
            post(follow::unfollow),
        ),
    ]
}

/// The job that tells followers of a person's accepted invitations.
pub fn register_jobs(worker: crate::jobs::Worker) -> crate::jobs::Worker {
    worker.handle(follow::KIND, follow::run)
}

/// A person's public profile: `/people/{id}` (a 404 unless they hold a municipal role).
pub fn path(id: uuid::Uuid) -> String {
    format!("/people/{id}")
}

/// One role, as the profile shows it.
pub struct RoleLine {
    pub label: String,
    pub municipality: String,
    pub municipality_slug: String,
    pub units: Vec<String>,
}

/// A salon the person took part in, in their role.
pub struct SalonLine {
    pub title: String,
    pub path: String,
    pub when: String,
    pub what: String,
}

#[derive(Template)]
#[template(path = "people/show.html")]
pub struct ProfilePage {
    f: Frame,
    name: String,
    /// The name came from MitID and has not been edited since: "navn bekræftet med MitID".
    name_verified: bool,
    roles: Vec<RoleLine>,
    salons: Vec<SalonLine>,
    /// The viewer may report the profile ("Anmeld"): signed in, and not their own.
    report_path: Option<String>,
    /// The profile's own path, for the follow forms.
    path: String,
    /// "3 personer følger …".
    followers: String,
    /// Signed in and not their own profile: may follow.
    may_follow: bool,
    following: bool,
    notice: Option<String>,
}

async fn show(
    State(state): State<AppState>,
    f: Frame,
    user: Option<CurrentUser>,
    Ids(person): Ids<UserId>,
    Query(q): Query<DoneQuery>,
) -> Result<Response, AppError> {
    let id = person.uuid();
    let roles = sqlx::query!(
        r#"SELECT u.name, u.name_verified_by IS NOT NULL AS "name_verified!", u.profile_hidden_reason, r.kind::text AS "kind!", r.title, r.party, m.official_name, m.slug,
                  coalesce(array_agg(un.name ORDER BY un.name) FILTER (WHERE un.id IS NOT NULL AND ru.listed),
                           '{}') AS "units!"
           FROM roles r JOIN users u ON u.id = r.user_id
           JOIN municipalities m ON m.code = r.municipality_code
           LEFT JOIN role_units ru ON ru.role_id = r.id
           LEFT JOIN units un ON un.id = ru.unit_id AND un.archived_at IS NULL
           WHERE r.user_id = $1 AND r.status = 'approved' AND r.kind <> 'admin'
             AND u.deleted_at IS NULL
           GROUP BY u.name, u.name_verified_by, u.profile_hidden_reason, r.id, m.official_name, m.slug
           ORDER BY m.official_name, r.kind"#,
        id
    )
    .fetch_all(&state.db)
    .await?;
    let Some(first) = roles.first() else {
        return Err(AppError::NotFound);
    };
    let name = first.name.clone();
    let name_verified = first.name_verified;
    // A hidden profile shows the moderators' reason in its place; its owner is shown where
    // to appeal.
    if let Some(stored) = first.profile_hidden_reason.clone() {
        let own = user.as_ref().is_some_and(|u| u.id == id);
        let notice = crate::moderation::notice_for_owner(
            &state.db,
            &f.tr,
            crate::moderation::Target::Profile,
            id,
            &stored,
        )
        .await?;
        return Ok(Page(crate::moderation::HiddenPage {
            heading: f.tr.t("mod-hidden-profile-title"),
            hidden_reason: notice.reason,
            appeal_path: notice.appeal_path.filter(|_| own),
            f,
        })
        .into_response());
    }
    let tr = &f.tr;
    let salons = sqlx::query!(
        r#"SELECT s.id, s.slug, s.title, s.first_starts_at, bool_or(x.came) AS "came!",
                  -- over once its last session has ended: "deltog" only then
                  coalesce((SELECT max(ss.ends_at) FROM salon_sessions ss WHERE ss.salon_id = s.id)
                           <= $2, false) AS "over!"
           FROM (SELECT r.salon_id, true AS came FROM registrations r
                 WHERE r.user_id = $1 AND r.role_id IS NOT NULL AND r.status = 'registered'
                   AND r.asked_state IS DISTINCT FROM 'asked'
                 UNION ALL
                 SELECT i.salon_id, false FROM invitation_events e
                 JOIN invitations i ON i.id = e.invitation_id
                 WHERE e.actor_id = $1 AND e.kind IN ('accepted', 'declined', 'proposed', 'question')
                ) x
           JOIN salons s ON s.id = x.salon_id
           WHERE s.visibility = 'public' AND s.status IN ('published', 'held', 'closed')
             AND s.hidden_reason IS NULL
           GROUP BY s.id
           ORDER BY s.first_starts_at DESC NULLS LAST
           LIMIT 100"#,
        id,
        state.clock.now()
    )
    .fetch_all(&state.db)
    .await?
    .into_iter()
    .map(|s| SalonLine {
        path: crate::salons::visibility::path(s.id, &s.slug),
        when: s.first_starts_at.map(|t| tr.datetime(t)).unwrap_or_default(),
        // Coming to a salon is "kommer" until it is over; only then "deltog".
        what: tr.t(match (s.came, s.over) {
            (true, true) => "people-salon-came",
            (true, false) => "people-salon-coming",
            (false, _) => "people-salon-answered",
        }),
        title: s.title,
    })
    .collect();
    let roles = roles
        .into_iter()
        .map(|r| RoleLine {
            label: crate::registrations::role_label(tr, &r.kind, &r.title, &r.party),
            municipality: r.official_name,
            municipality_slug: r.slug,
            units: r.units,
        })
        .collect();
    let mut conn = state.db.acquire().await?;
    let (followers, following) = follow::counts(&mut conn, id, user.as_ref().map(|u| u.id)).await?;
    drop(conn);
    let notice = q.notice(&f.tr, "people", &["followed", "unfollowed"]);
    let report_path = user
        .filter(|u| u.id != id)
        .map(|_| format!("/people/{id}/report"));
    Ok(Page(ProfilePage {
        followers: f.tr.count("people-followers", followers),
        may_follow: report_path.is_some(),
        following,
        notice,
        path: path(id),
        f,
        name,
        name_verified,
        roles,
        salons,
        report_path,
    })
    .into_response())
}
