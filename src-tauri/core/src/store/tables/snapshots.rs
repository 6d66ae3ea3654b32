//! The `source_snapshots` table: every kept fetch of a captured source's
//! page (schema 11).
//!
//! Contract: [`insert`] adds a snapshot in the caller's transaction (the
//! raw body zstd-compressed); [`histories`] reads, per source of a story,
//! the first snapshot (the version cited), the newest and how many there
//! are, without the bodies; [`mark_checked`] records that a recheck found
//! the newest one still current; [`body`] gives a snapshot's raw bytes back.
//! Rows are never rewritten otherwise.

use crate::capture::{Snapshot, SourceHistory};
use crate::error::Result;
use crate::model::{SourceId, StoryId};
use crate::store::engine::db::{args, Db, Row};
use crate::store::tables::{bad_value, parse_ts, sources::id, ts};
use chrono::{DateTime, Utc};
use std::io::Read;

const LEVEL: i32 = 9;
/// A kept body is at most the fetch limit; bound what a damaged row can
/// make us allocate.
const MAX_BODY: u64 = 64 << 20;

pub fn insert(db: &Db, story: StoryId, source: SourceId, s: &Snapshot) -> Result<()> {
    let packed =
        zstd::encode_all(s.body.as_slice(), LEVEL).map_err(|e| bad_value("snapshot", &e.to_string()))?;
    db.execute(
        "INSERT INTO source_snapshots (story_id, source_id, fetched_at, requested_url, final_url, status, \
         etag, last_modified, sha256, body, text, checked_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?3)",
        args![
            story,
            source.to_string(),
            ts(&s.fetched_at),
            &s.requested_url,
            &s.final_url,
            i64::from(s.status),
            s.etag.as_deref(),
            s.last_modified.as_deref(),
            &s.sha256,
            packed,
            &s.text
        ],
    )?;
    Ok(())
}

const COLUMNS: &str =
    "id, source_id, fetched_at, requested_url, final_url, status, etag, last_modified, sha256, text";

fn read(r: &Row) -> Result<(i64, SourceId, Snapshot)> {
    let status: i64 = r.get(5)?;
    Ok((
        r.get(0)?,
        id(&r.get::<String>(1)?, SourceId)?,
        Snapshot {
            fetched_at: parse_ts(&r.get::<String>(2)?)?,
            requested_url: r.get(3)?,
            final_url: r.get(4)?,
            status: u16::try_from(status).map_err(|_| bad_value("status", &status.to_string()))?,
            etag: r.get(6)?,
            last_modified: r.get(7)?,
            sha256: r.get(8)?,
            body: Vec::new(),
            text: r.get(9)?,
        },
    ))
}

/// Each captured source of `story`: its first and newest snapshot, in the
/// order the sources were first captured.
pub fn histories(db: &Db, story: StoryId) -> Result<Vec<SourceHistory>> {
    let rows = db.rows(
        &format!(
            "SELECT {COLUMNS} FROM source_snapshots s WHERE story_id = ?1 AND (\
               id = (SELECT min(id) FROM source_snapshots f WHERE f.story_id = s.story_id AND f.source_id = s.source_id) \
               OR id = (SELECT max(id) FROM source_snapshots l WHERE l.story_id = s.story_id AND l.source_id = s.source_id)) \
             ORDER BY id"
        ),
        args![story],
        read,
    )?;
    let counts: Vec<(String, i64)> = db.rows(
        "SELECT source_id, count(*) FROM source_snapshots WHERE story_id = ?1 GROUP BY source_id",
        args![story],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let mut out: Vec<SourceHistory> = Vec::new();
    for (_, source, snap) in rows {
        match out.iter_mut().find(|h| h.source == source) {
            Some(h) => h.latest = Some(snap),
            None => out.push(SourceHistory {
                source,
                cited: snap,
                latest: None,
                versions: 1,
            }),
        }
    }
    for h in &mut out {
        let key = h.source.to_string();
        h.versions = counts
            .iter()
            .find(|(s, _)| *s == key)
            .map_or(1, |(_, n)| *n as usize);
    }
    Ok(out)
}

/// The newest snapshot of `source`: its row id, contents (no body) and
/// when a recheck last found it current.
pub fn newest(db: &Db, story: StoryId, source: SourceId) -> Result<Option<(i64, Snapshot, DateTime<Utc>)>> {
    db.row(
        &format!(
            "SELECT {COLUMNS}, checked_at FROM source_snapshots WHERE story_id = ?1 AND source_id = ?2 \
             ORDER BY id DESC LIMIT 1"
        ),
        args![story, source.to_string()],
        |r| {
            let checked = parse_ts(&r.get::<String>(10)?)?;
            read(r).map(|(id, _, s)| (id, s, checked))
        },
    )
}

pub fn mark_checked(db: &Db, id: i64, at: DateTime<Utc>) -> Result<()> {
    db.execute(
        "UPDATE source_snapshots SET checked_at = ?2 WHERE id = ?1",
        args![id, ts(&at)],
    )?;
    Ok(())
}

/// The raw bytes snapshot `id` kept.
pub fn body(db: &Db, id: i64) -> Result<Option<Vec<u8>>> {
    let packed: Option<Vec<u8>> = db.row(
        "SELECT body FROM source_snapshots WHERE id = ?1",
        args![id],
        |r| r.get(0),
    )?;
    packed
        .map(|p| {
            let mut out = Vec::new();
            zstd::stream::read::Decoder::new(p.as_slice())
                .and_then(|d| d.take(MAX_BODY).read_to_end(&mut out))
                .map_err(|e| bad_value("snapshot body", &e.to_string()))?;
            Ok(out)
        })
        .transpose()
}

/// The stories with captured sources, newest first, not in the trash;
/// with `since`, only those published (else last updated) on or after it.
pub fn stories(db: &Db, since: Option<DateTime<Utc>>) -> Result<Vec<StoryId>> {
    let since = since.map(|t| ts(&t)).unwrap_or_default();
    db.rows(
        "SELECT DISTINCT n.story_id FROM source_snapshots n JOIN stories s ON s.id = n.story_id \
         WHERE s.trashed_at IS NULL AND coalesce(s.published_at, s.updated_at) >= ?1 ORDER BY n.story_id DESC",
        args![since],
        |r| r.get(0),
    )
}
