//! Validated values. Forms parse into these at the boundary; past it, no plain `String` stands
//! for an email, a name or a password. Each error is a locale key, so the form can show it in the
//! person's language next to the field.

mod email;
pub mod ids;
mod name;
mod password;
mod phone;
mod slug;
mod text;
mod web_address;

pub use email::{Email, untagged};
pub use name::PersonName;
pub use password::NewPassword;
pub use phone::Phone;
pub use slug::slugify;
pub use text::{Body, Line, REFUSED, TextError, is_refused, one_line};
pub use web_address::WebAddress;

/// Why a value was refused: the key of a message in the locale files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Invalid(pub &'static str);
