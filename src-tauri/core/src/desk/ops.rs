//! The rest of what a window asks of its desk: stories, the trash, imports
//! and exports, the outlet registry, the workflow and its settings, search
//! and the list, and backups.
//!
//! Contract: each call is one store operation (files are read and parsed
//! before the store is taken, so a slow disk or a large paste never holds
//! up saves); a change that touches what the open copies hold is followed
//! by them; a change to the registry makes the next analysis read it again.
//! Paths come from the caller, which checks they were chosen by the person
//! (the app's file dialogs); every file written refuses the database itself
//! ([`crate::db_files`]).

use super::Desk;
use crate::batch::{self, BatchOffer, ExportPlan};
use crate::editions::{self, Action, Step};
use crate::error::{Error, ErrorCode, Result};
use crate::formats::Format;
use crate::model::{NarrativePair, Outlet, Saved, Status, StoredStory, Story, StoryId, Workflow};
use crate::review::{self, Review};
use crate::store::coverage::Coverage;
use crate::store::search::{ListCount, ListPage, ListRequest, SearchHit, SearchPage};
use crate::store::trash::{Emptied, TrashList};
use crate::store::{Backup, EditionRef, GateResult, History, ImportNote, Store, Trashed, Untrashed};
use crate::user_settings;
use serde::Serialize;
use std::path::Path;
use ts_rs::TS;

/// A story imported, and what the import changed (for a notice).
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct Imported {
    pub stored: StoredStory,
    pub notes: Vec<String>,
    /// What the window says of what the import changed ("Imported as a new
    /// draft: …."); empty when it changed nothing.
    pub said: String,
}

impl From<(StoredStory, Vec<ImportNote>)> for Imported {
    fn from((stored, notes): (StoredStory, Vec<ImportNote>)) -> Imported {
        let notes: Vec<String> = notes.iter().map(ToString::to_string).collect();
        let said = match notes.is_empty() {
            true => String::new(),
            false => format!("Imported as a new draft: {}.", notes.join("; ")),
        };
        Imported { stored, notes, said }
    }
}

/// The axes a story's narratives can take: the establishment axis and the
/// named pairs stories on this desk use, most used first.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct NarrativeAxes {
    pub establishment: NarrativePair,
    pub used: Vec<NarrativePair>,
}

/// A state the list can filter by, with its name for people.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct StateOption {
    /// What the window's filter holds for this choice ("published+draft").
    pub key: String,
    pub status: Status,
    /// Only stories with a draft beside their live edition.
    pub with_draft: bool,
    pub label: String,
}

impl Desk {
    // Stories.

    /// One story as stored.
    pub fn get_story(&self, id: StoryId) -> Result<StoredStory> {
        self.store().load_story(id)
    }

    /// A new, empty draft.
    pub fn create_story(&self) -> Result<StoredStory> {
        self.store().create_story(&Story::new(""))
    }

    /// A draft copy of story `id`.
    pub fn duplicate_story(&self, id: StoryId) -> Result<StoredStory> {
        self.store().duplicate_story(id)
    }

    /// Moves story `id` to the trash (a published story is refused: it is
    /// withdrawn instead); its copy being edited is closed.
    pub fn delete_story(&self, id: StoryId) -> Result<Trashed> {
        self.shared.working().remove(&id);
        self.store().delete_story(id)
    }

    /// The stories in the trash, most recently deleted first.
    pub fn trash(&self) -> Result<Vec<Trashed>> {
        self.store().trash()
    }

    /// The trash as the window shows it, with the question asked before
    /// emptying it.
    pub fn trash_list(&self) -> Result<TrashList> {
        Ok(TrashList::of(self.store().trash()?))
    }

    /// Brings story `id` back from the trash with its id, uid and history.
    pub fn untrash_story(&self, id: StoryId) -> Result<Untrashed> {
        self.store().restore_from_trash(id)
    }

    /// Deletes every story in the trash for good; how many went, in words.
    pub fn empty_trash(&self) -> Result<Emptied> {
        Ok(Emptied::of(self.store().purge_trash(None)?.len()))
    }

    /// Keeps an edit that lost a save conflict as a new draft story.
    pub fn keep_as_copy(&self, story: &Story) -> Result<StoredStory> {
        self.store().keep_as_copy(story)
    }

    /// The establishment axis and the pairs stories on this desk use.
    pub fn narrative_pairs(&self) -> Result<NarrativeAxes> {
        let [first, second] = crate::model::ESTABLISHMENT_LABELS.map(String::from);
        Ok(NarrativeAxes {
            establishment: NarrativePair { first, second },
            used: self.store().narrative_pairs()?,
        })
    }

    /// The story last open in this database's window, if it still exists.
    pub fn last_story(&self) -> Option<StoryId> {
        let file = self.settings_file()?;
        let store = self.store();
        let id = user_settings::last_story(&file, store.path());
        id.filter(|id| store.load_story(*id).is_ok())
    }

    /// Remembers which story is open (`None`: none), for the next start.
    pub fn remember_story(&self, id: Option<StoryId>) -> Result<()> {
        let Some(file) = self.settings_file() else {
            return Ok(());
        };
        let db = self.store().path().to_path_buf();
        user_settings::remember_story(&file, &db, id)
    }

    // Imports and exports.

    /// Imports pasted text (canonical text, a web page copy, JSON or ninjs).
    pub fn import_story_text(&self, text: String) -> Result<Imported> {
        let origin = Path::new("pasted text");
        let text = crate::input::text_from_bytes(origin, text.into_bytes())?;
        self.import_parsed(crate::parse_input(origin, &text, None)?)
    }

    /// Stores a parsed story as a new draft and offers the ratings it came
    /// with to the registry (see [`crate::offer_ratings`]).
    fn import_parsed(
        &self,
        (story, ratings): (crate::model::Story, Vec<crate::formats::reposted::Rating>),
    ) -> Result<Imported> {
        let mut store = self.store();
        let (stored, mut notes) = store.import_story(&story)?;
        notes.extend(crate::offer_ratings(&mut store, &ratings)?);
        drop(store);
        if !ratings.is_empty() {
            self.registry_changed();
        }
        Ok((stored, notes).into())
    }

    /// Imports the story file at `path`.
    pub fn import_story_file(&self, path: &Path) -> Result<Imported> {
        let text = crate::input::read_text(path)?;
        self.import_parsed(crate::parse_input(path, &text, None)?)
    }

    /// Story `id` (the edition `which`) written in `format`.
    pub fn export_story(&self, id: StoryId, which: EditionRef, format: Format) -> Result<String> {
        let story = self.store().edition_story(id, which)?;
        Ok(format.export(&story))
    }

    /// Writes story `id` (the edition `which`) in `format` to `path`; the
    /// store stays open meanwhile, so its own file is refused.
    pub fn export_story_file(
        &self,
        id: StoryId,
        which: EditionRef,
        format: Format,
        path: &Path,
    ) -> Result<()> {
        let story = self.store().edition_story(id, which)?;
        crate::db_files::write_atomically(path, format.export(&story).as_bytes())
    }

    /// Writes the edition `which` (`published`, `latest`, a number, or
    /// `readers`: the published one when there is one, else the draft) of
    /// story `id` in `format` to `path`; what the window says of it.
    pub fn export_story_to(&self, id: StoryId, which: &str, format: Format, path: &Path) -> Result<String> {
        let workflow = self.store().load_story(id)?.workflow;
        let which = match (which, workflow.live_edition) {
            ("readers", Some(_)) => "published",
            ("readers", None) => "latest",
            (which, _) => which,
        };
        let edition = EditionRef::parse(which).ok_or_else(|| crate::error::Error::BadInput {
            path: path.to_path_buf(),
            why: format!("{which:?} is not an edition: say published, latest or a number"),
        })?;
        self.export_story_file(id, edition, format, path)?;
        Ok(crate::editions::exported(&workflow, which, path))
    }

    /// Where each story of a batch export would go in `dir`.
    pub fn plan_export(&self, ids: &[StoryId], format: Format, dir: &Path) -> Result<ExportPlan> {
        let stories = self.store().headlines(ids)?;
        let found: Vec<StoryId> = stories.iter().map(|(id, _)| *id).collect();
        let gates = self.store().gate_results(&found)?;
        let failing: Vec<(StoryId, String)> = (stories.iter().zip(&gates))
            .filter(|(_, gate)| !gate.publishable)
            .map(|(story, _)| story.clone())
            .collect();
        let files = batch::plan(&stories, format, dir);
        Ok(ExportPlan::new(files, &failing, ids.len(), dir))
    }

    /// The stories the window's batch export offers: the
    /// [`batch::OFFERED`] most recently updated, and how many the desk has.
    pub fn batch_offer(&self) -> Result<BatchOffer> {
        let request = ListRequest {
            status: None,
            with_draft: false,
            outlet: None,
            after: None,
            before: None,
            sort: crate::store::search::SortBy::Updated,
            offset: 0,
            limit: batch::OFFERED,
            from: None,
        };
        let page = self.store().list_page(&request)?;
        let offered = page.listing.stories;
        let total = match page.more {
            true => u64::from(self.store().list_count_line(&request)?.total),
            false => offered.len() as u64,
        };
        Ok(BatchOffer::new(offered, total))
    }

    // The outlet registry.

    /// Outlet names an editor may mean: the registry's, earlier sources',
    /// and those typed into story `story` while it is open here, one
    /// spelling per outlet as the registry tells outlets apart (ignoring
    /// case and spacing), sorted.
    pub fn outlet_names(&self, story: Option<StoryId>) -> Result<Vec<String>> {
        let mut names = self.store().outlet_names()?;
        if let Some(working) =
            story.and_then(|id| self.shared.working().get(&id).map(|w| w.story().sources.clone()))
        {
            names.extend(
                working
                    .into_iter()
                    .map(|s| s.outlet.trim().to_string())
                    .filter(|o| !o.is_empty()),
            );
        }
        let mut keyed: Vec<(String, String)> = names
            .into_iter()
            .map(|n| (crate::registry::outlet_key(&n), n))
            .collect();
        // Stable: the registry's and stored spellings come first and win.
        keyed.sort_by(|a, b| a.0.cmp(&b.0));
        keyed.dedup_by(|later, first| later.0 == first.0);
        Ok(keyed.into_iter().map(|(_, n)| n).collect())
    }

    /// The registry, by name.
    pub fn outlets(&self) -> Result<Vec<Outlet>> {
        self.store().outlets()
    }

    /// The registry's outlet of that name, matched as the registry matches names.
    pub fn find_outlet(&self, name: &str) -> Result<Option<Outlet>> {
        self.store().find_outlet(name)
    }

    /// Puts the registry back as it was (undo of an edit, delete or
    /// import); what the editor reads.
    pub fn restore_outlets(&self, outlets: &[Outlet]) -> Result<String> {
        self.registry_changed();
        self.store().replace_outlets(outlets)?;
        Ok(crate::registry::RESTORED.to_string())
    }

    /// Saves an outlet, renamed from `previous` when given; what the editor
    /// reads ([`crate::registry::saved`]).
    pub fn save_outlet(&self, previous: Option<&str>, outlet: &Outlet) -> Result<String> {
        self.registry_changed();
        self.store().save_outlet(previous, outlet)?;
        Ok(crate::registry::saved(previous, &outlet.name))
    }

    /// Deletes outlet `name`; what the editor reads.
    pub fn delete_outlet(&self, name: &str) -> Result<String> {
        self.registry_changed();
        self.store().delete_outlet(name)?;
        Ok(crate::registry::deleted(name))
    }

    /// Imports a registry CSV; all or nothing; what the editor reads
    /// ([`crate::registry::imported`]: how many outlets).
    pub fn import_outlets_file(&self, path: &Path) -> Result<String> {
        let outlets = crate::read_outlets_csv(path)?;
        self.registry_changed();
        self.store().upsert_outlets(&outlets)?;
        Ok(crate::registry::imported(outlets.len()))
    }

    /// Writes the registry as CSV to `path`; what the editor reads.
    pub fn export_outlets_file(&self, path: &Path) -> Result<String> {
        let csv = crate::registry::to_csv(&self.store().outlets()?);
        crate::db_files::write_atomically(path, csv.as_bytes())?;
        Ok(crate::registry::exported(path))
    }

    /// The attribution review of `story`, with the registry as cached.
    pub fn review_story(&self, story: &Story) -> Review {
        review::review(story, &self.registry())
    }

    // The workflow.

    /// Takes `action` on story `id` from `version`, with `note`.
    pub fn transition(&self, id: StoryId, version: i64, action: Action, note: &str) -> Result<Saved> {
        let stored = self.store().transition(id, Some(version), action, note)?;
        Ok(self.follow(&stored))
    }

    /// The steps the workflow offers now, as this editor, on this desk.
    pub fn workflow_steps(&self, mut workflow: Workflow, gate_passes: bool) -> Result<Vec<Step>> {
        let store = self.store();
        workflow.second_editor_approval = store.second_editor_approval()?;
        Ok(editions::steps(
            &workflow,
            store.editor(),
            &store.role()?,
            gate_passes,
        ))
    }

    pub fn history(&self, id: StoryId) -> Result<History> {
        self.store().history(id)
    }

    pub fn story_at(&self, id: StoryId, version: i64) -> Result<Story> {
        self.store().story_at(id, version)
    }

    pub fn story_edition(&self, id: StoryId, number: u32) -> Result<Story> {
        self.store().edition_story(id, EditionRef::Number(number))
    }

    /// Brings back version `version`'s content as a new version.
    pub fn restore_version(&self, id: StoryId, version: i64, expected: i64) -> Result<StoredStory> {
        let stored = self.store().restore_version(id, version, Some(expected))?;
        self.follow(&stored);
        Ok(stored)
    }

    // Search, the list and the coverage.

    /// The stories matching `query`, best first, with typed text indexed first.
    /// The search runs on the desk's own read connection, within the
    /// store's time budget, never under the store's lock.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        self.searching(|reader| reader.search(query, limit))
    }

    /// `limit` results from `offset`, and how many stories match in all.
    pub fn search_page(&self, query: &str, offset: usize, limit: usize) -> Result<SearchPage> {
        self.searching(|reader| reader.search_page(query, offset, limit))
    }

    /// Runs `f` on the desk's read-only search store (never under the store's
    /// lock, so a long search does not hold up saves).
    fn searching<T>(&self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        self.index_pending();
        let mut slot = self.searcher.lock().unwrap_or_else(|p| p.into_inner());
        let mut reader = match slot.take() {
            Some(reader) => reader,
            None => self.store().reader()?,
        };
        let found = f(&mut reader);
        // A reader that failed for another reason than the query is opened again next time.
        if found.is_ok() || matches!(found, Err(crate::error::Error::BadQuery(_))) {
            *slot = Some(reader);
        }
        found
    }

    pub fn list_page(&self, request: &ListRequest) -> Result<ListPage> {
        self.store().list_page(request)
    }

    /// How many stories the list's filters let through, with the line the
    /// window shows under the list (or instead of it, when empty).
    pub fn list_count(&self, request: &ListRequest) -> Result<ListCount> {
        self.store().list_count_line(request)
    }

    /// The states the list filters by, with their labels: each state, and
    /// after *Published* the published stories with a next edition in work.
    pub fn story_states() -> Vec<StateOption> {
        let option = |status: Status, with_draft: bool| StateOption {
            key: if with_draft {
                format!("{}+draft", status.as_str())
            } else {
                status.as_str().to_string()
            },
            status,
            with_draft,
            label: status.list_label(with_draft),
        };
        let mut options = Vec::new();
        for status in Status::ALL {
            options.push(option(status, false));
            if status == Status::Published {
                options.push(option(status, true));
            }
        }
        options
    }

    /// The desk's coverage from `since` to the day before `until` (both
    /// `YYYY-MM-DD`), optionally for a search.
    pub fn coverage(&self, since: &str, until: &str, query: Option<&str>) -> Result<Coverage> {
        let day = |v: &str, what: &str| {
            chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").map_err(|_| Error::Refused {
                code: ErrorCode::BadQuery,
                message: format!("the {what} date must look like 2026-11-01, not {v:?}"),
            })
        };
        let (since, until) = (day(since, "first")?, day(until, "last")?);
        self.store().coverage(since, until, query)
    }

    pub fn gate_results(&self, ids: &[StoryId]) -> Result<Vec<GateResult>> {
        self.store().gate_results(ids)
    }

    // Backups.

    pub fn backups(&self) -> Vec<Backup> {
        self.store().backups()
    }

    /// Restores one of this database's own backups (any other path is
    /// refused); the backup of the state it replaced.
    pub fn restore_backup(&self, path: &Path) -> Result<String> {
        let mut store = self.store();
        if !store.backups().iter().any(|b| b.path == path) {
            return Err(Error::Refused {
                code: ErrorCode::NotPermitted,
                message: format!("{}: not one of this database's backups", path.display()),
            });
        }
        let before = store.restore_backup(path)?;
        drop(store);
        // What the open copies hold may be gone or older now.
        self.shared.working().clear();
        self.registry_changed();
        Ok(before.to_string_lossy().into_owned())
    }
}
