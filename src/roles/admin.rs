//! What every admin page shares: the admin menu and the "done" notice after a change.

use crate::municipalities::Municipality;

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
