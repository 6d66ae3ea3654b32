//! Operations that combine formats, checks and the store, shared by app and CLI.
//!
//! Contract: [`import_file`] reads, parses and stores a file in one go and
//! writes nothing unless the whole story parsed; [`publish`] publishes only
//! when the gate has no errors and otherwise changes nothing.

use crate::checks::{self, Finding};
use crate::error::{Error, Result};
use crate::formats::{self, Format};
use crate::model::{Status, StoredStory, StoryId};
use crate::store::Store;
use std::path::Path;

/// Imports `path` (format sniffed when `None`) as a new story.
pub fn import_file(store: &mut Store, path: &Path, format: Option<Format>) -> Result<StoredStory> {
    let text = formats::read_text(path)?;
    import_text(store, path, &text, format)
}

/// Imports `text`, which came from `origin` (a path or a label for error messages).
pub fn import_text(
    store: &mut Store,
    origin: &Path,
    text: &str,
    format: Option<Format>,
) -> Result<StoredStory> {
    let format = format.unwrap_or_else(|| formats::sniff(text));
    let story = format.import(text).map_err(|why| Error::BadInput {
        path: origin.to_path_buf(),
        why,
    })?;
    store.create_story(&story)
}

/// What [`publish`] did.
#[derive(Debug)]
pub enum PublishOutcome {
    Published(StoredStory),
    AlreadyPublished(StoredStory),
    /// The gate's findings; nothing was changed.
    Refused(Vec<Finding>),
}

/// Publishes story `id` when its checks pass.
pub fn publish(store: &mut Store, id: StoryId) -> Result<PublishOutcome> {
    let current = store.load_story(id)?;
    let findings = checks::check(&current.story, &store.registry()?);
    if !checks::publishable(&findings) {
        return Ok(PublishOutcome::Refused(findings));
    }
    if current.story.status == Status::Published {
        return Ok(PublishOutcome::AlreadyPublished(current));
    }
    let saved = store.set_status(id, current.version, Status::Published)?;
    Ok(PublishOutcome::Published(saved))
}
