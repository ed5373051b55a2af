//! What every admin page shares: the admin menu and the "done" notice after a change.

use crate::municipalities::Municipality;
use crate::web::Frame;
use crate::web::forms::{Field, Form};

/// The admin menu for one municipality, with the current section marked.
#[derive(Clone, Debug)]
pub struct AdminNav {
    pub slug: String,
    pub municipality: String,
    /// `requests`, `roles`, `units`, `domains` or `page`.
    pub current: &'static str,
}

impl AdminNav {
    pub fn new(m: &Municipality, current: &'static str) -> AdminNav {
        AdminNav {
            slug: m.slug.clone(),
            municipality: m.official_name.clone(),
            current,
        }
    }
}

/// What an admin gives the person a reason for.
#[derive(Clone, Copy)]
pub enum ReasonFor {
    /// Rejecting a request.
    Reject,
    /// Revoking a role.
    Revoke,
}

/// What the reason form sends.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct ReasonInput {
    pub reason: String,
}

/// The one-field form in which an admin gives the person a reason; its prefix keeps its field
/// apart from the page's other forms.
pub fn reason_form(f: &Frame, what: ReasonFor, reason: &str) -> Form {
    let (prefix, label, hint) = match what {
        ReasonFor::Reject => ("reject", "field-reject-reason", "field-reject-reason-hint"),
        ReasonFor::Revoke => ("revoke", "field-revoke-reason", "field-revoke-reason-hint"),
    };
    Form::new(vec![
        Field::new(&f.tr, "reason", "textarea", label)
            .value(reason)
            .hint(&f.tr, hint),
    ])
    .prefixed(prefix)
}
