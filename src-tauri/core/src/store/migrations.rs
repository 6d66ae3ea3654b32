//! Embedded schema migrations, applied in one transaction.
//!
//! Contract: migration `i` (1-based) of [`MIGRATIONS`] takes a database from
//! `PRAGMA user_version` `i-1` to `i`. [`migrate`] applies all pending ones
//! inside a single IMMEDIATE transaction and sets `user_version` last, so a
//! failure leaves the file exactly as it was. A database whose version is
//! newer than this build knows is refused before anything is written.

use crate::error::{Error, Result};
use rusqlite::{Connection, TransactionBehavior};
use std::path::Path;

/// Every migration this build ships, oldest first. Never edit a shipped one.
pub const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_initial.sql"),
    include_str!("migrations/0002_outlet_details.sql"),
    include_str!("migrations/0003_story_uid.sql"),
];

/// The schema version this build writes.
pub fn latest() -> i64 {
    MIGRATIONS.len() as i64
}

/// Reads `PRAGMA user_version`.
pub fn version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
}

/// Refuses a database from a newer build; reads only.
pub fn guard(conn: &Connection, path: &Path, migrations: &[&str]) -> Result<i64> {
    let found = version(conn)?;
    let supported = migrations.len() as i64;
    if found > supported {
        return Err(Error::NewerDatabase {
            path: path.to_path_buf(),
            found,
            supported,
        });
    }
    Ok(found)
}

/// Brings the database up to `migrations.len()`, all or nothing.
pub fn migrate(conn: &mut Connection, path: &Path, migrations: &[&str]) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Re-read inside the lock: another process may have migrated meanwhile.
    let current = guard(&tx, path, migrations)?;
    for (i, sql) in migrations.iter().enumerate().skip(current as usize) {
        tracing::info!(to = i + 1, "applying schema migration");
        tx.execute_batch(sql)?;
    }
    tx.pragma_update(None, "user_version", migrations.len() as i64)?;
    tx.commit()?;
    Ok(())
}
