//! A story's evidence, fact by fact: for the `evidence` command and the
//! window's Evidence panel.
//!
//! Contract: [`of_story`] gives, for every fact, each claim with the
//! supporting (or closest) passage and its source's number; [`lines`]
//! words it for a terminal.

use super::{check_fact, cited, ClaimKind, Item};
use crate::model::{FactId, Story};
use crate::numbering::Numbering;
use serde::Serialize;
use ts_rs::TS;

/// One fact's claims and what its sources say.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct FactEvidence {
    /// The fact's 1-based number.
    pub number: usize,
    pub id: FactId,
    pub items: Vec<Item>,
    /// Whether a source it cites has saved text to look the claims up in.
    pub checked: bool,
}

/// The evidence of every fact of `story`, in fact order.
pub fn of_story(story: &Story) -> Vec<FactEvidence> {
    let numbering = Numbering::of(story);
    story
        .facts
        .iter()
        .enumerate()
        .map(|(i, fact)| {
            let cited = cited(story, &numbering, fact);
            let items = if cited.is_empty() {
                super::claims(&fact.text)
                    .into_iter()
                    .map(|c| super::item(&c, false, None, None, Vec::new()))
                    .collect()
            } else {
                check_fact(&fact.text, &cited)
            };
            FactEvidence {
                number: i + 1,
                id: fact.id,
                items,
                checked: !cited.is_empty(),
            }
        })
        .collect()
}

fn kind(kind: ClaimKind) -> &'static str {
    match kind {
        ClaimKind::Number => "number",
        ClaimKind::Date => "date",
        ClaimKind::Name => "name",
    }
}

/// The evidence as lines for a terminal: each fact, then each claim as
/// found (✓) or not (✗) with the passage that supports it or comes closest.
pub fn lines(story: &Story, evidence: &[FactEvidence]) -> Vec<String> {
    let mut out = Vec::new();
    for (fact, e) in story.facts.iter().zip(evidence) {
        out.push(format!(
            "Fact {}: {}",
            e.number,
            crate::wording::one_line(&fact.text)
        ));
        if !e.checked && !e.items.is_empty() {
            out.push("  (no source it cites has saved text to check it against)".into());
            continue;
        }
        for item in &e.items {
            let mark = if item.found { "✓" } else { "✗" };
            let mut line = format!("  {mark} {} “{}”", kind(item.kind), item.text);
            if !item.instead.is_empty() {
                line.push_str(&format!(
                    " — source {} says “{}”",
                    item.source.unwrap_or_default(),
                    item.instead.join("”, “")
                ));
            }
            if let (Some(source), Some(passage)) = (item.source, &item.passage) {
                let which = if item.found { "source" } else { "closest, source" };
                line.push_str(&format!(
                    "\n      ({which} {source}) {}",
                    crate::wording::one_line(passage)
                ));
            }
            out.push(line);
        }
    }
    out
}
