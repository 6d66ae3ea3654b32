//! The `facts` table: a story's facts in order (citations live in `citations`).

use super::db::{args, Db};
use super::sources::id;
use crate::error::Result;
use crate::model::{Fact, FactId, StoryId};

pub fn insert_all(db: &Db, story: StoryId, list: &[Fact]) -> Result<()> {
    let rows = list
        .iter()
        .enumerate()
        .map(|(pos, f)| args![story, f.id.to_string(), pos, &f.text].to_vec())
        .collect();
    db.insert_rows("facts", "story_id, id, position, text", rows)
}

/// The facts in order, with empty citation lists.
pub fn list(db: &Db, story: StoryId) -> Result<Vec<Fact>> {
    db.rows(
        "SELECT id, text FROM facts WHERE story_id = ?1 ORDER BY position",
        args![story],
        |r| {
            Ok(Fact {
                id: id(&r.get::<String>(0)?, FactId)?,
                text: r.get(1)?,
                citations: Vec::new(),
            })
        },
    )
}

pub fn delete_all(db: &Db, story: StoryId) -> Result<()> {
    db.execute("DELETE FROM facts WHERE story_id = ?1", args![story])?;
    Ok(())
}
