//! The stories open for editing: opened, edited a field at a time, saved,
//! and their search text indexed once typing pauses.
//!
//! Contract: an edit changes the core's copy and answers the analysis as an
//! update to the one the window holds; a save stores only the fields typed
//! into since the last one when that is all that changed; a save the team
//! server cannot take is kept in the journal and said to be so (`offline`).
//! Typing saves leave the search index behind; it catches up
//! [`INDEX_AFTER`] after the last one, on the desk's own thread.

use super::{Desk, Shared};
use crate::error::{Error, ErrorCode, Result};
use crate::fields::part_of;
use crate::model::{Part, SaveKind, Saved, StoredStory, Story, StoryId};
use crate::store::Store;
use crate::working::{AnalysisUpdate, FieldEdit, Opened, Working};
use std::collections::hash_map::Entry;
use std::collections::BTreeSet;
use std::sync::{Arc, Condvar, Mutex, Weak};
use std::time::{Duration, Instant};

/// How long typing must pause before the search text is indexed.
pub const INDEX_AFTER: Duration = Duration::from_secs(2);

fn not_open(id: StoryId) -> Error {
    Error::Refused {
        code: ErrorCode::NotFound,
        message: format!("story {id} is not open for editing here; open it again"),
    }
}

impl Desk {
    /// Loads story `id` for editing, with its analysis.
    pub fn open_story(&self, id: StoryId) -> Result<Opened> {
        let stored = self.store().load_for_editing(id)?;
        let registry = self.registry();
        let mut working = Working::new(stored.story.clone());
        let analysis = working.analysis(None, &registry);
        self.shared.working().insert(id, working);
        Ok(Opened { stored, analysis })
    }

    /// Replaces the story being edited (after a structural edit or an
    /// undo), opening it for editing if it was not; the analysis as an
    /// update to `rev`.
    pub fn edit_story(&self, id: StoryId, rev: Option<u32>, story: Story) -> Result<AnalysisUpdate> {
        let registry = self.registry();
        let mut open = self.shared.working();
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

    /// Changes fields of the story being edited (all or none); the analysis
    /// as an update to `rev`.
    pub fn edit_fields(&self, id: StoryId, rev: Option<u32>, edits: &[FieldEdit]) -> Result<AnalysisUpdate> {
        self.analysed(id, rev, |working| working.edit(edits))
    }

    /// The analysis again (the outlet registry changed under the story).
    pub fn edit_analysis(&self, id: StoryId, rev: Option<u32>) -> Result<AnalysisUpdate> {
        self.analysed(id, rev, |_| Ok(()))
    }

    fn analysed(
        &self,
        id: StoryId,
        rev: Option<u32>,
        change: impl FnOnce(&mut Working) -> Result<()>,
    ) -> Result<AnalysisUpdate> {
        let registry = self.registry();
        let mut open = self.shared.working();
        let working = open.get_mut(&id).ok_or_else(|| not_open(id))?;
        change(working)?;
        Ok(working.analysis(rev, &registry))
    }

    /// Saves the story being edited as an edit made from `version` (a stale
    /// version is a `conflict` naming who saved): only the fields typed into
    /// since the last save when that is all that changed. The copies' lock
    /// is held through the save, so no keystroke lands between the two.
    pub fn save_working(&self, id: StoryId, version: i64, kind: SaveKind) -> Result<Saved> {
        let saved = {
            let mut open = self.shared.working();
            let working = open.get_mut(&id).ok_or_else(|| not_open(id))?;
            let saved = self.save_copy(working, id, version, kind);
            self.journaled(id, version, working.story(), saved)?
        };
        self.pause.typed();
        Ok(saved)
    }

    fn save_copy(&self, working: &mut Working, id: StoryId, version: i64, kind: SaveKind) -> Result<Saved> {
        save_copy(&mut self.store(), working, id, version, kind)
    }

    /// What a save of `story` came to: while the team database is away, the
    /// story is kept in the journal on this computer and the error says so;
    /// once saved, the kept copy goes.
    pub(super) fn journaled<T>(
        &self,
        id: StoryId,
        version: i64,
        story: &Story,
        saved: Result<T>,
    ) -> Result<T> {
        let Some(journal) = &self.journal else {
            return saved;
        };
        match saved {
            Ok(saved) => {
                journal.forget(id)?;
                Ok(saved)
            }
            Err(e) if e.error_code() == ErrorCode::Offline => {
                journal.keep(id, version, story)?;
                Err(Error::Refused {
                    code: ErrorCode::Offline,
                    message: format!("{e}. Your edits are kept on this computer and saved when it is back."),
                })
            }
            Err(e) => Err(e),
        }
    }

    /// What a save or transition stored, taken by the story's copy being
    /// edited (if it is open), as the window is answered.
    pub(super) fn follow(&self, stored: &StoredStory) -> Saved {
        if let Some(working) = self.shared.working().get_mut(&stored.id) {
            working.stored(stored);
        }
        Saved::from(stored)
    }

    /// Forgets the story being edited (the window closed it) and indexes
    /// what its typing left pending.
    pub fn close_story(&self, id: StoryId) {
        self.shared.working().remove(&id);
        self.index_pending();
    }

    /// Indexes what typed saves left pending; a failure is logged (the next
    /// save, search or close tries again) rather than failing the caller.
    pub fn index_pending(&self) {
        index_pending(&self.shared);
    }
}

/// Stores `working` over version `version` of story `id`: only the rows of
/// the fields edited since it was opened or last saved when that is all
/// that changed, else the whole story. The copy then holds what the store
/// set and counts edits afresh; on an error it keeps every edit for the
/// next try.
pub fn save_copy(
    store: &mut Store,
    working: &mut Working,
    id: StoryId,
    version: i64,
    kind: SaveKind,
) -> Result<Saved> {
    let saved = match working.unsaved_fields() {
        Some(keys) => {
            let parts = keys
                .iter()
                .map(|k| part_of(k))
                .collect::<Result<BTreeSet<Part>>>()?;
            store.save_edits(id, version, working.story(), &parts, kind)?
        }
        None => Saved::from(&store.save_story_as(id, version, working.story(), kind)?),
    };
    working.saved(&saved);
    Ok(saved)
}

fn index_pending(shared: &Shared) {
    if let Err(e) = shared.store().index_pending() {
        tracing::warn!("the search text of saved stories could not be indexed yet: {e}");
    }
}

/// When the last typing save was made, and the thread's alarm.
type Clock = (Mutex<Option<Instant>>, Condvar);

/// The indexing thread's clock: the moment the last typing save was made.
pub(super) struct Pause {
    last: Arc<Clock>,
}

impl Pause {
    /// Starts the thread that indexes once typing pauses; it ends with the
    /// desk (it holds only a weak reference to what it indexes).
    pub(super) fn start(shared: &Arc<Shared>) -> Pause {
        let last: Arc<Clock> = Arc::new((Mutex::new(None), Condvar::new()));
        let (clock, weak) = (last.clone(), Arc::downgrade(shared));
        std::thread::spawn(move || waiter(&clock, &weak));
        Pause { last }
    }

    /// A typing save was made now.
    fn typed(&self) {
        let (lock, wake) = &*self.last;
        *lock.lock().unwrap_or_else(|p| p.into_inner()) = Some(Instant::now());
        wake.notify_one();
    }
}

impl Drop for Pause {
    fn drop(&mut self) {
        // Wakes the thread, which finds the desk gone and ends.
        self.last.1.notify_one();
    }
}

/// Waits for a pause of [`INDEX_AFTER`] after the last typing save, then
/// indexes; ends when the desk is gone.
fn waiter(clock: &Clock, desk: &Weak<Shared>) {
    let (lock, wake) = clock;
    let mut last = lock.lock().unwrap_or_else(|p| p.into_inner());
    loop {
        if desk.strong_count() == 0 {
            return;
        }
        match *last {
            None => {
                last = wake
                    .wait_timeout(last, Duration::from_secs(5))
                    .unwrap_or_else(|p| p.into_inner())
                    .0;
            }
            Some(at) if at.elapsed() < INDEX_AFTER => {
                let left = INDEX_AFTER - at.elapsed();
                last = wake.wait_timeout(last, left).unwrap_or_else(|p| p.into_inner()).0;
            }
            Some(_) => {
                *last = None;
                drop(last);
                if let Some(shared) = desk.upgrade() {
                    index_pending(&shared);
                }
                last = lock.lock().unwrap_or_else(|p| p.into_inner());
            }
        }
    }
}
