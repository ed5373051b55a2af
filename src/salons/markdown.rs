//! A salon's description: Markdown rendered with pulldown-cmark and then *always* cleaned with
//! ammonia, so whatever the host typed (raw HTML included) comes out as inert, safe HTML.

use std::collections::HashSet;

use pulldown_cmark::{Options, Parser, html};

/// The description as safe HTML. Only http, https and mailto links survive; images, scripts,
/// styles and event attributes do not; links open without giving the target our page.
pub fn render(markdown: &str) -> String {
    let mut raw = String::new();
    html::push_html(
        &mut raw,
        Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH),
    );
    ammonia::Builder::default()
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .url_relative(ammonia::UrlRelative::Deny)
        .rm_tags(&["img"])
        .link_rel(Some("noopener noreferrer nofollow ugc"))
        .clean(&raw)
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
}
