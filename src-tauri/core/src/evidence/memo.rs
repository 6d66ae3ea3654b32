//! What the evidence check keeps between analyses of a story, so a
//! keystroke costs the fact typed into, not the whole story.
//!
//! Contract: [`Sources::of`] reads each cited source's index once per
//! analysis; [`Memo::items`] looks a fact up once per distinct fact text
//! and set of cited texts (keyed by the indexes' ids), in a bounded memo
//! locked once per analysis ([`lock`]).

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
        let by_id = story
            .sources
            .iter()
            .filter(|s| !s.saved_text.trim().is_empty())
            .filter_map(|s| {
                let number = numbering.number(s.id)?;
                Some((
                    s.id,
                    (number, s.saved_text.as_str(), SourceIndex::cached(&s.saved_text)),
                ))
            })
            .collect();
        Sources { by_id }
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

impl Memo {
    /// The claims of `text` looked up in `cited` ([`check_fact`]); with no
    /// cited text, the claims as not found.
    pub fn items(&mut self, text: &str, cited: &[Cited]) -> Arc<Vec<Item>> {
        use std::hash::{Hash, Hasher};
        let ids: Vec<(usize, u64)> = cited.iter().map(|c| (c.number, c.index.id)).collect();
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        text.hash(&mut hasher);
        ids.hash(&mut hasher);
        let key = hasher.finish();
        if let Some(kept) = self.0.get(&key).filter(|k| k.text == text && k.cited == ids) {
            return kept.items.clone();
        }
        let items = Arc::new(if cited.is_empty() {
            claims(text)
                .iter()
                .map(|c| super::item(c, false, None, None, Vec::new()))
                .collect()
        } else {
            check_fact(text, cited)
        });
        if self.0.len() >= KEPT {
            self.0.clear();
        }
        self.0.insert(
            key,
            Kept {
                text: text.to_string(),
                cited: ids,
                items: items.clone(),
            },
        );
        items
    }
}
