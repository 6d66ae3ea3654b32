//! The `sources` table: a story's sources in the order they were added.

use crate::error::Result;
use crate::model::{Source, SourceId, StoryId};
use crate::store::engine::db::{args, Arg, Db};
use crate::store::tables::{bad_value, parse_ts, ts};
use crate::store::tables::{positioned, Span};
use chrono::NaiveDate;
use uuid::Uuid;

pub(in crate::store) fn id<T>(s: &str, make: fn(Uuid) -> T) -> Result<T> {
    Uuid::parse_str(s).map(make).map_err(|_| bad_value("id", s))
}

/// Inserts the whole lists of new stories, one statement for all of them.
pub fn insert_all(db: &Db, stories: &[(StoryId, &[Source])]) -> Result<()> {
    db.insert_rows("sources", COLUMNS, positioned(stories, row))
}

/// Inserts `rows`, each a part with its position.
pub fn insert_at(db: &Db, story: StoryId, rows: &[(usize, &Source)]) -> Result<()> {
    let rows = rows.iter().map(|&(pos, s)| row(story, pos, s)).collect();
    db.insert_rows("sources", COLUMNS, rows)
}

/// The table's columns as [`row`] gives their values.
const COLUMNS: &str = "story_id, id, position, outlet, url, title, published_on, saved_text, captured_at";

/// Source `s` of story `story`, at `pos`, as a row of [`COLUMNS`].
fn row(story: StoryId, pos: usize, s: &Source) -> Vec<Arg<'_>> {
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
}

/// The sources of every story of `span`, by story and
/// position.
pub fn list_span(db: &Db, span: Span) -> Result<Vec<(StoryId, Source)>> {
    let (cond, args) = span.condition("story_id");
    db.rows(
        &format!(
            "SELECT story_id, id, outlet, url, title, published_on, saved_text, captured_at FROM sources
         WHERE {cond} ORDER BY story_id, position"
        ),
        &args,
        |r| {
            let date: Option<String> = r.get(5)?;
            let published_on = date
                .map(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").map_err(|_| bad_value("date", &d)))
                .transpose()?;
            let source = Source {
                id: id(&r.get::<String>(1)?, SourceId)?,
                outlet: r.get(2)?,
                url: r.get(3)?,
                title: r.get(4)?,
                published_on,
                saved_text: r.get(6)?,
                captured_at: r.get::<Option<String>>(7)?.as_deref().map(parse_ts).transpose()?,
            };
            Ok((r.get(0)?, source))
        },
    )
}
