//! Canonical plain text (or a published web page's copy) → story.

use super::*;
use crate::model::{
    Correction, Fact, FactId, Narrative, NarrativeId, NarrativePair, Prediction, PredictionId, Source,
    SourceId, Stance, Story, Withdrawal, ESTABLISHMENT_LABELS,
};
use crate::numbering::split_suffix;
use chrono::{DateTime, Utc};
use std::collections::{HashMap, HashSet};

/// Why a text could not be read as a story. Messages name what is wrong and
/// are meant to follow the file name in one line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("the text is empty")]
    Empty,
    #[error("no story sections found (expected a line reading \"Facts\", \"Sources: …\" or \"Narratives\")")]
    NoSections,
    #[error("no headline found before the \"Facts\" section")]
    NoHeadline,
    #[error(
        "line {line}: the Sources line cannot be read; expected \"Sources: 1Outlet, 2Outlet and 3Outlet.\""
    )]
    BadSources { line: usize },
    #[error("line {line}: a narrative must start \"<Side> narrative, as provided by …\", such as \"Establishment-critical narrative, as provided by …\" or \"Pro-Ukraine narrative, as provided by …\"")]
    BadNarrative { line: usize },
    #[error("line {line}: {why}")]
    NarrativeSides { line: usize, why: String },
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    Header,
    Facts,
    Links,
    Narratives,
    Predictions,
    Corrections,
}

fn heading(line: &str) -> Option<Section> {
    match line {
        FACTS => Some(Section::Facts),
        LINKS => Some(Section::Links),
        NARRATIVES => Some(Section::Narratives),
        PREDICTIONS => Some(Section::Predictions),
        CORRECTIONS => Some(Section::Corrections),
        _ => None,
    }
}

/// A bullet item with the number of the line it starts on.
struct Item {
    line: usize,
    text: String,
}

#[derive(Default)]
struct Raw {
    header: Vec<String>,
    facts: Vec<Item>,
    sources: Option<(usize, String)>,
    links: HashMap<usize, (String, Option<DateTime<Utc>>)>,
    narratives: Vec<Item>,
    predictions: Vec<Item>,
    corrections: Vec<Item>,
}

fn bullet(line: &str) -> Option<&str> {
    line.trim_start().strip_prefix('\u{2022}').map(str::trim)
}

fn link(line: &str) -> Option<(usize, String, Option<DateTime<Utc>>)> {
    let (n, rest) = line.trim().split_once(". ")?;
    let n: usize = n.parse().ok()?;
    let (url, captured) = match rest.trim().split_once(crate::wording::CAPTURED_PREFIX) {
        Some((url, note)) => (url.trim(), captured_at(note.strip_suffix(')')?)),
        None => (rest.trim(), None),
    };
    (!url.is_empty() && !url.contains(char::is_whitespace)).then(|| (n, url.to_string(), captured))
}

/// The time a Links line says its article was captured.
fn captured_at(note: &str) -> Option<DateTime<Utc>> {
    chrono::NaiveDateTime::parse_from_str(note, crate::wording::CAPTURED_FORMAT)
        .ok()
        .map(|t| t.and_utc())
}

fn scan(text: &str) -> Result<Raw, ImportError> {
    let mut raw = Raw::default();
    let mut section = Section::Header;
    let mut recognised = false;
    let mut continues = false;
    for (i, line) in text.lines().enumerate() {
        let number = i + 1;
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continues = false;
            continue;
        }
        if let Some(next) = heading(trimmed) {
            section = next;
            recognised = true;
            continues = false;
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix(SOURCES_PREFIX) {
            raw.sources = Some((number, rest.trim().to_string()));
            section = Section::Links;
            recognised = true;
            continues = false;
            continue;
        }
        let list = match section {
            Section::Header => {
                raw.header.push(trimmed.to_string());
                continue;
            }
            Section::Links => {
                if let Some((n, url, captured)) = link(trimmed) {
                    raw.links.insert(n, (url, captured));
                }
                continue;
            }
            Section::Facts => &mut raw.facts,
            Section::Narratives => &mut raw.narratives,
            Section::Predictions => &mut raw.predictions,
            Section::Corrections => &mut raw.corrections,
        };
        match bullet(line) {
            Some(item) => {
                list.push(Item {
                    line: number,
                    text: item.to_string(),
                });
                continues = true;
            }
            // A wrapped bullet goes on without a blank line; anything else
            // between sections is page furniture.
            None if continues => {
                if let Some(last) = list.last_mut() {
                    last.text.push(' ');
                    last.text.push_str(trimmed);
                }
            }
            None => {}
        }
    }
    if recognised {
        Ok(raw)
    } else {
        Err(ImportError::NoSections)
    }
}

fn is_furniture(line: &str) -> bool {
    let l = line.to_lowercase();
    const EXACT: &[&str] = &[
        "ok, thanks",
        "read more",
        "advertisement",
        "share",
        "listen",
        "facts",
    ];
    const STARTS: &[&str] = &[
        "subscribe to",
        "success! now check your email",
        "to complete subscribe",
        "get our free",
        "sign up for",
        "by ",
    ];
    EXACT.contains(&l.as_str()) || STARTS.iter().any(|s| l.starts_with(s)) || l.ends_with("profile image")
}

fn is_teaser(line: &str) -> bool {
    line.ends_with("...") || line.ends_with('\u{2026}')
}

/// How often each line occurs.
fn counts<'a>(lines: &[&'a str]) -> HashMap<&'a str, usize> {
    let mut seen: HashMap<&str, usize> = HashMap::with_capacity(lines.len());
    for l in lines {
        *seen.entry(*l).or_default() += 1;
    }
    seen
}

/// `2026-11-24: text` as a date (midnight UTC) and the text.
fn dated(line: &str) -> Option<(chrono::DateTime<chrono::Utc>, &str)> {
    let (date, text) = line.split_once(": ")?;
    let day = chrono::NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").ok()?;
    Some((day.and_hms_opt(0, 0, 0)?.and_utc(), text.trim()))
}

/// What the lines before the sections say.
struct Header {
    headline: String,
    summary: String,
    credit: String,
    withdrawal: Option<Withdrawal>,
}

/// Headline, summary, image credit and withdrawal from the lines before the sections.
fn header(lines: &[String]) -> Result<Header, ImportError> {
    let mut credit = String::new();
    let mut withdrawal = None;
    let mut rest: Vec<&str> = Vec::new();
    for line in lines {
        if let Some(c) = line.strip_prefix(IMAGE_CREDIT_PREFIX) {
            credit = c.trim().to_string();
        } else if let Some((at, reason)) = line.strip_prefix(WITHDRAWN_PREFIX).and_then(dated) {
            withdrawal = Some(Withdrawal {
                at,
                reason: reason.to_string(),
            });
        } else {
            rest.push(line);
        }
    }
    let seen = counts(&rest);
    let canonical = rest.len() <= 2 && seen.values().all(|&c| c == 1);
    if canonical {
        let headline = rest.first().ok_or(ImportError::NoHeadline)?.to_string();
        let summary = rest.get(1).map(|s| s.to_string()).unwrap_or_default();
        return Ok(Header {
            headline,
            summary,
            credit,
            withdrawal,
        });
    }
    // A web page copy: the headline is the line the page repeats (title and
    // article heading), the summary what is left once furniture and the
    // truncated teaser are gone.
    let kept: Vec<&str> = rest
        .iter()
        .copied()
        .filter(|l| !is_furniture(l) && !is_teaser(l))
        .collect();
    let seen = counts(&kept);
    let headline = kept.iter().find(|l| seen[**l] > 1).or(kept.first());
    let headline = headline.ok_or(ImportError::NoHeadline)?.to_string();
    let summary = kept
        .iter()
        .find(|l| **l != headline)
        .map(|s| s.to_string())
        .unwrap_or_default();
    Ok(Header {
        headline,
        summary,
        credit,
        withdrawal,
    })
}

/// The reading of `1A, 2B and 3C` with the most sources. FORMAT.md's grammar
/// fixes the separators (`, 2`, `, 3`, …, ` and N`), so only their places
/// vary; each is taken at its first possible place. Linear in the line: one
/// pass finds the `, k` separators in order, one more the ` and N` places.
fn source_labels(body: &str) -> Option<Vec<&str>> {
    let body = body.strip_prefix('1')?;
    // commas[i] is the byte range of the separator `, {i + 2}`.
    let mut commas: Vec<(usize, usize)> = Vec::new();
    let mut from = 0;
    loop {
        let marker = format!(", {}", commas.len() + 2);
        let Some(at) = body[from..].find(&marker) else {
            break;
        };
        let start = from + at;
        commas.push((start, start + marker.len()));
        from = start + marker.len();
    }
    const AND: &str = " and ";
    // The best ` and N`: the largest N whose `, 2` .. `, N-1` come before it.
    let mut best: Option<(usize, usize, usize)> = None; // (n, at, end)
    for (at, _) in body.match_indices(AND) {
        let digits = &body[at + AND.len()..];
        let digits = &digits[..digits.bytes().take_while(u8::is_ascii_digit).count()];
        if digits.starts_with('0') {
            continue;
        }
        for len in 1..=digits.len().min(19) {
            let Ok(n) = digits[..len].parse::<usize>() else {
                break;
            };
            if n < 2 || n - 2 > commas.len() || best.is_some_and(|(b, _, _)| b >= n) {
                continue;
            }
            if n == 2 || commas[n - 3].1 <= at {
                best = Some((n, at, at + AND.len() + len));
            }
        }
    }
    let Some((n, and_at, and_end)) = best else {
        return Some(vec![body]);
    };
    let mut labels = Vec::with_capacity(n);
    let mut start = 0;
    for &(sep, next) in &commas[..n - 2] {
        labels.push(&body[start..sep]);
        start = next;
    }
    labels.push(&body[start..and_at]);
    labels.push(&body[and_end..]);
    Some(labels)
}

/// Outlets of the Sources line in number order, (a)/(b) suffixes removed
/// where they tell apart two sources of one outlet.
fn parse_sources(line: usize, body: &str) -> Result<Vec<String>, ImportError> {
    let body = body.strip_suffix('.').unwrap_or(body);
    // The reading with the most sources wins: a split point that FORMAT.md's
    // grammar allows is far likelier than an outlet named "X and 2Y".
    let labels = source_labels(body).ok_or(ImportError::BadSources { line })?;
    let mut suffixed: HashMap<&str, usize> = HashMap::new();
    for label in &labels {
        if let (base, Some(_)) = split_suffix(label) {
            *suffixed.entry(base).or_default() += 1;
        }
    }
    Ok(labels
        .iter()
        .map(|label| match split_suffix(label) {
            (base, Some(_)) if suffixed[base] > 1 => base.to_string(),
            _ => label.to_string(),
        })
        .collect())
}

/// A fact's text and cited numbers: only digits after the fact's last
/// non-blank character, each naming an existing source, are citations.
fn split_citations(text: &str, count: usize) -> (String, Vec<usize>) {
    let cut = text.trim_end_matches(|c: char| c.is_ascii_digit() || c == ',');
    let group = text[cut.len()..].trim_start_matches(',');
    let body = &text[..text.len() - group.len()];
    let numbers: Option<Vec<usize>> = group
        .split(',')
        .map(|n| n.parse::<usize>().ok().filter(|&n| n >= 1 && n <= count))
        .collect();
    match numbers {
        Some(ns) if !group.is_empty() && body.ends_with(|c: char| !c.is_whitespace()) => {
            (body.to_string(), ns)
        }
        _ => (text.to_string(), Vec::new()),
    }
}

/// A narrative line's side label, outlet and text.
struct Parsed<'a> {
    line: usize,
    label: &'a str,
    outlet: String,
    text: String,
}

fn parse_narrative<'a>(item: &'a Item, known: &HashSet<&str>) -> Result<Parsed<'a>, ImportError> {
    let bad = || ImportError::BadNarrative { line: item.line };
    let (label, rest) = item.text.split_once(AS_PROVIDED_BY).ok_or_else(bad)?;
    if label.trim().is_empty() {
        return Err(bad());
    }
    // Only prefixes as long as a known outlet can be one: hashing longer
    // ones would make a narrative of many sentences quadratic.
    let longest = known.iter().map(|k| k.len()).max().unwrap_or(0);
    let mut splits = rest.match_indices(". ").map(|(i, _)| i);
    let first = splits.clone().next();
    let at = splits
        .by_ref()
        .take_while(|&i| i <= longest)
        .find(|&i| known.contains(&rest[..i]))
        .or(first);
    let (outlet, text) = match at {
        Some(i) => (&rest[..i], rest[i + 2..].trim()),
        None => (rest.strip_suffix('.').unwrap_or(rest), ""),
    };
    Ok(Parsed {
        line: item.line,
        label: label.trim(),
        outlet: outlet.trim().to_string(),
        text: text.to_string(),
    })
}

/// The story's axis from its narratives' labels: the establishment axis
/// when they use its two labels, else the (at most two) labels they use, in
/// the order they first appear.
fn sides(parsed: Vec<Parsed>) -> Result<(Option<NarrativePair>, Vec<Narrative>), ImportError> {
    let establishment = |label: &str| {
        ESTABLISHMENT_LABELS
            .iter()
            .position(|l| l.eq_ignore_ascii_case(label))
    };
    let mut labels: Vec<String> = Vec::new();
    let mut axis_is_establishment: Option<bool> = None;
    let mut out = Vec::with_capacity(parsed.len());
    for p in parsed {
        let known = establishment(p.label);
        let this_is_establishment = known.is_some();
        match axis_is_establishment {
            Some(e) if e != this_is_establishment => {
                return Err(ImportError::NarrativeSides {
                    line: p.line,
                    why: format!(
                    "the narratives mix the establishment axis with the side \"{}\"; a story has one axis",
                    if this_is_establishment {
                        labels.first().map_or(p.label, |l| l.as_str())
                    } else {
                        p.label
                    }
                ),
                })
            }
            _ => axis_is_establishment = Some(this_is_establishment),
        }
        let side = match known {
            Some(side) => side,
            None => match labels.iter().position(|l| l.to_lowercase() == p.label.to_lowercase()) {
                Some(side) => side,
                None if labels.len() < 2 => {
                    labels.push(p.label.to_string());
                    labels.len() - 1
                }
                None => {
                    return Err(ImportError::NarrativeSides {
                        line: p.line,
                        why: format!(
                            "a story's narratives take two sides, and \"{}\" would be a third after \"{}\" and \"{}\"",
                            p.label, labels[0], labels[1]
                        ),
                    })
                }
            },
        };
        out.push(Narrative {
            id: NarrativeId::new(),
            stance: Stance::of_side(side),
            outlet: p.outlet,
            text: p.text,
        });
    }
    let axis = (!labels.is_empty()).then(|| NarrativePair {
        first: labels[0].clone(),
        second: labels.get(1).cloned().unwrap_or_default(),
    });
    Ok((axis, out))
}

fn parse_prediction(text: &str) -> Prediction {
    let mut p = Prediction {
        id: PredictionId::new(),
        statement: text.to_string(),
        probability: None,
        forecaster: String::new(),
    };
    let chance = ["There is a ", "There's a ", "There\u{2019}s a "]
        .iter()
        .find_map(|lead| {
            let rest = text.strip_prefix(lead)?;
            let (pct, rest) = rest.split_once("% chance that ")?;
            Some((pct.trim().parse::<u8>().ok().filter(|v| *v <= 100)?, rest))
        });
    let rest = match chance {
        Some((pct, rest)) => {
            p.probability = Some(pct);
            p.statement = rest.strip_suffix('.').unwrap_or(rest).to_string();
            p.statement.clone()
        }
        None if text.ends_with('.') && text.contains(ACCORDING_TO) => text[..text.len() - 1].to_string(),
        None => return p,
    };
    if let Some((statement, who)) = rest.rsplit_once(ACCORDING_TO) {
        p.statement = statement.to_string();
        p.forecaster = who.to_string();
    }
    p
}

/// Reads canonical text or a published page's copy into a new draft story.
pub fn import(text: &str) -> Result<Story, ImportError> {
    let text = text.trim_start_matches('\u{FEFF}');
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    let raw = scan(text)?;
    let Header {
        headline,
        summary,
        credit: image_credit,
        withdrawal,
    } = header(&raw.header)?;
    let outlets = match &raw.sources {
        Some((line, body)) => parse_sources(*line, body)?,
        None => Vec::new(),
    };
    let mut story = Story::new(headline);
    story.summary = summary;
    story.image_credit = image_credit;
    story.sources = outlets
        .into_iter()
        .enumerate()
        .map(|(i, outlet)| Source {
            id: SourceId::new(),
            outlet,
            url: raw.links.get(&(i + 1)).map(|(u, _)| u.clone()).unwrap_or_default(),
            captured_at: raw.links.get(&(i + 1)).and_then(|(_, c)| *c),
            ..Source::default()
        })
        .collect();
    let count = story.sources.len();
    story.facts = raw
        .facts
        .iter()
        .map(|item| {
            let (text, numbers) = split_citations(&item.text, count);
            let citations = numbers.into_iter().map(|n| story.sources[n - 1].id).collect();
            Fact {
                id: FactId::new(),
                text,
                citations,
            }
        })
        .collect();
    let known: HashSet<&str> = story.sources.iter().map(|s| s.outlet.as_str()).collect();
    let parsed = raw
        .narratives
        .iter()
        .map(|n| parse_narrative(n, &known))
        .collect::<Result<Vec<_>, _>>()?;
    (story.axis, story.narratives) = sides(parsed)?;
    story.predictions = raw
        .predictions
        .iter()
        .map(|p| parse_prediction(&p.text))
        .collect();
    // Corrections and a withdrawal are kept on record; the store, not the
    // file, decides them for a stored story.
    story.corrections = raw
        .corrections
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let (published_at, note) = dated(&c.text).unwrap_or((story.created_at, c.text.as_str()));
            Correction {
                edition: i as u32 + 2,
                published_at,
                note: note.to_string(),
            }
        })
        .collect();
    story.withdrawal = withdrawal;
    Ok(story)
}

#[cfg(test)]
#[path = "import_tests.rs"]
mod tests;
