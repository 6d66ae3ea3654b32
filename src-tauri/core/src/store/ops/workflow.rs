//! Workflow transitions, editions and history on the store.
//!
//! Contract: [`Store::transition`] applies exactly what
//! [`crate::editions::check`] allows, in one write transaction that checks
//! the story (gate and version) and records the transition (who, when,
//! from, to, note) with a version of kind `transition`. Publishing freezes
//! the edition as readers see it (with its corrections) and never changes
//! it again; a newer publication supersedes it. History lists editions,
//! versions and transitions; any kept version can be rebuilt, compared and
//! restored as a new draft version (nothing is ever deleted).

use crate::editions::{self as rules, Action, Request};
use crate::error::{Error, Result};
use crate::model::{now, Correction, SaveKind, Status, StoredStory, Story, StoryId};
use crate::store::engine::db::{args, Db};
use crate::store::handle::Store;
use crate::store::ops::content::{check_version, write_version};
use crate::store::ops::reading::{load, load_head, load_many};
use crate::store::tables::editions::{self, EditionInfo};
use crate::store::tables::revisions::{self, RevisionInfo};
use crate::store::tables::settings;
use crate::store::tables::transitions::{self, TransitionInfo};
use serde::Serialize;
use ts_rs::TS;

/// Which edition of a story to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditionRef {
    /// The edition being worked on (the newest).
    Latest,
    /// The edition readers see (the last one published).
    Published,
    /// Edition number N.
    Number(u32),
}

impl EditionRef {
    /// Reads `latest`, `published` or a number.
    pub fn parse(s: &str) -> Option<EditionRef> {
        match s {
            "latest" => Some(EditionRef::Latest),
            "published" => Some(EditionRef::Published),
            n => n.parse().ok().filter(|n| *n >= 1).map(EditionRef::Number),
        }
    }
}

/// A story's record: editions, versions and transitions, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct History {
    pub editions: Vec<EditionInfo>,
    /// The current version first, then every kept one.
    pub versions: Vec<RevisionInfo>,
    /// The versions as history lists them: small saves folded
    /// ([`crate::versions::runs`]).
    pub runs: Vec<crate::versions::VersionRun>,
    pub transitions: Vec<TransitionInfo>,
    /// On a team database, the display name each login chose, to show
    /// beside the login (never in place of it).
    pub display_names: std::collections::BTreeMap<String, String>,
}

impl Store {
    /// Takes `action` on story `id` as this store's editor, with `note` (the
    /// reject note, correction note or withdrawal reason). With
    /// `expected_version`, a story saved elsewhere meanwhile is a conflict.
    pub fn transition(
        &mut self,
        id: StoryId,
        expected_version: Option<i64>,
        action: Action,
        note: &str,
    ) -> Result<StoredStory> {
        let editor = self.editor.clone();
        let role = self.role()?;
        let note = note.trim().to_string();
        self.write_story(id, |tx| {
            let (head, before) = load_head(tx, id)?;
            check_version(&head, &before, expected_version)?;
            let registry = crate::registry::Registry::new(crate::store::tables::outlets::list(tx)?);
            let mut findings = crate::checks::check(&before.story, &registry);
            let histories = crate::store::tables::snapshots::histories(tx, id)?;
            findings.extend(crate::capture::findings(&before.story, &histories));
            let request = Request {
                editor: &editor,
                role: &role,
                note: &note,
                gate_passes: crate::checks::publishable(&findings),
            };
            let w = &before.workflow;
            let to = rules::check(w, action, request).map_err(|r| match r.code {
                crate::error::ErrorCode::NotPublishable => Error::NotPublishable(
                    findings
                        .iter()
                        .filter(|f| f.severity == crate::checks::Severity::Error)
                        .count(),
                ),
                code => Error::Refused {
                    code,
                    message: format!("story {id}: {}", r.message),
                },
            })?;
            let at = now().max(before.story.updated_at);
            let mut next = before.story.clone();
            next.updated_at = at;
            let mut live = w.live_edition;
            let (edition, from) = match action {
                Action::Withdraw => {
                    let n = w.live_edition.unwrap_or(w.edition);
                    editions::withdraw(tx, id, n, &note, &at, &editor)?;
                    if n == w.edition {
                        next.status = Status::Withdrawn;
                    }
                    (n, Status::Published)
                }
                Action::Publish => {
                    if let Some(old) = w.live_edition.filter(|old| *old != w.edition && !w.withdrawn) {
                        editions::set_state(tx, id, old, editions::SUPERSEDED)?;
                    }
                    next.status = Status::Published;
                    next.published_at = Some(before.story.published_at.unwrap_or(at));
                    next.withdrawal = None;
                    next.corrections = editions::corrections(tx, id, w.edition)?;
                    if !note.is_empty() {
                        next.corrections.push(Correction {
                            edition: w.edition,
                            published_at: at,
                            note: note.clone(),
                        });
                    }
                    let document = crate::formats::json::export(&next);
                    editions::publish(tx, id, w.edition, &document, &note, &at, &editor)?;
                    live = Some(w.edition);
                    (w.edition, w.state)
                }
                _ => {
                    editions::set_state(tx, id, w.edition, to.as_str())?;
                    next.status = to;
                    (w.edition, w.state)
                }
            };
            transitions::insert(
                tx,
                id,
                &TransitionInfo {
                    edition,
                    at,
                    editor: editor.clone(),
                    from: from.as_str().into(),
                    to: to.as_str().into(),
                    note: note.clone(),
                },
            )?;
            let edited_by = head.edited_by.clone();
            write_version(
                tx,
                id,
                &head,
                &before,
                &next,
                live,
                SaveKind::Transition,
                &editor,
                &edited_by,
            )?;
            // Publishing moves the story to its publication's day.
            crate::store::tables::coverage_index::refresh(tx, id)?;
            load(tx, id)
        })
    }

    /// Story `id` as the edition `which` has it (a frozen published edition
    /// carries its corrections, and its withdrawal when it was withdrawn).
    pub fn edition_story(&self, id: StoryId, which: EditionRef) -> Result<Story> {
        self.read(|conn| edition_of(conn, id, which))
    }

    /// Stories `ids` as [`Store::edition_story`] reads each, read together
    /// (one read transaction: a batch export pays the file's locks once).
    pub fn edition_stories(&self, ids: &[StoryId], which: EditionRef) -> Result<Vec<Story>> {
        self.read_together(|conn| {
            let current = load_many(conn, ids)?;
            ids.iter()
                .zip(current)
                .map(|(&id, current)| edition_from(conn, id, current, which))
                .collect()
        })
    }

    /// Story `id`'s editions, versions and transitions.
    pub fn history(&self, id: StoryId) -> Result<History> {
        self.read(|conn| {
            let (head, current) = load_head(conn, id)?;
            let mut versions = vec![RevisionInfo {
                version: current.version,
                edition: head.edition,
                saved_at: current.story.updated_at,
                editor: head.saved_by.clone(),
                kind: head.saved_kind,
                kind_label: head.saved_kind.label().to_string(),
                current: true,
            }];
            versions.extend(revisions::list(conn, id)?);
            let transitions = transitions::list(conn, id)?;
            crate::versions::name_transitions(&mut versions, &transitions);
            Ok(History {
                editions: editions::list(conn, id)?,
                runs: crate::versions::runs(&versions),
                versions,
                transitions,
                display_names: crate::store::ops::access::display_names(conn)?,
            })
        })
    }

    /// The story as it was at `version`.
    pub fn story_at(&self, id: StoryId, version: i64) -> Result<Story> {
        self.read(|conn| {
            let current = load(conn, id)?;
            revisions::rebuild(conn, id, version, &current.story, current.version)?.ok_or_else(|| {
                Error::Refused {
                    code: crate::error::ErrorCode::NoSuchVersion,
                    message: format!(
                        "story {id} has no version {version} (it is at {})",
                        current.version
                    ),
                }
            })
        })
    }

    /// Every kept earlier version of story `id`, newest first, rebuilt.
    pub fn revisions(&self, id: StoryId) -> Result<Vec<revisions::Revision>> {
        let history = self.history(id)?;
        history
            .versions
            .into_iter()
            .filter(|v| !v.current)
            .map(|info| {
                let story = self.story_at(id, info.version)?;
                Ok(revisions::Revision { info, story })
            })
            .collect()
    }

    /// Brings back the content of `version` as a new version of the working
    /// edition (a new draft edition when the story is published); nothing
    /// is deleted, so a restore can itself be undone.
    pub fn restore_version(
        &mut self,
        id: StoryId,
        version: i64,
        expected_version: Option<i64>,
    ) -> Result<StoredStory> {
        let old = self.story_at(id, version)?;
        let editor = self.editor.clone();
        let (saved, ()) = self.update_story(id, expected_version, SaveKind::Restore, |story| {
            *story = old;
            Ok(())
        })?;
        self.write(|tx| {
            crate::store::tables::audit::record(
                tx,
                &editor,
                crate::store::tables::audit::Change {
                    action: "restored",
                    subject: &format!("story {id}"),
                    before: &format!("version {version}"),
                    after: &format!("version {}", saved.version),
                },
            )
        })?;
        Ok(saved)
    }

    /// Whether approval must come from a second editor.
    pub fn second_editor_approval(&self) -> Result<bool> {
        self.read(settings::second_editor_approval)
    }

    /// Turns the second-editor approval rule on or off for this database.
    /// The change is recorded in the audit trail (on a team database only
    /// an admin may make it; the server refuses anyone else).
    pub fn set_second_editor_approval(&mut self, on: bool) -> Result<()> {
        let editor = self.editor.clone();
        self.write(|tx| {
            let word = |on: bool| if on { "on" } else { "off" };
            let was = settings::second_editor_approval(tx)?;
            settings::set(tx, settings::SECOND_EDITOR_APPROVAL, word(on))?;
            if was == on {
                return Ok(());
            }
            crate::store::tables::audit::record(
                tx,
                &editor,
                crate::store::tables::audit::Change {
                    action: "rule-changed",
                    subject: settings::SECOND_EDITOR_APPROVAL,
                    before: word(was),
                    after: word(on),
                },
            )
        })
    }
}

/// Story `id` as the edition `which` has it, read on `conn`.
fn edition_of(conn: &Db, id: StoryId, which: EditionRef) -> Result<Story> {
    edition_from(conn, id, load(conn, id)?, which)
}

/// Edition `which` of story `id`, whose current state is `current`.
fn edition_from(conn: &Db, id: StoryId, current: StoredStory, which: EditionRef) -> Result<Story> {
    let number = match which {
        EditionRef::Latest => return Ok(current.story),
        EditionRef::Published => current.workflow.live_edition.ok_or_else(|| Error::Refused {
            code: crate::error::ErrorCode::NotPublished,
            message: format!("story {id} has no published edition yet"),
        })?,
        EditionRef::Number(n) => n,
    };
    frozen(conn, id, number)?
        .or_else(|| (number == current.workflow.edition).then(|| current.story.clone()))
        .ok_or_else(|| Error::Refused {
            code: crate::error::ErrorCode::NoSuchEdition,
            message: format!(
                "story {id} has no edition {number} (it has {})",
                current.workflow.edition
            ),
        })
}

/// Edition `number` as published (with its withdrawal, if any).
fn frozen(conn: &Db, id: StoryId, number: u32) -> Result<Option<Story>> {
    let Some(doc) = editions::document(conn, id, number)? else {
        return Ok(None);
    };
    let mut story = crate::formats::json::import(&doc)
        .map_err(|e| Error::Corrupt(format!("edition {number} of story {id} cannot be read: {e}")))?;
    story.withdrawal = editions::withdrawal(conn, id, number)?;
    if story.withdrawal.is_some() {
        story.status = Status::Withdrawn;
    }
    Ok(Some(story))
}

/// Migration 4's work in Rust: freezes every published story as its first
/// published edition, as the new schema expects.
pub(in crate::store) fn freeze_published(conn: &Db) -> Result<()> {
    let ids: Vec<StoryId> = conn.rows(
        "SELECT id FROM stories WHERE status = 'published'",
        args![],
        |r| r.get(0),
    )?;
    for id in ids {
        let story = load(conn, id)?.story;
        let at = story.published_at.unwrap_or(story.updated_at);
        editions::publish(conn, id, 1, &crate::formats::json::export(&story), "", &at, "")?;
    }
    Ok(())
}
