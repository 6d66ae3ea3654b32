//! Commands about outlets: names for the outlet field's autocomplete.

use crate::error::IpcError;
use crate::state::AppState;
use tauri::State;

/// Outlet names from the registry and earlier sources.
#[tauri::command]
pub fn outlet_names(state: State<'_, AppState>) -> Result<Vec<String>, IpcError> {
    Ok(state.store()?.outlet_names()?)
}
