//! The desk a window works on: one store, the stories open for editing in
//! it, the journal of edits kept while a team server is away, and the
//! outlet registry the live analysis reads — behind one API that the app's
//! commands and the CLI call as thin adapters.
//!
//! Contract: a [`Desk`] is shared by every command of a window (it is
//! `Sync`; each call holds the store's lock for one store operation, never
//! while reading or parsing a file, and never the store's and the open
//! copies' locks in the other order: copies first). What only the app has
//! — telling the windows that something happened — comes through the
//! [`Host`] it is given; tests use a host that records what it was told.
//! Background work the desk owns (indexing search text once typing
//! pauses, listening to a team server) runs on threads of its own that end
//! with it.

mod access;
mod editing;
mod ops;
mod sourcing;
mod team;
mod wire;

pub use access::Settings;
pub use editing::{save_copy, INDEX_AFTER};
pub use ops::{Imported, NarrativeAxes, StateOption};
pub use sourcing::SourceCaptures;
pub use team::{DeskEvent, DeskInfo, DeskStatus, EVENTS};
pub use wire::{WireView, DEFAULT_PULL_MINUTES, MAX_PULL_MINUTES};

use crate::journal::Journal;
use crate::model::StoryId;
use crate::registry::Registry;
use crate::store::Store;
use crate::working::Working;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

/// What only the program around the desk can do.
pub trait Host: Send + Sync + 'static {
    /// Tells every window what happened on the desk.
    fn tell(&self, event: DeskEvent);

    /// This person's settings file (editor name, last story, the team
    /// database to open); a test host keeps its own.
    fn settings_file(&self) -> Option<std::path::PathBuf> {
        crate::user_settings::file()
    }

    /// Asks the person at the computer, outside the page (a native dialog),
    /// whether `question` may go ahead; a host that cannot ask says no.
    fn confirm(&self, question: &Question) -> bool {
        let _ = question;
        false
    }
}

/// A change the page asked for that the person must confirm outside it:
/// the page may be compromised, the dialog is not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    pub title: String,
    pub message: String,
    /// The confirming button's words.
    pub yes: String,
}

/// A host with no window (the CLI, scripts): it tells nobody.
pub struct NoWindow;

impl Host for NoWindow {
    fn tell(&self, _: DeskEvent) {}
}

/// How long the cached registry is used before it is read again (a
/// colleague's outlet change reaches the analysis within this).
const REGISTRY_FRESH: std::time::Duration = std::time::Duration::from_secs(30);

/// The parts of a desk its background threads share with it.
pub(crate) struct Shared {
    store: Mutex<Store>,
    /// The stories open for editing, as the core keeps them while typing.
    working: Mutex<HashMap<StoryId, Working>>,
    host: Arc<dyn Host>,
}

impl Shared {
    fn store(&self) -> MutexGuard<'_, Store> {
        // A panic in an earlier call does not lock editors out.
        self.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn working(&self) -> MutexGuard<'_, HashMap<StoryId, Working>> {
        self.working
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// A desk: see the module.
pub struct Desk {
    shared: Arc<Shared>,
    /// Edits kept on this computer while the team database is away (only
    /// when the store is on a server).
    journal: Option<Journal>,
    /// This window's identity in the desk's presence list.
    session: String,
    /// The outlet registry the live analysis reads, and when it was read:
    /// not read again per keystroke, and still there while a team server
    /// is away, so the gate and preview keep working.
    registry: Mutex<Option<(Instant, Arc<Registry>)>>,
    /// Wakes the indexing thread when typing pauses.
    pause: editing::Pause,
    /// A read-only store of its own for searching (opened when first
    /// needed): a search never holds the store's lock, so saves never wait
    /// behind one.
    searcher: Mutex<Option<Store>>,
    /// Fetches under way (to cancel) and pages fetched but not yet kept.
    captures: Mutex<sourcing::Captures>,
}

impl Desk {
    /// A desk over `store`, telling `host` what happens; on a server it
    /// keeps a journal under `journal_base` (the app's data folder).
    pub fn new(store: Store, host: Arc<dyn Host>, journal_base: Option<&std::path::Path>) -> Desk {
        let journal = match (store.server(), journal_base) {
            (Some(server), Some(base)) => Some(Journal::for_server(base, server.place())),
            _ => None,
        };
        let shared = Arc::new(Shared {
            store: Mutex::new(store),
            working: Mutex::new(HashMap::new()),
            host,
        });
        Desk {
            pause: editing::Pause::start(&shared),
            shared,
            journal,
            session: uuid::Uuid::new_v4().to_string(),
            registry: Mutex::new(None),
            searcher: Mutex::new(None),
            captures: Mutex::new(sourcing::Captures::default()),
        }
    }

    /// This person's settings file, as the host says.
    fn settings_file(&self) -> Option<std::path::PathBuf> {
        self.shared.host.settings_file()
    }

    /// The store, for one operation; hold it no longer.
    pub fn store(&self) -> MutexGuard<'_, Store> {
        self.shared.store()
    }

    /// The journal of edits kept while the team database is away.
    pub fn journal(&self) -> Option<&Journal> {
        self.journal.as_ref()
    }

    /// This window's session id (presence).
    pub fn session(&self) -> &str {
        &self.session
    }

    /// The ids of the stories open for editing.
    pub fn open_stories(&self) -> Vec<StoryId> {
        self.shared.working().keys().copied().collect()
    }

    /// The outlet registry for the analysis: read at most every
    /// `REGISTRY_FRESH`, and the last one read while the database cannot
    /// be read (a team server away); empty when none was ever read.
    pub fn registry(&self) -> Arc<Registry> {
        let mut cached = self.registry.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((at, registry)) = cached.as_ref() {
            if at.elapsed() < REGISTRY_FRESH {
                return registry.clone();
            }
        }
        match self.store().registry() {
            Ok(registry) => {
                let registry = Arc::new(registry);
                *cached = Some((Instant::now(), registry.clone()));
                registry
            }
            Err(e) => {
                tracing::warn!(
                    "the outlet registry could not be read; the analysis uses the last one read: {e}"
                );
                cached.as_ref().map(|(_, r)| r.clone()).unwrap_or_default()
            }
        }
    }

    /// The registry changed here: the next analysis reads it again.
    pub fn registry_changed(&self) {
        *self.registry.lock().unwrap_or_else(|p| p.into_inner()) = None;
    }

    /// What a writer does once the window shows (see
    /// [`Store::housekeeping`]); failures are logged.
    pub fn housekeeping(&self) {
        self.store().housekeeping();
    }

    /// What the app does once its window has drawn the list, on a thread of
    /// its own: starts the file's integrity check, waits for it without
    /// holding the store (the window reads on meanwhile), takes today's
    /// backup when the file is sound (on a reading connection of its own,
    /// at the least CPU priority), then the housekeeping. Failures are
    /// logged; a damaged file is refused at its first write.
    pub fn settle(&self) {
        self.store().start_integrity_check();
        while self.store().integrity_pending() {
            std::thread::sleep(SETTLE_POLL);
        }
        let file = {
            let mut store = self.store();
            let sound = store.integrity_sound().is_ok();
            (sound && store.server().is_none()).then(|| store.path().to_path_buf())
        };
        if let Some(file) = file {
            std::thread::spawn(move || {
                crate::store::engine::open::yield_to_the_window();
                crate::store::log_daily_backup(Store::open_read(&file).and_then(|s| s.daily_backup()));
            });
        }
        self.housekeeping();
    }
}

/// How often [`Desk::settle`] looks whether the integrity check is done.
const SETTLE_POLL: std::time::Duration = std::time::Duration::from_millis(200);
