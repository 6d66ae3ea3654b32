//! The `predictions` table: a story's predictions in order.

use super::sources::id;
use crate::model::{Prediction, PredictionId, StoryId};
use rusqlite::{params, Connection};

pub fn insert_all(conn: &Connection, story: StoryId, list: &[Prediction]) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO predictions (story_id, id, position, statement, probability, forecaster)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (pos, p) in list.iter().enumerate() {
        stmt.execute(params![
            story,
            p.id.to_string(),
            pos as i64,
            p.statement,
            p.probability,
            p.forecaster
        ])?;
    }
    Ok(())
}

pub fn list(conn: &Connection, story: StoryId) -> rusqlite::Result<Vec<Prediction>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, statement, probability, forecaster FROM predictions WHERE story_id = ?1 ORDER BY position",
    )?;
    let rows = stmt.query_map([story], |r| {
        Ok(Prediction {
            id: id(&r.get::<_, String>(0)?, PredictionId)?,
            statement: r.get(1)?,
            probability: r.get(2)?,
            forecaster: r.get(3)?,
        })
    })?;
    rows.collect()
}

pub fn delete_all(conn: &Connection, story: StoryId) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM predictions WHERE story_id = ?1", [story])?;
    Ok(())
}
