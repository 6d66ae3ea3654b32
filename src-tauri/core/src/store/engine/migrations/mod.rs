//! Embedded schema migrations, applied in one transaction: each version's
//! files side by side in `NNNN/` — `sqlite.sql` for a file, `postgres.sql`
//! for a team database (PostgreSQL starts at [`postgres::BASELINE`], one
//! file holding the schema as of that version; see [`postgres`]).
//!
//! Contract: migration `i` (1-based) of [`MIGRATIONS`] takes a database from
//! `PRAGMA user_version` `i-1` to `i`. [`migrate`] applies all pending ones
//! inside a single IMMEDIATE transaction with foreign keys off, checks the
//! foreign keys before committing, and sets `user_version` (and the
//! `application_id`) last, so a failure leaves the file exactly as it was.
//! A database whose version is newer than this build knows is refused before
//! anything is written. Callers take a backup first (see `Store::open`).

use crate::error::{Error, Result};
use crate::store::engine::db::Db;
use rusqlite::{Connection, TransactionBehavior};
use std::path::Path;

/// Every migration this build ships, oldest first. Never edit a shipped one.
pub const MIGRATIONS: &[&str] = &[
    include_str!("0001/sqlite.sql"),
    include_str!("0002/sqlite.sql"),
    include_str!("0003/sqlite.sql"),
    include_str!("0004/sqlite.sql"),
    include_str!("0005/sqlite.sql"),
    include_str!("0006/sqlite.sql"),
    include_str!("0007/sqlite.sql"),
    include_str!("0008/sqlite.sql"),
    include_str!("0009/sqlite.sql"),
    include_str!("0010/sqlite.sql"),
    include_str!("0011/sqlite.sql"),
    include_str!("0012/sqlite.sql"),
    include_str!("0013/sqlite.sql"),
    include_str!("0014/sqlite.sql"),
    include_str!("0015/sqlite.sql"),
    include_str!("0016/sqlite.sql"),
    include_str!("0017/sqlite.sql"),
    include_str!("0018/sqlite.sql"),
];

/// `PRAGMA application_id` of every Factdesk database ("FDSK"), set by the
/// first migration and checked when a file is opened.
pub const APPLICATION_ID: i32 = 0x4644_534B;

pub mod postgres;

/// Work a migration does in Rust, in the same transaction, after every
/// pending migration's SQL has run (on the latest schema).
pub type DataStep = fn(&Db) -> Result<()>;

/// The data steps of a migration list, by migration number (1-based).
pub type DataSteps<'a> = &'a [(usize, DataStep)];

/// What a long migration step reports as it goes: what, how many done, of how many.
pub type Progress = fn(&str, usize, usize);

static PROGRESS: std::sync::OnceLock<Progress> = std::sync::OnceLock::new();

/// Has long migration steps report to `hook` (the CLI shows a progress line).
pub fn on_progress(hook: Progress) {
    let _ = PROGRESS.set(hook);
}

/// Reports progress of a long step, to the hook and the log.
pub fn progress(what: &str, done: usize, total: usize) {
    tracing::info!(done, total, "{what}");
    if let Some(hook) = PROGRESS.get() {
        hook(what, done, total);
    }
}

/// The schema version this build writes.
pub fn latest() -> i64 {
    MIGRATIONS.len() as i64
}

/// Reads `PRAGMA user_version`.
pub fn version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
}

/// Brings the database up to `migrations.len()`, all or nothing.
///
/// Foreign keys are off while the migrations run, so rebuilding a table
/// (create, copy, drop, rename) cannot cascade-delete the rows that refer to
/// it; `PRAGMA foreign_key_check` then runs inside the same transaction and
/// any violation rolls everything back. Foreign keys are on again after.
pub fn migrate(conn: &mut Connection, path: &Path, migrations: &[&str], steps: DataSteps) -> Result<()> {
    let named = |e: rusqlite::Error| Error::Sql(e).in_file(path);
    conn.pragma_update(None, "foreign_keys", "OFF").map_err(named)?;
    let result = apply(conn, path, migrations, steps);
    conn.pragma_update(None, "foreign_keys", "ON").map_err(named)?;
    result
}

fn apply(conn: &mut Connection, path: &Path, migrations: &[&str], steps: DataSteps) -> Result<()> {
    let failed = |why: String| Error::MigrationFailed {
        path: path.to_path_buf(),
        why,
    };
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(|e| Error::Sql(e).in_file(path))?;
    // Re-read inside the lock: another process may have migrated meanwhile.
    let current = version(&tx).map_err(|e| Error::Sql(e).in_file(path))?;
    if current > migrations.len() as i64 {
        return Err(Error::NewerDatabase {
            path: path.to_path_buf(),
            found: current,
            supported: migrations.len() as i64,
        });
    }
    if current == migrations.len() as i64 {
        return Ok(());
    }
    for (i, sql) in migrations.iter().enumerate().skip(current as usize) {
        tracing::info!(to = i + 1, "applying schema migration");
        tx.execute_batch(sql)
            .map_err(|e| failed(format!("migration {} failed: {e}", i + 1)))?;
    }
    // Data steps run once the schema is the final one, so they can use the
    // store's own code (which knows only the latest schema).
    for (i, sql) in migrations.iter().enumerate().skip(current as usize) {
        let shipped = MIGRATIONS.get(i) == Some(sql);
        if let Some((_, step)) = steps.iter().find(|(n, _)| *n == i + 1 && shipped) {
            step(&Db::lite(&tx)).map_err(|e| failed(format!("migration {} failed: {e}", i + 1)))?;
        }
    }
    let violations = foreign_key_violations(&tx).map_err(|e| failed(e.to_string()))?;
    if !violations.is_empty() {
        return Err(failed(format!(
            "it would leave rows pointing at nothing ({})",
            violations.join("; ")
        )));
    }
    tx.pragma_update(None, "user_version", migrations.len() as i64)
        .and_then(|_| tx.pragma_update(None, "application_id", APPLICATION_ID))
        .and_then(|_| tx.commit())
        .map_err(|e| Error::Sql(e).in_file(path))?;
    Ok(())
}

/// `PRAGMA foreign_key_check`, one line per violation (at most 10).
pub fn foreign_key_violations(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    let rows = stmt.query_map([], |r| {
        let table: String = r.get(0)?;
        let row: Option<i64> = r.get(1)?;
        let parent: String = r.get(2)?;
        Ok(match row {
            Some(row) => format!("{table} row {row} refers to a missing {parent}"),
            None => format!("{table} refers to a missing {parent}"),
        })
    })?;
    rows.take(10).collect()
}
