//! Opening a database file: for reading, or for writing after checks.
//!
//! Contract: [`connect_read`] never creates, migrates or writes: it opens
//! the file read-only (immutable when its directory cannot hold SQLite's
//! WAL index, which no writer could use either, or when nobody has it open
//! and the disk is full, so a reader leaves no log or index behind). [`connect_write`] opens or
//! creates the file read-write. [`identify`] reads only the header and the
//! schema and refuses, untouched, another application's SQLite file, a
//! database from a newer Factdesk, or an older one opened for reading.
//! [`check_integrity`] runs `PRAGMA quick_check` before writes, unless the
//! file is exactly as a clean check (or this build's last write) left it:
//! same inode, size and times, including the change time no program can set
//! back. Nothing here opens the database file except through SQLite.

use crate::error::{Error, Result};
use crate::store::engine::migrations;
use crate::store::engine::{citing, ranking};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::time::Duration;

pub use crate::store::engine::migrations::APPLICATION_ID;

/// How long a connection waits for another process's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// How many prepared statements a connection keeps: the store runs a few
/// dozen distinct ones, and rusqlite's default of 16 made a typed save
/// parse some of its statements again each time.
const STATEMENTS_KEPT: usize = 96;

/// Makes `conn` keep its prepared statements ([`STATEMENTS_KEPT`]) and
/// use them as prepared. SQLite as bundled (built with STAT4) compiles a
/// statement again each time a value bound to its WHERE clause changes, in
/// case the new value calls for another plan: every `story_id = ?1` of a
/// story's load was parsed and planned anew for each story (2,000 runs of
/// the citations' statement: 15 ms, 7 without). The query planner
/// stability guarantee plans a statement once, whatever its values; the
/// store chooses its plans itself where values matter (an outlet's
/// candidates, the index alone for a search without filters).
fn keep_statements(conn: &Connection) -> rusqlite::Result<()> {
    conn.set_prepared_statement_cache_capacity(STATEMENTS_KEPT);
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    Ok(())
}

/// `conn`, found readable, with the search's ranking ([`ranking::NAME`])
/// and outlet sets ([`citing::NAME`]).
/// Added once the file has been read: reaching FTS5 runs a statement,
/// which on a file SQLite cannot read as opened must fail where that is
/// handled, not here.
fn searchable(conn: Connection, path: &Path) -> Result<Connection> {
    ranking::register(&conn, "story_search").map_err(|e| open_error(path, e))?;
    citing::register(&conn).map_err(|e| open_error(path, e))?;
    Ok(conn)
}

/// The tables a Factdesk database has had since schema version 1.
const CORE_TABLES: &[&str] = &[
    "stories",
    "facts",
    "sources",
    "citations",
    "story_revisions",
    "outlets",
];

fn open_error(path: &Path, e: rusqlite::Error) -> Error {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => Error::NotADatabase {
            path: path.to_path_buf(),
            why: "the file is not an SQLite database".into(),
        },
        Some(rusqlite::ErrorCode::CannotOpen) => Error::Io {
            path: path.to_path_buf(),
            source: std::io::Error::other("cannot open the database file (does its folder exist?)"),
        },
        _ => Error::Sql(e).in_file(path),
    }
}

fn uri(path: &Path, params: &str) -> Result<String> {
    let absolute = std::path::absolute(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut out = String::from("file:");
    for b in absolute.as_os_str().as_encoded_bytes() {
        match b {
            b'%' | b'?' | b'#' | 0x80.. => out.push_str(&format!("%{b:02X}")),
            _ => out.push(*b as char),
        }
    }
    out.push('?');
    out.push_str(params);
    Ok(out)
}

/// Whether the database has neither a write-ahead log nor its index beside
/// it: no connection has it open.
fn logs_absent(path: &Path) -> bool {
    ["-wal", "-shm"]
        .iter()
        .all(|s| std::fs::symlink_metadata(format!("{}{s}", path.display())).is_err())
}

/// Room a reader needs beside the database: the shared-memory index (32 KB)
/// and the empty log, with a margin.
const READER_ROOM: u64 = 1 << 20;

/// Whether the database's folder has less room than a reader needs.
fn disk_full(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let folder = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let Ok(c) = std::ffi::CString::new(folder.as_os_str().as_bytes()) else {
            return false;
        };
        let mut st: libc::statvfs = unsafe { std::mem::zeroed() };
        // SAFETY: statvfs writes one struct through a valid pointer and reads
        // a NUL-terminated path; it opens nothing.
        if unsafe { libc::statvfs(c.as_ptr(), &mut st) } != 0 {
            return false;
        }
        (st.f_bavail as u64).saturating_mul(st.f_frsize as u64) < READER_ROOM
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        false
    }
}

/// Opens an existing database for reading only.
pub fn connect_read(path: &Path) -> Result<Connection> {
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() => {}
        Ok(_) => {
            return Err(Error::NotADatabase {
                path: path.to_path_buf(),
                why: "it is not a regular file".into(),
            })
        }
        Err(source) if source.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::Io {
                path: path.to_path_buf(),
                source: std::io::Error::new(
                    source.kind(),
                    "no Factdesk database here yet (importing a story creates it)",
                ),
            })
        }
        Err(source) => {
            return Err(Error::Io {
                path: path.to_path_buf(),
                source,
            })
        }
    }
    let flags =
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
    if logs_absent(path) && disk_full(path) {
        // Nobody has the database open (no log, no index) and the disk has
        // no room for the shared-memory index a WAL reader makes: the file
        // alone is the whole database, and nobody can write it meanwhile.
        tracing::info!(db = %path.display(), "the disk is full: reading the database as it is on disk");
        let conn = Connection::open_with_flags(uri(path, "mode=ro&immutable=1")?, flags)
            .map_err(|e| open_error(path, e))?;
        keep_statements(&conn).map_err(|e| open_error(path, e))?;
        migrations::version(&conn).map_err(|e| open_error(path, e))?;
        return searchable(conn, path);
    }
    let conn = Connection::open_with_flags(uri(path, "mode=ro")?, flags).map_err(|e| open_error(path, e))?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(|e| open_error(path, e))?;
    keep_statements(&conn).map_err(|e| open_error(path, e))?;
    match migrations::version(&conn) {
        Ok(_) => searchable(conn, path),
        // A WAL database whose folder we cannot write (no room for its index):
        // nobody can write it there, so reading it as immutable is safe.
        Err(e)
            if matches!(
                e.sqlite_error_code(),
                Some(rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::CannotOpen)
            ) =>
        {
            let conn = Connection::open_with_flags(uri(path, "mode=ro&immutable=1")?, flags)
                .map_err(|e| open_error(path, e))?;
            keep_statements(&conn).map_err(|e| open_error(path, e))?;
            migrations::version(&conn).map_err(|e| open_error(path, e))?;
            searchable(conn, path)
        }
        Err(e) => Err(open_error(path, e)),
    }
}

/// Opens (creating if needed) a database for writing.
pub fn connect_write(path: &Path) -> Result<Connection> {
    let flags =
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let read_only = |e: rusqlite::Error| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::CannotOpen | rusqlite::ErrorCode::ReadOnly) if path.is_file() => {
            Error::ReadOnly {
                path: path.to_path_buf(),
            }
        }
        _ => open_error(path, e),
    };
    let conn = Connection::open_with_flags(path, flags).map_err(read_only)?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(|e| open_error(path, e))?;
    keep_statements(&conn).map_err(|e| open_error(path, e))?;
    // SQLite opens a file it may not write read-only without a word, and a
    // WAL database in a folder it may not write fails at the first read.
    migrations::version(&conn).map_err(read_only)?;
    if conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false) {
        return Err(Error::ReadOnly {
            path: path.to_path_buf(),
        });
    }
    searchable(conn, path)
}

/// What [`identify`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An empty file: a new database.
    Empty,
    /// A Factdesk database at this schema version.
    Factdesk(i64),
}

/// Tells a Factdesk database from anything else, reading only.
pub fn identify(conn: &Connection, path: &Path, latest: i64) -> Result<Kind> {
    let not_ours = |why: String| Error::NotADatabase {
        path: path.to_path_buf(),
        why,
    };
    let app: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(|e| open_error(path, e))?;
    if app != 0 && app != APPLICATION_ID {
        return Err(not_ours(format!(
            "it belongs to another application (application_id {app:#010x}); the file was left untouched"
        )));
    }
    let version = migrations::version(conn).map_err(|e| open_error(path, e))?;
    let mut stmt = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .map_err(|e| open_error(path, e))?;
    let tables: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .and_then(|rows| rows.collect())
        .map_err(|e| open_error(path, e))?;
    if tables.is_empty() && version == 0 && app == 0 {
        return Ok(Kind::Empty);
    }
    // Databases from before application_id was set are recognised by their
    // tables; a newer build may have changed the tables, never the id.
    let missing = CORE_TABLES.iter().any(|t| !tables.iter().any(|have| have == t));
    if version == 0 || (app == 0 && missing) {
        let shown: Vec<&str> = tables.iter().map(String::as_str).take(8).collect();
        return Err(not_ours(format!(
            "it is another application's SQLite file (tables: {}); the file was left untouched",
            if shown.is_empty() {
                "none".to_string()
            } else {
                shown.join(", ")
            }
        )));
    }
    if version > latest {
        return Err(Error::NewerDatabase {
            path: path.to_path_buf(),
            found: version,
            supported: latest,
        });
    }
    Ok(Kind::Factdesk(version))
}

/// The file's state as the integrity cache remembers it: the database's
/// and its WAL's device, inode, size, modification time and status-change
/// time, read with `stat` — never by opening the file, which would drop
/// this process's SQLite locks on it (see [`crate::db_files`]). The change
/// time cannot be set back: a write made with the modification time put
/// back afterwards still changes it, so the check runs again.
fn fingerprint(path: &Path) -> Option<String> {
    #[cfg(unix)]
    use std::os::unix::fs::MetadataExt;
    // An empty WAL is no change: opening a WAL database creates one.
    let stat = |p: &Path| -> Option<String> {
        match std::fs::metadata(p) {
            Ok(m) if m.len() == 0 => Some("-".into()),
            #[cfg(unix)]
            Ok(m) => Some(format!(
                "{}:{}:{}:{}.{}:{}.{}",
                m.dev(),
                m.ino(),
                m.len(),
                m.mtime(),
                m.mtime_nsec(),
                m.ctime(),
                m.ctime_nsec()
            )),
            #[cfg(not(unix))]
            Ok(m) => {
                let mtime = m
                    .modified()
                    .ok()?
                    .duration_since(std::time::UNIX_EPOCH)
                    .ok()?
                    .as_nanos();
                Some(format!("{}:{mtime}", m.len()))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Some("-".into()),
            Err(_) => None,
        }
    };
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    Some(format!("{}|{}", stat(path)?, stat(&wal)?))
}

/// Where clean integrity checks are remembered: one line per database,
/// `absolute path <TAB> fingerprint`. `FACTDESK_CACHE_DIR` moves it.
fn cache_file() -> Option<PathBuf> {
    let dir = std::env::var_os("FACTDESK_CACHE_DIR")
        .map(PathBuf::from)
        .or_else(|| dirs::cache_dir().map(|d| d.join(crate::paths::APP_IDENTIFIER)))?;
    Some(dir.join("integrity-checked"))
}

fn cache_key(path: &Path) -> Option<String> {
    Some(std::fs::canonicalize(path).ok()?.to_string_lossy().into_owned())
}

fn cached_fingerprint(path: &Path) -> Option<String> {
    let key = cache_key(path)?;
    let text = std::fs::read_to_string(cache_file()?).ok()?;
    text.lines()
        .filter_map(|l| l.split_once('\t'))
        .find(|(k, _)| *k == key)
        .map(|(_, v)| v.to_string())
}

/// Remembers that `path` is clean as it is now. Best effort: a cache that
/// cannot be written only means the next writer checks again.
pub fn remember_clean(path: &Path) {
    let (Some(key), Some(print), Some(file)) = (cache_key(path), fingerprint(path), cache_file()) else {
        return;
    };
    let old = std::fs::read_to_string(&file).unwrap_or_default();
    let mut lines: Vec<String> = old
        .lines()
        .filter(|l| {
            l.split_once('\t')
                .is_some_and(|(k, _)| k != key && Path::new(k).exists())
        })
        .map(str::to_string)
        .collect();
    lines.push(format!("{key}\t{print}"));
    if let Some(dir) = file.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let _ = crate::db_files::write_atomically(&file, (lines.join("\n") + "\n").as_bytes());
}

/// The rows of `PRAGMA quick_check` (or `integrity_check` when `full`) that
/// are not "ok", at most 20.
pub fn problems(conn: &Connection, full: bool) -> rusqlite::Result<Vec<String>> {
    let pragma = if full { "integrity_check" } else { "quick_check" };
    let mut stmt = conn.prepare(&format!("PRAGMA {pragma}(20)"))?;
    let rows: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    // SQLite puts several findings on lines of one row; a message is one line.
    Ok(rows
        .iter()
        .flat_map(|r| r.lines())
        .map(str::trim)
        .filter(|r| !r.is_empty() && *r != "ok" && !r.starts_with("*** in database"))
        .map(str::to_string)
        .collect())
}

/// Lowers the calling thread's CPU priority to the least (nice 19), for the
/// background integrity check: a full read of a large desk's file takes
/// seconds of one core, and at the window's priority it took that core from
/// the page on a two-core machine (150–300 ms without a frame after start on
/// a 100,000-story desk). Idle cores still run it at full speed; only the
/// first write, which waits for it, may wait longer while the window is busy.
/// Failing to lower it changes nothing else, so the error is only logged.
pub fn yield_to_the_window() {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: gettid and setpriority take no pointers; on Linux the
        // nice value is per thread, and a thread id names only this thread.
        let done = unsafe { libc::setpriority(libc::PRIO_PROCESS, libc::gettid() as libc::id_t, 19) };
        if done != 0 {
            tracing::debug!(error = %std::io::Error::last_os_error(), "the integrity check runs at normal priority");
        }
    }
}

/// Where a store's integrity check before its first write stands.
pub enum Integrity {
    /// Done and clean (or not needed: a new file, a server, a restore).
    Checked,
    /// Not started: the app starts it once its window has drawn
    /// ([`Integrity::start`]), so the check's full read of the file does not
    /// compete with the window's start; a write before that runs it first.
    Deferred,
    /// Running on a thread of its own; the first write waits for it.
    Running(std::thread::JoinHandle<Result<()>>),
    /// It found damage: every write checks again (and is refused).
    Redo,
}

impl Integrity {
    /// Starts a deferred check of the file at `path` on a thread of its own,
    /// at the least CPU priority; any other state is kept.
    pub fn start(self, path: &Path) -> Integrity {
        match self {
            Integrity::Deferred => {
                let file = path.to_path_buf();
                Integrity::Running(std::thread::spawn(move || {
                    yield_to_the_window();
                    let conn = connect_read(&file)?;
                    check_integrity(&conn, &file)
                }))
            }
            other => other,
        }
    }

    /// Whether a write would have to wait for (or run) the check now.
    pub fn pending(&self) -> bool {
        match self {
            Integrity::Checked | Integrity::Redo => false,
            Integrity::Deferred => true,
            Integrity::Running(check) => !check.is_finished(),
        }
    }
}

/// Refuses to write to a damaged file, naming the newest backup to restore.
pub fn check_integrity(conn: &Connection, path: &Path) -> Result<()> {
    if fingerprint(path).is_some_and(|now| cached_fingerprint(path).as_deref() == Some(now.as_str())) {
        return Ok(());
    }
    let found = match problems(conn, false) {
        Ok(rows) => rows,
        // A damaged page may fail the check itself.
        Err(e) => vec![e.to_string()],
    };
    if found.is_empty() {
        remember_clean(path);
        return Ok(());
    }
    let advice = match crate::store::engine::backup::list(path).into_iter().next() {
        Some(b) => format!(
            "Restore the newest backup, {}, from {} (`factdesk restore-backup {}`), or run `factdesk doctor`.",
            b.path.display(),
            b.taken_at.format("%Y-%m-%d %H:%M UTC"),
            b.path.display()
        ),
        None => "No backup of it was found beside it; run `factdesk doctor` to see what is damaged.".into(),
    };
    Err(Error::Damaged {
        path: path.to_path_buf(),
        detail: found.join("; "),
        advice,
    })
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    #[test]
    fn the_background_check_runs_at_the_least_priority_and_only_its_thread_does() {
        // SAFETY: as in `yield_to_the_window`.
        let nice = || unsafe { libc::getpriority(libc::PRIO_PROCESS, libc::gettid() as libc::id_t) };
        let before = nice();
        let inside = std::thread::spawn(move || {
            super::yield_to_the_window();
            nice()
        })
        .join()
        .unwrap();
        assert_eq!(inside, 19);
        assert_eq!(nice(), before, "the calling thread keeps its priority");
    }

    #[test]
    fn a_statement_is_planned_once_whatever_its_values() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("desk.sqlite3");
        let mut store = crate::store::Store::open(&path).unwrap();
        for _ in 0..3 {
            store.create_story(&crate::sample::story(3, 2)).unwrap();
        }
        drop(store);
        for conn in [
            super::connect_write(&path).unwrap(),
            super::connect_read(&path).unwrap(),
        ] {
            let sql =
                "SELECT fact_id, source_id FROM citations WHERE story_id = ?1 ORDER BY fact_id, position";
            for story in 1..=3_i64 {
                let mut statement = conn.prepare_cached(sql).unwrap();
                let cited = statement
                    .query_map([story], |r| r.get::<_, String>(1))
                    .unwrap()
                    .count();
                assert!(cited > 0, "story {story} cites its sources");
            }
            let statement = conn.prepare_cached(sql).unwrap();
            assert_eq!(statement.get_status(rusqlite::StatementStatus::Run), 3);
            assert_eq!(
                statement.get_status(rusqlite::StatementStatus::RePrepare),
                0,
                "a new story id must not compile the statement again"
            );
        }
    }
}
