//! The `facts` table: a story's facts in order (citations live in `citations`).

use crate::error::Result;
use crate::model::{Fact, FactId, StoryId};
use crate::store::engine::db::{args, Arg, Db};
use crate::store::tables::sources::id;
use crate::store::tables::{positioned, Span};

/// Inserts the whole lists of new stories, one statement for all of them.
pub fn insert_all(db: &Db, stories: &[(StoryId, &[Fact])]) -> Result<()> {
    db.insert_rows("facts", COLUMNS, positioned(stories, row))
}

/// Inserts `rows`, each a part with its position.
pub fn insert_at(db: &Db, story: StoryId, rows: &[(usize, &Fact)]) -> Result<()> {
    let rows = rows.iter().map(|&(pos, f)| row(story, pos, f)).collect();
    db.insert_rows("facts", COLUMNS, rows)
}

/// The table's columns as [`row`] gives their values.
const COLUMNS: &str = "story_id, id, position, text";

/// Fact `f` of story `story`, at `pos`, as a row of [`COLUMNS`].
fn row(story: StoryId, pos: usize, f: &Fact) -> Vec<Arg<'_>> {
    args![story, f.id.to_string(), pos, &f.text].to_vec()
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

/// The facts of every story of `span`, by story and
/// position, without their citations.
pub fn list_span(db: &Db, span: Span) -> Result<Vec<(StoryId, Fact)>> {
    let (cond, args) = span.condition("story_id");
    db.rows(
        &format!("SELECT story_id, id, text FROM facts WHERE {cond} ORDER BY story_id, position"),
        &args,
        |r| {
            let fact = Fact {
                id: id(&r.get::<String>(1)?, FactId)?,
                text: r.get(2)?,
                citations: Vec::new(),
            };
            Ok((r.get(0)?, fact))
        },
    )
}
