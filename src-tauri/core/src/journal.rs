//! Edits kept on this computer while the team database is away.
//!
//! Contract: when a save cannot reach the server, the window's edit is
//! written here — one file per story, the version the edit started from
//! and the whole story — before the editor is told, so typed text survives
//! the server being away, the window closing and the machine crashing.
//! [`replay`] saves each kept edit once the server answers again: an
//! unchanged story takes it as a normal save; a story a colleague changed
//! meanwhile keeps both (the edit becomes a conflicting copy, as in the
//! window's conflict flow); nothing is removed from the journal before the
//! server has stored it.

use crate::error::{Error, Result};
use crate::model::{Story, StoryId};
use crate::store::Store;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// One kept edit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub story: StoryId,
    /// The version the edit started from.
    pub version: i64,
    pub edit: Story,
}

/// The journal of one team database, in a folder of its own.
#[derive(Debug, Clone)]
pub struct Journal {
    dir: PathBuf,
}

/// What replaying did to one kept edit, for the editor to read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Replayed {
    #[ts(type = "number")]
    pub story: StoryId,
    /// The conflicting copy the edit became, when the story had changed.
    #[ts(type = "number | null")]
    pub copy: Option<StoryId>,
    pub message: String,
}

impl Journal {
    /// The journal for the server at `place` (its masked URL) under `base`.
    pub fn for_server(base: &Path, place: &str) -> Journal {
        let name: String = place
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        Journal { dir: base.join(name) }
    }

    fn file(&self, story: StoryId) -> PathBuf {
        self.dir.join(format!("{story}.json"))
    }

    /// Keeps `edit` of `story` (started from `version`), replacing an older one.
    pub fn keep(&self, story: StoryId, version: i64, edit: &Story) -> Result<()> {
        std::fs::create_dir_all(&self.dir).map_err(|source| Error::Io {
            path: self.dir.clone(),
            source,
        })?;
        let entry = Entry {
            story,
            version,
            edit: edit.clone(),
        };
        let text = serde_json::to_vec(&entry).map_err(|e| Error::Corrupt(e.to_string()))?;
        crate::db_files::write_atomically(&self.file(story), &text)
    }

    /// Forgets the kept edit of `story` (the server has it now).
    pub fn forget(&self, story: StoryId) -> Result<()> {
        match std::fs::remove_file(self.file(story)) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(source) => Err(Error::Io {
                path: self.file(story),
                source,
            }),
        }
    }

    /// Every kept edit, by story.
    pub fn entries(&self) -> Vec<Entry> {
        let Ok(dir) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut out: Vec<Entry> = dir
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
            .filter_map(|e| {
                let text = std::fs::read(e.path()).ok()?;
                match serde_json::from_slice(&text) {
                    Ok(entry) => Some(entry),
                    Err(err) => {
                        tracing::warn!(file = %e.path().display(), "a kept edit cannot be read: {err}");
                        None
                    }
                }
            })
            .collect();
        out.sort_by_key(|e| e.story);
        out
    }
}

/// Saves every kept edit to `store`, oldest story first, but those of the
/// stories in `open` (a window editing them saves or resolves them itself:
/// replaying one too would make a second copy of the same edit); stops at
/// the first one the server cannot take because it is away again (the rest
/// stay kept).
pub fn replay(store: &mut Store, journal: &Journal, open: &[StoryId]) -> Result<Vec<Replayed>> {
    let mut done = Vec::new();
    for entry in journal.entries().into_iter().filter(|e| !open.contains(&e.story)) {
        let headline = entry.edit.headline.trim().to_string();
        let outcome = match store.save_story(entry.story, entry.version, &entry.edit) {
            Ok(_) => Replayed {
                story: entry.story,
                copy: None,
                message: format!("Your edits to “{headline}”, kept on this computer while the team database was away, are saved."),
            },
            Err(e) if e.code() == "conflict" || e.code() == "not-found" || e.code() == "edition-locked" => {
                let copy = store.keep_as_copy(&entry.edit)?;
                Replayed {
                    story: entry.story,
                    copy: Some(copy.id),
                    message: format!(
                        "“{headline}” was changed by a colleague while the team database was away; your edits are kept as a copy, “{}”.",
                        copy.story.headline
                    ),
                }
            }
            Err(e) => return if done.is_empty() { Err(e) } else { Ok(done) },
        };
        journal.forget(entry.story)?;
        done.push(outcome);
    }
    Ok(done)
}
