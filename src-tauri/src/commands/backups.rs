//! Commands about the database file's backups, and what to say at start.

use crate::error::IpcError;
use crate::state::AppState;
use factdesk_core::store::Backup;
use std::path::PathBuf;
use tauri::State;

#[tauri::command]
pub async fn startup_notices(state: State<'_, AppState>) -> Result<Vec<String>, IpcError> {
    Ok(state.notices().to_vec())
}

/// The window has drawn its first list: the file's integrity check and the
/// daily backup start now, not while the window is starting.
#[tauri::command]
pub fn window_drawn(state: State<'_, AppState>) {
    state.window_drawn();
}

#[tauri::command]
pub async fn list_backups(state: State<'_, AppState>) -> Result<Vec<Backup>, IpcError> {
    Ok(state.desk().backups())
}

/// Restores one of this database's own backups; the backup of the state it replaced.
#[tauri::command]
pub async fn restore_backup(state: State<'_, AppState>, path: PathBuf) -> Result<String, IpcError> {
    Ok(state.desk().restore_backup(&path)?)
}
