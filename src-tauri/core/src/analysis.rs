//! What the editor shows live beside a story, computed in one call.
//!
//! Contract: [`analyze`] is pure and cheap enough to run on every keystroke:
//! the publish findings, whether the story may be published, and each
//! source's live number, display label and the facts citing it — so the UI
//! never re-implements numbering or checks.

use crate::checks::{self, Finding};
use crate::model::{SourceId, Story};
use crate::numbering::Numbering;
use crate::registry::Registry;
use serde::Serialize;
use ts_rs::TS;

/// A source as the editor lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SourceInfo {
    pub id: SourceId,
    /// 1-based live number.
    pub number: usize,
    /// The outlet with its (a)/(b) suffix when the outlet repeats.
    pub label: String,
    /// 1-based numbers of the facts citing this source.
    pub cited_by: Vec<usize>,
}

/// The live state of a story's checks and numbering.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Analysis {
    pub findings: Vec<Finding>,
    pub publishable: bool,
    /// In number order.
    pub sources: Vec<SourceInfo>,
    /// Words and characters, of the story and of each fact.
    pub counts: crate::counts::Counts,
    /// The story as published, for the preview.
    pub layout: crate::layout::Layout,
    /// The labels of the two sides of the story's narrative axis
    /// ("Establishment-critical", "Pro-establishment" by default).
    pub side_labels: [String; 2],
    /// How the story fares in the publish checks, in a few words
    /// ([`gate_words`]).
    pub gate: String,
}

/// How a story with `errors` and `warnings` fares in the publish checks:
/// "Ready", "Ready, 2 warnings", "3 errors", "3 errors, 1 warning" (the
/// publish gate's summary and the batch export's list say the same).
pub fn gate_words(errors: u32, warnings: u32) -> String {
    use crate::list_words::counted;
    let (e, w) = (
        counted(errors.into(), "error", "errors"),
        counted(warnings.into(), "warning", "warnings"),
    );
    match (errors, warnings) {
        (0, 0) => "Ready".into(),
        (0, _) => format!("Ready, {w}"),
        (_, 0) => e,
        _ => format!("{e}, {w}"),
    }
}

/// The errors and warnings among `findings`.
pub fn severities(findings: &[checks::Finding]) -> (u32, u32) {
    let count = |severity| findings.iter().filter(|f| f.severity == severity).count() as u32;
    (count(checks::Severity::Error), count(checks::Severity::Warning))
}

/// Analyses `story` against the outlet `registry`.
pub fn analyze(story: &Story, registry: &Registry) -> Analysis {
    analyze_with(story, registry, checks::Evidence::Checked)
}

/// [`analyze`], with the evidence check or without it (what its cost is
/// measured against).
pub fn analyze_with(story: &Story, registry: &Registry, evidence: checks::Evidence) -> Analysis {
    let numbering = Numbering::of(story);
    let findings = checks::check_with(story, &numbering, registry, evidence);
    // Which facts cite each source, in one pass over the citations.
    let mut cited_by: std::collections::HashMap<SourceId, Vec<usize>> = std::collections::HashMap::new();
    for (n, f) in story.facts.iter().enumerate() {
        for id in &f.citations {
            let facts = cited_by.entry(*id).or_default();
            if facts.last() != Some(&(n + 1)) {
                facts.push(n + 1);
            }
        }
    }
    let sources = numbering
        .order
        .iter()
        .enumerate()
        .map(|(i, id)| SourceInfo {
            id: *id,
            number: i + 1,
            label: numbering.label(*id).unwrap_or_default().to_string(),
            cited_by: cited_by.remove(id).unwrap_or_default(),
        })
        .collect();
    let (errors, warnings) = severities(&findings);
    Analysis {
        publishable: checks::publishable(&findings),
        gate: gate_words(errors, warnings),
        findings,
        sources,
        counts: crate::counts::count(story),
        layout: crate::layout::layout(story, &numbering),
        side_labels: [
            story.side_label(crate::model::Stance::EstablishmentCritical),
            story.side_label(crate::model::Stance::ProEstablishment),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gate_says_ready_or_how_many_errors_and_warnings() {
        assert_eq!(gate_words(0, 0), "Ready");
        assert_eq!(gate_words(0, 1), "Ready, 1 warning");
        assert_eq!(gate_words(0, 1_300), "Ready, 1,300 warnings");
        assert_eq!(gate_words(1, 0), "1 error");
        assert_eq!(gate_words(3, 1), "3 errors, 1 warning");
    }

    #[test]
    fn lists_sources_in_number_order_with_their_citing_facts() {
        let mut s = crate::sample::story(4, 3);
        s.facts.swap(0, 2);
        let a = analyze(&s, &crate::sample::registry());
        assert!(a.publishable);
        assert_eq!(a.sources[0].id, s.facts[0].citations[0]);
        assert_eq!(
            a.sources.iter().map(|x| x.number).collect::<Vec<_>>(),
            vec![1, 2, 3]
        );
        let cited: Vec<Vec<usize>> = a.sources.iter().map(|x| x.cited_by.clone()).collect();
        assert_eq!(cited, vec![vec![1], vec![2], vec![3, 4]]);
        assert!(a.sources.iter().any(|x| x.label == "Outlet 0 (a)"));
    }

    #[test]
    fn reports_findings_and_headline_length() {
        let mut s = crate::sample::story(1, 1);
        s.headline = "Ünïcode".into();
        s.facts[0].citations.clear();
        let a = analyze(&s, &crate::sample::registry());
        assert!(!a.publishable);
        assert_eq!(a.counts.headline_line, "7/200");
        assert!(a.findings.iter().any(|f| f.code == "fact-uncited"));
    }
}
