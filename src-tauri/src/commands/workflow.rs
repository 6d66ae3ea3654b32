//! Commands of the editorial workflow: transitions and what they need,
//! history, comparing and restoring versions, and the settings behind them
//! (the editor's name, the desk's approval rule).

use crate::error::IpcError;
use crate::state::AppState;
use factdesk_core::editions::{self, Action, Step};
use factdesk_core::history::{self, StoryDiff};
use factdesk_core::model::{StoredStory, Story, StoryId, Workflow};
use factdesk_core::store::{EditionRef, History};
use factdesk_core::working::Saved;
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

/// Takes `action` on story `id` (at `version`) with `note`; returns what
/// the store set, not the story the window has.
#[tauri::command]
pub async fn transition(
    state: State<'_, AppState>,
    id: StoryId,
    version: i64,
    action: Action,
    note: String,
) -> Result<Saved, IpcError> {
    let stored = state.store()?.transition(id, Some(version), action, &note)?;
    Ok(super::editing::follow(&state, &stored))
}

/// What the editor can do next with a story and what each step needs (the
/// desk's rule as the database has it now, which may be newer than `workflow`).
#[tauri::command]
pub async fn workflow_steps(
    state: State<'_, AppState>,
    mut workflow: Workflow,
    gate_passes: bool,
) -> Result<Vec<Step>, IpcError> {
    let store = state.store()?;
    workflow.second_editor_approval = store.second_editor_approval()?;
    Ok(editions::steps(&workflow, store.editor(), gate_passes))
}

/// Story `id`'s editions, versions and transitions.
#[tauri::command]
pub async fn story_history(state: State<'_, AppState>, id: StoryId) -> Result<History, IpcError> {
    Ok(state.store()?.history(id)?)
}

/// Story `id` as it was at `version`.
#[tauri::command]
pub async fn story_at(state: State<'_, AppState>, id: StoryId, version: i64) -> Result<Story, IpcError> {
    Ok(state.store()?.story_at(id, version)?)
}

/// Edition `number` of story `id` (as published, when it was).
#[tauri::command]
pub async fn story_edition(state: State<'_, AppState>, id: StoryId, number: u32) -> Result<Story, IpcError> {
    Ok(state.store()?.edition_story(id, EditionRef::Number(number))?)
}

/// What changed from `old` to `new`, word by word, in the published layout.
#[tauri::command]
pub fn diff_stories(old: Story, new: Story) -> StoryDiff {
    history::diff(&old, &new)
}

/// Brings back `version`'s content as a new version of story `id`.
#[tauri::command]
pub async fn restore_version(
    state: State<'_, AppState>,
    id: StoryId,
    version: i64,
    expected: i64,
) -> Result<StoredStory, IpcError> {
    Ok(state.store()?.restore_version(id, version, Some(expected))?)
}

/// The settings the window shows.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Settings {
    /// Recorded with every save and transition.
    pub editor: String,
    /// Whether approval must come from a second editor (this database).
    pub second_editor_approval: bool,
}

#[tauri::command]
pub async fn get_settings(state: State<'_, AppState>) -> Result<Settings, IpcError> {
    let store = state.store()?;
    Ok(Settings {
        editor: store.editor().to_string(),
        second_editor_approval: store.second_editor_approval()?,
    })
}

/// Sets the editor's name (remembered in the app's settings file).
#[tauri::command]
pub async fn set_editor_name(state: State<'_, AppState>, name: String) -> Result<Settings, IpcError> {
    let name = factdesk_core::editor::resolve(Some(&name));
    if let Some(file) = factdesk_core::user_settings::file() {
        let mut settings = factdesk_core::user_settings::load(&file);
        settings.editor = Some(name.clone());
        factdesk_core::user_settings::save(&file, &settings)?;
    }
    state.store()?.set_editor(&name);
    get_settings(state).await
}

/// Turns the database's second-editor approval rule on or off.
#[tauri::command]
pub async fn set_second_editor_approval(state: State<'_, AppState>, on: bool) -> Result<Settings, IpcError> {
    state.store()?.set_second_editor_approval(on)?;
    get_settings(state).await
}
