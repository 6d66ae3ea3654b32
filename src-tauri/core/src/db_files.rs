//! The database files this process holds open through SQLite, kept apart
//! from every other file operation of the process.
//!
//! Contract: a store registers its database file for as long as it is open
//! ([`hold`]); [`refuse_if_held`] then refuses any read or write of that file,
//! its `-wal`, `-shm` or `-journal`, or one of its backups beside it, by
//! identity (device and inode, hard links and other spellings included) and
//! by name (a log that does not exist yet). Every place in the core that
//! opens a file it was given (story and article input, exports, backups)
//! asks here first, and every file the process writes goes through
//! [`write_atomically`], which asks too.
//!
//! Why: closing any descriptor of a file drops every POSIX lock the
//! process holds on it (SQLite's "How To Corrupt An SQLite Database File",
//! section 2.2). With its lock gone, another process may believe it is the
//! last one, checkpoint and delete the log, and the store goes on committing
//! into a deleted file; writing an export over the database replaces it.
//! This module looks only with `stat` and `realpath`, never `open`.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

/// Whether a file of a given name beside a database is one of its copies
/// (its backups): the holder says, since only it names them.
pub type Copies = fn(db: &Path, beside: &Path) -> bool;

/// One open database: where it is, which file it is, and its copies.
struct Held {
    token: u64,
    folder: PathBuf,
    name: String,
    identity: Option<(u64, u64)>,
    copies: Copies,
}

static HELD: Mutex<Vec<Held>> = Mutex::new(Vec::new());
static NEXT: AtomicU64 = AtomicU64::new(1);

/// A database file registered as open; unregistered when dropped.
#[derive(Debug)]
pub struct Hold(u64);

impl Drop for Hold {
    fn drop(&mut self) {
        held().retain(|h| h.token != self.0);
    }
}

fn held() -> std::sync::MutexGuard<'static, Vec<Held>> {
    HELD.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The device and inode of the file at `path`, by `stat` (never `open`).
pub fn identity(path: &Path) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// `path`'s folder resolved (symbolic links followed) and its file name.
fn place(path: &Path) -> Option<(PathBuf, String)> {
    let name = path.file_name()?.to_string_lossy().into_owned();
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    Some((std::fs::canonicalize(folder).ok()?, name))
}

/// Registers the database at `path` as open in this process, with what
/// names its copies beside it.
pub fn hold(path: &Path, copies: Copies) -> Hold {
    let token = NEXT.fetch_add(1, Ordering::Relaxed);
    if let Some((folder, name)) = place(path) {
        held().push(Held {
            token,
            folder,
            name,
            identity: identity(path),
            copies,
        });
    }
    Hold(token)
}

/// What `path` is to the open database `h`, if anything.
fn what_it_is(h: &Held, at: Option<(PathBuf, String)>, id: Option<(u64, u64)>) -> Option<String> {
    let db = h.folder.join(&h.name);
    if id.is_some() && id == h.identity {
        return Some(format!("it is the open database {}", db.display()));
    }
    for (suffix, what) in [
        ("-wal", "write-ahead log"),
        ("-shm", "shared-memory index"),
        ("-journal", "journal"),
    ] {
        let file = h.folder.join(format!("{}{suffix}", h.name));
        if id.is_some() && id == identity(&file) {
            return Some(format!("it is the {what} of the open database {}", db.display()));
        }
    }
    let (folder, name) = at?;
    if folder != h.folder {
        return None;
    }
    if name == h.name {
        return Some(format!("it is the open database {}", db.display()));
    }
    if let Some(suffix) = name.strip_prefix(h.name.as_str()) {
        if matches!(suffix, "-wal" | "-shm" | "-journal") {
            return Some(format!(
                "it is a working file of the open database {}",
                db.display()
            ));
        }
    }
    (h.copies)(&db, Path::new(&name)).then(|| format!("it is a backup of the open database {}", db.display()))
}

/// Refuses `path` for `doing` ("read", "write") when it is a database this
/// process holds open, one of its working files or one of its backups.
pub fn refuse_if_held(path: &Path, doing: &str) -> Result<()> {
    let list = held();
    if list.is_empty() {
        return Ok(());
    }
    let at = place(path);
    let id = identity(path);
    for h in list.iter() {
        if let Some(why) = what_it_is(h, at.clone(), id) {
            return Err(Error::BadInput {
                path: path.to_path_buf(),
                why: format!("Factdesk will not {doing} this file: {why}; choose another file"),
            });
        }
    }
    Ok(())
}

/// Writes `bytes` to `path` through a temporary file in the same directory,
/// so an existing file is never left half-written. A database this process
/// has open (its logs, its backups) is refused, never replaced.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    refuse_if_held(path, "write")?;
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // A replaced file keeps its mode; a new one gets 0666 less the umask,
        // like any file a program writes (tempfile's own default is 0600).
        let mode = std::fs::metadata(path).map_or(0o666, |m| m.permissions().mode() & 0o7777);
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(io)?;
    tmp.write_all(bytes).map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_held_database_its_logs_and_backups_are_refused_by_name_and_by_identity() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("desk.sqlite3");
        std::fs::write(&db, b"x").unwrap();
        let other = dir.path().join("story.json");
        let hold = hold(&db, crate::store::backup::is_backup_of);
        for refused in [
            db.clone(),
            dir.path().join("./desk.sqlite3"),
            dir.path().join("desk.sqlite3-wal"),
            dir.path().join("desk.sqlite3-shm"),
            dir.path()
                .join("desk.backup-daily-v7-20261205T101010.000Z.sqlite3"),
        ] {
            let err = refuse_if_held(&refused, "write").unwrap_err().to_string();
            assert!(err.contains("will not write this file"), "{refused:?}: {err}");
        }
        // A hard link is the same file under another name.
        let link = dir.path().join("linked.bin");
        std::fs::hard_link(&db, &link).unwrap();
        assert!(refuse_if_held(&link, "read").is_err());
        #[cfg(unix)]
        {
            let sym = dir.path().join("sym.json");
            std::os::unix::fs::symlink(&db, &sym).unwrap();
            assert!(refuse_if_held(&sym, "write").is_err(), "a symbolic link to it");
        }
        assert!(refuse_if_held(&other, "write").is_ok());
        assert!(refuse_if_held(&dir.path().join("desk.sqlite3.json"), "write").is_ok());
        drop(hold);
        assert!(
            refuse_if_held(&db, "write").is_ok(),
            "a closed database is a file like any other"
        );
    }

    use std::os::unix::fs::PermissionsExt;

    fn mode(p: &Path) -> u32 {
        std::fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn written_files_get_normal_permissions_and_keep_their_own() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("story.html");
        // SAFETY: umask only swaps the process's mask; the old one is put back.
        let umask = unsafe {
            let old = libc::umask(0o022);
            libc::umask(old);
            old
        } as u32;
        write_atomically(&path, b"one").unwrap();
        assert_eq!(
            mode(&path),
            0o666 & !umask,
            "0666 less the umask, not tempfile's 0600"
        );
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomically(&path, b"two").unwrap();
        assert_eq!(mode(&path), 0o640, "a replaced file keeps its mode");
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
    }
}
