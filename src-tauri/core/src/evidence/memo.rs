//! What the evidence check keeps between analyses of a story, so a
//! keystroke costs the fact typed into, not the whole story.
//!
//! Contract: [`Sources::of`] reads each cited source's index once per
//! analysis; [`Memo::all_items`] looks a fact up once per distinct fact
//! text and set of cited texts (keyed by the indexes' ids), in a bounded
//! memo locked once per analysis ([`lock`]). What is not kept yet is read
//! on every core when there is much of it ([`super::parallel`]).

use super::{check_fact, claims, Cited, Item, SourceIndex};
use crate::model::{Fact, SourceId, Story};
use crate::numbering::Numbering;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// The sources of a story with saved text, each with its live number and index.
pub struct Sources<'s> {
    by_id: HashMap<SourceId, (usize, &'s str, Arc<SourceIndex>)>,
}

impl<'s> Sources<'s> {
    pub fn of(story: &'s Story, numbering: &Numbering) -> Sources<'s> {
        let numbered: Vec<(SourceId, usize, &str)> = story
            .sources
            .iter()
            .filter(|s| !s.saved_text.trim().is_empty())
            .filter_map(|s| Some((s.id, numbering.number(s.id)?, s.saved_text.as_str())))
            .collect();
        let texts: Vec<&str> = numbered.iter().map(|(.., text)| *text).collect();
        let by_id = numbered
            .into_iter()
            .zip(SourceIndex::cached_all(&texts))
            .map(|((id, number, text), index)| (id, (number, text, index)))
            .collect();
        Sources { by_id }
    }

    /// Whether a source `fact` cites has saved text.
    pub fn cites_text(&self, fact: &Fact) -> bool {
        fact.citations.iter().any(|id| self.by_id.contains_key(id))
    }

    /// The sources `fact` cites that have saved text, in citation order.
    pub fn cited(&self, fact: &Fact) -> Vec<Cited<'s>> {
        fact.citations
            .iter()
            .filter_map(|id| self.by_id.get(id))
            .map(|(number, text, index)| Cited {
                number: *number,
                text,
                index: index.clone(),
            })
            .collect()
    }
}

/// A fact's text and the sources it is looked up in (number, index id),
/// with the result; kept under the hash of both.
struct Kept {
    text: String,
    cited: Vec<(usize, u64)>,
    items: Arc<Vec<Item>>,
}

/// How many fact results the memo keeps (a few long stories' worth).
const KEPT: usize = 20_000;

/// The memo of fact results ([`items`]).
#[derive(Default)]
pub struct Memo(HashMap<u64, Kept>);

fn memo() -> &'static Mutex<Memo> {
    static MEMO: OnceLock<Mutex<Memo>> = OnceLock::new();
    MEMO.get_or_init(Default::default)
}

/// Holds the memo for a whole story's facts (one lock per analysis).
pub fn lock() -> std::sync::MutexGuard<'static, Memo> {
    memo().lock().unwrap_or_else(|p| p.into_inner())
}

/// A fact to look up: its text and the sources it cites.
pub type Wanted<'w> = (&'w str, Vec<Cited<'w>>);

impl Memo {
    /// The claims of each wanted fact's text looked up in the sources it
    /// cites ([`check_fact`]; with no cited text, the claims as not
    /// found), in order. The facts not kept are looked up on every core
    /// when there are many (a long story's first open).
    pub fn all_items(&mut self, wanted: Vec<Wanted>) -> Vec<Arc<Vec<Item>>> {
        let keyed: Vec<(u64, Vec<(usize, u64)>)> =
            wanted.iter().map(|(text, cited)| key(text, cited)).collect();
        let mut found: Vec<Option<Arc<Vec<Item>>>> = (wanted.iter().zip(&keyed))
            .map(|((text, _), (key, ids))| {
                let kept = self.0.get(key).filter(|k| k.text == *text && k.cited == *ids)?;
                Some(kept.items.clone())
            })
            .collect();
        let missing: Vec<usize> = (0..wanted.len()).filter(|&i| found[i].is_none()).collect();
        let looked_up = super::parallel::map(&missing, |&i| look_up(wanted[i].0, &wanted[i].1));
        for (i, items) in missing.into_iter().zip(looked_up) {
            let items = Arc::new(items);
            if self.0.len() >= KEPT {
                self.0.clear();
            }
            let (key, ids) = keyed[i].clone();
            let kept = Kept {
                text: wanted[i].0.to_string(),
                cited: ids,
                items: items.clone(),
            };
            self.0.insert(key, kept);
            found[i] = Some(items);
        }
        found.into_iter().flatten().collect()
    }
}

/// The memo's key of a fact's text and cited sources, and the sources'
/// (number, index id).
fn key(text: &str, cited: &[Cited]) -> (u64, Vec<(usize, u64)>) {
    use std::hash::{Hash, Hasher};
    let ids: Vec<(usize, u64)> = cited.iter().map(|c| (c.number, c.index.id)).collect();
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut hasher);
    ids.hash(&mut hasher);
    (hasher.finish(), ids)
}

/// The claims of `text` looked up in `cited`, or as not found when no
/// source has text.
fn look_up(text: &str, cited: &[Cited]) -> Vec<Item> {
    if cited.is_empty() {
        return claims(text)
            .iter()
            .map(|c| super::item(c, false, None, None, Vec::new()))
            .collect();
    }
    check_fact(text, cited)
}
