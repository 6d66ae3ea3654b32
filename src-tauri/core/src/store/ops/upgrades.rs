//! The work schema migrations do in Rust, over stored stories: the engine
//! runs a migration's SQL, then the step named here for its number, in the
//! same transaction (see [`crate::store::engine::migrations`]).
//!
//! Contract: a step runs once, on the latest schema, only for a migration
//! this build shipped; it may use every table module (which know only the
//! latest schema) and reports progress on long work.

use crate::error::Result;
use crate::model::StoryId;
use crate::store::engine::db::{args, Db};
use crate::store::engine::migrations::{progress, DataStep};
use crate::store::ops::{reading, workflow};
use crate::store::tables::{coverage_index, search_index};

/// The data steps of the shipped migrations, by migration number.
pub const DATA_STEPS: &[(usize, DataStep)] = &[
    (4, workflow::freeze_published),
    (5, build_index),
    (10, coverage_index::fill),
];

/// Migration 5's work: indexes every story for search, saying how far it got.
fn build_index(db: &Db) -> Result<()> {
    let ids: Vec<StoryId> = db.rows("SELECT id FROM stories ORDER BY id", args![], |r| r.get(0))?;
    let total = ids.len();
    for (i, id) in ids.into_iter().enumerate() {
        let story = reading::load(db, id)?.story;
        search_index::index(db, id, &story)?;
        if (i + 1) % 1000 == 0 || i + 1 == total {
            progress("indexing stories for search", i + 1, total);
        }
    }
    Ok(())
}
