//! The evidence check: what a fact states that can be looked up
//! mechanically — numbers, dates and proper names — searched in the saved
//! text of the sources it cites.
//!
//! Contract: [`claims`] reads a fact's claims (English to start: the words
//! of dates are a [`dates::Calendar`], numbers in words come from the
//! `text2num` crate's English). [`SourceIndex::cached`] reads a source's
//! saved text once — its sentences and the numbers, dates and words in
//! each — and keeps it per text, so typing in a fact never reads a source
//! again. [`check_fact`] says of each claim whether a cited source
//! supports it (any one is enough) and with which passage; a claim no
//! source supports gets the closest passage, and a number the numbers that
//! passage gives instead. Pure apart from the cache; linear in the texts.

pub mod dates;
mod findings;
pub mod names;
pub mod numbers;
mod report;

pub use findings::{cited, findings};
pub use report::{lines, of_story, FactEvidence};

use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, OnceLock};
use ts_rs::TS;
use unicode_segmentation::UnicodeSegmentation;

/// What kind of thing a claim states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum ClaimKind {
    Number,
    Date,
    Name,
}

/// How a claim is compared.
#[derive(Debug, Clone, PartialEq)]
enum Key {
    Number(numbers::Number),
    Date(dates::When),
    Name(Vec<String>),
}

/// One thing a fact states that can be looked up.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    pub kind: ClaimKind,
    /// As the fact writes it.
    pub text: String,
    key: Key,
}

/// The claims of a fact's text, in text order.
pub fn claims(text: &str) -> Vec<Claim> {
    let calendar = &dates::ENGLISH;
    let mut out: Vec<(usize, Claim)> = Vec::new();
    for n in numbers::find(text) {
        out.push((
            n.start,
            claim(ClaimKind::Number, &text[n.start..n.end], Key::Number(n)),
        ));
    }
    for d in dates::find(text, calendar) {
        out.push((
            d.start,
            claim(ClaimKind::Date, &text[d.start..d.end], Key::Date(d.when)),
        ));
    }
    // A capitalised number or month ("Seventeen ships", "March") is not also a name.
    let read: Vec<(usize, usize)> = out.iter().map(|(at, c)| (*at, at + c.text.len())).collect();
    for n in names::find(text, calendar) {
        if !read.iter().any(|&(a, b)| n.start < b && a < n.end) {
            out.push((
                n.start,
                claim(ClaimKind::Name, &text[n.start..n.end], Key::Name(n.words)),
            ));
        }
    }
    out.sort_by_key(|(at, _)| *at);
    out.into_iter().map(|(_, c)| c).collect()
}

fn claim(kind: ClaimKind, text: &str, key: Key) -> Claim {
    Claim {
        kind,
        text: text.to_string(),
        key,
    }
}

/// A source's saved text, read once for looking claims up.
#[derive(Debug, Default)]
pub struct SourceIndex {
    /// Byte spans of the sentences.
    sentences: Vec<(usize, usize)>,
    /// Each number, its text's span and its sentence.
    numbers: Vec<(numbers::Number, usize)>,
    /// The sentences naming each date.
    dates: HashMap<dates::When, Vec<usize>>,
    /// The folded words in order, each with its sentence.
    words: Vec<(String, usize)>,
    /// Where each folded word stands in `words`.
    at: HashMap<String, Vec<usize>>,
}

/// How many source texts the cache keeps (a story's sources, a few stories).
const CACHED: usize = 512;

/// Indexes by their text's length and hash.
type Cache = Mutex<HashMap<(usize, u64), Arc<SourceIndex>>>;

fn cache() -> &'static Cache {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}

impl SourceIndex {
    /// Reads `text` (see the module's contract).
    pub fn of(text: &str) -> SourceIndex {
        let mut index = SourceIndex::default();
        for (at, sentence) in text.split_sentence_bound_indices() {
            let s = index.sentences.len();
            index.sentences.push((at, at + sentence.len()));
            for mut n in numbers::find(sentence) {
                n.start += at;
                n.end += at;
                index.numbers.push((n, s));
            }
            for d in dates::find(sentence, &dates::ENGLISH) {
                let mut names = vec![d.when];
                if let dates::When::DayMonth(_, m) = d.when {
                    names.push(dates::When::Month(m));
                }
                for when in names {
                    index.dates.entry(when).or_default().push(s);
                }
            }
            for word in sentence.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}') {
                if word.is_empty() {
                    continue;
                }
                let folded = names::fold(word);
                index
                    .at
                    .entry(folded.clone())
                    .or_default()
                    .push(index.words.len());
                index.words.push((folded, s));
            }
        }
        index
    }

    /// The index of `text`, read once per distinct text.
    pub fn cached(text: &str) -> Arc<SourceIndex> {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        text.hash(&mut hasher);
        let key = (text.len(), hasher.finish());
        let mut cache = cache().lock().unwrap_or_else(|p| p.into_inner());
        if let Some(found) = cache.get(&key) {
            return found.clone();
        }
        if cache.len() >= CACHED {
            cache.clear();
        }
        let index = Arc::new(SourceIndex::of(text));
        cache.insert(key, index.clone());
        index
    }

    /// The sentence supporting `claim`, if any.
    fn supports(&self, claim: &Claim) -> Option<usize> {
        match &claim.key {
            Key::Number(n) => self.numbers.iter().find(|(m, _)| m.same(n)).map(|(_, s)| *s),
            Key::Date(when) => self.dates.get(when).and_then(|s| s.first().copied()),
            Key::Name(words) => self.name(words),
        }
    }

    fn name(&self, words: &[String]) -> Option<usize> {
        let starts = self.at.get(words.first()?).map(Vec::as_slice).unwrap_or_default();
        let whole = starts.iter().find(|&&i| {
            words
                .iter()
                .enumerate()
                .all(|(k, w)| self.words.get(i + k).is_some_and(|(x, _)| x == w))
        });
        if let Some(&i) = whole {
            return Some(self.words[i].1);
        }
        // A person named in full in the fact is often named by the last
        // name alone in the article ("Shoigu said").
        if words.len() < 2 {
            return None;
        }
        self.at.get(words.last()?)?.first().map(|&i| self.words[i].1)
    }

    /// The sentence sharing the most words (of four letters or more) with `fact`.
    fn closest(&self, fact: &HashSet<String>) -> Option<(usize, usize)> {
        let mut shared: HashMap<usize, usize> = HashMap::new();
        for word in fact {
            let mut seen = HashSet::new();
            for &i in self.at.get(word).into_iter().flatten() {
                let s = self.words[i].1;
                if seen.insert(s) {
                    *shared.entry(s).or_default() += 1;
                }
            }
        }
        shared.into_iter().max_by_key(|&(s, n)| (n, std::cmp::Reverse(s)))
    }

    /// The numbers of sentence `s`, as `text` writes them.
    fn numbers_in<'t>(&self, text: &'t str, s: usize) -> Vec<&'t str> {
        self.numbers
            .iter()
            .filter(|(_, at)| *at == s)
            .filter_map(|(n, _)| text.get(n.start..n.end))
            .collect()
    }

    fn sentence<'t>(&self, text: &'t str, s: usize) -> &'t str {
        let (a, b) = self.sentences[s];
        text.get(a..b).unwrap_or_default().trim()
    }
}

/// A cited source with saved text, as the check reads it.
pub struct Cited<'a> {
    /// Its live number in the story.
    pub number: usize,
    pub text: &'a str,
    pub index: Arc<SourceIndex>,
}

/// One claim of a fact and what the cited sources say about it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Item {
    pub kind: ClaimKind,
    /// The claim as the fact writes it.
    pub text: String,
    pub found: bool,
    /// The number of the source supporting it, or of the closest passage.
    pub source: Option<usize>,
    /// The supporting sentence, or the closest one when it is not found.
    pub passage: Option<String>,
    /// For a number not found: the numbers the closest passage gives.
    pub instead: Vec<String>,
}

/// The claims of `fact_text` looked up in the cited sources' texts.
pub fn check_fact(fact_text: &str, cited: &[Cited]) -> Vec<Item> {
    let words: HashSet<String> = fact_text
        .unicode_words()
        .filter(|w| w.chars().count() >= 4)
        .map(names::fold)
        .collect();
    claims(fact_text)
        .into_iter()
        .map(|claim| {
            let found = cited
                .iter()
                .find_map(|c| c.index.supports(&claim).map(|s| (c, s)));
            match found {
                Some((c, s)) => item(
                    &claim,
                    true,
                    Some(c.number),
                    Some(c.index.sentence(c.text, s)),
                    Vec::new(),
                ),
                None => {
                    let close = cited
                        .iter()
                        .filter_map(|c| c.index.closest(&words).map(|(s, n)| (n, c, s)))
                        .max_by_key(|(n, c, _)| (*n, std::cmp::Reverse(c.number)));
                    match close {
                        Some((_, c, s)) => {
                            let instead = match claim.kind {
                                ClaimKind::Number => c
                                    .index
                                    .numbers_in(c.text, s)
                                    .into_iter()
                                    .map(str::to_string)
                                    .collect(),
                                _ => Vec::new(),
                            };
                            item(
                                &claim,
                                false,
                                Some(c.number),
                                Some(c.index.sentence(c.text, s)),
                                instead,
                            )
                        }
                        None => item(&claim, false, None, None, Vec::new()),
                    }
                }
            }
        })
        .collect()
}

fn item(
    claim: &Claim,
    found: bool,
    source: Option<usize>,
    passage: Option<&str>,
    instead: Vec<String>,
) -> Item {
    Item {
        kind: claim.kind,
        text: claim.text.clone(),
        found,
        source,
        passage: passage.map(str::to_string),
        instead,
    }
}

#[cfg(test)]
mod tests;
