//! Where an edit is stored, and what a save stored: the terms the store and
//! the editing session share, so neither reaches into the other.
//!
//! Contract: [`Part`] names the row an edited field lives in (the story's
//! own row, or one part's); a typed save takes the parts it changed. A
//! [`Saved`] is what a save or a transition stored, without the story the
//! window already has.

use super::{Correction, Status, StoredStory, StoryId, Withdrawal, Workflow};
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
    pub status: Status,
    pub edition: u32,
    pub published_at: Option<chrono::DateTime<chrono::Utc>>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
    pub corrections: Vec<Correction>,
    pub withdrawal: Option<Withdrawal>,
}

impl From<&StoredStory> for Saved {
    fn from(stored: &StoredStory) -> Saved {
        let s = &stored.story;
        Saved {
            id: stored.id,
            version: stored.version,
            workflow: stored.workflow.clone(),
            state_label: stored.state_label.clone(),
            status: s.status,
            edition: s.edition,
            published_at: s.published_at,
            updated_at: s.updated_at,
            corrections: s.corrections.clone(),
            withdrawal: s.withdrawal.clone(),
        }
    }
}
