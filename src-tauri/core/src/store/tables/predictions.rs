//! The `predictions` table: a story's predictions in order.

use crate::error::Result;
use crate::model::{Prediction, PredictionId, StoryId};
use crate::store::engine::db::{args, Db};
use crate::store::tables::sources::id;
use crate::store::tables::Span;

pub fn insert_all(db: &Db, story: StoryId, list: &[Prediction]) -> Result<()> {
    insert_at(db, story, &list.iter().enumerate().collect::<Vec<_>>())
}

/// Inserts `rows`, each a part with its position.
pub fn insert_at(db: &Db, story: StoryId, rows: &[(usize, &Prediction)]) -> Result<()> {
    for &(pos, p) in rows {
        db.execute(
            "INSERT INTO predictions (story_id, id, position, statement, probability, forecaster)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            args![
                story,
                p.id.to_string(),
                pos,
                &p.statement,
                p.probability,
                &p.forecaster
            ],
        )?;
    }
    Ok(())
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
