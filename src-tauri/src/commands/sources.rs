//! Commands of sources from the web: fetch a page for the open story,
//! cancel it, keep its snapshot, show and recheck captured sources. Every
//! fetch runs on a blocking thread, never on the async runtime's workers.

use crate::error::IpcError;
use crate::state::off_the_runtime;
use factdesk_core::capture::Capture;
use factdesk_core::desk::{Settings, SourceCaptures};
use factdesk_core::model::{SourceId, Story, StoryId};
use factdesk_core::sourcing::RecheckReport;
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub async fn capture_url(
    app: tauri::AppHandle,
    story: Story,
    url: String,
    token: u64,
) -> Result<Capture, IpcError> {
    off_the_runtime(app, move |desk| desk.capture_url(&story, &url, token)).await
}

#[tauri::command]
pub fn cancel_fetch(state: State<'_, AppState>, token: u64) {
    state.desk().cancel_fetch(token)
}

#[tauri::command]
pub async fn keep_capture(state: State<'_, AppState>, id: StoryId, source: SourceId) -> Result<(), IpcError> {
    Ok(state.desk().keep_capture(id, source)?)
}

#[tauri::command]
pub async fn source_captures(state: State<'_, AppState>, id: StoryId) -> Result<SourceCaptures, IpcError> {
    Ok(state.desk().source_captures(id)?)
}

#[tauri::command]
pub async fn recheck_sources(
    app: tauri::AppHandle,
    id: StoryId,
    token: u64,
) -> Result<RecheckReport, IpcError> {
    off_the_runtime(app, move |desk| desk.recheck_sources(&[id], token)).await
}

#[tauri::command]
pub async fn set_recheck_daily(state: State<'_, AppState>, on: bool) -> Result<Settings, IpcError> {
    Ok(state.desk().set_recheck_daily(on)?)
}
