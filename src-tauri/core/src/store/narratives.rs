//! The `narratives` table: a story's narratives in order.

use super::{bad_value, sources::id};
use crate::model::{Narrative, NarrativeId, Stance, StoryId};
use rusqlite::{params, Connection};

pub fn insert_all(conn: &Connection, story: StoryId, list: &[Narrative]) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO narratives (story_id, id, position, stance, outlet, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (pos, n) in list.iter().enumerate() {
        stmt.execute(params![
            story,
            n.id.to_string(),
            pos as i64,
            n.stance.as_str(),
            n.outlet,
            n.text
        ])?;
    }
    Ok(())
}

pub fn list(conn: &Connection, story: StoryId) -> rusqlite::Result<Vec<Narrative>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, stance, outlet, text FROM narratives WHERE story_id = ?1 ORDER BY position",
    )?;
    let rows = stmt.query_map([story], |r| {
        let stance: String = r.get(1)?;
        Ok(Narrative {
            id: id(&r.get::<_, String>(0)?, NarrativeId)?,
            stance: Stance::parse(&stance).ok_or_else(|| bad_value("stance", &stance))?,
            outlet: r.get(2)?,
            text: r.get(3)?,
        })
    })?;
    rows.collect()
}

pub fn delete_all(conn: &Connection, story: StoryId) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM narratives WHERE story_id = ?1", [story])?;
    Ok(())
}
