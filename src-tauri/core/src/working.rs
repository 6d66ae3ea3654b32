//! The story an editor has open, kept by the core while they type, so a
//! keystroke crosses IPC as the one field it changed and the analysis comes
//! back as what changed in it.
//!
//! Contract: a [`Working`] copy starts from a whole story and follows
//! [`FieldEdit`]s (an edit key, as the form groups undo steps, and the
//! field's new value) or a whole replacement (structural edits, undo). Each
//! step returns an [`AnalysisUpdate`]: a JSON Patch (RFC 6902) from the
//! analysis the window last received to the current one, numbered so a
//! window that missed one asks for the whole again instead of drifting. An
//! edit naming a part that is not there, or a value of the wrong type, is a
//! `bad-input` error naming the key, and changes nothing. The copy knows
//! which fields changed since it was opened or last saved, so
//! [`crate::desk::Desk`] saves only those (`Store::save_edits`) unless a whole
//! replacement came in between.

use crate::analysis::{self, Analysis};
use crate::error::Result;
use crate::model::{Saved, StoredStory, Story};
use crate::registry::Registry;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use ts_rs::TS;

mod diff;

/// One field's new value: `key` as the form names it (`headline`,
/// `fact:<id>`, `source-url:<id>`, …); `value` a string, a prediction's
/// probability a number (0–100), and a source's date (`YYYY-MM-DD`) or a
/// probability may be null.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FieldEdit {
    pub key: String,
    #[ts(type = "string | number | null")]
    pub value: serde_json::Value,
}

/// One JSON Patch operation (RFC 6902) on the analysis.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PatchOp {
    pub op: PatchKind,
    /// A JSON Pointer (RFC 6901) into the analysis.
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(type = "unknown", optional)]
    pub value: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum PatchKind {
    Add,
    Remove,
    Replace,
}

/// What the window needs to bring its analysis up to date: the whole one
/// (`full`) when it has none or had an older base, else `patch` applied to
/// the analysis numbered `rev - 1`.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AnalysisUpdate {
    pub rev: u32,
    pub full: Option<Analysis>,
    pub patch: Vec<PatchOp>,
}

/// A story opened for editing: as stored, and its first analysis.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Opened {
    pub stored: StoredStory,
    pub analysis: AnalysisUpdate,
}

/// A story being edited, with the analysis its window last received and
/// what changed since it was opened or last saved.
pub struct Working {
    story: Story,
    rev: u32,
    sent: Option<serde_json::Value>,
    unsaved: Unsaved,
}

/// How the story differs from the version it was opened or last saved at.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Unsaved {
    /// In these fields (edit keys) at most.
    Fields(BTreeSet<String>),
    /// In any way (a structural edit, undo, a reload).
    Whole,
}

impl Working {
    pub fn new(story: Story) -> Working {
        Working {
            story,
            rev: 0,
            sent: None,
            unsaved: Unsaved::Fields(BTreeSet::new()),
        }
    }

    pub fn story(&self) -> &Story {
        &self.story
    }

    /// Replaces the whole story (a structural edit, undo, a reload).
    pub fn replace(&mut self, story: Story) {
        self.story = story;
        self.unsaved = Unsaved::Whole;
    }

    /// Applies `edits` in order; on an error none of them is kept.
    pub fn edit(&mut self, edits: &[FieldEdit]) -> Result<()> {
        if edits.len() == 1 {
            crate::fields::apply(&mut self.story, &edits[0].key, &edits[0].value)?;
        } else {
            let mut next = self.story.clone();
            for edit in edits {
                crate::fields::apply(&mut next, &edit.key, &edit.value)?;
            }
            self.story = next;
        }
        if let Unsaved::Fields(keys) = &mut self.unsaved {
            keys.extend(edits.iter().map(|e| e.key.clone()));
        }
        Ok(())
    }

    /// Takes what a save or a transition stored: the fields only the store
    /// sets.
    pub fn stored(&mut self, stored: &StoredStory) {
        self.story.take_store_fields(&stored.story);
    }

    /// The fields (edit keys) edited since the copy was opened or last
    /// saved, when that is all that changed; `None` after a whole
    /// replacement.
    pub fn unsaved_fields(&self) -> Option<&BTreeSet<String>> {
        match &self.unsaved {
            Unsaved::Fields(keys) => Some(keys),
            Unsaved::Whole => None,
        }
    }

    /// Takes what a save of this copy stored (the fields only the store
    /// sets) and counts edits afresh from it.
    pub fn saved(&mut self, saved: &Saved) {
        saved.fields.apply_to(&mut self.story);
        self.unsaved = Unsaved::Fields(BTreeSet::new());
    }

    /// The analysis now, as an update to the one numbered `base` (which the
    /// window holds; `None`: it holds none).
    pub fn analysis(&mut self, base: Option<u32>, registry: &Registry) -> AnalysisUpdate {
        let now = analysis::analyze(&self.story, registry);
        let value = serde_json::to_value(&now).unwrap_or(serde_json::Value::Null);
        let patch = match (&self.sent, base) {
            (Some(sent), Some(base)) if base == self.rev => Some(diff::diff(sent, &value)),
            _ => None,
        };
        self.rev = self.rev.wrapping_add(1);
        self.sent = Some(value);
        match patch {
            Some(patch) => AnalysisUpdate {
                rev: self.rev,
                full: None,
                patch,
            },
            None => AnalysisUpdate {
                rev: self.rev,
                full: Some(now),
                patch: Vec::new(),
            },
        }
    }
}

#[cfg(test)]
#[path = "working_tests.rs"]
mod tests;
