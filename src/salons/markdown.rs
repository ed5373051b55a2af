//! A salon's description: Markdown rendered with pulldown-cmark and then *always* cleaned with
//! ammonia, so whatever the host typed (raw HTML included) comes out as inert, safe HTML.
//! [`shown`] is the one way a salon's texts reach a page, wherever it is shown.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use chrono::{DateTime, Utc};

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};

/// The description as safe HTML. Only http, https and mailto links survive; images, scripts,
/// styles and event attributes do not; links open without giving the target our page.
pub fn render(markdown: &str) -> String {
    let mut raw = String::new();
    html::push_html(
        &mut raw,
        Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH),
    );
    clean(&raw, true)
}

/// The same with every link as plain text: its words followed by its address, "kort
/// (https://example.dk/kort)", so a reader sees where it went but cannot click it. For texts
/// whose host's account is new (`crate::limits::links_as_text`).
pub fn render_links_as_text(markdown: &str) -> String {
    let mut raw = String::new();
    let mut open: Vec<(String, String)> = Vec::new();
    let events = Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH).filter_map(|event| {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                open.push((dest_url.to_string(), String::new()));
                None
            }
            Event::End(TagEnd::Link) => {
                let (url, text) = open.pop()?;
                // An autolink's words are its address already; an address render() would not
                // link (javascript:, data:, relative) is not shown at all.
                let shown = ["http://", "https://", "mailto:"]
                    .iter()
                    .any(|scheme| url.to_ascii_lowercase().starts_with(scheme));
                (shown && text.trim() != url)
                    .then(|| Event::Text(CowStr::from(format!(" ({url})"))))
            }
            Event::Text(t) | Event::Code(t) if !open.is_empty() => {
                if let Some((_, text)) = open.last_mut() {
                    text.push_str(&t);
                }
                Some(Event::Text(t))
            }
            other => Some(other),
        }
    });
    html::push_html(&mut raw, events);
    // Raw HTML anchors lose their tag (their words stay).
    clean(&raw, false)
}

/// A salon's text (its description or its summary) as every page shows it: the HTML rendered
/// when it was saved, or — while the newest of its hosts' accounts is less than a day old
/// ([`crate::limits::links_as_text`]) — the Markdown again with its links as plain text. Every
/// page that shows a salon's texts goes through here, so none can show a link another hides.
pub fn shown(
    markdown: &str,
    stored_html: String,
    newest_host: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> String {
    if crate::limits::links_as_text(newest_host, now) {
        links_as_text_kept(markdown)
    } else {
        stored_html
    }
}

/// [`render_links_as_text`], kept per worker thread by the text: a salon shows its texts this
/// way for a whole day after a new host joins, on every view, and rendering and cleaning them
/// again costs more than the rest of its page's server work (bench/README.md, "The salon page
/// as a registered person"). The result depends on the text alone. Bounded: begun afresh past
/// 64 texts; texts longer than 16 KB are rendered each time.
fn links_as_text_kept(markdown: &str) -> String {
    thread_local! {
        static KEPT: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
    }
    if markdown.len() > 16 * 1024 {
        return render_links_as_text(markdown);
    }
    KEPT.with(|kept| {
        if let Some(html) = kept.borrow().get(markdown) {
            return html.clone();
        }
        let html = render_links_as_text(markdown);
        let mut kept = kept.borrow_mut();
        if kept.len() >= 64 {
            kept.clear();
        }
        kept.insert(markdown.to_string(), html.clone());
        html
    })
}

/// The cleaned HTML of a host's text with its headings moved below the page's own: `level` is
/// the first heading level free under the section that shows it (3 under an `h2` "Referat").
/// The text's top heading level becomes `level` and the others keep their steps below it (a
/// summary's `##` is an `h3`, its `###` then an `h4`), nothing past `h6`. Done when shown,
/// not when saved, so texts saved before read the same way and one text can sit at different
/// depths on different pages. The input is cleaned HTML, in which every `<` of the text
/// itself is escaped: each `<hN` left is a tag.
pub fn under(html: &str, level: u8) -> String {
    let heading_at = |rest: &str| -> Option<(bool, u8)> {
        let close = rest.starts_with("</");
        let tag = rest.get(if close { 2 } else { 1 }..)?.as_bytes();
        (tag.len() >= 3
            && tag[0] == b'h'
            && (b'1'..=b'6').contains(&tag[1])
            && (tag[2] == b'>' || tag[2] == b' '))
            .then(|| (close, tag[1] - b'0'))
    };
    let top = html
        .match_indices('<')
        .filter_map(|(at, _)| heading_at(&html[at..]).map(|(_, n)| n))
        .min();
    let Some(top) = top else {
        return html.to_string();
    };
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match heading_at(rest) {
            Some((close, old)) => {
                let new = (old - top).saturating_add(level).min(6);
                out.push_str(if close { "</h" } else { "<h" });
                out.push(char::from(b'0' + new));
                rest = &rest[if close { 4 } else { 3 }..];
            }
            None => {
                out.push('<');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Cleans `raw` with the rules above, without images — and without link tags too when
/// `links` is false.
fn clean(raw: &str, links: bool) -> String {
    // Each cleaner is built once: a builder starts from ammonia's default lists of tags,
    // attributes and schemes, a few hundred hash-set entries, and building it took more work
    // than cleaning a description (a salon page whose host is new renders its text each
    // time; bench/README.md).
    static WITH_LINKS: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| cleaner(&["img"]));
    static WITHOUT_LINKS: LazyLock<ammonia::Builder<'static>> =
        LazyLock::new(|| cleaner(&["img", "a"]));
    let cleaner = if links { &WITH_LINKS } else { &WITHOUT_LINKS };
    cleaner.clean(raw).to_string()
}

fn cleaner(removed: &'static [&'static str]) -> ammonia::Builder<'static> {
    let mut builder = ammonia::Builder::default();
    builder
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .url_relative(ammonia::UrlRelative::Deny)
        .rm_tags(removed)
        .link_rel(Some("noopener noreferrer nofollow ugc"));
    builder
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn markdown_becomes_html() {
        let html = render("Vi ses i **Ry**.\n\n- kaffe\n- [kort](https://example.dk/kort)");
        assert!(html.contains("<strong>Ry</strong>"));
        assert!(html.contains("<li>kaffe</li>"));
        assert!(html.contains(r#"href="https://example.dk/kort""#));
        assert!(html.contains("noopener"));
    }

    #[test]
    fn a_text_kept_with_its_links_as_text_is_the_text_rendered_again() {
        let texts = (0..70).map(|i| format!("Se [kort {i}](https://example.dk/{i}) og **mere**."));
        // A host whose account is an hour old: links are shown as text.
        let now = chrono::DateTime::parse_from_rfc3339("2026-12-05T14:00:00+01:00")
            .unwrap()
            .to_utc();
        let newest_host = now - chrono::Duration::hours(1);
        // Twice over more texts than are kept: first renders, hits and a fresh start.
        for text in texts.clone().chain(texts) {
            let shown = super::shown(&text, String::new(), Some(newest_host), now);
            assert_eq!(shown, super::render_links_as_text(&text));
            assert!(!shown.contains("href"), "{shown}");
        }
    }

    #[test]
    fn a_hosts_headings_sit_below_the_sections_heading() {
        let html = render("## Hvad vi talte om\n\n### Detaljer\n\nTekst \\<h2> i teksten");
        let under_h2 = super::under(&html, 3);
        assert!(under_h2.contains("<h3>Hvad vi talte om</h3>"), "{under_h2}");
        assert!(under_h2.contains("<h4>Detaljer</h4>"), "{under_h2}");
        // Text that looks like a tag was escaped when cleaned, and stays as it was.
        assert!(under_h2.contains("&lt;h2&gt; i teksten"), "{under_h2}");
        let under_h4 = super::under(&html, 5);
        assert!(under_h4.contains("<h5>Hvad vi talte om</h5>"), "{under_h4}");
        assert!(under_h4.contains("<h6>Detaljer</h6>"), "{under_h4}");
        // Whatever the text's top heading, it starts at the free level.
        let top = super::under(&render("# Overskrift\n\n## Under"), 3);
        assert!(top.contains("<h3>Overskrift</h3>"), "{top}");
        assert!(top.contains("<h4>Under</h4>"), "{top}");
        let program = super::under(&render("### Program"), 3);
        assert!(program.contains("<h3>Program</h3>"), "{program}");
        assert_eq!(super::under("<p>Ingen</p>", 3), "<p>Ingen</p>");
    }

    #[test]
    fn payloads_come_out_inert() {
        let html = render(
            "<script>alert(1)</script>\n\n[klik](javascript:alert(1))\n\n<img src=x onerror=alert(1)>\n\n<a href=\"data:text/html,x\" onclick=\"x()\">d</a>",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(!html.contains("data:"), "{html}");
        assert!(render("[mail](mailto:a@example.dk)").contains("mailto:a@example.dk"));
    }

    #[test]
    fn links_as_text_keep_their_words_and_show_their_address() {
        let html = super::render_links_as_text(
            "Se [kortet](https://example.dk/kort) og <https://example.dk/x>.\n\n<a href=\"https://evil.dk\">her</a>\n\n[klik](javascript:alert(1))",
        );
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("<a"), "{html}");
        assert!(html.contains("kortet (https://example.dk/kort)"), "{html}");
        assert!(html.contains("https://example.dk/x."), "{html}");
        assert!(!html.contains("(https://example.dk/x)"), "{html}");
        assert!(html.contains("her"), "{html}");
    }
}
