//! The store of stories, their revisions and the outlet registry: an SQLite
//! file (the default) or a team database on a PostgreSQL server
//! ([`Store::open_server`], see [`pg`]), with the same model and rules.
//!
//! Laid out as it works, calls going down only: [`ops`] holds the `impl
//! Store` operations callers use, each one transaction over [`tables`] (one
//! module per table, its SQL written once for both backends), which run on
//! the [`engine`] (connections, opening, migrations, backups, the live
//! listener). This file holds the [`Store`] itself and the transaction
//! wrappers every operation goes through.
//!
//! Contract: [`Store::open_read`] opens an existing database without writing
//! anything (no migration, no journal-mode change, no table created);
//! [`Store::open`] opens one for writing: it refuses another application's
//! file, a database from a newer build and a damaged file untouched, takes a
//! backup before migrating an older schema, and runs in WAL mode with
//! foreign keys on and a busy timeout. Every write is one transaction; every
//! error names the file. A save must carry the version it started from: a
//! stale one is refused with [`Error::Conflict`] and nothing is overwritten;
//! each accepted save keeps the previous state as a revision. The store owns
//! ids and timestamps. On a server, errors name its address with the
//! password masked, and file-only operations (backups, integrity checks) are
//! refused with a message saying the server does them.

pub mod engine;
pub mod ops;
pub mod tables;

pub use engine::{backup, db, migrations, open, pg, scratch};
pub use ops::{copy, coverage, presence, search, trash};
pub use tables::revisions;

use crate::error::{Error, Result};
use crate::model::{StoryId, StorySummary};
use chrono::{DateTime, SecondsFormat, Utc};
use engine::watch;
use rusqlite::{Connection, TransactionBehavior};
use serde::Serialize;
use std::path::{Path, PathBuf};
use ts_rs::TS;

pub use backup::{Backup, Reason as BackupReason};
pub use ops::content::{GateResult, ImportNote};
pub use ops::workflow::{EditionRef, History};
pub use revisions::{Revision, RevisionInfo};
pub use trash::{Trashed, Untrashed};

/// How many daily backups the app keeps.
pub const DAILY_BACKUPS_KEPT: usize = 7;

/// An open Factdesk database.
pub struct Store {
    /// The SQLite connection: `Some` until the store is dropped, unless the
    /// store is on a server.
    conn: Option<Connection>,
    /// The team database, when the store is on a PostgreSQL server.
    server: Option<pg::Server>,
    /// The file, or the server's URL with its password masked.
    path: PathBuf,
    writable: bool,
    /// The backup taken before this open migrated the file.
    migration_backup: Option<PathBuf>,
    /// Who is editing: recorded with every save and transition.
    editor: String,
    /// The file's integrity check before its first write: done, running in
    /// the background (the app opens without waiting for it), or to redo.
    integrity: open::Integrity,
    /// The story this store saved last (or opened for editing), as saved,
    /// with its search text when that is known (a typing save does not make
    /// it): the next save of it
    /// reads its parts from here when its row shows nothing wrote it since,
    /// and compares its new search text with this one instead of making the
    /// old one again.
    last_saved: Option<(crate::model::StoredStory, Option<crate::search::Document>)>,
    /// The file registered as open in this process, so nothing else in it
    /// opens the file (see [`crate::db_files`]); none on a server.
    _hold: Option<crate::db_files::Hold>,
    /// Whether this store still owes today's backup after its first write
    /// (any writer takes it; the app takes it on a thread of its own).
    daily_backup_due: bool,
}

/// The story list, with the stories whose rows cannot be read named apart.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct StoryListing {
    pub stories: Vec<StorySummary>,
    pub unreadable: Vec<Unreadable>,
}

/// A story (or, when `id` is null, the rest of the list) that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Unreadable {
    #[ts(type = "number | null")]
    pub id: Option<StoryId>,
    pub problem: String,
}

/// What `factdesk doctor` found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Health {
    pub schema_version: i64,
    pub latest_version: i64,
    /// `PRAGMA integrity_check` rows other than "ok".
    pub integrity: Vec<String>,
    /// `PRAGMA foreign_key_check` rows.
    pub foreign_keys: Vec<String>,
    /// Stories whose rows cannot be read.
    pub unreadable: Vec<Unreadable>,
    pub stories: usize,
    pub backups: Vec<Backup>,
}

impl Health {
    pub fn healthy(&self) -> bool {
        self.integrity.is_empty() && self.foreign_keys.is_empty() && self.unreadable.is_empty()
    }
}

/// Timestamps are stored as RFC 3339 with nanoseconds, so text order is time
/// order and JSON round trips lose nothing.
pub(crate) fn ts(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Nanos, true)
}

pub(crate) fn parse_ts(s: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| bad_value("timestamp", s))
}

/// A stored value Factdesk cannot use (a damaged row).
pub(crate) fn bad_value(what: &str, value: &str) -> Error {
    let shown: String = value.chars().take(40).collect();
    Error::Corrupt(format!("unexpected {what} {shown:?}"))
}

/// The reason a row the database returned cannot be used, if that is the error.
fn unreadable_row(e: &Error) -> Option<String> {
    match e {
        Error::Corrupt(why) => Some(why.clone()),
        _ => None,
    }
}

impl Store {
    /// Which backend the store is on.
    pub fn dialect(&self) -> db::Dialect {
        match self.server {
            Some(_) => db::Dialect::Postgres,
            None => db::Dialect::Sqlite,
        }
    }

    /// The team database, when the store is on a server.
    pub fn server(&self) -> Option<&pg::Server> {
        self.server.as_ref()
    }

    /// The SQLite connection; a store on a server has none, and the
    /// file-only operations (backups, integrity checks) say so.
    fn conn(&self) -> Result<&Connection> {
        self.conn.as_ref().ok_or_else(|| Error::Refused {
            code: crate::error::ErrorCode::BadInput,
            message: format!(
                "{}: a team database on a server is backed up and checked by the server (pg_dump; see docs/DEPLOYMENT.md), not by Factdesk",
                self.path.display()
            ),
        })
    }

    /// The backup this open took before migrating the file, if it did.
    pub fn migration_backup(&self) -> Option<&Path> {
        self.migration_backup.as_deref()
    }

    /// Whether the store was opened for writing.
    pub fn writable(&self) -> bool {
        self.writable
    }

    /// Records `name` as the editor of every later save and transition.
    pub fn set_editor(&mut self, name: &str) {
        self.editor = name.trim().to_string();
    }

    /// Who this store saves as.
    pub fn editor(&self) -> &str {
        &self.editor
    }

    /// The database file this store reads and writes.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs a read, naming the file in any error.
    fn read<T>(&self, f: impl FnOnce(&db::Db) -> Result<T>) -> Result<T> {
        if let Some(server) = &self.server {
            return server.read(f);
        }
        f(&db::Db::lite(self.conn()?)).map_err(|e| e.in_file(&self.path))
    }

    /// Runs `f` in one IMMEDIATE transaction (taking the write lock before
    /// reading, so a read-modify-write cannot interleave with another
    /// writer's), committing only when it succeeds; errors name the file.
    fn write<T>(&mut self, f: impl FnOnce(&db::Db) -> Result<T>) -> Result<T> {
        if !self.writable {
            return Err(Error::ReadOnly {
                path: self.path.clone(),
            });
        }
        if let Some(server) = &self.server {
            return server.write(f);
        }
        self.checked()?;
        self.still_the_file()?;
        let path = &self.path;
        let conn = self
            .conn
            .as_mut()
            .ok_or_else(|| Error::ReadOnly { path: path.clone() })?;
        let run = || -> Result<T> {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let value = f(&db::Db::lite(&tx))?;
            tx.commit()?;
            Ok(value)
        };
        let value = run().map_err(|e| e.in_file(path))?;
        self.take_daily_backup_if_due();
        Ok(value)
    }

    /// Waits for the background integrity check, or redoes one that failed,
    /// before a write.
    fn checked(&mut self) -> Result<()> {
        let result = match std::mem::replace(&mut self.integrity, open::Integrity::Checked) {
            open::Integrity::Checked => return Ok(()),
            open::Integrity::Running(check) => check
                .join()
                .unwrap_or_else(|_| Err(Error::Corrupt("the integrity check stopped unexpectedly".into()))),
            open::Integrity::Redo => self.conn().and_then(|c| open::check_integrity(c, &self.path)),
        };
        if result.is_err() {
            self.integrity = open::Integrity::Redo;
        }
        result
    }

    /// After a store's first write: today's backup, when nobody took it yet.
    /// A backup that fails is logged: the write itself is done.
    fn take_daily_backup_if_due(&mut self) {
        if !std::mem::take(&mut self.daily_backup_due) {
            return;
        }
        match self.daily_backup() {
            Ok(Some(taken)) => tracing::info!(backup = %taken.display(), "daily backup taken"),
            Ok(None) => {}
            Err(e) => tracing::warn!("the daily backup failed: {e}"),
        }
    }

    /// Before a write: refuses a database file replaced or deleted since it
    /// was opened, and replaces a connection whose write-ahead log another
    /// process deleted (it found no lock: see [`crate::db_files`]), so that
    /// no commit goes into a file nobody else reads.
    fn still_the_file(&mut self) -> Result<()> {
        let found = watch::look(self.conn()?, &self.path);
        match found {
            watch::Found::Same => Ok(()),
            watch::Found::Replaced => Err(Error::FileReplaced {
                path: self.path.clone(),
                why: "the database file was moved, replaced or deleted since it was opened".into(),
            }),
            watch::Found::LogDeleted => {
                tracing::warn!(db = %self.path.display(), "the write-ahead log was deleted under this connection; connecting again");
                self.reconnect()
            }
        }
    }

    /// Closes the connection without checkpointing (its log is stale: a
    /// checkpoint would copy old pages over newer ones) and opens another.
    fn reconnect(&mut self) -> Result<()> {
        if let Some(stale) = self.conn.take() {
            let _ = stale.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true);
            if let Err((_, e)) = stale.close() {
                tracing::warn!("closing the stale connection: {e}");
            }
        }
        self.last_saved = None;
        self.conn = Some(open::connect_write(&self.path)?);
        Ok(())
    }

    /// [`Store::write`] for a change to story `id` alone. On a server it
    /// locks only that story's row (colleagues saving other stories go on
    /// in parallel); on a file it is [`Store::write`].
    fn write_story<T>(
        &mut self,
        id: crate::model::StoryId,
        f: impl FnOnce(&db::Db) -> Result<T>,
    ) -> Result<T> {
        if !self.writable {
            return Err(Error::ReadOnly {
                path: self.path.clone(),
            });
        }
        match &self.server {
            Some(server) => server.write_story(id, f),
            None => self.write(f),
        }
    }

    /// Every story, most recently updated first; rows that cannot be read
    /// are named in [`StoryListing::unreadable`] instead of failing the list.
    pub fn list_stories(&self) -> Result<StoryListing> {
        self.read(tables::stories::list)
    }
}

impl Drop for Store {
    /// Closes the connection, then remembers that a file this store checked
    /// and wrote is clean as it is now, so the next writer need not re-check.
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            // A connection whose file was replaced or whose log was deleted
            // must not checkpoint on close (old pages over newer ones) or
            // delete the log at its path (the new file's).
            if watch::look(&conn, &self.path) != watch::Found::Same {
                let _ =
                    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true);
                let _ = conn.close();
                return;
            }
            if conn.close().is_ok() && self.writable {
                open::remember_clean(&self.path);
            }
        }
    }
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
