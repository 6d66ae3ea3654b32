//! A save of the fields an editor typed into: it costs what changed, not
//! what the story holds.
//!
//! Contract: [`Store::save_edits`] saves `story` over story `id` at
//! `expected_version`, given that `story` differs from that version only in
//! the fields `keys` name (edit keys, see [`crate::fields`]). When this
//! store wrote that version itself and it is a draft, the save writes the
//! changed parts' rows, the story's row (version, time, who), the version it
//! replaces as a revision patch of those parts, and a mark that the story's
//! search text is pending ([`crate::store::tables::search_pending`]): nothing is read,
//! copied, compared or indexed per fact, so a word typed into a 3,000-fact
//! story costs what it costs in a 30-fact one. In every other case (another
//! writer since, a published edition, a part moved) it is
//! [`Store::save_story_as`], with its conflicts and refusals. Either way the
//! answer is what a load would read.
//!
//! The text a typed save leaves out of the search index is indexed by
//! [`Store::index_pending`] (the window calls it once typing pauses; a
//! store opened for writing calls it first).

use crate::error::Result;
use crate::model::{now, SaveKind, Status, StoredStory, Story, StoryId};
use crate::model::{Part, Saved};
use crate::store::engine::db::Db;
use crate::store::handle::Store;
use crate::store::tables::facts;
use crate::store::tables::narratives;
use crate::store::tables::predictions;
use crate::store::tables::revisions;
use crate::store::tables::search_pending;
use crate::store::tables::sources;
use crate::store::tables::stories::{self, Stamp};
use std::collections::BTreeSet;
use uuid::Uuid;

impl Store {
    /// Saves the parts `parts` of `story` (the rows its edited fields live
    /// in) over story `id`, which must still be at `expected_version` (see
    /// the module's contract).
    pub fn save_edits(
        &mut self,
        id: StoryId,
        expected_version: i64,
        story: &Story,
        parts: &BTreeSet<Part>,
        kind: SaveKind,
    ) -> Result<Saved> {
        let kept = match self.last_saved.take() {
            Some((saved, _)) if saved.id == id && saved.version == expected_version => Some(saved),
            _ => None,
        };
        if let Some(mut before) = kept.filter(|s| s.workflow.state == Status::Draft) {
            let editor = self.editor.clone();
            let written =
                self.write_story(id, |tx| write(tx, id, &mut before, story, parts, kind, &editor))?;
            if let Some(saved) = written {
                tracing::debug!(id, version = saved.version, "story fields saved");
                self.last_saved = Some((before, None));
                return Ok(saved);
            }
        }
        let stored = self.save_story_as(id, expected_version, story, kind)?;
        Ok(Saved::from(&stored))
    }
}

/// Where each changed part is in both versions: the part's place.
enum Changed {
    Fact(usize),
    Source(usize),
    Narrative(usize),
    Prediction(usize),
}

/// Whether a field edit changes what the story adds to the desk's coverage:
/// a source, a narrative, a fact's citations, or the story's day (a draft's
/// day is its last update, so the first save of a new day moves it).
/// Typing in a fact or a prediction changes none of them.
fn moves_coverage(changed: &[Changed], story: &Story, old: &Story, top: &Story) -> bool {
    let day = |s: &Story| s.published_at.unwrap_or(s.updated_at).date_naive();
    day(top) != day(old)
        || changed.iter().any(|c| match *c {
            Changed::Fact(i) => story.facts[i].citations != old.facts[i].citations,
            Changed::Source(_) | Changed::Narrative(_) => true,
            Changed::Prediction(_) => false,
        })
}

/// The place of the part with this id in `next` when it is at the same
/// place in `before` (else the save is not a field edit). Ids compare as
/// integers: a byte-wise comparison per part was most of the scan.
fn same_place<T>(next: &[T], before: &[T], id: Uuid, key: impl Fn(&T) -> Uuid) -> Option<usize> {
    let (id, key) = (id.as_u128(), |p: &T| key(p).as_u128());
    let at = next.iter().position(|p| key(p) == id)?;
    (before.get(at).map(&key) == Some(id)).then_some(at)
}

/// Writes the changed parts of `story` over `before` (which this store saved
/// and kept) and makes `before` the saved story; `None` when the save is not
/// one of fields over `before` as stored, and nothing was written.
fn write(
    tx: &Db,
    id: StoryId,
    before: &mut StoredStory,
    story: &Story,
    parts: &BTreeSet<Part>,
    kind: SaveKind,
    editor: &str,
) -> Result<Option<Saved>> {
    let Some(head) = stories::get(tx, id)? else {
        return Ok(None);
    };
    if let Some((at, by)) = &head.trashed {
        return Err(crate::store::tables::stories::in_trash(id, at, by));
    }
    let old = &before.story;
    if head.version != before.version
        || head.story.updated_at != old.updated_at
        || head.story.status != Status::Draft
    {
        return Ok(None);
    }
    if story.facts.len() != old.facts.len()
        || story.sources.len() != old.sources.len()
        || story.narratives.len() != old.narratives.len()
        || story.predictions.len() != old.predictions.len()
    {
        return Ok(None);
    }
    let mut own_row = false;
    let mut changed = Vec::new();
    for part in parts {
        let place = match *part {
            Part::Story => {
                own_row |= story.headline != old.headline
                    || story.summary != old.summary
                    || story.image_credit != old.image_credit
                    || story.language != old.language
                    || story.axis != old.axis;
                continue;
            }
            Part::Fact(p) => same_place(&story.facts, &old.facts, p, |f| f.id.0)
                .map(|i| (story.facts[i] != old.facts[i]).then_some(Changed::Fact(i))),
            Part::Source(p) => same_place(&story.sources, &old.sources, p, |s| s.id.0)
                .map(|i| (story.sources[i] != old.sources[i]).then_some(Changed::Source(i))),
            Part::Narrative(p) => same_place(&story.narratives, &old.narratives, p, |n| n.id.0)
                .map(|i| (story.narratives[i] != old.narratives[i]).then_some(Changed::Narrative(i))),
            Part::Prediction(p) => same_place(&story.predictions, &old.predictions, p, |n| n.id.0)
                .map(|i| (story.predictions[i] != old.predictions[i]).then_some(Changed::Prediction(i))),
        };
        match place {
            None => return Ok(None),
            Some(found) => changed.extend(found),
        }
    }
    if !own_row && changed.is_empty() {
        return Ok(Some(Saved::from(&*before)));
    }

    let mut top = revisions::without_parts(story);
    top.take_store_fields(old);
    top.updated_at = now().max(old.updated_at);
    let mut back = revisions::PatchBack::new(&top, &revisions::without_parts(old))?;
    for c in &changed {
        match *c {
            Changed::Fact(i) => back.part(&format!("/facts/{i}"), &story.facts[i], &old.facts[i])?,
            Changed::Source(i) => back.part(&format!("/sources/{i}"), &story.sources[i], &old.sources[i])?,
            Changed::Narrative(i) => back.part(
                &format!("/narratives/{i}"),
                &story.narratives[i],
                &old.narratives[i],
            )?,
            Changed::Prediction(i) => back.part(
                &format!("/predictions/{i}"),
                &story.predictions[i],
                &old.predictions[i],
            )?,
        }
    }
    revisions::insert_patch(
        tx,
        id,
        &crate::store::ops::content::replaced(&head, before),
        old,
        &revisions::Next { kind, editor },
        back.text()?,
    )?;

    for c in &changed {
        match *c {
            Changed::Fact(i) => facts::update(tx, id, i, &story.facts[i])?,
            Changed::Source(i) => {
                let s = &story.sources[i];
                crate::store::engine::db::delete_ids(tx, "sources", "id", id, &[s.id.to_string()])?;
                sources::insert_at(tx, id, &[(i, s)])?;
            }
            Changed::Narrative(i) => {
                let n = &story.narratives[i];
                crate::store::engine::db::delete_ids(tx, "narratives", "id", id, &[n.id.to_string()])?;
                narratives::insert_at(tx, id, &[(i, n)])?;
            }
            Changed::Prediction(i) => {
                let p = &story.predictions[i];
                crate::store::engine::db::delete_ids(tx, "predictions", "id", id, &[p.id.to_string()])?;
                predictions::insert_at(tx, id, &[(i, p)])?;
            }
        }
    }
    let version = before.version + 1;
    let stamp = Stamp {
        edition: head.edition,
        live_edition: head.live_edition,
        saved_by: editor,
        saved_kind: kind,
        edited_by: editor,
    };
    if own_row {
        stories::update(tx, id, version, &top, &stamp)?;
    } else {
        stories::restamp(tx, id, version, &top.updated_at, &stamp)?;
    }
    search_pending::mark(tx, id)?;
    if moves_coverage(&changed, story, old, &top) {
        crate::store::tables::coverage_index::refresh(tx, id)?;
    }

    // The kept story becomes the one saved, copying only what changed.
    let s = &mut before.story;
    s.headline.clone_from(&story.headline);
    s.summary.clone_from(&story.summary);
    s.image_credit.clone_from(&story.image_credit);
    s.language.clone_from(&story.language);
    s.axis.clone_from(&story.axis);
    s.updated_at = top.updated_at;
    for c in changed {
        match c {
            Changed::Fact(i) => s.facts[i].clone_from(&story.facts[i]),
            Changed::Source(i) => s.sources[i].clone_from(&story.sources[i]),
            Changed::Narrative(i) => s.narratives[i].clone_from(&story.narratives[i]),
            Changed::Prediction(i) => s.predictions[i].clone_from(&story.predictions[i]),
        }
    }
    before.version = version;
    before.workflow.last_editor = editor.to_string();
    before.state_label = before.workflow.list_label();
    Ok(Some(Saved::from(&*before)))
}

impl Store {
    /// Re-indexes every story a typing save left pending, one write
    /// transaction each so the lock is never held for more than one story;
    /// how many it indexed. A read-only store indexes nothing (its searches
    /// read the index as the last writer left it).
    pub fn index_pending(&mut self) -> Result<usize> {
        if !self.writable {
            return Ok(0);
        }
        let mut done = 0;
        while let Some(&id) = self.read(|db| search_pending::some(db, 1))?.first() {
            // The story this store saved last is most likely the one pending.
            let kept = self.last_saved.take();
            let indexed = self.write_story(id, |tx| {
                if !search_pending::clear(tx, id)? {
                    return Ok(None);
                }
                let (_, stored, _) = crate::store::ops::reading::load_head_reusing(tx, id, kept)?;
                let doc = crate::search::document(&stored.story);
                crate::store::tables::search_index::index_document(tx, id, &doc)?;
                Ok(Some((stored, Some(doc))))
            })?;
            if indexed.is_some() {
                self.last_saved = indexed;
                done += 1;
            }
        }
        if done > 0 {
            tracing::debug!(stories = done, "pending search text indexed");
        }
        Ok(done)
    }

    /// Writes the whole search index again from the stories, which are the
    /// record (every story but those in the trash), in one transaction, 200
    /// stories a statement; how many stories it indexed. Pending typing
    /// saves are indexed with the rest.
    pub fn rebuild_search_index(&mut self) -> Result<usize> {
        self.write(|tx| {
            crate::store::tables::search_index::clear(tx)?;
            let ids: Vec<crate::model::StoryId> = tx.rows(
                "SELECT id FROM stories WHERE trashed_at IS NULL ORDER BY id",
                &[],
                |r| r.get(0),
            )?;
            for chunk in ids.chunks(200) {
                let docs = crate::store::ops::reading::search_documents(tx, chunk)?;
                crate::store::tables::search_index::index_new(tx, docs)?;
            }
            search_pending::clear_all(tx)?;
            Ok(ids.len())
        })
    }

    /// This store after [`Store::housekeeping`].
    pub(in crate::store) fn with_pending_indexed(mut self) -> Store {
        self.housekeeping();
        self
    }

    /// What a writer does when it opens a database: indexes text saved
    /// while typing and never indexed ([`Store::index_pending`]) and purges
    /// stories in the trash for longer than [`crate::store::ops::trash::KEPT_DAYS`].
    /// Failures are logged, not raised: nothing is lost either way, and the
    /// next writer tries again.
    pub fn housekeeping(&mut self) {
        if !self.writable {
            return;
        }
        if let Err(e) = self.index_pending() {
            tracing::warn!("the search text of stories saved while typing could not be indexed: {e}");
        }
        if let Err(e) = self.purge_trash(Some(crate::store::ops::trash::KEPT_DAYS)) {
            tracing::warn!("the trash could not be emptied of old stories: {e}");
        }
    }
}
