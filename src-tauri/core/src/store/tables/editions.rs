//! The `editions` table: one row per edition of a story, with the story as
//! readers saw it frozen once it is published.

use crate::error::Result;
use crate::model::{Correction, StoryId, Withdrawal};
use crate::store::engine::db::{args, Db};
use crate::store::tables::bad_value;
use crate::store::tables::parse_ts;
use crate::store::tables::ts;
use crate::store::tables::Span;
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::collections::HashMap;
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

/// The first edition of each of the new stories `ids`, in `state`.
pub fn insert_first(db: &Db, ids: &[StoryId], state: &str) -> Result<()> {
    let rows = ids.iter().map(|&id| args![id, 1, state].to_vec()).collect();
    db.insert_rows("editions", "story_id, number, state", rows)
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

/// What a story shows of its editions besides the live one's content: the
/// corrections of its published editions and its withdrawn editions.
#[derive(Default)]
pub struct Notes {
    /// (edition, its correction), oldest first.
    corrections: Vec<(u32, Correction)>,
    withdrawals: Vec<(u32, Withdrawal)>,
}

impl Notes {
    /// The corrections of every published edition up to `through`, oldest
    /// first.
    pub fn corrections(&self, through: u32) -> Vec<Correction> {
        self.corrections
            .iter()
            .filter(|(n, _)| *n <= through)
            .map(|(_, c)| c.clone())
            .collect()
    }

    /// The withdrawal of edition `number`, if it was withdrawn.
    pub fn withdrawal(&self, number: u32) -> Option<Withdrawal> {
        self.withdrawals
            .iter()
            .find(|(n, _)| *n == number)
            .map(|(_, w)| w.clone())
    }
}

/// The [`Notes`] of every story of `span` that has any.
pub(in crate::store) fn notes_span(db: &Db, span: Span) -> Result<HashMap<StoryId, Notes>> {
    let (cond, args) = span.condition("story_id");
    let mut out: HashMap<StoryId, Notes> = HashMap::new();
    db.each(
        &format!(
            "SELECT story_id, number, published_at, correction, withdrawn_at, withdrawal_reason FROM editions
             WHERE {cond} AND ((published_at IS NOT NULL AND correction <> '') OR withdrawn_at IS NOT NULL)
             ORDER BY story_id, number"
        ),
        &args,
        |r| {
            let notes = out.entry(r.get(0)?).or_default();
            let number: u32 = r.get(1)?;
            let (published, note): (Option<String>, String) = (r.get(2)?, r.get(3)?);
            if let (Some(at), false) = (published, note.is_empty()) {
                let published_at = parse_ts(&at)?;
                notes.corrections.push((
                    number,
                    Correction {
                        edition: number,
                        published_at,
                        note,
                    },
                ));
            }
            if let Some(at) = r.get::<Option<String>>(4)? {
                let at = parse_ts(&at).map_err(|_| bad_value("timestamp", &at))?;
                let reason = r.get::<Option<String>>(5)?.unwrap_or_default();
                notes.withdrawals.push((number, Withdrawal { at, reason }));
            }
            Ok(())
        },
    )?;
    Ok(out)
}

/// The corrections of every published edition up to `through`, oldest first.
pub fn corrections(db: &Db, story: StoryId, through: u32) -> Result<Vec<Correction>> {
    let notes = notes_span(db, Span::Ids(&[story]))?;
    Ok(notes
        .get(&story)
        .map(|n| n.corrections(through))
        .unwrap_or_default())
}

/// The withdrawal of edition `number`, if it was withdrawn.
pub fn withdrawal(db: &Db, story: StoryId, number: u32) -> Result<Option<Withdrawal>> {
    let notes = notes_span(db, Span::Ids(&[story]))?;
    Ok(notes.get(&story).and_then(|n| n.withdrawal(number)))
}
