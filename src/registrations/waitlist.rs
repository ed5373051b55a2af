//! Seats and waitlists: the one place that changes who has a seat, session by session.
//!
//! Every change starts with [`lock`], which takes the salon's row `FOR UPDATE` for the rest of
//! the transaction, so registrations, cancellations and removals for one salon (and so for
//! each of its sessions) happen one at a time, in every process. Seats are counted from the
//! rows under that lock and written back to the sessions' and the salon's counters ([`save`]),
//! so the counters never drift. In each session citizens and municipal guests have their own
//! seats and their own waitlist, numbered 1..n without gaps.
//!
//! A registration (person × salon) holds, per session it is for, a seat or a place in line
//! (`registration_sessions`). Its own status is the summary [`save`] keeps: `registered` with
//! a seat in some session, `waitlisted` when only in line, `cancelled` when it is for no
//! session any more.

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

/// One session's seats, read with the salon's row locked.
#[derive(Clone, Debug)]
pub struct SessionSeats {
    pub id: Uuid,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub citizens: i32,
    pub municipal: i32,
}

impl SessionSeats {
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
}

/// A salon's seats, per session, read with its row locked.
#[derive(Clone, Debug)]
pub struct Seats {
    pub salon: Uuid,
    pub status: String,
    pub visibility: String,
    /// Seats for citizens in each session; `None`: no limit.
    pub capacity: Option<i32>,
    /// Seats for the municipality's guests in each session.
    pub municipal_seats: i32,
    /// The salon's sessions in time order.
    pub sessions: Vec<SessionSeats>,
}

impl Seats {
    /// How many seats `kind` has in each session (`None`: no limit).
    pub fn limit(&self, kind: Kind) -> Option<i32> {
        match kind {
            Kind::Citizen => self.capacity,
            Kind::Municipal => Some(self.municipal_seats),
        }
    }

    /// Free seats of `kind` in `session` (`i32::MAX` without a limit; 0 for a session that is
    /// not the salon's).
    pub fn free(&self, session: Uuid, kind: Kind) -> i32 {
        let Some(s) = self.sessions.iter().find(|s| s.id == session) else {
            return 0;
        };
        self.limit(kind)
            .map_or(i32::MAX, |limit| (limit - s.taken(kind)).max(0))
    }

    /// The end of the salon's last session.
    pub fn last_end(&self) -> Option<DateTime<Utc>> {
        self.sessions.iter().map(|s| s.ends_at).max()
    }

    /// The sessions one may still choose: those not over.
    pub fn ahead(&self, now: DateTime<Utc>) -> Vec<Uuid> {
        self.sessions
            .iter()
            .filter(|s| s.ends_at > now)
            .map(|s| s.id)
            .collect()
    }

    /// Whether people may register now: published and not every session over. Who may see
    /// the salon at all (an invite-only salon: those invited) is the visibility rule's
    /// business, checked before a registration gets here.
    pub fn open_at(&self, now: DateTime<Utc>) -> bool {
        self.status == "published" && self.last_end().is_some_and(|end| end > now)
    }

    fn session_mut(&mut self, session: Uuid) -> Option<&mut SessionSeats> {
        self.sessions.iter_mut().find(|s| s.id == session)
    }
}

/// Locks the salon's row for the rest of the transaction and counts its seats per session.
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
    let sessions = sqlx::query!(
        r#"SELECT ss.id, ss.starts_at AS "starts_at: DateTime<Utc>",
                  ss.ends_at AS "ends_at: DateTime<Utc>",
                  count(rs.registration_id) FILTER (WHERE rs.place = 'seat' AND rs.kind = 'citizen')
                      AS "citizens!",
                  count(rs.registration_id) FILTER (WHERE rs.place = 'seat' AND rs.kind = 'municipal')
                      AS "municipal!"
           FROM salon_sessions ss
           LEFT JOIN registration_sessions rs ON rs.session_id = ss.id
           WHERE ss.salon_id = $1
           GROUP BY ss.id ORDER BY ss.starts_at, ss.id"#,
        salon
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(Seats {
        salon: row.id,
        status: row.status,
        visibility: row.visibility,
        capacity: row.capacity,
        municipal_seats: row.municipal_seats,
        sessions: sessions
            .into_iter()
            .map(|s| SessionSeats {
                id: s.id,
                starts_at: s.starts_at,
                ends_at: s.ends_at,
                citizens: s.citizens as i32,
                municipal: s.municipal as i32,
            })
            .collect(),
    })
}

/// Writes the seat counts back: each session's counters, each live registration's summary
/// (status and front-most place in line) and the salon's counters, which count people with a
/// seat in at least one session.
pub async fn save(conn: &mut PgConnection, seats: &Seats) -> sqlx::Result<()> {
    let ids: Vec<Uuid> = seats.sessions.iter().map(|s| s.id).collect();
    let citizens: Vec<i32> = seats.sessions.iter().map(|s| s.citizens).collect();
    let municipal: Vec<i32> = seats.sessions.iter().map(|s| s.municipal).collect();
    sqlx::query!(
        r#"UPDATE salon_sessions ss SET citizens_registered = u.c, municipal_registered = u.m
           FROM unnest($1::uuid[], $2::int4[], $3::int4[]) AS u(id, c, m)
           WHERE ss.id = u.id
             AND (ss.citizens_registered, ss.municipal_registered) IS DISTINCT FROM (u.c, u.m)"#,
        &ids,
        &citizens,
        &municipal
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        r#"UPDATE registrations r
           SET status = v.status::registration_status, waitlist_position = v.position
           FROM (SELECT r.id,
                        CASE WHEN coalesce(bool_or(rs.place = 'seat'), false) THEN 'registered'
                             WHEN count(rs.session_id) > 0 THEN 'waitlisted'
                             ELSE 'cancelled' END AS status,
                        CASE WHEN NOT coalesce(bool_or(rs.place = 'seat'), false)
                             THEN min(rs.waitlist_position) END AS position
                 FROM registrations r
                 LEFT JOIN registration_sessions rs ON rs.registration_id = r.id
                 WHERE r.salon_id = $1 AND r.status IN ('registered', 'waitlisted')
                 GROUP BY r.id) v
           WHERE r.id = v.id
             AND (r.status::text, r.waitlist_position) IS DISTINCT FROM (v.status, v.position)"#,
        seats.salon
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        r#"UPDATE salons s SET citizens_registered = c.citizens, municipal_registered = c.municipal
           FROM (SELECT count(*) FILTER (WHERE kind = 'citizen')::int4 AS citizens,
                        count(*) FILTER (WHERE kind = 'municipal')::int4 AS municipal
                 FROM registrations WHERE salon_id = $1 AND status = 'registered') c
           WHERE s.id = $1"#,
        seats.salon
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Where a registration went in one session, or (summed up) in the sessions chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    Registered,
    Waitlisted(i32),
}

impl Placement {
    /// A seat in any session is a seat; else the front-most place in line.
    pub fn summary(places: &[Placement]) -> Option<Placement> {
        if places.contains(&Placement::Registered) {
            return Some(Placement::Registered);
        }
        places
            .iter()
            .filter_map(|p| match p {
                Placement::Waitlisted(n) => Some(*n),
                Placement::Registered => None,
            })
            .min()
            .map(Placement::Waitlisted)
    }
}

/// Gives `registration` a seat in `session` if there is one, else the next place in line.
/// The caller has made sure it is not there yet.
pub async fn join(
    conn: &mut PgConnection,
    seats: &mut Seats,
    registration: Uuid,
    kind: Kind,
    session: Uuid,
) -> sqlx::Result<Placement> {
    let placement = if seats.free(session, kind) > 0 {
        if let Some(s) = seats.session_mut(session) {
            *s.taken_mut(kind) += 1;
        }
        Placement::Registered
    } else {
        let last = sqlx::query_scalar!(
            r#"SELECT max(waitlist_position) FROM registration_sessions
               WHERE session_id = $1 AND kind = $2::text::registration_kind AND place = 'waitlist'"#,
            session,
            kind.as_str()
        )
        .fetch_one(&mut *conn)
        .await?;
        Placement::Waitlisted(last.unwrap_or(0) + 1)
    };
    let (place, position) = match placement {
        Placement::Registered => ("seat", None),
        Placement::Waitlisted(p) => ("waitlist", Some(p)),
    };
    sqlx::query!(
        r#"INSERT INTO registration_sessions (registration_id, session_id, kind, place, waitlist_position)
           VALUES ($1, $2, $3::text::registration_kind, $4::text::session_place, $5)"#,
        registration,
        session,
        kind.as_str(),
        place,
        position
    )
    .execute(&mut *conn)
    .await?;
    Ok(placement)
}

/// Moves everyone behind `after` on `kind`'s waitlist of `session` `by` places forward.
async fn close_gap(
    conn: &mut PgConnection,
    session: Uuid,
    kind: Kind,
    after: i32,
    by: i32,
) -> sqlx::Result<()> {
    // Two steps: the unique index on positions is checked row by row, so shifting in place
    // could collide with a row not yet moved. First far out of the way, then into place.
    const AWAY: i32 = 1_000_000;
    sqlx::query!(
        r#"UPDATE registration_sessions SET waitlist_position = waitlist_position + $4
           WHERE session_id = $1 AND kind = $2::text::registration_kind AND place = 'waitlist'
             AND waitlist_position > $3"#,
        session,
        kind.as_str(),
        after,
        AWAY
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        r#"UPDATE registration_sessions SET waitlist_position = waitlist_position - $3 - $4
           WHERE session_id = $1 AND kind = $2::text::registration_kind AND place = 'waitlist'
             AND waitlist_position > $3"#,
        session,
        kind.as_str(),
        AWAY,
        by
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Someone moved from a session's waitlist to a seat.
#[derive(Clone, Debug)]
pub struct Promoted {
    pub registration: Uuid,
    pub user: Option<Uuid>,
    pub session: Uuid,
}

/// Fills `kind`'s free seats in `session` from the front of its waitlist, in order.
pub async fn promote(
    conn: &mut PgConnection,
    seats: &mut Seats,
    session: Uuid,
    kind: Kind,
    now: DateTime<Utc>,
) -> sqlx::Result<Vec<Promoted>> {
    let free = seats.free(session, kind);
    if free == 0 {
        return Ok(Vec::new());
    }
    let mut rows = sqlx::query!(
        r#"WITH first AS (
               SELECT registration_id, waitlist_position AS position FROM registration_sessions
               WHERE session_id = $1 AND kind = $2::text::registration_kind AND place = 'waitlist'
               ORDER BY waitlist_position LIMIT $3),
           moved AS (
               UPDATE registration_sessions rs SET place = 'seat', waitlist_position = NULL
               FROM first WHERE rs.registration_id = first.registration_id AND rs.session_id = $1
               RETURNING rs.registration_id, first.position)
           UPDATE registrations r SET updated_at = $4
           FROM moved WHERE r.id = moved.registration_id
           RETURNING r.id, r.user_id, moved.position AS "position!""#,
        session,
        kind.as_str(),
        i64::from(free),
        now
    )
    .fetch_all(&mut *conn)
    .await?;
    rows.sort_by_key(|r| r.position);
    let n = rows.len() as i32;
    if n > 0 {
        if let Some(s) = seats.session_mut(session) {
            *s.taken_mut(kind) += n;
        }
        close_gap(conn, session, kind, n, n).await?;
    }
    Ok(rows
        .into_iter()
        .map(|r| Promoted {
            registration: r.id,
            user: r.user_id,
            session,
        })
        .collect())
}

/// Fills every session's free seats of both kinds from their waitlists.
pub async fn promote_all(
    conn: &mut PgConnection,
    seats: &mut Seats,
    now: DateTime<Utc>,
) -> sqlx::Result<Vec<Promoted>> {
    let mut promoted = Vec::new();
    let sessions: Vec<Uuid> = seats.sessions.iter().map(|s| s.id).collect();
    for session in sessions {
        for kind in [Kind::Citizen, Kind::Municipal] {
            promoted.extend(promote(conn, seats, session, kind, now).await?);
        }
    }
    Ok(promoted)
}

/// Takes `registration` out of `session`: a seat it held goes to the first in line at once; a
/// place in line it held closes up. Returns those promoted; nothing when it was not there.
pub async fn leave(
    conn: &mut PgConnection,
    seats: &mut Seats,
    registration: Uuid,
    session: Uuid,
    now: DateTime<Utc>,
) -> sqlx::Result<Vec<Promoted>> {
    let Some(row) = sqlx::query!(
        r#"DELETE FROM registration_sessions WHERE registration_id = $1 AND session_id = $2
           RETURNING kind::text AS "kind!", place::text AS "place!", waitlist_position"#,
        registration,
        session
    )
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(Vec::new());
    };
    let kind = Kind::from_db(&row.kind);
    if row.place == "seat" {
        if let Some(s) = seats.session_mut(session) {
            *s.taken_mut(kind) -= 1;
        }
        promote(conn, seats, session, kind, now).await
    } else {
        if let Some(position) = row.waitlist_position {
            close_gap(conn, session, kind, position, 1).await?;
        }
        Ok(Vec::new())
    }
}

/// What taking someone off a salon did.
#[derive(Clone, Debug)]
pub struct Withdrawn {
    pub user: Option<Uuid>,
    pub was_registered: bool,
    /// Those who got the seats that came free.
    pub promoted: Vec<Promoted>,
}

/// Takes a live registration off the salon (`status`: `cancelled` or `removed`), out of every
/// session it is in. `None` when the registration is not live on this salon.
pub async fn withdraw(
    conn: &mut PgConnection,
    seats: &mut Seats,
    registration: Uuid,
    status: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<Option<Withdrawn>> {
    let Some(row) = sqlx::query!(
        r#"SELECT user_id, status::text AS "status!",
                  ARRAY(SELECT session_id FROM registration_sessions
                        WHERE registration_id = $1 ORDER BY session_id) AS "sessions!"
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
    let mut promoted = Vec::new();
    for session in row.sessions {
        promoted.extend(leave(conn, seats, registration, session, now).await?);
    }
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
    Ok(Some(Withdrawn {
        user: row.user_id,
        was_registered: row.status == "registered",
        promoted,
    }))
}

/// What changing a registration's sessions did.
#[derive(Clone, Debug, Default)]
pub struct Changed {
    /// The sessions joined, and where in each.
    pub joined: Vec<(Uuid, Placement)>,
    /// The sessions left.
    pub left: Vec<Uuid>,
    /// Those who got the seats that came free.
    pub promoted: Vec<Promoted>,
}

/// Makes a live registration be for exactly `wanted` among the sessions still ahead (sessions
/// over stay as they were): leaves the others (seats go to the first in line) and joins the new
/// ones (a seat if free, else in line). Sessions not the salon's are ignored.
pub async fn change_sessions(
    conn: &mut PgConnection,
    seats: &mut Seats,
    registration: Uuid,
    kind: Kind,
    wanted: &[Uuid],
    now: DateTime<Utc>,
) -> sqlx::Result<Changed> {
    let held: Vec<Uuid> = sqlx::query_scalar!(
        "SELECT session_id FROM registration_sessions WHERE registration_id = $1",
        registration
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut changed = Changed::default();
    for session in seats.ahead(now) {
        match (held.contains(&session), wanted.contains(&session)) {
            (true, false) => {
                changed
                    .promoted
                    .extend(leave(conn, seats, registration, session, now).await?);
                changed.left.push(session);
            }
            (false, true) => {
                let placement = join(conn, seats, registration, kind, session).await?;
                changed.joined.push((session, placement));
            }
            _ => {}
        }
    }
    if !changed.joined.is_empty() || !changed.left.is_empty() {
        sqlx::query!(
            "UPDATE registrations SET updated_at = $2 WHERE id = $1",
            registration,
            now
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(changed)
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

/// Stores a registration and places it in each of `sessions` among those still ahead (empty:
/// all of them, or every session when none is ahead). The placement is the summary over the sessions; `None` when none of the
/// sessions named is ahead (nothing is stored then).
pub async fn add(
    conn: &mut PgConnection,
    seats: &mut Seats,
    new: NewRegistration<'_>,
    sessions: &[Uuid],
    now: DateTime<Utc>,
) -> sqlx::Result<Option<(Uuid, Placement)>> {
    let ahead = seats.ahead(now);
    let chosen: Vec<Uuid> = if sessions.is_empty() && ahead.is_empty() {
        // Hosts may add someone who came after the salon is over: they came to all of it.
        seats.sessions.iter().map(|s| s.id).collect()
    } else {
        ahead
            .into_iter()
            .filter(|s| sessions.is_empty() || sessions.contains(s))
            .collect()
    };
    if chosen.is_empty() {
        return Ok(None);
    }
    let id = Uuid::new_v4();
    // Stored as registered; [`save`] sets the summary once the sessions' places are known.
    sqlx::query!(
        r#"INSERT INTO registrations (id, salon_id, user_id, offline_name, offline_phone, kind,
               role_id, status, waitlist_position, needs, show_name, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6::text::registration_kind, $7,
                   'registered', NULL, $8, $9, $10, $10)"#,
        id,
        seats.salon,
        new.user,
        new.offline_name,
        new.offline_phone,
        new.kind.as_str(),
        new.role,
        new.needs,
        new.show_name,
        now
    )
    .execute(&mut *conn)
    .await?;
    let mut places = Vec::with_capacity(chosen.len());
    for session in chosen {
        places.push(join(conn, seats, id, new.kind, session).await?);
    }
    let placement = Placement::summary(&places).unwrap_or(Placement::Registered);
    Ok(Some((id, placement)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().to_utc()
    }

    fn seats(capacity: Option<i32>, citizens: i32, municipal: i32) -> Seats {
        Seats {
            salon: Uuid::nil(),
            status: "published".into(),
            visibility: "public".into(),
            capacity,
            municipal_seats: 2,
            sessions: vec![SessionSeats {
                id: Uuid::from_u128(1),
                starts_at: at("2026-12-01T17:00:00Z"),
                ends_at: at("2026-12-01T19:00:00Z"),
                citizens,
                municipal,
            }],
        }
    }

    #[test]
    fn citizens_and_municipal_guests_have_their_own_seats_in_each_session() {
        let one = Uuid::from_u128(1);
        let s = seats(Some(20), 20, 1);
        assert_eq!(s.free(one, Kind::Citizen), 0);
        assert_eq!(s.free(one, Kind::Municipal), 1);
        assert_eq!(seats(None, 500, 0).free(one, Kind::Citizen), i32::MAX);
        // A salon made smaller than its registrations has no free seats, not negative ones.
        assert_eq!(seats(Some(5), 8, 0).free(one, Kind::Citizen), 0);
        assert_eq!(
            s.free(Uuid::from_u128(2), Kind::Citizen),
            0,
            "not its session"
        );
    }

    #[test]
    fn a_seat_anywhere_sums_up_as_a_seat_else_the_front_most_place() {
        use Placement::*;
        assert_eq!(
            Placement::summary(&[Waitlisted(3), Registered]),
            Some(Registered)
        );
        assert_eq!(
            Placement::summary(&[Waitlisted(3), Waitlisted(2)]),
            Some(Waitlisted(2))
        );
        assert_eq!(Placement::summary(&[]), None);
    }

    #[test]
    fn registration_is_open_only_for_published_visible_salons_with_a_session_ahead() {
        let now = at("2026-12-01T09:00:00Z");
        let mut s = seats(Some(20), 0, 0);
        s.sessions.clear();
        assert!(!s.open_at(now), "no sessions");
        s = seats(Some(20), 0, 0);
        assert!(s.open_at(now));
        s.visibility = "invite_only".into();
        assert!(s.open_at(now), "for those who may see it");
        s.visibility = "unlisted".into();
        assert!(s.open_at(now));
        s.status = "cancelled".into();
        assert!(!s.open_at(now));
        s.status = "published".into();
        assert!(!s.open_at(at("2026-12-01T20:00:00Z")), "all over");
        assert!(s.ahead(at("2026-12-01T20:00:00Z")).is_empty());
    }
}
