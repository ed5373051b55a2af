//! Municipal roles: officials, politicians and admins of a municipality.
//!
//! A role starts as a request from the municipality's page ([`request`]). The municipality's
//! admins approve or reject it ([`review`]), list and revoke approved roles and appoint other
//! admins ([`manage`]). An official in department units whose verified email is on one of the
//! municipality's proven domains ([`domains`]) is approved at once; what the domain granted
//! goes when the email leaves it. The first admin comes from the command line ([`grant_admin`]).
//!
//! `role_units.answers_for` says who may answer a unit's invitations: every member of a
//! department, and in committees and the council those the admins mark.

pub mod admin;
mod badge;
mod choices;
mod domains;
mod grant;
mod mails;
mod manage;
mod request;
mod review;
mod units;
mod values;

use axum::routing::{get, post};
use serde_json::json;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::auth::{Access, RouteSpec};
use crate::domain::Invalid;
use crate::web::i18n::Tr;

pub use badge::Badge;
pub use choices::{Choice, choices};
pub use domains::{AddedDomain, add_by_operator, email_changed};
pub use grant::{Granted, grant_admin};
pub use manage::admins;
pub use request::{Requested, Requester, RoleRequest, request_role};
pub use review::{Decider, decide};
pub use units::{UnitOption, active_units};
pub use values::{Note, Party, Reason, RoleTitle};

/// The roles feature's routes.
pub fn routes() -> Vec<RouteSpec> {
    use crate::municipalities::MUNICIPALITY_ADMIN;
    use Access::*;
    vec![
        RouteSpec::get(
            "/municipalities/{municipality}/roles/request",
            Verified,
            get(request::form),
        ),
        RouteSpec::post(
            "/municipalities/{municipality}/roles/request",
            Verified,
            post(request::submit),
        ),
        RouteSpec::get(
            "/admin/{municipality}",
            MUNICIPALITY_ADMIN,
            get(review::pending),
        ),
        RouteSpec::get(
            "/admin/{municipality}/requests/{role}",
            MUNICIPALITY_ADMIN,
            get(review::show),
        ),
        RouteSpec::post(
            "/admin/{municipality}/requests/{role}/approve",
            MUNICIPALITY_ADMIN,
            post(review::approve),
        ),
        RouteSpec::post(
            "/admin/{municipality}/requests/{role}/reject",
            MUNICIPALITY_ADMIN,
            post(review::reject),
        ),
        RouteSpec::get(
            "/admin/{municipality}/roles",
            MUNICIPALITY_ADMIN,
            get(manage::list),
        ),
        RouteSpec::get(
            "/admin/{municipality}/roles/{role}",
            MUNICIPALITY_ADMIN,
            get(manage::show),
        ),
        RouteSpec::post(
            "/admin/{municipality}/roles/{role}/revoke",
            MUNICIPALITY_ADMIN,
            post(manage::revoke),
        ),
        RouteSpec::post(
            "/admin/{municipality}/admins",
            MUNICIPALITY_ADMIN,
            post(manage::appoint_admin),
        ),
        RouteSpec::get(
            "/admin/{municipality}/domains",
            MUNICIPALITY_ADMIN,
            get(domains::list),
        ),
        RouteSpec::post(
            "/admin/{municipality}/domains",
            MUNICIPALITY_ADMIN,
            post(domains::add),
        ),
        RouteSpec::post(
            "/admin/{municipality}/domains/remove",
            MUNICIPALITY_ADMIN,
            post(domains::remove),
        ),
    ]
}

/// Adds the roles' jobs to `worker`.
pub fn register_jobs(worker: crate::jobs::Worker) -> crate::jobs::Worker {
    domains::register_jobs(worker)
}

/// What a person is to a municipality.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoleKind {
    Official,
    Politician,
    Admin,
}

impl RoleKind {
    pub const ALL: [RoleKind; 3] = [RoleKind::Official, RoleKind::Politician, RoleKind::Admin];

    /// Who may publish and maintain a municipality's decisions (the municipality staff's access check).
    pub const STAFF: [RoleKind; 2] = [RoleKind::Admin, RoleKind::Official];

    /// The name in the database's `role_kind` and in forms.
    pub fn as_str(self) -> &'static str {
        match self {
            RoleKind::Official => "official",
            RoleKind::Politician => "politician",
            RoleKind::Admin => "admin",
        }
    }

    /// A submitted choice.
    pub fn parse(raw: &str) -> Result<RoleKind, Invalid> {
        RoleKind::ALL
            .into_iter()
            .find(|k| k.as_str() == raw.trim())
            .ok_or(Invalid("error-role-kind-missing"))
    }

    /// A value read from the database (always one of the enum's).
    pub fn from_db(raw: &str) -> RoleKind {
        RoleKind::parse(raw).unwrap_or(RoleKind::Official)
    }

    /// "Embedsmand", "Politiker", "Administrator".
    pub fn label(self, tr: &Tr) -> String {
        tr.t(&format!("role-kind-{}", self.as_str()))
    }
}

/// The kinds of unit, as stored in `unit_kind`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnitKind {
    Department,
    Committee,
    Council,
}

impl UnitKind {
    pub const ALL: [UnitKind; 3] = [UnitKind::Department, UnitKind::Committee, UnitKind::Council];

    pub fn as_str(self) -> &'static str {
        match self {
            UnitKind::Department => "department",
            UnitKind::Committee => "committee",
            UnitKind::Council => "council",
        }
    }

    pub fn parse(raw: &str) -> Result<UnitKind, Invalid> {
        UnitKind::ALL
            .into_iter()
            .find(|k| k.as_str() == raw.trim())
            .ok_or(Invalid("error-unit-kind-missing"))
    }

    pub fn from_db(raw: &str) -> UnitKind {
        UnitKind::parse(raw).unwrap_or(UnitKind::Department)
    }

    /// "Afdeling", "Udvalg", "Byråd".
    pub fn label(self, tr: &Tr) -> String {
        tr.t(self.label_key())
    }

    /// The key of [`Self::label`]'s text, a literal: a municipality's page names a dozen
    /// units' kinds, and building each key with `format!` cost more than the look-up.
    pub fn label_key(self) -> &'static str {
        match self {
            UnitKind::Department => "unit-kind-department",
            UnitKind::Committee => "unit-kind-committee",
            UnitKind::Council => "unit-kind-council",
        }
    }

    /// Whether admins choose who answers for the unit (in a department every member does).
    pub fn marks_who_answers(self) -> bool {
        self != UnitKind::Department
    }
}

/// Whether `user` holds an approved role of one of `kinds` in the municipality with `slug`:
/// `&[RoleKind::Admin]` for its admins, [`RoleKind::STAFF`] for those who keep its decisions.
pub async fn holds(db: &PgPool, user: Uuid, slug: &str, kinds: &[RoleKind]) -> sqlx::Result<bool> {
    let kinds: Vec<String> = kinds.iter().map(|k| k.as_str().to_string()).collect();
    let found = sqlx::query_scalar!(
        r#"SELECT EXISTS (
               SELECT 1 FROM roles r JOIN municipalities m ON m.code = r.municipality_code
               WHERE r.user_id = $1 AND m.slug = $2 AND r.status = 'approved'
                 AND r.kind::text = ANY($3)
           ) AS "found!""#,
        user,
        slug,
        &kinds
    )
    .fetch_one(db)
    .await?;
    Ok(found)
}

/// Whether the municipality has an approved admin, that is: whether it is on Medspil.
pub async fn has_admin(db: &PgPool, code: &str) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM roles WHERE municipality_code = $1 AND kind = 'admin'
                          AND status = 'approved') AS "found!""#,
        code
    )
    .fetch_one(db)
    .await
}

/// Who can answer a municipality's invitations on Medspil: its approved admins, and the people
/// who answer for its live units (or for the one unit `unit`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Answerers {
    pub admins: i64,
    pub for_units: i64,
}

impl Answerers {
    /// No one there answers on Medspil: invitations can only go by email.
    pub fn none(self) -> bool {
        self.admins == 0 && self.for_units == 0
    }
}

/// [`Answerers`] of municipality `code`, or of its unit `unit`. One query; the definition is
/// the SQL function `municipality_answerers` (migration 0056), which the municipality's and
/// unit's pages read inside their own statement.
pub async fn answerers(db: &PgPool, code: &str, unit: Option<Uuid>) -> sqlx::Result<Answerers> {
    let r = sqlx::query!(
        r#"SELECT admins AS "admins!", for_units AS "for_units!"
           FROM municipality_answerers($1, $2)"#,
        code,
        unit
    )
    .fetch_one(db)
    .await?;
    Ok(Answerers {
        admins: r.admins,
        for_units: r.for_units,
    })
}

/// The person's roles with their units, for their data download.
pub async fn personal_data(
    conn: &mut PgConnection,
    user: Uuid,
) -> Result<serde_json::Value, crate::error::AppError> {
    let rows = sqlx::query!(
        r#"SELECT m.name AS municipality, r.kind::text AS "kind!", r.title, r.party, r.note,
                  r.status::text AS "status!", r.granted_by_domain, r.reason,
                  r.created_at AS "created_at: chrono::DateTime<chrono::Utc>",
                  r.decided_at AS "decided_at: chrono::DateTime<chrono::Utc>",
                  COALESCE(json_agg(json_build_object('unit', un.name, 'answers_for', ru.answers_for,
                                                      'listed', ru.listed) ORDER BY un.name)
                           FILTER (WHERE un.id IS NOT NULL), '[]') AS "units!"
           FROM roles r JOIN municipalities m ON m.code = r.municipality_code
           LEFT JOIN role_units ru ON ru.role_id = r.id
           LEFT JOIN units un ON un.id = ru.unit_id
           WHERE r.user_id = $1
           GROUP BY r.id, m.name ORDER BY r.created_at"#,
        user
    )
    .fetch_all(conn)
    .await?;
    Ok(serde_json::Value::Array(
        rows.into_iter()
            .map(|r| {
                json!({
                    "municipality": r.municipality, "role": r.kind, "title": r.title,
                    "party": r.party, "note": r.note, "status": r.status,
                    "granted_by_email_domain": r.granted_by_domain, "reason": r.reason,
                    "requested_at": r.created_at, "decided_at": r.decided_at, "units": r.units,
                })
            })
            .collect(),
    ))
}

/// Removes the person's roles (on account deletion); their unit memberships go with them.
pub async fn erase(conn: &mut PgConnection, user: Uuid) -> sqlx::Result<()> {
    sqlx::query!("DELETE FROM roles WHERE user_id = $1", user)
        .execute(conn)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_and_unit_kinds_read_back_what_they_write() {
        for k in RoleKind::ALL {
            assert_eq!(RoleKind::parse(k.as_str()), Ok(k));
        }
        for k in UnitKind::ALL {
            assert_eq!(UnitKind::parse(k.as_str()), Ok(k));
        }
        assert_eq!(
            RoleKind::parse("mayor"),
            Err(Invalid("error-role-kind-missing"))
        );
        assert!(!UnitKind::Department.marks_who_answers());
        assert!(UnitKind::Committee.marks_who_answers());
    }

    #[test]
    fn a_unit_kinds_label_is_its_key_as_built_before() {
        for locale in crate::web::i18n::Locale::ALL {
            let tr = Tr::new(locale);
            for k in UnitKind::ALL {
                assert_eq!(k.label_key(), format!("unit-kind-{}", k.as_str()));
                assert_eq!(k.label(&tr), tr.t(&format!("unit-kind-{}", k.as_str())));
            }
        }
    }
}
