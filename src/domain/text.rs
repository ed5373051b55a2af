//! The one rule for what people type: which characters text may hold, and what one line is.
//! Every one-line field (names, titles, towns, subjects, …) parses through [`one_line`]; the
//! text types of the forms build on it.
//!
//! Refused are control characters and the invisible characters that make text look other than
//! it is: the direction embeddings and overrides (U+202A–U+202E) and isolates (U+2066–U+2069),
//! which can show "Kommunen" written backwards as something else or turn a name around inside a
//! mail subject, the zero-width space (U+200B) and the byte-order mark (U+FEFF), which make two
//! names that look alike differ. Kept are the zero-width non-joiner and joiner (U+200C, U+200D),
//! which emoji sequences and several scripts need, and the left-to-right and right-to-left marks
//! (U+200E, U+200F), which real names mixing scripts need. Migration 0022 removed the refused
//! characters from the values stored before this rule.

use super::Invalid;

/// The message for text that holds a refused character.
pub const REFUSED: Invalid = Invalid("error-text-hidden-characters");

/// Whether `c` is refused in text people type.
pub fn is_refused(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200B}' | '\u{FEFF}'
        )
}

/// One line as typed: each run of whitespace (line breaks too) becomes one space, and the ends
/// are trimmed. Refused ([`REFUSED`]) if it holds a refused character. It may be empty: whether
/// that is allowed, and how long the line may be, is the field's to say.
pub fn one_line(raw: &str) -> Result<String, Invalid> {
    let line = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().any(is_refused) {
        return Err(REFUSED);
    }
    Ok(line)
}

/// Why a typed text was refused. The field turns it into its own message ([`TextError::key`]),
/// so "too long" can say how long the title may be and "missing" what to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextError {
    /// Nothing but whitespace, where the field needs text ([`Line::required`]).
    Empty,
    TooLong,
    /// A refused character ([`is_refused`]; in a body, line breaks are kept).
    Refused,
}

impl TextError {
    /// The field's message: `missing` for an empty text, `too_long` for a long one; a refused
    /// character has the one message of the rule ([`REFUSED`]).
    pub fn key(self, missing: &'static str, too_long: &'static str) -> Invalid {
        match self {
            TextError::Empty => Invalid(missing),
            TextError::TooLong => Invalid(too_long),
            TextError::Refused => REFUSED,
        }
    }

    /// The message of a field that may be empty (parsed with `parse`, so never [`Empty`]).
    ///
    /// [`Empty`]: TextError::Empty
    pub fn long(self, too_long: &'static str) -> Invalid {
        self.key(too_long, too_long)
    }
}

/// Text on one line of at most `MAX` characters, tidied by [`one_line`]. May be empty unless
/// parsed with [`Line::required`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Line<const MAX: usize>(String);

/// Text of several lines of at most `MAX` characters: line breaks as `\n`, the ends trimmed,
/// no control character but the line break and none of the refused invisible characters. May be
/// empty unless parsed with [`Body::required`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Body<const MAX: usize>(String);

fn bounded<const MAX: usize>(s: String) -> Result<String, TextError> {
    if s.chars().count() > MAX {
        return Err(TextError::TooLong);
    }
    Ok(s)
}

fn non_empty(s: String) -> Result<String, TextError> {
    if s.is_empty() {
        return Err(TextError::Empty);
    }
    Ok(s)
}

impl<const MAX: usize> Line<MAX> {
    pub fn parse(raw: &str) -> Result<Line<MAX>, TextError> {
        let line = one_line(raw).map_err(|_| TextError::Refused)?;
        bounded::<MAX>(line).map(Line)
    }
}

impl<const MAX: usize> Body<MAX> {
    pub fn parse(raw: &str) -> Result<Body<MAX>, TextError> {
        let s = raw.replace("\r\n", "\n").replace('\r', "\n");
        let s = s.trim();
        if s.chars().any(|c| c != '\n' && is_refused(c)) {
            return Err(TextError::Refused);
        }
        bounded::<MAX>(s.to_string()).map(Body)
    }
}

/// What both kinds of text offer besides their own `parse`.
macro_rules! text_traits {
    ($t:ident) => {
        impl<const MAX: usize> $t<MAX> {
            /// As `parse`, and not empty.
            pub fn required(raw: &str) -> Result<$t<MAX>, TextError> {
                Self::parse(raw).and_then(|t| non_empty(t.0).map($t))
            }

            /// A value read back from the database, where only parsed text is written.
            pub fn stored(s: String) -> $t<MAX> {
                $t(s)
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }

            pub fn is_empty(&self) -> bool {
                self.0.is_empty()
            }

            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl<const MAX: usize> std::fmt::Display for $t<MAX> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl<const MAX: usize> AsRef<str> for $t<MAX> {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl<const MAX: usize> PartialEq<&str> for $t<MAX> {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }
    };
}
text_traits!(Line);
text_traits!(Body);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_is_tidied_and_keeps_what_names_and_emoji_need() {
        assert_eq!(one_line("  Rikke \n  Berg\t").unwrap(), "Rikke Berg");
        assert_eq!(one_line("   ").unwrap(), "");
        // Joiners (a family emoji, Persian) and direction marks (a name in two scripts).
        for kept in [
            "👩\u{200D}👩\u{200D}👧",
            "می\u{200C}خواهم",
            "Dana \u{200F}דנה\u{200E} Levi",
        ] {
            assert_eq!(one_line(kept).unwrap(), kept);
        }
    }

    #[test]
    fn direction_overrides_invisible_spaces_and_controls_are_refused() {
        for refused in [
            "Kommunen\u{202E}nrob",
            "\u{202A}a",
            "\u{202B}a",
            "\u{202C}a",
            "\u{202D}a",
            "a\u{2066}b\u{2069}",
            "a\u{2067}b",
            "a\u{2068}b",
            "Rik\u{200B}ke",
            "\u{FEFF}Rikke",
            "a\u{0}b",
            "a\u{1b}[31mb",
            "a\u{7f}b",
        ] {
            assert_eq!(one_line(refused), Err(REFUSED), "{refused:?}");
        }
    }

    #[test]
    fn a_line_is_bounded_in_characters_and_may_be_required() {
        assert_eq!(
            Line::<3>::parse(" å ø  æ ").unwrap_err(),
            TextError::TooLong
        );
        assert_eq!(Line::<5>::parse(" å ø  æ ").unwrap().as_str(), "å ø æ");
        assert_eq!(Line::<3>::parse("   ").unwrap().as_str(), "");
        assert_eq!(Line::<3>::required(" \n ").unwrap_err(), TextError::Empty);
        assert_eq!(
            Line::<9>::parse("a\u{202E}b").unwrap_err(),
            TextError::Refused
        );
        assert_eq!(
            Line::<9>::parse("Rik\u{200B}ke").unwrap_err(),
            TextError::Refused
        );
    }

    #[test]
    fn a_body_keeps_its_lines_and_refuses_other_controls() {
        let body = Body::<50>::parse("  Hej\r\n\r\nVi ses\rsnart  \n").unwrap();
        assert_eq!(body.as_str(), "Hej\n\nVi ses\nsnart");
        assert_eq!(body.to_string(), body.as_str());
        for refused in [
            "a\u{0}b",
            "a\u{1b}[31m",
            "a\u{7f}",
            "a\tb",
            "a\u{202E}b",
            "\u{FEFF}a",
        ] {
            assert_eq!(
                Body::<50>::parse(refused).unwrap_err(),
                TextError::Refused,
                "{refused:?}"
            );
        }
        assert_eq!(Body::<2>::parse("æøå").unwrap_err(), TextError::TooLong);
        assert_eq!(Body::<3>::parse("æ\nø").unwrap().as_str(), "æ\nø");
        assert_eq!(Body::<2>::required("\r\n").unwrap_err(), TextError::Empty);
    }

    #[test]
    fn each_field_names_its_own_message_but_refused_characters_share_one() {
        assert_eq!(TextError::Empty.key("m", "l"), Invalid("m"));
        assert_eq!(TextError::TooLong.key("m", "l"), Invalid("l"));
        assert_eq!(TextError::Refused.key("m", "l"), REFUSED);
    }
}
