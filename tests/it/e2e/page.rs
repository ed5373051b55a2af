//! One Chromium window on the app, used the way a person uses it: fields are found by their
//! labels, buttons and links by their text, and every step leaves a screenshot.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use serde_json::{Value, json};

use super::driver;
use super::gate::Gate;
use crate::helpers::PASSWORD;

/// A browser window on the app under test.
pub struct Chromium {
    pub client: Client,
    base: String,
    dir: PathBuf,
    step: usize,
    /// The accessibility gate, in the session that runs it.
    pub gate: Option<Gate>,
}

/// `text` as an XPath string literal.
fn xpath_literal(text: &str) -> String {
    assert!(!text.contains('\''), "no single quotes in {text:?}");
    format!("'{text}'")
}

impl Chromium {
    /// A new browser on the app at `base`; screenshots go to `<target>/tmp/e2e/<name>/`.
    pub async fn start(base: &str, name: &str, javascript: bool, gate: bool) -> Chromium {
        let dir = driver::output_dir(name);
        let client = driver::start_chromium(javascript, &dir.join("downloads")).await;
        Chromium {
            client,
            base: base.to_string(),
            gate: gate.then(|| Gate::new(dir.clone())),
            dir,
            step: 0,
        }
    }

    /// Ends the browser.
    pub async fn close(self) {
        let _ = self.client.close().await;
    }

    /// Saves a screenshot of the window as `NN-step.png`.
    pub async fn shot(&mut self, step: &str) {
        self.step += 1;
        let name: String = step
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        let path = self.dir.join(format!("{:02}-{name}.png", self.step));
        match self.client.screenshot().await {
            Ok(png) => std::fs::write(&path, png).expect("save a screenshot"),
            Err(e) => eprintln!("no screenshot for {step}: {e}"),
        }
    }

    /// A screenshot of this step and, in the session that runs it, the accessibility gate on
    /// the page now shown (once per `page`, a name for the distinct page or state).
    pub async fn check(&mut self, page: &str) {
        self.shot(page).await;
        if let Some(mut gate) = self.gate.take() {
            gate.check(self, page).await;
            self.gate = Some(gate);
        }
    }

    /// With `MEDSPIL_SCREENSHOTS=<folder>` (the README's pictures), saves the whole page shown
    /// at 1280 and 375 px as `<folder>/<name>-1280.png` and `-375.png`. Only in the session that
    /// runs the gate, so the journey without JavaScript does not overwrite them.
    pub async fn showcase(&self, name: &str) {
        let Some(dir) = std::env::var_os("MEDSPIL_SCREENSHOTS") else {
            return;
        };
        if self.gate.is_none() {
            return;
        }
        let dir = PathBuf::from(dir);
        std::fs::create_dir_all(&dir).expect("create the screenshots folder");
        for width in [1280, 375] {
            self.set_width(width).await;
            let height = self
                .js("return document.documentElement.scrollHeight", vec![])
                .await
                .as_u64()
                .unwrap_or(900);
            let height = height.clamp(600, 8000) as u32;
            self.client.set_window_size(width, height).await.unwrap();
            tokio::time::sleep(Duration::from_millis(300)).await;
            // The window's own frame may take some of its height: grow it by that much, so
            // the picture reaches the footer.
            let inner = self
                .js("return window.innerHeight", vec![])
                .await
                .as_u64()
                .unwrap_or(u64::from(height)) as u32;
            if inner < height {
                self.client
                    .set_window_size(width, 2 * height - inner)
                    .await
                    .unwrap();
                tokio::time::sleep(Duration::from_millis(300)).await;
            }
            let png = self.client.screenshot().await.expect("a screenshot");
            std::fs::write(dir.join(format!("{name}-{width}.png")), png).expect("save it");
        }
        self.set_width(1280).await;
    }

    /// Opens `path` on the app, as if typed into the address bar.
    pub async fn open(&self, path: &str) {
        self.client
            .goto(&format!("{}{path}", self.base))
            .await
            .unwrap_or_else(|e| panic!("opening {path}: {e}"));
    }

    /// The path (and query) of the page shown.
    pub async fn path(&self) -> String {
        let url = self.client.current_url().await.unwrap();
        match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_string(),
        }
    }

    /// Runs `script` in the page (through the DevTools protocol, so also with JavaScript off).
    pub async fn js(&self, script: &str, args: Vec<Value>) -> Value {
        self.client
            .execute(script, args)
            .await
            .unwrap_or_else(|e| panic!("running a script: {e}"))
    }

    /// The text of the page's `main`, whitespace collapsed.
    pub async fn main_text(&self) -> String {
        let text = self
            .client
            .find(Locator::Css("main"))
            .await
            .expect("a main element")
            .text()
            .await
            .unwrap();
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// Asserts the page says `text`.
    pub async fn sees(&self, text: &str) {
        let main = self.main_text().await;
        assert!(
            main.contains(text),
            "expected {text:?} on {}, which says: {main}",
            self.path().await
        );
    }

    /// Does `action` (a click, a key) and waits for the page it leads to: the old document
    /// gone and the new one loaded. WebDriver's click does not always wait for a form's answer.
    async fn navigating(&self, action: impl std::future::Future<Output = ()>) {
        let old = self.client.find(Locator::Css("html")).await.unwrap();
        action.await;
        let deadline = Instant::now() + Duration::from_secs(20);
        // A stale element is the sign that the document was replaced.
        while old.tag_name().await.is_ok() {
            assert!(
                Instant::now() < deadline,
                "the page did not change: still {}",
                self.path().await
            );
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        loop {
            let state = self
                .client
                .execute("return document.readyState", vec![])
                .await;
            if matches!(state, Ok(Value::String(s)) if s == "complete") {
                return;
            }
            assert!(Instant::now() < deadline, "the new page did not load");
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// The one element `xpath` finds that a person can see (elements hidden from everyone,
    /// such as the form's invisible default button, do not count).
    async fn one(&self, xpath: &str, what: &str) -> Element {
        let found = self
            .client
            .find_all(Locator::XPath(xpath))
            .await
            .unwrap_or_else(|e| panic!("finding {what}: {e}"));
        assert!(
            found.len() == 1,
            "expected one {what} on {}, found {}",
            self.path().await,
            found.len()
        );
        found.into_iter().next().unwrap()
    }

    /// The form control labelled `label` (the label's own text, without "(valgfrit)"), inside
    /// the fieldset whose legend is `legend` when given.
    pub async fn field_in(&self, legend: Option<&str>, label: &str) -> Element {
        let scope = legend
            .map(|l| {
                format!(
                    "//fieldset[legend[normalize-space(.)={}]]",
                    xpath_literal(l)
                )
            })
            .unwrap_or_default();
        let l = xpath_literal(label);
        let xpath =
            format!("{scope}//label[normalize-space(.)={l} or normalize-space(text()[1])={l}]");
        let label_el = self.one(&xpath, &format!("label {label:?}")).await;
        match label_el.attr("for").await.unwrap() {
            Some(id) => self
                .client
                .find(Locator::Id(&id))
                .await
                .unwrap_or_else(|_| {
                    panic!("the label {label:?} points at #{id}, which is missing")
                }),
            None => label_el
                .find(Locator::XPath(".//input|.//select|.//textarea"))
                .await
                .unwrap_or_else(|_| panic!("the label {label:?} has no control")),
        }
    }

    /// The form control labelled `label`.
    pub async fn field(&self, label: &str) -> Element {
        self.field_in(None, label).await
    }

    /// Types `text` into the field labelled `label`, replacing what was there.
    pub async fn fill(&self, label: &str, text: &str) {
        self.fill_in(None, label, text).await
    }

    /// Types into a field inside the fieldset `legend` (one session of several).
    pub async fn fill_in(&self, legend: Option<&str>, label: &str, text: &str) {
        let field = self.field_in(legend, label).await;
        let kind = field.attr("type").await.unwrap().unwrap_or_default();
        match kind.as_str() {
            "date" => self.type_date(&field, text).await,
            "time" => self.type_time(&field, text).await,
            _ => {
                field.clear().await.unwrap();
                field.send_keys(text).await.unwrap();
            }
        }
        if kind == "date" || kind == "time" {
            let value = field.prop("value").await.unwrap().unwrap_or_default();
            assert_eq!(value, text, "typing {text} into {label:?}");
        }
    }

    /// Types an ISO date (`2027-01-12`) into a date field the way its segments are ordered in
    /// the browser's locale (Debian's Chromium without its l10n package runs in en-US).
    async fn type_date(&self, field: &Element, iso: &str) {
        let order = self
            .js(
                "return new Intl.DateTimeFormat(undefined, {year:'numeric', month:'2-digit', day:'2-digit'})
                   .formatToParts(new Date(2000, 10, 22)).map(p => p.type)
                   .filter(t => t === 'year' || t === 'month' || t === 'day');",
                vec![],
            )
            .await;
        let (y, rest) = iso.split_once('-').unwrap();
        let (m, d) = rest.split_once('-').unwrap();
        let mut keys = String::new();
        for part in order.as_array().expect("the date's parts") {
            keys.push_str(match part.as_str().unwrap() {
                "year" => y,
                "month" => m,
                _ => d,
            });
        }
        field.send_keys(&keys).await.unwrap();
    }

    /// Types `21:00` into a time field, segment by segment in the locale's order, on a 12-hour
    /// clock with AM/PM where the locale uses one.
    async fn type_time(&self, field: &Element, hhmm: &str) {
        let order = self
            .js(
                "return new Intl.DateTimeFormat(undefined, {hour:'2-digit', minute:'2-digit'})
                   .formatToParts(new Date(2000, 0, 1, 21, 5)).map(p => p.type)
                   .filter(t => t === 'hour' || t === 'minute' || t === 'dayPeriod');",
                vec![],
            )
            .await;
        let order: Vec<&str> = order
            .as_array()
            .expect("the time's parts")
            .iter()
            .map(|p| p.as_str().unwrap())
            .collect();
        let (h, m) = hhmm.split_once(':').unwrap();
        let hour: u32 = h.parse().unwrap();
        let twelve = order.contains(&"dayPeriod");
        let mut keys = String::new();
        for part in order {
            match part {
                "hour" if twelve => keys.push_str(&format!("{:02}", (hour + 11) % 12 + 1)),
                "hour" => keys.push_str(h),
                "minute" => keys.push_str(m),
                _ => keys.push(if hour < 12 { 'A' } else { 'P' }),
            }
        }
        field.send_keys(&keys).await.unwrap();
    }

    /// Ticks the radio button or checkbox labelled `label`.
    pub async fn choose(&self, label: &str) {
        let field = self.field(label).await;
        if !field.is_selected().await.unwrap() {
            field.click().await.unwrap();
        }
    }

    /// Ticks the radio button or checkbox labelled `label` in the fieldset `legend`.
    pub async fn choose_in_fieldset(&self, legend: &str, label: &str) {
        let field = self.field_in(Some(legend), label).await;
        if !field.is_selected().await.unwrap() {
            field.click().await.unwrap();
        }
    }

    /// Unticks the `n`th (from 0) session box on the page (their labels are dates and seats,
    /// which change with the clock).
    pub async fn untick_session(&self, n: usize) {
        let boxes = self
            .client
            .find_all(Locator::Css("input[type=checkbox][name=sessions]"))
            .await
            .unwrap();
        let b = boxes.get(n).expect("a session box");
        if b.is_selected().await.unwrap() {
            b.click().await.unwrap();
        }
    }

    /// Ticks the radio button whose label starts with `prefix`.
    pub async fn choose_starting(&self, prefix: &str) {
        let xpath = format!(
            "//label[starts-with(normalize-space(.), {})]",
            xpath_literal(prefix)
        );
        let label = self.one(&xpath, &format!("label {prefix:?}…")).await;
        let id = label.attr("for").await.unwrap().expect("a label with for");
        self.client
            .find(Locator::Id(&id))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
    }

    /// Picks the option `option` in the list labelled `label`.
    pub async fn select(&self, label: &str, option: &str) {
        self.field(label)
            .await
            .select_by_label(option)
            .await
            .unwrap_or_else(|e| panic!("choosing {option:?} in {label:?}: {e}"));
    }

    /// Presses the button `text` (and waits for the page it leads to).
    pub async fn press(&self, text: &str) {
        let t = xpath_literal(text);
        let xpath = format!("//button[normalize-space(.)={t} and not(@aria-hidden='true')]");
        let button = self.one(&xpath, &format!("button {text:?}")).await;
        self.navigating(async { button.click().await.unwrap() })
            .await;
    }

    /// Sends the form whose `action` is this path with its (first) submit button: for the
    /// gate's tour of forms, where the button's words do not matter.
    pub async fn submit(&self, action: &str) {
        let xpath = format!(
            "//form[@action={}]//button[not(@type) or @type='submit'][not(@aria-hidden='true')]",
            xpath_literal(action)
        );
        let found = self.client.find_all(Locator::XPath(&xpath)).await.unwrap();
        let Some(button) = found.into_iter().next() else {
            panic!("no form to {action} on {}", self.path().await);
        };
        self.navigating(async { button.click().await.unwrap() })
            .await;
    }

    /// Follows the link `text`.
    pub async fn follow(&self, text: &str) {
        let link = self.link(text).await;
        self.navigating(async { link.click().await.unwrap() }).await;
    }

    /// Clicks the link `text` to a file, which downloads (the page stays).
    pub async fn download(&self, text: &str) {
        self.link(text).await.click().await.unwrap();
    }

    /// The first link whose text is `text`.
    async fn link(&self, text: &str) -> Element {
        let xpath = format!("//a[normalize-space(.)={}]", xpath_literal(text));
        let found = self.client.find_all(Locator::XPath(&xpath)).await.unwrap();
        match found.into_iter().next() {
            Some(link) => link,
            None => panic!("no link {text:?} on {}", self.path().await),
        }
    }

    /// Follows the first link whose text contains `text` (a link in a mail).
    pub async fn follow_containing(&self, text: &str) {
        let xpath = format!("//a[contains(normalize-space(.), {})]", xpath_literal(text));
        let link = self.client.find(Locator::XPath(&xpath)).await.unwrap();
        self.navigating(async { link.click().await.unwrap() }).await;
    }

    /// Presses keys on the keyboard, into whatever has focus.
    pub async fn keys(&self, keys: &str) {
        let mut actions = KeyActions::new("keyboard".into());
        for c in keys.chars() {
            actions = actions
                .then(KeyAction::Down { value: c })
                .then(KeyAction::Up { value: c });
        }
        self.client.perform_actions(actions).await.unwrap();
        self.client.release_actions().await.unwrap();
    }

    /// Presses Enter, which submits the form the focus is in, and waits for the answer.
    pub async fn enter(&self) {
        self.navigating(self.keys(&Key::Enter.to_string())).await;
    }

    /// Presses Tab once.
    pub async fn tab(&self) {
        self.keys(&Key::Tab.to_string()).await;
    }

    /// The id of the element that has focus.
    pub async fn focused_id(&self) -> String {
        self.js(
            "return document.activeElement ? document.activeElement.id : ''",
            vec![],
        )
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
    }

    /// Presses Tab until the field labelled `label` has focus (at most `limit` times).
    pub async fn tab_to(&self, label: &str, limit: usize) {
        let id = self
            .field(label)
            .await
            .attr("id")
            .await
            .unwrap()
            .expect("a field with an id");
        for _ in 0..limit {
            self.tab().await;
            if self.focused_id().await == id {
                return;
            }
        }
        panic!("{label:?} never got focus with Tab");
    }

    /// Signs in as `email` through the sign-in form.
    pub async fn sign_in(&mut self, email: &str) {
        self.open("/sign-in").await;
        self.fill("E-mailadresse", email).await;
        self.fill("Adgangskode", PASSWORD).await;
        self.press("Log ind").await;
        assert_ne!(self.path().await, "/sign-in", "signing in as {email}");
    }

    /// Opens the header's menu the way a keyboard user does on a narrow screen: Tab from the
    /// top of the page to "Menu", then Enter. Asserts the link `then` is then shown.
    pub async fn open_menu_with_keyboard(&self, then: &str) {
        let on_menu =
            "return document.activeElement && document.activeElement.matches('.menu > summary')";
        let mut reached = false;
        for _ in 0..5 {
            self.tab().await;
            if self.js(on_menu, vec![]).await == json!(true) {
                reached = true;
                break;
            }
        }
        assert!(reached, "Tab never reached the header's menu button");
        self.keys(&Key::Enter.to_string()).await;
        let open = self
            .js("return document.querySelector('.menu').open", vec![])
            .await;
        assert_eq!(open, json!(true), "Enter opens the menu");
        assert!(
            self.link(then).await.is_displayed().await.unwrap(),
            "{then:?} is shown in the open menu"
        );
    }

    /// Signs out with the header's button.
    pub async fn sign_out(&self) {
        self.press("Log ud").await;
    }

    /// Waits for a file ending in `suffix` to land in the downloads folder; returns its text.
    pub async fn downloaded(&self, suffix: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let found = std::fs::read_dir(self.dir.join("downloads"))
                .unwrap()
                .flatten()
                .map(|e| e.path())
                .find(|p| p.to_string_lossy().ends_with(suffix));
            if let Some(path) = found {
                return std::fs::read_to_string(path).unwrap();
            }
            assert!(Instant::now() < deadline, "no {suffix} file was downloaded");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Makes the window `width` px wide (the page's viewport, in headless Chromium).
    pub async fn set_width(&self, width: u32) {
        self.client.set_window_size(width, 900).await.unwrap();
        // Chromium applies a resize asynchronously: on a busy machine the page can still report
        // the old width for a moment, so wait for it (a stuck viewport still fails).
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let inner = self.js("return window.innerWidth", vec![]).await;
            if inner == json!(width) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "the viewport follows the window: {inner} instead of {width}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}
