//! File dialogs, opened from Rust so the app knows which paths the editor
//! chose: the commands that take a path accept only those (see
//! [`crate::state::Picked`]).

use crate::error::IpcError;
use crate::state::{AppState, Use};
use factdesk_core::error::ErrorCode;
use serde::Deserialize;
use tauri::State;
use tauri_plugin_dialog::DialogExt;
use ts_rs::TS;

/// What a file is opened for, which decides the dialog's filter.
#[derive(Debug, Clone, Copy, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum OpenPurpose {
    Story,
    Article,
    Outlets,
}

fn path_of(picked: Option<tauri_plugin_dialog::FilePath>) -> Result<Option<std::path::PathBuf>, IpcError> {
    picked
        .map(|p| {
            p.into_path()
                .map_err(|e| IpcError::new(ErrorCode::Io, format!("the dialog returned no local path: {e}")))
        })
        .transpose()
}

/// Asks for a file to open; `null` when the editor cancels.
#[tauri::command]
pub async fn choose_open_file(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    purpose: OpenPurpose,
) -> Result<Option<String>, IpcError> {
    let (name, extensions): (&str, &[&str]) = match purpose {
        OpenPurpose::Story => ("Stories", &["txt", "json"]),
        OpenPurpose::Article => ("Articles", &["txt", "html", "htm"]),
        OpenPurpose::Outlets => ("CSV", &["csv"]),
    };
    let picked = path_of(
        app.dialog()
            .file()
            .add_filter(name, extensions)
            .blocking_pick_file(),
    )?;
    Ok(picked.map(|p| {
        state.picked().remember(&p, Use::Read);
        p.to_string_lossy().into_owned()
    }))
}

/// Asks where to save a file, suggesting `suggested`; `null` when cancelled.
#[tauri::command]
pub async fn choose_save_file(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    suggested: String,
    extension: String,
) -> Result<Option<String>, IpcError> {
    let filter = extension.to_uppercase();
    let picked = path_of(
        app.dialog()
            .file()
            .set_file_name(suggested)
            .add_filter(filter, &[extension.as_str()])
            .blocking_save_file(),
    )?;
    Ok(picked.map(|p| {
        state.picked().remember(&p, Use::Write);
        p.to_string_lossy().into_owned()
    }))
}

/// Asks for a folder (batch export); `null` when cancelled.
#[tauri::command]
pub async fn choose_folder(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<String>, IpcError> {
    let picked = path_of(app.dialog().file().blocking_pick_folder())?;
    Ok(picked.map(|p| {
        state.picked().remember(&p, Use::Folder);
        p.to_string_lossy().into_owned()
    }))
}
