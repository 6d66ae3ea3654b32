//! Where an edit is stored, and what a save stored: the terms the store and
//! the editing session share, so neither reaches into the other.
//!
//! Contract: [`Part`] names the row an edited field lives in (the story's
//! own row, or one part's); a typed save takes the parts it changed. A
//! [`Saved`] is what a save or a transition stored, without the story the
//! window already has.

use super::{Correction, Status, StoredStory, Story, StoryId, Withdrawal, Workflow};
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

/// The row an edited field is stored in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Part {
    /// The story's own row (headline, summary, image credit, axis).
    Story,
    Fact(Uuid),
    Source(Uuid),
    Narrative(Uuid),
    Prediction(Uuid),
}

/// The fields of a story only the store sets — its state, edition,
/// publication and update times, corrections and withdrawal — named as the
/// story names them. Declared once: a save answers them ([`Saved`]), a copy
/// being edited takes them ([`StoreFields::apply_to`]) and the window copies
/// them by the names in [`StoreFields::NAMES`] (generated into TypeScript).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct StoreFields {
    pub status: Status,
    pub edition: u32,
    pub published_at: Option<chrono::DateTime<chrono::Utc>>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
    pub corrections: Vec<Correction>,
    pub withdrawal: Option<Withdrawal>,
}

impl StoreFields {
    /// The fields' names, as they are serialized (a test holds them to it).
    pub const NAMES: [&'static str; 6] = [
        "status",
        "edition",
        "published_at",
        "updated_at",
        "corrections",
        "withdrawal",
    ];

    /// The store-set fields of `story`.
    pub fn of(story: &Story) -> StoreFields {
        StoreFields {
            status: story.status,
            edition: story.edition,
            published_at: story.published_at,
            updated_at: story.updated_at,
            corrections: story.corrections.clone(),
            withdrawal: story.withdrawal.clone(),
        }
    }

    /// Puts these fields into `story`.
    pub fn apply_to(&self, story: &mut Story) {
        story.status = self.status;
        story.edition = self.edition;
        story.published_at = self.published_at;
        story.updated_at = self.updated_at;
        story.corrections.clone_from(&self.corrections);
        story.withdrawal.clone_from(&self.withdrawal);
    }
}

/// What a save or a transition stored, without the story the window
/// already has: the version, the workflow and the fields only the store sets.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Saved {
    #[ts(type = "number")]
    pub id: StoryId,
    #[ts(type = "number")]
    pub version: i64,
    pub workflow: Workflow,
    pub state_label: String,
    #[serde(flatten)]
    #[ts(flatten)]
    pub fields: StoreFields,
}

impl From<&StoredStory> for Saved {
    fn from(stored: &StoredStory) -> Saved {
        Saved {
            id: stored.id,
            version: stored.version,
            workflow: stored.workflow.clone(),
            state_label: stored.state_label.clone(),
            fields: StoreFields::of(&stored.story),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_store_fields_names_are_the_serialized_keys() {
        let fields = StoreFields::of(&crate::sample::story(1, 1));
        let value = serde_json::to_value(&fields).unwrap();
        let mut keys: Vec<&str> = value.as_object().unwrap().keys().map(String::as_str).collect();
        let mut names = StoreFields::NAMES.to_vec();
        keys.sort_unstable();
        names.sort_unstable();
        assert_eq!(keys, names);
    }
}
