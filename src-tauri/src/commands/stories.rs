//! Commands about stories: read, create, copy, delete, and the save every
//! edit ends in (`editing` keeps the story being edited).
//! They are async so they run off the window's main thread.

use crate::error::IpcError;
use crate::state::AppState;
use factdesk_core::model::{NarrativePair, StoredStory, Story, StoryId};
use factdesk_core::store::{Trashed, Untrashed};
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

/// A draft copy of story `id`.
#[tauri::command]
pub async fn duplicate_story(state: State<'_, AppState>, id: StoryId) -> Result<StoredStory, IpcError> {
    Ok(state.store()?.duplicate_story(id)?)
}

/// Moves story `id` to the trash (a published story is refused: it is
/// withdrawn instead); undone by [`untrash_story`].
#[tauri::command]
pub async fn delete_story(state: State<'_, AppState>, id: StoryId) -> Result<Trashed, IpcError> {
    state.working().remove(&id);
    Ok(state.store()?.delete_story(id)?)
}

/// The stories in the trash, most recently deleted first.
#[tauri::command]
pub async fn trash_list(state: State<'_, AppState>) -> Result<Vec<Trashed>, IpcError> {
    Ok(state.store()?.trash()?)
}

/// Brings story `id` back from the trash with its id, uid and history.
#[tauri::command]
pub async fn untrash_story(state: State<'_, AppState>, id: StoryId) -> Result<Untrashed, IpcError> {
    Ok(state.store()?.restore_from_trash(id)?)
}

/// Deletes every story in the trash for good (the window asks first);
/// how many went.
#[tauri::command]
pub async fn empty_trash(state: State<'_, AppState>) -> Result<u32, IpcError> {
    Ok(state.store()?.purge_trash(None)?.len() as u32)
}

/// What a save of `story` came to: while the team database is away, the
/// story is kept in the journal on this computer and the error says so.
pub(super) fn journaled<T>(
    state: &AppState,
    id: StoryId,
    version: i64,
    story: &Story,
    saved: factdesk_core::Result<T>,
) -> Result<T, IpcError> {
    match (saved, state.journal()) {
        (Ok(saved), Some(journal)) => {
            journal.forget(id)?;
            Ok(saved)
        }
        (Err(e), Some(journal)) if e.code() == "offline" => {
            journal.keep(id, version, story)?;
            Err(IpcError::new(
                factdesk_core::error::ErrorCode::Offline,
                format!("{e}. Your edits are kept on this computer and saved when it is back."),
            ))
        }
        (saved, _) => Ok(saved?),
    }
}

/// Keeps an edit that lost a save conflict as a new draft story.
#[tauri::command]
pub async fn keep_as_copy(state: State<'_, AppState>, story: Story) -> Result<StoredStory, IpcError> {
    Ok(state.store()?.keep_as_copy(&story)?)
}

/// The axes a story's narratives can take: the establishment axis and the
/// named pairs stories on this desk use, most used first.
#[derive(serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct NarrativeAxes {
    pub establishment: NarrativePair,
    pub used: Vec<NarrativePair>,
}

#[tauri::command]
pub async fn narrative_pairs(state: State<'_, AppState>) -> Result<NarrativeAxes, IpcError> {
    let [first, second] = factdesk_core::model::ESTABLISHMENT_LABELS.map(String::from);
    Ok(NarrativeAxes {
        establishment: NarrativePair { first, second },
        used: state.store()?.narrative_pairs()?,
    })
}

/// The story last open in this database's window, if it still exists, so the
/// window reopens it.
#[tauri::command]
pub async fn last_story(state: State<'_, AppState>) -> Result<Option<StoryId>, IpcError> {
    let Some(file) = factdesk_core::user_settings::file() else {
        return Ok(None);
    };
    let store = state.store()?;
    let id = factdesk_core::user_settings::last_story(&file, store.path());
    Ok(id.filter(|id| store.load_story(*id).is_ok()))
}

/// Remembers which story is open (`None`: none), for the next start.
#[tauri::command]
pub async fn remember_story(state: State<'_, AppState>, id: Option<StoryId>) -> Result<(), IpcError> {
    let Some(file) = factdesk_core::user_settings::file() else {
        return Ok(());
    };
    let db = state.store()?.path().to_path_buf();
    Ok(factdesk_core::user_settings::remember_story(&file, &db, id)?)
}
