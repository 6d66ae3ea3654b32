//! Canonical plain text (or a published web page's copy) → story.

use super::*;
use crate::model::{
    Fact, FactId, Narrative, NarrativeId, Prediction, PredictionId, Source, SourceId, Stance, Story,
};
use crate::numbering::split_suffix;
use std::collections::HashMap;

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
    #[error("line {line}: a narrative must start \"Establishment-critical narrative, as provided by …\" or \"Pro-establishment narrative, as provided by …\"")]
    BadNarrative { line: usize },
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    Header,
    Facts,
    Links,
    Narratives,
    Predictions,
}

fn heading(line: &str) -> Option<Section> {
    match line {
        FACTS => Some(Section::Facts),
        LINKS => Some(Section::Links),
        NARRATIVES => Some(Section::Narratives),
        PREDICTIONS => Some(Section::Predictions),
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
    links: HashMap<usize, String>,
    narratives: Vec<Item>,
    predictions: Vec<Item>,
}

fn bullet(line: &str) -> Option<&str> {
    line.trim_start().strip_prefix('\u{2022}').map(str::trim)
}

fn link(line: &str) -> Option<(usize, String)> {
    let (n, url) = line.trim().split_once(". ")?;
    let n: usize = n.parse().ok()?;
    let url = url.trim();
    (!url.is_empty() && !url.contains(char::is_whitespace)).then(|| (n, url.to_string()))
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
                if let Some((n, url)) = link(trimmed) {
                    raw.links.insert(n, url);
                }
                continue;
            }
            Section::Facts => &mut raw.facts,
            Section::Narratives => &mut raw.narratives,
            Section::Predictions => &mut raw.predictions,
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

/// Headline, summary and image credit from the lines before the sections.
fn header(lines: &[String]) -> Result<(String, String, String), ImportError> {
    let mut credit = String::new();
    let mut rest: Vec<&str> = Vec::new();
    for line in lines {
        match line.strip_prefix(IMAGE_CREDIT_PREFIX) {
            Some(c) => credit = c.trim().to_string(),
            None => rest.push(line),
        }
    }
    let repeated = |l: &&str| rest.iter().filter(|o| *o == l).count() > 1;
    let canonical = rest.len() <= 2 && !rest.iter().any(repeated);
    if canonical {
        let headline = rest.first().ok_or(ImportError::NoHeadline)?.to_string();
        let summary = rest.get(1).map(|s| s.to_string()).unwrap_or_default();
        return Ok((headline, summary, credit));
    }
    // A web page copy: the headline is the line the page repeats (title and
    // article heading), the summary what is left once furniture and the
    // truncated teaser are gone.
    let kept: Vec<&str> = rest
        .iter()
        .copied()
        .filter(|l| !is_furniture(l) && !is_teaser(l))
        .collect();
    let headline = kept
        .iter()
        .find(|l| kept.iter().filter(|o| o == l).count() > 1)
        .or(kept.first());
    let headline = headline.ok_or(ImportError::NoHeadline)?.to_string();
    let summary = kept
        .iter()
        .find(|l| **l != headline)
        .map(|s| s.to_string())
        .unwrap_or_default();
    Ok((headline, summary, credit))
}

/// Every reading of `1A, 2B and 3C` as numbered outlets; FORMAT.md's grammar
/// fixes the numbers, so only the split points vary.
fn source_splits(body: &str) -> Vec<Vec<String>> {
    fn walk(body: &str, pos: usize, k: usize, acc: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
        if out.len() > 64 {
            return;
        }
        let rest = &body[pos..];
        if k == 1 {
            out.push(vec![rest.to_string()]);
        }
        let next = (k + 1).to_string();
        for sep in [", ", " and "] {
            let marker = format!("{sep}{next}");
            let mut from = 0;
            while let Some(at) = rest[from..].find(&marker) {
                let at = from + at;
                acc.push(rest[..at].to_string());
                let start = pos + at + marker.len();
                if sep == " and " {
                    let mut done = acc.clone();
                    done.push(body[start..].to_string());
                    out.push(done);
                } else {
                    walk(body, start, k + 1, acc, out);
                }
                acc.pop();
                from = at + 1;
            }
        }
    }
    let Some(body) = body.strip_prefix('1') else {
        return Vec::new();
    };
    let mut out = Vec::new();
    walk(body, 0, 1, &mut Vec::new(), &mut out);
    out
}

/// Outlets of the Sources line in number order, (a)/(b) suffixes removed
/// where they tell apart two sources of one outlet.
fn parse_sources(line: usize, body: &str) -> Result<Vec<String>, ImportError> {
    let body = body.strip_suffix('.').unwrap_or(body);
    // The reading with the most sources wins: a split point that FORMAT.md's
    // grammar allows is far likelier than an outlet named "X and 2Y".
    let labels = source_splits(body)
        .into_iter()
        .max_by_key(Vec::len)
        .ok_or(ImportError::BadSources { line })?;
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

fn parse_narrative(item: &Item, known: &[&str]) -> Result<Narrative, ImportError> {
    let bad = || ImportError::BadNarrative { line: item.line };
    let (label, rest) = item.text.split_once(AS_PROVIDED_BY).ok_or_else(bad)?;
    let stance = match label.to_lowercase().as_str() {
        "establishment-critical" => Stance::EstablishmentCritical,
        "pro-establishment" => Stance::ProEstablishment,
        _ => return Err(bad()),
    };
    let splits: Vec<usize> = rest.match_indices(". ").map(|(i, _)| i).collect();
    let at = splits
        .iter()
        .copied()
        .find(|&i| known.contains(&&rest[..i]))
        .or(splits.first().copied());
    let (outlet, text) = match at {
        Some(i) => (&rest[..i], rest[i + 2..].trim()),
        None => (rest.strip_suffix('.').unwrap_or(rest), ""),
    };
    Ok(Narrative {
        id: NarrativeId::new(),
        stance,
        outlet: outlet.trim().to_string(),
        text: text.to_string(),
    })
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
    let (headline, summary, image_credit) = header(&raw.header)?;
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
            url: raw.links.get(&(i + 1)).cloned().unwrap_or_default(),
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
    let known: Vec<&str> = story.sources.iter().map(|s| s.outlet.as_str()).collect();
    story.narratives = raw
        .narratives
        .iter()
        .map(|n| parse_narrative(n, &known))
        .collect::<Result<_, _>>()?;
    story.predictions = raw
        .predictions
        .iter()
        .map(|p| parse_prediction(&p.text))
        .collect();
    Ok(story)
}

#[cfg(test)]
#[path = "import_tests.rs"]
mod tests;
