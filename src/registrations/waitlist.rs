//! Seats and waitlists: the one place that changes who is registered for a salon.
//!
//! Every change starts with [`lock`], which takes the salon's row `FOR UPDATE` for the rest of
//! the transaction, so registrations, cancellations and removals for one salon happen one at a
//! time, in every process. Seats are counted from the rows under that lock and written back to
//! the salon's counters ([`save`]), so the counters never drift. Citizens and municipal guests
//! each have their own seats and their own waitlist, numbered 1..n without gaps.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

/// Which seats a registration uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Citizen,
    Municipal,
}

impl Kind {
    /// The value of the database's `registration_kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Citizen => "citizen",
            Kind::Municipal => "municipal",
        }
    }

    pub fn from_db(raw: &str) -> Kind {
        if raw == "municipal" {
            Kind::Municipal
        } else {
            Kind::Citizen
        }
    }
}

/// A salon's seats, read with its row locked.
#[derive(Clone, Debug)]
pub struct Seats {
    pub salon: Uuid,
    pub status: String,
    pub visibility: String,
    /// Seats for citizens; `None`: no limit.
    pub capacity: Option<i32>,
    pub municipal_seats: i32,
    pub citizens: i32,
    pub municipal: i32,
    /// The end of the salon's last session.
    pub last_end: Option<DateTime<Utc>>,
}

impl Seats {
    /// How many seats `kind` has (`None`: no limit).
    pub fn limit(&self, kind: Kind) -> Option<i32> {
        match kind {
            Kind::Citizen => self.capacity,
            Kind::Municipal => Some(self.municipal_seats),
        }
    }

    pub fn taken(&self, kind: Kind) -> i32 {
        match kind {
            Kind::Citizen => self.citizens,
            Kind::Municipal => self.municipal,
        }
    }

    fn taken_mut(&mut self, kind: Kind) -> &mut i32 {
        match kind {
            Kind::Citizen => &mut self.citizens,
            Kind::Municipal => &mut self.municipal,
        }
    }

    /// Free seats of `kind` (`i32::MAX` without a limit).
    pub fn free(&self, kind: Kind) -> i32 {
        self.limit(kind)
            .map_or(i32::MAX, |limit| (limit - self.taken(kind)).max(0))
    }

    /// Whether people may register now: published and not every session over. Who may see
    /// the salon at all (an invite-only salon: those invited) is the visibility rule's
    /// business, checked before a registration gets here.
    pub fn open_at(&self, now: DateTime<Utc>) -> bool {
        self.status == "published" && self.last_end.is_some_and(|end| end > now)
    }
}

/// Locks the salon's row for the rest of the transaction and counts its seats.
pub async fn lock(conn: &mut PgConnection, salon: Uuid) -> sqlx::Result<Seats> {
    let row = sqlx::query!(
        r#"SELECT s.id, s.status::text AS "status!", s.visibility::text AS "visibility!",
                  s.capacity, s.municipal_seats
           FROM salons s WHERE s.id = $1 FOR UPDATE"#,
        salon
    )
    .fetch_one(&mut *conn)
    .await?;
    // Counted after the lock is held: nobody can change them until this transaction ends.
    let counts = sqlx::query!(
        r#"SELECT
             (SELECT count(*) FROM registrations
               WHERE salon_id = $1 AND status = 'registered' AND kind = 'citizen') AS "citizens!",
             (SELECT count(*) FROM registrations
               WHERE salon_id = $1 AND status = 'registered' AND kind = 'municipal') AS "municipal!",
             (SELECT max(ends_at) FROM salon_sessions WHERE salon_id = $1) AS "last_end: DateTime<Utc>""#,
        salon
    )
    .fetch_one(&mut *conn)
    .await?;
    Ok(Seats {
        salon: row.id,
        status: row.status,
        visibility: row.visibility,
        capacity: row.capacity,
        municipal_seats: row.municipal_seats,
        citizens: counts.citizens as i32,
        municipal: counts.municipal as i32,
        last_end: counts.last_end,
    })
}

/// Writes the seat counts back to the salon's counters.
pub async fn save(conn: &mut PgConnection, seats: &Seats) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE salons SET citizens_registered = $2, municipal_registered = $3 WHERE id = $1",
        seats.salon,
        seats.citizens,
        seats.municipal
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Where a new registration goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    Registered,
    Waitlisted(i32),
}

/// A seat if there is one (taking it), else the next place in line.
pub async fn place(
    conn: &mut PgConnection,
    seats: &mut Seats,
    kind: Kind,
) -> sqlx::Result<Placement> {
    if seats.free(kind) > 0 {
        *seats.taken_mut(kind) += 1;
        return Ok(Placement::Registered);
    }
    let last = sqlx::query_scalar!(
        r#"SELECT max(waitlist_position) FROM registrations
           WHERE salon_id = $1 AND kind = $2::text::registration_kind AND status = 'waitlisted'"#,
        seats.salon,
        kind.as_str()
    )
    .fetch_one(&mut *conn)
    .await?;
    Ok(Placement::Waitlisted(last.unwrap_or(0) + 1))
}

/// Moves everyone behind `after` on `kind`'s waitlist `by` places forward.
async fn close_gap(
    conn: &mut PgConnection,
    salon: Uuid,
    kind: Kind,
    after: i32,
    by: i32,
) -> sqlx::Result<()> {
    // Two steps: the unique index on positions is checked row by row, so shifting in place
    // could collide with a row not yet moved. First far out of the way, then into place.
    const AWAY: i32 = 1_000_000;
    sqlx::query!(
        r#"UPDATE registrations SET waitlist_position = waitlist_position + $4
           WHERE salon_id = $1 AND kind = $2::text::registration_kind AND status = 'waitlisted'
             AND waitlist_position > $3"#,
        salon,
        kind.as_str(),
        after,
        AWAY
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        r#"UPDATE registrations SET waitlist_position = waitlist_position - $3 - $4
           WHERE salon_id = $1 AND kind = $2::text::registration_kind AND status = 'waitlisted'
             AND waitlist_position > $3"#,
        salon,
        kind.as_str(),
        AWAY,
        by
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Someone moved from the waitlist to a seat.
#[derive(Clone, Debug)]
pub struct Promoted {
    pub registration: Uuid,
    pub user: Option<Uuid>,
}

/// Fills `kind`'s free seats from the front of its waitlist, in order.
pub async fn promote(
    conn: &mut PgConnection,
    seats: &mut Seats,
    kind: Kind,
    now: DateTime<Utc>,
) -> sqlx::Result<Vec<Promoted>> {
    let free = seats.free(kind);
    if free == 0 {
        return Ok(Vec::new());
    }
    let mut rows = sqlx::query!(
        r#"WITH first AS (
               SELECT id, waitlist_position AS position FROM registrations
               WHERE salon_id = $1 AND kind = $2::text::registration_kind AND status = 'waitlisted'
               ORDER BY waitlist_position LIMIT $3)
           UPDATE registrations r
           SET status = 'registered', waitlist_position = NULL, updated_at = $4
           FROM first WHERE r.id = first.id
           RETURNING r.id, r.user_id, first.position AS "position!""#,
        seats.salon,
        kind.as_str(),
        i64::from(free),
        now
    )
    .fetch_all(&mut *conn)
    .await?;
    rows.sort_by_key(|r| r.position);
    let n = rows.len() as i32;
    if n > 0 {
        *seats.taken_mut(kind) += n;
        close_gap(conn, seats.salon, kind, n, n).await?;
    }
    Ok(rows
        .into_iter()
        .map(|r| Promoted {
            registration: r.id,
            user: r.user_id,
        })
        .collect())
}

/// What taking someone off a salon did.
#[derive(Clone, Debug)]
pub struct Withdrawn {
    pub user: Option<Uuid>,
    pub was_registered: bool,
    /// Those who got the seat that came free.
    pub promoted: Vec<Promoted>,
}

/// Takes a live registration off the salon (`status`: `cancelled` or `removed`): a seat it held
/// goes to the first in line at once; a place in line it held closes up. `None` when the
/// registration is not live on this salon.
pub async fn withdraw(
    conn: &mut PgConnection,
    seats: &mut Seats,
    registration: Uuid,
    status: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<Option<Withdrawn>> {
    let Some(row) = sqlx::query!(
        r#"SELECT user_id, kind::text AS "kind!", status::text AS "status!", waitlist_position
           FROM registrations
           WHERE id = $1 AND salon_id = $2 AND status IN ('registered', 'waitlisted')"#,
        registration,
        seats.salon
    )
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    sqlx::query!(
        r#"UPDATE registrations
           SET status = $2::text::registration_status, waitlist_position = NULL, updated_at = $3
           WHERE id = $1"#,
        registration,
        status,
        now
    )
    .execute(&mut *conn)
    .await?;
    let kind = Kind::from_db(&row.kind);
    let was_registered = row.status == "registered";
    let promoted = if was_registered {
        *seats.taken_mut(kind) -= 1;
        promote(conn, seats, kind, now).await?
    } else {
        if let Some(position) = row.waitlist_position {
            close_gap(conn, seats.salon, kind, position, 1).await?;
        }
        Vec::new()
    };
    Ok(Some(Withdrawn {
        user: row.user_id,
        was_registered,
        promoted,
    }))
}

/// Who is coming, as a new registration row.
pub struct NewRegistration<'a> {
    pub user: Option<Uuid>,
    pub offline_name: Option<&'a str>,
    pub offline_phone: Option<&'a str>,
    pub kind: Kind,
    pub role: Option<Uuid>,
    pub needs: &'a str,
    pub show_name: bool,
}

/// Places and stores a registration for all the salon's sessions.
pub async fn add(
    conn: &mut PgConnection,
    seats: &mut Seats,
    new: NewRegistration<'_>,
    now: DateTime<Utc>,
) -> sqlx::Result<(Uuid, Placement)> {
    let placement = place(conn, seats, new.kind).await?;
    let (status, position) = match placement {
        Placement::Registered => ("registered", None),
        Placement::Waitlisted(p) => ("waitlisted", Some(p)),
    };
    let id = Uuid::new_v4();
    sqlx::query!(
        r#"INSERT INTO registrations (id, salon_id, user_id, offline_name, offline_phone, kind,
               role_id, status, waitlist_position, needs, show_name, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6::text::registration_kind, $7,
                   $8::text::registration_status, $9, $10, $11, $12, $12)"#,
        id,
        seats.salon,
        new.user,
        new.offline_name,
        new.offline_phone,
        new.kind.as_str(),
        new.role,
        status,
        position,
        new.needs,
        new.show_name,
        now
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        r#"INSERT INTO registration_sessions (registration_id, session_id)
           SELECT $1, id FROM salon_sessions WHERE salon_id = $2"#,
        id,
        seats.salon
    )
    .execute(&mut *conn)
    .await?;
    Ok((id, placement))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seats(capacity: Option<i32>, citizens: i32, municipal: i32) -> Seats {
        Seats {
            salon: Uuid::nil(),
            status: "published".into(),
            visibility: "public".into(),
            capacity,
            municipal_seats: 2,
            citizens,
            municipal,
            last_end: None,
        }
    }

    #[test]
    fn citizens_and_municipal_guests_have_their_own_seats() {
        let s = seats(Some(20), 20, 1);
        assert_eq!(s.free(Kind::Citizen), 0);
        assert_eq!(s.free(Kind::Municipal), 1);
        assert_eq!(seats(None, 500, 0).free(Kind::Citizen), i32::MAX);
        // A salon made smaller than its registrations has no free seats, not negative ones.
        assert_eq!(seats(Some(5), 8, 0).free(Kind::Citizen), 0);
    }

    #[test]
    fn registration_is_open_only_for_published_visible_salons_with_a_session_ahead() {
        let now = DateTime::parse_from_rfc3339("2026-12-01T09:00:00Z")
            .unwrap()
            .to_utc();
        let mut s = seats(Some(20), 0, 0);
        assert!(!s.open_at(now), "no sessions");
        s.last_end = Some(now + chrono::Duration::hours(1));
        assert!(s.open_at(now));
        s.visibility = "invite_only".into();
        assert!(s.open_at(now), "for those who may see it");
        s.visibility = "unlisted".into();
        assert!(s.open_at(now));
        s.status = "cancelled".into();
        assert!(!s.open_at(now));
        s.status = "published".into();
        assert!(!s.open_at(now + chrono::Duration::hours(2)), "all over");
    }
}
