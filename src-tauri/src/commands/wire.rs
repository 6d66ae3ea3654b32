//! Commands of the wire: the desk's feeds, pulling them, the events of the
//! last hours, and a story started from one. Everything that reaches the
//! network or the store runs on a blocking thread, never on the async
//! runtime's workers.

use crate::error::IpcError;
use crate::state::off_the_runtime;
use factdesk_core::desk::{Settings, WireView};
use factdesk_core::wire::{Feed, PullReport, Started, WireFilter};

#[tauri::command]
pub async fn wire_events(
    app: tauri::AppHandle,
    hours: u32,
    filter: WireFilter,
) -> Result<WireView, IpcError> {
    off_the_runtime(app, move |desk| desk.wire(hours, &filter)).await
}

#[tauri::command]
pub async fn pull_feeds(app: tauri::AppHandle, token: u64) -> Result<PullReport, IpcError> {
    off_the_runtime(app, move |desk| desk.pull_feeds(token)).await
}

#[tauri::command]
pub async fn list_feeds(app: tauri::AppHandle) -> Result<Vec<Feed>, IpcError> {
    off_the_runtime(app, move |desk| desk.feeds()).await
}

#[tauri::command]
pub async fn add_feed(app: tauri::AppHandle, outlet: String, url: String) -> Result<Feed, IpcError> {
    off_the_runtime(app, move |desk| desk.add_feed(&outlet, &url)).await
}

#[tauri::command]
pub async fn remove_feed(app: tauri::AppHandle, url: String) -> Result<(), IpcError> {
    off_the_runtime(app, move |desk| desk.remove_feed(&url)).await
}

#[tauri::command]
pub async fn start_from_event(
    app: tauri::AppHandle,
    event: String,
    hours: u32,
    items: Vec<String>,
    token: u64,
) -> Result<Started, IpcError> {
    off_the_runtime(app, move |desk| {
        desk.start_from_event(&event, hours, &items, token)
    })
    .await
}

#[tauri::command]
pub async fn set_wire_pull_minutes(app: tauri::AppHandle, minutes: u32) -> Result<Settings, IpcError> {
    off_the_runtime(app, move |desk| desk.set_wire_pull_minutes(minutes)).await
}
