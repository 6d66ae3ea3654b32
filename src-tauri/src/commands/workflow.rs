//! Commands of the workflow: transitions, the steps offered, history,
//! versions and editions, and the desk's settings.

use crate::error::IpcError;
use crate::state::AppState;
use factdesk_core::desk::Settings;
use factdesk_core::editions::{Action, Step};
use factdesk_core::history::{self, StoryDiff};
use factdesk_core::model::{Saved, StoredStory, Story, StoryId, Workflow};
use factdesk_core::store::tables::audit::AuditEntry;
use factdesk_core::store::History;
use tauri::State;

/// Takes `action` on story `id`, which must still be at `version`.
#[tauri::command]
pub async fn transition(
    state: State<'_, AppState>,
    id: StoryId,
    version: i64,
    action: Action,
    note: String,
) -> Result<Saved, IpcError> {
    Ok(state.desk().transition(id, version, action, &note)?)
}

/// The steps the workflow offers now.
#[tauri::command]
pub async fn workflow_steps(
    state: State<'_, AppState>,
    workflow: Workflow,
    gate_passes: bool,
) -> Result<Vec<Step>, IpcError> {
    Ok(state.desk().workflow_steps(workflow, gate_passes)?)
}

#[tauri::command]
pub async fn story_history(state: State<'_, AppState>, id: StoryId) -> Result<History, IpcError> {
    Ok(state.desk().history(id)?)
}

#[tauri::command]
pub async fn story_at(state: State<'_, AppState>, id: StoryId, version: i64) -> Result<Story, IpcError> {
    Ok(state.desk().story_at(id, version)?)
}

#[tauri::command]
pub async fn story_edition(state: State<'_, AppState>, id: StoryId, number: u32) -> Result<Story, IpcError> {
    Ok(state.desk().story_edition(id, number)?)
}

#[tauri::command]
pub fn diff_stories(old: Story, new: Story) -> StoryDiff {
    history::diff(&old, &new)
}

/// Brings back version `version` of story `id` (now at `expected`) as a new version.
#[tauri::command]
pub async fn restore_version(
    state: State<'_, AppState>,
    id: StoryId,
    version: i64,
    expected: i64,
) -> Result<StoredStory, IpcError> {
    Ok(state.desk().restore_version(id, version, expected)?)
}

#[tauri::command]
pub async fn get_settings(state: State<'_, AppState>) -> Result<Settings, IpcError> {
    Ok(state.desk().settings()?)
}

/// The newest entries of the desk's audit trail.
#[tauri::command]
pub async fn audit_log(state: State<'_, AppState>) -> Result<Vec<AuditEntry>, IpcError> {
    Ok(state.desk().audit_log()?)
}

#[tauri::command]
pub async fn set_editor_name(state: State<'_, AppState>, name: String) -> Result<Settings, IpcError> {
    Ok(state.desk().set_editor_name(&name)?)
}

#[tauri::command]
pub async fn set_second_editor_approval(state: State<'_, AppState>, on: bool) -> Result<Settings, IpcError> {
    Ok(state.desk().set_second_editor_approval(on)?)
}
