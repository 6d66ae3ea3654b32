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
    if let Some(p) = std::env::var_os(DB_ENV).filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    default_db()
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
    if explicit.is_none() && std::env::var_os(DB_ENV).filter(|v| !v.is_empty()).is_none() {
        return default_db_for_writing();
    }
    resolve_db(explicit)
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
