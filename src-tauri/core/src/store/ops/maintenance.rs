//! Looking after a database file: backups, restoring one, and a health check.
//!
//! Contract: [`Store::backup_to`] copies the database consistently (a reader
//! may take it); [`Store::daily_backup`] takes at most one backup a day and
//! keeps the newest [`crate::store::handle::DAILY_BACKUPS_KEPT`]; [`Store::restore_backup`]
//! checks the backup, backs up the current state, then copies the backup in
//! through SQLite's online backup API and migrates it when it is older, so a
//! restore can itself be undone. [`Store::doctor`] reads only.
//! [`Store::compact`] rewrites the file without its free pages (`VACUUM`).

use crate::error::{Error, Result};
use crate::model::StoryId;
use crate::store::engine::backup::{self, Backup, Reason};
use crate::store::engine::migrations;
use crate::store::engine::open;
use crate::store::handle::Store;
use crate::store::ops::reading;
use crate::store::tables::stories::Unreadable;
use std::path::{Path, PathBuf};

/// What `factdesk doctor` found.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
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

/// A file's size before and after [`Store::compact`], in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Compacted {
    pub before: u64,
    pub after: u64,
}

impl Store {
    /// Rewrites the database file without its free space (`VACUUM`, then a
    /// checkpoint that empties the write-ahead log), so the file is as small
    /// as its rows: after stories are purged, or after schema 14 dropped the
    /// search index's copy of the text, the pages they held stay in the file
    /// until then. VACUUM is its own transaction (it cannot run inside one)
    /// and leaves the file as it was if it fails. The sizes are SQLite's
    /// (pages times page size); a team database is its server's to compact.
    pub fn compact(&mut self) -> Result<Compacted> {
        if !self.writable || self.server.is_some() {
            return Err(Error::BadInput {
                path: self.path.clone(),
                why: match self.server.is_some() {
                    true => {
                        "a team database is compacted by its server (autovacuum); nothing was done".into()
                    }
                    false => "the database is open read-only; nothing was compacted".into(),
                },
            });
        }
        let Some(conn) = self.conn.as_mut() else {
            return Err(Error::Corrupt("no connection to compact".into()));
        };
        let before = pages_in_bytes(conn, "page_count")?;
        conn.execute_batch("VACUUM")?;
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        let after = pages_in_bytes(conn, "page_count")?;
        tracing::info!(before, after, "database compacted");
        Ok(Compacted { before, after })
    }

    /// Bytes of the file no row uses (free pages), as SQLite counts them;
    /// none on a team database.
    pub fn free_bytes(&self) -> Result<u64> {
        match &self.conn {
            Some(conn) => Ok(pages_in_bytes(conn, "freelist_count")?),
            None => Ok(0),
        }
    }

    /// What the editor reads when this open upgraded the file
    /// ([`crate::wording::migrated`]: where the copy as it was is kept, and
    /// the space to give back when the upgrade left much unused); the CLI
    /// and the window both say it.
    pub fn migration_notice(&self) -> Option<String> {
        let backup = self.migration_backup()?;
        // Unknown free space is not worth failing the notice over: it then names only the copy.
        Some(crate::wording::migrated(
            backup,
            self.free_bytes().unwrap_or_default(),
        ))
    }

    /// Copies the database to `dest`, or beside it as a manual backup.
    pub fn backup_to(&self, dest: Option<&Path>) -> Result<PathBuf> {
        let conn = self.conn()?;
        let version = migrations::version(conn).map_err(|e| Error::Sql(e).in_file(&self.path))?;
        match dest {
            Some(dest) => {
                crate::db_files::refuse_if_held(dest, "write a backup over")?;
                backup::write_copy(conn, &self.path, dest)?;
                Ok(dest.to_path_buf())
            }
            None => backup::take(conn, &self.path, Reason::Manual, version),
        }
    }

    /// The backups beside the database, newest first.
    pub fn backups(&self) -> Vec<Backup> {
        match self.server {
            Some(_) => Vec::new(),
            None => backup::list(&self.path),
        }
    }

    /// [`Store::daily_backup`], its outcome logged rather than raised: the
    /// write or the start that asked for it is done either way.
    pub fn daily_backup_logged(&self) {
        log_daily_backup(self.daily_backup());
    }

    /// Takes today's daily backup unless there is one already, then keeps
    /// only the newest [`crate::store::handle::DAILY_BACKUPS_KEPT`]; returns the new one.
    /// A team database on a server has none: the server is backed up there.
    pub fn daily_backup(&self) -> Result<Option<PathBuf>> {
        if self.server.is_some() {
            return Ok(None);
        }
        let today = chrono::Utc::now().date_naive();
        let have = self
            .backups()
            .iter()
            .any(|b| b.reason == Reason::Daily && b.taken_at.date_naive() == today);
        if have {
            return Ok(None);
        }
        let conn = self.conn()?;
        let version = migrations::version(conn).map_err(|e| Error::Sql(e).in_file(&self.path))?;
        let taken = backup::take(conn, &self.path, Reason::Daily, version)?;
        backup::prune(
            &self.path,
            Reason::Daily,
            crate::store::handle::DAILY_BACKUPS_KEPT,
        );
        Ok(Some(taken))
    }

    /// Replaces the database's content with the backup at `from`, after
    /// checking it and backing up the current content (returned), so the
    /// restore can be undone by restoring that.
    pub fn restore_backup(&mut self, from: &Path) -> Result<PathBuf> {
        if !self.writable {
            return Err(Error::ReadOnly {
                path: self.path.clone(),
            });
        }
        if crate::db_files::identity(from).is_some()
            && crate::db_files::identity(from) == crate::db_files::identity(&self.path)
        {
            return Err(Error::BadInput {
                path: from.to_path_buf(),
                why: "it is the database itself; choose one of its backups".into(),
            });
        }
        let source = open::connect_read(from)?;
        let version = match open::identify(&source, from, migrations::latest())? {
            open::Kind::Factdesk(v) => v,
            open::Kind::Empty => {
                return Err(Error::NotADatabase {
                    path: from.to_path_buf(),
                    why: "the file is empty".into(),
                })
            }
        };
        let damage = open::problems(&source, false).map_err(|e| Error::Sql(e).in_file(from))?;
        if !damage.is_empty() {
            return Err(Error::Damaged {
                path: from.to_path_buf(),
                detail: damage.join("; "),
                advice: "Choose another backup.".into(),
            });
        }
        drop(source);
        let current = migrations::version(self.conn()?).unwrap_or(0);
        let before = match backup::take(self.conn()?, &self.path, Reason::BeforeRestore, current) {
            Ok(before) => before,
            // A damaged database cannot be vacuumed: keep its pages as they
            // are, copied by SQLite (opening the file here would drop its locks).
            Err(e) => {
                tracing::warn!("copying the damaged database page by page: {e}");
                let dest = backup::path_for(&self.path, Reason::BeforeRestore, current, chrono::Utc::now());
                self.conn()?
                    .backup(rusqlite::MAIN_DB, &dest, None::<fn(rusqlite::backup::Progress)>)
                    .map_err(|e| Error::Sql(e).in_file(&dest))?;
                dest
            }
        };
        let path = self.path.clone();
        let conn = self
            .conn
            .as_mut()
            .ok_or_else(|| Error::ReadOnly { path: path.clone() })?;
        let named = |e: rusqlite::Error| Error::Sql(e).in_file(&path);
        conn.restore(rusqlite::MAIN_DB, from, None::<fn(rusqlite::backup::Progress)>)
            .map_err(named)?;
        conn.pragma_update(None, "journal_mode", "WAL").map_err(named)?;
        if version < migrations::latest() {
            migrations::migrate(
                conn,
                &path,
                migrations::MIGRATIONS,
                crate::store::ops::upgrades::DATA_STEPS,
            )?;
        }
        tracing::info!(from = %from.display(), before = %before.display(), "backup restored");
        Ok(before)
    }

    /// A full check of the file: integrity, foreign keys, every story
    /// readable, the schema version and the backups beside it.
    pub fn doctor(&self) -> Result<Health> {
        self.read(|conn| {
            // A server checks its own pages and foreign keys as it writes.
            let (schema_version, integrity, foreign_keys) = match conn.sqlite() {
                Some(lite) => (
                    migrations::version(lite)?,
                    open::problems(lite, true).unwrap_or_else(|e| vec![e.to_string()]),
                    migrations::foreign_key_violations(lite).unwrap_or_else(|e| vec![e.to_string()]),
                ),
                None => (
                    conn.value("SELECT max(version) FROM factdesk_schema", &[])?,
                    Vec::new(),
                    Vec::new(),
                ),
            };
            let listing = crate::store::tables::stories::list(conn)?;
            let mut unreadable = listing.unreadable;
            // Read many at a time; each story that cannot be read is named.
            let ids: Vec<StoryId> = listing.stories.iter().map(|s| s.id).collect();
            for chunk in ids.chunks(256) {
                for (&id, loaded) in chunk.iter().zip(reading::load_each(conn, chunk)) {
                    if let Err(e) = loaded {
                        unreadable.push(Unreadable {
                            id: Some(id),
                            problem: e.to_string(),
                        });
                    }
                }
            }
            Ok(Health {
                schema_version,
                latest_version: match self.server {
                    Some(_) => crate::store::engine::pg::latest(),
                    None => migrations::latest(),
                },
                integrity,
                foreign_keys,
                unreadable,
                stories: listing.stories.len(),
                backups: self.backups(),
            })
        })
    }
}

/// Logs what a daily backup did: where it went, or why it failed.
pub fn log_daily_backup(outcome: Result<Option<PathBuf>>) {
    match outcome {
        Ok(Some(taken)) => tracing::info!(backup = %taken.display(), "daily backup taken"),
        Ok(None) => {}
        Err(e) => tracing::warn!("the daily backup failed: {e}"),
    }
}

/// A page count pragma (`page_count`, `freelist_count`) times the page
/// size: bytes of the file, as SQLite counts them.
fn pages_in_bytes(conn: &rusqlite::Connection, count: &str) -> rusqlite::Result<u64> {
    conn.query_row(
        &format!("SELECT {count} * page_size FROM pragma_{count}, pragma_page_size"),
        [],
        |r| r.get::<_, i64>(0),
    )
    .map(|bytes| bytes.max(0) as u64)
}
