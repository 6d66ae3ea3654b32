//! The trash: stories deleted from the desk, kept whole until restored or
//! purged.
//!
//! Contract: [`Store::delete_story`] moves a story that was never published
//! to the trash — its row, parts, editions, revisions and transitions stay,
//! marked with when and by whom — and refuses one that was ever published
//! (withdraw it instead). A story in the trash is in no list, search, count
//! or export and cannot be opened or changed; [`Store::restore_from_trash`]
//! brings it back with the same id, uid and history. [`Store::purge_trash`]
//! deletes for good the stories in the trash longer than a number of days
//! (all, with none); a writer empties stories older than [`KEPT_DAYS`] when
//! it opens the database. What the editor reads about each of these is
//! written here: [`Trashed::said`], [`Untrashed::said`], the question before
//! emptying the trash ([`TrashList::emptying`]) and what it did
//! ([`Emptied::said`]).

use crate::error::{Error, ErrorCode, Result};
use crate::model::{StoredStory, StoryId};
use crate::store::engine::db::{args, Db};
use crate::store::handle::Store;
use crate::store::tables::parse_ts;
use crate::store::tables::stories;
use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

/// How long a story stays in the trash before a writer purges it.
pub const KEPT_DAYS: i64 = 30;

/// A story in the trash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Trashed {
    #[ts(type = "number")]
    pub id: StoryId,
    pub uid: uuid::Uuid,
    pub headline: String,
    pub deleted_at: DateTime<Utc>,
    pub deleted_by: String,
    /// When a writer will purge it unless it is restored first.
    pub purge_after: DateTime<Utc>,
    /// What the editor reads when it went to the trash.
    pub said: String,
}

impl Trashed {
    fn new(
        id: StoryId,
        uid: uuid::Uuid,
        headline: String,
        deleted_at: DateTime<Utc>,
        deleted_by: String,
    ) -> Trashed {
        let purge_after = deleted_at + chrono::Duration::days(KEPT_DAYS);
        let said = format!(
            "Moved {} to the trash; it is kept there for {KEPT_DAYS} days unless you restore it.",
            named(&headline)
        );
        Trashed {
            id,
            uid,
            headline,
            deleted_at,
            deleted_by,
            purge_after,
            said,
        }
    }
}

/// The trash as the window shows it: its stories, most recently deleted
/// first, and the question asked before emptying it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TrashList {
    pub stories: Vec<Trashed>,
    /// "Delete 2 stories and their history for good? This cannot be undone."
    pub emptying: String,
}

/// What emptying the trash did, and what the editor reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Emptied {
    pub count: u32,
    pub said: String,
}

impl TrashList {
    pub fn of(stories: Vec<Trashed>) -> TrashList {
        let emptying = match stories.len() {
            1 => "Delete 1 story and its history for good? This cannot be undone.".to_string(),
            n => format!(
                "Delete {} and their history for good? This cannot be undone.",
                crate::list_words::stories(n as u64)
            ),
        };
        TrashList { stories, emptying }
    }
}

impl Emptied {
    pub fn of(count: usize) -> Emptied {
        Emptied {
            count: count as u32,
            said: format!("{} deleted for good.", crate::list_words::stories(count as u64)),
        }
    }
}

/// A story back from the trash, and what the editor reads.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Untrashed {
    pub stored: StoredStory,
    pub said: String,
}

/// How a sentence names a story by its headline.
fn named(headline: &str) -> String {
    match headline.trim() {
        "" => "an untitled story".to_string(),
        h => format!("“{h}”"),
    }
}

/// Why story `id` may not be deleted, if it may not: it was published.
fn ever_published(db: &Db, id: StoryId) -> Result<Option<Error>> {
    // An edition once published keeps its time, superseded or withdrawn.
    let published: Option<i64> = db.value(
        "SELECT max(number) FROM editions WHERE story_id = ?1 AND published_at IS NOT NULL",
        args![id],
    )?;
    Ok(published.map(|n| Error::Refused {
        code: ErrorCode::WrongState,
        message: format!(
            "story {id} was published (edition {n}); a published story is never deleted: withdraw it instead"
        ),
    }))
}

fn list(db: &Db) -> Result<Vec<Trashed>> {
    db.rows(
        "SELECT id, uid, headline, trashed_at, trashed_by FROM stories
         WHERE trashed_at IS NOT NULL ORDER BY trashed_at DESC, id DESC",
        args![],
        |r| {
            Ok(Trashed::new(
                r.get(0)?,
                crate::store::tables::sources::id(&r.get::<String>(1)?, |u| u)?,
                r.get(2)?,
                parse_ts(&r.get::<String>(3)?)?,
                r.get::<Option<String>>(4)?.unwrap_or_default(),
            ))
        },
    )
}

impl Store {
    /// Moves story `id` to the trash (see the module); what the trash now
    /// holds of it.
    pub fn delete_story(&mut self, id: StoryId) -> Result<Trashed> {
        self.last_saved = None;
        let editor = self.editor.clone();
        let now = crate::model::now();
        self.write_story(id, |tx| {
            let head = stories::get(tx, id)?.ok_or(Error::NotFound(id))?;
            if let Some((at, by)) = &head.trashed {
                return Err(stories::in_trash(id, at, by));
            }
            if let Some(refusal) = ever_published(tx, id)? {
                return Err(refusal);
            }
            stories::set_trashed(tx, id, Some((&now, &editor)))?;
            audit_story(tx, &editor, "deleted", id, &head.story.headline)?;
            crate::store::tables::search_pending::clear(tx, id)?;
            crate::store::tables::search_index::unindex(tx, id)?;
            crate::store::tables::coverage_index::refresh(tx, id)?;
            Ok(Trashed::new(
                id,
                head.story.uid,
                head.story.headline,
                now,
                editor.clone(),
            ))
        })
    }

    /// The stories in the trash, most recently deleted first.
    pub fn trash(&self) -> Result<Vec<Trashed>> {
        self.read(list)
    }

    /// Brings story `id` back from the trash with its id, uid and history.
    pub fn restore_from_trash(&mut self, id: StoryId) -> Result<Untrashed> {
        self.last_saved = None;
        let editor = self.editor.clone();
        self.write_story(id, |tx| {
            let head = stories::get(tx, id)?.ok_or(Error::NotFound(id))?;
            if head.trashed.is_none() {
                return Err(Error::Refused {
                    code: ErrorCode::WrongState,
                    message: format!("story {id} is not in the trash"),
                });
            }
            stories::set_trashed(tx, id, None)?;
            audit_story(tx, &editor, "undeleted", id, &head.story.headline)?;
            let stored = crate::store::ops::reading::load(tx, id)?;
            crate::store::tables::search_index::index(tx, id, &stored.story)?;
            crate::store::tables::coverage_index::refresh(tx, id)?;
            let said = format!("Restored {} from the trash.", named(&stored.story.headline));
            Ok(Untrashed { stored, said })
        })
    }

    /// Deletes for good the stories in the trash for more than
    /// `older_than_days` days (all of them with `None`); their ids.
    pub fn purge_trash(&mut self, older_than_days: Option<i64>) -> Result<Vec<StoryId>> {
        let before = match older_than_days {
            Some(days) => crate::model::now() - chrono::Duration::days(days.max(0)),
            // Later than any deletion: everything in the trash.
            None => crate::model::now() + chrono::Duration::days(1),
        };
        // Most opens find nothing to purge: ask before taking the write lock.
        let due: i64 = self.read(|db| {
            db.value(
                "SELECT count(*) FROM stories WHERE trashed_at IS NOT NULL AND trashed_at < ?1",
                args![crate::store::tables::ts(&before)],
            )
        })?;
        if due == 0 {
            return Ok(Vec::new());
        }
        self.last_saved = None;
        let editor = self.editor.clone();
        let purged = self.write(|tx| {
            let purged = stories::purge(tx, &before)?;
            for id in &purged {
                audit_story(tx, &editor, "purged", *id, "")?;
            }
            Ok(purged)
        })?;
        if !purged.is_empty() {
            tracing::info!(stories = ?purged, "purged from the trash");
        }
        Ok(purged)
    }
}

/// Records what happened to story `id` (called `headline`) in the audit trail.
pub(in crate::store) fn audit_story(
    tx: &crate::store::engine::db::Db,
    editor: &str,
    action: &str,
    id: StoryId,
    headline: &str,
) -> Result<()> {
    crate::store::tables::audit::record(
        tx,
        editor,
        crate::store::tables::audit::Change {
            action,
            subject: &format!("story {id}"),
            before: headline,
            after: "",
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emptying_the_trash_asks_and_says_how_many() {
        assert_eq!(
            TrashList::of(Vec::new()).emptying,
            "Delete 0 stories and their history for good? This cannot be undone."
        );
        assert_eq!(Emptied::of(1).said, "1 story deleted for good.");
        assert_eq!(Emptied::of(1_200).said, "1,200 stories deleted for good.");
        assert_eq!(Emptied::of(1_200).count, 1_200);
    }
}
