//! The gate's findings of the evidence check: one warning per fact and
//! kind of claim its cited sources do not support, and a note for a fact
//! with claims none of whose sources has saved text.
//!
//! Contract: [`findings`] words every message here (the window shows them
//! as they are); each targets its fact.

use super::memo::{lock, Sources};
use super::{ClaimKind, Item};
use crate::checks::{Finding, FindingCode, Severity, Target};
use crate::model::{Fact, Story};
use crate::numbering::Numbering;

/// "a", "a and b", "a, b and c", each in quotation marks.
fn listed(items: &[&Item]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("“{}”", i.text)).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

fn finding(code: FindingCode, severity: Severity, fact: &Fact, message: String) -> Finding {
    Finding {
        code,
        severity,
        message,
        target: Target::Fact { id: fact.id },
    }
}

/// What the evidence check has to say about `story`'s facts.
pub fn findings(story: &Story, numbering: &Numbering) -> Vec<Finding> {
    let sources = Sources::of(story, numbering);
    let mut memo = lock();
    let mut out = Vec::new();
    for (i, fact) in story.facts.iter().enumerate() {
        let n = i + 1;
        if fact.citations.is_empty() || fact.text.trim().is_empty() {
            continue;
        }
        let cited = sources.cited(fact);
        let items = memo.items(&fact.text, &cited);
        if cited.is_empty() {
            if !items.is_empty() {
                out.push(finding(
                    FindingCode::FactEvidenceUnchecked,
                    Severity::Info,
                    fact,
                    format!("Fact {n} states numbers, names or dates, but no source it cites has saved text to check them against."),
                ));
            }
            continue;
        }
        let missing =
            |kind: ClaimKind| -> Vec<&Item> { items.iter().filter(|i| i.kind == kind && !i.found).collect() };
        let numbers = missing(ClaimKind::Number);
        if !numbers.is_empty() {
            let hint = numbers
                .iter()
                .find(|i| !i.instead.is_empty())
                .map(|i| {
                    let says: Vec<String> = i.instead.iter().map(|x| format!("“{x}”")).collect();
                    format!(
                        " (source {} says {})",
                        i.source.unwrap_or_default(),
                        says.join(" and ")
                    )
                })
                .unwrap_or_default();
            out.push(finding(
                FindingCode::FactNumberUnsupported,
                Severity::Warning,
                fact,
                format!(
                    "Fact {n} says {}, which its sources do not give{hint}.",
                    listed(&numbers)
                ),
            ));
        }
        let names = missing(ClaimKind::Name);
        if !names.is_empty() {
            out.push(finding(
                FindingCode::FactNameUnsupported,
                Severity::Warning,
                fact,
                format!(
                    "Fact {n} names {}, which its sources do not mention.",
                    listed(&names)
                ),
            ));
        }
        let dates = missing(ClaimKind::Date);
        if !dates.is_empty() {
            out.push(finding(
                FindingCode::FactDateUnsupported,
                Severity::Warning,
                fact,
                format!(
                    "Fact {n} gives {}, which its sources do not mention as a date.",
                    listed(&dates)
                ),
            ));
        }
    }
    out
}
