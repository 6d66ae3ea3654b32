//! The `search_pending` table: stories whose search index row lags their
//! saved text.
//!
//! Contract: an editor's typing save (`Store::save_edits`) calls
//! [`mark`] in its own transaction instead of re-indexing the whole story;
//! every write that does re-index a story calls [`clear`] in that
//! transaction, so a row here always means "the index holds older text".
//! `Store::index_pending` (with the typed saves, in
//! `store::ops::edits`) re-indexes the marked stories, one transaction each;
//! opening a database for writing does it first (except the app's file,
//! whose integrity check runs later: the app asks once it has started), so
//! text a window saved and never indexed (it was stopped before typing
//! paused) is found again. Deleting a story deletes its row
//! (foreign key).

use crate::error::Result;
use crate::model::StoryId;
use crate::store::engine::db::{args, Db};

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

/// Forgets every mark (the whole index was just written from the stories).
pub fn clear_all(db: &Db) -> Result<()> {
    db.execute("DELETE FROM search_pending", args![])?;
    Ok(())
}

/// Up to `limit` marked stories, lowest id first.
pub fn some(db: &Db, limit: usize) -> Result<Vec<StoryId>> {
    db.rows(
        "SELECT story_id FROM search_pending ORDER BY story_id LIMIT ?1",
        args![limit as i64],
        |r| r.get(0),
    )
}
