//! Moving a whole desk between two stores: a file and a server, either way.
//!
//! Contract: [`copy_desk`] copies every story with all its rows (sources,
//! facts, citations, narratives, predictions, editions, revisions,
//! transitions), the outlet registry with its feeds (not the items they
//! brought: the next pull fetches them) and the desk's settings, reading the
//! source in one consistent snapshot and writing the target in one
//! transaction: all of it lands or nothing does. A target that holds
//! stories is refused unless merging; a plain copy keeps story ids, a merge
//! gives the copies new ids, skips stories whose uid the target has
//! already, and keeps the target's settings. A merge never overwrites: an
//! outlet the target rates differently is reported as a conflict and kept
//! as it is (unless the source is preferred), every merged story arrives as
//! a draft (its published editions kept as history, superseded: it is
//! published on the target only through the target's workflow), and the
//! merge is an entry in the target's audit trail. On a server only an admin
//! copies or merges (history keeps its editors' names only for an admin).
//! Search indexes are rebuilt from the copied stories.

use crate::error::{Error, Result};
use crate::model::StoryId;
use crate::search::Document;
use crate::store::engine::db::{Arg, Db, Dialect};
use crate::store::handle::Store;
use crate::store::ops::{copy_aside, copy_docs, copy_merge, copy_plain};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, SyncSender};
use std::thread::ScopedJoinHandle;

/// A story row's columns besides its id.
pub(super) const STORY_COLUMNS: &str =
    "headline, summary, image_credit, status, version, created_at, updated_at, published_at, \
     uid, edition, live_edition, saved_by, saved_kind, edited_by, axis_first, axis_second, trashed_at, trashed_by, language";
/// The positions of `uid` and `trashed_at` in [`STORY_COLUMNS`].
pub(super) const UID_AT: usize = 8;
pub(super) const TRASHED_AT: usize = 16;

/// Every table holding a story's rows (keyed by `story_id`), parents first,
/// with the columns to copy.
pub(super) const CHILDREN: &[(&str, &str)] = &[
    ("sources", "id, position, outlet, url, title, published_on, saved_text, captured_at"),
    ("facts", "id, position, text"),
    ("citations", "fact_id, position, source_id"),
    ("narratives", "id, position, stance, outlet, text"),
    ("predictions", "id, position, statement, probability, forecaster"),
    ("editions", "number, state, document, correction, published_at, published_by, withdrawn_at, withdrawn_by, withdrawal_reason"),
    ("story_revisions", "version, saved_at, document, edition, editor, kind, encoding, packed"),
    ("transitions", "seq, edition, at, editor, from_state, to_state, note"),
    (
        "source_snapshots",
        "source_id, fetched_at, requested_url, final_url, status, etag, last_modified, sha256, body, text, checked_at",
    ),
];

/// What a copy did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct CopyReport {
    pub stories: usize,
    pub outlets: usize,
    /// Stories left out of a merge because the target has their uid.
    pub skipped: Vec<String>,
    /// Outlets the two desks describe differently (a merge).
    pub conflicts: Vec<OutletConflict>,
    /// Merged stories that were published, approved or in review on the
    /// source and arrived as drafts.
    pub drafted: usize,
}

/// An outlet both desks have, described differently.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct OutletConflict {
    /// The target's outlet, as it was.
    pub desk: crate::model::Outlet,
    /// The source's.
    pub source: crate::model::Outlet,
    /// Whether the source's replaced the target's (`--prefer source`).
    pub replaced: bool,
}

/// How a copy treats a target that holds stories already.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Only into an empty target; everything as it is.
    Copy,
    /// Add what the target lacks, keeping the target's outlets.
    Merge,
    /// Merge, taking the source's description of outlets both have.
    MergePreferSource,
}

pub(super) fn read_row(r: &crate::store::engine::db::Row, n: usize) -> Result<Vec<Arg<'static>>> {
    (0..n).map(|i| r.get(i)).collect()
}

/// Copies the desk in `from` into `to` (see the module's contract).
pub fn copy_desk(from: &Store, to: &mut Store, mode: Mode) -> Result<CopyReport> {
    let place = to.path().display().to_string();
    let merge = mode != Mode::Copy;
    if to.dialect() == Dialect::Postgres && to.role()? != "admin" {
        return Err(Error::Refused {
            code: crate::error::ErrorCode::NotPermitted,
            message: format!(
                "{place}: copying a desk onto a team database is an admin's (your role is {})",
                to.role()?
            ),
        });
    }
    let report = match merge {
        false => copy_whole(from, to, &place)?,
        true => {
            let editor = to.editor().to_string();
            let origin = from.path().display().to_string();
            from.read(|src| {
                to.write(|dst| {
                    begin(dst, &place, merge)?;
                    let report = copy_merge::merge_rows(src, dst, mode)?;
                    record_merge(dst, &editor, &origin, &report)?;
                    Ok(report)
                })
            })?
        }
    };
    tidy(to);
    Ok(report)
}

/// On a server, after the copy committed: the planner's statistics still
/// describe the tables as they were (empty, before a plain copy) until
/// autovacuum comes by, so the first searches and lists would be planned
/// for no rows, and no row is marked visible to all, so every outlet
/// filter visits the rows its index names. The copy has landed whatever
/// happens here; a failure leaves it to autovacuum, and is logged.
fn tidy(to: &Store) {
    if let Some(server) = to.server() {
        if let Err(e) = server.vacuum_analyze() {
            tracing::warn!(error = %e, "the copied tables were not vacuumed; autovacuum will do it");
        }
    }
}

/// A plain copy: the source read on this thread, the target written on
/// another (see [`copy_plain`]'s contract), a few parts apart; on a server
/// the search documents' tsvectors are made on a third ([`copy_docs`]).
fn copy_whole(from: &Store, to: &mut Store, place: &str) -> Result<CopyReport> {
    let url = to.server().map(|server| server.url().to_string());
    // Set when a part could not be handed over because the writer stopped:
    // then the writer's error is the copy's.
    let writer_gone = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<copy_plain::Step>(4);
        let writer = scope.spawn(move || to.write(|dst| write_whole(dst, place, rx)));
        let gone = &writer_gone;
        let mut maker = url.map(|url| {
            let (parts, received) = std::sync::mpsc::sync_channel(4);
            let to_writer = tx.clone();
            let mut send = move |step| hand_over(&to_writer, gone, step);
            (
                parts,
                scope.spawn(move || copy_docs::make(&url, received, &mut send)),
            )
        });
        let hand_over = |step| hand_over(&tx, gone, step);
        let read = from.read(|src| {
            copy_plain::read(src, &mut |step| match (step, &maker) {
                (copy_plain::Step::Documents(docs), Some((parts, _))) => match parts.send(docs) {
                    Ok(()) => Ok(()),
                    // It stopped taking parts: its error, never a part lost.
                    Err(_) => maker_done(&mut maker)
                        .and_then(|()| Err(Error::Corrupt("the search documents' maker stopped".into()))),
                },
                (copy_plain::Step::Done, Some(_)) => {
                    maker_done(&mut maker).and_then(|()| hand_over(copy_plain::Step::Done))
                }
                (step, _) => hand_over(step),
            })
        });
        // A reader that failed leaves the maker waiting for parts: it ends.
        let made = maker_done(&mut maker);
        drop(tx);
        let written = match writer.join() {
            Ok(written) => written,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        match (read.and(made), written) {
            (Ok(()), Ok(w)) => Ok(CopyReport {
                stories: w.stories,
                outlets: w.outlets,
                ..CopyReport::default()
            }),
            (Err(e), _) if !writer_gone.load(Ordering::Relaxed) => Err(e),
            (_, Err(e)) | (Err(e), Ok(_)) => Err(e),
        }
    })
}

/// The writer's half of a plain copy, in the target's transaction.
fn write_whole(dst: &Db, place: &str, rx: Receiver<copy_plain::Step>) -> Result<copy_plain::Written> {
    begin(dst, place, false)?;
    // A plain copy onto a server checks its keys once, at the end.
    let aside = match dst.dialect() {
        Dialect::Postgres => Some(copy_aside::set_aside(dst)?),
        Dialect::Sqlite => None,
    };
    let written = copy_plain::write(dst, rx)?.ok_or_else(|| Error::BadInput {
        path: place.into(),
        why: "the copy stopped before the source was read whole; nothing was written".into(),
    })?;
    if let Some(aside) = aside {
        copy_aside::restore(dst, aside)?;
    }
    Ok(written)
}

/// The tsvectors' maker: where its parts go, and its thread.
type Maker<'scope> = (
    SyncSender<Vec<(StoryId, Document)>>,
    ScopedJoinHandle<'scope, Result<()>>,
);

/// Hands `step` to the writer; when it has stopped, says so in `gone`.
fn hand_over(writer: &SyncSender<copy_plain::Step>, gone: &AtomicBool, step: copy_plain::Step) -> Result<()> {
    writer.send(step).map_err(|_| {
        gone.store(true, Ordering::Relaxed);
        Error::Corrupt("the copy's writer stopped".into())
    })
}

/// The maker's work ended: no more parts for it, and its result (the
/// first time; later, nothing is left to wait for).
fn maker_done(maker: &mut Option<Maker>) -> Result<()> {
    let Some((parts, handle)) = maker.take() else {
        return Ok(());
    };
    drop(parts);
    match handle.join() {
        Ok(made) => made,
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

/// What every copy does first in the target's transaction: on a server,
/// mark it as a copy; refuse a plain copy into a desk that holds stories.
fn begin(dst: &Db, place: &str, merge: bool) -> Result<()> {
    if dst.dialect() == Dialect::Postgres {
        // The server keeps the history's own names for an admin's copy.
        dst.batch("SET LOCAL factdesk.copying = 'on'")?;
    }
    if !merge && dst.dialect() == Dialect::Postgres {
        // A copy keeps the stories' ids and moves the id sequence past them,
        // which only the sequence's owner (or a login granted it) may do.
        let may: i64 = dst.value(
            "SELECT CASE WHEN has_sequence_privilege(pg_get_serial_sequence('stories', 'id'), 'UPDATE') THEN 1 ELSE 0 END",
            &[],
        )?;
        if may == 0 {
            return Err(Error::Refused {
                code: crate::error::ErrorCode::NotPermitted,
                message: format!(
                    "{place}: a whole desk is copied onto a team database by the login that owns its tables (the one that set it up); an admin adds stories to it with --merge"
                ),
            });
        }
    }
    let present: i64 = dst.value("SELECT count(*) FROM stories", &[])?;
    if present > 0 && !merge {
        return Err(Error::BadInput {
            path: place.into(),
            why: format!(
                "it holds {present} stories already; copy into an empty database, or add --merge to add the stories it lacks"
            ),
        });
    }
    Ok(())
}

/// The merge's entry in the target's audit trail.
fn record_merge(dst: &Db, editor: &str, origin: &str, report: &CopyReport) -> Result<()> {
    let conflicts: Vec<String> = report
        .conflicts
        .iter()
        .map(|c| {
            format!(
                "{} ({})",
                c.desk.name,
                if c.replaced {
                    "source's taken"
                } else {
                    "desk's kept"
                }
            )
        })
        .collect();
    crate::store::tables::audit::record(
        dst,
        editor,
        crate::store::tables::audit::Change {
            action: "merged",
            subject: origin,
            before: "",
            after: &format!(
                "{} stories ({} as drafts), {} outlets added, {} skipped; outlet conflicts: {}",
                report.stories,
                report.drafted,
                report.outlets,
                report.skipped.len(),
                if conflicts.is_empty() {
                    "none".into()
                } else {
                    conflicts.join(", ")
                }
            ),
        },
    )
}

/// The rows of child `table` (its `columns` after `story_id`) of the
/// stories with ids `lo..=hi` in `src`, by story (snapshots then in their
/// order: the first is the version a story cited).
pub(super) fn child_rows(
    src: &Db,
    table: &str,
    columns: &str,
    lo: StoryId,
    hi: StoryId,
) -> Result<Vec<Vec<Arg<'static>>>> {
    let order = match table {
        "source_snapshots" => "story_id, id",
        _ => "story_id",
    };
    src.rows(
        &format!("SELECT story_id, {columns} FROM {table} WHERE story_id BETWEEN ?1 AND ?2 ORDER BY {order}"),
        &[Arg::from(lo), Arg::from(hi)],
        |r| read_row(r, columns.split(',').count() + 1),
    )
}

/// Stories copied or merged per round: their child rows are read and
/// written a table at a time.
pub(super) const CHUNK: usize = 200;
