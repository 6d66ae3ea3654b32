//! The `narratives` table: a story's narratives in order.

use crate::error::Result;
use crate::model::{Narrative, NarrativeId, Stance, StoryId};
use crate::store::engine::db::{args, Arg, Db};
use crate::store::tables::bad_value;
use crate::store::tables::sources::id;
use crate::store::tables::{positioned, Span};

/// Inserts the whole lists of new stories, one statement for all of them.
pub fn insert_all(db: &Db, stories: &[(StoryId, &[Narrative])]) -> Result<()> {
    db.insert_rows("narratives", COLUMNS, positioned(stories, row))
}

/// Inserts `rows`, each a part with its position.
pub fn insert_at(db: &Db, story: StoryId, rows: &[(usize, &Narrative)]) -> Result<()> {
    let rows = rows.iter().map(|&(pos, n)| row(story, pos, n)).collect();
    db.insert_rows("narratives", COLUMNS, rows)
}

/// The table's columns as [`row`] gives their values.
const COLUMNS: &str = "story_id, id, position, stance, outlet, text";

/// Narrative `n` of story `story`, at `pos`, as a row of [`COLUMNS`].
fn row(story: StoryId, pos: usize, n: &Narrative) -> Vec<Arg<'_>> {
    args![
        story,
        n.id.to_string(),
        pos,
        n.stance.as_str(),
        &n.outlet,
        &n.text
    ]
    .to_vec()
}

/// The narratives of every story of `span`, by story
/// and position.
pub fn list_span(db: &Db, span: Span) -> Result<Vec<(StoryId, Narrative)>> {
    let (cond, args) = span.condition("story_id");
    db.rows(
        &format!(
            "SELECT story_id, id, stance, outlet, text FROM narratives WHERE {cond}
         ORDER BY story_id, position"
        ),
        &args,
        |r| {
            let stance: String = r.get(2)?;
            let narrative = Narrative {
                id: id(&r.get::<String>(1)?, NarrativeId)?,
                stance: Stance::parse(&stance).ok_or_else(|| bad_value("stance", &stance))?,
                outlet: r.get(3)?,
                text: r.get(4)?,
            };
            Ok((r.get(0)?, narrative))
        },
    )
}
