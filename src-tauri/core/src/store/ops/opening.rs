//! Opening a store: a database file for writing (checked, backed up and
//! migrated as needed) or for reading only, or a team database on a server.
//!
//! Contract: [`Store::open_read`] opens an existing database without writing
//! anything (no migration, no journal-mode change, no table created);
//! [`Store::open`] refuses another application's file, a database from a
//! newer build and a damaged file untouched, takes a backup before migrating
//! an older schema, and leaves the file in WAL mode. The migrations' data
//! steps come from [`super::upgrades`], so the engine below knows no story.

use crate::error::{Error, Result};
use crate::store::engine::{backup, migrations, open, pg};
use crate::store::handle::Store;
use crate::store::ops::upgrades::DATA_STEPS;
use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// When a file opened for writing has its integrity checked.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Check {
    /// Before the open returns.
    Now,
    /// On a thread of its own; the first write waits for it.
    Later,
    /// Not at all (to restore a backup over a damaged file).
    Never,
}

impl Store {
    /// A store on the database file at `path`, over `conn`.
    fn on_file(conn: Connection, path: &Path, writable: bool, integrity: open::Integrity) -> Store {
        Store {
            _hold: Some(crate::db_files::hold(
                path,
                crate::store::engine::backup::is_backup_of,
            )),
            conn: Some(conn),
            server: None,
            path: path.to_path_buf(),
            writable,
            migration_backup: None,
            editor: crate::editor::default_name(),
            integrity,
            last_saved: None,
            daily_backup_due: writable,
        }
    }

    /// Opens (creating if needed) the database at `path` for writing,
    /// migrating it after a backup when it is older than this build.
    pub fn open(path: &Path) -> Result<Store> {
        Self::open_with(path, migrations::MIGRATIONS)
    }

    /// [`Store::open`] with an explicit migration list (for migration tests).
    pub fn open_with(path: &Path, migrations_list: &[&str]) -> Result<Store> {
        Self::open_checked(path, migrations_list, Check::Now)
    }

    /// Opens a database for writing without checking its integrity, so that
    /// a damaged one can have a backup restored over it
    /// ([`Store::restore_backup`]); nothing else should write to it.
    pub fn open_to_restore(path: &Path) -> Result<Store> {
        Self::open_checked(path, migrations::MIGRATIONS, Check::Never)
    }

    /// [`Store::open`] for the app: when the file is at this build's schema,
    /// its integrity check (a full read: seconds on a large desk) waits for
    /// the window to draw ([`Store::start_integrity_check`]) and then runs in
    /// the background; the first write waits for it (or runs it, when it
    /// was not started), and a damaged file is refused then, as
    /// [`Store::open`] refuses it now. A file to migrate is checked first,
    /// as by `open`.
    pub fn open_checking_later(path: &Path) -> Result<Store> {
        Self::open_checked(path, migrations::MIGRATIONS, Check::Later)
    }

    fn open_checked(path: &Path, migrations_list: &[&str], check: Check) -> Result<Store> {
        let mut conn = open::connect_write(path)?;
        let latest = migrations_list.len() as i64;
        let mut migration_backup = None;
        if let open::Kind::Factdesk(version) = open::identify(&conn, path, latest)? {
            if check == Check::Never {
                return Ok(Store::on_file(conn, path, true, open::Integrity::Checked));
            }
            if check == Check::Now || version < latest {
                open::check_integrity(&conn, path)?;
            }
            if version < latest {
                migration_backup = Some(backup::take(&conn, path, backup::Reason::Migration, version)?);
            }
        }
        // The journal mode changes only once the migration succeeded: a
        // failed one leaves the file exactly as it was.
        migrations::migrate(&mut conn, path, migrations_list, DATA_STEPS)?;
        let named = |e: rusqlite::Error| Error::Sql(e).in_file(path);
        let mode: String = conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .map_err(named)?;
        if !mode.eq_ignore_ascii_case("wal") {
            conn.pragma_update(None, "journal_mode", "WAL").map_err(named)?;
        }
        if let Some(b) = &migration_backup {
            tracing::info!(backup = %b.display(), "migrated to schema version {latest}");
        }
        let integrity = match (check, migration_backup.is_some()) {
            (Check::Later, false) => open::Integrity::Deferred,
            _ => open::Integrity::Checked,
        };
        let mut store = Store::on_file(conn, path, true, integrity);
        store.migration_backup = migration_backup;
        // The app takes the daily backup in the background, never before a
        // keystroke's save; a restore is followed by a backup of its own.
        store.daily_backup_due = check == Check::Now;
        // A file checked later is indexed by its owner once the check is
        // done ([`Store::index_pending`]): a write before it would wait.
        Ok(match check {
            Check::Later => store,
            _ => store.with_pending_indexed(),
        })
    }

    /// Opens an existing database for reading only: nothing is created,
    /// migrated or written. A database that needs migrating is refused.
    pub fn open_read(path: &Path) -> Result<Store> {
        let conn = open::connect_read(path)?;
        let latest = migrations::latest();
        match open::identify(&conn, path, latest)? {
            open::Kind::Factdesk(v) if v == latest => {}
            open::Kind::Factdesk(found) => {
                return Err(Error::NeedsMigration {
                    path: path.to_path_buf(),
                    found,
                    latest,
                })
            }
            open::Kind::Empty => {
                return Err(Error::NotADatabase {
                    path: path.to_path_buf(),
                    why: "the file is empty".into(),
                })
            }
        }
        Ok(Store::on_file(conn, path, false, open::Integrity::Checked))
    }

    /// Opens the team database at a `postgres://` URL for writing,
    /// creating or upgrading its schema.
    pub fn open_server(url: &str) -> Result<Store> {
        Self::on_server(pg::Server::open(url, true, DATA_STEPS)?, true)
    }

    /// Opens the team database at a `postgres://` URL for reading only.
    pub fn open_server_read(url: &str) -> Result<Store> {
        Self::on_server(pg::Server::open(url, false, DATA_STEPS)?, false)
    }

    fn on_server(server: pg::Server, writable: bool) -> Result<Store> {
        let editor = server.login().to_string();
        let store = Store {
            conn: None,
            path: PathBuf::from(server.place()),
            server: Some(server),
            writable,
            migration_backup: None,
            editor,
            integrity: open::Integrity::Checked,
            last_saved: None,
            _hold: None,
            daily_backup_due: false,
        };
        Ok(match writable {
            true => store.with_pending_indexed(),
            false => store,
        })
    }

    /// Another store on the same database, for reading only: a search runs
    /// there, so it never waits for, or holds up, this store's writes.
    pub fn reader(&self) -> Result<Store> {
        match &self.server {
            Some(server) => Self::open_server_read(server.url()),
            None => Self::open_read(&self.path),
        }
    }

    /// Opens `location` for writing: a `postgres://` URL or a file.
    pub fn open_location(location: &str) -> Result<Store> {
        match pg::is_url(location) {
            true => Self::open_server(location),
            false => Self::open(Path::new(location)),
        }
    }

    /// Opens `location` for reading only: a `postgres://` URL or a file.
    pub fn open_location_read(location: &str) -> Result<Store> {
        match pg::is_url(location) {
            true => Self::open_server_read(location),
            false => Self::open_read(Path::new(location)),
        }
    }
}
