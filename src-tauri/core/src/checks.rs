//! The publish gate: every error and warning of FORMAT.md as a pure function.
//!
//! Contract: [`check`] never fails and never changes the story; it returns
//! [`Finding`]s with a stable `code` (what the UI and scripts branch on), a
//! severity, a message for people and the [`Target`] it is about. A story may
//! be published exactly when no finding is an error ([`publishable`]).

use crate::model::{FactId, NarrativeId, PredictionId, SourceId, Stance, Story, HEADLINE_MAX_CHARS};
use crate::numbering::Numbering;
use crate::registry::Registry;
use crate::{quotes, urls};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use ts_rs::TS;

/// Facts longer than this many characters get a warning.
pub const FACT_LONG_CHARS: usize = 500;

/// Whether a headline of `chars` characters (trimmed) is past
/// [`HEADLINE_MAX_CHARS`]: the gate refuses it, and the editor marks its count.
pub fn headline_too_long(chars: usize) -> bool {
    chars > HEADLINE_MAX_CHARS
}

/// Whether a fact of `chars` characters (trimmed) is past
/// [`FACT_LONG_CHARS`]: the gate warns, and the editor marks its count.
pub fn fact_too_long(chars: usize) -> bool {
    chars > FACT_LONG_CHARS
}

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum Severity {
    /// Blocks publishing.
    Error,
    /// Shown, does not block.
    Warning,
    /// Worth knowing, not a failure (e.g. nothing to check a quotation against).
    Info,
}

/// The part of the story a finding is about, so the editor can jump to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[ts(export)]
pub enum Target {
    /// A story-level field: `headline`, `summary`, `image-credit`, `facts`, `narratives`.
    Story {
        field: String,
    },
    Fact {
        id: FactId,
    },
    /// A fact's citation of `source`, which may no longer exist.
    Citation {
        fact: FactId,
        source: SourceId,
    },
    /// A source field: `outlet`, `url`, `title`, or `citations`.
    Source {
        id: SourceId,
        field: String,
    },
    /// A narrative field: `outlet`, `text`.
    Narrative {
        id: NarrativeId,
        field: String,
    },
    /// A prediction field: `statement`, `probability`.
    Prediction {
        id: PredictionId,
        field: String,
    },
}

pub use crate::finding_code::FindingCode;

/// One thing the gate has to say about a story.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Finding {
    /// Stable, kebab-case; never renamed once shipped.
    pub code: FindingCode,
    pub severity: Severity,
    pub message: String,
    pub target: Target,
    /// A word diff that explains the finding (a cited article that changed).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<crate::history::Span>>", optional)]
    pub detail: Vec<crate::history::Span>,
}

/// Whether `findings` allow publishing (no errors).
pub fn publishable(findings: &[Finding]) -> bool {
    findings.iter().all(|f| f.severity != Severity::Error)
}

struct Gate(Vec<Finding>);

impl Gate {
    fn push(&mut self, severity: Severity, code: FindingCode, target: Target, message: String) {
        self.0.push(Finding {
            code,
            severity,
            message,
            target,
            detail: Vec::new(),
        });
    }
    fn error(&mut self, code: FindingCode, target: Target, message: String) {
        self.push(Severity::Error, code, target, message);
    }
    fn warning(&mut self, code: FindingCode, target: Target, message: String) {
        self.push(Severity::Warning, code, target, message);
    }
}

fn story_field(field: &str) -> Target {
    Target::Story { field: field.into() }
}

fn short(text: &str) -> String {
    let t: String = text.chars().take(60).collect();
    if text.chars().count() > 60 {
        format!("\u{201C}{}\u{2026}\u{201D}", t.trim_end())
    } else {
        format!("\u{201C}{t}\u{201D}")
    }
}

/// `text` with its own double quotation marks made single, so it reads
/// clearly inside the message's double quotes (“he said ‘no’”).
fn inner_quotes(text: &str) -> String {
    let mut before = ' ';
    text.chars()
        .map(|c| {
            let single = match c {
                '\u{201C}' | '\u{201E}' => '\u{2018}',
                '\u{201D}' => '\u{2019}',
                '\u{00AB}' => '\u{2039}',
                '\u{00BB}' => '\u{203A}',
                // A straight mark opens after a space or an opening bracket.
                '"' if before.is_whitespace() || "([{".contains(before) => '\u{2018}',
                '"' => '\u{2019}',
                c => c,
            };
            before = c;
            single
        })
        .collect()
}

/// All findings for `story` against the outlet `registry`, errors first,
/// each group in story order.
pub fn check(story: &Story, registry: &Registry) -> Vec<Finding> {
    check_numbered(story, &Numbering::of(story), registry)
}

/// [`check`] with the story's numbering already made (the live analysis
/// needs it too, and making it is most of the work on a long story).
pub fn check_numbered(story: &Story, numbering: &Numbering, registry: &Registry) -> Vec<Finding> {
    check_with(story, numbering, registry, Evidence::Checked)
}

/// Whether the checks look facts up in their sources' saved text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    Checked,
    /// Not looked up: only what its cost is measured against (`benches/evidence.rs`).
    Skipped,
}

/// [`check_numbered`], with the evidence check or without it.
pub fn check_with(
    story: &Story,
    numbering: &Numbering,
    registry: &Registry,
    evidence: Evidence,
) -> Vec<Finding> {
    let mut gate = Gate(Vec::new());
    headline(story, &mut gate);
    facts(story, numbering, &mut gate);
    if evidence == Evidence::Checked {
        gate.0.extend(crate::evidence::findings(story, numbering));
    }
    sources(story, numbering, &mut gate);
    ratings(story, numbering, registry, &mut gate);
    narratives(story, &mut gate);
    stances(story, registry, &mut gate);
    predictions(story, &mut gate);
    bidi(story, &mut gate);
    let mut findings = gate.0;
    findings.sort_by_key(|f| f.severity);
    findings
}

fn headline(story: &Story, gate: &mut Gate) {
    let h = story.headline.trim();
    if h.is_empty() {
        gate.error(
            FindingCode::HeadlineMissing,
            story_field("headline"),
            "The story has no headline.".into(),
        );
    }
    let n = h.chars().count();
    if headline_too_long(n) {
        gate.error(
            FindingCode::HeadlineTooLong,
            story_field("headline"),
            format!("The headline has {n} characters; at most {HEADLINE_MAX_CHARS} are allowed."),
        );
    }
    if h.contains(['\n', '\r']) {
        gate.error(
            FindingCode::HeadlineMultiline,
            story_field("headline"),
            "The headline must be one line.".into(),
        );
    }
    if !crate::language::valid(&story.language) {
        gate.error(
            FindingCode::LanguageInvalid,
            story_field("language"),
            format!(
                "The story's language {:?} is not a language tag such as en, en-GB or ru.",
                story.language
            ),
        );
    }
}

fn facts(story: &Story, numbering: &Numbering, gate: &mut Gate) {
    if story.facts.is_empty() {
        gate.error(
            FindingCode::FactsMissing,
            story_field("facts"),
            "The story has no facts.".into(),
        );
    }
    for (i, fact) in story.facts.iter().enumerate() {
        let n = i + 1;
        let target = Target::Fact { id: fact.id };
        let text = fact.text.trim();
        if text.is_empty() {
            gate.error(
                FindingCode::FactEmpty,
                target.clone(),
                format!("Fact {n} has no text."),
            );
        }
        if fact.citations.is_empty() {
            gate.error(
                FindingCode::FactUncited,
                target.clone(),
                format!("Fact {n} cites no source."),
            );
        }
        for source in &fact.citations {
            if numbering.number(*source).is_none() {
                gate.error(
                    FindingCode::CitationDangling,
                    Target::Citation {
                        fact: fact.id,
                        source: *source,
                    },
                    format!("Fact {n} cites a source that no longer exists."),
                );
            }
        }
        let len = text.chars().count();
        if fact_too_long(len) {
            gate.warning(
                FindingCode::FactTooLong,
                target.clone(),
                format!("Fact {n} has {len} characters; facts should be short (at most {FACT_LONG_CHARS})."),
            );
        }
        if text.ends_with(|c: char| c.is_ascii_digit()) && !fact.citations.is_empty() {
            gate.warning(
                FindingCode::FactUnterminated,
                target.clone(),
                format!("Fact {n} ends in a digit, so its citation numbers would run into it in plain text; end it with punctuation."),
            );
        }
        quotations(story, numbering, n, fact, gate);
    }
}

fn quotations(story: &Story, numbering: &Numbering, n: usize, fact: &crate::model::Fact, gate: &mut Gate) {
    let texts: Vec<&str> = fact
        .citations
        .iter()
        .filter_map(|id| numbering.source(story, *id))
        .map(|s| s.saved_text.as_str())
        .filter(|t| !t.trim().is_empty())
        .collect();
    for quote in quotes::extract(&fact.text) {
        let target = Target::Fact { id: fact.id };
        if texts.is_empty() {
            gate.push(
                Severity::Info,
                FindingCode::QuoteUnchecked,
                target,
                format!(
                    "Fact {n} quotes {} but no source it cites has saved text to check it against.",
                    short(&quote)
                ),
            );
            continue;
        }
        if texts.iter().any(|t| quotes::find(&quote, t)) {
            continue;
        }
        let closest = texts.iter().find_map(|t| quotes::closest_passage(&quote, t));
        let message = match closest {
            Some(p) => format!(
                "Fact {n} quotes {} but the cited sources do not say that. Nearest passage: {}.",
                short(&quote),
                short(&inner_quotes(&p))
            ),
            None => format!(
                "Fact {n} quotes {} but the cited sources do not say that.",
                short(&quote)
            ),
        };
        gate.warning(FindingCode::QuoteNotFound, target, message);
    }
}

fn sources(story: &Story, numbering: &Numbering, gate: &mut Gate) {
    let cited: HashSet<SourceId> = story
        .facts
        .iter()
        .flat_map(|f| f.citations.iter().copied())
        .collect();
    let mut by_url: HashMap<String, usize> = HashMap::new();
    for source in &story.sources {
        let n = numbering.number(source.id).unwrap_or(0);
        let at = |field: &str| Target::Source {
            id: source.id,
            field: field.into(),
        };
        if !cited.contains(&source.id) {
            gate.error(
                FindingCode::SourceUncited,
                at("citations"),
                format!("Source {n} is cited by no fact."),
            );
        }
        if source.outlet.trim().is_empty() {
            gate.error(
                FindingCode::SourceOutletMissing,
                at("outlet"),
                format!("Source {n} has no outlet name."),
            );
        }
        match urls::check(&source.url) {
            Ok(url) => {
                let canonical = urls::canonical_of(url);
                match by_url.get(&canonical) {
                    Some(first) => gate.warning(
                        FindingCode::SourceUrlDuplicate,
                        at("url"),
                        format!("Source {n} has the same URL as source {first}."),
                    ),
                    None => {
                        by_url.insert(canonical, n);
                    }
                }
            }
            Err(urls::UrlProblem::Empty) => gate.error(
                FindingCode::SourceUrlMissing,
                at("url"),
                format!("Source {n} has no URL."),
            ),
            Err(urls::UrlProblem::NotHttp(scheme)) => gate.error(
                FindingCode::SourceUrlInvalid,
                at("url"),
                format!("Source {n} has a {scheme}: URL; only http and https are allowed."),
            ),
            Err(urls::UrlProblem::Unparsable(why)) => gate.error(
                FindingCode::SourceUrlInvalid,
                at("url"),
                format!("Source {n} has a URL that is not a web address ({why})."),
            ),
        }
    }
    let outlets: HashSet<String> = cited
        .iter()
        .filter_map(|id| numbering.source(story, *id))
        .map(|s| crate::registry::outlet_key(&s.outlet))
        .collect();
    if story.facts.len() >= 2 && outlets.len() == 1 {
        gate.warning(
            FindingCode::FactsSingleOutlet,
            story_field("facts"),
            "All facts rest on a single outlet.".into(),
        );
    }
}

fn ratings(story: &Story, numbering: &Numbering, registry: &Registry, gate: &mut Gate) {
    for source in story.sources.iter().filter(|s| !s.outlet.trim().is_empty()) {
        let n = numbering.number(source.id).unwrap_or(0);
        let rated = registry
            .for_source(source)
            .is_some_and(|o| o.lr.is_some() || o.cp.is_some());
        if !rated {
            gate.warning(
                FindingCode::SourceOutletUnrated,
                Target::Source {
                    id: source.id,
                    field: "outlet".into(),
                },
                format!(
                    "Source {n}'s outlet {} has no rating in the outlet registry.",
                    short(source.outlet.trim())
                ),
            );
        }
    }
}

fn stances(story: &Story, registry: &Registry, gate: &mut Gate) {
    // CP ratings speak only to the establishment axis.
    if story.axis.is_some() {
        return;
    }
    for (i, narrative) in story.narratives.iter().enumerate() {
        let Some(cp) = registry.by_name(&narrative.outlet).and_then(|o| o.cp) else {
            continue;
        };
        let clash = match narrative.stance {
            Stance::EstablishmentCritical => cp >= 4,
            Stance::ProEstablishment => cp <= 2,
        };
        if clash {
            gate.warning(
                FindingCode::NarrativeStanceMismatch,
                Target::Narrative {
                    id: narrative.id,
                    field: "stance".into(),
                },
                format!(
                    "Narrative {} is tagged {} but its outlet {} is rated CP {cp} (1 establishment-critical .. 5 pro-establishment).",
                    i + 1,
                    narrative.stance.as_str(),
                    short(narrative.outlet.trim())
                ),
            );
        }
    }
}

fn narratives(story: &Story, gate: &mut Gate) {
    if let Some(pair) = &story.axis {
        if pair.first.trim().is_empty() || pair.second.trim().is_empty() {
            gate.error(
                FindingCode::NarrativeAxisUnnamed,
                story_field("axis"),
                "The narratives' two sides both need a name (for example Pro-Ukraine and Pro-Russia).".into(),
            );
        }
    }
    for (stance, code) in [
        (
            Stance::EstablishmentCritical,
            FindingCode::NarrativeCriticalMissing,
        ),
        (Stance::ProEstablishment, FindingCode::NarrativeProMissing),
    ] {
        if !story.narratives.iter().any(|n| n.stance == stance) {
            let side = story.side_label(stance);
            let (code, what) = match story.axis {
                None => (code, stance.as_str().to_string()),
                Some(_) if side.is_empty() => (
                    FindingCode::NarrativeSideMissing,
                    format!("{} side's", ["first", "second"][stance.side()]),
                ),
                Some(_) => (FindingCode::NarrativeSideMissing, side),
            };
            gate.error(
                code,
                story_field("narratives"),
                format!("The story needs at least one {what} narrative."),
            );
        }
    }
    for (i, narrative) in story.narratives.iter().enumerate() {
        let at = |field: &str| Target::Narrative {
            id: narrative.id,
            field: field.into(),
        };
        if narrative.outlet.trim().is_empty() {
            gate.error(
                FindingCode::NarrativeOutletMissing,
                at("outlet"),
                format!("Narrative {} has no outlet.", i + 1),
            );
        }
        if narrative.text.trim().is_empty() {
            gate.error(
                FindingCode::NarrativeTextMissing,
                at("text"),
                format!("Narrative {} has no text.", i + 1),
            );
        }
    }
}

fn predictions(story: &Story, gate: &mut Gate) {
    for (i, p) in story.predictions.iter().enumerate() {
        let at = |field: &str| Target::Prediction {
            id: p.id,
            field: field.into(),
        };
        if p.statement.trim().is_empty() {
            gate.error(
                FindingCode::PredictionStatementMissing,
                at("statement"),
                format!("Prediction {} has no statement.", i + 1),
            );
        }
        if let Some(pct) = p.probability.filter(|&v| v > 100) {
            gate.error(
                FindingCode::PredictionProbabilityInvalid,
                at("probability"),
                format!(
                    "Prediction {} has a probability of {pct}%; it must be 0-100.",
                    i + 1
                ),
            );
        }
    }
}

/// Bidi embedding, override and isolate controls (U+202A–U+202E,
/// U+2066–U+2069): invisible, they can make text read differently than typed.
pub fn has_bidi_control(text: &str) -> bool {
    text.chars()
        .any(|c| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
}

fn bidi(story: &Story, gate: &mut Gate) {
    let mut fields: Vec<(Target, String, &str)> = vec![
        (story_field("headline"), "The headline".into(), &story.headline),
        (story_field("summary"), "The summary".into(), &story.summary),
        (
            story_field("image-credit"),
            "The image credit".into(),
            &story.image_credit,
        ),
    ];
    for (i, f) in story.facts.iter().enumerate() {
        fields.push((Target::Fact { id: f.id }, format!("Fact {}", i + 1), &f.text));
    }
    for (i, s) in story.sources.iter().enumerate() {
        for (field, value) in [("outlet", &s.outlet), ("title", &s.title), ("url", &s.url)] {
            let target = Target::Source {
                id: s.id,
                field: field.into(),
            };
            fields.push((target, format!("The {field} of source {}", i + 1), value));
        }
    }
    for (i, n) in story.narratives.iter().enumerate() {
        for (field, value) in [("outlet", &n.outlet), ("text", &n.text)] {
            let target = Target::Narrative {
                id: n.id,
                field: field.into(),
            };
            fields.push((target, format!("The {field} of narrative {}", i + 1), value));
        }
    }
    for (i, p) in story.predictions.iter().enumerate() {
        for (field, value) in [("statement", &p.statement), ("forecaster", &p.forecaster)] {
            let target = Target::Prediction {
                id: p.id,
                field: field.into(),
            };
            fields.push((target, format!("The {field} of prediction {}", i + 1), value));
        }
    }
    for (target, what, text) in fields {
        if has_bidi_control(text) {
            gate.warning(
                FindingCode::TextBidiControl,
                target,
                format!("{what} contains bidi control characters that can reorder what readers see."),
            );
        }
    }
}

#[cfg(test)]
#[path = "checks_tests.rs"]
mod tests;
