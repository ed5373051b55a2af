//! A private PostgreSQL cluster for running Medspil without `DATABASE_URL`.
//!
//! We find the machine's installed server programs ([`PgBinaries::find`]), create a cluster with
//! `initdb` on first use and run `postgres` directly (not through `pg_ctl`, so the parent-death
//! signal lands on the real postmaster). The server listens only on a unix socket in the data
//! directory (or a short `/tmp/medspil-pg-<hash>` directory when that path would be too long for a
//! socket address), with `trust` authentication: the socket's 0700 permissions are the access
//! control. PostgreSQL refuses to run as root, so as root everything runs as `postgres` (or
//! `nobody`) and the data directory is handed to that user. If an earlier process of ours died and
//! left its postmaster running, [`EmbeddedPg::start`] adopts it instead of failing on the lock
//! file; a stale lock file from a dead postmaster is removed. Everything here is synchronous
//! (`std::process`), so callers use it from a CLI or `spawn_blocking`.

mod binaries;
mod fsutil;
#[cfg(test)]
mod tests;

pub use binaries::PgBinaries;
use fsutil::*;

use std::fmt;
use std::fs::{self, DirBuilder, File, OpenOptions};
use std::io::{ErrorKind, Read, Seek, SeekFrom};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt, lchown};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use nix::errno::Errno;
use nix::sys::signal::{Signal, kill};
use nix::sys::wait::{WaitPidFlag, waitpid};
use nix::unistd::{Gid, Pid, Uid, User, geteuid};

const NAME: &str = "medspil";
const PORT: &str = "5432";
const SOCKET_NAME: &str = ".s.PGSQL.5432";
const MAX_SOCKET_PATH: usize = 100;
const READY_TIMEOUT: Duration = Duration::from_secs(30);
const STOP_TIMEOUT: Duration = Duration::from_secs(15);
const POLL: Duration = Duration::from_millis(50);

const NO_BINARIES: &str = "PostgreSQL's server programs (initdb, postgres) were not found: install the PostgreSQL server package (`apt-get install postgresql` on Debian/Ubuntu) or set DATABASE_URL to use an existing database.";

/// Why the embedded cluster could not be found, started or stopped.
#[derive(Debug)]
pub enum EmbeddedPgError {
    /// No directory with `initdb`, `postgres` and `pg_ctl` was found.
    NoBinaries,
    /// Anything else; the message names the file or command involved.
    Other(anyhow::Error),
}

impl fmt::Display for EmbeddedPgError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EmbeddedPgError::NoBinaries => f.write_str(NO_BINARIES),
            // Transparent, so `{:#}` still prints anyhow's whole context chain.
            EmbeddedPgError::Other(e) => fmt::Display::fmt(e, f),
        }
    }
}

impl std::error::Error for EmbeddedPgError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            EmbeddedPgError::NoBinaries => None,
            EmbeddedPgError::Other(e) => std::error::Error::source(&**e),
        }
    }
}

impl From<anyhow::Error> for EmbeddedPgError {
    fn from(e: anyhow::Error) -> Self {
        EmbeddedPgError::Other(e)
    }
}

/// Where the cluster lives and logs.
#[derive(Debug, Clone)]
pub struct ClusterOptions {
    /// The PGDATA directory itself, e.g. `./data/postgres`.
    pub data_dir: PathBuf,
    /// Where the server's stdout/stderr go (appended), e.g. `./data/postgres.log`.
    pub log_file: PathBuf,
    /// Make the postmaster receive SIGQUIT when the spawning thread dies (tests).
    pub die_with_parent: bool,
}

/// The user the server processes run as: `None` means ourselves (we are not root).
#[derive(Debug, Clone)]
struct RunAs {
    ids: Option<(Uid, Gid)>,
}

impl RunAs {
    fn detect() -> anyhow::Result<RunAs> {
        if !geteuid().is_root() {
            return Ok(RunAs { ids: None });
        }
        // PostgreSQL refuses to run as root.
        for name in ["postgres", "nobody"] {
            if let Some(u) =
                User::from_name(name).with_context(|| format!("looking up user {name}"))?
            {
                return Ok(RunAs {
                    ids: Some((u.uid, u.gid)),
                });
            }
        }
        bail!("running as root, but there is no `postgres` or `nobody` user to run PostgreSQL as")
    }

    fn uid(&self) -> Uid {
        self.ids.map_or_else(geteuid, |(u, _)| u)
    }
}

/// A running cluster, started or adopted by us. Dropping it does not stop the server.
#[derive(Debug)]
pub struct EmbeddedPg {
    bins: PgBinaries,
    data_dir: PathBuf,
    socket_dir: PathBuf,
    log_file: PathBuf,
    run_as: RunAs,
    pid: i32,
    /// Set when we spawned the postmaster ourselves, so we can reap it.
    child: Option<Child>,
    stopped: bool,
}

impl EmbeddedPg {
    /// Create the cluster on first use (initdb) or reuse the existing one; start it, or adopt one
    /// left running by an earlier process of ours; wait (up to 30 s) until it accepts connections.
    pub fn start(bins: &PgBinaries, opts: ClusterOptions) -> Result<EmbeddedPg, EmbeddedPgError> {
        let run_as = RunAs::detect()?;
        let data_dir = prepare_data_dir(&opts.data_dir, &run_as)?;
        if let Some(parent) = opts.log_file.parent().filter(|p| !p.as_os_str().is_empty()) {
            io(fs::create_dir_all(parent), "creating", parent)?;
        }
        let socket_dir = choose_socket_dir(&data_dir, &run_as)?;
        let mut pg = EmbeddedPg {
            bins: bins.clone(),
            data_dir,
            socket_dir,
            log_file: opts.log_file,
            run_as,
            pid: 0,
            child: None,
            stopped: false,
        };
        if !pg.data_dir.join("PG_VERSION").is_file() {
            pg.initdb()?;
        }
        if let Err(e) = pg
            .run(opts.die_with_parent)
            .and_then(|()| pg.ensure_database())
        {
            // Do not leave a half-started server of ours behind; an adopted one is not ours.
            if pg.child.is_some() {
                let _ = pg.stop();
            }
            return Err(e.into());
        }
        Ok(pg)
    }

    /// Directory containing the unix socket (`.s.PGSQL.5432`).
    pub fn socket_dir(&self) -> &Path {
        &self.socket_dir
    }

    /// The role name: "medspil".
    pub fn user(&self) -> &str {
        NAME
    }

    /// The database name: "medspil".
    pub fn database(&self) -> &str {
        NAME
    }

    /// A libpq/sqlx URL for the `medspil` database over the unix socket.
    pub fn url(&self) -> String {
        self.url_for(NAME)
    }

    /// A libpq/sqlx URL for another database in this cluster.
    pub fn url_for(&self, database: &str) -> String {
        format!(
            "postgres://{NAME}@localhost/{database}?host={}",
            self.socket_dir.display()
        )
    }

    /// PID of the postmaster.
    pub fn pid(&self) -> i32 {
        self.pid
    }

    /// Fast shutdown: SIGINT, wait up to 15 s, then SIGQUIT. Idempotent.
    pub fn stop(&mut self) -> Result<(), EmbeddedPgError> {
        if self.stopped {
            return Ok(());
        }
        let pid = Pid::from_raw(self.pid);
        match kill(pid, Signal::SIGINT) {
            Ok(()) => {}
            Err(Errno::ESRCH) => {}
            Err(e) => {
                return Err(anyhow::Error::new(e)
                    .context(format!("signalling PostgreSQL (pid {pid})"))
                    .into());
            }
        }
        if !self.wait_exit(STOP_TIMEOUT)? {
            tracing::warn!(
                pid = self.pid,
                "PostgreSQL did not stop within 15 s; sending SIGQUIT"
            );
            let _ = kill(pid, Signal::SIGQUIT);
            if !self.wait_exit(Duration::from_secs(5))? {
                return Err(anyhow::anyhow!(
                    "PostgreSQL (pid {pid}) did not exit after SIGINT and SIGQUIT"
                )
                .into());
            }
        }
        self.stopped = true;
        Ok(())
    }

    /// Adopt a live postmaster or spawn our own, then wait until it is ready.
    fn run(&mut self, die_with_parent: bool) -> anyhow::Result<()> {
        // A second round covers an adopted postmaster that was shutting down and then exited.
        for round in 0..2 {
            match self.live_postmaster()? {
                Some((pid, socket_dir)) => {
                    let data_dir = self.data_dir.display();
                    tracing::info!(pid, %data_dir, "adopting running PostgreSQL");
                    self.pid = pid;
                    if let Some(dir) = socket_dir {
                        self.socket_dir = dir;
                    }
                    match self.wait_ready() {
                        Err(_) if round == 0 && !is_alive(pid) => continue,
                        result => return result,
                    }
                }
                None => {
                    self.spawn(die_with_parent)?;
                    return self.wait_ready();
                }
            }
        }
        bail!(
            "PostgreSQL in {} kept exiting while we tried to adopt it",
            self.data_dir.display()
        )
    }

    /// A command for a PostgreSQL program, with our credentials policy and a clean environment.
    fn command(&self, program: &Path) -> Command {
        let mut cmd = Command::new(program);
        cmd.current_dir("/").stdin(Stdio::null());
        // PGPORT, PGHOST, PGDATA etc. from our environment would redirect servers and clients.
        for (key, _) in std::env::vars_os() {
            if key.as_bytes().starts_with(b"PG") {
                cmd.env_remove(key);
            }
        }
        if let Some((uid, gid)) = self.run_as.ids {
            // root's HOME is not readable by the db user; psql and friends would complain.
            cmd.uid(uid.as_raw())
                .gid(gid.as_raw())
                .env("HOME", &self.data_dir);
        }
        cmd
    }

    fn initdb(&self) -> anyhow::Result<()> {
        if io(fs::read_dir(&self.data_dir), "reading", &self.data_dir)?
            .next()
            .is_some()
        {
            bail!(
                "{} is not empty but is not a PostgreSQL data directory (no PG_VERSION)",
                self.data_dir.display()
            );
        }
        let data_dir = self.data_dir.display();
        tracing::info!(%data_dir, "initialising a new PostgreSQL cluster");
        for locale in ["C.UTF-8", "C"] {
            let log_start = fs::metadata(&self.log_file).map_or(0, |m| m.len());
            let log = open_log(&self.log_file)?;
            let status = self
                .command(&self.bins.bindir.join("initdb"))
                .arg("-D")
                .arg(&self.data_dir)
                .args([
                    "--encoding=UTF8",
                    &format!("--locale={locale}"),
                    "--username=medspil",
                    "--auth=trust",
                ])
                .stdout(log.try_clone().context("duplicating log file handle")?)
                .stderr(log)
                .status()
                .context("running initdb")?;
            if status.success() {
                return Ok(());
            }
            // initdb removes what it created on failure, so a retry starts from an empty directory.
            // It always mentions the locale it uses, so look for an error line about it.
            let output = read_log(&self.log_file, log_start, usize::MAX).to_lowercase();
            if locale != "C"
                && output
                    .lines()
                    .any(|l| l.contains("locale") && (l.contains("error") || l.contains("invalid")))
            {
                tracing::warn!("initdb failed with locale C.UTF-8; retrying with locale C");
                continue;
            }
            bail!(
                "initdb failed ({status}); last lines of {}:\n{}",
                self.log_file.display(),
                self.log_tail()
            );
        }
        bail!("initdb failed; see {}", self.log_file.display())
    }

    /// The postmaster named in postmaster.pid if it is alive (with the socket directory it uses);
    /// otherwise removes the stale lock file and socket so a new server can start.
    fn live_postmaster(&self) -> anyhow::Result<Option<(i32, Option<PathBuf>)>> {
        let pid_file = self.data_dir.join("postmaster.pid");
        let text = match fs::read_to_string(&pid_file) {
            Ok(text) => text,
            Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
            Err(e) => return io(Err(e), "reading", &pid_file),
        };
        let lines: Vec<&str> = text.lines().collect();
        let pid = lines
            .first()
            .and_then(|l| l.trim().parse::<i32>().ok())
            .filter(|p| *p > 0);
        if let Some(pid) = pid.filter(|p| is_alive(*p)) {
            match is_postgres(pid) {
                Some(true) => {
                    let socket_dir = lines
                        .get(4)
                        .map(|l| l.trim())
                        .filter(|l| !l.is_empty())
                        .map(PathBuf::from);
                    return Ok(Some((pid, socket_dir)));
                }
                // The pid was reused (e.g. after a reboot): its postmaster is long gone.
                Some(false) => tracing::warn!(
                    pid,
                    "postmaster.pid names a live process that is not PostgreSQL"
                ),
                None => bail!(
                    "{} names process {pid}, which is alive but cannot be inspected; \
                     is another PostgreSQL server using this data directory?",
                    pid_file.display()
                ),
            }
        }
        let stale = pid_file.display();
        tracing::info!(%stale, "removing stale PostgreSQL lock file");
        io(fs::remove_file(&pid_file), "removing", &pid_file)?;
        let socket = self.socket_dir.join(SOCKET_NAME);
        let _ = fs::remove_file(&socket);
        let _ = fs::remove_file(socket.with_file_name(format!("{SOCKET_NAME}.lock")));
        Ok(None)
    }

    fn spawn(&mut self, die_with_parent: bool) -> anyhow::Result<()> {
        let log = open_log(&self.log_file)?;
        let mut cmd = self.command(&self.bins.bindir.join("postgres"));
        cmd.arg("-D")
            .arg(&self.data_dir)
            .args(["-p", PORT, "-c", "listen_addresses=", "-k"])
            .arg(&self.socket_dir)
            .args([
                "-c",
                "unix_socket_permissions=0700",
                "-c",
                "max_connections=200",
                "-c",
                "fsync=on",
            ])
            .stdout(log.try_clone().context("duplicating log file handle")?)
            .stderr(log)
            // Own process group: a terminal Ctrl-C must not reach it; the app stops it in order.
            .process_group(0);
        if die_with_parent {
            let parent = std::process::id() as i32;
            // SAFETY: the closure only makes async-signal-safe syscalls (prctl, getppid).
            // PR_SET_PDEATHSIG fires when the spawning *thread* exits, so callers must spawn from
            // a thread that lives as long as the process. std applies uid/gid before pre_exec
            // closures, so the credential change (which clears the death signal) comes first.
            unsafe {
                cmd.pre_exec(move || {
                    nix::sys::prctl::set_pdeathsig(Some(Signal::SIGQUIT))?;
                    // The parent may have died before the prctl: then nobody would signal us.
                    if nix::unistd::getppid().as_raw() != parent {
                        return Err(std::io::Error::from(Errno::ESRCH));
                    }
                    Ok(())
                });
            }
        }
        let child = cmd.spawn().context("starting postgres")?;
        self.pid = child.id() as i32;
        self.child = Some(child);
        let socket_dir = self.socket_dir.display();
        tracing::info!(pid = self.pid, %socket_dir, "starting PostgreSQL");
        Ok(())
    }

    fn wait_ready(&mut self) -> anyhow::Result<()> {
        let deadline = Instant::now() + READY_TIMEOUT;
        loop {
            if let Some(child) = &mut self.child {
                if let Some(status) = child.try_wait().context("checking on postgres")? {
                    self.stopped = true;
                    bail!(
                        "PostgreSQL exited during startup ({status}); last lines of {}:\n{}",
                        self.log_file.display(),
                        self.log_tail()
                    );
                }
            } else if !is_alive(self.pid) {
                bail!(
                    "PostgreSQL (pid {}) exited while we waited for it; see {}",
                    self.pid,
                    self.log_file.display()
                );
            }
            if self.is_ready() {
                return Ok(());
            }
            if Instant::now() >= deadline {
                bail!(
                    "PostgreSQL did not accept connections within 30 s; see its log at {}",
                    self.log_file.display()
                );
            }
            sleep(POLL);
        }
    }

    fn is_ready(&self) -> bool {
        let Ok(text) = fs::read_to_string(self.data_dir.join("postmaster.pid")) else {
            return false;
        };
        let lines: Vec<&str> = text.lines().collect();
        lines.len() >= 8
            && lines[0].trim() == self.pid.to_string()
            && lines[7].trim() == "ready"
            && self.socket_dir.join(SOCKET_NAME).exists()
    }

    /// Whether the postmaster has exited within `timeout` (reaping it if it is our child).
    fn wait_exit(&mut self, timeout: Duration) -> anyhow::Result<bool> {
        let deadline = Instant::now() + timeout;
        loop {
            let gone = match &mut self.child {
                Some(child) => child.try_wait().context("waiting for postgres")?.is_some(),
                None => {
                    // It may still be our child (an EmbeddedPg dropped without stop): reap it so
                    // it does not linger as a zombie. For anyone else's child this is an ECHILD.
                    let _ = waitpid(Pid::from_raw(self.pid), Some(WaitPidFlag::WNOHANG));
                    !is_alive(self.pid)
                }
            };
            if gone {
                return Ok(true);
            }
            if Instant::now() >= deadline {
                return Ok(false);
            }
            sleep(POLL);
        }
    }

    /// Run one SQL statement with psql as the cluster's owner; returns its unaligned output.
    fn psql(&self, database: &str, sql: &str) -> anyhow::Result<String> {
        let psql = self
            .bins
            .client("psql")
            .context("psql not found next to the server programs or on PATH")?;
        let out = self
            .command(&psql)
            .args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h"])
            .arg(&self.socket_dir)
            .args(["-p", PORT, "-U", NAME, "-d", database, "-tAc", sql])
            .output()
            .context("running psql")?;
        if !out.status.success() {
            bail!(
                "psql failed ({}): {}",
                out.status,
                String::from_utf8_lossy(&out.stderr).trim()
            );
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// Create the `medspil` database if missing, so an interrupted first start recovers.
    fn ensure_database(&self) -> anyhow::Result<()> {
        let have_psql = self.bins.client("psql").is_some();
        if have_psql
            && self
                .psql(
                    "postgres",
                    "select 1 from pg_database where datname='medspil'",
                )?
                .trim()
                == "1"
        {
            return Ok(());
        }
        tracing::info!("creating database medspil");
        if let Some(createdb) = self.bins.client("createdb") {
            let out = self
                .command(&createdb)
                .arg("-h")
                .arg(&self.socket_dir)
                .args(["-p", PORT, "-U", NAME, NAME])
                .output()
                .context("running createdb")?;
            let stderr = String::from_utf8_lossy(&out.stderr);
            // Without psql we could not check first, so "already exists" is success.
            if out.status.success() || (!have_psql && stderr.contains("already exists")) {
                return Ok(());
            }
            bail!("createdb failed ({}): {}", out.status, stderr.trim());
        }
        if have_psql {
            self.psql("postgres", "CREATE DATABASE medspil")?;
            return Ok(());
        }
        bail!("neither createdb nor psql was found, so the medspil database cannot be created")
    }

    fn log_tail(&self) -> String {
        read_log(&self.log_file, 0, 20)
    }
}
