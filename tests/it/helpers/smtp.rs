//! A real SMTP server for mail tests: Python's `aiosmtpd` on loopback, writing what it receives
//! to a maildir. It lives in a virtualenv under `target/` that `scripts/test-deps` installs; if
//! it is missing, the harness runs that script once itself.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// `target/test-deps`, wherever the target directory is.
pub fn test_deps_dir() -> PathBuf {
    // CARGO_TARGET_TMPDIR is `<target>/tmp` for integration tests.
    PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("..")
        .join("test-deps")
}

fn python() -> PathBuf {
    static PYTHON: OnceLock<PathBuf> = OnceLock::new();
    PYTHON
        .get_or_init(|| {
            let python = test_deps_dir().join("venv/bin/python");
            let has_aiosmtpd = |p: &PathBuf| {
                Command::new(p)
                    .args(["-c", "import aiosmtpd"])
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .status()
                    .is_ok_and(|s| s.success())
            };
            if !has_aiosmtpd(&python) {
                eprintln!("aiosmtpd is missing: running scripts/test-deps to install the test helpers");
                let script = super::project_root().join("scripts/test-deps");
                let status = Command::new("bash")
                    .arg(&script)
                    .env("CARGO_TARGET_DIR", test_deps_dir().join(".."))
                    .status();
                assert!(
                    status.is_ok_and(|s| s.success()) && has_aiosmtpd(&python),
                    "the SMTP test server (aiosmtpd) is not installed and scripts/test-deps failed; \
                     run `scripts/test-deps` and look at its output"
                );
            }
            python
        })
        .clone()
}

/// A free loopback port (a tiny race with other processes is acceptable in tests).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A running SMTP server process.
pub struct SmtpServer {
    pub port: u16,
    pub maildir: PathBuf,
    child: Option<Child>,
}

impl SmtpServer {
    /// Starts a server on a free port.
    pub fn start() -> SmtpServer {
        Self::start_on(free_port())
    }

    /// Starts a server on `port` (to bring back one that was stopped).
    pub fn start_on(port: u16) -> SmtpServer {
        let maildir =
            std::env::temp_dir().join(format!("medspil-maildir-{}-{port}", std::process::id()));
        let child = Command::new(python())
            .args([
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                &format!("127.0.0.1:{port}"),
                "-c",
                "aiosmtpd.handlers.Mailbox",
            ])
            .arg(&maildir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start aiosmtpd");
        let server = SmtpServer {
            port,
            maildir,
            child: Some(child),
        };
        let deadline = Instant::now() + Duration::from_secs(15);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "aiosmtpd did not start listening on {port}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// The messages received so far, parsed.
    pub fn received(&self) -> Vec<Received> {
        self.messages()
            .iter()
            .map(|raw| Received::parse(raw))
            .collect()
    }

    /// The raw messages received so far.
    pub fn messages(&self) -> Vec<String> {
        let mut found = Vec::new();
        for sub in ["new", "cur"] {
            if let Ok(entries) = std::fs::read_dir(self.maildir.join(sub)) {
                for entry in entries.flatten() {
                    if let Ok(text) = std::fs::read_to_string(entry.path()) {
                        found.push(text);
                    }
                }
            }
        }
        found
    }

    /// Stops the server (its port then refuses connections).
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        self.stop();
        let _ = std::fs::remove_dir_all(&self.maildir);
    }
}

/// A received message, decoded.
#[derive(Debug)]
pub struct Received {
    pub headers: Vec<(String, String)>,
    pub text: String,
    pub attachments: Vec<String>,
}

impl Received {
    fn parse(raw: &str) -> Received {
        let mail = mailparse::parse_mail(raw.as_bytes()).expect("a parsable message");
        let headers = mail
            .headers
            .iter()
            .map(|h| (h.get_key(), h.get_value()))
            .collect();
        let mut text = String::new();
        let mut attachments = Vec::new();
        fn walk(part: &mailparse::ParsedMail, text: &mut String, attachments: &mut Vec<String>) {
            let disposition = part.get_content_disposition();
            if let Some(name) = disposition.params.get("filename") {
                attachments.push(name.clone());
            } else if part.ctype.mimetype == "text/plain" {
                text.push_str(&part.get_body().unwrap_or_default());
            }
            for sub in &part.subparts {
                walk(sub, text, attachments);
            }
        }
        walk(&mail, &mut text, &mut attachments);
        Received {
            headers,
            text,
            attachments,
        }
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}
