//! The `search_pending` table: stories whose search index row lags their
//! saved text.
//!
//! Contract: an editor's typing save ([`super::Store::save_edits`]) calls
//! [`mark`] in its own transaction instead of re-indexing the whole story;
//! every write that does re-index a story calls [`clear`] in that
//! transaction, so a row here always means "the index holds older text".
//! [`super::Store::index_pending`] re-indexes the marked stories, one
//! transaction each; opening a database for writing does it first (except
//! the app's file, whose integrity check runs later: the app asks once it
//! has started), so text a window saved and never indexed (it was stopped
//! before typing paused) is found again. Deleting a story deletes its row
//! (foreign key).

use super::db::{args, Db};
use super::Store;
use crate::error::Result;
use crate::model::StoryId;

/// Notes that story `id`'s index row no longer holds its text.
pub fn mark(db: &Db, id: StoryId) -> Result<()> {
    db.execute(
        "INSERT INTO search_pending (story_id) VALUES (?1) ON CONFLICT DO NOTHING",
        args![id],
    )?;
    Ok(())
}

/// Forgets the mark on story `id`; whether it had one.
pub fn clear(db: &Db, id: StoryId) -> Result<bool> {
    Ok(db.execute("DELETE FROM search_pending WHERE story_id = ?1", args![id])? > 0)
}

/// Up to `limit` marked stories, lowest id first.
pub fn some(db: &Db, limit: usize) -> Result<Vec<StoryId>> {
    db.rows(
        "SELECT story_id FROM search_pending ORDER BY story_id LIMIT ?1",
        args![limit as i64],
        |r| r.get(0),
    )
}

impl Store {
    /// Re-indexes every story a typing save left pending, one write
    /// transaction each so the lock is never held for more than one story;
    /// how many it indexed. A read-only store indexes nothing (its searches
    /// read the index as the last writer left it).
    pub fn index_pending(&mut self) -> Result<usize> {
        if !self.writable {
            return Ok(0);
        }
        let mut done = 0;
        while let Some(&id) = self.read(|db| some(db, 1))?.first() {
            // The story this store saved last is most likely the one pending.
            let kept = self.last_saved.take();
            let indexed = self.write_story(id, |tx| {
                if !clear(tx, id)? {
                    return Ok(None);
                }
                let (_, stored, _) = super::content::load_head_reusing(tx, id, kept)?;
                let doc = crate::search::document(&stored.story);
                super::search::index_document(tx, id, &doc)?;
                Ok(Some((stored, Some(doc))))
            })?;
            if indexed.is_some() {
                self.last_saved = indexed;
                done += 1;
            }
        }
        if done > 0 {
            tracing::debug!(stories = done, "pending search text indexed");
        }
        Ok(done)
    }

    /// This store after [`Store::index_pending`]. A failure is logged, not
    /// raised: the text is saved either way, and the next open, pause or
    /// search indexes it.
    pub(super) fn with_pending_indexed(mut self) -> Store {
        if let Err(e) = self.index_pending() {
            tracing::warn!("the search text of stories saved while typing could not be indexed: {e}");
        }
        self
    }
}
