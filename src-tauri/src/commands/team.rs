//! Commands of a team desk on a PostgreSQL server, over the desk's
//! (`factdesk_core::desk`): which database the app is on, presence,
//! replaying edits kept while the server was away, and choosing a team
//! database. On a file every one of them works and reports that nobody
//! else is here. The events the window hears come from the desk through
//! [`TauriHost`].

use crate::error::IpcError;
use crate::state::AppState;
use factdesk_core::desk::{DeskEvent, DeskInfo, Host, Question};
use factdesk_core::journal::Replayed;
use factdesk_core::model::StoryId;
use factdesk_core::store::presence::Colleagues;
use tauri::State;

#[tauri::command]
pub async fn desk_info(state: State<'_, AppState>) -> Result<DeskInfo, IpcError> {
    Ok(state.desk().desk_info())
}

/// Says this window is here, showing `story`; returns who else is.
#[tauri::command]
pub async fn heartbeat(state: State<'_, AppState>, story: Option<StoryId>) -> Result<Colleagues, IpcError> {
    Ok(state.desk().heartbeat(story)?)
}

/// This window is closing: leave the presence list at once.
#[tauri::command]
pub async fn leave_desk(state: State<'_, AppState>) -> Result<(), IpcError> {
    Ok(state.desk().leave()?)
}

/// Saves the edits kept on this computer while the server was away, but
/// those of the stories open here (their window saves them itself).
#[tauri::command]
pub async fn replay_journal(state: State<'_, AppState>) -> Result<Vec<Replayed>, IpcError> {
    Ok(state.desk().replay_journal()?)
}

/// Drops the edit of story `id` kept on this computer (its conflict was
/// resolved in the window).
#[tauri::command]
pub async fn discard_kept_edit(state: State<'_, AppState>, id: StoryId) -> Result<(), IpcError> {
    Ok(state.desk().discard_kept_edit(id)?)
}

/// Checks and remembers the team database to open at the next start (an
/// empty `url`: this computer's file).
#[tauri::command]
pub async fn choose_team_database(
    state: State<'_, AppState>,
    url: String,
    password: String,
) -> Result<DeskInfo, IpcError> {
    Ok(state.desk().choose_team_database(&url, &password)?)
}

/// Starts the app again (to open the database just chosen).
#[tauri::command]
pub async fn restart_app(app: tauri::AppHandle) -> Result<(), IpcError> {
    app.restart()
}

/// Tells every window what the desk says, under the event's name.
pub struct TauriHost(pub tauri::AppHandle);

impl Host for TauriHost {
    fn tell(&self, event: DeskEvent) {
        use tauri::Emitter;
        let sent = match &event {
            DeskEvent::DeskChanged(changes) => self.0.emit(event.name(), changes),
            DeskEvent::DeskStatus(status) => self.0.emit(event.name(), status),
            DeskEvent::WirePulled(report) => self.0.emit(event.name(), report),
        };
        if let Err(e) = sent {
            tracing::warn!(event = event.name(), "the window could not be told: {e}");
        }
    }

    /// A native dialog, which the page cannot answer for the person. The
    /// end-to-end tests of a debug build answer through
    /// `FACTDESK_TEST_CONFIRM` (`yes` or `no`), which a release build ignores.
    fn confirm(&self, question: &Question) -> bool {
        #[cfg(debug_assertions)]
        if let Ok(answer) = std::env::var("FACTDESK_TEST_CONFIRM") {
            return answer == "yes";
        }
        use tauri_plugin_dialog::{DialogExt, MessageDialogButtons, MessageDialogKind};
        let dialog = self
            .0
            .dialog()
            .message(&question.message)
            .title(&question.title)
            .kind(MessageDialogKind::Warning)
            .buttons(MessageDialogButtons::OkCancelCustom(
                question.yes.clone(),
                "Cancel".into(),
            ));
        // Waiting for the person blocks: hand the async worker back first.
        match tokio::runtime::Handle::try_current() {
            Ok(h) if h.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread => {
                tokio::task::block_in_place(|| dialog.blocking_show())
            }
            _ => dialog.blocking_show(),
        }
    }
}
