//! The store's tables: one module per table, each the SQL that reads and
//! writes its rows, written once for both backends over `engine::db`.
//!
//! Contract: a table module runs inside the caller's transaction and never
//! opens one; it knows its own rows (and, for a story's parts, the rows
//! they cite) and no workflow rule; it may call down into the engine, never
//! up into `ops`.

pub mod audit;
pub(in crate::store) mod changes;
pub(in crate::store) mod citations;
pub(in crate::store) mod coverage_index;
pub mod editions;
pub(in crate::store) mod facts;
pub(in crate::store) mod feeds;
pub(in crate::store) mod narratives;
pub mod outlets;
pub(in crate::store) mod patches;
pub(in crate::store) mod predictions;
pub mod revisions;
pub(in crate::store) mod search_index;
pub(in crate::store) mod search_pending;
pub mod settings;
pub(in crate::store) mod snapshots;
pub(in crate::store) mod sources;
pub(in crate::store) mod stories;
pub mod transitions;
pub(in crate::store) mod wire_items;

use crate::error::{Error, Result};
use crate::model::StoryId;
use crate::store::engine::db::{placeholders, Arg};
use chrono::{DateTime, SecondsFormat, Utc};

/// Which stories a read of many covers: an id range (a chunk of a desk,
/// read in id order) or a list of ids (a page of search hits, a batch
/// export): either way one statement per table, never one per story.
#[derive(Clone, Copy, Debug)]
pub(in crate::store) enum Span<'a> {
    Range(StoryId, StoryId),
    Ids(&'a [StoryId]),
}

impl Span<'_> {
    /// The condition that `column` holds a story of the span, and its
    /// arguments (numbered from `?1`).
    pub(in crate::store) fn condition(&self, column: &str) -> (String, Vec<Arg<'static>>) {
        match *self {
            Span::Range(lo, hi) => (
                format!("{column} BETWEEN ?1 AND ?2"),
                vec![Arg::from(lo), Arg::from(hi)],
            ),
            Span::Ids([]) => ("1 = 0".into(), Vec::new()),
            Span::Ids(ids) => (
                format!("{column} IN ({})", placeholders(1, ids.len())),
                ids.iter().map(|&id| Arg::from(id)).collect(),
            ),
        }
    }
}

/// The rows a story-parts table writes for new stories: each story's
/// list, each item with its story and its position (by `row`).
pub(in crate::store) fn positioned<'a, T>(
    stories: &[(StoryId, &'a [T])],
    row: fn(StoryId, usize, &'a T) -> Vec<Arg<'a>>,
) -> Vec<Vec<Arg<'a>>> {
    stories
        .iter()
        .flat_map(|&(story, list)| {
            list.iter()
                .enumerate()
                .map(move |(pos, item)| row(story, pos, item))
        })
        .collect()
}

/// Timestamps are stored as RFC 3339 with nanoseconds, so text order is time
/// order and JSON round trips lose nothing.
pub(crate) fn ts(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Nanos, true)
}

pub(crate) fn parse_ts(s: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| bad_value("timestamp", s))
}

/// A stored value Factdesk cannot use (a damaged row).
pub(crate) fn bad_value(what: &str, value: &str) -> Error {
    let shown: String = value.chars().take(40).collect();
    Error::Corrupt(format!("unexpected {what} {shown:?}"))
}

/// The reason a row the database returned cannot be used, if that is the error.
pub(crate) fn unreadable_row(e: &Error) -> Option<String> {
    match e {
        Error::Corrupt(why) => Some(why.clone()),
        _ => None,
    }
}
