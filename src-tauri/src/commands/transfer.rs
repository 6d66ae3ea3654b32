//! Commands that move stories in and out: import and export.

use crate::error::IpcError;
use crate::state::{AppState, Use};
use factdesk_core::batch::{self, Planned};
use factdesk_core::formats::{self, Format, FormatInfo};
use factdesk_core::model::{StoredStory, StoryId};
use std::path::{Path, PathBuf};
use tauri::State;

/// Imports pasted text (canonical text, a web page copy or native JSON).
#[tauri::command]
pub async fn import_story_text(state: State<'_, AppState>, text: String) -> Result<Imported, IpcError> {
    let origin = Path::new("pasted text");
    let text = factdesk_core::input::text_from_bytes(origin, text.into_bytes())?;
    // Parse before taking the store, so a large paste never blocks saves.
    let story = factdesk_core::parse_story(origin, &text, None)?;
    imported(state.store()?.import_story(&story)?)
}

/// Imports a file chosen in the open dialog.
#[tauri::command]
pub async fn import_story_file(state: State<'_, AppState>, path: PathBuf) -> Result<Imported, IpcError> {
    state.picked().check(&path, Use::Read)?;
    // Read and parse before taking the store, so a slow disk never blocks saves.
    let text = factdesk_core::input::read_text(&path)?;
    let story = factdesk_core::parse_story(&path, &text, None)?;
    imported(state.store()?.import_story(&story)?)
}

/// A story imported, and what the import changed (for a notice).
#[derive(serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Imported {
    pub stored: StoredStory,
    pub notes: Vec<String>,
}

fn imported(
    (stored, notes): (StoredStory, Vec<factdesk_core::store::ImportNote>),
) -> Result<Imported, IpcError> {
    Ok(Imported {
        stored,
        notes: notes.iter().map(ToString::to_string).collect(),
    })
}

/// A story written in one of the core's formats.
#[tauri::command]
pub async fn export_story(
    state: State<'_, AppState>,
    id: StoryId,
    format: Format,
) -> Result<String, IpcError> {
    let story = state.store()?.load_story(id)?.story;
    Ok(format.export(&story))
}

/// Writes story `id` in `format` to the path chosen in the save dialog.
#[tauri::command]
pub async fn export_story_file(
    state: State<'_, AppState>,
    id: StoryId,
    format: Format,
    path: PathBuf,
) -> Result<(), IpcError> {
    state.picked().check(&path, Use::Write)?;
    let story = state.store()?.load_story(id)?.story;
    Ok(formats::write_atomically(
        &path,
        format.export(&story).as_bytes(),
    )?)
}

/// Where each story of a batch export would go in `dir`, and which files
/// already exist there (the UI asks before overwriting them).
#[tauri::command]
pub async fn plan_export(
    state: State<'_, AppState>,
    ids: Vec<StoryId>,
    format: Format,
    dir: PathBuf,
) -> Result<Vec<Planned>, IpcError> {
    state.picked().check(&dir, Use::Folder)?;
    // The headlines only, and the store released before touching the disk.
    let stories = state.store()?.headlines(&ids)?;
    Ok(batch::plan(&stories, format, &dir))
}

/// Every format, as menus and the save dialog show it.
#[tauri::command]
pub fn export_formats() -> Vec<FormatInfo> {
    Format::menu()
}

/// The file name a story is offered under when exported in `format`.
#[tauri::command]
pub fn suggest_file_name(headline: String, format: Format) -> String {
    batch::file_name(&headline, format)
}
