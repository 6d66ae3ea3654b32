//! Where the database lives by default.
//!
//! Contract: the app and the CLI resolve the same file: `--db PATH` first,
//! then `FACTDESK_DB`, then `factdesk.sqlite3` in the platform's app-data
//! directory for [`APP_IDENTIFIER`] (on Linux `~/.local/share/<id>/`), which is
//! the directory Tauri's `app_data_dir` uses for the same identifier.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// Must equal `identifier` in `tauri.conf.json` (a test checks it).
pub const APP_IDENTIFIER: &str = "org.factdesk.app";
/// The environment variable that overrides the default database.
pub const DB_ENV: &str = "FACTDESK_DB";
/// The database's file name inside the app-data directory.
pub const DB_FILE: &str = "factdesk.sqlite3";

/// The database path to use (nothing is created).
pub fn resolve_db(explicit: Option<&Path>) -> Result<PathBuf> {
    if let Some(p) = explicit {
        return Ok(p.to_path_buf());
    }
    match from_env() {
        Some(p) => Ok(p),
        None => default_db(),
    }
}

/// The database `FACTDESK_DB` names, if it is set.
fn from_env() -> Option<PathBuf> {
    std::env::var_os(DB_ENV)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// This computer's own database file (nothing is created).
pub fn default_db() -> Result<PathBuf> {
    let base = dirs::data_dir().ok_or_else(|| Error::Io {
        path: PathBuf::from("~"),
        source: std::io::Error::other("no app-data directory on this system (is HOME set?)"),
    })?;
    Ok(base.join(APP_IDENTIFIER).join(DB_FILE))
}

/// [`default_db`], its folder created when missing.
pub fn default_db_for_writing() -> Result<PathBuf> {
    let path = default_db()?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|source| Error::Io {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    Ok(path)
}

/// [`resolve_db`] for a writer: the default directory is created when
/// missing (a path given explicitly must name an existing folder).
pub fn resolve_db_for_writing(explicit: Option<&Path>) -> Result<PathBuf> {
    resolve_app_db(explicit, None)
}

/// [`resolve_db_for_writing`] for the app, whose settings may name a team
/// database (`team`): it comes after `--db` and `FACTDESK_DB`, before this
/// computer's file.
pub fn resolve_app_db(explicit: Option<&Path>, team: Option<&str>) -> Result<PathBuf> {
    if let Some(p) = explicit.map(Path::to_path_buf).or_else(from_env) {
        return Ok(p);
    }
    match team {
        Some(url) => Ok(PathBuf::from(url)),
        None => default_db_for_writing(),
    }
}

/// The app's log directory: `logs/` in the app's local data directory, as
/// Tauri's `app_log_dir` resolves it on Linux.
pub fn log_dir() -> Option<PathBuf> {
    Some(dirs::data_local_dir()?.join(APP_IDENTIFIER).join("logs"))
}

/// Where the app keeps edits made while a team database was away:
/// `journal/` in the app's data directory.
pub fn journal_dir() -> Option<PathBuf> {
    Some(dirs::data_dir()?.join(APP_IDENTIFIER).join("journal"))
}
