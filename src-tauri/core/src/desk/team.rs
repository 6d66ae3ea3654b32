//! The desk as a team shares it: who is here, colleagues' changes as the
//! server announces them, catching up after every outage, the journal of
//! edits kept while the server was away, and choosing a team database.
//!
//! Contract: on a file every call works and reports that nobody else is
//! here. [`Desk::listen`] runs on a thread of its own until the desk is
//! gone: it tells the host `desk-changed` with colleagues' changes (at most
//! a second after they commit) and `desk-status` when the server goes away
//! or comes back, and after every connection (the first too) where the
//! stories open here stand on the server ([`Desk::catch_up`]), so nothing
//! saved while it was not listening is missed.

use super::{Desk, Host, Shared};
use crate::error::{Error, ErrorCode, Result};
use crate::journal::{self, Replayed};
use crate::model::StoryId;
use crate::store::pg::{self, StoryChange};
use crate::store::presence::Colleagues;
use crate::user_settings;
use serde::Serialize;
use std::sync::{Arc, Weak};
use ts_rs::TS;

/// What the windows hear from the desk, unasked. Sent only through
/// [`Host::tell`]; the TypeScript `AppEvent` (ts-rs) is each event's name
/// and its payload as sent.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "event", content = "payload", rename_all = "kebab-case")]
#[ts(export, rename = "AppEvent")]
pub enum DeskEvent {
    /// Colleagues' changes, at most a second after they commit; empty after
    /// a (re)connection: read the list again.
    DeskChanged(Vec<StoryChange>),
    /// The team database went away or came back.
    DeskStatus(DeskStatus),
    /// The desk's feeds were pulled (the window's timer or a person).
    WirePulled(crate::wire::PullReport),
}

/// Every event's name, as the window listens for it.
pub const EVENTS: &[&str] = &["desk-changed", "desk-status", "wire-pulled"];

impl DeskEvent {
    /// The name the window listens for (the serde tag; a test checks).
    pub fn name(&self) -> &'static str {
        match self {
            DeskEvent::DeskChanged(_) => EVENTS[0],
            DeskEvent::DeskStatus(_) => EVENTS[1],
            DeskEvent::WirePulled(_) => EVENTS[2],
        }
    }
}

/// Whether the team database answers, sent to the window as `desk-status`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct DeskStatus {
    pub online: bool,
    pub message: String,
}

/// Which database the window works on.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct DeskInfo {
    /// The team database's address (password masked), or null on a file.
    pub server: Option<String>,
    /// The file, when the desk is a file.
    pub file: Option<String>,
    /// The team database the settings name, to open at the next start.
    pub chosen: Option<String>,
    /// Which database this window works on, in words; empty when the
    /// answer is only about the next start.
    pub working: String,
    /// Which database Factdesk opens from the next start, in words.
    pub next_start: String,
}

impl DeskInfo {
    /// The answer for a window on `server` or `file`, with `chosen` for the next start.
    fn new(server: Option<String>, file: Option<String>, chosen: Option<String>) -> DeskInfo {
        let working = match (&server, &file) {
            (Some(server), _) => format!("Working on the team database {server}."),
            (None, Some(file)) => format!("Working on this computer's file ({file})."),
            (None, None) => String::new(),
        };
        let next_start = match &chosen {
            Some(chosen) => format!("{chosen} is ready. Factdesk opens it from the next start."),
            None => "Factdesk opens this computer's file from the next start.".to_string(),
        };
        DeskInfo {
            server,
            file,
            chosen,
            working,
            next_start,
        }
    }
}

/// What the window says while the server is away.
fn away_message(e: &Error) -> String {
    match e {
        Error::Offline { place, why } => format!("The team database {place} cannot be reached ({why})"),
        other => other.to_string(),
    }
}

impl Desk {
    /// Which database the window works on, and the one chosen for next time.
    pub fn desk_info(&self) -> DeskInfo {
        let chosen = self
            .settings_file()
            .map(|f| user_settings::load(&f))
            .and_then(|s| s.team_database)
            .map(|url| pg::mask(&url));
        let store = self.store();
        DeskInfo::new(
            store.server().map(|s| s.place().to_string()),
            store
                .server()
                .is_none()
                .then(|| store.path().display().to_string()),
            chosen,
        )
    }

    /// Checks that the team database at `url` opens (creating the desk's tables
    /// in an empty database), keeps the password in `~/.pgpass` and the address
    /// in the settings; the app opens it at its next start. An empty `url` goes
    /// back to this computer's file.
    pub fn choose_team_database(&self, url: &str, password: &str) -> Result<DeskInfo> {
        let url = url.trim();
        let file = self.settings_file().ok_or_else(|| Error::Refused {
            code: ErrorCode::Io,
            message: "no settings folder on this system".into(),
        })?;
        let mut settings = user_settings::load(&file);
        let confirmed = |question: super::Question| match self.shared.host.confirm(&question) {
            true => Ok(()),
            false => Err(Error::Refused {
                code: ErrorCode::NotPermitted,
                message: "The database Factdesk opens was not changed: it was not confirmed".into(),
            }),
        };
        if url.is_empty() {
            confirmed(team_question(url))?;
            settings.team_database = None;
        } else {
            let mut full = url::Url::parse(url).map_err(|e| Error::BadInput {
                path: pg::mask(url).into(),
                why: format!("not a database address ({e}); it looks like postgres://anna@db.example/desk"),
            })?;
            confirmed(team_question(url))?;
            if !password.is_empty() {
                let _ = full.set_password(Some(password));
            }
            drop(crate::store::Store::open_server(full.as_str())?);
            settings.team_database = Some(pg::remember_password(full.as_str())?);
        }
        user_settings::save(&file, &settings)?;
        Ok(DeskInfo::new(
            None,
            None,
            settings.team_database.map(|u| pg::mask(&u)),
        ))
    }

    /// Says this window is here, showing `story`; returns who else is.
    pub fn heartbeat(&self, story: Option<StoryId>) -> Result<Colleagues> {
        let store = self.store();
        store.heartbeat(&self.session, story)?;
        Ok(Colleagues::of(store.present(&self.session)?))
    }

    /// This window is closing: it leaves the presence list at once.
    pub fn leave(&self) -> Result<()> {
        self.store().leave(&self.session)
    }

    /// Saves the edits kept on this computer while the server was away, but
    /// those of the stories open here (their window saves them, or shows
    /// the conflict, itself).
    pub fn replay_journal(&self) -> Result<Vec<Replayed>> {
        let Some(kept) = &self.journal else {
            return Ok(Vec::new());
        };
        let open = self.open_stories();
        journal::replay(&mut self.store(), kept, &open)
    }

    /// Drops the edit of story `id` kept on this computer: its editor chose
    /// to keep it as a copy, or to take the saved story instead.
    pub fn discard_kept_edit(&self, id: StoryId) -> Result<()> {
        match &self.journal {
            Some(kept) => kept.forget(id),
            None => Ok(()),
        }
    }

    /// Where the stories open here stand on the server, as changes the
    /// window compares with what it shows (it ignores versions it has).
    pub fn catch_up(&self) -> Vec<StoryChange> {
        catch_up(&self.shared)
    }

    /// Listens for colleagues' changes on the team database at `url` and
    /// tells the host (see the module), until the desk is gone.
    pub fn listen(&self, url: String) {
        let weak = Arc::downgrade(&self.shared);
        let host = self.shared.host.clone();
        std::thread::spawn(move || listen(&weak, host.as_ref(), &url));
    }
}

fn catch_up(shared: &Shared) -> Vec<StoryChange> {
    let open: Vec<StoryId> = shared.working().keys().copied().collect();
    if open.is_empty() {
        return Vec::new();
    }
    // The store's own connection may not know yet that the server went
    // away: its first call says so and the next one connects again.
    let heads = || shared.store().heads(&open);
    heads().or_else(|_| heads()).unwrap_or_else(|e| {
        tracing::warn!("the open stories could not be compared with the server's: {e}");
        Vec::new()
    })
}

fn listen(desk: &Weak<Shared>, host: &dyn Host, url: &str) {
    let status =
        |online: bool, message: String| host.tell(DeskEvent::DeskStatus(DeskStatus { online, message }));
    let mut listener: Option<pg::Listener> = None;
    let mut online = true;
    while desk.strong_count() > 0 {
        let current = match listener.as_mut() {
            Some(l) => l,
            None => match pg::Listener::connect(url) {
                Ok(l) => {
                    // Listening now: catch up with what was saved while not.
                    let missed = desk.upgrade().map(|d| catch_up(&d)).unwrap_or_default();
                    if !online {
                        online = true;
                        status(true, format!("{} answers again.", pg::mask(url)));
                    }
                    host.tell(DeskEvent::DeskChanged(missed));
                    listener.insert(l)
                }
                Err(e) => {
                    if online {
                        online = false;
                        status(false, away_message(&e));
                    }
                    std::thread::sleep(std::time::Duration::from_secs(2));
                    continue;
                }
            },
        };
        match current.next(std::time::Duration::from_secs(1)) {
            Ok(changes) if !changes.is_empty() => host.tell(DeskEvent::DeskChanged(changes)),
            Ok(_) => {}
            Err(e) => {
                listener = None;
                if online {
                    online = false;
                    status(false, away_message(&e));
                }
            }
        }
    }
}

/// What the person confirms before the app opens another database.
fn team_question(url: &str) -> super::Question {
    if url.is_empty() {
        return super::Question {
            title: "Work on this computer's file?".into(),
            message: "From the next start Factdesk opens this computer's file instead of the team database."
                .into(),
            yes: "Use this computer's file".into(),
        };
    }
    let host = url::Url::parse(url)
        .map(|u| {
            let user = u.username().to_string();
            let host = u.host_str().unwrap_or("this computer's socket").to_string();
            let db = u.path().trim_start_matches('/').to_string();
            match user.is_empty() {
                true => format!("the database “{db}” on {host}"),
                false => format!("the database “{db}” on {host} as the login “{user}”"),
            }
        })
        .unwrap_or_else(|_| pg::mask(url));
    super::Question {
        title: "Connect to a team database?".into(),
        message: format!(
            "Factdesk will connect to {host}, create the desk's tables there if it is empty, keep the password in ~/.pgpass and open it from the next start instead of the database it opens now."
        ),
        yes: "Connect".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_event_is_sent_under_the_name_the_window_listens_for() {
        let events = [
            DeskEvent::DeskChanged(Vec::new()),
            DeskEvent::DeskStatus(DeskStatus {
                online: true,
                message: String::new(),
            }),
            DeskEvent::WirePulled(crate::wire::pull::report(Vec::new(), crate::model::now())),
        ];
        assert_eq!(events.len(), EVENTS.len(), "one example per event");
        for event in &events {
            let sent = serde_json::to_value(event).expect("serializes");
            assert_eq!(sent["event"], event.name(), "{event:?}");
        }
    }
}
