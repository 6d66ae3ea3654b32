//! The open store: one connection (a file's, or a server's) with who is
//! editing, and the transaction wrappers every operation goes through.
//!
//! Contract: [`Store::read`] runs a read and names the file in any error;
//! [`Store::write`] runs one IMMEDIATE transaction (on a server, under the
//! desk's write lock; [`Store::write_story`] locks one story's row), after
//! waiting for the background integrity check and checking that the file
//! at the path is still the one opened, and commits only when the work
//! succeeds; the first write of the day takes the daily backup. Dropping a
//! store never checkpoints a replaced file's stale log.

use crate::error::{Error, Result};
use crate::store::engine::{db, open, pg, watch};
use rusqlite::{Connection, TransactionBehavior};
use std::path::{Path, PathBuf};

/// How many daily backups the app keeps.
pub const DAILY_BACKUPS_KEPT: usize = 7;

/// An open Factdesk database.
pub struct Store {
    /// The SQLite connection: `Some` until the store is dropped, unless the
    /// store is on a server.
    pub(in crate::store) conn: Option<Connection>,
    /// The team database, when the store is on a PostgreSQL server.
    pub(in crate::store) server: Option<pg::Server>,
    /// The file, or the server's URL with its password masked.
    pub(in crate::store) path: PathBuf,
    pub(in crate::store) writable: bool,
    /// The backup taken before this open migrated the file.
    pub(in crate::store) migration_backup: Option<PathBuf>,
    /// Who is editing: recorded with every save and transition.
    pub(in crate::store) editor: String,
    /// The file's integrity check before its first write: done, not started
    /// yet or running in the background (the app opens without waiting for
    /// it), or to redo.
    pub(in crate::store) integrity: open::Integrity,
    /// The story this store saved last (or opened for editing), as saved,
    /// with its search text when that is known (a typing save does not make
    /// it): the next save of it
    /// reads its parts from here when its row shows nothing wrote it since,
    /// and compares its new search text with this one instead of making the
    /// old one again.
    pub(in crate::store) last_saved: Option<(crate::model::StoredStory, Option<crate::search::Document>)>,
    /// The file registered as open in this process, so nothing else in it
    /// opens the file (see [`crate::db_files`]); none on a server.
    pub(in crate::store) _hold: Option<crate::db_files::Hold>,
    /// Whether this store still owes today's backup after its first write
    /// (any writer takes it; the app takes it on a thread of its own).
    pub(in crate::store) daily_backup_due: bool,
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
    pub(in crate::store) fn conn(&self) -> Result<&Connection> {
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
    /// On a team database the editor is the login the server knows: a
    /// name that is not that login's is refused (the server would record
    /// the login anyway), so nobody acts under another editor's name.
    pub fn set_editor(&mut self, name: &str) -> Result<()> {
        if let Some(server) = &self.server {
            if !crate::editor::same_person(name, server.login()) {
                return Err(Error::Refused {
                    code: crate::error::ErrorCode::NotPermitted,
                    message: format!(
                        "{}: on a team database you are your database login \"{}\"; --as and {} cannot name another editor (connect as that editor's login instead; a display name is set with `factdesk users me NAME`)",
                        self.path.display(),
                        server.login(),
                        crate::editor::EDITOR_ENV
                    ),
                });
            }
            return Ok(());
        }
        self.editor = name.trim().to_string();
        Ok(())
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
    pub(in crate::store) fn read<T>(&self, f: impl FnOnce(&db::Db) -> Result<T>) -> Result<T> {
        if let Some(server) = &self.server {
            return server.read(f);
        }
        f(&db::Db::lite(self.conn()?)).map_err(|e| e.in_file(&self.path))
    }

    /// Runs a read of many statements in one read transaction, so they see
    /// one state of the file and take its lock once, not once a statement;
    /// a server's reads are one transaction already. Nothing is written.
    pub(in crate::store) fn read_together<T>(&self, f: impl FnOnce(&db::Db) -> Result<T>) -> Result<T> {
        if self.server.is_some() {
            return self.read(f);
        }
        let conn = self.conn()?;
        if !conn.is_autocommit() {
            return self.read(f);
        }
        let named = |e: rusqlite::Error| Error::Sql(e).in_file(&self.path);
        conn.execute_batch("BEGIN DEFERRED").map_err(named)?;
        let result = f(&db::Db::lite(conn)).map_err(|e| e.in_file(&self.path));
        // Ending a read-only transaction cannot lose anything; a failed end
        // leaves the connection as it was.
        let ended = conn.execute_batch(if result.is_ok() { "COMMIT" } else { "ROLLBACK" });
        match (result, ended) {
            (Ok(value), Ok(())) => Ok(value),
            (Ok(_), Err(e)) => Err(named(e)),
            (Err(e), _) => Err(e),
        }
    }

    /// Runs `f` in one IMMEDIATE transaction (taking the write lock before
    /// reading, so a read-modify-write cannot interleave with another
    /// writer's), committing only when it succeeds; errors name the file.
    pub(in crate::store) fn write<T>(&mut self, f: impl FnOnce(&db::Db) -> Result<T>) -> Result<T> {
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

    /// Starts the file's deferred integrity check in the background (see
    /// [`Store::open_checking_later`]); nothing when it started or ran.
    pub fn start_integrity_check(&mut self) {
        let state = std::mem::replace(&mut self.integrity, open::Integrity::Checked);
        self.integrity = state.start(&self.path);
    }

    /// The integrity check's answer, waiting for (or running) it if need be:
    /// an error names the damage and the backup to restore.
    pub fn integrity_sound(&mut self) -> Result<()> {
        self.checked()
    }

    /// Whether the next write would wait for the file's integrity check.
    pub fn integrity_pending(&self) -> bool {
        self.integrity.pending()
    }

    /// Waits for the background integrity check, or redoes one that failed,
    /// before a write.
    fn checked(&mut self) -> Result<()> {
        let result = match std::mem::replace(&mut self.integrity, open::Integrity::Checked) {
            open::Integrity::Checked => return Ok(()),
            open::Integrity::Running(check) => check
                .join()
                .unwrap_or_else(|_| Err(Error::Corrupt("the integrity check stopped unexpectedly".into()))),
            open::Integrity::Redo | open::Integrity::Deferred => {
                self.conn().and_then(|c| open::check_integrity(c, &self.path))
            }
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
        self.daily_backup_logged();
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
    pub(in crate::store) fn write_story<T>(
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
