//! Finding the machine's PostgreSQL server programs.

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::EmbeddedPgError;

/// Where the server binaries are.
#[derive(Debug, Clone)]
pub struct PgBinaries {
    pub bindir: PathBuf,
}

impl PgBinaries {
    /// Search order: `initdb` and `postgres` on PATH (the directory of the real, symlink-resolved
    /// `postgres`), then `pg_config --bindir`, then `/usr/lib/postgresql/*/bin`, newest major
    /// version first. The chosen directory must hold `initdb`, `postgres` and `pg_ctl`.
    pub fn find() -> Result<PgBinaries, EmbeddedPgError> {
        let candidates = path_candidate()
            .into_iter()
            .chain(pg_config_candidate())
            .chain(versioned_candidates());
        for bindir in candidates {
            if ["initdb", "postgres", "pg_ctl"]
                .iter()
                .all(|p| is_executable(&bindir.join(p)))
            {
                return Ok(PgBinaries { bindir });
            }
        }
        Err(EmbeddedPgError::NoBinaries)
    }

    /// A client program (psql, createdb): from the server's bindir if there, else from PATH.
    pub(super) fn client(&self, name: &str) -> Option<PathBuf> {
        let here = self.bindir.join(name);
        if is_executable(&here) {
            Some(here)
        } else {
            which(name)
        }
    }
}

pub(super) fn is_executable(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|m| m.is_file() && m.mode() & 0o111 != 0)
}

pub(super) fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| is_executable(p))
}

pub(super) fn path_candidate() -> Option<PathBuf> {
    which("initdb")?;
    // Debian links /usr/bin/postgres-ish wrappers or /usr/local/bin symlinks to the versioned dir.
    let real = fs::canonicalize(which("postgres")?).ok()?;
    real.parent().map(Path::to_path_buf)
}

pub(super) fn pg_config_candidate() -> Option<PathBuf> {
    let out = Command::new("pg_config")
        .arg("--bindir")
        .stderr(Stdio::null())
        .output()
        .ok()?;
    let dir = String::from_utf8(out.stdout).ok()?;
    let dir = dir.trim();
    (out.status.success() && !dir.is_empty()).then(|| PathBuf::from(dir))
}

pub(super) fn versioned_candidates() -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir("/usr/lib/postgresql") else {
        return Vec::new();
    };
    let mut found: Vec<(Vec<u64>, PathBuf)> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let version = name
                .split('.')
                .map(|p| p.parse().ok())
                .collect::<Option<Vec<u64>>>()?;
            Some((version, e.path().join("bin")))
        })
        .collect();
    found.sort_by(|a, b| b.0.cmp(&a.0));
    found.into_iter().map(|(_, dir)| dir).collect()
}
