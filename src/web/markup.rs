//! People's names inside sentences, isolated in HTML with `<bdi>`.
//!
//! A sentence built from a locale message ("kommer — Olga Hansen, vejingeniør og 1 kollega") is
//! plain text until the page shows it. Code that puts a person's name into such a sentence
//! wraps it with [`name`]: the Unicode isolate marks FSI … PDI (U+2068, U+2069), which is what
//! `<bdi>` means in plain text. [`Isolated`] shows the sentence on a page: escaped, with each
//! isolate as a `<bdi>` element, so a name written right to left cannot turn the words around
//! it. People cannot type the isolate marks themselves (the text rule in `domain::text` refuses
//! them); marks that do not pair up are dropped, so nothing typed can open or close an element.
//!
//! A person with a public profile is named with [`linked`]: the isolate is preceded by LRI
//! (U+2066) and the profile's id, which [`Isolated`] turns into a link around the `<bdi>`. The
//! link's target is built here from a parsed id, never from text, and the name inside stays
//! escaped.

use std::fmt::{self, Write};

const FSI: char = '\u{2068}';
const PDI: char = '\u{2069}';
/// Opens a link: followed by a profile's id and an isolated name ([`linked`]).
const LRI: char = '\u{2066}';
/// A hyphenated UUID's length in characters.
const ID_LEN: usize = 36;

/// `person` as a name inside a sentence: isolated, and without isolate marks of its own.
pub fn name(person: &str) -> String {
    let mut out = String::with_capacity(person.len() + 6);
    out.push(FSI);
    out.extend(person.chars().filter(|c| *c != FSI && *c != PDI));
    out.push(PDI);
    out
}

/// `person` as a name inside a sentence, linking to their public profile (`/people/{id}`).
/// Only for people shown in a public role: a citizen's name never links.
pub fn linked(person: &str, profile: uuid::Uuid) -> String {
    let mut out = String::with_capacity(person.len() + ID_LEN + 9);
    out.push(LRI);
    out.push_str(&profile.hyphenated().to_string());
    out.push_str(&name(person));
    out
}

/// The profile id of a link mark at the start of `rest` (just after an LRI), when a name's
/// isolate follows it.
fn link_at(rest: &str) -> Option<uuid::Uuid> {
    let id = rest.get(..ID_LEN)?;
    rest[ID_LEN..].starts_with(FSI).then_some(())?;
    uuid::Uuid::parse_str(id).ok()
}

/// A sentence that may hold isolated names, shown in HTML: escaped, each isolate a `<bdi>`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Isolated(pub String);

impl Isolated {
    /// The sentence without the marks, for where no element can stand (a page's `<title>`).
    pub fn plain(&self) -> String {
        let mut out = String::with_capacity(self.0.len());
        let mut rest = self.0.as_str();
        while let Some(c) = rest.chars().next() {
            rest = &rest[c.len_utf8()..];
            match c {
                LRI if link_at(rest).is_some() => rest = &rest[ID_LEN..],
                FSI | PDI | LRI => {}
                c => out.push(c),
            }
        }
        out
    }
}

impl From<String> for Isolated {
    fn from(text: String) -> Self {
        Isolated(text)
    }
}

impl fmt::Display for Isolated {
    fn fmt(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Isolates that a later PDI closes become elements; the rest are dropped. `open` holds,
        // for each element open, whether it is inside a link.
        let mut closes = self.0.chars().filter(|c| *c == PDI).count();
        let mut open: Vec<bool> = Vec::new();
        let mut link: Option<uuid::Uuid> = None;
        let mut rest = self.0.as_str();
        while let Some(c) = rest.chars().next() {
            rest = &rest[c.len_utf8()..];
            match c {
                LRI => {
                    // Only a well-formed mark links; its id is skipped either way it parses.
                    link = link_at(rest);
                    if link.is_some() {
                        rest = &rest[ID_LEN..];
                    }
                    continue;
                }
                FSI if closes > open.len() => {
                    if let Some(id) = link {
                        write!(
                            out,
                            "<a href=\"{}\" class=\"profile-link\">",
                            crate::people::path(id)
                        )?;
                    }
                    open.push(link.is_some());
                    out.write_str("<bdi>")?;
                }
                PDI if !open.is_empty() => {
                    closes -= 1;
                    out.write_str("</bdi>")?;
                    if open.pop() == Some(true) {
                        out.write_str("</a>")?;
                    }
                }
                PDI => closes -= 1,
                FSI => {}
                '<' => out.write_str("&lt;")?,
                '>' => out.write_str("&gt;")?,
                '&' => out.write_str("&amp;")?,
                '"' => out.write_str("&#34;")?,
                '\'' => out.write_str("&#39;")?,
                c => out.write_char(c)?,
            }
            link = None;
        }
        while let Some(linked) = open.pop() {
            out.write_str("</bdi>")?;
            if linked {
                out.write_str("</a>")?;
            }
        }
        Ok(())
    }
}

/// Escaped by its own `Display`: the template shows it as it is.
impl askama::filters::HtmlSafe for Isolated {}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(text: &str) -> String {
        Isolated(text.to_string()).to_string()
    }

    #[test]
    fn names_become_bdi_elements_and_the_rest_is_escaped() {
        let line = format!("kommer — {} & {}", name("Olga <b>"), name("محمد"));
        assert_eq!(
            html(&line),
            "kommer — <bdi>Olga &lt;b&gt;</bdi> &amp; <bdi>محمد</bdi>"
        );
    }

    #[test]
    fn marks_that_do_not_pair_up_open_and_close_nothing() {
        assert_eq!(html("a\u{2069}b\u{2068}c"), "abc");
        assert_eq!(html("\u{2068}\u{2068}x\u{2069}"), "<bdi>x</bdi>");
        assert_eq!(html(&name("a\u{2069}\u{2068}b")), "<bdi>ab</bdi>");
    }

    #[test]
    fn a_linked_name_links_to_the_profile_and_stays_escaped() {
        let id = uuid::Uuid::nil();
        let line = format!("kommer — {}, vejingeniør", linked("<script>x</script>", id));
        assert_eq!(
            html(&line),
            "kommer — <a href=\"/people/00000000-0000-0000-0000-000000000000\" \
             class=\"profile-link\"><bdi>&lt;script&gt;x&lt;/script&gt;</bdi></a>, vejingeniør"
        );
        assert_eq!(
            Isolated(line).plain(),
            "kommer — <script>x</script>, vejingeniør"
        );
    }

    #[test]
    fn a_link_mark_without_an_id_and_a_name_links_nothing() {
        assert_eq!(html("a\u{2066}b\u{2068}c\u{2069}"), "ab<bdi>c</bdi>");
        let no_name = format!("\u{2066}{}x", uuid::Uuid::nil());
        assert_eq!(html(&no_name), format!("{}x", uuid::Uuid::nil()));
    }
}
