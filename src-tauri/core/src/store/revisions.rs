//! The `story_revisions` table: the state before each save, as factdesk/1 JSON.

use super::{parse_ts, ts};
use crate::error::{Error, Result};
use crate::model::{StoredStory, StoryId};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};

/// One kept earlier state of a story.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    /// The version the story had in this state.
    pub version: i64,
    /// When the save that replaced this state happened.
    pub saved_at: DateTime<Utc>,
    pub story: crate::model::Story,
}

pub fn insert(conn: &Connection, before: &StoredStory, saved_at: &DateTime<Utc>) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO story_revisions (story_id, version, saved_at, document) VALUES (?1, ?2, ?3, ?4)",
        params![
            before.id,
            before.version,
            ts(saved_at),
            crate::native::export(&before.story)
        ],
    )?;
    Ok(())
}

pub fn list(conn: &Connection, story: StoryId) -> Result<Vec<Revision>> {
    let mut stmt = conn.prepare_cached(
        "SELECT version, saved_at, document FROM story_revisions WHERE story_id = ?1 ORDER BY version DESC",
    )?;
    let rows = stmt.query_map([story], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            parse_ts(&r.get::<_, String>(1)?)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (version, saved_at, doc) = row?;
        let story = crate::native::import(&doc)
            .map_err(|e| Error::Corrupt(format!("revision {version} of story {story}: {e}")))?;
        out.push(Revision {
            version,
            saved_at,
            story,
        });
    }
    Ok(out)
}
