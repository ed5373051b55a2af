//! Opening the database: the one named by `DATABASE_URL`, or the private embedded cluster.
//! Migrations run here, at startup, for every process.

use std::path::Path;
use std::str::FromStr;
use std::sync::LazyLock;
use std::time::Duration;

use anyhow::Context;
use sqlx::PgPool;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

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

/// An open database, and the cluster behind it when this process runs one.
pub struct Database {
    pub pool: PgPool,
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
        let options = options.options([("plan_cache_mode", "force_generic_plan")]);
        let pool = pool_options()
            .connect_with(options)
            .await
            .context("connecting to PostgreSQL")?;
        MIGRATOR
            .run(&pool)
            .await
            .context("running database migrations")?;
        Ok(Database { pool, cluster })
    }

    /// The embedded cluster's URL, when this process runs one.
    pub fn embedded_url(&self) -> Option<String> {
        self.cluster.as_ref().map(EmbeddedPg::url)
    }

    /// Closes the pool and stops the cluster this process started.
    pub async fn close(self) -> anyhow::Result<()> {
        // `close` waits for every connection to come back; a request cut off at the shutdown
        // timeout may never return its own, and must not keep the process alive.
        if tokio::time::timeout(Duration::from_secs(2), self.pool.close())
            .await
            .is_err()
        {
            tracing::warn!("database connections still in use at exit; closing anyway");
        }
        if let Some(mut cluster) = self.cluster {
            tokio::task::spawn_blocking(move || cluster.stop()).await??;
        }
        Ok(())
    }
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
pub fn pool_options() -> PgPoolOptions {
    PgPoolOptions::new()
        .test_before_acquire(false)
        .max_connections(20)
        .acquire_timeout(Duration::from_secs(5))
        .idle_timeout(Duration::from_secs(300))
}
