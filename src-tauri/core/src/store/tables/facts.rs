//! The `facts` table: a story's facts in order (citations live in `citations`).

use crate::error::Result;
use crate::model::{Fact, FactId, StoryId};
use crate::store::engine::db::{args, Db};
use crate::store::tables::sources::id;

pub fn insert_all(db: &Db, story: StoryId, list: &[Fact]) -> Result<()> {
    insert_at(db, story, &list.iter().enumerate().collect::<Vec<_>>())
}

/// Inserts `rows`, each a part with its position.
pub fn insert_at(db: &Db, story: StoryId, rows: &[(usize, &Fact)]) -> Result<()> {
    let rows = rows
        .iter()
        .map(|&(pos, f)| args![story, f.id.to_string(), pos, &f.text].to_vec())
        .collect();
    db.insert_rows("facts", "story_id, id, position, text", rows)
}

/// Rewrites the place and text of a fact that is already stored (its
/// citation rows stay).
pub fn update(db: &Db, story: StoryId, pos: usize, fact: &Fact) -> Result<()> {
    db.execute(
        "UPDATE facts SET position = ?3, text = ?4 WHERE story_id = ?1 AND id = ?2",
        args![story, fact.id.to_string(), pos, &fact.text],
    )?;
    Ok(())
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
