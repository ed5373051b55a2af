//! The server binary with its embedded PostgreSQL: data survives a restart, and a start after
//! the app was killed with `kill -9` adopts the cluster it left running.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;
use sqlx::Connection;

use crate::helpers::smtp::free_port;

/// A data folder of the test's own, reachable by the database's unprivileged user.
struct DataDir(PathBuf);

impl DataDir {
    fn new() -> DataDir {
        let dir = std::env::temp_dir().join(format!(
            "medspil-test-{}-srv-{}",
            std::process::id(),
            uuid::Uuid::new_v4().simple()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        DataDir(dir)
    }

    fn postmaster_pid(&self) -> Option<i32> {
        let text = std::fs::read_to_string(self.0.join("postgres/postmaster.pid")).ok()?;
        text.lines().next()?.trim().parse().ok()
    }
}

impl Drop for DataDir {
    fn drop(&mut self) {
        if let Some(pid) = self.postmaster_pid() {
            let _ = kill(Pid::from_raw(pid), Signal::SIGQUIT);
            std::thread::sleep(Duration::from_millis(300));
        }
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The `medspil` binary, serving from `data`.
struct Server {
    child: Child,
    base: String,
}

impl Server {
    fn start(data: &DataDir) -> Server {
        let port = free_port();
        let mut child = Command::new(env!("CARGO_BIN_EXE_medspil"))
            .env_remove("DATABASE_URL")
            .env("MEDSPIL_BIND", format!("127.0.0.1:{port}"))
            .env("MEDSPIL_DATA_DIR", &data.0)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start the medspil binary");
        // It prints its address once it listens.
        let stdout = child.stdout.take().unwrap();
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).unwrap();
        assert!(
            line.contains(&format!("http://127.0.0.1:{port}")),
            "unexpected first line: {line:?}"
        );
        Server {
            child,
            base: format!("http://127.0.0.1:{port}"),
        }
    }

    async fn get(&self, path: &str) -> (u16, String) {
        let r = reqwest::get(format!("{}{path}", self.base)).await.unwrap();
        (r.status().as_u16(), r.text().await.unwrap())
    }

    fn terminate(mut self) {
        kill(Pid::from_raw(self.child.id() as i32), Signal::SIGTERM).unwrap();
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                assert!(status.success(), "the server exited with {status}");
                return;
            }
            assert!(
                Instant::now() < deadline,
                "the server did not stop on SIGTERM"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn kill_9(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

/// Whether `pid` is a live process (a zombie waiting for a parent that does not reap it, as
/// an orphan can be in a container, counts as dead).
fn alive(pid: i32) -> bool {
    let zombie = std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| {
            s.rsplit_once(')')
                .map(|(_, rest)| rest.trim_start().starts_with('Z'))
        })
        .unwrap_or(false);
    kill(Pid::from_raw(pid), None).is_ok() && !zombie
}

fn db_url(data: &Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_medspil"))
        .args(["db", "url"])
        .env_remove("DATABASE_URL")
        .env("MEDSPIL_DATA_DIR", data)
        .env("RUST_LOG", "warn")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "medspil db url: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_embedded_cluster_keeps_its_data_across_restarts_and_a_kill_9() {
    let data = DataDir::new();

    // First start: the cluster is created; add a unit through the printed database URL.
    let server = tokio::task::block_in_place(|| Server::start(&data));
    assert_eq!(server.get("/readyz").await.0, 200);
    let url = tokio::task::block_in_place(|| db_url(&data.0));
    assert!(
        url.starts_with("postgres://") && url.contains("host=/"),
        "{url}"
    );
    let mut conn = sqlx::PgConnection::connect(&url).await.unwrap();
    sqlx::query(
        "INSERT INTO units (id, municipality_code, kind, name, slug, created_at)
         VALUES (gen_random_uuid(), '0746', 'department', 'Kultur og Borgerservice', 'kultur', now())",
    )
    .execute(&mut conn)
    .await
    .unwrap();
    conn.close().await.unwrap();

    // A clean stop stops PostgreSQL too.
    let first_pid = data.postmaster_pid().expect("a running cluster");
    tokio::task::block_in_place(|| server.terminate());
    assert!(
        !alive(first_pid),
        "PostgreSQL kept running after the server stopped"
    );
    assert!(
        data.postmaster_pid().is_none(),
        "postmaster.pid left behind"
    );

    // Second start: the data is still there.
    let server = tokio::task::block_in_place(|| Server::start(&data));
    let (status, body) = server.get("/municipalities/skanderborg").await;
    assert_eq!(status, 200);
    assert!(body.contains("Kultur og Borgerservice"));

    // kill -9: PostgreSQL is orphaned but alive; the next start adopts it.
    let orphan = data.postmaster_pid().unwrap();
    tokio::task::block_in_place(|| server.kill_9());
    assert!(alive(orphan));
    let server = tokio::task::block_in_place(|| Server::start(&data));
    let (status, body) = server.get("/municipalities/skanderborg").await;
    assert_eq!(status, 200);
    assert!(body.contains("Kultur og Borgerservice"));
    tokio::task::block_in_place(|| server.terminate());
    assert!(!alive(orphan), "the adopted cluster was not stopped");
}
