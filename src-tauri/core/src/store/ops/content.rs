//! Writing and reading a story's content: create, import, save, load,
//! duplicate, delete.
//!
//! Contract: the store owns ids, timestamps, the uid's uniqueness and every
//! workflow field (status, edition, corrections, withdrawal): a save changes
//! only what the editor writes. Only a draft edition is editable: saving a
//! published story starts the next edition as a draft (the published one
//! stays live, frozen), and an edition in review or approved is refused. A
//! save that changes nothing writes nothing. Each accepted save keeps the
//! version it replaces as a revision, with who made it and how.

use crate::error::{Error, Result};
use crate::model::{now, SaveKind, Status, StoredStory, Story, StoryId, Workflow};
use crate::store::engine::db::Db;
use crate::store::handle::Store;
use crate::store::ops::reading::{load, load_each, load_head_reusing};
use crate::store::tables::citations;
use crate::store::tables::editions;
use crate::store::tables::facts;
use crate::store::tables::narratives;
use crate::store::tables::predictions;
use crate::store::tables::revisions::{self, RevisionInfo};
use crate::store::tables::sources;
use crate::store::tables::stories::{self, Head, Stamp};
use std::path::PathBuf;

/// How a story fares in the publish checks.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct GateResult {
    #[ts(type = "number")]
    pub id: StoryId,
    pub errors: u32,
    pub warnings: u32,
    /// Whether the checks let it be published ([`crate::checks::publishable`]).
    pub publishable: bool,
    /// In words ([`crate::analysis::gate_words`]): "Ready, 2 warnings".
    pub summary: String,
}

/// What an import did besides storing the story, for the editor to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportNote {
    /// The file claimed this state; imports always land as a new draft.
    StatusIgnored(Status),
    /// A story with the file's uid exists already; the import got a new one.
    UidReplaced(uuid::Uuid),
    /// A reposted list rated an outlet the registry did not have: added so.
    OutletAdded(crate::formats::reposted::Rating),
    /// A reposted list rates an outlet otherwise than the registry, which
    /// is left as it is: (the text's, the registry's).
    RatingDiffers(crate::formats::reposted::Rating, crate::formats::reposted::Rating),
}

/// "LR 3, CP 5", a missing rating as "–".
fn ratings(r: &crate::formats::reposted::Rating) -> String {
    let one = |v: Option<u8>| v.map_or("–".to_string(), |v| v.to_string());
    format!("LR {}, CP {}", one(r.lr), one(r.cp))
}

impl std::fmt::Display for ImportNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportNote::StatusIgnored(s) => write!(
                f,
                "the file says the story is {}; imports always land as a new draft",
                s.label().to_lowercase()
            ),
            ImportNote::UidReplaced(uid) => write!(
                f,
                "a story with uid {uid} is already in the database; the imported copy got a new uid"
            ),
            ImportNote::OutletAdded(r) => write!(
                f,
                "“{}” was not in the outlet registry: added with {}, as the text rates it",
                r.outlet,
                ratings(r)
            ),
            ImportNote::RatingDiffers(text, kept) => write!(
                f,
                "the text rates “{}” {}; the outlet registry has {} and was not changed",
                text.outlet,
                ratings(text),
                ratings(kept)
            ),
        }
    }
}

impl Store {
    /// Stores `story` as a new draft (keeping its timestamps) at version 1.
    pub fn create_story(&mut self, story: &Story) -> Result<StoredStory> {
        self.create_story_as(story, SaveKind::Create).map(|(s, _)| s)
    }

    /// Stores a story read from a file or pasted: always a new draft, with a
    /// new uid when its own is taken; the notes say what was changed.
    pub fn import_story(&mut self, story: &Story) -> Result<(StoredStory, Vec<ImportNote>)> {
        self.create_story_as(story, SaveKind::Import)
    }

    /// [`Store::create_story`] recording `kind` (create, import, copy).
    pub fn create_story_as(
        &mut self,
        story: &Story,
        kind: SaveKind,
    ) -> Result<(StoredStory, Vec<ImportNote>)> {
        self.create_story_then(story, kind, |_, _| Ok(()))
    }

    /// Stores `story` as a new draft and runs `then` on its id in the same
    /// transaction (rows that belong with the new story).
    pub(in crate::store) fn create_story_then(
        &mut self,
        story: &Story,
        kind: SaveKind,
        then: impl FnOnce(&Db, StoryId) -> Result<()>,
    ) -> Result<(StoredStory, Vec<ImportNote>)> {
        valid(story)?;
        let editor = self.editor.clone();
        let (stored, notes) = self.write(|tx| {
            let (id, notes) = insert_new(tx, std::slice::from_ref(story), kind, &editor)?
                .pop()
                .ok_or_else(|| Error::Corrupt("the new story was not stored".into()))?;
            then(tx, id)?;
            Ok((load(tx, id)?, notes))
        })?;
        tracing::debug!(id = stored.id, "story created");
        Ok((stored, notes))
    }

    /// Stores many stories in one transaction (all or none), in order, as
    /// new drafts; returns their ids.
    pub fn create_stories(&mut self, list: &[Story]) -> Result<Vec<StoryId>> {
        list.iter().try_for_each(valid)?;
        let editor = self.editor.clone();
        self.write(|tx| {
            let stored = insert_new(tx, list, SaveKind::Create, &editor)?;
            Ok(stored.into_iter().map(|(id, _)| id).collect())
        })
    }

    /// Stores stories read from files in one transaction (all or none), in
    /// order, each as [`Store::import_story`] stores one; returns each new
    /// id with its notes.
    pub fn import_stories(&mut self, list: &[Story]) -> Result<Vec<(StoryId, Vec<ImportNote>)>> {
        list.iter().try_for_each(valid)?;
        let editor = self.editor.clone();
        self.write(|tx| insert_new(tx, list, SaveKind::Import, &editor))
    }

    /// The story with this id, as last saved (its working edition).
    pub fn load_story(&self, id: StoryId) -> Result<StoredStory> {
        self.read(|conn| load(conn, id))
    }

    /// [`Store::load_story`] for an editing session: the store keeps the
    /// story as it read it, so even the first typed save of it
    /// ([`Store::save_edits`]) reads none of its parts again.
    pub fn load_for_editing(&mut self, id: StoryId) -> Result<StoredStory> {
        let stored = self.load_story(id)?;
        self.last_saved = Some((stored.clone(), None));
        Ok(stored)
    }

    /// Saves `story` over story `id`, which must still be at `expected_version`.
    pub fn save_story(&mut self, id: StoryId, expected_version: i64, story: &Story) -> Result<StoredStory> {
        self.save_story_as(id, expected_version, story, SaveKind::Edit)
    }

    /// [`Store::save_story`] recording what kind of save it was.
    pub fn save_story_as(
        &mut self,
        id: StoryId,
        expected_version: i64,
        story: &Story,
        kind: SaveKind,
    ) -> Result<StoredStory> {
        self.update_story(id, Some(expected_version), kind, |s| {
            *s = story.clone();
            Ok(())
        })
        .map(|(saved, ())| saved)
    }

    /// Changes story `id` with `edit` in one write transaction: the story is
    /// read, edited and saved while the write lock is held, so concurrent
    /// writers (scripts side by side) queue instead of conflicting. With
    /// `expected_version`, a story saved elsewhere meanwhile is a
    /// [`Error::Conflict`]. `edit` must be quick: parse input before calling.
    pub fn update_story<T>(
        &mut self,
        id: StoryId,
        expected_version: Option<i64>,
        kind: SaveKind,
        edit: impl FnOnce(&mut Story) -> Result<T>,
    ) -> Result<(StoredStory, T)> {
        self.update_story_then(id, expected_version, kind, edit, |_| Ok(()))
    }

    /// [`Store::update_story`], with `then` writing rows that belong with the
    /// change (a captured source's snapshot) in the same transaction.
    pub(in crate::store) fn update_story_then<T>(
        &mut self,
        id: StoryId,
        expected_version: Option<i64>,
        kind: SaveKind,
        edit: impl FnOnce(&mut Story) -> Result<T>,
        then: impl FnOnce(&Db) -> Result<()>,
    ) -> Result<(StoredStory, T)> {
        let editor = self.editor.clone();
        // Taken out: a failed save leaves nothing cached.
        let last = self.last_saved.take();
        let (saved, value, doc) = self.write_story(id, |tx| {
            let (head, before, kept_doc) = load_head_reusing(tx, id, last)?;
            check_version(&head, &before, expected_version)?;
            let before_doc = kept_doc.unwrap_or_else(|| crate::search::document(&before.story));
            let mut next = before.story.clone();
            let value = edit(&mut next)?;
            next.take_store_fields(&before.story);
            if next == before.story {
                return Ok((before, value, before_doc));
            }
            valid(&next)?;
            let w = &before.workflow;
            let edition = match w.state {
                state if !crate::editions::editable(state) => {
                    return Err(Error::Refused {
                        code: crate::error::ErrorCode::EditionLocked,
                        message: format!(
                            "edition {} is {}; send it back to draft to change it",
                            w.edition,
                            w.state.label().to_lowercase()
                        ),
                    })
                }
                Status::Draft => w.edition,
                // Editing what readers see starts the next edition.
                _ => {
                    editions::insert(tx, id, w.edition + 1, Status::Draft.as_str())?;
                    w.edition + 1
                }
            };
            next.status = Status::Draft;
            next.edition = edition;
            next.updated_at = now().max(before.story.updated_at);
            let live = before.workflow.live_edition;
            write_version(tx, id, &head, &before, &next, live, kind, &editor, &editor)?;
            crate::store::tables::changes::write(tx, id, &before.story, &next)?;
            crate::store::tables::coverage_index::refresh(tx, id)?;
            then(tx)?;
            let doc = crate::search::document(&next);
            // A typing save may have left the index row behind the text.
            let lagging = crate::store::tables::search_pending::clear(tx, id)?;
            if lagging || before_doc != doc {
                crate::store::tables::search_index::index_document(tx, id, &doc)?;
            }
            // What was written, as a load would read it back, without reading
            // the whole story again (the saves test compares the two).
            let workflow = Workflow {
                edition,
                state: Status::Draft,
                live_edition: live,
                withdrawn: before.workflow.withdrawn,
                last_editor: editor.clone(),
                second_editor_approval: before.workflow.second_editor_approval,
                editable: crate::editions::editable(Status::Draft),
            };
            let saved = StoredStory {
                id,
                version: before.version + 1,
                state_label: workflow.list_label(),
                story: next,
                workflow,
            };
            Ok((saved, value, doc))
        })?;
        tracing::debug!(id, version = saved.version, "story saved");
        self.last_saved = Some((saved.clone(), Some(doc)));
        Ok((saved, value))
    }

    /// Keeps `story` (an edit that lost a save conflict) as a new draft
    /// story: a new uid, "(conflicting copy)" after the headline.
    pub fn keep_as_copy(&mut self, story: &Story) -> Result<StoredStory> {
        let mut copy = story.clone();
        copy.uid = uuid::Uuid::new_v4();
        copy.headline = format!("{} (conflicting copy)", story.headline.trim());
        copy.created_at = now();
        copy.updated_at = copy.created_at;
        self.create_story_as(&copy, SaveKind::Copy).map(|(s, _)| s)
    }

    /// The headlines of `ids`, in their order (batch export names files
    /// after them); read from the story rows alone.
    pub fn headlines(&self, ids: &[StoryId]) -> Result<Vec<(StoryId, String)>> {
        self.read(|conn| stories::headlines(conn, ids))
    }

    /// How each story fares in the publish checks (for the batch export's
    /// chooser); a story that cannot be read counts as one error.
    pub fn gate_results(&self, ids: &[StoryId]) -> Result<Vec<GateResult>> {
        let registry = self.registry()?;
        self.read(|conn| {
            Ok(ids
                .iter()
                .zip(load_each(conn, ids))
                .map(|(id, loaded)| {
                    let (errors, warnings, publishable) = match loaded {
                        Ok(s) => {
                            let findings = crate::checks::check(&s.story, &registry);
                            let (errors, warnings) = crate::analysis::severities(&findings);
                            (errors, warnings, crate::checks::publishable(&findings))
                        }
                        Err(_) => (1, 0, false),
                    };
                    GateResult {
                        id: *id,
                        errors,
                        warnings,
                        publishable,
                        summary: crate::analysis::gate_words(errors, warnings),
                    }
                })
                .collect())
        })
    }

    /// The narrative pairs stories use, most used first (for suggestions).
    pub fn narrative_pairs(&self) -> Result<Vec<crate::model::NarrativePair>> {
        self.read(stories::pairs)
    }

    /// Copies story `id` as a new draft ("… (copy)"), returning the copy.
    pub fn duplicate_story(&mut self, id: StoryId) -> Result<StoredStory> {
        let mut story = self.load_story(id)?.story;
        story.uid = uuid::Uuid::new_v4();
        story.headline = format!("{} (copy)", story.headline.trim());
        story.created_at = now();
        story.updated_at = story.created_at;
        self.create_story_as(&story, SaveKind::Copy).map(|(s, _)| s)
    }
}

/// A story saved elsewhere since `expected` is a conflict, never
/// overwritten; it names who made the version (`head`'s row) it lost to.
pub(in crate::store) fn check_version(
    head: &Head,
    current: &StoredStory,
    expected: Option<i64>,
) -> Result<()> {
    match expected.filter(|v| *v != current.version) {
        Some(expected) => Err(Error::Conflict {
            id: current.id,
            expected,
            current: current.version,
            by: head.saved_by.clone(),
        }),
        None => Ok(()),
    }
}

/// Refuses a story whose parts share an identity (the store keys rows by it).
pub(in crate::store) fn valid(story: &Story) -> Result<()> {
    story.duplicate_id().map_or(Ok(()), |why| {
        Err(Error::BadInput {
            path: PathBuf::from(format!("story {:?}", story.headline.trim())),
            why,
        })
    })
}

/// Stores `list` as new drafts at their first edition, in order: each
/// story's row, parts, search text and coverage; the notes say what was
/// changed (a status other than draft, a uid the desk or the list has).
fn insert_new(
    tx: &Db,
    list: &[Story],
    kind: SaveKind,
    editor: &str,
) -> Result<Vec<(StoryId, Vec<ImportNote>)>> {
    let mut stored = Vec::with_capacity(list.len());
    for chunk in list.chunks(NEW_TOGETHER) {
        stored.extend(insert_chunk(tx, chunk, kind, editor)?);
    }
    Ok(stored)
}

/// New stories stored per round by [`insert_new`]: each table's rows for
/// all of them in one statement.
const NEW_TOGETHER: usize = 200;

/// [`insert_new`] for a chunk: a uid the desk has, or an earlier story of
/// the list has, is replaced (and noted).
fn insert_chunk(
    tx: &Db,
    chunk: &[Story],
    kind: SaveKind,
    editor: &str,
) -> Result<Vec<(StoryId, Vec<ImportNote>)>> {
    let uids: Vec<String> = chunk.iter().map(|s| s.uid.to_string()).collect();
    let mut taken = stories::uids_taken(tx, &uids)?;
    let prepared: Vec<(Story, Vec<ImportNote>)> = chunk
        .iter()
        .map(|story| {
            let mut s = story.clone();
            let mut notes = Vec::new();
            if s.status != Status::Draft {
                notes.push(ImportNote::StatusIgnored(s.status));
            }
            if !taken.insert(s.uid.to_string()) {
                notes.push(ImportNote::UidReplaced(s.uid));
                s.uid = uuid::Uuid::new_v4();
                taken.insert(s.uid.to_string());
            }
            s.status = Status::Draft;
            s.published_at = None;
            s.edition = 1;
            s.corrections.clear();
            s.withdrawal = None;
            (s, notes)
        })
        .collect();
    let stamp = Stamp {
        edition: 1,
        live_edition: None,
        saved_by: editor,
        saved_kind: kind,
        edited_by: editor,
    };
    let new: Vec<&Story> = prepared.iter().map(|(s, _)| s).collect();
    let ids = stories::insert_many(tx, &new, &stamp)?;
    editions::insert_first(tx, &ids, Status::Draft.as_str())?;
    let placed: Vec<(StoryId, &Story)> = ids.iter().copied().zip(new.iter().copied()).collect();
    write_children(tx, &placed)?;
    let docs = placed
        .iter()
        .map(|&(id, s)| (id, crate::search::document(s)))
        .collect();
    crate::store::tables::search_index::index_new(tx, docs)?;
    crate::store::tables::coverage_index::add(tx, &ids)?;
    Ok(ids
        .into_iter()
        .zip(prepared.into_iter().map(|(_, notes)| notes))
        .collect())
}

/// The revision `before` becomes when a save replaces it (`head` its row).
pub(in crate::store) fn replaced(head: &Head, before: &StoredStory) -> RevisionInfo {
    RevisionInfo {
        version: before.version,
        edition: head.edition,
        saved_at: before.story.updated_at,
        editor: head.saved_by.clone(),
        kind: head.saved_kind,
        kind_label: head.saved_kind.label().to_string(),
        current: false,
    }
}

/// Keeps `before` as a revision and writes `next`'s row as the next version.
#[allow(clippy::too_many_arguments)]
pub(in crate::store) fn write_version(
    tx: &Db,
    id: StoryId,
    head: &Head,
    before: &StoredStory,
    next: &Story,
    live_edition: Option<u32>,
    kind: SaveKind,
    saved_by: &str,
    edited_by: &str,
) -> Result<()> {
    let by = revisions::Next {
        kind,
        editor: saved_by,
    };
    revisions::insert(tx, id, &replaced(head, before), &before.story, next, &by)?;
    let stamp = Stamp {
        edition: next.edition,
        live_edition,
        saved_by,
        saved_kind: kind,
        edited_by,
    };
    stories::update(tx, id, before.version + 1, next, &stamp)?;
    Ok(())
}

/// Writes the parts of new stories, each table's rows for all of them in
/// one statement.
fn write_children(tx: &Db, stories: &[(StoryId, &Story)]) -> Result<()> {
    fn each<'s, T>(
        stories: &[(StoryId, &'s Story)],
        part: impl Fn(&'s Story) -> &'s [T],
    ) -> Vec<(StoryId, &'s [T])> {
        stories.iter().map(|&(id, s)| (id, part(s))).collect()
    }
    sources::insert_all(tx, &each(stories, |s| &s.sources))?;
    facts::insert_all(tx, &each(stories, |s| &s.facts))?;
    citations::insert_all(tx, &each(stories, |s| &s.facts))?;
    narratives::insert_all(tx, &each(stories, |s| &s.narratives))?;
    predictions::insert_all(tx, &each(stories, |s| &s.predictions))?;
    Ok(())
}
