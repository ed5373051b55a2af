//! The templates and the stylesheet agree: every class a template uses is defined in
//! `static/css/site.css` (a typo, or a part of a page no one styled, fails here), and no
//! template carries a `style` attribute or element (the CSP forbids inline styles, so they
//! would silently do nothing).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn templates() -> Vec<(PathBuf, String)> {
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
        for entry in std::fs::read_dir(dir).expect("read templates/") {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "html") {
                let text = std::fs::read_to_string(&path).unwrap();
                out.push((path, text));
            }
        }
    }
    let mut out = Vec::new();
    walk(&crate::helpers::project_root().join("templates"), &mut out);
    assert!(out.len() > 50, "found {} templates", out.len());
    out
}

/// `text` without askama's comments `{# … #}`.
fn without_comments(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("{#") {
        out.push_str(&rest[..at]);
        rest = rest[at..].split_once("#}").map_or("", |(_, r)| r);
    }
    out.push_str(rest);
    out
}

/// Marks where an askama expression stood inside a class name (`chip-{{ x }}`).
const DYNAMIC: char = '\u{1}';

/// The class names of every `class="…"` attribute in a template. An expression `{{ … }}`
/// becomes [`DYNAMIC`] within its name; a tag `{% … %}` separates names (an `{% if %}` adds
/// or leaves out whole names).
fn template_classes(text: &str) -> Vec<String> {
    let text = without_comments(text);
    let mut out = Vec::new();
    let mut rest = text.as_str();
    while let Some(at) = rest.find("class=\"") {
        let attribute = rest[..at].ends_with(char::is_whitespace);
        rest = &rest[at + 7..];
        let mut value = String::new();
        loop {
            if let Some(after) = rest.strip_prefix("{{") {
                value.push(DYNAMIC);
                rest = after.split_once("}}").map_or("", |(_, r)| r);
            } else if let Some(after) = rest.strip_prefix("{%") {
                value.push(' ');
                rest = after.split_once("%}").map_or("", |(_, r)| r);
            } else if let Some(after) = rest.strip_prefix('"') {
                rest = after;
                break;
            } else if let Some(c) = rest.chars().next() {
                value.push(c);
                rest = &rest[c.len_utf8()..];
            } else {
                break;
            }
        }
        if attribute {
            out.extend(value.split_whitespace().map(str::to_string));
        }
    }
    out
}

/// The class names the stylesheet's selectors mention (comments and declarations skipped).
fn stylesheet_classes(css: &str) -> BTreeSet<String> {
    let mut text = String::new();
    let mut rest = css;
    while let Some(at) = rest.find("/*") {
        text.push_str(&rest[..at]);
        rest = rest[at..].split_once("*/").map_or("", |(_, r)| r);
    }
    text.push_str(rest);
    let mut out = BTreeSet::new();
    // A selector is what stands before a `{`, after the last `{` or `}`.
    for part in text.split_inclusive(['{', '}']) {
        let Some(selector) = part.strip_suffix('{') else {
            continue;
        };
        for (i, _) in selector.match_indices('.') {
            let name: String = selector[i + 1..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect();
            if name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '-' || c == '_') {
                out.insert(name);
            }
        }
    }
    out
}

#[test]
fn every_class_a_template_uses_is_defined_in_the_stylesheet() {
    let css = std::fs::read_to_string(crate::helpers::project_root().join("static/css/site.css"))
        .unwrap();
    let defined = stylesheet_classes(&css);
    let mut missing = BTreeSet::new();
    for (path, text) in templates() {
        for class in template_classes(&text) {
            let known = match class.split_once(DYNAMIC) {
                // `chip-{{ status }}`: some class must begin with the written part.
                Some((prefix, _)) => {
                    prefix.is_empty() || defined.iter().any(|d| d.starts_with(prefix))
                }
                None => defined.contains(&class),
            };
            if !known {
                missing.insert(format!(
                    "{} in {}",
                    class.replace(DYNAMIC, "{{…}}"),
                    path.display()
                ));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "classes used in templates that site.css does not define:\n{}",
        missing.into_iter().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn no_template_carries_an_inline_style() {
    let mut found = Vec::new();
    for (path, text) in templates() {
        let text = without_comments(&text);
        for needle in [" style=", "<style"] {
            if text.contains(needle) {
                found.push(format!("{needle} in {}", path.display()));
            }
        }
    }
    assert!(found.is_empty(), "inline styles:\n{}", found.join("\n"));
}

#[test]
fn the_class_check_reads_templates_and_selectors_as_written() {
    let classes = template_classes(
        r#"<p class="field{% if e %} field-error{% endif %}"> <span class="chip chip-{{ s.as_str() }}">
           {# <b class="in-a-comment"> #} <i data-class="x"></i>"#,
    );
    assert_eq!(
        classes,
        ["field", "field-error", "chip", &format!("chip-{DYNAMIC}")]
    );
    let defined = stylesheet_classes(
        "/* .commented */ .a, p.b:hover > .c-d { margin: 0.5rem; }\n@media (min-width: 48rem) { .e { x: 1.5em } }",
    );
    assert_eq!(
        defined.into_iter().collect::<Vec<_>>(),
        ["a", "b", "c-d", "e"]
    );
}

/// Every block the stylesheet opens, it closes: one brace lost (as a merge can lose it) turns
/// every rule after it into part of the block before, and the browser drops them silently.
#[test]
fn every_block_of_the_stylesheet_closes() {
    let css = std::fs::read_to_string(crate::helpers::project_root().join("static/css/site.css"))
        .unwrap();
    // CSS comments may mention braces: they are blanked first, keeping their lines.
    let mut plain = String::new();
    let mut rest = css.as_str();
    while let Some(at) = rest.find("/*") {
        plain.push_str(&rest[..at]);
        let (comment, after) = rest[at..].split_once("*/").unwrap_or((&rest[at..], ""));
        plain.extend(comment.chars().filter(|c| *c == '\n'));
        rest = after;
    }
    plain.push_str(rest);
    let mut depth = 0i32;
    for (n, line) in plain.lines().enumerate() {
        depth += line.matches('{').count() as i32 - line.matches('}').count() as i32;
        assert!(
            depth >= 0,
            "site.css closes a block it never opened on line {}",
            n + 1
        );
    }
    assert_eq!(depth, 0, "site.css leaves {depth} block(s) open");
}
