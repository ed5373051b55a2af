//! Debian's Chromium through chromedriver: whether they are here, one driver process for the
//! whole test run, and a fresh browser (its own empty profile) per test.
//!
//! Missing programs skip the browser tests with a loud message, so `cargo test` still works on a
//! machine without them; `MEDSPIL_E2E=require` (set by `.ci/run`) turns that into a failure.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};
use serde_json::json;

use crate::helpers::smtp::{free_port, test_deps_dir};

/// The real binary: `/usr/bin/chromium` is a shell wrapper that prints a warning on every start.
const CHROMIUM: &str = "/usr/lib/chromium/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// axe-core as `scripts/test-deps` installs it.
pub fn axe_path() -> PathBuf {
    test_deps_dir().join("axe-core/node_modules/axe-core/axe.min.js")
}

/// The Nu HTML Checker's jar, installed by `scripts/test-deps` (npm `vnu-jar`).
pub fn vnu_path() -> PathBuf {
    test_deps_dir().join("vnu/node_modules/vnu-jar/build/dist/vnu.jar")
}

/// Whether the Nu HTML Checker can run here: its jar and a `java` to run it. Without them the
/// gate skips the markup check loudly, or fails under `MEDSPIL_E2E=require`.
pub fn vnu_available() -> bool {
    static AVAILABLE: OnceLock<bool> = OnceLock::new();
    let available = *AVAILABLE.get_or_init(|| {
        let java = Command::new("java")
            .arg("-version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        java && vnu_path().exists()
    });
    if !available {
        let what = format!("the Nu HTML Checker (java and {})", vnu_path().display());
        if std::env::var("MEDSPIL_E2E").as_deref() == Ok("require") {
            panic!("MEDSPIL_E2E=require, but {what} is missing; run scripts/test-deps (as root)");
        }
        eprintln!(
            "\n{bar}\nSKIPPED the Nu HTML Checker: {what} missing. The gate did NOT validate the\n\
             pages' HTML. Install it with scripts/test-deps (as root).\n{bar}\n",
            bar = "!".repeat(78)
        );
    }
    available
}

/// Where a test's screenshots and downloads go: `<target>/tmp/e2e/<name>`, emptied first.
pub fn output_dir(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("e2e")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("downloads")).expect("create the screenshot folder");
    dir
}

/// What is missing for the browser tests, if anything.
fn missing() -> Option<String> {
    let mut missing = Vec::new();
    if !Path::new(CHROMIUM).exists() {
        missing.push(format!("Chromium ({CHROMIUM}, Debian package chromium)"));
    }
    if !Path::new(CHROMEDRIVER).exists() {
        missing.push(format!(
            "chromedriver ({CHROMEDRIVER}, Debian package chromium-driver)"
        ));
    }
    if missing.is_empty() && (!axe_path().exists() || !vnu_path().exists()) {
        // Like the SMTP server's virtualenv: the one npm package is installed on demand.
        eprintln!("a test helper is missing: running scripts/test-deps to install them");
        let script = crate::helpers::project_root().join("scripts/test-deps");
        let _ = Command::new("bash")
            .arg(&script)
            .env("CARGO_TARGET_DIR", test_deps_dir().join(".."))
            .status();
        if !axe_path().exists() {
            missing.push(format!("axe-core ({})", axe_path().display()));
        }
    }
    (!missing.is_empty()).then(|| missing.join(", "))
}

/// Whether the browser tests can run here. Decided once per test run; a missing program skips
/// them loudly, or fails them under `MEDSPIL_E2E=require`.
pub fn available(test: &str) -> bool {
    static MISSING: OnceLock<Option<String>> = OnceLock::new();
    let setting = std::env::var("MEDSPIL_E2E").unwrap_or_default();
    if setting == "skip" {
        eprintln!("SKIPPED browser test {test}: MEDSPIL_E2E=skip");
        return false;
    }
    let Some(what) = MISSING.get_or_init(missing) else {
        return true;
    };
    if setting == "require" {
        panic!(
            "browser test {test}: MEDSPIL_E2E=require, but {what} is missing; run scripts/test-deps (as root)"
        );
    }
    eprintln!(
        "\n{bar}\nSKIPPED browser test {test}: {what} missing.\n\
         The browser journey and the accessibility gate did NOT run.\n\
         Install them with scripts/test-deps (as root); MEDSPIL_E2E=require makes this a failure.\n{bar}\n",
        bar = "!".repeat(78)
    );
    false
}

struct Driver {
    url: String,
}

/// The one chromedriver of this test run, started on first use.
fn driver() -> &'static Driver {
    static DRIVER: OnceLock<Driver> = OnceLock::new();
    DRIVER.get_or_init(|| {
        let (tx, rx) = std::sync::mpsc::channel();
        // The driver dies with the test process (parent-death signal); that signal belongs to
        // the spawning thread, so this thread lives as long as the process.
        std::thread::Builder::new()
            .name("chromedriver".into())
            .spawn(move || {
                let _ = tx.send(start_driver());
                loop {
                    std::thread::park();
                }
            })
            .expect("spawn the chromedriver thread");
        let port = rx.recv().expect("chromedriver failed to start");
        Driver {
            url: format!("http://127.0.0.1:{port}"),
        }
    })
}

fn start_driver() -> u16 {
    use std::os::unix::process::CommandExt;
    let port = free_port();
    let log = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("e2e-chromedriver.log");
    let log = std::fs::File::create(&log).expect("create the chromedriver log");
    let mut command = Command::new(CHROMEDRIVER);
    command
        .arg(format!("--port={port}"))
        .stdin(Stdio::null())
        .stdout(log.try_clone().unwrap())
        .stderr(log);
    // SAFETY: prctl is async-signal-safe; nothing else runs between fork and exec.
    unsafe {
        command.pre_exec(|| {
            nix::sys::prctl::set_pdeathsig(nix::sys::signal::Signal::SIGTERM)
                .map_err(std::io::Error::from)
        });
    }
    let child: Child = command.spawn().expect("start chromedriver");
    std::mem::forget(child);
    // Ready when it accepts connections.
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "chromedriver did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    port
}

/// A new Chromium with an empty profile, speaking Danish, 1280 px wide, saving downloads into
/// `downloads`. `javascript: false` turns scripts off for every page, as a person can.
pub async fn start_chromium(javascript: bool, downloads: &Path) -> Client {
    let mut prefs = json!({
        "intl.accept_languages": "da",
        "download.default_directory": downloads.to_str().unwrap(),
        "download.prompt_for_download": false,
    });
    if !javascript {
        prefs["profile.managed_default_content_settings.javascript"] = json!(2);
    }
    let mut capabilities = serde_json::Map::new();
    capabilities.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": CHROMIUM,
            // Headless as root; without the background-networking flags Chromium keeps trying
            // to reach Google's hosts, which this closed network refuses.
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions",
                "--lang=da", "--accept-lang=da", "--window-size=1280,900",
                "--hide-scrollbars",
            ],
            "prefs": prefs,
        }),
    );
    let mut last_error = None;
    // A loaded 2-core machine can be slow to start a browser: try a few times.
    for _ in 0..3 {
        match ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(capabilities.clone())
            .connect(&driver().url)
            .await
        {
            Ok(client) => return client,
            Err(e) => last_error = Some(e),
        }
    }
    panic!("starting Chromium through chromedriver: {last_error:?}");
}
