//! Commands that find stories and look across the desk: search, the paged
//! story list, the states it filters by, and the coverage report.

use crate::error::IpcError;
use crate::state::AppState;
use factdesk_core::error::ErrorCode;
use factdesk_core::model::Status;
use factdesk_core::store::coverage::Coverage;
use factdesk_core::store::search::{ListPage, ListRequest, SearchHit};
use factdesk_core::store::GateResult;
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

/// The stories matching `query`, best first (with the text saved while
/// typing indexed first, so a search finds what was just typed).
#[tauri::command]
pub async fn search_stories(
    state: State<'_, AppState>,
    query: String,
    limit: usize,
) -> Result<Vec<SearchHit>, IpcError> {
    super::editing::index_pending(&state);
    Ok(state.store()?.search(&query, limit)?)
}

/// One page of the story list.
#[tauri::command]
pub async fn list_page(state: State<'_, AppState>, request: ListRequest) -> Result<ListPage, IpcError> {
    Ok(state.store()?.list_page(&request)?)
}

/// How many stories the list's filters let through (asked apart, so the
/// first rows never wait for the count).
#[tauri::command]
pub async fn list_count(state: State<'_, AppState>, request: ListRequest) -> Result<u32, IpcError> {
    Ok(state.store()?.list_count(&request)?)
}

/// A state the list can filter by, with its name for people.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct StateOption {
    pub status: Status,
    pub label: String,
}

/// Every state, in workflow order.
#[tauri::command]
pub fn story_states() -> Vec<StateOption> {
    Status::ALL
        .iter()
        .map(|s| StateOption {
            status: *s,
            label: s.label().to_string(),
        })
        .collect()
}

/// The desk's coverage from `since` up to (not including) `until` (YYYY-MM-DD).
#[tauri::command]
pub async fn desk_coverage(
    state: State<'_, AppState>,
    since: String,
    until: String,
    query: Option<String>,
) -> Result<Coverage, IpcError> {
    let day = |v: &str, what: &str| {
        chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").map_err(|_| {
            IpcError::new(
                ErrorCode::BadQuery,
                format!("the {what} date must look like 2026-11-01, not {v:?}"),
            )
        })
    };
    let (since, until) = (day(&since, "first")?, day(&until, "last")?);
    Ok(state.store()?.coverage(since, until, query.as_deref())?)
}

/// How each of `ids` fares in the publish checks, for the batch export chooser.
#[tauri::command]
pub async fn gate_results(
    state: State<'_, AppState>,
    ids: Vec<factdesk_core::model::StoryId>,
) -> Result<Vec<GateResult>, IpcError> {
    Ok(state.store()?.gate_results(&ids)?)
}
