//! One person, one line: before an invitation is sent, the host is told when the person it
//! reaches is already invited another way — a named official who answers for a unit already
//! invited (or comes through its answer), or a unit one of whose people is already invited in
//! person ("Jens Hansen er allerede inviteret via Teknik og Miljø"). The host may send it
//! anyway; the official then sees both invitations and may answer them at once.

use sqlx::PgConnection;
use uuid::Uuid;

use crate::error::AppError;
use crate::web::i18n::Tr;
use crate::web::markup::{self, Isolated};

/// What is about to be invited, as far as overlaps go.
pub enum Invitee {
    Person(Uuid),
    Unit(Uuid),
}

/// The warnings for inviting `who` to `salon`, in `tr`'s language; empty when none.
pub async fn warnings(
    conn: &mut PgConnection,
    tr: &Tr,
    salon: Uuid,
    who: Invitee,
) -> Result<Vec<Isolated>, AppError> {
    // Invitations that are withdrawn or declined do not bring anyone.
    Ok(match who {
        Invitee::Person(user) => {
            let rows = sqlx::query!(
                r#"SELECT DISTINCT u.name AS person, coalesce(un.name, hu.name, m.official_name) AS "holder!"
                   FROM invitations i
                   JOIN users u ON u.id = $2
                   LEFT JOIN units un ON un.id = i.holder_unit_id
                   LEFT JOIN users hu ON hu.id = i.holder_user_id
                   JOIN municipalities m ON m.code = i.municipality_code
                   WHERE i.salon_id = $1 AND i.target <> 'email'
                     AND i.status NOT IN ('withdrawn', 'declined')
                     AND i.holder_user_id IS DISTINCT FROM $2
                     AND (EXISTS (SELECT 1 FROM invitation_answerers a
                                  WHERE a.invitation_id = i.id AND a.user_id = $2)
                          OR EXISTS (SELECT 1 FROM registrations r
                                     WHERE r.invitation_id = i.id AND r.user_id = $2
                                       AND r.status IN ('registered', 'waitlisted')))
                   ORDER BY 2"#,
                salon,
                user
            )
            .fetch_all(conn)
            .await?;
            rows.into_iter()
                .map(|r| {
                    Isolated(tr.t_args(
                        "inv-overlap-via",
                        &[
                            ("name", markup::name(&r.person).into()),
                            ("holder", r.holder.into()),
                        ],
                    ))
                })
                .collect()
        }
        Invitee::Unit(unit) => {
            let rows = sqlx::query!(
                r#"SELECT DISTINCT hu.name AS person, un.name AS unit
                   FROM invitations i
                   JOIN users hu ON hu.id = i.holder_user_id
                   JOIN units un ON un.id = $2
                   WHERE i.salon_id = $1 AND i.target = 'person'
                     AND i.status NOT IN ('withdrawn', 'declined')
                     AND EXISTS (SELECT 1 FROM role_units ru JOIN roles r ON r.id = ru.role_id
                                 WHERE ru.unit_id = $2 AND ru.answers_for
                                   AND r.status = 'approved' AND r.user_id = i.holder_user_id)
                   ORDER BY 1"#,
                salon,
                unit
            )
            .fetch_all(conn)
            .await?;
            rows.into_iter()
                .map(|r| {
                    Isolated(tr.t_args(
                        "inv-overlap-personal",
                        &[
                            ("name", markup::name(&r.person).into()),
                            ("unit", r.unit.into()),
                        ],
                    ))
                })
                .collect()
        }
    })
}
