//! Commands about stories: list, read, create, save, delete, analyse.
//! They are async so they run off the window's main thread.

use crate::error::IpcError;
use crate::state::AppState;
use factdesk_core::analysis::{self, Analysis};
use factdesk_core::model::{SaveKind, StoredStory, Story, StoryId};
use tauri::State;

/// One story as stored.
#[tauri::command]
pub async fn get_story(state: State<'_, AppState>, id: StoryId) -> Result<StoredStory, IpcError> {
    Ok(state.store()?.load_story(id)?)
}

/// A new, empty draft.
#[tauri::command]
pub async fn create_story(state: State<'_, AppState>) -> Result<StoredStory, IpcError> {
    Ok(state.store()?.create_story(&Story::new(""))?)
}

/// Stores `story` as a new draft (undoing a delete, or keeping a conflicting
/// edit as a copy); timestamps are the store's.
#[tauri::command]
pub async fn restore_story(state: State<'_, AppState>, story: Story) -> Result<StoredStory, IpcError> {
    Ok(state.store()?.create_story_as(&story, SaveKind::Copy)?.0)
}

/// A draft copy of story `id`.
#[tauri::command]
pub async fn duplicate_story(state: State<'_, AppState>, id: StoryId) -> Result<StoredStory, IpcError> {
    Ok(state.store()?.duplicate_story(id)?)
}

/// Deletes story `id`, returning its content so the editor can undo.
#[tauri::command]
pub async fn delete_story(state: State<'_, AppState>, id: StoryId) -> Result<Story, IpcError> {
    let mut store = state.store()?;
    let story = store.load_story(id)?.story;
    store.delete_story(id)?;
    Ok(story)
}

/// Saves an edit made from `version`, recording what kind of save it was; a
/// stale version is a `conflict` error, an edition in review `edition-locked`.
#[tauri::command]
pub async fn save_story(
    state: State<'_, AppState>,
    id: StoryId,
    version: i64,
    story: Story,
    kind: SaveKind,
) -> Result<StoredStory, IpcError> {
    Ok(state.store()?.save_story_as(id, version, &story, kind)?)
}

/// The live findings and numbering of an unsaved story.
#[tauri::command]
pub async fn analyze_story(state: State<'_, AppState>, story: Story) -> Result<Analysis, IpcError> {
    let registry = state.store()?.registry()?;
    Ok(analysis::analyze(&story, &registry))
}

/// A fresh identity for a new fact, source, narrative or prediction.
#[tauri::command]
pub fn new_id() -> String {
    factdesk_core::model::FactId::new().to_string()
}
