//! The `citations` table: which sources each fact cites, in citation order.

use super::sources::id;
use crate::model::{Fact, FactId, SourceId, StoryId};
use rusqlite::{params, Connection};
use std::collections::HashMap;

pub fn insert_all(conn: &Connection, story: StoryId, facts: &[Fact]) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO citations (story_id, fact_id, position, source_id) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for f in facts {
        for (pos, source) in f.citations.iter().enumerate() {
            stmt.execute(params![story, f.id.to_string(), pos as i64, source.to_string()])?;
        }
    }
    Ok(())
}

/// Each fact's cited sources, in order.
pub fn list(conn: &Connection, story: StoryId) -> rusqlite::Result<HashMap<FactId, Vec<SourceId>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT fact_id, source_id FROM citations WHERE story_id = ?1 ORDER BY fact_id, position",
    )?;
    let mut out: HashMap<FactId, Vec<SourceId>> = HashMap::new();
    let mut rows = stmt.query([story])?;
    while let Some(r) = rows.next()? {
        let fact = id(&r.get::<_, String>(0)?, FactId)?;
        let source = id(&r.get::<_, String>(1)?, SourceId)?;
        out.entry(fact).or_default().push(source);
    }
    Ok(out)
}
