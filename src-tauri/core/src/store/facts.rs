//! The `facts` table: a story's facts in order (citations live in `citations`).

use super::sources::id;
use crate::model::{Fact, FactId, StoryId};
use rusqlite::{params, Connection};

pub fn insert_all(conn: &Connection, story: StoryId, list: &[Fact]) -> rusqlite::Result<()> {
    let mut stmt =
        conn.prepare_cached("INSERT INTO facts (story_id, id, position, text) VALUES (?1, ?2, ?3, ?4)")?;
    for (pos, f) in list.iter().enumerate() {
        stmt.execute(params![story, f.id.to_string(), pos as i64, f.text])?;
    }
    Ok(())
}

/// The facts in order, with empty citation lists.
pub fn list(conn: &Connection, story: StoryId) -> rusqlite::Result<Vec<Fact>> {
    let mut stmt = conn.prepare_cached("SELECT id, text FROM facts WHERE story_id = ?1 ORDER BY position")?;
    let rows = stmt.query_map([story], |r| {
        Ok(Fact {
            id: id(&r.get::<_, String>(0)?, FactId)?,
            text: r.get(1)?,
            citations: Vec::new(),
        })
    })?;
    rows.collect()
}

pub fn delete_all(conn: &Connection, story: StoryId) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM facts WHERE story_id = ?1", [story])?;
    Ok(())
}
