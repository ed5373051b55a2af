//! The units a role belongs to: which a person may choose, and whether the choice fits the
//! role (officials in any unit, politicians in committees and the council, admins in none).

use uuid::Uuid;

use super::{RoleKind, UnitKind};
use crate::domain::Invalid;

/// An active unit one can ask to be a member of.
#[derive(Clone, Debug)]
pub struct UnitOption {
    pub id: Uuid,
    pub name: String,
    pub kind: UnitKind,
}

/// The municipality's units that are not archived, for the request form.
pub async fn active_units(db: &sqlx::PgPool, code: &str) -> sqlx::Result<Vec<UnitOption>> {
    Ok(sqlx::query!(
        r#"SELECT id, name, kind::text AS "kind!" FROM units
           WHERE municipality_code = $1 AND archived_at IS NULL ORDER BY kind DESC, name"#,
        code
    )
    .fetch_all(db)
    .await?
    .into_iter()
    .map(|u| UnitOption {
        id: u.id,
        name: u.name,
        kind: UnitKind::from_db(&u.kind),
    })
    .collect())
}

/// The units chosen, checked against the municipality's active units and the role's kind.
pub fn chosen_units<'a>(
    kind: Option<RoleKind>,
    ids: &[String],
    units: &'a [UnitOption],
) -> Result<Vec<&'a UnitOption>, Invalid> {
    let mut chosen: Vec<&UnitOption> = Vec::new();
    for id in ids {
        let unit = Uuid::parse_str(id)
            .ok()
            .and_then(|id| units.iter().find(|u| u.id == id))
            .ok_or(Invalid("error-role-unit-unknown"))?;
        if !chosen.iter().any(|c| c.id == unit.id) {
            chosen.push(unit);
        }
    }
    match kind {
        Some(RoleKind::Admin) if !chosen.is_empty() => Err(Invalid("error-role-units-admin")),
        Some(RoleKind::Official | RoleKind::Politician) if chosen.is_empty() => {
            Err(Invalid("error-role-units-missing"))
        }
        Some(RoleKind::Politician) if chosen.iter().any(|u| u.kind == UnitKind::Department) => {
            Err(Invalid("error-role-units-politician"))
        }
        _ => Ok(chosen),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(kind: UnitKind) -> UnitOption {
        UnitOption {
            id: Uuid::new_v4(),
            name: "Enhed".into(),
            kind,
        }
    }

    #[test]
    fn units_must_fit_the_role() {
        let units = [unit(UnitKind::Department), unit(UnitKind::Committee)];
        let dept = units[0].id.to_string();
        let committee = units[1].id.to_string();
        assert_eq!(
            chosen_units(
                Some(RoleKind::Official),
                &[dept.clone(), dept.clone()],
                &units
            )
            .unwrap()
            .len(),
            1
        );
        assert_eq!(
            chosen_units(Some(RoleKind::Official), &[], &units).unwrap_err(),
            Invalid("error-role-units-missing")
        );
        assert_eq!(
            chosen_units(
                Some(RoleKind::Politician),
                std::slice::from_ref(&dept),
                &units
            )
            .unwrap_err(),
            Invalid("error-role-units-politician")
        );
        assert!(chosen_units(Some(RoleKind::Politician), &[committee], &units).is_ok());
        assert_eq!(
            chosen_units(Some(RoleKind::Admin), &[dept], &units).unwrap_err(),
            Invalid("error-role-units-admin")
        );
        assert_eq!(
            chosen_units(None, &["nope".into()], &units).unwrap_err(),
            Invalid("error-role-unit-unknown")
        );
    }
}
