//! Whether the file a store writes is still the one at its path.
//!
//! Contract: [`look`] runs before every write to a database file and costs
//! two system calls; nothing is opened. It asks SQLite whether the database
//! file was renamed, replaced or deleted since the connection opened it
//! (`SQLITE_FCNTL_HAS_MOVED`: the inode behind its descriptor against the
//! one at its path), and, on Linux, whether the write-ahead log the
//! connection writes is still linked at its path (the descriptor's link in
//! `/proc/self/fd`). A log deleted under a connection means another process
//! found no lock and checkpointed and removed it: the connection must be
//! replaced before it commits into a file nobody else reads.

use rusqlite::{ffi, Connection};
use std::ffi::{c_int, c_void};
use std::path::Path;

/// What [`look`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// The file at the path is the one the connection writes.
    Same,
    /// The database file is the same, but the connection's log was deleted.
    LogDeleted,
    /// The database file at the path is another file, or none.
    Replaced,
}

/// Asks SQLite whether the main database file was moved or deleted.
fn has_moved(conn: &Connection) -> bool {
    let mut moved: c_int = 0;
    // SAFETY: the handle is live for the borrow of `conn`; HAS_MOVED writes
    // one int through the pointer it is given.
    let rc = unsafe {
        ffi::sqlite3_file_control(
            conn.handle(),
            c"main".as_ptr(),
            ffi::SQLITE_FCNTL_HAS_MOVED,
            (&mut moved as *mut c_int).cast::<c_void>(),
        )
    };
    rc == ffi::SQLITE_OK && moved != 0
}

/// The first fields of SQLite's `unixFile` (os_unix.c), the same since
/// 2011: the methods, the VFS, the inode record, then the descriptor. Read
/// only to learn the log's descriptor, and trusted only when that
/// descriptor's link names the log (see [`log_descriptor`]).
#[cfg(target_os = "linux")]
#[repr(C)]
struct UnixFileStart {
    methods: *const c_void,
    vfs: *const c_void,
    inode: *const c_void,
    fd: c_int,
}

/// The descriptor of the connection's write-ahead log, if it has one open.
#[cfg(target_os = "linux")]
fn log_descriptor(conn: &Connection) -> Option<c_int> {
    let mut file: *mut ffi::sqlite3_file = std::ptr::null_mut();
    // SAFETY: JOURNAL_POINTER writes the pager's journal (in WAL mode its
    // log) file pointer; the handle is live for the borrow of `conn`.
    let rc = unsafe {
        ffi::sqlite3_file_control(
            conn.handle(),
            c"main".as_ptr(),
            ffi::SQLITE_FCNTL_JOURNAL_POINTER,
            (&mut file as *mut *mut ffi::sqlite3_file).cast::<c_void>(),
        )
    };
    if rc != ffi::SQLITE_OK || file.is_null() {
        return None;
    }
    // SAFETY: a non-null file with methods is an open unixFile (the only
    // VFS the store uses), whose first fields are `UnixFileStart`'s.
    unsafe {
        if (*file).pMethods.is_null() {
            return None;
        }
        Some((*file.cast::<UnixFileStart>()).fd)
    }
}

/// Whether the connection's log was deleted, if that can be told.
#[cfg(target_os = "linux")]
fn log_deleted(conn: &Connection, path: &Path) -> bool {
    let Some(fd) = log_descriptor(conn) else {
        return false;
    };
    let Ok(link) = std::fs::read_link(format!("/proc/self/fd/{fd}")) else {
        return false;
    };
    let link = link.to_string_lossy();
    let Some(rest) = link.strip_suffix(" (deleted)") else {
        return false;
    };
    // Only the connection's own log counts (the descriptor read is checked).
    rest.ends_with("-wal") && Path::new(rest.trim_end_matches("-wal")).file_name() == path.file_name()
}

#[cfg(not(target_os = "linux"))]
fn log_deleted(_conn: &Connection, _path: &Path) -> bool {
    false
}

/// Whether `conn` still writes the database at `path` (see the module).
pub fn look(conn: &Connection, path: &Path) -> Found {
    if has_moved(conn) {
        Found::Replaced
    } else if log_deleted(conn, path) {
        Found::LogDeleted
    } else {
        Found::Same
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    fn wal_db(dir: &Path) -> (std::path::PathBuf, Connection) {
        let path = dir.join("w.sqlite3");
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "journal_mode", "WAL").unwrap();
        conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
        (path, conn)
    }

    #[test]
    fn the_log_descriptor_read_from_sqlite_is_the_log() {
        let dir = tempfile::tempdir().unwrap();
        let (path, conn) = wal_db(dir.path());
        let fd = log_descriptor(&conn).expect("a WAL connection has its log open");
        let link = std::fs::read_link(format!("/proc/self/fd/{fd}")).unwrap();
        assert_eq!(
            link,
            std::fs::canonicalize(dir.path()).unwrap().join("w.sqlite3-wal")
        );
        assert_eq!(look(&conn, &path), Found::Same);
    }

    #[test]
    fn a_deleted_log_and_a_replaced_file_are_seen() {
        let dir = tempfile::tempdir().unwrap();
        let (path, conn) = wal_db(dir.path());
        std::fs::remove_file(dir.path().join("w.sqlite3-wal")).unwrap();
        assert_eq!(look(&conn, &path), Found::LogDeleted);
        std::fs::rename(&path, dir.path().join("moved.sqlite3")).unwrap();
        assert_eq!(look(&conn, &path), Found::Replaced);
    }
}
