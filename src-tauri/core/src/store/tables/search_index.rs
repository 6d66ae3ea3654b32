//! The `story_search` table: a story's row of search text written and
//! removed.
//!
//! Contract: [`index`] replaces a story's row with its current text and
//! [`unindex`] removes it, inside the caller's transaction, so the index is
//! in step with the stories, except for the stories an editor's typing
//! saves marked pending ([`crate::store::tables::search_pending`]; the window indexes them
//! when typing pauses and before it searches). The queries over it are
//! `store::ops::search`'s. On SQLite the row is FTS5's (keyed by rowid), on
//! PostgreSQL a row with a `tsvector` column (keyed by `story_id`) that the
//! server makes from the text (`factdesk_search_doc`, schema 17).

use crate::error::Result;
use crate::model::StoryId;
use crate::search;
use crate::store::engine::db::{args, Db, Dialect};

/// Writes story `id`'s current text to the index.
pub fn index(db: &Db, id: StoryId, story: &crate::model::Story) -> Result<()> {
    index_document(db, id, &search::document(story))
}

/// Writes story `id`'s [`search::document`], already made, to the index.
pub fn index_document(db: &Db, id: StoryId, doc: &search::Document) -> Result<()> {
    let key = key_column(db);
    db.execute(&format!("DELETE FROM story_search WHERE {key} = ?1"), args![id])?;
    db.execute(
        &format!(
            "INSERT INTO story_search ({key}, headline, summary, facts, narratives, predictions, sources, articles)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
        ),
        args![id, &doc[0], &doc[1], &doc[2], &doc[3], &doc[4], &doc[5], &doc[6]],
    )?;
    Ok(())
}

/// Writes many stories' documents to an index that holds none of them yet
/// (a desk being copied), in multi-row statements.
pub fn index_new(db: &Db, docs: Vec<(StoryId, search::Document)>) -> Result<()> {
    let rows = docs
        .into_iter()
        .map(|(id, doc)| {
            let mut row = vec![crate::store::engine::db::Arg::from(id)];
            row.extend(doc.into_iter().map(crate::store::engine::db::Arg::from));
            row
        })
        .collect();
    db.insert_rows(
        "story_search",
        &format!(
            "{}, headline, summary, facts, narratives, predictions, sources, articles",
            key_column(db)
        ),
        rows,
    )
}

/// Empties the index. FTS5 empties a contentless table by its own command.
pub fn clear(db: &Db) -> Result<()> {
    match db.dialect() {
        Dialect::Sqlite => db.execute(
            "INSERT INTO story_search (story_search) VALUES ('delete-all')",
            args![],
        )?,
        Dialect::Postgres => db.execute("DELETE FROM story_search", args![])?,
    };
    Ok(())
}

pub fn unindex(db: &Db, id: StoryId) -> Result<()> {
    db.execute(
        &format!("DELETE FROM story_search WHERE {} = ?1", key_column(db)),
        args![id],
    )?;
    Ok(())
}

/// The index's column holding the story id.
fn key_column(db: &Db) -> &'static str {
    match db.dialect() {
        Dialect::Sqlite => "rowid",
        Dialect::Postgres => "story_id",
    }
}
