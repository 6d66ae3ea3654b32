//! Commands of the open story's editing session, over the desk's
//! (`factdesk_core::desk`): the window sends what changed (a field, or the
//! whole story after a structural edit or undo) and gets the analysis back
//! as a patch; a save stores the core's copy and returns only what the
//! store set.

use crate::error::IpcError;
use crate::state::AppState;
use factdesk_core::model::{SaveKind, Saved, Story, StoryId};
use factdesk_core::working::{AnalysisUpdate, FieldEdit, Opened};
use tauri::State;

/// Loads story `id` for editing, with its analysis.
#[tauri::command]
pub async fn open_story(state: State<'_, AppState>, id: StoryId) -> Result<Opened, IpcError> {
    Ok(state.desk().open_story(id)?)
}

/// Replaces the story being edited (after a structural edit or an undo),
/// opening it for editing if it was not; the analysis as an update to `rev`.
#[tauri::command]
pub async fn edit_story(
    state: State<'_, AppState>,
    id: StoryId,
    rev: Option<u32>,
    story: Story,
) -> Result<AnalysisUpdate, IpcError> {
    Ok(state.desk().edit_story(id, rev, story)?)
}

/// Changes fields of the story being edited (all or none).
#[tauri::command]
pub async fn edit_fields(
    state: State<'_, AppState>,
    id: StoryId,
    rev: Option<u32>,
    edits: Vec<FieldEdit>,
) -> Result<AnalysisUpdate, IpcError> {
    Ok(state.desk().edit_fields(id, rev, &edits)?)
}

/// The analysis again (the outlet registry changed under the story).
#[tauri::command]
pub async fn edit_analysis(
    state: State<'_, AppState>,
    id: StoryId,
    rev: Option<u32>,
) -> Result<AnalysisUpdate, IpcError> {
    Ok(state.desk().edit_analysis(id, rev)?)
}

/// Saves the story being edited as an edit made from `version` (a stale
/// version is a `conflict`); the story itself does not travel back.
#[tauri::command]
pub async fn save_working(
    state: State<'_, AppState>,
    id: StoryId,
    version: i64,
    kind: SaveKind,
) -> Result<Saved, IpcError> {
    Ok(state.desk().save_working(id, version, kind)?)
}

/// Forgets the story being edited (the window closed it).
#[tauri::command]
pub async fn close_story(state: State<'_, AppState>, id: StoryId) -> Result<(), IpcError> {
    state.desk().close_story(id);
    Ok(())
}
