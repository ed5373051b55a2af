//! Sharing a salon from its page ("Del") and showing its place on a map ("Vis på kort"): plain
//! links to other sites, built here with their text percent-encoded, so nothing is loaded
//! from elsewhere and no other site's script runs on ours.
//!
//! Who may share: a public salon's page offers sharing to everyone; an unlisted one only to
//! its hosts (they decide who gets the link); an invite-only salon never (no one outside the
//! invited can open it, so a share link to outsiders leads nowhere); a draft or a hidden salon
//! neither.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use super::show::Details;
use super::visibility::VisibleSalon;
use super::{SalonStatus, Visibility};
use crate::web::i18n::Tr;

/// Everything but RFC 3986's unreserved characters: a value inside a URL's query, where a
/// space is `%20` (a `mailto:` body does not read `+` as a space).
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

fn encode(text: &str) -> String {
    utf8_percent_encode(text, COMPONENT).to_string()
}

/// The "Del" section's links.
#[derive(Clone, Debug)]
pub struct ShareLinks {
    /// The salon's absolute address, for the copy field.
    pub url: String,
    pub mailto: String,
    pub facebook: String,
    pub linkedin: String,
    pub sms: String,
    /// The poster for printing.
    pub poster: String,
}

/// What the salon page says under "Del".
#[derive(Clone, Debug)]
pub enum Sharing {
    /// The links.
    Open(ShareLinks),
    /// A host of an invite-only salon: why there is nothing to share.
    InviteOnly,
    /// Nothing at all.
    Closed,
}

impl Sharing {
    /// The links, when there is something to share.
    pub fn links(&self) -> Option<&ShareLinks> {
        match self {
            Sharing::Open(links) => Some(links),
            _ => None,
        }
    }

    /// Whether to tell a host why an invite-only salon has nothing to share.
    pub fn is_invite_only(&self) -> bool {
        matches!(self, Sharing::InviteOnly)
    }

    /// What `salon`'s viewer may share (see the module's rule); `url` is its absolute address.
    pub fn of(tr: &Tr, salon: &VisibleSalon, question: &str, url: &str) -> Sharing {
        if salon.status == SalonStatus::Draft || salon.hidden_reason.is_some() {
            return Sharing::Closed;
        }
        match salon.visibility {
            Visibility::Public => {}
            Visibility::Unlisted if salon.is_host => {}
            Visibility::InviteOnly if salon.is_host => return Sharing::InviteOnly,
            Visibility::Unlisted | Visibility::InviteOnly => return Sharing::Closed,
        }
        let body = format!("{question}\n\n{}: {url}", tr.t("share-mail-more"));
        Sharing::Open(ShareLinks {
            mailto: format!(
                "mailto:?subject={}&body={}",
                encode(&salon.title),
                encode(&body)
            ),
            facebook: format!(
                "https://www.facebook.com/sharer/sharer.php?u={}",
                encode(url)
            ),
            linkedin: format!(
                "https://www.linkedin.com/sharing/share-offsite/?url={}",
                encode(url)
            ),
            // `?&body=` is the form both Android's and iOS's messages apps read.
            sms: format!("sms:?&body={}", encode(&format!("{}: {url}", salon.title))),
            poster: format!("{}/poster", salon.path()),
            url: url.to_string(),
        })
    }
}

/// "Vis på kort": an OpenStreetMap search for the salon's address, only where the address is
/// public (the same rule as the page's and the poster's, [`Details::public_place`]).
pub fn map_link(d: &Details) -> Option<String> {
    let (_, address) = d.public_place()?;
    let query = if d.town.is_empty() || address.contains(d.town.as_str()) {
        address.to_string()
    } else {
        format!("{address}, {}", d.town)
    };
    Some(format!(
        "https://www.openstreetmap.org/search?query={}",
        encode(&query)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_in_links_are_percent_encoded_with_spaces_as_percent_20() {
        assert_eq!(
            encode("Liv i Ry & omegn?\nSe https://medspil.dk/x"),
            "Liv%20i%20Ry%20%26%20omegn%3F%0ASe%20https%3A%2F%2Fmedspil.dk%2Fx"
        );
        assert_eq!(encode("Æblehaven"), "%C3%86blehaven");
    }
}
