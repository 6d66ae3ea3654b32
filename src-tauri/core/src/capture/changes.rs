//! What a story learns from its sources' later snapshots.
//!
//! Contract: given each captured source's [`SourceHistory`] (the version
//! the story cited and the latest one kept), [`findings`] gives
//! `source-gone` (a warning) when the latest fetch found the page gone, and
//! `source-changed-since-cited` when the article's readable text changed —
//! a warning, or an error when a quotation or an evidence item (a number,
//! name or date) of a fact citing the source is in the cited text but no
//! longer in the new one. The finding's detail is the article's word diff
//! (the History view's). [`changes`] gives the window's summaries. Pure.

use super::words;
use super::{same_text, Snapshot, SnapshotSummary};
use crate::checks::{Finding, FindingCode, Severity, Target};
use crate::evidence::{claims, SourceIndex};
use crate::model::{SourceId, Story};
use crate::numbering::Numbering;

/// Words kept around each change in the window's diff of an article.
const DIFF_CONTEXT: usize = 12;

/// A captured source's versions, as the store keeps them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceHistory {
    pub source: SourceId,
    /// The first snapshot: the text the story cited.
    pub cited: Snapshot,
    /// The newest snapshot, when there is more than one.
    pub latest: Option<Snapshot>,
    /// How many snapshots are kept in all.
    pub versions: usize,
}

impl SourceHistory {
    /// The latest version when its article differs from the cited one.
    fn changed(&self) -> Option<&Snapshot> {
        self.latest
            .as_ref()
            .filter(|l| !l.gone() && !same_text(&l.text, &self.cited.text))
    }

    fn gone(&self) -> Option<&Snapshot> {
        self.latest.as_ref().filter(|l| l.gone())
    }
}

/// What the facts citing `source` rely on that `old` says and `new` no longer does.
fn lost(story: &Story, source: SourceId, old: &str, new: &str) -> Vec<String> {
    let (old_index, new_index) = (SourceIndex::of(old), SourceIndex::of(new));
    let mut lost = Vec::new();
    for fact in story.facts.iter().filter(|f| f.citations.contains(&source)) {
        for quote in crate::quotes::extract(&fact.text) {
            if crate::quotes::find(&quote, old) && !crate::quotes::find(&quote, new) {
                lost.push(format!("“{quote}”"));
            }
        }
        for claim in claims(&fact.text) {
            if old_index.supports(&claim.key).is_some() && new_index.supports(&claim.key).is_none() {
                lost.push(claim.text.clone());
            }
        }
    }
    lost.dedup();
    lost
}

/// The findings `histories` give `story` (sources it no longer has are skipped).
pub fn findings(story: &Story, histories: &[SourceHistory]) -> Vec<Finding> {
    let numbering = Numbering::of(story);
    let mut out = Vec::new();
    for h in histories {
        let Some(source) = story.sources.iter().find(|s| s.id == h.source) else {
            continue;
        };
        let n = numbering.number(h.source).unwrap_or(0);
        let target = Target::Source {
            id: h.source,
            field: "url".into(),
        };
        if let Some(gone) = h.gone() {
            out.push(Finding {
                code: FindingCode::SourceGone,
                severity: Severity::Warning,
                message: words::source_gone(
                    n,
                    &source.outlet,
                    gone.status,
                    gone.fetched_at,
                    h.cited.fetched_at,
                ),
                target: target.clone(),
                detail: Vec::new(),
            });
        }
        if let Some(latest) = h.changed() {
            let lost = lost(story, h.source, &h.cited.text, &latest.text);
            out.push(Finding {
                code: FindingCode::SourceChangedSinceCited,
                severity: if lost.is_empty() {
                    Severity::Warning
                } else {
                    Severity::Error
                },
                message: words::source_changed(
                    n,
                    &source.outlet,
                    h.cited.fetched_at,
                    latest.fetched_at,
                    &lost,
                ),
                target,
                detail: crate::history::words(&h.cited.text, &latest.text),
            });
        }
    }
    out
}

/// The window's line and diff for each captured source of `story`.
pub fn changes(story: &Story, histories: &[SourceHistory]) -> Vec<SnapshotSummary> {
    histories
        .iter()
        .filter(|h| story.sources.iter().any(|s| s.id == h.source))
        .map(|h| SnapshotSummary {
            source: h.source,
            captured_at: h.cited.fetched_at,
            later_versions: h.versions.saturating_sub(1),
            gone: h.gone().is_some(),
            line: words::captured(
                h.cited.fetched_at,
                h.versions.saturating_sub(1),
                h.gone().map(|g| g.status),
            ),
            diff: h
                .changed()
                .map(|l| {
                    crate::history::condensed(&crate::history::words(&h.cited.text, &l.text), DIFF_CONTEXT)
                })
                .unwrap_or_default(),
        })
        .collect()
}
