//! The `narratives` table: a story's narratives in order.

use crate::error::Result;
use crate::model::{Narrative, NarrativeId, Stance, StoryId};
use crate::store::engine::db::{args, Db};
use crate::store::tables::bad_value;
use crate::store::tables::sources::id;
use crate::store::tables::Span;

pub fn insert_all(db: &Db, story: StoryId, list: &[Narrative]) -> Result<()> {
    insert_at(db, story, &list.iter().enumerate().collect::<Vec<_>>())
}

/// Inserts `rows`, each a part with its position.
pub fn insert_at(db: &Db, story: StoryId, rows: &[(usize, &Narrative)]) -> Result<()> {
    let rows = rows
        .iter()
        .map(|&(pos, n)| {
            args![
                story,
                n.id.to_string(),
                pos,
                n.stance.as_str(),
                &n.outlet,
                &n.text
            ]
            .to_vec()
        })
        .collect();
    db.insert_rows("narratives", "story_id, id, position, stance, outlet, text", rows)
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
