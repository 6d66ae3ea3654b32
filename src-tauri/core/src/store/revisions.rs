//! The `story_revisions` table: every earlier version of a story, kept as
//! what changed.
//!
//! Contract: row `v` holds the story as it was at version `v`, with who made
//! that version, in which edition and by what kind of save. Most rows are a
//! JSON Patch (RFC 6902) that turns the next newer version (row `v + 1`, or
//! the story as it is now) back into version `v`, so storage grows with what
//! changed, not with the story's size; a full `factdesk/1` document is kept
//! instead at least every [`SNAPSHOT_EVERY`] rows, or when the patch would
//! not be smaller, so rebuilding any version reads a bounded number of rows.

use super::db::{args, Db};
use super::{bad_value, parse_ts, ts};
use crate::error::{Error, Result};
use crate::model::{SaveKind, Story, StoryId};
use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

/// A full document is kept at least this often.
pub const SNAPSHOT_EVERY: i64 = 50;

/// One version of a story, as history lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RevisionInfo {
    #[ts(type = "number")]
    pub version: i64,
    pub edition: u32,
    pub saved_at: DateTime<Utc>,
    pub editor: String,
    pub kind: SaveKind,
    /// [`SaveKind::label`], for people.
    pub kind_label: String,
    /// The version the story is at now.
    pub current: bool,
}

/// One kept earlier state of a story.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    pub info: RevisionInfo,
    pub story: Story,
}

fn to_value(story: &Story) -> Result<serde_json::Value> {
    serde_json::to_value(story)
        .map_err(|e| Error::Corrupt(format!("a story could not be written as JSON: {e}")))
}

/// Keeps version `before` (made as `info` says) when `newer` replaces it.
pub fn insert(db: &Db, id: StoryId, info: &RevisionInfo, before: &Story, newer: &Story) -> Result<()> {
    let patch = json_patch::diff(&to_value(newer)?, &to_value(before)?);
    let patch = serde_json::to_string(&patch).map_err(|e| Error::Corrupt(e.to_string()))?;
    let full = crate::native::export(before);
    let since_full: i64 = db.value(
        "SELECT count(*) FROM story_revisions WHERE story_id = ?1 AND version >
           (SELECT coalesce(max(version), 0) FROM story_revisions WHERE story_id = ?1 AND encoding = 'full')",
        args![id],
    )?;
    let (encoding, document) = if since_full + 1 >= SNAPSHOT_EVERY || patch.len() * 2 > full.len() {
        ("full", full)
    } else {
        ("patch", patch)
    };
    db.execute(
        "INSERT INTO story_revisions (story_id, version, saved_at, document, edition, editor, kind, encoding)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        args![
            id,
            info.version,
            ts(&info.saved_at),
            document,
            info.edition,
            &info.editor,
            info.kind.as_str(),
            encoding
        ],
    )?;
    Ok(())
}

/// Every kept version, newest first (without their content).
pub fn list(db: &Db, id: StoryId) -> Result<Vec<RevisionInfo>> {
    db.rows(
        "SELECT version, edition, saved_at, editor, kind FROM story_revisions WHERE story_id = ?1 ORDER BY version DESC",
        args![id],
        |r| {
        let kind: String = r.get(4)?;
        let kind = SaveKind::parse(&kind).ok_or_else(|| bad_value("save kind", &kind))?;
        Ok(RevisionInfo {
            version: r.get(0)?,
            edition: r.get(1)?,
            saved_at: parse_ts(&r.get::<String>(2)?)?,
            editor: r.get(3)?,
            kind,
            kind_label: kind.label().to_string(),
            current: false,
        })
    })
}

/// The story as it was at `version`, rebuilt from `current` (the story at
/// `current_version`) through the kept rows; `None` when that version was
/// never kept.
pub fn rebuild(
    db: &Db,
    id: StoryId,
    version: i64,
    current: &Story,
    current_version: i64,
) -> Result<Option<Story>> {
    if version == current_version {
        return Ok(Some(current.clone()));
    }
    if version > current_version || version < 1 {
        return Ok(None);
    }
    // Start from the nearest full document at or above the target, if any.
    let start: Option<i64> = db.value(
        "SELECT min(version) FROM story_revisions WHERE story_id = ?1 AND version >= ?2 AND encoding = 'full'",
        args![id, version],
    )?;
    let upper = start.unwrap_or(current_version);
    let rows: Vec<(i64, String, String)> = db.rows(
        "SELECT version, encoding, document FROM story_revisions
         WHERE story_id = ?1 AND version >= ?2 AND version <= ?3 ORDER BY version DESC",
        args![id, version, upper],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let damaged =
        |v: i64, why: String| Error::Corrupt(format!("revision {v} of story {id} cannot be read: {why}"));
    let mut state = to_value(current)?;
    let mut reached = false;
    for (v, encoding, document) in rows {
        state = match encoding.as_str() {
            "full" => {
                let story = crate::native::import(&document).map_err(|e| damaged(v, e.to_string()))?;
                to_value(&story)?
            }
            _ => {
                let patch: json_patch::Patch =
                    serde_json::from_str(&document).map_err(|e| damaged(v, e.to_string()))?;
                json_patch::patch(&mut state, &patch).map_err(|e| damaged(v, e.to_string()))?;
                state
            }
        };
        reached = v == version;
    }
    if !reached {
        return Ok(None);
    }
    serde_json::from_value(state)
        .map(Some)
        .map_err(|e| damaged(version, e.to_string()))
}
