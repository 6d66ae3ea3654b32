//! Who else has the desk open, and which story (team databases only).
//!
//! Contract: a window calls [`Store::heartbeat`] every few seconds with its
//! session and the story it shows; [`Store::present`] lists the other
//! sessions seen within [`crate::store::engine::pg::PRESENCE_EXPIRES_SECS`], so a window
//! that closed or crashed drops out by itself; [`Store::leave`] removes a
//! session at once. On a file there is nobody else: heartbeats write
//! nothing and the list is empty.

use crate::error::Result;
use crate::model::StoryId;
use crate::store::engine::db::args;
use crate::store::engine::pg;
use crate::store::handle::Store;
use serde::Serialize;
use ts_rs::TS;

/// Another editor's window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Presence {
    pub editor: String,
    /// The story the window shows, if any.
    #[ts(type = "number | null")]
    pub story: Option<StoryId>,
}

impl Store {
    /// Records that `session` (one window) is here, showing `story`.
    pub fn heartbeat(&self, session: &str, story: Option<StoryId>) -> Result<()> {
        let Some(server) = self.server() else {
            return Ok(());
        };
        let editor = self.editor().to_string();
        server.write_unlocked(|db| {
            db.execute(
                "INSERT INTO presence (session, editor, story_id, seen_at) VALUES (?1, ?2, ?3, now())
                 ON CONFLICT (session) DO UPDATE SET editor = excluded.editor, story_id = excluded.story_id,
                     seen_at = excluded.seen_at",
                args![session, &editor, story],
            )?;
            // Gone windows are cleared by whoever beats next.
            db.execute(
                &format!(
                    "DELETE FROM presence WHERE seen_at < now() - interval '{} seconds'",
                    pg::PRESENCE_EXPIRES_SECS * 10
                ),
                args![],
            )?;
            Ok(())
        })
    }

    /// Removes `session` (its window is closing).
    pub fn leave(&self, session: &str) -> Result<()> {
        match self.server() {
            Some(server) => server.write_unlocked(|db| {
                db.execute("DELETE FROM presence WHERE session = ?1", args![session])?;
                Ok(())
            }),
            None => Ok(()),
        }
    }

    /// The other windows open on the desk now, by editor.
    pub fn present(&self, session: &str) -> Result<Vec<Presence>> {
        let Some(server) = self.server() else {
            return Ok(Vec::new());
        };
        server.read(|db| {
            db.rows(
                &format!(
                    "SELECT editor, story_id FROM presence
                     WHERE session <> ?1 AND seen_at >= now() - interval '{} seconds'
                     ORDER BY editor, session",
                    pg::PRESENCE_EXPIRES_SECS
                ),
                args![session],
                |r| {
                    Ok(Presence {
                        editor: r.get(0)?,
                        story: r.get(1)?,
                    })
                },
            )
        })
    }
}
