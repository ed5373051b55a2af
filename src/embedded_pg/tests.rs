//! Starting, stopping, restarting and adopting real clusters in scratch folders.

use super::binaries::is_executable;
use super::*;

/// A scratch directory under /tmp that stops any server in it and is removed on drop,
/// also when an assertion fails.
struct Scratch {
    root: PathBuf,
    opts: ClusterOptions,
}

impl Scratch {
    fn new(tag: &str, data_sub: &str) -> Scratch {
        let root = PathBuf::from(format!("/tmp/medspil-pgtest-{}-{tag}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        DirBuilder::new()
            .mode(0o755)
            .create(&root)
            .expect("create scratch dir");
        fs::set_permissions(&root, fs::Permissions::from_mode(0o755)).expect("chmod scratch dir");
        let opts = ClusterOptions {
            data_dir: root.join(data_sub),
            log_file: root.join("data/postgres.log"),
            die_with_parent: true,
        };
        Scratch { root, opts }
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let pid_file = self.opts.data_dir.join("postmaster.pid");
        let pid = fs::read_to_string(pid_file)
            .ok()
            .and_then(|t| t.lines().next()?.trim().parse::<i32>().ok());
        if let Some(pid) = pid.filter(|p| is_alive(*p)) {
            let _ = kill(Pid::from_raw(pid), Signal::SIGQUIT);
            for _ in 0..100 {
                let _ = waitpid(Pid::from_raw(pid), Some(WaitPidFlag::WNOHANG));
                if !is_alive(pid) {
                    break;
                }
                sleep(POLL);
            }
        }
        if let Ok(data_dir) = fs::canonicalize(&self.opts.data_dir) {
            let _ = fs::remove_dir_all(tmp_socket_dir(&data_dir));
        }
        let _ = fs::remove_dir_all(&self.root);
    }
}

fn start(scratch: &Scratch) -> EmbeddedPg {
    let bins = PgBinaries::find().expect("binaries");
    match EmbeddedPg::start(&bins, scratch.opts.clone()) {
        Ok(pg) => pg,
        Err(e) => panic!("start failed: {e:#}"),
    }
}

#[test]
fn finds_binaries() {
    let bins = PgBinaries::find().expect("PostgreSQL binaries installed here");
    assert!(
        is_executable(&bins.bindir.join("postgres")),
        "{}",
        bins.bindir.display()
    );
    assert!(NO_BINARIES.ends_with("existing database."));
}

#[test]
fn start_stop_restart_and_adopt() {
    let scratch = Scratch::new("cycle", "data/postgres");
    let mut pg = start(&scratch);
    assert_eq!(
        pg.psql("medspil", "select 1").expect("select 1").trim(),
        "1"
    );
    assert!(
        pg.url()
            .starts_with("postgres://medspil@localhost/medspil?host=/")
    );
    pg.psql(
        "medspil",
        "create table kept (x int); insert into kept values (42)",
    )
    .expect("create table");
    let first_pid = pg.pid();
    pg.stop().expect("stop");
    pg.stop().expect("second stop is a no-op");
    assert!(!is_alive(first_pid));

    // Data survives a restart.
    let pg = start(&scratch);
    assert_eq!(
        pg.psql("medspil", "select x from kept")
            .expect("select")
            .trim(),
        "42"
    );

    // Our process "dies" without stopping the server: the next start adopts it.
    let running = pg.pid();
    drop(pg);
    assert!(is_alive(running));
    let mut adopted = start(&scratch);
    assert_eq!(adopted.pid(), running);
    assert!(adopted.child.is_none());
    assert_eq!(
        adopted
            .psql("medspil", "select x from kept")
            .expect("select")
            .trim(),
        "42"
    );
    adopted.stop().expect("stop adopted");
    assert!(!is_alive(running));
}

#[test]
fn stale_pid_file_is_removed_and_long_paths_use_tmp_socket() {
    let long = format!("data/{}/postgres", "x".repeat(90));
    let scratch = Scratch::new("stale", &long);
    let mut pg = start(&scratch);
    let socket_dir = pg.socket_dir().to_path_buf();
    assert!(
        socket_dir.to_string_lossy().starts_with("/tmp/medspil-pg-"),
        "{}",
        socket_dir.display()
    );
    pg.stop().expect("stop");
    assert!(!is_alive(999_999), "pid 999999 unexpectedly in use");
    fs::write(
        scratch.opts.data_dir.join("postmaster.pid"),
        "999999\n/nowhere\n",
    )
    .expect("write stale pid file");

    let mut pg = start(&scratch);
    assert_ne!(pg.pid(), 999_999);
    assert_eq!(
        pg.psql("medspil", "select 1").expect("select 1").trim(),
        "1"
    );
    pg.stop().expect("stop");
}
