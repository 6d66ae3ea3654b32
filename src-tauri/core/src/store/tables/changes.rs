//! A save writes only the rows that changed.
//!
//! Contract: [`write`] turns the child rows stored for `before` into those of
//! `next` (sources, facts, citations, narratives, predictions) by deleting
//! the rows whose part is gone or changed and inserting the new and changed
//! ones; a part unchanged and in the same place is not touched. Typing one
//! word into a 3,000-fact story therefore writes one fact row, not 3,000
//! (plus their citations and sources). Facts keep their citation rows when
//! only their text changed.

use crate::error::Result;
use crate::model::{Fact, Story, StoryId};
use crate::store::engine::db::{delete_ids, Db};
use crate::store::tables::citations;
use crate::store::tables::facts;
use crate::store::tables::narratives;
use crate::store::tables::predictions;
use crate::store::tables::sources;
use std::collections::{HashMap, HashSet};

/// Rewrites the child rows of story `id` from `before` to `next`.
pub fn write(tx: &Db, id: StoryId, before: &Story, next: &Story) -> Result<()> {
    let source_id = |s: &crate::model::Source| s.id.to_string();
    replace_changed(
        tx,
        "sources",
        id,
        &before.sources,
        &next.sources,
        source_id,
        sources::insert_at,
    )?;

    // A fact row holds its id, place and text, updated in place so that its
    // citation rows (which deleting it would delete) stay when they can.
    let d = diff(
        &before.facts,
        &next.facts,
        |f| f.id.to_string(),
        |a, b| a.text == b.text,
    );
    delete_ids(tx, "facts", "id", id, &d.gone)?;
    for &(pos, fact) in &d.changed {
        facts::update(tx, id, pos, fact)?;
    }
    facts::insert_at(tx, id, &d.added)?;
    let cited_before: HashMap<String, &Fact> = before.facts.iter().map(|f| (f.id.to_string(), f)).collect();
    let mut recite: Vec<&Fact> = Vec::new();
    let mut stale: Vec<String> = Vec::new();
    for f in &next.facts {
        let key = f.id.to_string();
        match cited_before.get(&key) {
            None => recite.push(f),
            Some(b) if b.citations != f.citations => {
                stale.push(key);
                recite.push(f);
            }
            Some(_) => {}
        }
    }
    citations::delete_for(tx, id, &stale)?;
    citations::insert_for(tx, id, &recite)?;

    let narrative_id = |n: &crate::model::Narrative| n.id.to_string();
    replace_changed(
        tx,
        "narratives",
        id,
        &before.narratives,
        &next.narratives,
        narrative_id,
        narratives::insert_at,
    )?;
    let prediction_id = |p: &crate::model::Prediction| p.id.to_string();
    replace_changed(
        tx,
        "predictions",
        id,
        &before.predictions,
        &next.predictions,
        prediction_id,
        predictions::insert_at,
    )
}

/// A table module's insert of parts, each with its position.
type InsertAt<T> = fn(&Db, StoryId, &[(usize, &T)]) -> Result<()>;

/// For a table whose rows nothing else refers to: deletes the rows of parts
/// gone, changed or moved, and inserts the changed and new parts as rows.
fn replace_changed<T: PartialEq>(
    tx: &Db,
    table: &str,
    story: StoryId,
    before: &[T],
    next: &[T],
    id: impl Fn(&T) -> String,
    insert: InsertAt<T>,
) -> Result<()> {
    let d = diff(before, next, id, |a, b| a == b);
    delete_ids(tx, table, "id", story, &d.gone_or_changed())?;
    insert(tx, story, &d.added_or_changed())
}

/// How a list of parts changed: ids no longer there, parts there before but
/// changed or moved, and new parts, each with its position.
struct Diff<'a, T> {
    gone: Vec<String>,
    changed: Vec<(usize, &'a T)>,
    changed_ids: Vec<String>,
    added: Vec<(usize, &'a T)>,
}

impl<'a, T> Diff<'a, T> {
    /// The rows to delete when changed parts are rewritten as new rows.
    fn gone_or_changed(&self) -> Vec<String> {
        self.gone.iter().chain(&self.changed_ids).cloned().collect()
    }

    fn added_or_changed(&self) -> Vec<(usize, &'a T)> {
        self.changed.iter().chain(&self.added).copied().collect()
    }
}

/// From `before` to `next`; `same` says whether two versions of a part
/// store the same row.
fn diff<'a, T>(
    before: &[T],
    next: &'a [T],
    id: impl Fn(&T) -> String,
    same: impl Fn(&T, &T) -> bool,
) -> Diff<'a, T> {
    let old: HashMap<String, (usize, &T)> = before.iter().enumerate().map(|(i, t)| (id(t), (i, t))).collect();
    let mut kept: HashSet<String> = HashSet::with_capacity(next.len());
    let mut d = Diff {
        gone: Vec::new(),
        changed: Vec::new(),
        changed_ids: Vec::new(),
        added: Vec::new(),
    };
    for (pos, part) in next.iter().enumerate() {
        let key = id(part);
        match old.get(&key) {
            Some((at, was)) if *at == pos && same(was, part) => {}
            Some(_) => {
                d.changed_ids.push(key.clone());
                d.changed.push((pos, part));
            }
            None => d.added.push((pos, part)),
        }
        kept.insert(key);
    }
    d.gone.extend(old.into_keys().filter(|k| !kept.contains(k)));
    d
}

#[cfg(test)]
mod tests {
    use super::diff;

    #[test]
    fn diff_names_removed_changed_moved_and_new_parts() {
        let before = [("a", 1), ("b", 2), ("c", 3), ("d", 4)];
        // b changed, c and d swapped, a kept, e new; nothing removed.
        let next = [("a", 1), ("b", 20), ("d", 4), ("c", 3), ("e", 5)];
        let d = diff(&before, &next, |p| p.0.to_string(), |x, y| x == y);
        assert!(d.gone.is_empty());
        assert_eq!(d.changed_ids, ["b", "d", "c"]);
        let placed: Vec<(usize, &str)> = d.added_or_changed().iter().map(|(i, p)| (*i, p.0)).collect();
        assert_eq!(placed, [(1, "b"), (2, "d"), (3, "c"), (4, "e")]);

        let d = diff(&next, &next[..2], |p| p.0.to_string(), |x, y| x == y);
        assert!(d.added_or_changed().is_empty());
        let mut gone = d.gone_or_changed();
        gone.sort();
        assert_eq!(gone, ["c", "d", "e"]);
        let d = diff(&before, &before, |p| p.0.to_string(), |x, y| x == y);
        assert!(
            d.gone_or_changed().is_empty() && d.added_or_changed().is_empty(),
            "an unchanged list writes nothing"
        );
    }
}
