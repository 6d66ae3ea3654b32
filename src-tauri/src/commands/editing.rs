//! Commands of the open story's editing session: the core keeps the story
//! being edited (`factdesk_core::working`), the window sends what changed
//! (a field, or the whole story after a structural edit or undo) and gets
//! the analysis back as a patch; a save stores the core's copy and returns
//! only what the store set.

use crate::error::IpcError;
use crate::state::AppState;
use factdesk_core::error::ErrorCode;
use factdesk_core::model::{SaveKind, StoredStory, Story, StoryId};
use factdesk_core::working::{AnalysisUpdate, FieldEdit, Opened, Saved, Working};
use std::collections::hash_map::Entry;
use tauri::State;

fn not_open(id: StoryId) -> IpcError {
    IpcError::new(
        ErrorCode::NotFound,
        format!("story {id} is not open for editing here; open it again"),
    )
}

/// Loads story `id` for editing, with its analysis.
#[tauri::command]
pub async fn open_story(state: State<'_, AppState>, id: StoryId) -> Result<Opened, IpcError> {
    let stored = state.store()?.load_for_editing(id)?;
    let registry = state.registry();
    let mut working = Working::new(stored.story.clone());
    let analysis = working.analysis(None, &registry);
    state.working().insert(id, working);
    Ok(Opened { stored, analysis })
}

/// Replaces the story being edited (after a structural edit or an undo),
/// opening it for editing if it was not; the analysis as an update to `rev`.
#[tauri::command]
pub async fn edit_story(
    state: State<'_, AppState>,
    id: StoryId,
    rev: Option<u32>,
    story: Story,
) -> Result<AnalysisUpdate, IpcError> {
    let registry = state.registry();
    let mut open = state.working();
    let working = match open.entry(id) {
        Entry::Occupied(entry) => {
            let working = entry.into_mut();
            working.replace(story);
            working
        }
        Entry::Vacant(entry) => entry.insert(Working::new(story)),
    };
    Ok(working.analysis(rev, &registry))
}

/// Changes the story being edited with `change` and returns the analysis
/// as an update to `rev`. The store's lock is let go before the copies' is
/// taken, so the two are never held together.
fn analysed(
    state: &AppState,
    id: StoryId,
    rev: Option<u32>,
    change: impl FnOnce(&mut Working) -> factdesk_core::Result<()>,
) -> Result<AnalysisUpdate, IpcError> {
    let registry = state.registry();
    let mut open = state.working();
    let working = open.get_mut(&id).ok_or_else(|| not_open(id))?;
    change(working)?;
    Ok(working.analysis(rev, &registry))
}

/// Changes fields of the story being edited (all or none).
#[tauri::command]
pub async fn edit_fields(
    state: State<'_, AppState>,
    id: StoryId,
    rev: Option<u32>,
    edits: Vec<FieldEdit>,
) -> Result<AnalysisUpdate, IpcError> {
    analysed(&state, id, rev, |working| working.edit(&edits))
}

/// The analysis again (the outlet registry changed under the story).
#[tauri::command]
pub async fn edit_analysis(
    state: State<'_, AppState>,
    id: StoryId,
    rev: Option<u32>,
) -> Result<AnalysisUpdate, IpcError> {
    analysed(&state, id, rev, |_| Ok(()))
}

/// Saves the story being edited as an edit made from `version` (a stale
/// version is a `conflict`): only the fields typed into since the last save
/// when that is all that changed; the story itself does not travel back.
/// The copies' lock is held through the save (it is taken before the
/// store's, never after), so no keystroke lands between the two.
#[tauri::command]
pub async fn save_working(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    id: StoryId,
    version: i64,
    kind: SaveKind,
) -> Result<Saved, IpcError> {
    let saved = {
        let mut open = state.working();
        let working = open.get_mut(&id).ok_or_else(|| not_open(id))?;
        let saved = state.store()?.save_working(working, id, version, kind);
        super::stories::journaled(&state, id, version, working.story(), saved)?
    };
    index_after_pause(app, state.typed_save());
    Ok(saved)
}

/// Indexes the search text of the stories saved while typing once typing
/// has paused for [`INDEX_AFTER`] after save `n` (a newer save restarts the
/// wait), so the index is rebuilt once per pause instead of per save.
fn index_after_pause(app: tauri::AppHandle, n: u64) {
    use tauri::Manager;
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(INDEX_AFTER).await;
        // Indexing a long story takes milliseconds of blocking work: off the
        // runtime's workers, which answer the window's commands.
        let _ = tauri::async_runtime::spawn_blocking(move || {
            let state = app.state::<AppState>();
            if state.latest_typed_save(n) {
                index_pending(&state);
            }
        })
        .await;
    });
}

/// How long typing must pause before the search text is indexed.
const INDEX_AFTER: std::time::Duration = std::time::Duration::from_secs(2);

/// Indexes what typed saves left pending; a failure is logged (the next
/// save, search or close tries again) rather than failing the caller.
pub(crate) fn index_pending(state: &AppState) {
    let indexed = state
        .store()
        .map_err(|e| e.message)
        .and_then(|mut store| store.index_pending().map_err(|e| e.to_string()));
    if let Err(why) = indexed {
        tracing::warn!(%why, "the search text of saved stories could not be indexed yet");
    }
}

/// What a save or transition stored, taken by the story's copy being
/// edited (if it is open) and answered to the window.
pub(super) fn follow(state: &AppState, stored: &StoredStory) -> Saved {
    if let Some(working) = state.working().get_mut(&stored.id) {
        working.stored(stored);
    }
    Saved::from(stored)
}

/// Forgets the story being edited (the window closed it).
#[tauri::command]
pub async fn close_story(state: State<'_, AppState>, id: StoryId) -> Result<(), IpcError> {
    state.working().remove(&id);
    index_pending(&state);
    Ok(())
}
