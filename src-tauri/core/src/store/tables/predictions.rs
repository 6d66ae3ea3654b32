//! The `predictions` table: a story's predictions in order.

use crate::error::Result;
use crate::model::{Prediction, PredictionId, StoryId};
use crate::store::engine::db::{args, Arg, Db};
use crate::store::tables::sources::id;
use crate::store::tables::{positioned, Span};

/// Inserts the whole lists of new stories, one statement for all of them.
pub fn insert_all(db: &Db, stories: &[(StoryId, &[Prediction])]) -> Result<()> {
    db.insert_rows("predictions", COLUMNS, positioned(stories, row))
}

/// Inserts `rows`, each a part with its position.
pub fn insert_at(db: &Db, story: StoryId, rows: &[(usize, &Prediction)]) -> Result<()> {
    let rows = rows.iter().map(|&(pos, p)| row(story, pos, p)).collect();
    db.insert_rows("predictions", COLUMNS, rows)
}

/// The table's columns as [`row`] gives their values.
const COLUMNS: &str = "story_id, id, position, statement, probability, forecaster";

/// Prediction `p` of story `story`, at `pos`, as a row of [`COLUMNS`].
fn row(story: StoryId, pos: usize, p: &Prediction) -> Vec<Arg<'_>> {
    args![
        story,
        p.id.to_string(),
        pos,
        &p.statement,
        p.probability,
        &p.forecaster
    ]
    .to_vec()
}

/// The predictions of every story of `span`, by story
/// and position.
pub fn list_span(db: &Db, span: Span) -> Result<Vec<(StoryId, Prediction)>> {
    let (cond, args) = span.condition("story_id");
    db.rows(
        &format!(
            "SELECT story_id, id, statement, probability, forecaster FROM predictions
         WHERE {cond} ORDER BY story_id, position"
        ),
        &args,
        |r| {
            let prediction = Prediction {
                id: id(&r.get::<String>(1)?, PredictionId)?,
                statement: r.get(2)?,
                probability: r.get(3)?,
                forecaster: r.get(4)?,
            };
            Ok((r.get(0)?, prediction))
        },
    )
}
