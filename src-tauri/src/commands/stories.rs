//! Commands about stories: read, create, copy, delete into the trash and
//! back, and what the window remembers between starts.

use crate::error::IpcError;
use crate::state::AppState;
use factdesk_core::desk::NarrativeAxes;
use factdesk_core::model::{StoredStory, Story, StoryId};
use factdesk_core::store::trash::{Emptied, TrashList};
use factdesk_core::store::{Trashed, Untrashed};
use tauri::State;

/// One story as stored.
#[tauri::command]
pub async fn get_story(state: State<'_, AppState>, id: StoryId) -> Result<StoredStory, IpcError> {
    Ok(state.desk().get_story(id)?)
}

/// A new, empty draft.
#[tauri::command]
pub async fn create_story(state: State<'_, AppState>) -> Result<StoredStory, IpcError> {
    Ok(state.desk().create_story()?)
}

/// A draft copy of story `id`.
#[tauri::command]
pub async fn duplicate_story(state: State<'_, AppState>, id: StoryId) -> Result<StoredStory, IpcError> {
    Ok(state.desk().duplicate_story(id)?)
}

/// Moves story `id` to the trash (a published story is refused: it is
/// withdrawn instead); undone by [`untrash_story`].
#[tauri::command]
pub async fn delete_story(state: State<'_, AppState>, id: StoryId) -> Result<Trashed, IpcError> {
    Ok(state.desk().delete_story(id)?)
}

/// The stories in the trash, most recently deleted first.
#[tauri::command]
pub async fn trash_list(state: State<'_, AppState>) -> Result<TrashList, IpcError> {
    Ok(state.desk().trash_list()?)
}

/// Brings story `id` back from the trash with its id, uid and history.
#[tauri::command]
pub async fn untrash_story(state: State<'_, AppState>, id: StoryId) -> Result<Untrashed, IpcError> {
    Ok(state.desk().untrash_story(id)?)
}

/// Deletes every story in the trash for good (the window asks first);
/// how many went, and what the editor reads.
#[tauri::command]
pub async fn empty_trash(state: State<'_, AppState>) -> Result<Emptied, IpcError> {
    Ok(state.desk().empty_trash()?)
}

/// Keeps an edit that lost a save conflict as a new draft story.
#[tauri::command]
pub async fn keep_as_copy(state: State<'_, AppState>, story: Story) -> Result<StoredStory, IpcError> {
    Ok(state.desk().keep_as_copy(&story)?)
}

/// The axes a story's narratives can take.
#[tauri::command]
pub async fn narrative_pairs(state: State<'_, AppState>) -> Result<NarrativeAxes, IpcError> {
    Ok(state.desk().narrative_pairs()?)
}

/// The story last open in this database's window, if it still exists, so the
/// window reopens it.
#[tauri::command]
pub async fn last_story(state: State<'_, AppState>) -> Result<Option<StoryId>, IpcError> {
    Ok(state.desk().last_story())
}

/// Remembers which story is open (`None`: none), for the next start.
#[tauri::command]
pub async fn remember_story(state: State<'_, AppState>, id: Option<StoryId>) -> Result<(), IpcError> {
    Ok(state.desk().remember_story(id)?)
}
