//! The `sources` table: a story's sources in the order they were added.

use crate::error::Result;
use crate::model::{Source, SourceId, StoryId};
use crate::store::engine::db::{args, Db};
use crate::store::tables::{bad_value, parse_ts, ts};
use chrono::NaiveDate;
use uuid::Uuid;

pub(in crate::store) fn id<T>(s: &str, make: fn(Uuid) -> T) -> Result<T> {
    Uuid::parse_str(s).map(make).map_err(|_| bad_value("id", s))
}

pub fn insert_all(db: &Db, story: StoryId, list: &[Source]) -> Result<()> {
    insert_at(db, story, &list.iter().enumerate().collect::<Vec<_>>())
}

/// Inserts `rows`, each a part with its position.
pub fn insert_at(db: &Db, story: StoryId, rows: &[(usize, &Source)]) -> Result<()> {
    let rows = rows
        .iter()
        .map(|&(pos, s)| {
            args![
                story,
                s.id.to_string(),
                pos,
                &s.outlet,
                &s.url,
                &s.title,
                s.published_on.map(|d| d.to_string()),
                &s.saved_text,
                s.captured_at.as_ref().map(ts)
            ]
            .to_vec()
        })
        .collect();
    db.insert_rows(
        "sources",
        "story_id, id, position, outlet, url, title, published_on, saved_text, captured_at",
        rows,
    )
}

pub fn list(db: &Db, story: StoryId) -> Result<Vec<Source>> {
    db.rows(
        "SELECT id, outlet, url, title, published_on, saved_text, captured_at FROM sources
         WHERE story_id = ?1 ORDER BY position",
        args![story],
        |r| {
            let date: Option<String> = r.get(4)?;
            let published_on = date
                .map(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").map_err(|_| bad_value("date", &d)))
                .transpose()?;
            Ok(Source {
                id: id(&r.get::<String>(0)?, SourceId)?,
                outlet: r.get(1)?,
                url: r.get(2)?,
                title: r.get(3)?,
                published_on,
                saved_text: r.get(5)?,
                captured_at: r.get::<Option<String>>(6)?.as_deref().map(parse_ts).transpose()?,
            })
        },
    )
}
