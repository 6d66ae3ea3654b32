//! The `story_revisions` table: every earlier version of a story, kept as
//! what changed.
//!
//! Contract: row `v` holds the story as it was at version `v`, with who made
//! that version, in which edition and by what kind of save. Most rows are a
//! JSON Patch (RFC 6902) that turns the next newer version (row `v + 1`, or
//! the story as it is now) back into version `v`, so storage grows with what
//! changed, not with the story's size; a full `factdesk/1` document is kept
//! instead at least every [`snapshot_every`] rows (50, more for a long
//! story), or when the patch would not be smaller, so rebuilding any version
//! reads a bounded number of rows.

use crate::error::{Error, Result};
use crate::model::{SaveKind, Story, StoryId};
use crate::store::engine::db::{args, Db};
use crate::store::tables::bad_value;
use crate::store::tables::parse_ts;
use crate::store::tables::ts;
use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

/// A full document is kept at least this often (in rows) for a story whose
/// facts hold under 50 KB of text; see [`snapshot_every`].
pub const SNAPSHOT_EVERY: i64 = 50;

/// How many rows apart full documents are for a story whose facts hold
/// `text_bytes` of text: [`SNAPSHOT_EVERY`], or one row per KB of text for
/// a longer story, so writing the document out costs a typed save a
/// bounded share whatever the story's size (at 3,000 facts a document
/// every 50 saves was a third of their cost), while a rebuild still reads
/// no more rows than the story has kilobytes.
pub fn snapshot_every(text_bytes: usize) -> i64 {
    SNAPSHOT_EVERY.max((text_bytes / 256) as i64)
}

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

/// The story without its lists of parts (each field written out, so a new
/// field of `Story` cannot be missed here).
pub(in crate::store) fn without_parts(s: &Story) -> Story {
    Story {
        uid: s.uid,
        headline: s.headline.clone(),
        summary: s.summary.clone(),
        image_credit: s.image_credit.clone(),
        status: s.status,
        created_at: s.created_at,
        updated_at: s.updated_at,
        published_at: s.published_at,
        facts: Vec::new(),
        sources: Vec::new(),
        narratives: Vec::new(),
        predictions: Vec::new(),
        language: s.language.clone(),
        edition: s.edition,
        corrections: s.corrections.clone(),
        withdrawal: s.withdrawal.clone(),
        axis: s.axis.clone(),
    }
}

/// Whether two lists of parts hold the same ids in the same order.
fn same_ids<T, I: PartialEq>(a: &[T], b: &[T], id: impl Fn(&T) -> I) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| id(x) == id(y))
}

use crate::store::tables::patches::{diff_under, to_value};

/// The JSON Patch turning `newer` back into `before`, as text. When every
/// list of parts keeps its ids and order (an edit of fields), only the parts
/// that differ are compared, so a one-field edit costs what that part costs,
/// not the story; otherwise the whole stories are compared.
pub(in crate::store) fn patch_back(newer: &Story, before: &Story) -> Result<String> {
    let shaped = same_ids(&newer.facts, &before.facts, |f| f.id)
        && same_ids(&newer.sources, &before.sources, |s| s.id)
        && same_ids(&newer.narratives, &before.narratives, |n| n.id)
        && same_ids(&newer.predictions, &before.predictions, |p| p.id);
    let mut ops = Vec::new();
    if !shaped {
        diff_under("", newer, before, &mut ops)?;
    } else {
        diff_under("", &without_parts(newer), &without_parts(before), &mut ops)?;
        macro_rules! parts {
            ($list:ident) => {
                for (i, (n, b)) in newer.$list.iter().zip(&before.$list).enumerate() {
                    if n != b {
                        diff_under(&format!("/{}/{i}", stringify!($list)), n, b, &mut ops)?;
                    }
                }
            };
        }
        parts!(facts);
        parts!(sources);
        parts!(narratives);
        parts!(predictions);
    }
    serde_json::to_string(&ops).map_err(|e| Error::Corrupt(e.to_string()))
}

/// The JSON Patch turning a story back when only some of its parts changed,
/// each keeping its place: made from the stories without their parts (see
/// [`without_parts`]), then each changed part under its pointer.
pub(in crate::store) struct PatchBack(Vec<serde_json::Value>);

impl PatchBack {
    pub(in crate::store) fn new(newer_top: &Story, before_top: &Story) -> Result<PatchBack> {
        let mut ops = Vec::new();
        diff_under("", newer_top, before_top, &mut ops)?;
        Ok(PatchBack(ops))
    }

    pub(in crate::store) fn part<T: Serialize>(
        &mut self,
        pointer: &str,
        newer: &T,
        before: &T,
    ) -> Result<()> {
        diff_under(pointer, newer, before, &mut self.0)
    }

    pub(in crate::store) fn text(self) -> Result<String> {
        serde_json::to_string(&self.0).map_err(|e| Error::Corrupt(e.to_string()))
    }
}

/// A version made by typing (or leaving a field) this soon after the newest
/// kept revision, by the same editor in the same edition, is folded into
/// it when typing goes on: history keeps one state per few minutes of
/// typing, not one per pause.
pub const FOLD_WITHIN: chrono::TimeDelta = chrono::TimeDelta::minutes(5);

/// The largest revision body a fold writes (bytes of JSON).
const FOLD_UP_TO: usize = 4096;

/// Who makes the version that replaces the one being kept, and how.
pub(in crate::store) struct Next<'a> {
    pub kind: SaveKind,
    pub editor: &'a str,
}

/// Keeps version `before` (made as `info` says) when `newer` replaces it.
pub(in crate::store) fn insert(
    db: &Db,
    id: StoryId,
    info: &RevisionInfo,
    before: &Story,
    newer: &Story,
    next: &Next,
) -> Result<()> {
    insert_patch(db, id, info, before, next, patch_back(newer, before)?)
}

/// Whether a save of kind `kind` is one of typing.
fn typing(kind: SaveKind) -> bool {
    matches!(kind, SaveKind::Typing | SaveKind::FieldLeft)
}

/// The newest kept revision of a story, as [`fold_into_last`] needs it.
struct Last {
    version: i64,
    saved_at: DateTime<Utc>,
    edition: u32,
    encoding: String,
    body: String,
}

fn last(db: &Db, id: StoryId) -> Result<Option<Last>> {
    // The id in the statement's text, as in `insert_patch`.
    db.row(
        &format!(
            "SELECT version, saved_at, edition, encoding, document, packed FROM story_revisions
             WHERE story_id = {id} ORDER BY version DESC LIMIT 1"
        ),
        &[],
        |r| {
            let version: i64 = r.get(0)?;
            Ok(Last {
                version,
                saved_at: parse_ts(&r.get::<String>(1)?)?,
                edition: r.get(2)?,
                encoding: r.get(3)?,
                body: crate::store::tables::patches::unpack(r.get(4)?, r.get(5)?)
                    .map_err(|why| Error::Corrupt(format!("revision {version} of story {id} {why}")))?,
            })
        },
    )
}

/// Folds version `before` away instead of keeping it (see [`FOLD_WITHIN`]):
/// the newest kept revision is rewritten to start from `newer`. Whether it
/// did; a version it may not fold, or a patch it cannot, is kept as usual.
fn fold_into_last(db: &Db, id: StoryId, info: &RevisionInfo, next: &Next, patch: &str) -> Result<bool> {
    if !(typing(info.kind) && typing(next.kind) && info.editor == next.editor) {
        return Ok(false);
    }
    let Some(last) = last(db, id)? else {
        return Ok(false);
    };
    if last.edition != info.edition
        || last.version >= info.version
        || info.saved_at - last.saved_at >= FOLD_WITHIN
    {
        return Ok(false);
    }
    if last.encoding == "full" {
        // The newest revision is a whole document: it needs no rewriting.
        return Ok(true);
    }
    let parse = |text: &str| {
        serde_json::from_str::<Vec<serde_json::Value>>(text).map_err(|e| Error::Corrupt(e.to_string()))
    };
    let folded = crate::store::tables::patches::fold(parse(patch)?, parse(&last.body)?);
    let body = serde_json::to_string(&folded).map_err(|e| Error::Corrupt(e.to_string()))?;
    // Splices of a long text typed into pile up: past a few KB the revision
    // is kept as it is and this version starts the next one, so a save
    // never rewrites more than that.
    if body.len() > FOLD_UP_TO {
        return Ok(false);
    }
    let (document, packed) = crate::store::tables::patches::pack(body);
    db.execute(
        "UPDATE story_revisions SET document = ?3, packed = ?4 WHERE story_id = ?1 AND version = ?2",
        args![id, last.version, document, packed],
    )?;
    Ok(true)
}

/// Keeps version `before` (made as `info` says), given the patch from the
/// version replacing it (`newer`) back to it: folded into the newest kept
/// revision while typing goes on, else as that patch, or as the whole
/// document when a snapshot is due or the patch is not smaller; compressed
/// when that is smaller.
pub(in crate::store) fn insert_patch(
    db: &Db,
    id: StoryId,
    info: &RevisionInfo,
    before: &Story,
    next: &Next,
    patch: String,
) -> Result<()> {
    if fold_into_last(db, id, info, next, &patch)? {
        return Ok(());
    }
    // Versions since the last full document, found through the partial
    // index: at least the rows since it (a version without a row, such as a
    // transition's, only brings the next document forward), without
    // counting them on every save. The id is part of the statement's text
    // (an integer, nothing to escape): bound as a parameter, SQLite planned
    // the statement again on every run to see whether the value suits the
    // partial index, a fifth of a typed save's own work.
    let last_full: i64 = db
        .row(
            &format!(
                "SELECT version FROM story_revisions WHERE story_id = {id} AND encoding = 'full'
                 ORDER BY version DESC LIMIT 1"
            ),
            &[],
            |r| r.get(0),
        )?
        .unwrap_or(0);
    let since_full = info.version - 1 - last_full;
    // The full document is at least as long as the facts' texts: a patch
    // well under that is smaller without writing the document out. The text
    // is counted only as far as a decision needs (a typed save's patch is a
    // few hundred bytes; summing 3,000 facts was a tenth of its own work).
    let text = |enough: usize| {
        let mut n = before.headline.len();
        for f in &before.facts {
            if n > enough {
                break;
            }
            n += f.text.len();
        }
        n
    };
    let rows = since_full + 1;
    let due = rows >= SNAPSHOT_EVERY && rows >= snapshot_every(text(usize::MAX));
    let least = text(patch.len() * 2);
    let full = (due || patch.len() * 2 > least).then(|| crate::formats::json::export(before));
    let (encoding, body) = match full {
        Some(full) if due || patch.len() * 2 > full.len() => ("full", full),
        _ => ("patch", patch),
    };
    let (document, packed) = crate::store::tables::patches::pack(body);
    db.execute(
        "INSERT INTO story_revisions (story_id, version, saved_at, document, edition, editor, kind, encoding, packed)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        args![
            id,
            info.version,
            ts(&info.saved_at),
            document,
            info.edition,
            &info.editor,
            info.kind.as_str(),
            encoding,
            packed
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
    let rows: Vec<(i64, String, String, Option<Vec<u8>>)> = db.rows(
        "SELECT version, encoding, document, packed FROM story_revisions
         WHERE story_id = ?1 AND version >= ?2 AND version <= ?3 ORDER BY version DESC",
        args![id, version, upper],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    let damaged =
        |v: i64, why: String| Error::Corrupt(format!("revision {v} of story {id} cannot be read: {why}"));
    let mut state = to_value(current)?;
    let mut reached = false;
    for (v, encoding, text, packed) in rows {
        let document = crate::store::tables::patches::unpack(text, packed).map_err(|why| damaged(v, why))?;
        state = match encoding.as_str() {
            "full" => {
                let story = crate::formats::json::import(&document).map_err(|e| damaged(v, e.to_string()))?;
                to_value(&story)?
            }
            _ => {
                let ops: Vec<serde_json::Value> =
                    serde_json::from_str(&document).map_err(|e| damaged(v, e.to_string()))?;
                crate::store::tables::patches::apply(&mut state, &ops).map_err(|why| damaged(v, why))?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Edits a sample story the way saves do: fields of parts, and parts
    /// added, removed or moved.
    fn edited(mut s: Story, edits: &[(u8, usize, String)]) -> Story {
        for (kind, at, text) in edits {
            let n = s.facts.len().max(1);
            match kind % 6 {
                0 => s.headline = text.clone(),
                1 if !s.facts.is_empty() => s.facts[at % n].text = text.clone(),
                2 if !s.sources.is_empty() => {
                    let m = s.sources.len();
                    s.sources[at % m].outlet = text.clone();
                }
                3 if !s.facts.is_empty() => {
                    s.facts.remove(at % n);
                }
                4 if s.facts.len() > 1 => s.facts.swap(0, at % n),
                _ => s.summary = text.clone(),
            }
        }
        s
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Applied to the newer story, the patch gives back the older one,
        /// whether the edit kept the parts in place or moved them.
        #[test]
        fn patch_back_restores_the_older_story(edits in proptest::collection::vec((any::<u8>(), any::<usize>(), "[a-z ~/]{0,12}"), 1..8)) {
            let before = crate::sample::story(12, 4);
            let newer = edited(before.clone(), &edits);
            let ops: Vec<serde_json::Value> = serde_json::from_str(&patch_back(&newer, &before).expect("patch")).expect("JSON");
            let mut state = to_value(&newer).expect("json");
            super::super::patches::apply(&mut state, &ops).expect("applies");
            prop_assert_eq!(state, to_value(&before).expect("json"));
        }
    }

    #[test]
    fn a_one_fact_edit_patches_that_fact_alone() {
        let before = crate::sample::story(30, 10);
        let mut newer = before.clone();
        newer.facts[17].text = "Changed.".into();
        let patch = patch_back(&newer, &before).expect("patch");
        let ops: Vec<serde_json::Value> = serde_json::from_str(&patch).expect("json");
        assert_eq!(ops.len(), 1, "{patch}");
        assert_eq!(ops[0]["path"], "/facts/17/text");
        assert_eq!(ops[0]["value"], before.facts[17].text.as_str());
    }
}
