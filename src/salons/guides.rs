//! Salon formats: built-in guides a host can start from. Each is a suggested programme (time
//! boxes, roles, ground rules) in Markdown that `/salons/new?format={slug}` puts into the
//! description for the host to edit; and `/salons/guide`, how to host a good salon. The texts
//! are in `locales/*/formats.ftl`.

use askama::Template;

use crate::web::i18n::Tr;
use crate::web::{Frame, Page};

/// A built-in format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Guide {
    Kaffesalon,
    Gaatur,
    Faellesspisning,
    WalkAndTalk,
}

impl Guide {
    pub const ALL: [Guide; 4] = [
        Guide::Kaffesalon,
        Guide::Gaatur,
        Guide::Faellesspisning,
        Guide::WalkAndTalk,
    ];

    /// The name in URLs (`?format=…`) and in the locale keys.
    pub fn slug(self) -> &'static str {
        match self {
            Guide::Kaffesalon => "kaffesalon",
            Guide::Gaatur => "gaatur",
            Guide::Faellesspisning => "faellesspisning",
            Guide::WalkAndTalk => "walk-and-talk",
        }
    }

    pub fn parse(slug: &str) -> Option<Guide> {
        Guide::ALL.into_iter().find(|g| g.slug() == slug)
    }

    /// How long its programme runs: the length a session gets when the host gives no end.
    pub fn minutes(self) -> i64 {
        match self {
            Guide::Kaffesalon => 90,
            Guide::Gaatur => 120,
            Guide::Faellesspisning => 150,
            Guide::WalkAndTalk => 60,
        }
    }

    pub fn name(self, tr: &Tr) -> String {
        tr.t(&format!("format-{}-name", self.slug()))
    }

    /// The suggested programme, in Markdown.
    pub fn programme(self, tr: &Tr) -> String {
        tr.t(&format!("format-{}-programme", self.slug()))
    }
}

/// A format as offered on the new-salon form and the guide page.
#[derive(Clone, Debug)]
pub struct GuideLink {
    pub href: String,
    pub name: String,
    pub summary: String,
    /// The form was started from this one.
    pub chosen: bool,
}

/// Every format, `chosen` marked.
pub fn links(tr: &Tr, chosen: Option<Guide>) -> Vec<GuideLink> {
    Guide::ALL
        .into_iter()
        .map(|g| GuideLink {
            href: format!("/salons/new?format={}", g.slug()),
            name: g.name(tr),
            summary: tr.t(&format!("format-{}-summary", g.slug())),
            chosen: Some(g) == chosen,
        })
        .collect()
}

#[derive(Template)]
#[template(path = "salons/guide.html")]
pub struct GuidePage {
    f: Frame,
    formats: Vec<GuideLink>,
}

/// `GET /salons/guide`: how to host a good salon.
pub async fn page(f: Frame) -> Page<GuidePage> {
    let formats = links(&f.tr, None);
    Page(GuidePage { f, formats })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::i18n::Locale;

    #[test]
    fn every_format_has_a_programme_in_markdown_in_both_languages() {
        for locale in Locale::ALL {
            let tr = Tr::new(locale);
            for g in Guide::ALL {
                assert_eq!(Guide::parse(g.slug()), Some(g));
                let programme = g.programme(&tr);
                assert!(
                    programme.contains("\n\n- "),
                    "{locale:?} {g:?}: {programme}"
                );
                assert!(!g.name(&tr).starts_with("format-"), "{locale:?} {g:?}");
                // The programme's last time box ends where the session does.
                let last = format!("–{} min", g.minutes());
                assert!(programme.contains(&last), "{locale:?} {g:?}: no {last:?}");
            }
        }
        assert_eq!(Guide::parse("kaffe"), None);
    }
}
