//! Commands about whole stories: list and read.

use crate::error::IpcError;
use crate::state::AppState;
use factdesk_core::formats::Format;
use factdesk_core::model::{StoredStory, StoryId, StorySummary};
use tauri::State;

/// Every story, most recently updated first.
#[tauri::command]
pub fn list_stories(state: State<'_, AppState>) -> Result<Vec<StorySummary>, IpcError> {
    Ok(state.store()?.list_stories()?)
}

/// One story as stored.
#[tauri::command]
pub fn get_story(state: State<'_, AppState>, id: StoryId) -> Result<StoredStory, IpcError> {
    Ok(state.store()?.load_story(id)?)
}

/// A story written in one of the core's formats.
#[tauri::command]
pub fn export_story(state: State<'_, AppState>, id: StoryId, format: Format) -> Result<String, IpcError> {
    let story = state.store()?.load_story(id)?.story;
    Ok(format.export(&story))
}
