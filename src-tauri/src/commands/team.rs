//! Commands of a team desk on a PostgreSQL server: which database the app
//! is on, presence heartbeats, replaying edits kept while the server was
//! away, and choosing a team database (or this computer's file).
//!
//! On a file every one of them works and reports that nobody else is here.

use crate::error::IpcError;
use crate::state::AppState;
use factdesk_core::journal::{self, Replayed};
use factdesk_core::model::StoryId;
use factdesk_core::store::pg;
use factdesk_core::store::presence::Presence;
use factdesk_core::user_settings;
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

/// Which database the window works on.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DeskInfo {
    /// The team database's address (password masked), or null on a file.
    pub server: Option<String>,
    /// The file, when the desk is a file.
    pub file: Option<String>,
    /// The team database the settings name, to open at the next start.
    pub chosen: Option<String>,
}

#[tauri::command]
pub async fn desk_info(state: State<'_, AppState>) -> Result<DeskInfo, IpcError> {
    let store = state.store()?;
    let chosen = user_settings::file()
        .map(|f| user_settings::load(&f))
        .and_then(|s| s.team_database)
        .map(|url| pg::mask(&url));
    Ok(DeskInfo {
        server: store.server().map(|s| s.place().to_string()),
        file: store
            .server()
            .is_none()
            .then(|| store.path().display().to_string()),
        chosen,
    })
}

/// Says this window is here, showing `story`; returns who else is.
#[tauri::command]
pub async fn heartbeat(
    state: State<'_, AppState>,
    story: Option<StoryId>,
) -> Result<Vec<Presence>, IpcError> {
    let store = state.store()?;
    store.heartbeat(state.session(), story)?;
    Ok(store.present(state.session())?)
}

/// This window is closing: leave the presence list at once.
#[tauri::command]
pub async fn leave_desk(state: State<'_, AppState>) -> Result<(), IpcError> {
    Ok(state.store()?.leave(state.session())?)
}

/// Saves the edits kept on this computer while the server was away, but
/// those of the stories open here (their window saves them, or shows the
/// conflict, itself).
#[tauri::command]
pub async fn replay_journal(state: State<'_, AppState>) -> Result<Vec<Replayed>, IpcError> {
    let Some(kept) = state.journal() else {
        return Ok(Vec::new());
    };
    let open: Vec<StoryId> = state.working().keys().copied().collect();
    let mut store = state.store()?;
    Ok(journal::replay(&mut store, kept, &open)?)
}

/// Drops the edit of story `id` kept on this computer: its editor chose to
/// keep it as a copy, or to take the saved story instead.
#[tauri::command]
pub async fn discard_kept_edit(state: State<'_, AppState>, id: StoryId) -> Result<(), IpcError> {
    if let Some(kept) = state.journal() {
        kept.forget(id)?;
    }
    Ok(())
}

/// Checks that the team database at `url` opens (creating the desk's
/// tables in an empty database), keeps the password in `~/.pgpass` and the
/// address in the settings; the app opens it at its next start. An empty
/// `url` goes back to this computer's file.
#[tauri::command]
pub async fn choose_team_database(url: String, password: String) -> Result<DeskInfo, IpcError> {
    let url = url.trim();
    let file = user_settings::file().ok_or_else(|| {
        IpcError::new(
            factdesk_core::error::ErrorCode::Io,
            "no settings folder on this system",
        )
    })?;
    let mut settings = user_settings::load(&file);
    if url.is_empty() {
        settings.team_database = None;
    } else {
        let mut full = url::Url::parse(url).map_err(|e| {
            IpcError::new(
                factdesk_core::error::ErrorCode::BadInput,
                format!(
                    "{}: not a database address ({e}); it looks like postgres://anna@db.example/desk",
                    pg::mask(url)
                ),
            )
        })?;
        if !password.is_empty() {
            let _ = full.set_password(Some(&password));
        }
        drop(factdesk_core::store::Store::open_server(full.as_str())?);
        settings.team_database = Some(pg::remember_password(full.as_str())?);
    }
    user_settings::save(&file, &settings)?;
    Ok(DeskInfo {
        server: None,
        file: None,
        chosen: settings.team_database.map(|u| pg::mask(&u)),
    })
}

/// Starts the app again (to open the database just chosen).
#[tauri::command]
pub async fn restart_app(app: tauri::AppHandle) -> Result<(), IpcError> {
    app.restart()
}

/// What the window hears from the team database's listener, unasked. Sent
/// only through [`AppEvent::send`], so the TypeScript `AppEvent` (ts-rs) is
/// each event's name and its payload as sent.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "event", content = "payload", rename_all = "kebab-case")]
#[ts(export)]
pub enum AppEvent {
    /// Colleagues' changes, at most a second after they commit.
    DeskChanged(Vec<pg::StoryChange>),
    /// The team database went away or came back.
    DeskStatus(DeskStatus),
}

/// Every event's name, as the window listens for it.
pub const EVENTS: &[&str] = &["desk-changed", "desk-status"];

impl AppEvent {
    /// The name the window listens for (the serde tag; a test checks).
    pub fn name(&self) -> &'static str {
        match self {
            AppEvent::DeskChanged(_) => EVENTS[0],
            AppEvent::DeskStatus(_) => EVENTS[1],
        }
    }

    /// Tells every window; a window that cannot hear it is logged, not fatal.
    fn send(&self, app: &tauri::AppHandle) {
        use tauri::Emitter;
        let sent = match self {
            AppEvent::DeskChanged(changes) => app.emit(self.name(), changes),
            AppEvent::DeskStatus(status) => app.emit(self.name(), status),
        };
        if let Err(e) = sent {
            tracing::warn!(event = self.name(), "the window could not be told: {e}");
        }
    }
}

/// Whether the team database answers, sent to the window as `desk-status`.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DeskStatus {
    pub online: bool,
    pub message: String,
}

/// What the window says while the server is away.
fn away_message(e: &factdesk_core::Error) -> String {
    match e {
        factdesk_core::Error::Offline { place, why } => {
            format!("The team database {place} cannot be reached ({why})")
        }
        other => other.to_string(),
    }
}

/// Where the stories open in this window stand on the server, as changes
/// the window compares with what it shows (it ignores versions it has): a
/// save made while nobody listened is followed, or becomes a conflict that
/// names who saved. The window also reads its list again on any change.
fn catch_up(app: &tauri::AppHandle) -> Vec<pg::StoryChange> {
    use tauri::Manager;
    let state = app.state::<crate::state::AppState>();
    let open: Vec<StoryId> = state.working().keys().copied().collect();
    if open.is_empty() {
        return Vec::new();
    }
    let heads = || {
        state
            .store()
            .map_err(|e| e.message)
            .and_then(|s| s.heads(&open).map_err(|e| e.to_string()))
    };
    // The store's own connection may not know yet that the server went
    // away: its first call says so and the next one connects again.
    heads().or_else(|_| heads()).unwrap_or_else(|why| {
        tracing::warn!(%why, "the open stories could not be compared with the server's");
        Vec::new()
    })
}

/// Listens for colleagues' changes on the team database at `url` and tells
/// every window: `desk-changed` with the changes (at most a second after
/// they commit), `desk-status` when the server goes away or comes back. It
/// keeps trying to connect again while the server is away, and after every
/// connection (the first too) sends where the open stories stand
/// ([`catch_up`]), so nothing saved while it was not listening is missed.
pub fn listen_for_changes(app: tauri::AppHandle, url: String) {
    let status = move |app: &tauri::AppHandle, online: bool, message: String| {
        AppEvent::DeskStatus(DeskStatus { online, message }).send(app);
    };
    std::thread::spawn(move || {
        let mut listener: Option<pg::Listener> = None;
        let mut online = true;
        loop {
            let current = match listener.as_mut() {
                Some(l) => l,
                None => match pg::Listener::connect(&url) {
                    Ok(l) => {
                        // Listening now: catch up with what was saved while
                        // not (before the first connection, or while away).
                        let missed = catch_up(&app);
                        if !online {
                            online = true;
                            status(&app, true, format!("{} answers again.", pg::mask(&url)));
                        }
                        AppEvent::DeskChanged(missed).send(&app);
                        listener.insert(l)
                    }
                    Err(e) => {
                        if online {
                            online = false;
                            status(&app, false, away_message(&e));
                        }
                        std::thread::sleep(std::time::Duration::from_secs(2));
                        continue;
                    }
                },
            };
            match current.next(std::time::Duration::from_secs(1)) {
                Ok(changes) if !changes.is_empty() => AppEvent::DeskChanged(changes).send(&app),
                Ok(_) => {}
                Err(e) => {
                    listener = None;
                    if online {
                        online = false;
                        status(&app, false, away_message(&e));
                    }
                }
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_event_is_sent_under_the_name_the_window_listens_for() {
        let events = [
            AppEvent::DeskChanged(Vec::new()),
            AppEvent::DeskStatus(DeskStatus {
                online: true,
                message: String::new(),
            }),
        ];
        assert_eq!(events.len(), EVENTS.len(), "one example per event");
        for event in &events {
            let sent = serde_json::to_value(event).expect("serializes");
            assert_eq!(sent["event"], event.name(), "{event:?}");
        }
    }
}
