//! Captured sources and their snapshots, as the store keeps them.
//!
//! Contract: [`Store::add_captured_source`] adds a [`Capture`]'s source to a
//! story and keeps its snapshot in one write transaction, refusing an
//! article the story already cites (by canonical URL). The other methods
//! read a story's snapshot histories and record what a recheck found; none
//! of them fetches anything (see `crate::sourcing`), so no transaction is
//! ever held open across the network.

use crate::capture::{Capture, Snapshot, SourceHistory};
use crate::error::{Error, ErrorCode, Result};
use crate::model::{SaveKind, SourceId, StoredStory, StoryId};
use crate::numbering::Numbering;
use crate::store::handle::Store;
use crate::store::tables::snapshots;
use chrono::{DateTime, Utc};

impl Store {
    /// Adds `capture`'s source to story `id` (under `outlet` when the editor
    /// named or confirmed one) with its snapshot; returns the saved story
    /// and the new source's number.
    pub fn add_captured_source(
        &mut self,
        id: StoryId,
        capture: &Capture,
        outlet: Option<&str>,
    ) -> Result<(StoredStory, usize)> {
        let mut source = capture.source.clone();
        if let Some(name) = outlet.map(str::trim).filter(|o| !o.is_empty()) {
            source.outlet = name.to_string();
        }
        let source_id = source.id;
        let snapshot = &capture.snapshot;
        let (saved, ()) = self.update_story_then(
            id,
            None,
            SaveKind::Edit,
            |story| {
                if let Some(n) = crate::capture::cited_already(story, capture) {
                    return Err(Error::Refused {
                        code: ErrorCode::BadInput,
                        message: crate::capture::words::cited_already(n, &capture.canonical_url),
                    });
                }
                story.sources.push(source);
                Ok(())
            },
            |tx| snapshots::insert(tx, id, source_id, snapshot),
        )?;
        let n = Numbering::of(&saved.story)
            .number(source_id)
            .unwrap_or(saved.story.sources.len());
        Ok((saved, n))
    }

    /// Stores `story` as a new draft with the snapshots of its captured
    /// sources, in one transaction.
    pub fn create_story_with_snapshots(
        &mut self,
        story: &crate::model::Story,
        snapshots: &[(SourceId, Snapshot)],
    ) -> Result<StoredStory> {
        let (saved, _) = self.create_story_then(story, SaveKind::Create, |tx, id| {
            snapshots
                .iter()
                .try_for_each(|(source, s)| snapshots::insert(tx, id, *source, s))
        })?;
        Ok(saved)
    }

    /// Each captured source's first and newest snapshot.
    pub fn source_histories(&self, id: StoryId) -> Result<Vec<SourceHistory>> {
        self.read(|db| snapshots::histories(db, id))
    }

    /// The newest snapshot of a source, with its row id and when a recheck
    /// last found it current.
    pub fn newest_snapshot(
        &self,
        id: StoryId,
        source: SourceId,
    ) -> Result<Option<(i64, Snapshot, DateTime<Utc>)>> {
        self.read(|db| snapshots::newest(db, id, source))
    }

    /// Keeps a snapshot a recheck took (the page changed, or is gone).
    pub fn keep_snapshot(&mut self, id: StoryId, source: SourceId, snapshot: &Snapshot) -> Result<()> {
        self.write_story(id, |tx| snapshots::insert(tx, id, source, snapshot))
    }

    /// Records that a recheck found snapshot `row` still current.
    pub fn mark_snapshot_checked(&mut self, id: StoryId, row: i64, at: DateTime<Utc>) -> Result<()> {
        self.write_story(id, |tx| snapshots::mark_checked(tx, row, at))
    }

    /// The raw page snapshot `row` kept.
    pub fn snapshot_body(&self, row: i64) -> Result<Option<Vec<u8>>> {
        self.read(|db| snapshots::body(db, row))
    }

    /// Stories with captured sources (see `snapshots::stories`).
    pub fn captured_stories(&self, since: Option<DateTime<Utc>>) -> Result<Vec<StoryId>> {
        self.read(|db| snapshots::stories(db, since))
    }
}
