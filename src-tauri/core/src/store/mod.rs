//! The SQLite store of stories, their revisions and the outlet registry.
//!
//! Contract: [`Store::open`] refuses a database from a newer build without
//! touching it, then migrates; the connection runs in WAL mode with foreign
//! keys on and a busy timeout. Every write is one transaction. A save must
//! carry the version it started from: a stale one is refused with
//! [`Error::Conflict`] and nothing is overwritten; each accepted save keeps
//! the previous state as a revision. The store owns ids and timestamps.

mod citations;
mod facts;
pub mod migrations;
mod narratives;
pub mod outlets;
mod predictions;
pub mod revisions;
mod sources;
mod stories;

use crate::error::{Error, Result};
use crate::model::{now, Status, StoredStory, Story, StoryId, StorySummary};
use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::Duration;

pub use revisions::Revision;

/// How long a writer waits for another process's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// An open Factdesk database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

/// Timestamps are stored as RFC 3339 with nanoseconds, so text order is time
/// order and JSON round trips lose nothing.
pub(crate) fn ts(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Nanos, true)
}

pub(crate) fn parse_ts(s: &str) -> rusqlite::Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

pub(crate) fn bad_value(what: &str, value: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        0,
        rusqlite::types::Type::Text,
        format!("unexpected {what} {value:?}").into(),
    )
}

impl Store {
    /// Opens (creating if needed) the database at `path` and migrates it.
    pub fn open(path: &Path) -> Result<Store> {
        Self::open_with(path, migrations::MIGRATIONS)
    }

    /// [`Store::open`] with an explicit migration list (for migration tests).
    pub fn open_with(path: &Path, migrations_list: &[&str]) -> Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(path, flags).map_err(|e| Error::Io {
            path: path.to_path_buf(),
            source: std::io::Error::other(e.to_string()),
        })?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        let not_db = |e: rusqlite::Error| match e {
            rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::NotADatabase => {
                Error::NotADatabase {
                    path: path.to_path_buf(),
                    why: "the file is not an SQLite database".into(),
                }
            }
            other => Error::Database(other),
        };
        migrations::version(&conn).map_err(not_db)?;
        migrations::guard(&conn, path, migrations_list)?;
        conn.pragma_update(None, "journal_mode", "WAL").map_err(not_db)?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        migrations::migrate(&mut conn, path, migrations_list)?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// The database file this store reads and writes.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn write(&mut self) -> Result<Transaction<'_>> {
        Ok(self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?)
    }

    /// Stores `story` as a new story (keeping its timestamps) at version 1.
    pub fn create_story(&mut self, story: &Story) -> Result<StoredStory> {
        let tx = self.write()?;
        let id = stories::insert(&tx, story)?;
        write_children(&tx, id, story)?;
        tx.commit()?;
        tracing::debug!(id, "story created");
        Ok(StoredStory {
            id,
            version: 1,
            story: story.clone(),
        })
    }

    /// The story with this id, as last saved.
    pub fn load_story(&self, id: StoryId) -> Result<StoredStory> {
        load(&self.conn, id)
    }

    /// Saves `story` over story `id`, which must still be at `expected_version`.
    ///
    /// Keeps the previous state as a revision, keeps `created_at` as stored and
    /// stamps `updated_at`. Returns the story as saved, with its new version.
    pub fn save_story(&mut self, id: StoryId, expected_version: i64, story: &Story) -> Result<StoredStory> {
        let tx = self.write()?;
        let before = load(&tx, id)?;
        if before.version != expected_version {
            return Err(Error::Conflict {
                id,
                expected: expected_version,
                current: before.version,
            });
        }
        let mut saved = story.clone();
        saved.uid = before.story.uid;
        saved.created_at = before.story.created_at;
        saved.updated_at = now().max(before.story.updated_at);
        revisions::insert(&tx, &before, &saved.updated_at)?;
        let version = before.version + 1;
        stories::update(&tx, id, version, &saved)?;
        delete_children(&tx, id)?;
        write_children(&tx, id, &saved)?;
        tx.commit()?;
        tracing::debug!(id, version, "story saved");
        Ok(StoredStory {
            id,
            version,
            story: saved,
        })
    }

    /// Marks story `id` published, as a save of `expected_version`.
    pub fn set_status(&mut self, id: StoryId, expected_version: i64, status: Status) -> Result<StoredStory> {
        let mut story = self.load_story(id)?.story;
        story.status = status;
        story.published_at = (status == Status::Published).then(now);
        self.save_story(id, expected_version, &story)
    }

    /// Every story, most recently updated first.
    pub fn list_stories(&self) -> Result<Vec<StorySummary>> {
        Ok(stories::list(&self.conn)?)
    }

    /// Deletes story `id` with its revisions.
    pub fn delete_story(&mut self, id: StoryId) -> Result<()> {
        let tx = self.write()?;
        if !stories::delete(&tx, id)? {
            return Err(Error::NotFound(id));
        }
        tx.commit()?;
        Ok(())
    }

    /// The kept earlier states of story `id`, newest first.
    pub fn revisions(&self, id: StoryId) -> Result<Vec<Revision>> {
        stories::version(&self.conn, id)?.ok_or(Error::NotFound(id))?;
        revisions::list(&self.conn, id)
    }

    /// Copies story `id` as a new draft ("… (copy)"), returning the copy.
    pub fn duplicate_story(&mut self, id: StoryId) -> Result<StoredStory> {
        let mut story = self.load_story(id)?.story;
        story.uid = uuid::Uuid::new_v4();
        story.headline = format!("{} (copy)", story.headline.trim());
        story.status = Status::Draft;
        story.published_at = None;
        story.created_at = now();
        story.updated_at = story.created_at;
        self.create_story(&story)
    }

    /// Outlet names an editor may mean: the registry's and every source's, sorted.
    pub fn outlet_names(&self) -> Result<Vec<String>> {
        Ok(outlets::names(&self.conn)?)
    }

    /// The outlet registry, by name.
    pub fn outlets(&self) -> Result<Vec<crate::model::Outlet>> {
        Ok(outlets::list(&self.conn)?)
    }

    /// The registry in a form checks and reviews can use.
    pub fn registry(&self) -> Result<crate::registry::Registry> {
        Ok(crate::registry::Registry::new(self.outlets()?))
    }

    /// Deletes the outlet of that name (ignoring case).
    pub fn delete_outlet(&mut self, name: &str) -> Result<()> {
        let tx = self.write()?;
        if !outlets::delete(&tx, name)? {
            return Err(Error::BadInput {
                path: PathBuf::from("outlet registry"),
                why: format!("no outlet named {name:?}"),
            });
        }
        tx.commit()?;
        Ok(())
    }

    /// Saves one outlet edited in the registry view, renaming it from
    /// `previous` when given; ratings must be empty or 1-5.
    pub fn save_outlet(&mut self, previous: Option<&str>, outlet: &crate::model::Outlet) -> Result<()> {
        let bad = |why: String| Error::BadInput {
            path: PathBuf::from("outlet registry"),
            why,
        };
        if outlet.name.trim().is_empty() {
            return Err(bad("an outlet needs a name".into()));
        }
        for (axis, r) in [("LR", outlet.lr), ("CP", outlet.cp)] {
            if r.is_some_and(|r| !(1..=5).contains(&r)) {
                return Err(bad(format!("{axis} must be empty or 1-5")));
            }
        }
        let tx = self.write()?;
        if let Some(old) = previous.filter(|p| !p.eq_ignore_ascii_case(outlet.name.trim())) {
            outlets::delete(&tx, old)?;
        }
        outlets::upsert(&tx, outlet)?;
        tx.commit()?;
        Ok(())
    }

    /// Adds or replaces outlets by name, all in one transaction.
    pub fn upsert_outlets(&mut self, list: &[crate::model::Outlet]) -> Result<()> {
        let tx = self.write()?;
        for o in list {
            outlets::upsert(&tx, o)?;
        }
        tx.commit()?;
        Ok(())
    }
}

fn load(conn: &Connection, id: StoryId) -> Result<StoredStory> {
    let (version, mut story) = stories::get(conn, id)?.ok_or(Error::NotFound(id))?;
    story.sources = sources::list(conn, id)?;
    story.facts = facts::list(conn, id)?;
    let mut cites = citations::list(conn, id)?;
    for fact in &mut story.facts {
        fact.citations = cites.remove(&fact.id).unwrap_or_default();
    }
    story.narratives = narratives::list(conn, id)?;
    story.predictions = predictions::list(conn, id)?;
    Ok(StoredStory { id, version, story })
}

fn write_children(tx: &Transaction, id: StoryId, story: &Story) -> Result<()> {
    sources::insert_all(tx, id, &story.sources)?;
    facts::insert_all(tx, id, &story.facts)?;
    citations::insert_all(tx, id, &story.facts)?;
    narratives::insert_all(tx, id, &story.narratives)?;
    predictions::insert_all(tx, id, &story.predictions)?;
    Ok(())
}

fn delete_children(tx: &Transaction, id: StoryId) -> Result<()> {
    // citations go with their facts (ON DELETE CASCADE).
    facts::delete_all(tx, id)?;
    sources::delete_all(tx, id)?;
    narratives::delete_all(tx, id)?;
    predictions::delete_all(tx, id)?;
    Ok(())
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
