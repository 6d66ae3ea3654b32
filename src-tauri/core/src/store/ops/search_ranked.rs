//! A search ranked in the full-text index alone (SQLite's FTS5 table,
//! PostgreSQL's `story_search`), without reading the stories of the
//! matches that do not reach the page.
//!
//! Contract: [`words_alone`] and [`citing_alone`] say whether a query is
//! answered here and give its expression in the backend's language;
//! [`page_ids`] (with the count, [`page_and_count`]) ranks its matches in
//! the search's order (lower rank first — [`bm25`], [`pg_rank`] — equal
//! ranks newest first). The index holds only stories out of the trash
//! (trashing a story removes its row in the same transaction), so ranking
//! and counting there skip a join to the stories per match: for a word
//! most stories have, a third of the time on SQLite; on a server the join
//! hashed every story of the desk (10,000 stories: some 5 ms a search).
//! Only outlets filter inside the index (the set of stories citing one is
//! a set of ids); a state or a date needs the story, and is the joined
//! search's (`store::ops::search`).

use crate::error::Result;
use crate::model::StoryId;
use crate::search::{Query, COLUMNS};
use crate::store::engine::db::{Arg, Db, Dialect};
use crate::store::engine::{citing, ranking};

/// SQLite's rank of a match, lower is better: bm25 with the columns'
/// weights, computed only for the matches that can be among the `best`
/// (see [`ranking`]: every row ranked must be one the statement keeps).
pub(super) fn bm25(best: usize) -> String {
    let weights: Vec<String> = COLUMNS.iter().map(|(_, w)| w.to_string()).collect();
    format!("{}(story_search, {best}, {})", ranking::NAME, weights.join(", "))
}

/// PostgreSQL's text search configuration (simple words, diacritics folded).
const PG_CONFIG: &str = "'factdesk'";

/// PostgreSQL's rank of a match of `story_search x`, lower is better as
/// SQLite's: `ts_rank` negated (as `float8`, which the rows read).
pub(super) fn pg_rank() -> String {
    format!("-ts_rank('{{0.05, 0.15, 0.3, 1.0}}', x.doc, to_tsquery({PG_CONFIG}, ?1))::float8")
}

/// The stories citing the outlet bound as `?n`, on PostgreSQL (sources'
/// and narratives' outlets, case folded as the outlet index is).
pub(super) fn pg_citing(n: usize) -> String {
    format!(
        "SELECT story_id FROM sources WHERE lower(outlet) = lower(?{n}) \
         UNION SELECT story_id FROM narratives WHERE lower(outlet) = lower(?{n})"
    )
}

/// A row of the index (`story_search`, on PostgreSQL as `x`) matching the
/// expression bound as `?1`.
pub(super) fn matched(db: &Db) -> String {
    match db.dialect() {
        Dialect::Sqlite => "story_search MATCH ?1".to_string(),
        Dialect::Postgres => format!("x.doc @@ to_tsquery({PG_CONFIG}, ?1)"),
    }
}

/// The full-text expression of `q` in the backend's language (FTS5's or a
/// `to_tsquery` text) when the index can filter it: no filter but outlets.
fn outlets_at_most<'q>(db: &Db, q: &'q Query) -> Option<&'q str> {
    if q.status.is_some() || q.before.is_some() || q.after.is_some() {
        return None;
    }
    match db.dialect() {
        Dialect::Sqlite => q.text.as_deref(),
        Dialect::Postgres => q.tsquery.as_deref(),
    }
}

/// The full-text expression of `q` when it has no filters.
pub(super) fn words_alone<'q>(db: &Db, q: &'q Query) -> Option<&'q str> {
    outlets_at_most(db, q).filter(|_| q.outlets.is_empty())
}

/// The full-text expression of `q` when its only filters are outlets.
pub(super) fn citing_alone<'q>(db: &Db, q: &'q Query) -> Option<&'q str> {
    outlets_at_most(db, q).filter(|_| !q.outlets.is_empty())
}

/// The matches of `expr` in the index that cite each of `outlets`, as SQL
/// conditions on the index's rows, and their values. On SQLite each match
/// is probed in the set of stories citing the outlet ([`citing`]: read
/// once, or kept from an earlier search; the set never drives the search,
/// which would be a full-text lookup per story citing it), and ranked only
/// if it is in it; on PostgreSQL the planner chooses.
fn matches_citing(db: &Db, expr: &str, outlets: &[String]) -> (Vec<String>, Vec<Arg<'static>>) {
    let mut values = vec![Arg::from(expr.to_string())];
    let mut conds = vec![matched(db)];
    for outlet in outlets {
        values.push(Arg::from(outlet.clone()));
        let n = values.len();
        conds.push(match db.dialect() {
            Dialect::Sqlite => format!("{}(?{n}, rowid)", citing::NAME),
            Dialect::Postgres => format!("x.story_id IN ({})", pg_citing(n)),
        });
    }
    (conds, values)
}

/// The index's rows, their id and their rank (exact for the `best`).
fn ranked_rows(db: &Db, best: usize) -> (&'static str, &'static str, String) {
    match db.dialect() {
        Dialect::Sqlite => ("story_search", "rowid", bm25(best)),
        Dialect::Postgres => ("story_search x", "x.story_id", pg_rank()),
    }
}

/// How many stories match `expr` (words alone), in the index.
pub(super) fn count(db: &Db, expr: &str) -> Result<u32> {
    let (conds, values) = matches_citing(db, expr, &[]);
    let (from, ..) = ranked_rows(db, 0);
    db.value(
        &format!("SELECT count(*) FROM {from} WHERE {}", conds.join(" AND ")),
        &values,
    )
}

/// The ids of the `limit` best matches of `expr` citing each of `outlets`
/// from `offset`.
pub(super) fn page_ids(
    db: &Db,
    expr: &str,
    outlets: &[String],
    offset: usize,
    limit: usize,
) -> Result<Vec<StoryId>> {
    let (conds, values) = matches_citing(db, expr, outlets);
    let (from, id, rank) = ranked_rows(db, offset + limit);
    db.rows(
        &format!(
            "SELECT {id} FROM {from} WHERE {} ORDER BY {rank}, {id} DESC LIMIT {limit} OFFSET {offset}",
            conds.join(" AND ")
        ),
        &values,
        |r| r.get(0),
    )
}

/// [`page_ids`], and how many match in all when the ranking can tell: it
/// ranks every match the outlets keep, so a page of at least one row comes
/// with their number and no second pass over the index to count them (on
/// SQLite [`ranking::RANKED`]; on PostgreSQL the matches' ids and ranks
/// are kept by the statement and counted there). An empty page (nothing
/// matches, or the page is past the last match) does not tell.
pub(super) fn page_and_count(
    db: &Db,
    expr: &str,
    outlets: &[String],
    offset: usize,
    limit: usize,
) -> Result<(Vec<StoryId>, Option<u32>)> {
    if db.dialect() == Dialect::Postgres {
        return pg_page_and_count(db, expr, outlets, offset, limit);
    }
    let ids = page_ids(db, expr, outlets, offset, limit)?;
    if ids.is_empty() {
        return Ok((ids, None));
    }
    let ranked: u32 = db.value(&format!("SELECT {}()", ranking::RANKED), &[])?;
    Ok((ids, Some(ranked)))
}

/// [`page_and_count`] on PostgreSQL in one statement: the matches' ids and
/// ranks kept (`MATERIALIZED`: narrow rows, where a window count over the
/// index's rows would keep every match's document), counted and cut.
fn pg_page_and_count(
    db: &Db,
    expr: &str,
    outlets: &[String],
    offset: usize,
    limit: usize,
) -> Result<(Vec<StoryId>, Option<u32>)> {
    let (conds, values) = matches_citing(db, expr, outlets);
    let rows: Vec<(StoryId, i64)> = db.rows(
        &format!(
            "WITH m AS MATERIALIZED (SELECT x.story_id, {} AS rank FROM story_search x WHERE {}) \
             SELECT story_id, (SELECT count(*) FROM m) FROM m \
             ORDER BY rank, story_id DESC LIMIT {limit} OFFSET {offset}",
            pg_rank(),
            conds.join(" AND ")
        ),
        &values,
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let total = rows.first().map(|&(_, n)| u32::try_from(n).unwrap_or(u32::MAX));
    Ok((rows.into_iter().map(|(id, _)| id).collect(), total))
}
