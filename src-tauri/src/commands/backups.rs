//! Commands about the database file: its backups, restoring one, and the
//! notices the editor should read when the window opens.

use crate::error::IpcError;
use crate::state::AppState;
use factdesk_core::error::ErrorCode;
use factdesk_core::store::Backup;
use std::path::PathBuf;
use tauri::State;

/// What happened to the database at start (a migration and its backup).
#[tauri::command]
pub async fn startup_notices(state: State<'_, AppState>) -> Result<Vec<String>, IpcError> {
    Ok(state.notices().to_vec())
}

/// The backups beside the database, newest first.
#[tauri::command]
pub async fn list_backups(state: State<'_, AppState>) -> Result<Vec<Backup>, IpcError> {
    Ok(state.store()?.backups())
}

/// Restores one of the listed backups over the database; returns the path of
/// the backup of what the database held before, so the editor can undo it.
#[tauri::command]
pub async fn restore_backup(state: State<'_, AppState>, path: PathBuf) -> Result<String, IpcError> {
    let mut store = state.store()?;
    // Only a backup the core lists may be restored, never any path at all.
    if !store.backups().iter().any(|b| b.path == path) {
        return Err(IpcError::new(
            ErrorCode::NotPermitted,
            format!("{}: not one of this database's backups", path.display()),
        ));
    }
    Ok(store.restore_backup(&path)?.to_string_lossy().into_owned())
}
