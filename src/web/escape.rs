//! HTML escaping of what people wrote, eight bytes at a time, writing the same bytes as
//! askama's own escaper (`"&'<>` as `&#34;` `&#38;` `&#39;` `&#60;` `&#62;`).
//!
//! askama reads a value one byte after another and looks each up in a table (~6 instructions
//! a byte); a page's paths, titles, questions and descriptions are thousands of bytes, nearly
//! none of them one of the five (bench/README.md). Here each eight bytes are tested at once
//! for the five, and only a word holding one is read byte by byte.
//!
//! A value is written this way by giving the template a [`Words`] (or an owned [`Escaped`]) in
//! place of its `&str`: askama writes it as it is (it is [`askama::filters::HtmlSafe`]), and it
//! escapes itself.

use std::fmt;

/// A text written HTML-escaped, the bytes askama's escaper writes, by [`write_escaped`].
#[derive(Clone, Copy, Debug)]
pub struct Words<'a>(pub &'a str);

impl fmt::Display for Words<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_escaped(f, self.0)
    }
}

// What it writes is escaped already: askama must not escape it again.
impl askama::filters::HtmlSafe for Words<'_> {}

impl askama::FastWritable for Words<'_> {
    #[inline]
    fn write_into(&self, dest: &mut dyn fmt::Write, _: &dyn askama::Values) -> askama::Result<()> {
        Ok(write_escaped(dest, self.0)?)
    }
}

/// An owned text written as [`Words`] writes it: for a page's own struct, whose template then
/// writes `{{ field }}` as before (it reads as a `str` otherwise).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Escaped(pub String);

impl std::ops::Deref for Escaped {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl From<String> for Escaped {
    fn from(text: String) -> Escaped {
        Escaped(text)
    }
}

impl fmt::Display for Escaped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_escaped(f, &self.0)
    }
}

// What it writes is escaped already: askama must not escape it again.
impl askama::filters::HtmlSafe for Escaped {}

impl askama::FastWritable for Escaped {
    #[inline]
    fn write_into(&self, dest: &mut dyn fmt::Write, _: &dyn askama::Values) -> askama::Result<()> {
        Ok(write_escaped(dest, &self.0)?)
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Whether any of the eight bytes of `w` is zero (exact: the test can only be wrong about
/// which byte, and the caller reads the bytes again to find it).
#[inline(always)]
fn any_zero(w: u64) -> bool {
    w.wrapping_sub(ONES) & !w & HIGHS != 0
}

/// Whether any of the eight bytes of `w` is one of `"&'<>`. `&` and `'` (0x26, 0x27) differ
/// only in the lowest bit and `<` and `>` (0x3C, 0x3E) only in the second: setting that bit
/// makes each pair one byte to look for, and no other byte becomes it.
#[inline(always)]
fn any_special(w: u64) -> bool {
    any_zero(w ^ (ONES * 0x22))
        | any_zero((w | ONES) ^ (ONES * 0x27))
        | any_zero((w | (ONES * 0x02)) ^ (ONES * 0x3E))
}

/// The escape of `b`, if HTML needs one.
#[inline(always)]
fn escape(b: u8) -> Option<&'static str> {
    match b {
        b'"' => Some("&#34;"),
        b'&' => Some("&#38;"),
        b'\'' => Some("&#39;"),
        b'<' => Some("&#60;"),
        b'>' => Some("&#62;"),
        _ => None,
    }
}

/// Writes `s` into `dest` HTML-escaped: the runs between the five bytes as they are, each of
/// the five as its character reference.
pub fn write_escaped<W: fmt::Write + ?Sized>(dest: &mut W, s: &str) -> fmt::Result {
    let bytes = s.as_bytes();
    // Where the run not yet written begins.
    let mut last = 0;
    let mut words = bytes.chunks_exact(8);
    let mut at = 0;
    for word in words.by_ref() {
        let w = u64::from_le_bytes([
            word[0], word[1], word[2], word[3], word[4], word[5], word[6], word[7],
        ]);
        if any_special(w) {
            for (i, &b) in word.iter().enumerate() {
                if let Some(e) = escape(b) {
                    // `at + i` is one of the five, an ASCII byte: both ends are on a
                    // character's boundary.
                    dest.write_str(&s[last..at + i])?;
                    dest.write_str(e)?;
                    last = at + i + 1;
                }
            }
        }
        at += 8;
    }
    for (i, &b) in words.remainder().iter().enumerate() {
        if let Some(e) = escape(b) {
            dest.write_str(&s[last..at + i])?;
            dest.write_str(e)?;
            last = at + i + 1;
        }
    }
    if last < s.len() {
        dest.write_str(&s[last..])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// askama's own escaping of `s`, as a template writes a `&str`.
    fn askamas(s: &str) -> String {
        askama::filters::escape(s, askama::filters::Html)
            .unwrap()
            .to_string()
    }

    fn ours(s: &str) -> String {
        let mut out = String::new();
        write_escaped(&mut out, s).unwrap();
        out
    }

    #[test]
    fn each_special_byte_is_written_as_askama_writes_it() {
        for s in [
            "",
            "\"",
            "&",
            "'",
            "<",
            ">",
            "<script>alert('x & \"y\"')</script>",
            "Ærø & Aabenraa's <borgerservice>",
            "abcdefg<",
            "abcdefgh<",
            "abcdefghi<",
            ">abcdefghijklmnop&",
            "plain text with no special bytes at all, æøå and 🎉",
            "%$#!()*+,-./:;=?@[]^_`{|}~ =?!",
        ] {
            assert_eq!(ours(s), askamas(s), "{s:?}");
        }
    }

    #[test]
    fn no_other_byte_is_taken_for_one_of_the_five() {
        // Every byte value alone, and at each place in a word of others.
        for b in 0u8..=127 {
            let c = char::from(b);
            for at in 0..17 {
                let mut s: String = "x".repeat(16);
                s.insert(at, c);
                assert_eq!(ours(&s), askamas(&s), "{b:#x} at {at}");
            }
        }
    }

    #[test]
    fn generated_texts_are_written_as_askama_writes_them() {
        // A small generator of texts from letters, æøå, emoji, spaces, digits, punctuation
        // and the five, with lengths across several words.
        let pieces = [
            "a",
            "Z",
            " ",
            "æ",
            "ø",
            "å",
            "Å",
            "🎉",
            "👩‍👩‍👧",
            "\"",
            "&",
            "'",
            "<",
            ">",
            "=",
            "?",
            ";",
            "#",
            "0",
            "9",
            "\n",
            "\u{a0}",
            "é",
            "—",
            "&amp;",
            "<b>",
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..3_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 60) as usize;
            let mut s = String::new();
            let mut r = seed;
            for _ in 0..len {
                r = r.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                s.push_str(pieces[(r >> 33) as usize % pieces.len()]);
            }
            assert_eq!(ours(&s), askamas(&s), "{s:?}");
        }
    }

    #[test]
    fn a_template_writes_words_escaped_once() {
        #[derive(askama::Template)]
        #[template(source = "<p>{{ Words(text) }}|{{ text }}</p>", ext = "html")]
        struct Both<'a> {
            text: &'a str,
        }
        let text = "Ærø's <\"skole\"> & 🎉";
        let page = askama::Template::render(&Both { text }).unwrap();
        let (ours, theirs) = page
            .trim_start_matches("<p>")
            .trim_end_matches("</p>")
            .split_once('|')
            .unwrap();
        assert_eq!(ours, theirs);
        assert_eq!(ours, "Ærø&#39;s &#60;&#34;skole&#34;&#62; &#38; 🎉");

        #[derive(askama::Template)]
        #[template(source = "{{ owned }}|{{ text }}", ext = "html")]
        struct Owned<'a> {
            owned: Escaped,
            text: &'a str,
        }
        let page = askama::Template::render(&Owned {
            owned: Escaped(text.to_string()),
            text,
        })
        .unwrap();
        let (ours, theirs) = page.split_once('|').unwrap();
        assert_eq!(ours, theirs);
    }
}
