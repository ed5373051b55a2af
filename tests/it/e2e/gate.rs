//! The accessibility gate: on a page, axe-core's WCAG 2.0/2.1 A and AA rules, the page's
//! outline (lang, one h1, headings in order), reflow (nothing wider than the window at 375
//! and 1280 px) and, asked for again in English, Danish content marked `lang="da"` (WCAG
//! 3.1.2, which axe cannot see). At the end every page's markup goes through the Nu HTML
//! Checker in one run (the JVM starts slowly). Problems are collected over the whole journey
//! and reported together at the end, so one run shows everything there is to fix.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};

use super::driver;
use super::page::Chromium;

/// The rule tags that make up WCAG 2.1 level AA.
const TAGS: [&str; 4] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/// Widths the page must fit: a small phone and a laptop.
const WIDTHS: [u32; 2] = [375, 1280];

pub struct Gate {
    axe: String,
    dir: PathBuf,
    /// The pages checked, in order.
    pub pages: Vec<String>,
    problems: Vec<String>,
    /// Each page's markup as the browser holds it, named, for the Nu HTML Checker.
    markup: Vec<(String, String)>,
}

/// The page's markup: the document the browser built from what the server sent.
const MARKUP: &str = "return '<!DOCTYPE html>\\n' + document.documentElement.outerHTML;";

/// The elements that hold what people wrote (salon titles, questions, texts, messages), which
/// stay Danish on an English page.
const DANISH_CONTENT: &str = ".salon-item-title, .salon-item-question, \
    .salon-question > span:not(.visually-hidden), .summary-text, .salon-description, \
    .decision-description, .thread-message, .conversation-text";

/// The page asked for again in English (the same session's cookies): each element of
/// Danish content must be inside `lang="da"`. Only pages a GET gives in English are looked at.
const LANG_DA: &str = r#"
const x = new XMLHttpRequest();
x.open('GET', location.href, false);
x.setRequestHeader('Accept-Language', 'en');
try { x.send(); } catch (e) { return []; }
if (x.status !== 200 || !(x.getResponseHeader('content-type') || '').startsWith('text/html')) return [];
const doc = new DOMParser().parseFromString(x.responseText, 'text/html');
if (doc.documentElement.getAttribute('lang') !== 'en') return [];
return [...doc.querySelectorAll(arguments[0])]
  .filter(e => e.textContent.trim() && e.closest('[lang]').getAttribute('lang') !== 'da')
  .slice(0, 5)
  .map(e => `in English, Danish content without lang="da": <${e.tagName.toLowerCase()} class="${e.className}"> "${e.textContent.trim().slice(0, 60)}"`);
"#;

const RUN_AXE: &str = r#"
const done = arguments[arguments.length - 1];
axe.run(document, { runOnly: { type: 'tag', values: arguments[0] }, resultTypes: ['violations'] })
  .then(r => done(r.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' — ' + n.html.slice(0, 160)),
  }))))
  .catch(e => done([{ id: 'axe-error', help: String(e), nodes: [] }]));
"#;

const OUTLINE: &str = r#"
const problems = [];
const lang = document.documentElement.getAttribute('lang') || '';
if (lang !== 'da') problems.push(`<html lang="${lang}">, expected "da" for a Danish browser`);
if (!document.title.trim()) problems.push('no <title>');
const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')];
const h1s = headings.filter(h => h.tagName === 'H1').length;
if (h1s !== 1) problems.push(`${h1s} h1 elements, expected one`);
let previous = 0;
for (const h of headings) {
  const level = Number(h.tagName[1]);
  const text = h.textContent.trim().slice(0, 60);
  if (previous === 0 && level !== 1) problems.push(`the first heading is ${h.tagName} "${text}"`);
  if (previous && level > previous + 1) problems.push(`${h.tagName} "${text}" follows an h${previous}`);
  previous = level;
}
return problems;
"#;

const OVERFLOW: &str = r#"
const width = document.documentElement.clientWidth;
if (document.documentElement.scrollWidth <= width) return [];
const describe = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
  + (typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\s+/).join('.') : '');
const wide = [...document.querySelectorAll('body *')]
  // The outermost culprits: wider than the window inside a parent that is not.
  .filter(e => e.getBoundingClientRect().right > width + 1
    && (!e.parentElement || e.parentElement.getBoundingClientRect().right <= width + 1))
  .slice(0, 5)
  .map(e => `${describe(e)} reaches ${Math.round(e.getBoundingClientRect().right)} px`);
return [`the page is ${document.documentElement.scrollWidth} px wide in a ${width} px window`].concat(wide);
"#;

impl Gate {
    pub fn new(dir: PathBuf) -> Gate {
        let axe = std::fs::read_to_string(driver::axe_path()).expect("read axe-core");
        Gate {
            axe,
            dir,
            pages: Vec::new(),
            problems: Vec::new(),
            markup: Vec::new(),
        }
    }

    /// Checks the page `browser` shows, named `page` in the report.
    pub async fn check(&mut self, browser: &Chromium, page: &str) {
        self.pages
            .push(format!("{page} ({})", browser.path().await));
        let markup = browser.js(MARKUP, vec![]).await;
        self.markup.push((
            page.to_string(),
            markup.as_str().unwrap_or_default().to_string(),
        ));
        let found = self.problems(browser).await;
        if !found.is_empty() {
            self.problems.push(format!(
                "{page} ({}):\n  - {}",
                browser.path().await,
                found.join("\n  - ")
            ));
        }
    }

    /// What is wrong with the page shown: the outline once, then axe's rules and reflow at
    /// each width (some problems, such as a scrolling region, exist only on a phone).
    pub async fn problems(&self, browser: &Chromium) -> Vec<String> {
        let mut found = strings(&browser.js(OUTLINE, vec![]).await);
        found.extend(strings(
            &browser.js(LANG_DA, vec![json!(DANISH_CONTENT)]).await,
        ));
        // A text the locale files lack shows as Fluent's placeholder, in plain sight.
        let body = browser.js("return document.body.innerText;", vec![]).await;
        if let Some(missing) = body
            .as_str()
            .and_then(|t| t.lines().find(|l| l.contains("Unknown localization key")))
        {
            found.push(format!(
                "a text is missing from the locale files: {missing}"
            ));
        }
        browser
            .js(&format!("{}\n;return typeof axe;", self.axe), vec![])
            .await;
        for width in WIDTHS {
            browser.set_width(width).await;
            let violations = browser
                .client
                .execute_async(RUN_AXE, vec![json!(TAGS)])
                .await
                .unwrap_or_else(|e| panic!("running axe: {e}"));
            for v in violations.as_array().expect("axe's violations") {
                found.push(format!(
                    "{width} px: axe {} ({}): {}\n      {}",
                    v["id"].as_str().unwrap_or_default(),
                    v["impact"].as_str().unwrap_or("?"),
                    v["help"].as_str().unwrap_or_default(),
                    v["nodes"]
                        .as_array()
                        .map(|n| n
                            .iter()
                            .filter_map(Value::as_str)
                            .collect::<Vec<_>>()
                            .join("\n      "))
                        .unwrap_or_default()
                ));
            }
            let overflow = browser.js(OVERFLOW, vec![]).await;
            found.extend(
                strings(&overflow)
                    .into_iter()
                    .map(|p| format!("{width} px: {p}")),
            );
        }
        // The next page opens at the usual width.
        browser.set_width(WIDTHS[WIDTHS.len() - 1]).await;
        found
    }

    /// Fails with every problem found, after writing the list of pages checked and running
    /// the Nu HTML Checker over every page's markup.
    pub fn finish(&mut self) {
        if driver::vnu_available() {
            let found = nu_errors(&self.dir.join("markup"), &self.markup);
            self.problems.extend(found);
        }
        let list = self.pages.join("\n");
        std::fs::write(self.dir.join("gate-pages.txt"), format!("{list}\n")).unwrap();
        eprintln!(
            "accessibility gate: {} pages checked:\n{list}",
            self.pages.len()
        );
        assert!(
            self.problems.is_empty(),
            "the accessibility gate found problems on {} of {} pages:\n{}",
            self.problems.len(),
            self.pages.len(),
            self.problems.join("\n")
        );
    }
}

/// The Nu HTML Checker's errors in `pages` (name, markup), each as "page: line n: message",
/// the pages grouped. One run for all of them: starting the JVM takes seconds.
pub fn nu_errors(dir: &Path, pages: &[(String, String)]) -> Vec<String> {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).expect("create the markup folder");
    let files: Vec<PathBuf> = pages
        .iter()
        .enumerate()
        .map(|(i, (_, html))| {
            let file = dir.join(format!("{i:03}.html"));
            std::fs::write(&file, html).expect("write a page's markup");
            file
        })
        .collect();
    if files.is_empty() {
        return Vec::new();
    }
    let out = Command::new("java")
        .arg("-jar")
        .arg(driver::vnu_path())
        .args(["--format", "json", "--errors-only", "--stdout"])
        .args(&files)
        .output()
        .expect("run the Nu HTML Checker");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "the Nu HTML Checker said no JSON ({e}): {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let mut by_page: Vec<Vec<String>> = vec![Vec::new(); pages.len()];
    for m in report["messages"].as_array().into_iter().flatten() {
        // Errors only: warnings are advice (and --errors-only leaves them out anyway).
        if !matches!(m["type"].as_str(), Some("error" | "non-document-error")) {
            continue;
        }
        let url = m["url"].as_str().unwrap_or_default();
        let Some(i) = files
            .iter()
            .position(|f| url.ends_with(&f.file_name().unwrap().to_string_lossy().to_string()))
        else {
            by_page.push(vec![format!("vnu: {m}")]);
            continue;
        };
        by_page[i].push(format!(
            "Nu HTML Checker, line {}: {}\n      {}",
            m["lastLine"],
            m["message"].as_str().unwrap_or_default(),
            m["extract"].as_str().unwrap_or_default().replace('\n', " ")
        ));
    }
    by_page
        .into_iter()
        .enumerate()
        .filter(|(_, found)| !found.is_empty())
        .map(|(i, found)| {
            let name = pages.get(i).map(|p| p.0.as_str()).unwrap_or("?");
            format!(
                "{name} (markup in {i:03}.html):\n  - {}",
                found.join("\n  - ")
            )
        })
        .collect()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// The gate is only worth something if it fails: a page that breaks each kind of rule.
#[tokio::test]
async fn the_gate_finds_a_missing_alt_a_missing_label_a_skipped_heading_and_overflow() {
    if !driver::available("gate") {
        return;
    }
    let browser = Chromium::start("http://127.0.0.1:9", "gate", true, false).await;
    browser
        .client
        .goto(
            "data:text/html;charset=utf-8,<!DOCTYPE html><html><head><title>Bad</title></head><body>\
             <main><h3>Skipped</h3><img src='x.png'><input type='text'>\
             <p style='width:900px'>Too wide</p></main></body></html>",
        )
        .await
        .unwrap();
    let gate = Gate::new(std::env::temp_dir());
    let found = gate.problems(&browser).await.join("\n");
    browser.close().await;
    for expected in [
        "axe image-alt",
        "axe label",
        "axe html-has-lang",
        "<html lang=\"\">",
        "0 h1 elements",
        "the first heading is H3",
        "375 px: the page is",
    ] {
        assert!(found.contains(expected), "no {expected:?} in:\n{found}");
    }
    assert!(!found.contains("1280 px: the page is"), "{found}");
}

/// The Nu HTML Checker finds what axe does not: a required select whose first option is a
/// real choice (the browser would preselect it, so "required" can never fail).
#[test]
fn the_nu_checker_finds_a_required_select_whose_first_option_is_a_real_choice() {
    if !driver::vnu_available() {
        return;
    }
    let good = "<!DOCTYPE html><html lang=da><head><title>God</title></head><body><main>\
        <label for=s>Tid</label><select id=s name=s required><option value=''>Vælg</option>\
        <option value=1>Tirsdag</option></select></main></body></html>";
    let bad = good.replace("<option value=''>Vælg</option>", "");
    let dir = std::env::temp_dir().join(format!("medspil-vnu-{}", std::process::id()));
    let found = nu_errors(&dir, &[("good".into(), good.into()), ("bad".into(), bad)]).join("\n");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(found.starts_with("bad (markup in 001.html)"), "{found}");
    assert!(found.contains("first “option” element"), "{found}");
    assert!(!found.contains("good"), "{found}");
}
