//! The data folder, its owner and permissions, the socket folder, the log and process checks.

use super::*;

/// Create the data directory (0700) and, as root, hand it to the db user and make sure that user
/// can reach it. Returns the canonical path.
pub(super) fn prepare_data_dir(data_dir: &Path, run_as: &RunAs) -> anyhow::Result<PathBuf> {
    if let Some(parent) = data_dir.parent().filter(|p| !p.as_os_str().is_empty()) {
        io(fs::create_dir_all(parent), "creating", parent)?;
    }
    match DirBuilder::new().mode(0o700).create(data_dir) {
        Ok(()) => {}
        Err(e) if e.kind() == ErrorKind::AlreadyExists => {}
        Err(e) => return io(Err(e), "creating", data_dir),
    }
    let data_dir = io(fs::canonicalize(data_dir), "resolving", data_dir)?;
    let meta = io(fs::metadata(&data_dir), "inspecting", &data_dir)?;
    if !meta.is_dir() {
        bail!("{} is not a directory", data_dir.display());
    }
    if let Some((uid, gid)) = run_as.ids {
        if meta.uid() != uid.as_raw() {
            chown_recursive(&data_dir, uid, gid)?;
        }
        ensure_traversable(&data_dir, uid, gid)?;
    }
    // The server refuses a data directory that others can read.
    if meta.mode() & 0o027 != 0 {
        chmod(&data_dir, 0o700)?;
    }
    Ok(data_dir)
}

pub(super) fn chown_recursive(path: &Path, uid: Uid, gid: Gid) -> anyhow::Result<()> {
    chown(path, uid, gid)?;
    if io(fs::symlink_metadata(path), "inspecting", path)?.is_dir() {
        for entry in io(fs::read_dir(path), "reading", path)? {
            chown_recursive(&io(entry, "reading", path)?.path(), uid, gid)?;
        }
    }
    Ok(())
}

/// Every ancestor of the data directory must be searchable by the db user (e.g. a project under
/// /root, which is 0700). Add only the execute bit for others, and say so.
pub(super) fn ensure_traversable(data_dir: &Path, uid: Uid, gid: Gid) -> anyhow::Result<()> {
    for dir in data_dir.ancestors().skip(1) {
        let meta = io(fs::metadata(dir), "inspecting", dir)?;
        let mode = meta.mode() & 0o7777;
        let (bit, class) = if meta.uid() == uid.as_raw() {
            (0o100, "owner")
        } else if meta.gid() == gid.as_raw() {
            (0o010, "group")
        } else {
            (0o001, "others")
        };
        if mode & bit == 0 {
            chmod(dir, mode | 0o001)?;
            tracing::warn!(
                "added o+x to {}: PostgreSQL runs as uid {uid} and must pass through it to \
                 reach its data directory, but mode {mode:o} gave {class} no search permission",
                dir.display()
            );
        }
    }
    Ok(())
}

/// The data directory if the socket path fits in a unix socket address, else a short directory
/// in /tmp named by a stable hash of the data directory.
pub(super) fn choose_socket_dir(data_dir: &Path, run_as: &RunAs) -> anyhow::Result<PathBuf> {
    if data_dir.join(SOCKET_NAME).as_os_str().len() <= MAX_SOCKET_PATH {
        return Ok(data_dir.to_path_buf());
    }
    let dir = tmp_socket_dir(data_dir);
    match fs::symlink_metadata(&dir) {
        Ok(meta) => {
            if !meta.is_dir() {
                bail!("{} exists and is not a directory", dir.display());
            }
            if meta.uid() != run_as.uid().as_raw() {
                let Some((uid, gid)) = run_as.ids else {
                    bail!("{} belongs to another user; remove it", dir.display());
                };
                chown(&dir, uid, gid)?;
            }
            if meta.mode() & 0o777 != 0o700 {
                chmod(&dir, 0o700)?;
            }
        }
        Err(e) if e.kind() == ErrorKind::NotFound => {
            io(DirBuilder::new().mode(0o700).create(&dir), "creating", &dir)?;
            if let Some((uid, gid)) = run_as.ids {
                chown(&dir, uid, gid)?;
            }
        }
        Err(e) => return io(Err(e), "inspecting", &dir),
    }
    Ok(dir)
}

/// `/tmp/medspil-pg-<12 hex digits>`, from FNV-1a of the canonical data directory: stable across
/// runs and Rust versions, unlike `DefaultHasher`.
pub(super) fn tmp_socket_dir(data_dir: &Path) -> PathBuf {
    let bytes = data_dir.as_os_str().as_bytes();
    let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    PathBuf::from(format!("/tmp/medspil-pg-{}", &format!("{hash:016x}")[..12]))
}

pub(super) fn open_log(path: &Path) -> anyhow::Result<File> {
    io(
        OpenOptions::new().create(true).append(true).open(path),
        "opening",
        path,
    )
}

/// Attach "<doing> <path>" to an I/O error.
pub(super) fn io<T>(result: std::io::Result<T>, doing: &str, path: &Path) -> anyhow::Result<T> {
    result.with_context(|| format!("{doing} {}", path.display()))
}

pub(super) fn chmod(path: &Path, mode: u32) -> anyhow::Result<()> {
    io(
        fs::set_permissions(path, fs::Permissions::from_mode(mode)),
        "changing permissions of",
        path,
    )
}

pub(super) fn chown(path: &Path, uid: Uid, gid: Gid) -> anyhow::Result<()> {
    io(
        lchown(path, Some(uid.as_raw()), Some(gid.as_raw())),
        "changing owner of",
        path,
    )
}

/// The last `max_lines` lines of the log from byte `from` on (reading at most the last 64 KiB).
pub(super) fn read_log(path: &Path, from: u64, max_lines: usize) -> String {
    let Ok(mut file) = File::open(path) else {
        return String::new();
    };
    let len = file.metadata().map_or(0, |m| m.len());
    let start = from.max(len.saturating_sub(64 * 1024));
    let mut buf = Vec::new();
    if file
        .seek(SeekFrom::Start(start))
        .and_then(|_| file.read_to_end(&mut buf))
        .is_err()
    {
        return String::new();
    }
    let text = String::from_utf8_lossy(&buf);
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(max_lines)..].join("\n")
}

/// Alive means signalable (EPERM counts: it exists) and not a zombie.
pub(super) fn is_alive(pid: i32) -> bool {
    match kill(Pid::from_raw(pid), None) {
        Ok(()) | Err(Errno::EPERM) => {}
        Err(_) => return false,
    }
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let state = stat
        .rsplit_once(')')
        .and_then(|(_, rest)| rest.trim_start().chars().next());
    state != Some('Z')
}

/// Whether the process looks like a PostgreSQL server; `None` if we cannot tell.
pub(super) fn is_postgres(pid: i32) -> Option<bool> {
    let cmdline = fs::read(format!("/proc/{pid}/cmdline")).ok()?;
    let program = cmdline.split(|b| *b == 0).next().unwrap_or_default();
    // ".../bin/postgres", a rewritten process title ("postgres: ..."), a "postgres-15" wrapper.
    Some(program.windows(8).any(|w| w == b"postgres"))
}
