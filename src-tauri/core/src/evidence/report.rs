//! A story's evidence, fact by fact: for the `evidence` command and the
//! window's Evidence panel.
//!
//! Contract: [`of_story`] gives, for every fact, each claim with the
//! supporting (or closest) passage and its source's number; [`lines`]
//! words it for a terminal.

use super::memo::{lock, Sources};
use super::Item;
use crate::model::{FactId, Story};
use crate::numbering::Numbering;
use serde::Serialize;
use ts_rs::TS;

/// One fact's claims and what its sources say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FactEvidence {
    /// The fact's 1-based number.
    pub number: usize,
    pub id: FactId,
    pub items: Vec<Item>,
    /// Whether a source it cites has saved text to look the claims up in.
    pub checked: bool,
    /// Why nothing could be looked up, when nothing could.
    pub note: Option<String>,
}

/// What an unchecked fact's evidence says.
const UNCHECKED: &str = "No source it cites has saved text to check it against.";

/// The evidence of every fact of `story`, in fact order.
pub fn of_story(story: &Story) -> Vec<FactEvidence> {
    of_numbered(story, &Numbering::of(story))
}

/// [`of_story`] with the story's numbering already made (the review makes
/// it too, and on a long story it is most of the work).
pub fn of_numbered(story: &Story, numbering: &Numbering) -> Vec<FactEvidence> {
    let sources = Sources::of(story, numbering);
    let wanted = (story.facts.iter())
        .map(|fact| (fact.text.as_str(), sources.cited(fact)))
        .collect();
    let all_items = lock().all_items(wanted);
    (story.facts.iter().enumerate().zip(all_items))
        .map(|((i, fact), items)| {
            let items = items.as_ref().clone();
            let checked = sources.cites_text(fact);
            FactEvidence {
                number: i + 1,
                id: fact.id,
                note: (!checked && !items.is_empty()).then(|| UNCHECKED.to_string()),
                items,
                checked,
            }
        })
        .collect()
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
        if let Some(note) = &e.note {
            out.push(format!("  ({note})"));
            continue;
        }
        for item in &e.items {
            let mark = if item.found { "✓" } else { "✗" };
            out.push(format!("  {mark} {}", item.label));
            if let Some(passage) = &item.passage {
                out.push(format!("      {}", crate::wording::one_line(passage)));
            }
        }
    }
    out
}
