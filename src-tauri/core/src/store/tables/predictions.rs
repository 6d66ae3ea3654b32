//! The `predictions` table: a story's predictions in order.

use crate::error::Result;
use crate::model::{Prediction, PredictionId, StoryId};
use crate::store::engine::db::{args, Db};
use crate::store::tables::sources::id;

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

pub fn list(db: &Db, story: StoryId) -> Result<Vec<Prediction>> {
    db.rows(
        "SELECT id, statement, probability, forecaster FROM predictions WHERE story_id = ?1 ORDER BY position",
        args![story],
        |r| {
            Ok(Prediction {
                id: id(&r.get::<String>(0)?, PredictionId)?,
                statement: r.get(1)?,
                probability: r.get(2)?,
                forecaster: r.get(3)?,
            })
        },
    )
}
