//! Proper names in a fact: runs of capitalised words (`Kim Jong Un`,
//! `Sergei Shoigu`, `Najin`, `Bank of England`), and the form they are
//! compared in.
//!
//! Contract: [`find`] returns each name's byte span and its [`fold`]ed
//! words, leaving out a sentence's first word when it is a common word
//! ("After", "Officials"), a leading "the", a possessive ending, and the
//! month and weekday names ([`super::dates`] reads those). [`fold`] drops
//! case and diacritics, so "Shoigu's" and "SHOIGU" both fold to "shoigu".

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// Words that start sentences in capitals without being names.
const COMMON: &[&str] = &[
    "a",
    "about",
    "according",
    "after",
    "again",
    "against",
    "all",
    "also",
    "although",
    "among",
    "an",
    "and",
    "another",
    "any",
    "as",
    "at",
    "because",
    "before",
    "both",
    "but",
    "by",
    "despite",
    "during",
    "each",
    "earlier",
    "either",
    "even",
    "every",
    "few",
    "following",
    "for",
    "from",
    "further",
    "he",
    "her",
    "here",
    "his",
    "however",
    "i",
    "if",
    "in",
    "instead",
    "it",
    "its",
    "last",
    "later",
    "many",
    "meanwhile",
    "more",
    "most",
    "much",
    "neither",
    "next",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "officials",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "over",
    "per",
    "police",
    "several",
    "she",
    "since",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "through",
    "thus",
    "to",
    "today",
    "under",
    "unlike",
    "until",
    "up",
    "upon",
    "we",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "why",
    "with",
    "within",
    "without",
    "yesterday",
    "yet",
    "you",
];

/// Small words that may stand inside a name between capitalised ones.
const JOINERS: &[&str] = &[
    "of", "de", "del", "della", "der", "van", "von", "da", "al", "bin", "ibn", "la", "le", "du",
];

/// A word without case, diacritics or a possessive ending.
pub fn fold(word: &str) -> String {
    let mut folded = String::with_capacity(word.len());
    fold_into(word, &mut folded);
    folded
}

/// [`fold`] into `out`, emptied first (a text's words folded one after
/// another into one buffer allocate nothing for the words seen before).
pub fn fold_into(word: &str, out: &mut String) {
    out.clear();
    // Most words are ASCII: no diacritics to take off.
    match word.is_ascii() {
        true => out.extend(word.chars().map(|c| c.to_ascii_lowercase())),
        false => out.extend(
            word.nfd()
                .filter(|c| !is_combining_mark(*c))
                .flat_map(char::to_lowercase),
        ),
    }
    let bare = out
        .strip_suffix("'s")
        .or_else(|| out.strip_suffix("\u{2019}s"))
        .unwrap_or(out)
        .trim_end_matches(['\'', '\u{2019}'])
        .len();
    // What is left is a prefix of the word: cut in place.
    out.truncate(bare);
}

/// A name found in a fact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    pub start: usize,
    pub end: usize,
    /// Its words, folded.
    pub words: Vec<String>,
}

fn capitalised(word: &str) -> bool {
    word.starts_with(char::is_uppercase)
}

/// Whether only spaces or hyphens stand between two words of a name.
fn joined(text: &str, end: usize, next: usize) -> bool {
    text[end..next]
        .chars()
        .all(|c| c == ' ' || c == '-' || c == '\u{2010}')
}

/// The names of `text`, in order (see the module's contract).
pub fn find(text: &str, calendar: &super::dates::Calendar) -> Vec<Name> {
    let sentence_starts: Vec<usize> = text
        .split_sentence_bound_indices()
        .filter_map(|(at, s)| s.unicode_word_indices().next().map(|(i, _)| at + i))
        .collect();
    let words: Vec<(usize, &str)> = text.unicode_word_indices().collect();
    let is_date = |w: &str| {
        let lower = fold(w);
        calendar
            .months
            .iter()
            .chain(calendar.weekdays.iter())
            .any(|names| names[0] == lower)
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let (start, word) = words[i];
        let first_of_sentence = sentence_starts.binary_search(&start).is_ok();
        let skip = !capitalised(word)
            || is_date(word)
            || (first_of_sentence || fold(word) == "the") && COMMON.contains(&fold(word).as_str());
        if skip {
            i += 1;
            continue;
        }
        let mut run = vec![i];
        let mut j = i + 1;
        while j < words.len() {
            let (at, w) = words[j];
            let (prev_at, prev) = words[*run.last().unwrap_or(&i)];
            if !joined(text, prev_at + prev.len(), at) {
                break;
            }
            if capitalised(w) && !is_date(w) {
                run.push(j);
                j += 1;
            } else if JOINERS.contains(&w) && words.get(j + 1).is_some_and(|n| capitalised(n.1)) {
                run.push(j);
                run.push(j + 1);
                j += 2;
            } else {
                break;
            }
        }
        let (last_at, last) = words[*run.last().unwrap_or(&i)];
        out.push(Name {
            start,
            end: last_at + last.len(),
            words: run.iter().map(|&k| fold(words[k].1)).collect(),
        });
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::dates::ENGLISH;

    fn names(text: &str) -> Vec<String> {
        find(text, &ENGLISH)
            .iter()
            .map(|n| text[n.start..n.end].to_string())
            .collect()
    }

    #[test]
    fn finds_runs_of_capitalised_words() {
        assert_eq!(
            names("Kim Jong Un met Sergei Shoigu in Najin."),
            vec!["Kim Jong Un", "Sergei Shoigu", "Najin"]
        );
        assert_eq!(
            names("Officials at the Bank of England said so."),
            vec!["Bank of England"]
        );
        assert_eq!(
            names("After talks, Shoigu's deputy left on Monday in March."),
            vec!["Shoigu's"]
        );
        assert_eq!(
            names("The Kremlin said The Hague would rule."),
            vec!["Kremlin", "Hague"]
        );
    }

    #[test]
    fn folds_case_diacritics_and_possessives() {
        assert_eq!(fold("Shoigu's"), "shoigu");
        assert_eq!(fold("Zelenskyy\u{2019}s"), "zelenskyy");
        assert_eq!(fold("Erdoğan"), "erdogan");
        assert_eq!(fold("MÜNCHEN"), "munchen");
    }
}
