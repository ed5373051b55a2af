//! Typed ids: a salon's id is not an invitation's, though both are uuids. Parsed once where
//! they enter (a path, by the access check); SQL takes them as uuids (`#[sqlx(transparent)]`).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! ids {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[derive(Serialize, Deserialize, sqlx::Type)]
        #[serde(transparent)]
        #[sqlx(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// The uuid, for SQL and other features' functions that take one.
            pub fn uuid(self) -> Uuid {
                self.0
            }
        }

        impl From<Uuid> for $name {
            fn from(id: Uuid) -> Self {
                $name(id)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        /// Only the hyphenated form a URL of the app carries.
        impl FromStr for $name {
            type Err = uuid::Error;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::try_parse(s).map($name)
            }
        }
    )*};
}

ids! {
    /// A salon (`salons.id`).
    SalonId;
    /// An invitation from a salon (`invitations.id`).
    InvitationId;
    /// A next step agreed at a salon (`agreements.id`).
    AgreementId;
    /// A registration for a salon (`registrations.id`), e.g. a colleague's attendance.
    RegistrationId;
    /// A case before the moderators (`moderation_items.id`).
    ModerationItemId;
    /// A unit of a municipality: a department, committee or institution (`units.id`).
    UnitId;
    /// A person's role in a municipality, requested or approved (`roles.id`).
    RoleId;
    /// A municipal decision (`decisions.id`).
    DecisionId;
    /// A person's account (`users.id`), as on a public profile.
    UserId;
    /// An invitation to co-host a salon, sent to an email address (`cohost_invitations.id`).
    CohostInvitationId;
    /// One entry of an invitation's thread, e.g. a message (`invitation_events.id`).
    InvitationEventId;
    /// A question, comment or reply in a salon's conversation (`conversation_items.id`).
    ConversationItemId;
}

/// A notice in a person's notification centre (`notifications.id`, a number, not a uuid).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, sqlx::Type,
)]
#[serde(transparent)]
#[sqlx(transparent)]
pub struct NotificationId(pub i64);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_parse_and_print_as_their_uuid() {
        let raw = "6f1c2a3e-0b7d-4c55-9a61-2f0e8d9b1c44";
        let id: SalonId = raw.parse().unwrap();
        assert_eq!(id.to_string(), raw);
        assert_eq!(id.uuid(), Uuid::parse_str(raw).unwrap());
        assert!("not-a-uuid".parse::<InvitationId>().is_err());
        assert!("".parse::<AgreementId>().is_err());
    }
}
