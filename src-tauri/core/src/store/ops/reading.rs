//! Reading stories from their rows: one story whole, many stories whole,
//! or many stories' search documents.
//!
//! Contract: [`load`] (and [`load_head`], with the row) reads a story as
//! the store keeps it — its row, its parts (facts with their citations,
//! sources, narratives, predictions), the corrections and withdrawal of its
//! live edition and the desk's approval rule — and refuses a story that is
//! not there, is in the trash, or has a row that cannot be read, naming it.
//! [`load_many`] answers exactly what [`load`] answers for each id, reading
//! all of them together: a statement per table, never one per story and
//! table (on a server, each a round trip); [`load_each`] answers each id
//! on its own. [`search_documents`] makes the
//! search documents of a chunk of ids close together the same way.

use crate::error::{Error, Result};
use crate::model::{Fact, Narrative, Prediction, Source, StoredStory, Story, StoryId, Workflow};
use crate::store::engine::db::Db;
use crate::store::tables::editions::{self, Notes};
use crate::store::tables::stories::{self, Head};
use crate::store::tables::{citations, facts, narratives, predictions, settings, sources, Span};
use std::collections::HashMap;

/// The story row and the whole stored story.
pub(in crate::store) fn load_head(conn: &Db, id: StoryId) -> Result<(Head, StoredStory)> {
    load_head_reusing(conn, id, None).map(|(head, stored, _)| (head, stored))
}

/// As [`load_head`], taking the parts (facts, sources, narratives,
/// predictions) from `saved` instead of reading them when it is this story
/// as this process last saved it: the row still has its version and time
/// (every write of a story's parts writes a new version). The row, the
/// editions and the desk's settings are read as always. The search text
/// kept with `saved`, if any, comes back when it was taken, as the story's.
pub(in crate::store) fn load_head_reusing(
    conn: &Db,
    id: StoryId,
    saved: Option<(StoredStory, Option<crate::search::Document>)>,
) -> Result<(Head, StoredStory, Option<crate::search::Document>)> {
    let read = || -> Result<Option<(Head, StoredStory, Option<crate::search::Document>)>> {
        let Some(head) = stories::get(conn, id)? else {
            return Ok(None);
        };
        if let Some((at, by)) = &head.trashed {
            return Err(stories::in_trash(id, at, by));
        }
        let mut story = head.story.clone();
        let mut kept_doc = None;
        match saved.filter(|(s, _)| {
            s.id == id && s.version == head.version && s.story.updated_at == head.story.updated_at
        }) {
            Some((saved, doc)) => {
                kept_doc = doc;
                let parts = saved.story;
                story.sources = parts.sources;
                story.facts = parts.facts;
                story.narratives = parts.narratives;
                story.predictions = parts.predictions;
            }
            None => parts(conn, Span::Ids(&[id]))?
                .remove(&id)
                .unwrap_or_default()
                .put_into(&mut story),
        }
        let notes = editions::notes_span(conn, Span::Ids(&[id]))?.remove(&id);
        let approval = settings::second_editor_approval(conn)?;
        let stored = assemble(id, &head, story, notes.as_ref(), approval);
        Ok(Some((head, stored, kept_doc)))
    };
    match read() {
        Ok(Some(found)) => Ok(found),
        Ok(None) => Err(Error::NotFound(id)),
        Err(e) => Err(match crate::store::tables::unreadable_row(&e) {
            Some(why) => Error::Corrupt(format!("story {id} cannot be read: {why}")),
            None => e,
        }),
    }
}

/// Story `id` as the store keeps it (see the module's contract).
pub(in crate::store) fn load(conn: &Db, id: StoryId) -> Result<StoredStory> {
    load_head(conn, id).map(|(_, s)| s)
}

/// Stories `ids` as [`load`] reads each, in the order asked, read together
/// (a few hundred at a time). One that [`load`] would refuse — not there,
/// in the trash, a row that cannot be read — is read alone, and refused in
/// its words. No ids, no statement.
pub(in crate::store) fn load_many(conn: &Db, ids: &[StoryId]) -> Result<Vec<StoredStory>> {
    let found = match together(conn, ids) {
        Ok(found) => found,
        // A row that cannot be read: which one, `load` tells.
        Err(e) if crate::store::tables::unreadable_row(&e).is_some() => HashMap::new(),
        Err(e) => return Err(e),
    };
    each_of(conn, ids, found).collect()
}

/// What [`load`] answers for each of `ids`, in the order asked, read
/// together: when that fails, whatever the reason, each is read alone and
/// has its own answer (the doctor names every story that cannot be read;
/// the batch export's chooser counts each as an error).
pub(in crate::store) fn load_each(conn: &Db, ids: &[StoryId]) -> Vec<Result<StoredStory>> {
    each_of(conn, ids, together(conn, ids).unwrap_or_default()).collect()
}

/// Each of `ids` from `found`, or read alone when it is not there.
fn each_of<'a, 'db>(
    conn: &'a Db<'db>,
    ids: &'a [StoryId],
    mut found: HashMap<StoryId, StoredStory>,
) -> impl Iterator<Item = Result<StoredStory>> + use<'a, 'db> {
    ids.iter()
        .map(move |&id| found.remove(&id).map_or_else(|| load(conn, id), Ok))
}

/// The stories of `ids` out of the trash, each as [`load`] reads it, with
/// a statement per table for all of them.
fn together(conn: &Db, ids: &[StoryId]) -> Result<HashMap<StoryId, StoredStory>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let mut sorted = ids.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let span = Span::Ids(&sorted);
    let heads = stories::get_span(conn, span)?;
    let mut parts = parts(conn, span)?;
    let mut notes = editions::notes_span(conn, span)?;
    let approval = settings::second_editor_approval(conn)?;
    Ok(heads
        .into_iter()
        .filter(|(_, head)| head.trashed.is_none())
        .map(|(id, head)| {
            let mut story = head.story.clone();
            parts.remove(&id).unwrap_or_default().put_into(&mut story);
            let notes = notes.remove(&id);
            (id, assemble(id, &head, story, notes.as_ref(), approval))
        })
        .collect())
}

/// A stored story from its row, `story` (the row's story with its parts
/// put in) and its editions' notes.
fn assemble(
    id: StoryId,
    head: &Head,
    mut story: Story,
    notes: Option<&Notes>,
    approval: bool,
) -> StoredStory {
    let live = head.live_edition;
    story.corrections = notes
        .map(|n| n.corrections(live.unwrap_or(0)))
        .unwrap_or_default();
    story.withdrawal = live.and_then(|n| notes.and_then(|notes| notes.withdrawal(n)));
    let workflow = Workflow {
        edition: head.edition,
        state: story.status,
        live_edition: live,
        withdrawn: story.withdrawal.is_some(),
        last_editor: head.edited_by.clone(),
        second_editor_approval: approval,
        editable: crate::editions::editable(story.status),
    };
    StoredStory {
        id,
        version: head.version,
        story,
        state_label: workflow.list_label(),
        workflow,
    }
}

/// A story's parts as stored in the rows beside its own.
#[derive(Default)]
struct Parts {
    sources: Vec<Source>,
    facts: Vec<Fact>,
    narratives: Vec<Narrative>,
    predictions: Vec<Prediction>,
}

impl Parts {
    fn put_into(self, story: &mut Story) {
        story.sources = self.sources;
        story.facts = self.facts;
        story.narratives = self.narratives;
        story.predictions = self.predictions;
    }
}

/// The parts of every story of `span`, each fact with its citations: a
/// statement per table, never one per story and table (on a server, each a
/// round trip).
fn parts(conn: &Db, span: Span) -> Result<HashMap<StoryId, Parts>> {
    let mut found: HashMap<StoryId, Parts> = HashMap::new();
    let mut cites = citations::list_span(conn, span)?;
    for (id, mut fact) in facts::list_span(conn, span)? {
        let cited = cites.get_mut(&id).and_then(|c| c.remove(&fact.id));
        fact.citations = cited.unwrap_or_default();
        found.entry(id).or_default().facts.push(fact);
    }
    for (id, source) in sources::list_span(conn, span)? {
        found.entry(id).or_default().sources.push(source);
    }
    for (id, narrative) in narratives::list_span(conn, span)? {
        found.entry(id).or_default().narratives.push(narrative);
    }
    for (id, prediction) in predictions::list_span(conn, span)? {
        found.entry(id).or_default().predictions.push(prediction);
    }
    Ok(found)
}

/// The search documents of stories `ids`, as they are stored in `conn`
/// (what a copy and a rebuilt index write), read with [`parts`] over the
/// ids' whole range: callers hand a few hundred ids close together. An id
/// with no story is [`Error::NotFound`].
pub(in crate::store) fn search_documents(
    conn: &Db,
    ids: &[StoryId],
) -> Result<Vec<(StoryId, crate::search::Document)>> {
    let (Some(&lo), Some(&hi)) = (ids.iter().min(), ids.iter().max()) else {
        return Ok(Vec::new());
    };
    let mut texts: HashMap<StoryId, (String, String)> = stories::texts(conn, Span::Range(lo, hi))?
        .into_iter()
        .map(|(id, headline, summary)| (id, (headline, summary)))
        .collect();
    let mut parts = parts(conn, Span::Range(lo, hi))?;
    ids.iter()
        .map(|id| {
            let (headline, summary) = texts.remove(id).ok_or(Error::NotFound(*id))?;
            let mut story = Story::new(headline);
            story.summary = summary;
            parts.remove(id).unwrap_or_default().put_into(&mut story);
            Ok((*id, crate::search::document(&story)))
        })
        .collect()
}
