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
    crate::list_words::and_listed(&quoted)
}

/// The finding's code and message for the claims of one kind no cited
/// source supports; a number names what the closest passage says instead.
fn unsupported(kind: ClaimKind, n: usize, missing: &[&Item]) -> (FindingCode, String) {
    let listed = listed(missing);
    match kind {
        ClaimKind::Number => {
            let hint = missing
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
            (
                FindingCode::FactNumberUnsupported,
                format!("Fact {n} says {listed}, which its sources do not give{hint}."),
            )
        }
        ClaimKind::Name => (
            FindingCode::FactNameUnsupported,
            format!("Fact {n} names {listed}, which its sources do not mention."),
        ),
        ClaimKind::Date => (
            FindingCode::FactDateUnsupported,
            format!("Fact {n} gives {listed}, which its sources do not mention as a date."),
        ),
    }
}

fn finding(code: FindingCode, severity: Severity, fact: &Fact, message: String) -> Finding {
    Finding {
        detail: Vec::new(),
        code,
        severity,
        message,
        target: Target::Fact { id: fact.id },
    }
}

/// What the evidence check has to say about `story`'s facts.
pub fn findings(story: &Story, numbering: &Numbering) -> Vec<Finding> {
    let sources = Sources::of(story, numbering);
    let checked: Vec<(usize, &Fact)> = (story.facts.iter().enumerate())
        .filter(|(_, fact)| !fact.citations.is_empty() && !fact.text.trim().is_empty())
        .collect();
    let wanted = checked
        .iter()
        .map(|(_, fact)| (fact.text.as_str(), sources.cited(fact)))
        .collect();
    let all_items = lock().all_items(wanted);
    let mut out = Vec::new();
    for ((i, fact), items) in checked.into_iter().zip(all_items) {
        let n = i + 1;
        if !sources.cites_text(fact) {
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
        for kind in [ClaimKind::Number, ClaimKind::Name, ClaimKind::Date] {
            let missing: Vec<&Item> = items.iter().filter(|i| i.kind == kind && !i.found).collect();
            if !missing.is_empty() {
                let (code, message) = unsupported(kind, n, &missing);
                out.push(finding(code, Severity::Warning, fact, message));
            }
        }
    }
    out
}
