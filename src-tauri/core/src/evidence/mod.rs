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
mod index;
mod memo;
pub mod names;
pub mod numbers;
mod parallel;
mod report;

pub use findings::findings;
pub use index::SourceIndex;
pub use report::{lines, of_numbered, of_story, FactEvidence};

use serde::Serialize;
use std::collections::HashSet;
use std::sync::Arc;
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
pub(crate) enum Key {
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
    pub(crate) key: Key,
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

/// A cited source with saved text, as the check reads it.
pub struct Cited<'a> {
    /// Its live number in the story.
    pub number: usize,
    pub text: &'a str,
    pub index: Arc<SourceIndex>,
}

/// One claim of a fact and what the cited sources say about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
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
    /// A supporting passage cut around what supports the claim: before it,
    /// it, after it (so the window marks it without searching).
    pub marked: Option<[String; 3]>,
    /// What was found, in words: "number “2.5M”, in source 1".
    pub label: String,
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
            if let Some((c, hit)) = cited
                .iter()
                .find_map(|c| c.index.supports(&claim.key).map(|h| (c, h)))
            {
                let (passage, marked) = c.index.marked(c.text, &hit);
                let mut found = item(&claim, true, Some(c.number), Some(passage), Vec::new());
                found.marked = marked;
                return found;
            }
            let close = cited
                .iter()
                .filter_map(|c| c.index.closest(&words).map(|(s, n)| (n, c, s)))
                .max_by_key(|(n, c, _)| (*n, std::cmp::Reverse(c.number)));
            match close {
                Some((_, c, s)) => {
                    let instead = match claim.kind {
                        ClaimKind::Number => c.index.numbers_in(c.text, s),
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
    let kind = match claim.kind {
        ClaimKind::Number => "number",
        ClaimKind::Date => "date",
        ClaimKind::Name => "name",
    };
    let what = format!("{kind} “{}”", claim.text);
    let label = match (found, source) {
        (true, Some(n)) => format!("{what}, in source {n}"),
        (false, Some(n)) if !instead.is_empty() => format!(
            "{what}, not in the cited sources; the closest passage, in source {n}, says “{}”",
            instead.join("”, “")
        ),
        (false, Some(n)) => format!("{what}, not in the cited sources; the closest passage is in source {n}"),
        _ => what,
    };
    Item {
        kind: claim.kind,
        text: claim.text.clone(),
        found,
        source,
        passage: passage.map(str::to_string),
        instead,
        marked: None,
        label,
    }
}

#[cfg(test)]
mod tests;
