//! A search ranked in SQLite's full-text index alone, without reading the
//! stories of the matches that do not reach the page.
//!
//! Contract: [`words_alone`] and [`citing_alone`] say whether a query is
//! answered here; [`page_ids`] (with the count, [`page_and_count`]) ranks
//! its matches in the search's order (bm25, lower first; equal ranks newest
//! first). The index holds only stories out of the trash (trashing a story
//! removes its row in the same transaction), so ranking and counting there
//! skip a join to the stories per match: for a word most stories have, a
//! third of the time. Only outlets filter inside the index (the set of
//! stories citing one is a set of ids); a state or a date needs the story,
//! and is the joined search's (`store::ops::search`).

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

/// The full-text expression of `q` when the index can filter it: on
/// SQLite, with no filter but outlets.
fn outlets_at_most<'q>(db: &Db, q: &'q Query) -> Option<&'q str> {
    let no_other_filter = q.status.is_none() && q.before.is_none() && q.after.is_none();
    match (db.dialect(), no_other_filter) {
        (Dialect::Sqlite, true) => q.text.as_deref(),
        _ => None,
    }
}

/// The full-text expression of `q` when it has no filters, on SQLite.
pub(super) fn words_alone<'q>(db: &Db, q: &'q Query) -> Option<&'q str> {
    outlets_at_most(db, q).filter(|_| q.outlets.is_empty())
}

/// The full-text expression of `q` when its only filters are outlets, on
/// SQLite.
pub(super) fn citing_alone<'q>(db: &Db, q: &'q Query) -> Option<&'q str> {
    outlets_at_most(db, q).filter(|_| !q.outlets.is_empty())
}

/// The ids of the `limit` best matches of `text` citing each of `outlets`
/// from `offset`. With outlets, each match is probed in the set of stories
/// citing the outlet ([`citing`]: read once, or kept from an earlier
/// search; the set never drives the search, which would be a full-text
/// lookup per story citing it), and ranked only if it is in it.
pub(super) fn page_ids(
    db: &Db,
    text: &str,
    outlets: &[String],
    offset: usize,
    limit: usize,
) -> Result<Vec<StoryId>> {
    let mut values = vec![Arg::from(text.to_string())];
    let mut conds = vec!["story_search MATCH ?1".to_string()];
    for outlet in outlets {
        values.push(Arg::from(outlet.clone()));
        let n = values.len();
        conds.push(format!("{}(?{n}, rowid)", citing::NAME));
    }
    db.rows(
        &format!(
            "SELECT rowid FROM story_search WHERE {} ORDER BY {}, rowid DESC LIMIT {limit} OFFSET {offset}",
            conds.join(" AND "),
            bm25(offset + limit)
        ),
        &values,
        |r| r.get(0),
    )
}

/// [`page_ids`], and how many match in all when the ranking can tell: it
/// ranks every match the outlets keep, so a page of at least one row comes
/// with their number ([`ranking::RANKED`]) and no second pass over the
/// index to count them. An empty page (nothing matches, or the page is
/// past the last match) does not tell.
pub(super) fn page_and_count(
    db: &Db,
    text: &str,
    outlets: &[String],
    offset: usize,
    limit: usize,
) -> Result<(Vec<StoryId>, Option<u32>)> {
    let ids = page_ids(db, text, outlets, offset, limit)?;
    if ids.is_empty() {
        return Ok((ids, None));
    }
    let ranked: u32 = db.value(&format!("SELECT {}()", ranking::RANKED), &[])?;
    Ok((ids, Some(ranked)))
}
