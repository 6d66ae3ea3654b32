//! Commands about the outlet registry: list, edit, delete, CSV in and out,
//! and names for the outlet field's autocomplete.

use crate::error::IpcError;
use crate::state::{AppState, Use};
use factdesk_core::model::Outlet;
use std::path::PathBuf;
use tauri::State;

/// Outlet names from the registry, earlier sources and story `story` as
/// typed here, one spelling per outlet.
#[tauri::command]
pub async fn outlet_names(
    state: State<'_, AppState>,
    story: Option<factdesk_core::model::StoryId>,
) -> Result<Vec<String>, IpcError> {
    Ok(state.desk().outlet_names(story)?)
}

/// The registry, by name.
#[tauri::command]
pub async fn list_outlets(state: State<'_, AppState>) -> Result<Vec<Outlet>, IpcError> {
    Ok(state.desk().outlets()?)
}

/// The registry's outlet of that name, matched as the registry matches names
/// (after an `outlet-exists`, so the window can offer to edit it).
#[tauri::command]
pub async fn find_outlet(state: State<'_, AppState>, name: String) -> Result<Option<Outlet>, IpcError> {
    Ok(state.desk().find_outlet(&name)?)
}

/// Puts the registry back as it was (undo of an edit, delete or import);
/// returns what the window says.
#[tauri::command]
pub async fn restore_outlets(state: State<'_, AppState>, outlets: Vec<Outlet>) -> Result<String, IpcError> {
    Ok(state.desk().restore_outlets(&outlets)?)
}

/// Saves an outlet, renamed from `previous` when given (none: a new one,
/// refused with `outlet-exists` when the name is taken in any case);
/// returns what the window says it did.
#[tauri::command]
pub async fn save_outlet(
    state: State<'_, AppState>,
    previous: Option<String>,
    outlet: Outlet,
) -> Result<String, IpcError> {
    Ok(state.desk().save_outlet(previous.as_deref(), &outlet)?)
}

#[tauri::command]
pub async fn delete_outlet(state: State<'_, AppState>, name: String) -> Result<String, IpcError> {
    Ok(state.desk().delete_outlet(&name)?)
}

/// Imports a registry CSV chosen in the open dialog; all or nothing.
#[tauri::command]
pub async fn import_outlets_file(state: State<'_, AppState>, path: PathBuf) -> Result<String, IpcError> {
    state.picked().check(&path, Use::Read)?;
    Ok(state.desk().import_outlets_file(&path)?)
}

/// Writes the registry as CSV to a path chosen in the save dialog.
#[tauri::command]
pub async fn export_outlets_file(state: State<'_, AppState>, path: PathBuf) -> Result<String, IpcError> {
    state.picked().check(&path, Use::Write)?;
    Ok(state.desk().export_outlets_file(&path)?)
}
