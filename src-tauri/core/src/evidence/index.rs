//! A source's saved text read once for looking claims up: its sentences,
//! and the numbers, dates and words in each, with where they stand.
//!
//! Contract: [`SourceIndex::of`] is linear in the text; [`SourceIndex::cached`]
//! reads each distinct text once (a bounded cache keyed by the text's length
//! and hash), so typing in a fact never reads a source again. Lookups return
//! the sentence and the span that support a claim.

use super::{dates, names, numbers, Key};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, OnceLock};
use unicode_segmentation::UnicodeSegmentation;

/// A word of the text, by the number of its folded form
/// ([`names::fold`]), with where it stands.
#[derive(Debug)]
struct Word {
    folded: u32,
    sentence: usize,
    start: usize,
    end: usize,
}

/// What supports a claim: its sentence and its span in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub sentence: usize,
    pub start: usize,
    pub end: usize,
}

/// A source's saved text, read once for looking claims up.
#[derive(Debug, Default)]
pub struct SourceIndex {
    /// Unique among the indexes of this process.
    pub(crate) id: u64,
    /// Byte spans of the sentences.
    sentences: Vec<(usize, usize)>,
    /// Each number (its span in the text) and its sentence.
    numbers: Vec<(numbers::Number, usize)>,
    /// Where each date is named.
    dates: HashMap<dates::When, Vec<Hit>>,
    words: Vec<Word>,
    /// The number of each folded word (each distinct word kept once).
    vocabulary: HashMap<String, u32>,
    /// Where each folded word stands in `words`, by its number.
    at: Vec<Vec<usize>>,
}

/// How many bytes of source text the cache keeps (it keeps a copy of each
/// text to tell it from another at the same address).
const CACHED_BYTES: usize = 256 << 20;

/// Read texts: by where a text lies in memory (the same `String` read again
/// on the next keystroke; its bytes compared, so a text changed in place is
/// read again) and by its length and hash (the same text in another
/// `String`: a story the window sent again).
#[derive(Default)]
struct Cache {
    by_place: HashMap<(usize, usize), (Arc<str>, Arc<SourceIndex>)>,
    by_content: HashMap<(usize, u64), (Arc<str>, Arc<SourceIndex>)>,
    bytes: usize,
}

impl Cache {
    /// The index kept for `text`, found by its place or else its content.
    fn get(&mut self, text: &str) -> Option<Arc<SourceIndex>> {
        let place = (text.as_ptr() as usize, text.len());
        if let Some((kept, index)) = self.by_place.get(&place) {
            if **kept == *text {
                return Some(index.clone());
            }
        }
        let (kept, index) = self
            .by_content
            .get(&content_key(text))
            .filter(|(kept, _)| **kept == *text)
            .cloned()?;
        self.by_place.insert(place, (kept, index.clone()));
        Some(index)
    }

    /// Keeps `index`, read from `text` (unless another thread kept one
    /// first, which is then the one used), emptying a full cache first.
    fn keep(&mut self, text: &str, index: Arc<SourceIndex>) -> Arc<SourceIndex> {
        if let Some(kept) = self.get(text) {
            return kept;
        }
        if self.bytes + text.len() > CACHED_BYTES {
            *self = Cache::default();
        }
        let entry: (Arc<str>, Arc<SourceIndex>) = (Arc::from(text), index.clone());
        self.bytes += text.len();
        self.by_content.insert(content_key(text), entry.clone());
        self.by_place.insert((text.as_ptr() as usize, text.len()), entry);
        index
    }
}

/// A text's length and hash: the cache's key for a text wherever it lies.
fn content_key(text: &str) -> (usize, u64) {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut hasher);
    (text.len(), hasher.finish())
}

fn cache() -> &'static Mutex<Cache> {
    static CACHE: OnceLock<Mutex<Cache>> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}

/// Tells indexes apart in the memo of fact results ([`super::memo`]).
static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

impl SourceIndex {
    /// Reads `text` (see the module's contract).
    pub fn of(text: &str) -> SourceIndex {
        let mut index = SourceIndex {
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            ..SourceIndex::default()
        };
        for (at, sentence) in text.split_sentence_bound_indices() {
            let s = index.sentences.len();
            index.sentences.push((at, at + sentence.len()));
            for mut n in numbers::find(sentence) {
                n.start += at;
                n.end += at;
                index.numbers.push((n, s));
            }
            for d in dates::find(sentence, &dates::ENGLISH) {
                let hit = Hit {
                    sentence: s,
                    start: at + d.start,
                    end: at + d.end,
                };
                index.dates.entry(d.when).or_default().push(hit);
                if let dates::When::DayMonth(_, m) = d.when {
                    index.dates.entry(dates::When::Month(m)).or_default().push(hit);
                }
            }
            let base = sentence.as_ptr() as usize;
            let mut folded = String::new();
            for word in sentence.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}') {
                if word.is_empty() {
                    continue;
                }
                let start = at + (word.as_ptr() as usize - base);
                names::fold_into(word, &mut folded);
                let number = index.number(&folded);
                index.at[number as usize].push(index.words.len());
                index.words.push(Word {
                    folded: number,
                    sentence: s,
                    start,
                    end: start + word.len(),
                });
            }
        }
        index
    }

    /// The number of folded word `word`, given it if it has none yet.
    fn number(&mut self, word: &str) -> u32 {
        if let Some(&n) = self.vocabulary.get(word) {
            return n;
        }
        let n = u32::try_from(self.at.len()).unwrap_or(u32::MAX);
        self.vocabulary.insert(word.to_string(), n);
        self.at.push(Vec::new());
        n
    }

    /// Where folded word `word` stands in the words of the text.
    fn places(&self, word: &str) -> &[usize] {
        self.vocabulary
            .get(word)
            .and_then(|&n| self.at.get(n as usize))
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// The index of `text`, read once per distinct text.
    pub fn cached(text: &str) -> Arc<SourceIndex> {
        Self::cached_all(&[text]).remove(0)
    }

    /// The indexes of `texts`, in order: those the cache holds, and the
    /// others read (on every core when there are many, a long story's
    /// first open) and kept. The cache is not locked while texts are read.
    pub fn cached_all(texts: &[&str]) -> Vec<Arc<SourceIndex>> {
        let mut found: Vec<Option<Arc<SourceIndex>>> = {
            let mut cache = cache().lock().unwrap_or_else(|p| p.into_inner());
            texts.iter().map(|text| cache.get(text)).collect()
        };
        let missing: Vec<(usize, &str)> = (found.iter().zip(texts))
            .enumerate()
            .filter(|(_, (index, _))| index.is_none())
            .map(|(i, (_, text))| (i, *text))
            .collect();
        let read = super::parallel::map(&missing, |(_, text)| SourceIndex::of(text));
        let mut cache = cache().lock().unwrap_or_else(|p| p.into_inner());
        for ((i, text), index) in missing.into_iter().zip(read) {
            found[i] = Some(cache.keep(text, Arc::new(index)));
        }
        found.into_iter().flatten().collect()
    }

    /// Where the text supports a claim, if it does.
    pub(crate) fn supports(&self, key: &Key) -> Option<Hit> {
        match key {
            Key::Number(n) => self.numbers.iter().find(|(m, _)| m.same(n)).map(|(m, s)| Hit {
                sentence: *s,
                start: m.start,
                end: m.end,
            }),
            Key::Date(when) => self.dates.get(when).and_then(|hits| hits.first().copied()),
            Key::Name(words) => self.name(words),
        }
    }

    fn name(&self, words: &[String]) -> Option<Hit> {
        let span = |first: usize, last: usize| Hit {
            sentence: self.words[first].sentence,
            start: self.words[first].start,
            end: self.words[last].end,
        };
        let numbers: Option<Vec<u32>> = words.iter().map(|w| self.vocabulary.get(w).copied()).collect();
        let whole = numbers.and_then(|numbers| {
            self.at.get(*numbers.first()? as usize)?.iter().find(|&&i| {
                numbers
                    .iter()
                    .enumerate()
                    .all(|(k, n)| self.words.get(i + k).is_some_and(|x| x.folded == *n))
            })
        });
        if let Some(&i) = whole {
            return Some(span(i, i + words.len() - 1));
        }
        // A person named in full in the fact is often named by the last
        // name alone in the article ("Shoigu said").
        if words.len() < 2 {
            return None;
        }
        self.places(words.last()?).first().map(|&i| span(i, i))
    }

    /// The sentence sharing the most words with `fact` (folded words of
    /// four letters or more), and how many it shares.
    pub(crate) fn closest(&self, fact: &HashSet<String>) -> Option<(usize, usize)> {
        let mut shared: HashMap<usize, usize> = HashMap::new();
        for word in fact {
            let mut seen = HashSet::new();
            for &i in self.places(word) {
                let s = self.words[i].sentence;
                if seen.insert(s) {
                    *shared.entry(s).or_default() += 1;
                }
            }
        }
        shared.into_iter().max_by_key(|&(s, n)| (n, std::cmp::Reverse(s)))
    }

    /// The numbers of sentence `s`, as `text` writes them.
    pub(crate) fn numbers_in(&self, text: &str, s: usize) -> Vec<String> {
        self.numbers
            .iter()
            .filter(|(_, at)| *at == s)
            .filter_map(|(n, _)| text.get(n.start..n.end))
            .map(str::to_string)
            .collect()
    }

    /// Sentence `s` of `text`, without the white space around it.
    pub(crate) fn sentence<'t>(&self, text: &'t str, s: usize) -> &'t str {
        let (a, b) = self.sentences[s];
        text.get(a..b).unwrap_or_default().trim()
    }

    /// The hit's sentence, and that sentence cut around the hit.
    pub(crate) fn marked<'t>(&self, text: &'t str, hit: &Hit) -> (&'t str, Option<[String; 3]>) {
        let sentence = self.sentence(text, hit.sentence);
        let offset = sentence.as_ptr() as usize - text.as_ptr() as usize;
        let (a, b) = (hit.start.saturating_sub(offset), hit.end.saturating_sub(offset));
        let cut = match (sentence.get(..a), sentence.get(a..b), sentence.get(b..)) {
            (Some(before), Some(it), Some(after)) if !it.is_empty() => {
                Some([before.to_string(), it.to_string(), after.to_string()])
            }
            _ => None,
        };
        (sentence, cut)
    }
}
