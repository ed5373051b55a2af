//! The real `medspil` binary as an operator runs it: its own process, its environment, its
//! output captured, stopped with SIGTERM. For the tests of several processes, shutdown and logs.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

use crate::helpers::smtp::free_port;

/// A running `medspil serve`.
pub struct AppProcess {
    child: Child,
    pub base: String,
    /// Every line it wrote to stdout and stderr so far.
    output: Arc<Mutex<Vec<String>>>,
}

impl AppProcess {
    /// Starts the binary against `database_url` with `env` on top of a quiet default
    /// environment, and waits until it listens.
    pub fn start(database_url: &str, env: &[(&str, &str)]) -> AppProcess {
        let port = free_port();
        let mut vars: HashMap<&str, String> = HashMap::from([
            ("DATABASE_URL", database_url.to_string()),
            ("MEDSPIL_BIND", format!("127.0.0.1:{port}")),
            ("RUST_LOG", "warn".to_string()),
        ]);
        for (k, v) in env {
            vars.insert(k, v.to_string());
        }
        let mut command = Command::new(env!("CARGO_BIN_EXE_medspil"));
        // Nothing from the developer's environment or `.env` may change what is tested.
        command.env_clear().current_dir(std::env::temp_dir());
        for key in ["PATH", "HOME", "TMPDIR"] {
            if let Ok(v) = std::env::var(key) {
                command.env(key, v);
            }
        }
        let mut child = command
            .envs(&vars)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start the medspil binary");
        let output = Arc::new(Mutex::new(Vec::new()));
        let (ready_tx, ready_rx) = std::sync::mpsc::channel();
        let stdout = child.stdout.take().unwrap();
        let stderr = child.stderr.take().unwrap();
        for (stream, ready) in [
            (
                Box::new(stdout) as Box<dyn std::io::Read + Send>,
                Some(ready_tx),
            ),
            (Box::new(stderr), None),
        ] {
            let output = output.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines() {
                    let Ok(line) = line else { break };
                    if line.contains("kører på") {
                        if let Some(ready) = &ready {
                            let _ = ready.send(());
                        }
                    }
                    output.lock().unwrap().push(line);
                }
            });
        }
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if ready_rx.recv_timeout(Duration::from_millis(50)).is_ok() {
                break;
            }
            if let Some(status) = child.try_wait().unwrap() {
                panic!(
                    "medspil exited with {status} before listening:\n{}",
                    output.lock().unwrap().join("\n")
                );
            }
            assert!(Instant::now() < deadline, "medspil did not start listening");
        }
        AppProcess {
            child,
            base: format!("http://127.0.0.1:{port}"),
            output,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn pid(&self) -> Pid {
        Pid::from_raw(self.child.id() as i32)
    }

    /// What it has printed so far, one line each.
    pub fn output(&self) -> Vec<String> {
        self.output.lock().unwrap().clone()
    }

    /// Sends SIGTERM, as systemd does to stop a service.
    pub fn sigterm(&self) {
        kill(self.pid(), Signal::SIGTERM).expect("send SIGTERM");
    }

    /// Waits for the process to exit; `None` if it is still running after `limit`.
    pub fn wait_for_exit(&mut self, limit: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + limit;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Some(status);
            }
            if Instant::now() >= deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// SIGTERM, and the process must exit successfully within `limit`.
    pub fn stop(&mut self, limit: Duration) {
        self.sigterm();
        let status = self
            .wait_for_exit(limit)
            .unwrap_or_else(|| panic!("medspil did not exit within {limit:?} of SIGTERM"));
        assert!(status.success(), "medspil exited with {status}");
    }
}

impl Drop for AppProcess {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
