//! What every admin page shares: the admin menu and the "done" notice after a change.

use crate::municipalities::Municipality;
use crate::web::i18n::Tr;

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

/// The notice for `?done=…` after a change, when it is one this page knows.
pub fn done_notice(tr: &Tr, done: Option<&str>, known: &[&str]) -> Option<String> {
    crate::web::done_notice(tr, "admin", done, known)
}
