//! Opening the database the way each command needs it.
//!
//! Contract: `--db` (or `FACTDESK_DB`) names a file or a team database on a
//! server (`postgres://…`). Reading commands open it read-only (nothing is
//! created, migrated or written, and a writer elsewhere never blocks them);
//! writing commands open it for writing, which checks a file and migrates
//! an older schema only after a backup, and say on stderr where that backup
//! is. A server's address is only ever shown with its password masked.
//! Every writing command works as the claimed editor (`--as`, else
//! `FACTDESK_EDITOR`) on a file; on a server the editor is the login, and a
//! claim naming anyone else is refused before anything is written.

use crate::output::Failure;
use factdesk_core::desk::{Desk, NoWindow};
use factdesk_core::paths;
use factdesk_core::store::{pg, Store};
use std::path::Path;
use std::sync::Arc;

/// The server URL `path` holds, if it names a server rather than a file.
pub fn server_url(path: &Path) -> Option<&str> {
    path.to_str().filter(|s| pg::is_url(s))
}

pub fn read(db: Option<&Path>) -> Result<Store, Failure> {
    let path = paths::resolve_db(db)?;
    Ok(match server_url(&path) {
        Some(url) => Store::open_server_read(url)?,
        None => Store::open_read(&path)?,
    })
}

/// The editor named on the command line or in the environment, if any.
static CLAIM: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();

/// Remembers who the command says is working (`--as`, else `FACTDESK_EDITOR`).
pub fn claim(named: Option<&str>) {
    let env = std::env::var(factdesk_core::editor::EDITOR_ENV).ok();
    let named = named
        .or(env.as_deref())
        .filter(|n| !n.trim().is_empty())
        .map(str::to_string);
    let _ = CLAIM.set(named);
}

pub fn write(db: Option<&Path>) -> Result<Store, Failure> {
    let mut store = open_for_writing(db)?;
    if let Some(Some(name)) = CLAIM.get() {
        store.set_editor(name)?;
    }
    Ok(store)
}

fn open_for_writing(db: Option<&Path>) -> Result<Store, Failure> {
    let path = paths::resolve_db_for_writing(db)?;
    if let Some(url) = server_url(&path) {
        return Ok(Store::open_server(url)?);
    }
    let store = Store::open(&path)?;
    if let Some(notice) = store.migration_notice() {
        eprintln!("factdesk: {notice}");
    }
    Ok(store)
}

/// The desk over `store`, as the app has it but with no window: the
/// commands that the window and the CLI share go through it.
pub fn desk(store: Store) -> Desk {
    Desk::new(store, Arc::new(NoWindow), None)
}

/// Refuses a file-only command (backups beside the file) on a server.
pub fn file_only(db: Option<&Path>, what: &str) -> Result<std::path::PathBuf, Failure> {
    let path = paths::resolve_db(db)?;
    if let Some(url) = server_url(&path) {
        return Err(factdesk_core::Error::BadInput {
            path: pg::mask(url).into(),
            why: format!(
                "{what} works on a database file; a team database is backed up by its server (pg_dump, see docs/DEPLOYMENT.md) or copied to a file with `factdesk db copy`"
            ),
        }
        .into());
    }
    Ok(path)
}
