//! A plain copy (into an empty desk) as two halves: [`read`] reads the
//! source in its one snapshot and hands over what to write, a table of a
//! chunk of stories at a time; [`write`] writes each part in the target's
//! one transaction, in the order read.
//!
//! Contract: the parts between them are everything a plain copy keeps — the
//! stories with their ids, their child rows, the search documents and
//! coverage rows of the stories out of the trash, then the outlet registry,
//! the feeds the target lacks, the coverage day sums and the settings — and
//! [`Step::Done`] last: a sequence that ends without it (the reader
//! failed) is not a copy, and the transaction rolls back. [`super::copy`]
//! runs the two on two threads, so the source's reading and the making of
//! the search documents overlap the target's work on the part before; on a
//! server the documents pass through [`copy_docs::make`] on a third, and
//! arrive as [`Step::Made`].

use crate::error::{Error, Result};
use crate::model::{Outlet, StoryId};
use crate::search::Document;
use crate::store::engine::db::{Arg, Db, Dialect};
use crate::store::ops::copy::{child_rows, read_row, CHILDREN, CHUNK, STORY_COLUMNS};
use crate::store::ops::{copy_docs, reading};
use crate::store::tables::{feeds, outlets, search_index, settings};

/// One part of the copy, as the reader hands it over.
pub enum Step {
    /// Rows of `table`, one value per column of `columns`.
    Rows {
        table: &'static str,
        columns: String,
        rows: Vec<Vec<Arg<'static>>>,
    },
    /// The search documents of stories just copied.
    Documents(Vec<(StoryId, Document)>),
    /// Search documents with their tsvectors made ([`copy_docs`]).
    Made(copy_docs::Made),
    /// The whole outlet registry.
    Outlets(Vec<Outlet>),
    /// Every feed (the items they brought stay behind).
    Feeds(Vec<crate::wire::Feed>),
    /// Every setting, by key.
    Settings(Vec<(String, String)>),
    /// Everything was read.
    Done,
}

/// What [`write`] wrote.
pub struct Written {
    pub stories: usize,
    pub outlets: usize,
}

/// Reads the whole desk in `src`, handing each part to `send` in order.
pub fn read(src: &Db, send: &mut dyn FnMut(Step) -> Result<()>) -> Result<()> {
    let n_story = STORY_COLUMNS.split(',').count();
    let stories: Vec<Vec<Arg<'static>>> = src.rows(
        &format!("SELECT id, {STORY_COLUMNS} FROM stories ORDER BY id"),
        &[],
        |r| read_row(r, n_story + 1),
    )?;
    for chunk in stories.chunks(CHUNK) {
        // Stories come by id: a chunk's first and last bound its rows.
        let (Arg::Int(lo), Arg::Int(hi)) = (&chunk[0][0], &chunk[chunk.len() - 1][0]) else {
            return Err(Error::Corrupt("a story's id is not a whole number".into()));
        };
        let (lo, hi) = (*lo, *hi);
        send(Step::Rows {
            table: "stories",
            columns: format!("id, {STORY_COLUMNS}"),
            rows: chunk.to_vec(),
        })?;
        for (table, columns) in CHILDREN {
            send(Step::Rows {
                table,
                columns: format!("story_id, {columns}"),
                rows: child_rows(src, table, columns, lo, hi)?,
            })?;
        }
        covered(src, [Arg::from(lo), Arg::from(hi)], send)?;
    }
    send(Step::Outlets(outlets::list(src)?))?;
    send(Step::Feeds(feeds::list(src)?))?;
    let columns = "day, kind, outlet, domain, items, citations";
    let days = src.rows(&format!("SELECT {columns} FROM coverage_days"), &[], |r| {
        read_row(r, 6)
    })?;
    send(Step::Rows {
        table: "coverage_days",
        columns: columns.into(),
        rows: days,
    })?;
    let all = src.rows("SELECT key, value FROM settings ORDER BY key", &[], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })?;
    send(Step::Settings(all))?;
    send(Step::Done)
}

/// The search documents and coverage rows of the stories in `range` out of
/// the trash: the source's, taken as they are (the day sums come whole at
/// the end).
fn covered(src: &Db, range: [Arg; 2], send: &mut dyn FnMut(Step) -> Result<()>) -> Result<()> {
    let live: Vec<StoryId> = src.rows(
        "SELECT id FROM stories WHERE id BETWEEN ?1 AND ?2 AND trashed_at IS NULL ORDER BY id",
        &range,
        |r| r.get(0),
    )?;
    send(Step::Documents(reading::search_documents(src, &live)?))?;
    for (table, columns) in [
        ("coverage_stories", "story_id, day, lacks"),
        (
            "coverage_parts",
            "story_id, kind, outlet, domain, items, citations",
        ),
    ] {
        let rows = src.rows(
            &format!("SELECT {columns} FROM {table} WHERE story_id BETWEEN ?1 AND ?2"),
            &range,
            |r| read_row(r, columns.split(',').count()),
        )?;
        send(Step::Rows {
            table,
            columns: columns.into(),
            rows,
        })?;
    }
    Ok(())
}

/// Writes every part `steps` yields into `dst`; `None` when the sequence
/// ends before [`Step::Done`] (the caller fails the transaction).
pub fn write(dst: &Db, steps: impl IntoIterator<Item = Step>) -> Result<Option<Written>> {
    let mut written = Written {
        stories: 0,
        outlets: 0,
    };
    for step in steps {
        match step {
            Step::Rows { table, columns, rows } => {
                if table == "stories" {
                    written.stories += rows.len();
                }
                dst.insert_rows(table, &columns, rows)?;
            }
            Step::Documents(docs) => search_index::index_new(dst, docs)?,
            Step::Made(made) => copy_docs::write(dst, &made)?,
            Step::Outlets(all) => {
                for outlet in &all {
                    outlets::upsert(dst, outlet)?;
                }
                written.outlets = all.len();
            }
            Step::Feeds(all) => {
                for feed in all {
                    if feeds::find(dst, &feed.url)?.is_none() {
                        feeds::insert(dst, &feed.outlet, &feed.url, &feed.added_at)?;
                    }
                }
            }
            Step::Settings(all) => {
                for (key, value) in all {
                    settings::set(dst, &key, &value)?;
                }
            }
            Step::Done => {
                next_story_id(dst)?;
                return Ok(Some(written));
            }
        }
    }
    Ok(None)
}

/// On a server, the id sequence after the copied ids: they were given
/// explicitly, and the next new story must come after them.
fn next_story_id(dst: &Db) -> Result<()> {
    if dst.dialect() == Dialect::Postgres {
        dst.execute(
            "SELECT setval(pg_get_serial_sequence('stories', 'id'), (SELECT coalesce(max(id), 0) + 1 FROM stories), false)",
            &[],
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sequence_that_ends_before_done_is_no_copy() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let db = Db::lite(&conn);
        assert!(write(&db, Vec::new()).unwrap().is_none());
        let whole = write(&db, vec![Step::Done]).unwrap().expect("whole");
        assert_eq!((whole.stories, whole.outlets), (0, 0));
    }
}
