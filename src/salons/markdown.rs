//! A salon's description: Markdown rendered with pulldown-cmark and then *always* cleaned with
//! ammonia, so whatever the host typed (raw HTML included) comes out as inert, safe HTML.
//! [`shown`] is the one way a salon's texts reach a page, wherever it is shown.

use std::collections::HashSet;

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
    clean(&raw, &["img"])
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
    clean(&raw, &["img", "a"])
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
        render_links_as_text(markdown)
    } else {
        stored_html
    }
}

fn clean(raw: &str, removed: &[&str]) -> String {
    ammonia::Builder::default()
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .url_relative(ammonia::UrlRelative::Deny)
        .rm_tags(removed)
        .link_rel(Some("noopener noreferrer nofollow ugc"))
        .clean(raw)
        .to_string()
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
