//! The team database's schema on PostgreSQL: created whole from a baseline,
//! then upgraded by migrations numbered as SQLite's.
//!
//! Contract: [`check`] says what a server database holds — empty, a
//! Factdesk desk at some version (refused when newer than this build), or
//! someone else's tables (refused). [`create_or_upgrade`] runs inside the
//! caller's write transaction: it creates the [`BASELINE`] schema on an
//! empty database, applies every later migration in order, and records the
//! version in `factdesk_schema`, so a failure leaves the database as it was.

use crate::error::{Error, Result};
use crate::store::engine::db::Db;

/// The schema this build creates on a new server database, as of SQLite's
/// schema version [`BASELINE`]; later migrations come in both dialects.
const BASELINE_SQL: &str = include_str!("0006/postgres.sql");
/// The schema version the baseline is.
pub const BASELINE: i64 = 6;
/// Migrations after the baseline, as `(version, SQL)`, oldest first.
const MIGRATIONS: &[(i64, &str)] = &[
    (7, include_str!("0007/postgres.sql")),
    (8, include_str!("0008/postgres.sql")),
    (9, include_str!("0009/postgres.sql")),
    (10, include_str!("0010/postgres.sql")),
    (11, include_str!("0011/postgres.sql")),
    (12, include_str!("0012/postgres.sql")),
    (13, include_str!("0013/postgres.sql")),
    (14, include_str!("0014/postgres.sql")),
    (15, include_str!("0015/postgres.sql")),
    (16, include_str!("0016/postgres.sql")),
    (17, include_str!("0017/postgres.sql")),
    (18, include_str!("0018/postgres.sql")),
];

/// The newest schema version this build knows on a server.
pub fn latest() -> i64 {
    MIGRATIONS.last().map_or(BASELINE, |(v, _)| *v)
}

/// The desk's schema version on the server (`None`: an empty database),
/// refusing another application's tables and a newer build's schema;
/// errors name `place`.
pub fn check(db: &Db, place: &str) -> Result<Option<i64>> {
    let marker: Option<String> = db.value("SELECT to_regclass('factdesk_schema')::text", &[])?;
    if marker.is_none() {
        let tables: i64 = db.value(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()
               AND table_name IN ('stories', 'sources', 'facts', 'outlets')",
            &[],
        )?;
        return match tables {
            0 => Ok(None),
            _ => Err(Error::NotADatabase {
                path: place.into(),
                why: "it holds tables named like Factdesk's but no factdesk_schema version table".into(),
            }),
        };
    }
    let version: i64 = db.value("SELECT max(version) FROM factdesk_schema", &[])?;
    match version > latest() {
        true => Err(Error::NewerDatabase {
            path: place.into(),
            found: version,
            supported: latest(),
        }),
        false => Ok(Some(version)),
    }
}

/// Creates the schema on an empty database or upgrades an older one, in
/// the caller's transaction.
pub fn create_or_upgrade(db: &Db, place: &str, steps: super::DataSteps) -> Result<()> {
    let current = check(db, place)?;
    let failed = |why: String| Error::MigrationFailed {
        path: place.into(),
        why,
    };
    if current.is_none() {
        tracing::info!(place, "creating the team desk's schema");
        db.batch(BASELINE_SQL)
            .map_err(|e| failed(format!("the schema could not be created: {e}")))?;
    }
    let from = current.unwrap_or(BASELINE);
    for (version, sql) in MIGRATIONS.iter().filter(|(v, _)| *v > from) {
        tracing::info!(to = version, "applying schema migration on the server");
        db.batch(sql)
            .map_err(|e| failed(format!("migration {version} failed: {e}")))?;
    }
    // The Rust work of the migrations applied, on the latest schema, as on a
    // file (a new desk has no stories to work on).
    if current.is_some() {
        for (_, step) in steps.iter().filter(|(v, _)| *v as i64 > from) {
            step(db).map_err(|e| failed(format!("a migration step failed: {e}")))?;
        }
    }
    if current != Some(latest()) {
        db.execute("DELETE FROM factdesk_schema", &[])?;
        db.execute(
            "INSERT INTO factdesk_schema (version) VALUES (?1)",
            &[latest().into()],
        )?;
    }
    Ok(())
}
