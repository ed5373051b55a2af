//! The test run's database server.
//!
//! Without `DATABASE_URL`, one throwaway cluster is started for the whole test binary with the
//! app's own embedded-PostgreSQL code, in a fresh folder under the system temp dir. It dies with
//! the test process (a parent-death signal, set from a thread that lives as long as the process).
//! A template database is migrated once; every test clones its own database from it
//! (`CREATE DATABASE … TEMPLATE`, tens of milliseconds).

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use medspil::database::MIGRATOR;
use medspil::embedded_pg::{ClusterOptions, EmbeddedPg, PgBinaries};
use sqlx::{Connection, Executor, PgConnection};
use uuid::Uuid;

struct Server {
    /// Connects to a database named by the `{db}` placeholder.
    url_pattern: String,
    /// The database to connect to for CREATE/DROP DATABASE.
    admin_db: String,
    template: String,
}

impl Server {
    fn url(&self, database: &str) -> String {
        self.url_pattern.replace("{db}", database)
    }
}

static SERVER: OnceLock<Server> = OnceLock::new();

fn server() -> &'static Server {
    SERVER.get_or_init(|| {
        let (tx, rx) = std::sync::mpsc::channel();
        // This thread owns the cluster and never ends: the postmaster's parent-death signal
        // fires when the spawning *thread* exits, so it must live as long as the process.
        std::thread::Builder::new()
            .name("test-postgres".into())
            .spawn(move || {
                let server = start_server();
                let _ = tx.send(server);
                loop {
                    std::thread::park();
                }
            })
            .expect("spawn the test database thread");
        rx.recv()
            .expect("the test database thread died while starting")
    })
}

fn start_server() -> Server {
    let (url_pattern, admin_db) = match std::env::var("DATABASE_URL").ok().filter(|u| !u.is_empty())
    {
        Some(url) => external_pattern(&url),
        None => {
            let cluster = start_throwaway_cluster();
            let pattern = cluster.url_for("{db}");
            // The cluster outlives this handle: it is stopped by the parent-death signal.
            std::mem::forget(cluster);
            (pattern, "postgres".to_string())
        }
    };
    let template = format!("medspil_template_{}", std::process::id());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let mut admin = PgConnection::connect(&url_pattern.replace("{db}", &admin_db))
            .await
            .expect("connect to the test database server");
        admin
            .execute(format!(r#"DROP DATABASE IF EXISTS "{template}""#).as_str())
            .await
            .unwrap();
        admin
            .execute(format!(r#"CREATE DATABASE "{template}""#).as_str())
            .await
            .unwrap();
        let mut conn = PgConnection::connect(&url_pattern.replace("{db}", &template))
            .await
            .unwrap();
        MIGRATOR
            .run(&mut conn)
            .await
            .expect("migrate the template database");
        // No connection may stay open on a template while it is copied.
        conn.close().await.unwrap();
        admin.close().await.unwrap();
    });
    Server {
        url_pattern,
        admin_db,
        template,
    }
}

/// `DATABASE_URL` with its database name replaced by a placeholder; the admin database is the
/// one it names.
fn external_pattern(url: &str) -> (String, String) {
    let mut parsed = url::Url::parse(url).expect("DATABASE_URL is a URL");
    let admin = parsed.path().trim_start_matches('/').to_string();
    parsed.set_path("/DBNAME");
    (
        parsed.to_string().replace("DBNAME", "{db}"),
        if admin.is_empty() {
            "postgres".into()
        } else {
            admin
        },
    )
}

/// The folder for this process's cluster; folders left by earlier, finished runs are removed.
fn cluster_root() -> PathBuf {
    let base = std::env::temp_dir();
    if let Ok(entries) = std::fs::read_dir(&base) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            let Some(pid) = name
                .strip_prefix("medspil-test-")
                .and_then(|p| p.parse::<i32>().ok())
            else {
                continue;
            };
            if !Path::new(&format!("/proc/{pid}")).exists() {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
    let root = base.join(format!("medspil-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).unwrap();
    // The cluster runs as an unprivileged user when we are root: it must reach its folder.
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&root, std::fs::Permissions::from_mode(0o755)).unwrap();
    root
}

fn start_throwaway_cluster() -> EmbeddedPg {
    let bins = PgBinaries::find().unwrap_or_else(|e| panic!("{e}"));
    let root = cluster_root();
    EmbeddedPg::start(
        &bins,
        ClusterOptions {
            data_dir: root.join("pgdata"),
            log_file: root.join("postgres.log"),
            die_with_parent: true,
        },
    )
    .unwrap_or_else(|e| panic!("starting the test cluster: {e}"))
}

/// A private cluster for a test that stops or breaks its database. Stopped when dropped.
pub struct PrivateCluster {
    pub cluster: EmbeddedPg,
    root: PathBuf,
}

impl PrivateCluster {
    /// Starts a cluster of its own with the app's migrations applied.
    pub async fn start() -> PrivateCluster {
        let root = std::env::temp_dir().join(format!(
            "medspil-test-{}-{}",
            std::process::id(),
            Uuid::new_v4().simple()
        ));
        std::fs::create_dir_all(&root).unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&root, std::fs::Permissions::from_mode(0o755)).unwrap();
        let dir = root.clone();
        let cluster = tokio::task::spawn_blocking(move || {
            let bins = PgBinaries::find().unwrap_or_else(|e| panic!("{e}"));
            EmbeddedPg::start(
                &bins,
                ClusterOptions {
                    data_dir: dir.join("pgdata"),
                    log_file: dir.join("postgres.log"),
                    // Spawned from a short-lived blocking thread: no parent-death signal.
                    die_with_parent: false,
                },
            )
            .unwrap_or_else(|e| panic!("starting a private cluster: {e}"))
        })
        .await
        .unwrap();
        let mut conn = PgConnection::connect(&cluster.url()).await.unwrap();
        MIGRATOR.run(&mut conn).await.unwrap();
        conn.close().await.unwrap();
        PrivateCluster { cluster, root }
    }

    pub fn url(&self) -> String {
        self.cluster.url()
    }

    pub fn stop(&mut self) {
        self.cluster.stop().expect("stop the private cluster");
    }

    /// Starts the stopped cluster again, on the same data.
    pub fn restart(&mut self) {
        let bins = PgBinaries::find().unwrap();
        self.cluster = EmbeddedPg::start(
            &bins,
            ClusterOptions {
                data_dir: self.root.join("pgdata"),
                log_file: self.root.join("postgres.log"),
                die_with_parent: false,
            },
        )
        .expect("restart the private cluster");
    }
}

impl Drop for PrivateCluster {
    fn drop(&mut self) {
        let _ = self.cluster.stop();
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// A test's own database, cloned from the template; dropped with the test.
pub struct TestDatabase {
    pub name: String,
    pub url: String,
}

impl TestDatabase {
    pub async fn create() -> TestDatabase {
        Self::create_from(Some(&server().template)).await
    }

    /// An empty database, not migrated at all, for a test that runs the migrations itself.
    pub async fn empty() -> TestDatabase {
        Self::create_from(None).await
    }

    async fn create_from(template: Option<&str>) -> TestDatabase {
        let server = server();
        let name = format!("medspil_test_{}", Uuid::new_v4().simple());
        let mut admin = PgConnection::connect(&server.url(&server.admin_db))
            .await
            .expect("connect to the test server");
        let create = match template {
            Some(template) => format!(r#"CREATE DATABASE "{name}" TEMPLATE "{template}""#),
            None => format!(r#"CREATE DATABASE "{name}" TEMPLATE template0"#),
        };
        // Copies from one template are serialised by PostgreSQL; retry if another test's
        // copy held the template at that instant.
        let mut tries = 0;
        loop {
            match admin.execute(create.as_str()).await {
                Ok(_) => break,
                Err(e)
                    if tries < 50 && e.to_string().contains("is being accessed by other users") =>
                {
                    tries += 1;
                    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                }
                Err(e) => panic!("creating a test database: {e}"),
            }
        }
        let _ = admin.close().await;
        TestDatabase {
            url: server.url(&name),
            name,
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        // The test's runtime may be gone: drop the database from a thread of its own.
        let url = SERVER.get().map(|s| s.url(&s.admin_db));
        let name = self.name.clone();
        if let Some(url) = url {
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .ok()?;
                rt.block_on(async {
                    let mut admin = PgConnection::connect(&url).await.ok()?;
                    admin
                        .execute(
                            format!(r#"DROP DATABASE IF EXISTS "{name}" WITH (FORCE)"#).as_str(),
                        )
                        .await
                        .ok()?;
                    admin.close().await.ok()
                })
            })
            .join();
        }
    }
}
