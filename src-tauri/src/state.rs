//! What the app keeps between commands: the open store, the paths the
//! editor picked in a file dialog, and what to tell the editor at start.
//!
//! Contract: one [`Store`] per app, behind a mutex; commands hold the lock
//! only for one core call and never while reading or parsing a file. A
//! command that reads or writes a path from the window may use only a path
//! the editor picked in this session's dialogs ([`Picked`]).

use crate::error::IpcError;
use factdesk_core::error::ErrorCode;
use factdesk_core::model::StoryId;
use factdesk_core::registry::Registry;
use factdesk_core::store::Store;
use factdesk_core::working::Working;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

pub struct AppState {
    store: Mutex<Store>,
    picked: Mutex<Picked>,
    notices: Vec<String>,
    /// Edits kept on this computer while the team database is away (only
    /// when the store is on a server).
    journal: Option<factdesk_core::journal::Journal>,
    /// This window's identity in the desk's presence list.
    session: String,
    /// The stories open for editing, as the core keeps them while the
    /// window types.
    working: Mutex<HashMap<StoryId, Working>>,
    /// Typed saves so far: the search text is indexed once a pause passes
    /// with no newer one.
    typed_saves: std::sync::atomic::AtomicU64,
    /// The outlet registry the live analysis reads, and when it was read:
    /// not read again per keystroke, and still there while a team
    /// database is away, so the gate and preview keep working.
    registry: Mutex<Option<(std::time::Instant, Arc<Registry>)>>,
}

/// How long the cached registry is used before it is read again (a
/// colleague's outlet change reaches the analysis within this).
const REGISTRY_FRESH: std::time::Duration = std::time::Duration::from_secs(30);

/// Paths picked in a dialog this session: files to read, files to write, and
/// folders whose direct children may be written (batch export).
#[derive(Default)]
pub struct Picked {
    read: HashSet<PathBuf>,
    write: HashSet<PathBuf>,
    folders: HashSet<PathBuf>,
}

/// What a picked path may be used for.
#[derive(Debug, Clone, Copy)]
pub enum Use {
    Read,
    Write,
    Folder,
}

fn not_picked(path: &Path) -> IpcError {
    IpcError::new(
        ErrorCode::NotPermitted,
        format!(
            "{}: the window may only use files chosen in a file dialog; choose it again",
            path.display()
        ),
    )
}

impl Picked {
    pub fn remember(&mut self, path: &Path, usage: Use) {
        let set = match usage {
            Use::Read => &mut self.read,
            Use::Write => &mut self.write,
            Use::Folder => &mut self.folders,
        };
        set.insert(path.to_path_buf());
    }

    /// `path` when it was picked for `usage` (a file to write may also lie
    /// directly in a picked folder); otherwise a `not-permitted` error.
    pub fn check<'a>(&self, path: &'a Path, usage: Use) -> Result<&'a Path, IpcError> {
        let in_folder = || path.parent().is_some_and(|dir| self.folders.contains(dir));
        let ok = match usage {
            Use::Read => self.read.contains(path),
            Use::Write => self.write.contains(path) || in_folder(),
            Use::Folder => self.folders.contains(path),
        };
        ok.then_some(path).ok_or_else(|| not_picked(path))
    }
}

impl AppState {
    pub fn new(store: Store, notices: Vec<String>) -> Self {
        let journal = store.server().and_then(|server| {
            let base = factdesk_core::paths::journal_dir()?;
            Some(factdesk_core::journal::Journal::for_server(&base, server.place()))
        });
        AppState {
            store: Mutex::new(store),
            picked: Mutex::new(Picked::default()),
            notices,
            journal,
            session: uuid::Uuid::new_v4().to_string(),
            working: Mutex::new(HashMap::new()),
            typed_saves: std::sync::atomic::AtomicU64::new(0),
            registry: Mutex::new(None),
        }
    }

    /// The outlet registry for the analysis: read at most every
    /// [`REGISTRY_FRESH`], and the last one read while the database cannot
    /// be read (a team server away); empty when none was ever read.
    pub fn registry(&self) -> Arc<Registry> {
        let mut cached = self.registry.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((at, registry)) = cached.as_ref() {
            if at.elapsed() < REGISTRY_FRESH {
                return registry.clone();
            }
        }
        let read = self
            .store()
            .map_err(|e| e.message)
            .and_then(|s| s.registry().map_err(|e| e.to_string()));
        match read {
            Ok(registry) => {
                let registry = Arc::new(registry);
                *cached = Some((std::time::Instant::now(), registry.clone()));
                registry
            }
            Err(why) => {
                tracing::warn!(%why, "the outlet registry could not be read; the analysis uses the last one read");
                cached.as_ref().map(|(_, r)| r.clone()).unwrap_or_default()
            }
        }
    }

    /// The registry changed here: the next analysis reads it again.
    pub fn registry_changed(&self) {
        *self.registry.lock().unwrap_or_else(|p| p.into_inner()) = None;
    }

    /// Counts a typed save; its number.
    pub fn typed_save(&self) -> u64 {
        self.typed_saves.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1
    }

    /// Whether typed save `n` is still the latest.
    pub fn latest_typed_save(&self, n: u64) -> bool {
        self.typed_saves.load(std::sync::atomic::Ordering::SeqCst) == n
    }

    /// The journal of edits kept while the team database is away.
    pub fn journal(&self) -> Option<&factdesk_core::journal::Journal> {
        self.journal.as_ref()
    }

    /// This window's session id (presence).
    pub fn session(&self) -> &str {
        &self.session
    }

    /// The store; a panic in an earlier command does not lock editors out.
    pub fn store(&self) -> Result<MutexGuard<'_, Store>, IpcError> {
        Ok(self.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner()))
    }

    /// The stories open for editing; hold it only for one core call, and
    /// never while waiting for the store.
    pub fn working(&self) -> MutexGuard<'_, HashMap<StoryId, Working>> {
        self.working
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn picked(&self) -> MutexGuard<'_, Picked> {
        self.picked
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// What the editor should read when the window opens (a migration and
    /// where its backup is, a backup that could not be taken).
    pub fn notices(&self) -> &[String] {
        &self.notices
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_picked_paths_pass() {
        let mut p = Picked::default();
        p.remember(Path::new("/home/e/story.txt"), Use::Read);
        p.remember(Path::new("/home/e/out"), Use::Folder);
        p.remember(Path::new("/home/e/x.html"), Use::Write);
        assert!(p.check(Path::new("/home/e/story.txt"), Use::Read).is_ok());
        assert!(p.check(Path::new("/home/e/story.txt"), Use::Write).is_err());
        assert!(p.check(Path::new("/etc/passwd"), Use::Read).is_err());
        assert!(p.check(Path::new("/home/e/out/a.html"), Use::Write).is_ok());
        assert!(p.check(Path::new("/home/e/out/sub/a.html"), Use::Write).is_err());
        assert!(p.check(Path::new("/home/e/out/a.html"), Use::Read).is_err());
        assert!(p.check(Path::new("/home/e/x.html"), Use::Write).is_ok());
        let err = p.check(Path::new("/root/.ssh/id"), Use::Read).unwrap_err();
        assert_eq!(err.code, ErrorCode::NotPermitted);
    }
}
