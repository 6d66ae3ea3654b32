//! The `stories` table: one row per story with its scalar fields, version,
//! editions and who saved it last.

use crate::error::{Error, ErrorCode, Result};
use crate::model::{SaveKind, Status, Story, StoryId, StorySummary, Workflow};
use crate::store::engine::db::{args, placeholders, value_rows, Arg, Db, Row};
use crate::store::tables::{bad_value, parse_ts, ts, Span};
use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

/// The story list, with the stories whose rows cannot be read named apart.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct StoryListing {
    pub stories: Vec<StorySummary>,
    pub unreadable: Vec<Unreadable>,
}

/// A story (or, when `id` is null, the rest of the list) that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Unreadable {
    #[ts(type = "number | null")]
    pub id: Option<StoryId>,
    pub problem: String,
}

fn status(row: &Row, i: usize) -> Result<Status> {
    let s: String = row.get(i)?;
    Status::parse(&s).ok_or_else(|| bad_value("status", &s))
}

/// A story row: its version, scalar fields (children empty) and workflow.
pub struct Head {
    pub version: i64,
    pub story: Story,
    pub edition: u32,
    pub live_edition: Option<u32>,
    /// Who made the current version, and how.
    pub saved_by: String,
    pub saved_kind: SaveKind,
    /// Who last changed the working edition's content.
    pub edited_by: String,
    /// When and by whom the story was moved to the trash, if it is there.
    pub trashed: Option<(DateTime<Utc>, String)>,
}

/// What a write records besides the story's fields.
pub struct Stamp<'a> {
    pub edition: u32,
    pub live_edition: Option<u32>,
    pub saved_by: &'a str,
    pub saved_kind: SaveKind,
    pub edited_by: &'a str,
}

/// The columns [`insert_many`] writes: the uid first, then its creation
/// and version, then [`saved_values`]' columns.
const NEW_COLUMNS: &str =
    "uid, created_at, version, headline, summary, image_credit, status, updated_at, published_at,
     edition, live_edition, saved_by, saved_kind, edited_by, axis_first, axis_second, language";

/// What every save writes to a story's row, a new one or not: the
/// scalar fields and the stamp, in the order of [`NEW_COLUMNS`]' last
/// fourteen and of [`update`]'s `?3` to `?16`.
fn saved_values<'a>(s: &'a Story, stamp: &Stamp<'a>) -> [Arg<'a>; 14] {
    [
        Arg::from(&s.headline),
        Arg::from(&s.summary),
        Arg::from(&s.image_credit),
        Arg::from(s.status.as_str()),
        Arg::from(ts(&s.updated_at)),
        Arg::from(s.published_at.as_ref().map(ts)),
        Arg::from(stamp.edition),
        Arg::from(stamp.live_edition),
        Arg::from(stamp.saved_by),
        Arg::from(stamp.saved_kind.as_str()),
        Arg::from(stamp.edited_by),
        Arg::from(s.axis.as_ref().map(|a| &a.first)),
        Arg::from(s.axis.as_ref().map(|a| &a.second)),
        Arg::from(&s.language),
    ]
}

/// Inserts new stories (each uid not on the desk, and distinct), each at
/// version 1 with `stamp`; their ids in their order.
pub fn insert_many(db: &Db, list: &[&Story], stamp: &Stamp) -> Result<Vec<StoryId>> {
    let rows: Vec<Vec<Arg>> = list
        .iter()
        .map(|s| {
            let mut row = args![s.uid.to_string(), ts(&s.created_at), 1].to_vec();
            row.extend(saved_values(s, stamp));
            row
        })
        .collect();
    insert_rows(db, NEW_COLUMNS, &rows, 0)
}

/// Inserts story rows, each a value per one of `columns` with its uid at
/// `uid_at` (each uid new to the desk, and distinct), 200 per statement;
/// their ids in their order.
pub(in crate::store) fn insert_rows(
    db: &Db,
    columns: &str,
    rows: &[Vec<Arg>],
    uid_at: usize,
) -> Result<Vec<StoryId>> {
    let width = columns.split(',').count();
    let mut ids = Vec::with_capacity(rows.len());
    for chunk in rows.chunks(200) {
        // Rows come back in no promised order: matched by uid.
        let placed: std::collections::HashMap<String, StoryId> = db
            .rows(
                &format!(
                    "INSERT INTO stories ({columns}) VALUES {} RETURNING uid, id",
                    value_rows(chunk.len(), width)
                ),
                &chunk.concat(),
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?
            .into_iter()
            .collect();
        for row in chunk {
            let Arg::Text(uid) = &row[uid_at] else {
                return Err(Error::Corrupt("a story row has no uid".into()));
            };
            let id = placed.get(uid.as_ref());
            ids.push(*id.ok_or_else(|| Error::Corrupt(format!("story {uid} got no id")))?);
        }
    }
    Ok(ids)
}

pub fn update(db: &Db, id: StoryId, version: i64, s: &Story, stamp: &Stamp) -> Result<()> {
    let mut values = args![id, version].to_vec();
    values.extend(saved_values(s, stamp));
    db.execute(
        "UPDATE stories SET version = ?2, headline = ?3, summary = ?4, image_credit = ?5, status = ?6,
                updated_at = ?7, published_at = ?8, edition = ?9, live_edition = ?10, saved_by = ?11,
                saved_kind = ?12, edited_by = ?13, axis_first = ?14, axis_second = ?15, language = ?16
         WHERE id = ?1",
        &values,
    )?;
    Ok(())
}

/// Moves the story's row to `version`, saved at `updated_at` as `stamp`
/// says, when only its parts changed: the headline and dates and their
/// indexes are not rewritten.
pub fn restamp(db: &Db, id: StoryId, version: i64, updated_at: &DateTime<Utc>, stamp: &Stamp) -> Result<()> {
    db.execute(
        "UPDATE stories SET version = ?2, updated_at = ?3, saved_by = ?4, saved_kind = ?5, edited_by = ?6
         WHERE id = ?1",
        args![
            id,
            version,
            ts(updated_at),
            stamp.saved_by,
            stamp.saved_kind.as_str(),
            stamp.edited_by
        ],
    )?;
    Ok(())
}

/// A story row's columns as [`read_head`] reads them.
const HEAD_COLUMNS: &str =
    "version, headline, summary, image_credit, status, created_at, updated_at, published_at, uid,
     edition, live_edition, saved_by, saved_kind, edited_by, axis_first, axis_second,
     trashed_at, trashed_by, language";

/// The story's row, if there is one.
pub fn get(db: &Db, id: StoryId) -> Result<Option<Head>> {
    db.row(
        &format!("SELECT {HEAD_COLUMNS} FROM stories WHERE id = ?1"),
        args![id],
        |r| read_head(r, 0),
    )
}

/// The rows of the stories of `span` (in the trash or not), by id.
pub(in crate::store) fn get_span(db: &Db, span: Span) -> Result<Vec<(StoryId, Head)>> {
    let (cond, args) = span.condition("id");
    db.rows(
        &format!("SELECT id, {HEAD_COLUMNS} FROM stories WHERE {cond} ORDER BY id"),
        &args,
        |r| Ok((r.get(0)?, read_head(r, 1)?)),
    )
}

/// A story row's [`HEAD_COLUMNS`], from column `at` of `r`.
fn read_head(r: &Row, at: usize) -> Result<Head> {
    let published: Option<String> = r.get(at + 7)?;
    let kind: String = r.get(at + 12)?;
    let mut story = Story::new(r.get::<String>(at + 1)?);
    story.uid = crate::store::tables::sources::id(&r.get::<String>(at + 8)?, |u| u)?;
    story.summary = r.get(at + 2)?;
    story.image_credit = r.get(at + 3)?;
    story.language = r.get(at + 18)?;
    story.status = status(r, at + 4)?;
    story.created_at = parse_ts(&r.get::<String>(at + 5)?)?;
    story.updated_at = parse_ts(&r.get::<String>(at + 6)?)?;
    story.published_at = published.as_deref().map(parse_ts).transpose()?;
    let edition: u32 = r.get(at + 9)?;
    story.edition = edition;
    let (first, second): (Option<String>, Option<String>) = (r.get(at + 14)?, r.get(at + 15)?);
    story.axis = first.map(|first| crate::model::NarrativePair {
        first,
        second: second.unwrap_or_default(),
    });
    Ok(Head {
        version: r.get(at)?,
        story,
        edition,
        live_edition: r.get(at + 10)?,
        saved_by: r.get(at + 11)?,
        saved_kind: SaveKind::parse(&kind).ok_or_else(|| bad_value("save kind", &kind))?,
        edited_by: r.get(at + 13)?,
        trashed: match r.get::<Option<String>>(at + 16)? {
            Some(when) => Some((
                parse_ts(&when)?,
                r.get::<Option<String>>(at + 17)?.unwrap_or_default(),
            )),
            None => None,
        },
    })
}

/// Which of `uids` the desk's stories have (in the trash or not).
pub fn uids_taken(db: &Db, uids: &[String]) -> Result<std::collections::HashSet<String>> {
    if uids.is_empty() {
        return Ok(Default::default());
    }
    let args: Vec<Arg> = uids.iter().map(Arg::from).collect();
    let found: Vec<String> = db.rows(
        &format!(
            "SELECT uid FROM stories WHERE uid IN ({})",
            placeholders(1, args.len())
        ),
        &args,
        |r| r.get(0),
    )?;
    Ok(found.into_iter().collect())
}

/// Every story not in the trash, most recently updated first. A row that cannot be read (a
/// damaged status or timestamp) is named in `unreadable`, the rest listed;
/// an error reading further stops the list there and is named too.
pub fn list(db: &Db) -> Result<StoryListing> {
    // The live edition's state as a subquery, not a join: PostgreSQL then
    // reads the stories in the order of `stories_by_update` (a whole 10,000
    // story desk in 5 ms) instead of joining all of them by hash and
    // sorting (20 ms); SQLite reads the same index either way.
    collect(
        db,
        "SELECT s.id, s.status, s.headline, s.updated_at, s.edition, s.live_edition,
                (SELECT e.state FROM editions e WHERE e.story_id = s.id AND e.number = s.live_edition)
         FROM stories s
         WHERE s.trashed_at IS NULL
         ORDER BY s.updated_at DESC, s.id DESC",
        args![],
    )
}

/// List rows from a query selecting `id, status, headline, updated_at,
/// edition, live_edition` and the live edition's state, in that order. A
/// row that cannot be read is named; the others are listed.
pub fn collect(db: &Db, sql: &str, params: &[crate::store::engine::db::Arg]) -> Result<StoryListing> {
    let mut out = StoryListing::default();
    db.each(sql, params, |row| {
        let id: StoryId = row.get(0)?;
        match summary(row) {
            Ok(s) => out.stories.push(s),
            Err(e) => out.unreadable.push(Unreadable {
                id: Some(id),
                problem: crate::store::tables::unreadable_row(&e).unwrap_or_else(|| e.to_string()),
            }),
        }
        Ok(())
    })?;
    Ok(out)
}

fn summary(row: &Row) -> Result<StorySummary> {
    let live_state: Option<String> = row.get(6)?;
    let workflow = Workflow {
        edition: row.get(4)?,
        state: status(row, 1)?,
        live_edition: row.get(5)?,
        withdrawn: live_state.as_deref() == Some("withdrawn"),
        ..Workflow::default()
    };
    Ok(StorySummary {
        id: row.get(0)?,
        status: workflow.list_status(),
        headline: row.get(2)?,
        updated_at: parse_ts(&row.get::<String>(3)?)?,
        has_draft: workflow.has_draft(),
        live_edition: workflow.live_edition,
        state_label: workflow.list_label(),
    })
}

/// The narrative pairs stories use, most used first.
pub fn pairs(db: &Db) -> Result<Vec<crate::model::NarrativePair>> {
    // Each pair as most recently spelled (PostgreSQL cannot pick a
    // non-grouped column, so both dialects name it with max()).
    db.rows(
        "SELECT max(axis_first), max(axis_second) FROM stories
         WHERE axis_first IS NOT NULL AND trim(axis_first) <> '' AND trashed_at IS NULL
         GROUP BY lower(axis_first), lower(axis_second) ORDER BY count(*) DESC, max(axis_first) LIMIT 50",
        args![],
        |r| {
            Ok(crate::model::NarrativePair {
                first: r.get(0)?,
                second: r.get::<Option<String>>(1)?.unwrap_or_default(),
            })
        },
    )
}

/// The headlines of `ids`, in their order; an id with no story is [`Error::NotFound`].
/// One query per 500 ids, never a whole story read for its headline.
pub fn headlines(db: &Db, ids: &[StoryId]) -> Result<Vec<(StoryId, String)>> {
    let mut found = std::collections::HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        let args: Vec<Arg> = chunk.iter().map(|id| Arg::from(*id)).collect();
        let sql = format!(
            "SELECT id, headline FROM stories WHERE trashed_at IS NULL AND id IN ({})",
            placeholders(1, chunk.len())
        );
        for (id, headline) in db.rows(&sql, &args, |r| Ok((r.get::<i64>(0)?, r.get::<String>(1)?)))? {
            found.insert(id, headline);
        }
    }
    ids.iter()
        .map(|id| {
            found
                .get(id)
                .map(|h| (*id, h.clone()))
                .ok_or(Error::NotFound(*id))
        })
        .collect()
}

/// The headline and summary of every story of `span`, in the trash or
/// not, by id.
pub fn texts(db: &Db, span: Span) -> Result<Vec<(StoryId, String, String)>> {
    let (cond, args) = span.condition("id");
    db.rows(
        &format!("SELECT id, headline, summary FROM stories WHERE {cond} ORDER BY id"),
        &args,
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
}

/// The words for a story that is in the trash and so cannot be used.
pub(crate) fn in_trash(id: StoryId, at: &DateTime<Utc>, by: &str) -> Error {
    let by = if by.is_empty() {
        String::new()
    } else {
        format!(" by {by}")
    };
    Error::Refused {
        code: ErrorCode::NotFound,
        message: format!(
            "story {id} is in the trash (deleted{by} on {}); restore it first (`factdesk trash restore {id}`, or the window's Trash)",
            at.format("%Y-%m-%d %H:%M UTC")
        ),
    }
}

/// Where stories `ids` stand now, as a listener would have announced their
/// last change: version, who made it and how (a story in the trash, or
/// gone, as deleted).
pub fn heads(db: &Db, ids: &[StoryId]) -> Result<Vec<crate::store::engine::pg::StoryChange>> {
    let mut found = std::collections::HashMap::new();
    for chunk in ids.chunks(500) {
        let args: Vec<Arg> = chunk.iter().map(|id| Arg::from(*id)).collect();
        let sql = format!(
            "SELECT id, version, saved_by, saved_kind, status, trashed_at, trashed_by FROM stories WHERE id IN ({})",
            placeholders(1, chunk.len())
        );
        db.each(&sql, &args, |r| {
            let id: StoryId = r.get(0)?;
            let trashed: Option<String> = r.get(5)?;
            let (by, kind) = match trashed {
                Some(_) => (
                    r.get::<Option<String>>(6)?.unwrap_or_default(),
                    "delete".to_string(),
                ),
                None => (r.get(2)?, r.get(3)?),
            };
            found.insert(
                id,
                crate::store::engine::pg::StoryChange {
                    story: id,
                    version: r.get(1)?,
                    by,
                    kind,
                    status: r.get(4)?,
                },
            );
            Ok(())
        })?;
    }
    Ok(ids
        .iter()
        .map(|id| {
            found
                .remove(id)
                .unwrap_or_else(|| crate::store::engine::pg::StoryChange {
                    story: *id,
                    version: 0,
                    by: String::new(),
                    kind: "delete".into(),
                    status: String::new(),
                })
        })
        .collect())
}

/// Marks the story as in the trash (or, with `None`, out of it again);
/// whether a row changed.
pub fn set_trashed(db: &Db, id: StoryId, trashed: Option<(&DateTime<Utc>, &str)>) -> Result<bool> {
    let (at, by) = match trashed {
        Some((at, by)) => (Some(ts(at)), Some(by)),
        None => (None, None),
    };
    Ok(db.execute(
        "UPDATE stories SET trashed_at = ?2, trashed_by = ?3 WHERE id = ?1",
        args![id, at, by],
    )? > 0)
}

/// Deletes the rows of stories in the trash since before `before` (with
/// their parts and history); their ids.
pub fn purge(db: &Db, before: &DateTime<Utc>) -> Result<Vec<StoryId>> {
    db.rows(
        "DELETE FROM stories WHERE trashed_at IS NOT NULL AND trashed_at < ?1 RETURNING id",
        args![ts(before)],
        |r| r.get(0),
    )
}
