//! Commands that find stories: search, the paged list and its filters, the
//! desk's coverage, the publish checks of several stories at once, and find
//! and replace within the story the window holds.

use crate::error::IpcError;
use crate::state::AppState;
use factdesk_core::desk::{Desk, StateOption};
use factdesk_core::find::{self, FindOptions, Found, Replaced};
use factdesk_core::model::Story;
use factdesk_core::store::coverage::Coverage;
use factdesk_core::store::search::{ListCount, ListPage, ListRequest, SearchPage};
use factdesk_core::store::GateResult;
use tauri::State;

#[tauri::command]
pub async fn search_stories(
    state: State<'_, AppState>,
    query: String,
    offset: usize,
    limit: usize,
) -> Result<SearchPage, IpcError> {
    Ok(state.desk().search_page(&query, offset, limit)?)
}

#[tauri::command]
pub async fn list_page(state: State<'_, AppState>, request: ListRequest) -> Result<ListPage, IpcError> {
    Ok(state.desk().list_page(&request)?)
}

#[tauri::command]
pub async fn list_count(state: State<'_, AppState>, request: ListRequest) -> Result<ListCount, IpcError> {
    Ok(state.desk().list_count(&request)?)
}

#[tauri::command]
pub fn story_states() -> Vec<StateOption> {
    Desk::story_states()
}

#[tauri::command]
pub async fn desk_coverage(
    state: State<'_, AppState>,
    since: String,
    until: String,
    query: Option<String>,
) -> Result<Coverage, IpcError> {
    Ok(state.desk().coverage(&since, &until, query.as_deref())?)
}

#[tauri::command]
pub async fn gate_results(
    state: State<'_, AppState>,
    ids: Vec<factdesk_core::model::StoryId>,
) -> Result<Vec<GateResult>, IpcError> {
    Ok(state.desk().gate_results(&ids)?)
}

/// Where `text` occurs in the story the window holds.
#[tauri::command]
pub fn find_in_story(story: Story, text: String, options: FindOptions) -> Result<Found, IpcError> {
    Ok(find::find(&story, &text, options)?)
}

/// The story the window holds with every `text` replaced by `with`.
#[tauri::command]
pub fn replace_in_story(
    story: Story,
    text: String,
    with: String,
    options: FindOptions,
) -> Result<Replaced, IpcError> {
    Ok(find::replace(&story, &text, &with, options)?)
}
