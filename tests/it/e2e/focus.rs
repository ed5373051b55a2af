//! Keyboard users see where they are: tabbing through the front page, every stop draws a
//! visible focus style (the window looks different focused and unfocused).

use super::page::Chromium;
use crate::helpers::TestApp;

#[tokio::test]
async fn tabbing_through_the_front_page_draws_a_focus_style_on_every_stop() {
    if !super::driver::available("focus") {
        return;
    }
    let app = TestApp::spawn().await;
    let mut browser = Chromium::start(&app.address, "focus", true, false).await;
    browser.open("/").await;
    let mut stops: Vec<String> = Vec::new();
    let mut invisible: Vec<String> = Vec::new();
    for _ in 0..60 {
        browser.tab().await;
        let described = browser
            .js(
                "const e = document.activeElement;
                 if (!e || e === document.body) return null;
                 e.setAttribute('data-focus-test', '1');
                 return e.tagName.toLowerCase() + ' \"' + (e.textContent || e.value || '').trim().slice(0, 40) + '\"';",
                vec![],
            )
            .await;
        let Some(described) = described.as_str().map(str::to_string) else {
            break; // Focus left the page: every stop has been visited.
        };
        if stops.contains(&described) {
            break;
        }
        browser.shot(&format!("focus-{}", stops.len() + 1)).await;
        let focused = browser.client.screenshot().await.unwrap();
        browser.js("document.activeElement.blur()", vec![]).await;
        let unfocused = browser.client.screenshot().await.unwrap();
        if focused == unfocused {
            invisible.push(described.clone());
        }
        // Back to where Tab left off, so the next Tab goes on from here.
        browser
            .js(
                "const e = document.querySelector('[data-focus-test]');
                 e.removeAttribute('data-focus-test'); e.focus(); return null;",
                vec![],
            )
            .await;
        stops.push(described);
    }
    browser.close().await;
    assert!(
        stops.len() >= 8,
        "Tab reached only {} stops on the front page: {stops:?}",
        stops.len()
    );
    assert!(
        invisible.is_empty(),
        "no visible focus on {invisible:?} (of {stops:?})"
    );
}
