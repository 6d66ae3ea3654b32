//! Who else has the desk open, and which story (team databases only).
//!
//! Contract: a window calls [`Store::heartbeat`] every few seconds with its
//! session and the story it shows; [`Store::present`] lists the other
//! sessions seen within [`crate::store::engine::pg::PRESENCE_EXPIRES_SECS`], so a window
//! that closed or crashed drops out by itself; [`Store::leave`] removes a
//! session at once. On a file there is nobody else: heartbeats write
//! nothing and the list is empty. [`Colleagues::of`] groups the others by
//! the story they show, each with the sentence the window shows for it.

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

/// The editors who have one story open in another window, and what the
/// window says of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Editing {
    #[ts(type = "number")]
    pub story: StoryId,
    /// Each name once, in the order the desk lists their windows.
    pub names: Vec<String>,
    /// "Anna is editing this story too.", "Anna and Ben are editing this story too."
    pub line: String,
}

/// The other windows on the desk, and who is editing which story.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Colleagues {
    pub others: Vec<Presence>,
    pub editing: Vec<Editing>,
}

impl Colleagues {
    pub fn of(others: Vec<Presence>) -> Colleagues {
        let mut editing: Vec<Editing> = Vec::new();
        for p in &others {
            let Some(story) = p.story else { continue };
            let at = match editing.iter().position(|e| e.story == story) {
                Some(at) => at,
                None => {
                    editing.push(Editing {
                        story,
                        names: Vec::new(),
                        line: String::new(),
                    });
                    editing.len() - 1
                }
            };
            if !editing[at].names.contains(&p.editor) {
                editing[at].names.push(p.editor.clone());
            }
        }
        for e in &mut editing {
            e.line = editing_line(&e.names);
        }
        Colleagues { others, editing }
    }
}

/// "Anna is editing this story too.", "Anna, Ben and Cy are editing this story too."
fn editing_line(names: &[String]) -> String {
    match names.len() {
        0 => String::new(),
        1 => format!("{} is editing this story too.", names[0]),
        _ => format!(
            "{} are editing this story too.",
            crate::list_words::and_listed(names)
        ),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn at(editor: &str, story: Option<StoryId>) -> Presence {
        Presence {
            editor: editor.into(),
            story,
        }
    }

    #[test]
    fn colleagues_are_grouped_by_story_each_name_once() {
        let found = Colleagues::of(vec![
            at("Anna", Some(1)),
            at("Ben", Some(1)),
            at("Anna", Some(1)),
            at("Cy", Some(2)),
            at("Dee", None),
        ]);
        assert_eq!(found.others.len(), 5);
        assert_eq!(found.editing.len(), 2);
        assert_eq!(found.editing[0].names, ["Anna", "Ben"]);
        assert_eq!(found.editing[0].line, "Anna and Ben are editing this story too.");
        assert_eq!(found.editing[1].line, "Cy is editing this story too.");
        let three = Colleagues::of(vec![at("A", Some(3)), at("B", Some(3)), at("C", Some(3))]);
        assert_eq!(three.editing[0].line, "A, B and C are editing this story too.");
    }
}
