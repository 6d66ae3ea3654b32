//! Catching up with a team desk: where stories stand now, in the shape the
//! live listener announces changes ([`crate::store::engine::live::StoryChange`]).
//!
//! Contract: [`Store::heads`] reads only; a story in the trash, or gone,
//! comes back as deleted, so a window that missed announcements while it
//! was not listening can tell every change it missed.

use crate::error::Result;
use crate::store::engine::live::StoryChange;
use crate::store::handle::Store;

impl Store {
    /// Where stories `ids` stand now, as the listener announces changes: a
    /// window that was not listening (it had just opened, or the server was
    /// away) compares these with what it shows, so it misses no save made
    /// meanwhile. A story in the trash, or gone, comes back as deleted.
    pub fn heads(&self, ids: &[crate::model::StoryId]) -> Result<Vec<StoryChange>> {
        self.read(|db| crate::store::tables::stories::heads(db, ids))
    }
}
