//! Backups of a database file, kept beside it.
//!
//! Contract: [`take`] writes a consistent copy of the open database with
//! `VACUUM INTO` (safe while other processes read and write it) and never
//! replaces an existing file. A backup beside `NAME.sqlite3` is named
//! `NAME.backup-REASON-vVERSION-TIMESTAMP.sqlite3`, so the schema version
//! and the time are in the name; [`list`] finds them newest first, [`prune`]
//! keeps the newest of one reason. Restoring lives with the store
//! (`Store::restore_backup`).

use crate::error::{Error, Result};
use chrono::{DateTime, NaiveDateTime, Utc};
use rusqlite::Connection;
use serde::Serialize;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// Why a backup was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export, rename = "BackupReason")]
pub enum Reason {
    /// Before a schema migration.
    Migration,
    /// The app's rolling daily backup.
    Daily,
    /// Asked for (`factdesk backup`).
    Manual,
    /// Before a backup was restored over the database.
    BeforeRestore,
}

impl Reason {
    const ALL: [Reason; 4] = [
        Reason::Migration,
        Reason::Daily,
        Reason::Manual,
        Reason::BeforeRestore,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Migration => "migration",
            Reason::Daily => "daily",
            Reason::Manual => "manual",
            Reason::BeforeRestore => "before-restore",
        }
    }
}

/// One backup found beside a database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Backup {
    #[ts(type = "string")]
    pub path: PathBuf,
    pub reason: Reason,
    /// The schema version of the database it copies.
    #[ts(type = "number")]
    pub version: i64,
    pub taken_at: DateTime<Utc>,
    #[ts(type = "number")]
    pub bytes: u64,
}

const STAMP: &str = "%Y%m%dT%H%M%S%.3fZ";

/// `NAME` of `NAME.sqlite3` (the whole file name when it has no extension).
fn stem(db: &Path) -> String {
    let name = db
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    match name.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem.to_string(),
        _ => name,
    }
}

fn folder(db: &Path) -> PathBuf {
    match db.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Where a backup of `db` taken now for `reason` at `version` goes.
pub fn path_for(db: &Path, reason: Reason, version: i64, at: DateTime<Utc>) -> PathBuf {
    folder(db).join(format!(
        "{}.backup-{}-v{version}-{}.sqlite3",
        stem(db),
        reason.as_str(),
        at.format(STAMP)
    ))
}

/// Copies the open database to `dest`, which must not exist yet.
pub fn write_copy(conn: &Connection, db: &Path, dest: &Path) -> Result<()> {
    if dest.exists() {
        return Err(Error::BadInput {
            path: dest.to_path_buf(),
            why: "a file is already there; a backup never replaces one".into(),
        });
    }
    let text = dest.to_str().ok_or_else(|| Error::BadInput {
        path: dest.to_path_buf(),
        why: "the backup path is not valid UTF-8".into(),
    })?;
    // VACUUM INTO writes in place: into a name no listing reads, then renamed,
    // so a copy cut short (the app closed, the disk full) is never taken for a
    // backup — nor counted as today's.
    let partial_text = format!("{text}.partial");
    let partial = PathBuf::from(&partial_text);
    let _ = std::fs::remove_file(&partial);
    let copied = conn
        .execute("VACUUM INTO ?1", [&partial_text])
        .map_err(|e| Error::Sql(e).in_file(db))
        .and_then(|_| {
            std::fs::rename(&partial, dest).map_err(|source| Error::Io {
                path: dest.to_path_buf(),
                source,
            })
        });
    if copied.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    copied
}

/// Takes a backup of the open database `db` beside it; returns its path.
pub fn take(conn: &Connection, db: &Path, reason: Reason, version: i64) -> Result<PathBuf> {
    let dest = path_for(db, reason, version, Utc::now());
    write_copy(conn, db, &dest)?;
    tracing::info!(backup = %dest.display(), reason = reason.as_str(), "backup taken");
    Ok(dest)
}

fn parse(db_stem: &str, path: &Path) -> Option<(Reason, i64, DateTime<Utc>)> {
    let name = path.file_name()?.to_str()?;
    let rest = name
        .strip_prefix(db_stem)?
        .strip_prefix(".backup-")?
        .strip_suffix(".sqlite3")?;
    let reason = Reason::ALL
        .into_iter()
        .find(|r| rest.starts_with(&format!("{}-v", r.as_str())))?;
    let rest = &rest[reason.as_str().len() + 2..];
    let (version, stamp) = rest.split_once('-')?;
    let at = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?.and_utc();
    Some((reason, version.parse().ok()?, at))
}

/// Whether a file named `file` beside `db` is one of its backups (or a
/// backup being written).
pub fn is_backup_of(db: &Path, file: &Path) -> bool {
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = name.strip_suffix(".partial").unwrap_or(&name);
    parse(&stem(db), Path::new(name)).is_some()
}

/// The backups beside `db`, newest first.
pub fn list(db: &Path) -> Vec<Backup> {
    let db_stem = stem(db);
    let Ok(entries) = std::fs::read_dir(folder(db)) else {
        return Vec::new();
    };
    let mut out: Vec<Backup> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let path = e.path();
            let (reason, version, taken_at) = parse(&db_stem, &path)?;
            let bytes = e.metadata().ok()?.len();
            Some(Backup {
                path,
                reason,
                version,
                taken_at,
                bytes,
            })
        })
        .collect();
    out.sort_by_key(|b| std::cmp::Reverse(b.taken_at));
    out
}

/// Deletes all but the newest `keep` backups of `reason`; returns what went.
pub fn prune(db: &Path, reason: Reason, keep: usize) -> Vec<PathBuf> {
    list(db)
        .into_iter()
        .filter(|b| b.reason == reason)
        .skip(keep)
        .filter(|b| std::fs::remove_file(&b.path).is_ok())
        .map(|b| b.path)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_carry_reason_version_and_time_and_read_back() {
        let at = DateTime::parse_from_rfc3339("2026-11-24T14:05:01.250Z")
            .unwrap()
            .to_utc();
        let p = path_for(Path::new("/data/factdesk.sqlite3"), Reason::BeforeRestore, 3, at);
        assert_eq!(
            p,
            Path::new("/data/factdesk.backup-before-restore-v3-20261124T140501.250Z.sqlite3")
        );
        assert_eq!(parse("factdesk", &p), Some((Reason::BeforeRestore, 3, at)));
        assert_eq!(parse("other", &p), None);
        assert_eq!(parse("factdesk", Path::new("/data/factdesk.sqlite3")), None);
    }
}
