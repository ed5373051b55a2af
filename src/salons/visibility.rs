//! The one visibility rule for a salon and everything under it (page, calendar, participants,
//! messages): who may see the salon at all, and who sees its private parts (the online link,
//! and the address when the host keeps it for registered people).

use chrono::{DateTime, Utc};
use serde::de::Error as _;
use serde::{Deserialize, Deserializer};
use sqlx::PgPool;
use uuid::Uuid;

use super::{SalonStatus, Visibility};
use crate::auth::CurrentUser;
use crate::domain::ids::SalonId;
use crate::error::AppError;
use crate::tokens::{self, Purpose};

/// A salon the viewer may see, with what the viewer's relation to it allows.
#[derive(Clone, Debug)]
pub struct VisibleSalon {
    pub id: Uuid,
    pub slug: String,
    pub title: String,
    pub status: SalonStatus,
    pub visibility: Visibility,
    pub municipality_code: String,
    pub capacity: Option<i32>,
    pub municipal_seats: i32,
    /// The viewer is one of the salon's hosts.
    pub is_host: bool,
    /// The viewer sees the private parts: hosts, people registered (not waitlisted), and
    /// accepted municipal guests.
    pub sees_private: bool,
    /// Hidden by the moderators (or with its host's suspension): the public reason, empty for
    /// a suspension. Only its hosts get such a salon from [`load_visible`].
    pub hidden_reason: Option<String>,
}

impl VisibleSalon {
    /// The canonical path, `/salons/{id}-{slug}`.
    pub fn path(&self) -> String {
        path(self.id, &self.slug)
    }

    /// Search engines may index the page: what the directory could list. An unlisted or
    /// invite-only salon is reached through its link only, and a draft or hidden one not at
    /// all, so their pages say `noindex` even when a link to them leaks.
    pub fn indexable(&self) -> bool {
        self.visibility == Visibility::Public
            && self.status != SalonStatus::Draft
            && self.hidden_reason.is_none()
    }
}

/// The canonical path of a salon.
pub fn path(id: Uuid, slug: &str) -> String {
    // Pushed rather than `format!`ed: the uuid through `Display` and `core::fmt` was ~1,000
    // instructions a card, twenty cards a page (bench/README.md).
    let mut path = String::with_capacity(8 + 36 + 1 + slug.len());
    path.push_str("/salons/");
    path.push_str(id.hyphenated().encode_lower(&mut Uuid::encode_buffer()));
    if !slug.is_empty() {
        path.push('-');
        path.push_str(slug);
    }
    path
}

/// The salon id in a URL's `{key}` (`{uuid}-{slug}`, or the bare uuid); `None` for anything
/// else, which the routes answer with 404.
pub fn parse_key(key: &str) -> Option<Uuid> {
    let head = key.get(..36)?;
    let rest = &key[36..];
    if !(rest.is_empty() || rest.starts_with('-')) {
        return None;
    }
    // Only the hyphenated form: the slug starts after the 36th character.
    if head.as_bytes().get(8) != Some(&b'-') {
        return None;
    }
    Uuid::parse_str(head).ok()
}

/// A salon's `{key}` from a route's path, taken with `Ids<SalonKey>`: the salon it names, and
/// the key as written, so a page can send an old or bare key on to its canonical address.
/// Anything [`parse_key`] refuses is the friendly 404.
#[derive(Clone, Debug)]
pub struct SalonKey {
    pub id: SalonId,
    pub raw: String,
}

impl<'de> Deserialize<'de> for SalonKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<SalonKey, D::Error> {
        let raw = String::deserialize(d)?;
        let id = parse_key(&raw).ok_or_else(|| D::Error::custom("not a salon key"))?;
        Ok(SalonKey {
            id: SalonId(id),
            raw,
        })
    }
}

/// Loads the salon `id` if `viewer` may see it; `NotFound` otherwise, so a draft or an
/// invite-only salon is indistinguishable from one that does not exist. Drafts are seen by hosts
/// only; invite-only salons by hosts, the people invited (the owner of an address invited by
/// email once they have confirmed it, or whoever may answer an invitation to the
/// municipality) and those registered; unlisted and
/// public ones by anyone with the link. A hidden salon exists only for its hosts here: every
/// route under it (calendar, registering, …) is closed to others; its page shows the reason
/// through [`load_even_hidden`].
pub async fn load_visible(
    db: &PgPool,
    id: Uuid,
    viewer: Option<&CurrentUser>,
) -> Result<VisibleSalon, AppError> {
    let salon = load_even_hidden(db, id, viewer).await?;
    if salon.hidden_reason.is_some() && !salon.is_host {
        return Err(AppError::NotFound);
    }
    Ok(salon)
}

/// [`load_visible`], but a hidden salon too (its page shows the reason in its place).
pub async fn load_even_hidden(
    db: &PgPool,
    id: Uuid,
    viewer: Option<&CurrentUser>,
) -> Result<VisibleSalon, AppError> {
    let viewer_id = viewer.map(|u| u.id);
    let row = sqlx::query!(
        r#"SELECT s.id, s.slug, s.title, s.status AS "status: SalonStatus",
                  s.visibility AS "visibility: Visibility", s.municipality_code, s.capacity,
                  s.municipal_seats, s.hidden_reason,
                  EXISTS (SELECT 1 FROM salon_hosts h
                          WHERE h.salon_id = s.id AND h.user_id = $2) AS "is_host!",
                  EXISTS (SELECT 1 FROM registrations r
                          WHERE r.salon_id = s.id AND r.user_id = $2
                            AND r.status = 'registered') AS "registered!",
                  -- Invited: someone who may answer one of its invitations, or the owner of
                  -- an address it invited by email — a confirmed address only: anyone can
                  -- register claiming an address they cannot read. Only the rule for
                  -- invite-only salons reads it, and a visitor is never invited: the tests on
                  -- both come first and spare walking who answers each invitation.
                  $2::uuid IS NOT NULL AND s.visibility = 'invite_only'
                  AND EXISTS (SELECT 1 FROM invitations i
                          WHERE i.salon_id = s.id AND i.status <> 'withdrawn'
                            AND (i.target = 'email' AND i.email = lower($3)
                                 OR EXISTS (SELECT 1 FROM invitation_answerers a
                                            WHERE a.invitation_id = i.id AND a.user_id = $2))) AS "invited!"
           FROM salons s WHERE s.id = $1"#,
        id,
        viewer_id,
        viewer.filter(|u| u.verified).map(|u| u.email.clone()),
    )
    .fetch_optional(db)
    .await?
    .ok_or(AppError::NotFound)?;
    Standing {
        id: row.id,
        slug: row.slug,
        title: row.title,
        status: row.status,
        visibility: row.visibility,
        municipality_code: row.municipality_code,
        capacity: row.capacity,
        municipal_seats: row.municipal_seats,
        hidden_reason: row.hidden_reason,
        is_host: row.is_host,
        registered: row.registered,
        invited: row.invited,
    }
    .admit()
}

/// What the visibility rule reads about a salon and the viewer: [`load_even_hidden`] reads it
/// in a statement of its own; the salon page reads it with the rest of the page
/// (`show::page_details`), so a visit costs one round trip.
#[derive(Clone, Debug)]
pub struct Standing {
    pub id: Uuid,
    pub slug: String,
    pub title: String,
    pub status: SalonStatus,
    pub visibility: Visibility,
    pub municipality_code: String,
    pub capacity: Option<i32>,
    pub municipal_seats: i32,
    pub hidden_reason: Option<String>,
    pub is_host: bool,
    /// Registered (not waitlisted).
    pub registered: bool,
    /// May answer one of its invitations, or owns a confirmed address it invited by email.
    /// Read for an invite-only salon only (false for others): the rule reads it for no other.
    pub invited: bool,
}

impl Standing {
    /// The salon, if the viewer may see it; `NotFound` otherwise (hidden ones included, as
    /// [`load_even_hidden`] gives them).
    pub fn admit(self) -> Result<VisibleSalon, AppError> {
        if !may_see(
            self.status,
            self.visibility,
            self.is_host,
            self.invited,
            self.registered,
        ) {
            return Err(AppError::NotFound);
        }
        Ok(VisibleSalon {
            id: self.id,
            slug: self.slug,
            title: self.title,
            status: self.status,
            visibility: self.visibility,
            municipality_code: self.municipality_code,
            capacity: self.capacity,
            municipal_seats: self.municipal_seats,
            is_host: self.is_host,
            sees_private: self.is_host || self.registered,
            hidden_reason: self.hidden_reason,
        })
    }
}

/// The rule itself: drafts are for hosts; invite-only salons also for those invited and those
/// registered; the rest for anyone with the link.
fn may_see(
    status: SalonStatus,
    visibility: Visibility,
    is_host: bool,
    invited: bool,
    registered: bool,
) -> bool {
    match (status, visibility) {
        (SalonStatus::Draft, _) => is_host,
        (_, Visibility::InviteOnly) => is_host || invited || registered,
        _ => true,
    }
}

/// The link in an invitation by email (`/invited/{token}`): proof of being invited for someone
/// who has no account with the invited address yet.
pub const INVITEE_LINK: Purpose = Purpose("invitation-view");

/// A salon seen through an invitation's link: what a visitor of a public salon would see.
#[derive(Clone, Debug)]
pub struct InviteeView {
    pub salon: VisibleSalon,
    /// The address the invitation went to.
    pub email: String,
}

/// The salon an invitation link's `token` leads to, seen as one invited: the link is an input
/// to the rule above (it makes its holder invited), never a way around it — a draft stays its
/// hosts' alone, and the holder never sees the private parts. The link lives while the
/// invitation does (not withdrawn) and the salon is neither cancelled nor hidden, until its
/// last session ends; otherwise `NotFound`, like a salon that does not exist.
pub async fn load_for_invitee(
    db: &PgPool,
    token: &str,
    now: DateTime<Utc>,
) -> Result<InviteeView, AppError> {
    let row = sqlx::query!(
        r#"SELECT s.id, s.slug, s.title, s.status AS "status: SalonStatus",
                  s.visibility AS "visibility: Visibility", s.municipality_code, s.capacity,
                  s.municipal_seats, i.email AS "email!"
           FROM tokens t
           JOIN invitations i ON i.id = (t.data->>'invitation')::uuid
           JOIN salons s ON s.id = i.salon_id
           WHERE t.hash = $1 AND t.purpose = $2 AND t.used_at IS NULL
             AND i.target = 'email' AND i.status <> 'withdrawn' AND i.email IS NOT NULL
             AND s.status <> 'cancelled' AND s.hidden_reason IS NULL
             AND (SELECT max(ss.ends_at) FROM salon_sessions ss WHERE ss.salon_id = s.id) > $3"#,
        tokens::hash(token),
        INVITEE_LINK.0,
        now
    )
    .fetch_optional(db)
    .await?
    .ok_or(AppError::NotFound)?;
    if !may_see(row.status, row.visibility, false, true, false) {
        return Err(AppError::NotFound);
    }
    Ok(InviteeView {
        salon: VisibleSalon {
            id: row.id,
            slug: row.slug,
            title: row.title,
            status: row.status,
            visibility: row.visibility,
            municipality_code: row.municipality_code,
            capacity: row.capacity,
            municipal_seats: row.municipal_seats,
            is_host: false,
            sees_private: false,
            hidden_reason: None,
        },
        email: row.email,
    })
}

/// Whether `user` hosts the salon `id` (as the salon hosts' access check asks).
pub async fn is_host(db: &PgPool, id: Uuid, user: Uuid) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM salon_hosts WHERE salon_id = $1 AND user_id = $2) AS "host!""#,
        id,
        user
    )
    .fetch_one(db)
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_salons_path_reads_as_formatted() {
        for id in [Uuid::nil(), Uuid::max(), Uuid::new_v4(), Uuid::new_v4()] {
            assert_eq!(path(id, ""), format!("/salons/{id}"));
            assert_eq!(path(id, "salon-7"), format!("/salons/{id}-salon-7"));
            assert_eq!(path(id, "kaffe-æøå"), format!("/salons/{id}-kaffe-æøå"));
        }
    }

    #[test]
    fn keys_start_with_the_uuid() {
        let id = Uuid::parse_str("6f1c2a3e-0b7d-4c55-9a61-2f0e8d9b1c44").unwrap();
        assert_eq!(
            parse_key("6f1c2a3e-0b7d-4c55-9a61-2f0e8d9b1c44-liv-i-ry"),
            Some(id)
        );
        assert_eq!(parse_key("6f1c2a3e-0b7d-4c55-9a61-2f0e8d9b1c44"), Some(id));
        assert_eq!(parse_key("6f1c2a3e-0b7d-4c55-9a61-2f0e8d9b1c44x"), None);
        assert_eq!(parse_key("not-a-uuid"), None);
        assert_eq!(parse_key("6f1c2a3e0b7d4c559a612f0e8d9b1c44-liv-i-"), None);
        assert_eq!(parse_key("ø6f1c2a3e-0b7d-4c55-9a61-2f0e8d9b1c44"), None);
        assert_eq!(path(id, "liv-i-ry"), format!("/salons/{id}-liv-i-ry"));
    }
}
