//! Moving a whole desk between two stores: a file and a server, either way.
//!
//! Contract: [`copy_desk`] copies every story with all its rows (sources,
//! facts, citations, narratives, predictions, editions, revisions,
//! transitions), the outlet registry and the desk's settings, reading the
//! source in one consistent snapshot and writing the target in one
//! transaction: all of it lands or nothing does. A target that holds
//! stories is refused unless merging; a plain copy keeps story ids, a merge
//! gives the copies new ids, skips stories whose uid the target has
//! already, and keeps the target's settings. Search indexes are rebuilt
//! from the copied stories.

use crate::error::{Error, Result};
use crate::model::StoryId;
use crate::store::engine::db::{Arg, Db, Dialect};
use crate::store::handle::Store;
use crate::store::ops::content;
use crate::store::tables::outlets;
use crate::store::tables::search_index;
use crate::store::tables::settings;

/// A story row's columns besides its id.
const STORY_COLUMNS: &str =
    "headline, summary, image_credit, status, version, created_at, updated_at, published_at, \
     uid, edition, live_edition, saved_by, saved_kind, edited_by, axis_first, axis_second, trashed_at, trashed_by";
/// The story's position of `uid` in [`STORY_COLUMNS`].
const UID_AT: usize = 8;

/// Every table holding a story's rows (keyed by `story_id`), parents first,
/// with the columns to copy.
const CHILDREN: &[(&str, &str)] = &[
    ("sources", "id, position, outlet, url, title, published_on, saved_text"),
    ("facts", "id, position, text"),
    ("citations", "fact_id, position, source_id"),
    ("narratives", "id, position, stance, outlet, text"),
    ("predictions", "id, position, statement, probability, forecaster"),
    ("editions", "number, state, document, correction, published_at, published_by, withdrawn_at, withdrawn_by, withdrawal_reason"),
    ("story_revisions", "version, saved_at, document, edition, editor, kind, encoding, packed"),
    ("transitions", "seq, edition, at, editor, from_state, to_state, note"),
];

/// What a copy did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct CopyReport {
    pub stories: usize,
    pub outlets: usize,
    /// Stories left out of a merge because the target has their uid.
    pub skipped: Vec<String>,
}

fn placeholders(from: usize, n: usize) -> String {
    (from..from + n)
        .map(|i| format!("?{i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn read_row(r: &crate::store::engine::db::Row, n: usize) -> Result<Vec<Arg<'static>>> {
    (0..n).map(|i| r.get(i)).collect()
}

/// Copies the desk in `from` into `to` (see the module's contract).
pub fn copy_desk(from: &Store, to: &mut Store, merge: bool) -> Result<CopyReport> {
    let place = to.path().display().to_string();
    from.read(|src| {
        to.write(|dst| {
            let present: i64 = dst.value("SELECT count(*) FROM stories", &[])?;
            if present > 0 && !merge {
                return Err(Error::BadInput {
                    path: place.clone().into(),
                    why: format!(
                        "it holds {present} stories already; copy into an empty database, or add --merge to add the stories it lacks"
                    ),
                });
            }
            copy_rows(src, dst, merge)
        })
    })
}

fn copy_rows(src: &Db, dst: &Db, merge: bool) -> Result<CopyReport> {
    let mut report = CopyReport::default();
    let n_story = STORY_COLUMNS.split(',').count();
    let stories: Vec<(StoryId, Vec<Arg<'static>>)> = src.rows(
        &format!("SELECT id, {STORY_COLUMNS} FROM stories ORDER BY id"),
        &[],
        |r| Ok((r.get(0)?, (1..=n_story).map(|i| r.get(i)).collect::<Result<_>>()?)),
    )?;
    for (old_id, row) in stories {
        let uid = match &row[UID_AT] {
            Arg::Text(t) => t.to_string(),
            _ => return Err(Error::Corrupt(format!("story {old_id} has no uid"))),
        };
        let id: StoryId = if merge {
            let taken: Option<i64> = dst.row(
                "SELECT id FROM stories WHERE uid = ?1",
                &[Arg::from(uid.clone())],
                |r| r.get(0),
            )?;
            if taken.is_some() {
                report.skipped.push(uid);
                continue;
            }
            dst.value(
                &format!(
                    "INSERT INTO stories ({STORY_COLUMNS}) VALUES ({}) RETURNING id",
                    placeholders(1, n_story)
                ),
                &row,
            )?
        } else {
            let mut args = vec![Arg::from(old_id)];
            args.extend(row);
            dst.execute(
                &format!(
                    "INSERT INTO stories (id, {STORY_COLUMNS}) VALUES ({})",
                    placeholders(1, n_story + 1)
                ),
                &args,
            )?;
            old_id
        };
        for (table, columns) in CHILDREN {
            let n = columns.split(',').count();
            let rows = src.rows(
                &format!("SELECT {columns} FROM {table} WHERE story_id = ?1"),
                &[Arg::from(old_id)],
                |r| read_row(r, n),
            )?;
            let insert = format!(
                "INSERT INTO {table} (story_id, {columns}) VALUES ({})",
                placeholders(1, n + 1)
            );
            for row in rows {
                let mut args = vec![Arg::from(id)];
                args.extend(row);
                dst.execute(&insert, &args)?;
            }
        }
        // A story in the trash stays out of search (and cannot be loaded).
        let trashed: Option<String> =
            dst.value("SELECT trashed_at FROM stories WHERE id = ?1", &[Arg::from(id)])?;
        if trashed.is_none() {
            search_index::index(dst, id, &content::load(dst, id)?.story)?;
        }
        report.stories += 1;
    }
    if !merge && dst.dialect() == Dialect::Postgres {
        // Ids were given explicitly: the next new story must come after them.
        dst.execute(
            "SELECT setval(pg_get_serial_sequence('stories', 'id'), (SELECT coalesce(max(id), 0) + 1 FROM stories), false)",
            &[],
        )?;
    }
    for outlet in outlets::list(src)? {
        outlets::upsert(dst, &outlet)?;
        report.outlets += 1;
    }
    if !merge {
        let all: Vec<(String, String)> =
            src.rows("SELECT key, value FROM settings ORDER BY key", &[], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        for (key, value) in all {
            settings::set(dst, &key, &value)?;
        }
    }
    Ok(report)
}
