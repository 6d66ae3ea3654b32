//! Commands that move stories in and out: import and export.

use crate::error::IpcError;
use crate::state::{AppState, Use};
use factdesk_core::batch::{self, BatchOffer, ExportPlan};
use factdesk_core::desk::Imported;
use factdesk_core::editions::EditionChoice;
use factdesk_core::formats::{Format, FormatInfo};
use factdesk_core::model::{StoryId, Workflow};
use factdesk_core::store::EditionRef;
use std::path::PathBuf;
use tauri::State;

/// Imports pasted text (canonical text, a web page copy or native JSON).
#[tauri::command]
pub async fn import_story_text(state: State<'_, AppState>, text: String) -> Result<Imported, IpcError> {
    Ok(state.desk().import_story_text(text)?)
}

/// Imports a file chosen in the open dialog.
#[tauri::command]
pub async fn import_story_file(state: State<'_, AppState>, path: PathBuf) -> Result<Imported, IpcError> {
    state.picked().check(&path, Use::Read)?;
    Ok(state.desk().import_story_file(&path)?)
}

/// A story written in one of the core's formats.
#[tauri::command]
pub async fn export_story(
    state: State<'_, AppState>,
    id: StoryId,
    format: Format,
) -> Result<String, IpcError> {
    Ok(state.desk().export_story(id, EditionRef::Latest, format)?)
}

/// Writes the edition `edition` (`published`, `latest`, N) of story `id` in
/// `format` to the path chosen in the save dialog; what the window says.
#[tauri::command]
pub async fn export_story_file(
    state: State<'_, AppState>,
    id: StoryId,
    format: Format,
    path: PathBuf,
    edition: String,
) -> Result<String, IpcError> {
    state.picked().check(&path, Use::Write)?;
    Ok(state.desk().export_story_to(id, &edition, format, &path)?)
}

/// The editions an export of a story in `workflow` can hold, the default first.
#[tauri::command]
pub fn export_choices(workflow: Workflow) -> Vec<EditionChoice> {
    factdesk_core::editions::export_choices(&workflow)
}

/// Where each story of a batch export would go in `dir`, which files
/// already exist there and which stories fail the publish checks, with the
/// questions the window asks about them; only these names may then be
/// written there.
#[tauri::command]
pub async fn plan_export(
    state: State<'_, AppState>,
    ids: Vec<StoryId>,
    format: Format,
    dir: PathBuf,
) -> Result<ExportPlan, IpcError> {
    state.picked().check(&dir, Use::Folder)?;
    let plan = state.desk().plan_export(&ids, format, &dir)?;
    state.picked().remember_planned(&plan.files);
    Ok(plan)
}

/// The stories the batch export offers, and what the dialog says of them.
#[tauri::command]
pub async fn batch_offer(state: State<'_, AppState>) -> Result<BatchOffer, IpcError> {
    Ok(state.desk().batch_offer()?)
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
