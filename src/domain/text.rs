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
}
