//! The `transitions` table: every workflow transition, who made it, when,
//! and why.

use crate::error::Result;
use crate::model::StoryId;
use crate::store::engine::db::{args, Db};
use crate::store::tables::parse_ts;
use crate::store::tables::ts;
use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

/// One transition on record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TransitionInfo {
    pub edition: u32,
    pub at: DateTime<Utc>,
    pub editor: String,
    pub from: String,
    pub to: String,
    pub note: String,
}

pub fn insert(db: &Db, story: StoryId, t: &TransitionInfo) -> Result<()> {
    db.execute(
        "INSERT INTO transitions (story_id, seq, edition, at, editor, from_state, to_state, note)
         VALUES (?1, (SELECT coalesce(max(seq), 0) + 1 FROM transitions WHERE story_id = ?1), ?2, ?3, ?4, ?5, ?6, ?7)",
        args![story, t.edition, ts(&t.at), &t.editor, &t.from, &t.to, &t.note],
    )?;
    Ok(())
}

/// Every transition of the story, newest first.
pub fn list(db: &Db, story: StoryId) -> Result<Vec<TransitionInfo>> {
    db.rows(
        "SELECT edition, at, editor, from_state, to_state, note FROM transitions WHERE story_id = ?1 ORDER BY seq DESC",
        args![story],
        |r| {
            Ok(TransitionInfo {
                edition: r.get(0)?,
                at: parse_ts(&r.get::<String>(1)?)?,
                editor: r.get(2)?,
                from: r.get(3)?,
                to: r.get(4)?,
                note: r.get(5)?,
            })
        },
    )
}
