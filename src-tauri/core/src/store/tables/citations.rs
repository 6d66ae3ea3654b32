//! The `citations` table: which sources each fact cites, in citation order.

use crate::error::Result;
use crate::model::{Fact, FactId, SourceId, StoryId};
use crate::store::engine::db::{args, Arg, Db};
use crate::store::tables::sources::id;
use crate::store::tables::Span;
use std::collections::HashMap;

/// Inserts the citations of every fact of new stories, one statement for
/// all of them.
pub fn insert_all(db: &Db, stories: &[(StoryId, &[Fact])]) -> Result<()> {
    let rows = stories
        .iter()
        .flat_map(|&(story, facts)| facts.iter().flat_map(move |f| rows(story, f)))
        .collect();
    db.insert_rows("citations", COLUMNS, rows)
}

/// Inserts the citations of `facts` (whose citation rows are not there).
pub fn insert_for(db: &Db, story: StoryId, facts: &[&Fact]) -> Result<()> {
    let rows = facts.iter().flat_map(|f| rows(story, f)).collect();
    db.insert_rows("citations", COLUMNS, rows)
}

/// The table's columns as [`rows`] gives their values.
const COLUMNS: &str = "story_id, fact_id, position, source_id";

/// The citations of fact `f` of story `story`, as rows of [`COLUMNS`].
fn rows(story: StoryId, f: &Fact) -> impl Iterator<Item = Vec<Arg<'static>>> + '_ {
    f.citations
        .iter()
        .enumerate()
        .map(move |(pos, source)| args![story, f.id.to_string(), pos, source.to_string()].to_vec())
}

/// Deletes the citation rows of the facts with these ids.
pub fn delete_for(db: &Db, story: StoryId, facts: &[String]) -> Result<()> {
    crate::store::engine::db::delete_ids(db, "citations", "fact_id", story, facts)
}

/// The citations of every story of `span`: by story,
/// each fact's sources in order.
pub fn list_span(db: &Db, span: Span) -> Result<HashMap<StoryId, HashMap<FactId, Vec<SourceId>>>> {
    let (cond, args) = span.condition("story_id");
    let mut out: HashMap<StoryId, HashMap<FactId, Vec<SourceId>>> = HashMap::new();
    db.each(
        &format!(
            "SELECT story_id, fact_id, source_id FROM citations WHERE {cond}
         ORDER BY story_id, fact_id, position"
        ),
        &args,
        |r| {
            let fact = id(&r.get::<String>(1)?, FactId)?;
            let source = id(&r.get::<String>(2)?, SourceId)?;
            out.entry(r.get(0)?)
                .or_default()
                .entry(fact)
                .or_default()
                .push(source);
            Ok(())
        },
    )?;
    Ok(out)
}
