//! The `editions` table: one row per edition of a story, with the story as
//! readers saw it frozen once it is published.

use crate::error::Result;
use crate::model::{Correction, StoryId, Withdrawal};
use crate::store::engine::db::{args, Db};
use crate::store::tables::bad_value;
use crate::store::tables::parse_ts;
use crate::store::tables::ts;
use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

/// An edition's state: the workflow's states plus `superseded` (published,
/// then replaced by a newer published edition).
pub const SUPERSEDED: &str = "superseded";

/// One edition as history shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct EditionInfo {
    pub number: u32,
    /// `draft`, `in-review`, `approved`, `published`, `superseded` or `withdrawn`.
    pub state: String,
    /// [`crate::versions::edition_state_label`], for people.
    pub state_label: String,
    pub correction: String,
    pub published_at: Option<DateTime<Utc>>,
    pub published_by: Option<String>,
    pub withdrawal: Option<Withdrawal>,
    pub withdrawn_by: Option<String>,
}

pub fn insert(db: &Db, story: StoryId, number: u32, state: &str) -> Result<()> {
    db.execute(
        "INSERT INTO editions (story_id, number, state) VALUES (?1, ?2, ?3)",
        args![story, number, state],
    )?;
    Ok(())
}

pub fn set_state(db: &Db, story: StoryId, number: u32, state: &str) -> Result<()> {
    db.execute(
        "UPDATE editions SET state = ?3 WHERE story_id = ?1 AND number = ?2",
        args![story, number, state],
    )?;
    Ok(())
}

/// Marks edition `number` published, freezing `document` (factdesk/1 JSON).
pub fn publish(
    db: &Db,
    story: StoryId,
    number: u32,
    document: &str,
    correction: &str,
    at: &DateTime<Utc>,
    by: &str,
) -> Result<()> {
    db.execute(
        "UPDATE editions SET state = 'published', document = ?3, correction = ?4, published_at = ?5, published_by = ?6
         WHERE story_id = ?1 AND number = ?2",
        args![story, number, document, correction, ts(at), by],
    )?;
    Ok(())
}

pub fn withdraw(
    db: &Db,
    story: StoryId,
    number: u32,
    reason: &str,
    at: &DateTime<Utc>,
    by: &str,
) -> Result<()> {
    db.execute(
        "UPDATE editions SET state = 'withdrawn', withdrawal_reason = ?3, withdrawn_at = ?4, withdrawn_by = ?5
         WHERE story_id = ?1 AND number = ?2",
        args![story, number, reason, ts(at), by],
    )?;
    Ok(())
}

/// The frozen document of edition `number`, if it was ever published.
pub fn document(db: &Db, story: StoryId, number: u32) -> Result<Option<String>> {
    Ok(db
        .row(
            "SELECT document FROM editions WHERE story_id = ?1 AND number = ?2",
            args![story, number],
            |r| r.get::<Option<String>>(0),
        )?
        .flatten())
}

/// Every edition, newest first.
pub fn list(db: &Db, story: StoryId) -> Result<Vec<EditionInfo>> {
    db.rows(
        "SELECT number, state, correction, published_at, published_by, withdrawn_at, withdrawal_reason, withdrawn_by
         FROM editions WHERE story_id = ?1 ORDER BY number DESC",
        args![story],
        |r| {
        let time = |i: usize| -> Result<Option<DateTime<Utc>>> {
            r.get::<Option<String>>(i)?
                .as_deref()
                .map(parse_ts)
                .transpose()
        };
        let withdrawn_at = time(5)?;
        let reason: Option<String> = r.get(6)?;
        let state: String = r.get(1)?;
        Ok(EditionInfo {
            number: r.get(0)?,
            state_label: crate::versions::edition_state_label(&state).to_string(),
            state,
            correction: r.get(2)?,
            published_at: time(3)?,
            published_by: r.get(4)?,
            withdrawal: withdrawn_at.map(|at| Withdrawal {
                at,
                reason: reason.unwrap_or_default(),
            }),
            withdrawn_by: r.get(7)?,
        })
    })
}

/// The corrections of every published edition up to `through`, oldest first.
pub fn corrections(db: &Db, story: StoryId, through: u32) -> Result<Vec<Correction>> {
    db.rows(
        "SELECT number, published_at, correction FROM editions
         WHERE story_id = ?1 AND number <= ?2 AND published_at IS NOT NULL AND correction <> ''
         ORDER BY number",
        args![story, through],
        |r| {
            let at: String = r.get(1)?;
            Ok(Correction {
                edition: r.get(0)?,
                published_at: parse_ts(&at)?,
                note: r.get(2)?,
            })
        },
    )
}

/// The withdrawal of edition `number`, if it was withdrawn.
pub fn withdrawal(db: &Db, story: StoryId, number: u32) -> Result<Option<Withdrawal>> {
    let row: Option<(Option<String>, Option<String>)> = db.row(
        "SELECT withdrawn_at, withdrawal_reason FROM editions WHERE story_id = ?1 AND number = ?2",
        args![story, number],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    match row {
        Some((Some(at), reason)) => Ok(Some(Withdrawal {
            at: parse_ts(&at).map_err(|_| bad_value("timestamp", &at))?,
            reason: reason.unwrap_or_default(),
        })),
        _ => Ok(None),
    }
}
