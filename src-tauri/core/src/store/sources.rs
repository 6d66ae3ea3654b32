//! The `sources` table: a story's sources in the order they were added.

use super::bad_value;
use crate::model::{Source, SourceId, StoryId};
use chrono::NaiveDate;
use rusqlite::{params, Connection};
use uuid::Uuid;

pub(super) fn id<T>(s: &str, make: fn(Uuid) -> T) -> rusqlite::Result<T> {
    Uuid::parse_str(s).map(make).map_err(|_| bad_value("id", s))
}

pub fn insert_all(conn: &Connection, story: StoryId, list: &[Source]) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO sources (story_id, id, position, outlet, url, title, published_on, saved_text)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for (pos, s) in list.iter().enumerate() {
        stmt.execute(params![
            story,
            s.id.to_string(),
            pos as i64,
            s.outlet,
            s.url,
            s.title,
            s.published_on.map(|d| d.to_string()),
            s.saved_text
        ])?;
    }
    Ok(())
}

pub fn list(conn: &Connection, story: StoryId) -> rusqlite::Result<Vec<Source>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, outlet, url, title, published_on, saved_text FROM sources
         WHERE story_id = ?1 ORDER BY position",
    )?;
    let rows = stmt.query_map([story], |r| {
        let date: Option<String> = r.get(4)?;
        let published_on = date
            .map(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").map_err(|_| bad_value("date", &d)))
            .transpose()?;
        Ok(Source {
            id: id(&r.get::<_, String>(0)?, SourceId)?,
            outlet: r.get(1)?,
            url: r.get(2)?,
            title: r.get(3)?,
            published_on,
            saved_text: r.get(5)?,
        })
    })?;
    rows.collect()
}

pub fn delete_all(conn: &Connection, story: StoryId) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM sources WHERE story_id = ?1", [story])?;
    Ok(())
}
