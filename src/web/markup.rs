//! People's names inside sentences, isolated in HTML with `<bdi>`.
//!
//! A sentence built from a locale message ("kommer — Olga Hansen, vejingeniør og 1 kollega") is
//! plain text until the page shows it. Code that puts a person's name into such a sentence
//! wraps it with [`name`]: the Unicode isolate marks FSI … PDI (U+2068, U+2069), which is what
//! `<bdi>` means in plain text. [`Isolated`] shows the sentence on a page: escaped, with each
//! isolate as a `<bdi>` element, so a name written right to left cannot turn the words around
//! it. People cannot type the isolate marks themselves (the text rule in `domain::text` refuses
//! them); marks that do not pair up are dropped, so nothing typed can open or close an element.

use std::fmt::{self, Write};

const FSI: char = '\u{2068}';
const PDI: char = '\u{2069}';

/// `person` as a name inside a sentence: isolated, and without isolate marks of its own.
pub fn name(person: &str) -> String {
    let mut out = String::with_capacity(person.len() + 6);
    out.push(FSI);
    out.extend(person.chars().filter(|c| *c != FSI && *c != PDI));
    out.push(PDI);
    out
}

/// A sentence that may hold isolated names, shown in HTML: escaped, each isolate a `<bdi>`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Isolated(pub String);

impl Isolated {
    /// The sentence without the marks, for where no element can stand (a page's `<title>`).
    pub fn plain(&self) -> String {
        self.0.chars().filter(|c| *c != FSI && *c != PDI).collect()
    }
}

impl From<String> for Isolated {
    fn from(text: String) -> Self {
        Isolated(text)
    }
}

impl fmt::Display for Isolated {
    fn fmt(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Isolates that a later PDI closes become elements; the rest are dropped.
        let mut closes = self.0.chars().filter(|c| *c == PDI).count();
        let mut open = 0usize;
        for c in self.0.chars() {
            match c {
                FSI if closes > open => {
                    open += 1;
                    out.write_str("<bdi>")?;
                }
                PDI if open > 0 => {
                    open -= 1;
                    closes -= 1;
                    out.write_str("</bdi>")?;
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
        }
        for _ in 0..open {
            out.write_str("</bdi>")?;
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
}
