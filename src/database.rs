//! Opening the database: the one named by `DATABASE_URL`, or the private embedded cluster.
//! Migrations run here, at startup, for every process.
//!
//! Several Medspil processes may share one embedded cluster: the server, and beside it an
//! operator's `medspil admin …`, which adopts the running cluster. Every connection names its
//! process in `application_name` (`medspil/<pid>`), and a process stops the cluster on exit
//! only when no other Medspil process is connected to it ([`Database::close`]), so an operator
//! command never takes the live site's database down. After a `kill -9` nothing of the dead
//! process stays connected, so the next process to exit stops the cluster as before.

use std::path::Path;
use std::str::FromStr;
use std::sync::LazyLock;
use std::time::Duration;

use anyhow::Context;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{Connection, PgConnection, PgPool};

use crate::config::{Config, DatabaseConfig};
use crate::embedded_pg::{ClusterOptions, EmbeddedPg, PgBinaries};

/// The migrations compiled into the binary.
///
/// Told to ignore applied migrations it does not know: in a rolling upgrade the new version
/// migrates first, and the processes of the previous version still running (or restarting)
/// beside it must not refuse to start. Migrations only ever add, so the old code keeps working
/// on the newer schema.
pub static MIGRATOR: LazyLock<sqlx::migrate::Migrator> = LazyLock::new(|| {
    let mut migrator = sqlx::migrate!("./migrations");
    migrator.set_ignore_missing(true);
    migrator
});

/// What every Medspil connection's `application_name` starts with; the rest is the process id.
pub const APPLICATION_NAME: &str = "medspil";

/// This process's `application_name`: `medspil/<pid>`.
fn application_name() -> String {
    format!("{APPLICATION_NAME}/{}", std::process::id())
}

/// An open database, and the cluster behind it when this process runs one.
pub struct Database {
    pub pool: PgPool,
    /// How this process connects (for the last look at who else is connected).
    options: PgConnectOptions,
    cluster: Option<EmbeddedPg>,
}

impl Database {
    /// Connects (starting the embedded cluster if there is no `DATABASE_URL`) and migrates.
    pub async fn open(config: &Config) -> anyhow::Result<Database> {
        let (options, cluster) = match &config.database {
            DatabaseConfig::External(url) => (
                PgConnectOptions::from_str(url.expose())
                    .context("DATABASE_URL is not a valid PostgreSQL URL")?,
                None,
            ),
            DatabaseConfig::Embedded => {
                let data_dir = config.data_dir.clone();
                let cluster =
                    tokio::task::spawn_blocking(move || start_embedded(&data_dir)).await??;
                let options = PgConnectOptions::from_str(&cluster.url())?;
                (options, Some(cluster))
            }
        };
        // Generic plans: every query here is a short parameterised lookup whose best plan
        // does not depend on the values, and under `auto` PostgreSQL kept re-planning the
        // directory's queries per request (FIELD-NOTES; bench/run measures it).
        let options = options
            .options([("plan_cache_mode", "force_generic_plan")])
            .application_name(&application_name());
        let pool = pool_options(config.db_pool)
            // One connection stays open even when idle, so a running process is always seen
            // as connected by another one deciding whether to stop the cluster.
            .min_connections(1)
            .connect_with(options.clone())
            .await
            .context("connecting to PostgreSQL")?;
        MIGRATOR
            .run(&pool)
            .await
            .context("running database migrations")?;
        Ok(Database {
            pool,
            options,
            cluster,
        })
    }

    /// The embedded cluster's URL, when this process runs one.
    pub fn embedded_url(&self) -> Option<String> {
        self.cluster.as_ref().map(EmbeddedPg::url)
    }

    /// Closes the pool and stops the embedded cluster this process started or adopted —
    /// unless another Medspil process is still connected to it (the live server beside an
    /// operator's command, say): then it keeps running for them, and whichever of them exits
    /// last stops it.
    pub async fn close(self) -> anyhow::Result<()> {
        // `close` waits for every connection to come back; a request cut off at the shutdown
        // timeout may never return its own, and must not keep the process alive.
        if tokio::time::timeout(Duration::from_secs(2), self.pool.close())
            .await
            .is_err()
        {
            tracing::warn!("database connections still in use at exit; closing anyway");
        }
        let Some(mut cluster) = self.cluster else {
            return Ok(());
        };
        match others_connected(&self.options).await {
            Ok(0) => {}
            Ok(others) => {
                tracing::info!(
                    others,
                    "other Medspil processes use the embedded database; leaving it running"
                );
                return Ok(());
            }
            // It cannot be asked (it is shutting down, say): stop it as before.
            Err(e) => tracing::warn!(error = %e, "cannot see who else uses the embedded database"),
        }
        tokio::task::spawn_blocking(move || cluster.stop()).await??;
        Ok(())
    }
}

/// How many other Medspil processes have connections open, asked over a connection of our
/// own (named as ours, so it does not count itself). Connections of this process that are
/// still closing do not count either: every one carries this process's id. Nor do those of a
/// process that has exited — its server backends may linger a moment after it is gone — which
/// the process id in the name tells (the embedded cluster is on this machine).
async fn others_connected(options: &PgConnectOptions) -> sqlx::Result<usize> {
    let mut conn = PgConnection::connect_with(options).await?;
    let names = sqlx::query_scalar!(
        r#"SELECT DISTINCT application_name AS "name!" FROM pg_stat_activity
           WHERE application_name LIKE $1 || '/%' AND application_name <> $2"#,
        APPLICATION_NAME,
        application_name(),
    )
    .fetch_all(&mut conn)
    .await;
    let _ = conn.close().await;
    Ok(names?.iter().filter(|name| process_alive(name)).count())
}

/// Whether the process named in an `application_name` such as `medspil/1234` is still running
/// (one that cannot be told is taken to be). An exited process its parent has not reaped yet
/// (a zombie) is not.
fn process_alive(application_name: &str) -> bool {
    use nix::errno::Errno;
    use nix::sys::signal::kill;
    use nix::unistd::Pid;
    let Some(pid) = application_name
        .rsplit_once('/')
        .and_then(|(_, pid)| pid.parse::<i32>().ok())
        .filter(|pid| *pid > 0)
    else {
        return true;
    };
    if matches!(kill(Pid::from_raw(pid), None), Err(Errno::ESRCH)) {
        return false;
    }
    // The state follows the command name in parentheses, which may itself hold spaces.
    let zombie = std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|stat| {
            stat.rsplit_once(')')
                .map(|(_, rest)| rest.trim_start().starts_with('Z'))
        });
    zombie != Some(true)
}

/// Starts (or adopts) the cluster under `data_dir`.
pub fn start_embedded(data_dir: &Path) -> anyhow::Result<EmbeddedPg> {
    let bins = PgBinaries::find()?;
    std::fs::create_dir_all(data_dir)
        .with_context(|| format!("cannot create the data folder {}", data_dir.display()))?;
    let data_dir = data_dir.canonicalize()?;
    Ok(EmbeddedPg::start(
        &bins,
        ClusterOptions {
            data_dir: data_dir.join("postgres"),
            log_file: data_dir.join("postgres.log"),
            die_with_parent: false,
        },
    )?)
}

/// The pool settings every process uses. A short acquire timeout turns a vanished database
/// into a quick 503 rather than requests hanging. No ping before each acquire: it doubled the
/// round trips of every page (the benchmark's salon page went from ~1,000 to ~1,700 req/s without
/// it); a connection that died with the database fails its next query, is dropped by the pool
/// and the request answers 503, and the pool then opens fresh ones.
pub fn pool_options(max_connections: u32) -> PgPoolOptions {
    PgPoolOptions::new()
        .test_before_acquire(false)
        .max_connections(max_connections)
        .acquire_timeout(Duration::from_secs(5))
        .idle_timeout(Duration::from_secs(300))
}

#[cfg(test)]
mod tests {
    use super::process_alive;

    #[test]
    fn a_process_counts_while_it_runs_and_not_once_it_has_exited() {
        assert!(process_alive(&super::application_name()));
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        assert!(!process_alive(&format!("medspil/{pid}")));
        assert!(
            process_alive("medspil/not-a-pid"),
            "unknown is taken as running"
        );
    }
}
