//! The `stories` table: one row per story with its scalar fields and version.

use super::{bad_value, parse_ts, ts, StoryListing, Unreadable};
use crate::model::{Status, Story, StoryId, StorySummary};
use rusqlite::{params, Connection, OptionalExtension, Row};

fn status(row: &Row, i: usize) -> rusqlite::Result<Status> {
    let s: String = row.get(i)?;
    Status::parse(&s).ok_or_else(|| bad_value("status", &s))
}

pub fn insert(conn: &Connection, s: &Story) -> rusqlite::Result<StoryId> {
    conn.execute(
        "INSERT INTO stories (headline, summary, image_credit, status, version, created_at, updated_at, published_at, uid)
         VALUES (?1, ?2, ?3, ?4, 1, ?5, ?6, ?7, ?8)",
        params![
            s.headline,
            s.summary,
            s.image_credit,
            s.status.as_str(),
            ts(&s.created_at),
            ts(&s.updated_at),
            s.published_at.as_ref().map(ts),
            s.uid.to_string()
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn update(conn: &Connection, id: StoryId, version: i64, s: &Story) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE stories SET headline = ?2, summary = ?3, image_credit = ?4, status = ?5, version = ?6,
                updated_at = ?7, published_at = ?8
         WHERE id = ?1",
        params![
            id,
            s.headline,
            s.summary,
            s.image_credit,
            s.status.as_str(),
            version,
            ts(&s.updated_at),
            s.published_at.as_ref().map(ts)
        ],
    )?;
    Ok(())
}

/// The story's version and scalar fields (children empty).
pub fn get(conn: &Connection, id: StoryId) -> rusqlite::Result<Option<(i64, Story)>> {
    conn.query_row(
        "SELECT version, headline, summary, image_credit, status, created_at, updated_at, published_at, uid
         FROM stories WHERE id = ?1",
        [id],
        |r| {
            let published: Option<String> = r.get(7)?;
            Ok((
                r.get(0)?,
                Story {
                    uid: super::sources::id(&r.get::<_, String>(8)?, |u| u)?,
                    headline: r.get(1)?,
                    summary: r.get(2)?,
                    image_credit: r.get(3)?,
                    status: status(r, 4)?,
                    created_at: parse_ts(&r.get::<_, String>(5)?)?,
                    updated_at: parse_ts(&r.get::<_, String>(6)?)?,
                    published_at: published.as_deref().map(parse_ts).transpose()?,
                    facts: Vec::new(),
                    sources: Vec::new(),
                    narratives: Vec::new(),
                    predictions: Vec::new(),
                },
            ))
        },
    )
    .optional()
}

pub fn version(conn: &Connection, id: StoryId) -> rusqlite::Result<Option<i64>> {
    conn.query_row("SELECT version FROM stories WHERE id = ?1", [id], |r| r.get(0))
        .optional()
}

/// Every story, most recently updated first. A row that cannot be read (a
/// damaged status or timestamp) is named in `unreadable`, the rest listed;
/// an error reading further stops the list there and is named too.
pub fn list(conn: &Connection) -> rusqlite::Result<StoryListing> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, status, headline, updated_at FROM stories ORDER BY updated_at DESC, id DESC",
    )?;
    let mut rows = stmt.query([])?;
    let mut out = StoryListing::default();
    loop {
        let row = match rows.next() {
            Ok(Some(row)) => row,
            Ok(None) => break,
            Err(e) => {
                out.unreadable.push(Unreadable {
                    id: None,
                    problem: format!("the rest of the list cannot be read: {e}"),
                });
                break;
            }
        };
        let id: StoryId = row.get(0)?;
        let summary = (|| {
            Ok::<_, rusqlite::Error>(StorySummary {
                id,
                status: status(row, 1)?,
                headline: row.get(2)?,
                updated_at: parse_ts(&row.get::<_, String>(3)?)?,
            })
        })();
        match summary {
            Ok(s) => out.stories.push(s),
            Err(e) => out.unreadable.push(Unreadable {
                id: Some(id),
                problem: super::unreadable_row(&e).unwrap_or_else(|| e.to_string()),
            }),
        }
    }
    Ok(out)
}

/// Whether a row was deleted.
pub fn delete(conn: &Connection, id: StoryId) -> rusqlite::Result<bool> {
    Ok(conn.execute("DELETE FROM stories WHERE id = ?1", [id])? > 0)
}
