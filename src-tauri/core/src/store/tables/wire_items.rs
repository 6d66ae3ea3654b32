//! The `wire_items` table: what the feeds brought, one row per article by
//! its canonical address (schema 12).
//!
//! Contract: [`insert_new`] adds the items whose address is not there yet
//! and says how many it added (the first feed to bring an article names
//! its outlet); [`since`] reads the items published from a time on, oldest
//! first; [`prune`] drops those older than the desk keeps. Runs in the
//! caller's transaction.

use crate::error::Result;
use crate::store::engine::db::{args, Db};
use crate::store::tables::{parse_ts, ts};
use crate::wire::{FeedItem, StoredItem};
use chrono::{DateTime, Utc};

/// Adds the items of a feed of `outlet` at `feed_url` seen at `at`; an item
/// without a date of its own is dated `at`.
pub fn insert_new(
    db: &Db,
    outlet: &str,
    feed_url: &str,
    items: &[FeedItem],
    at: &DateTime<Utc>,
) -> Result<usize> {
    let mut added = 0;
    for item in items {
        added += db.execute(
            "INSERT INTO wire_items (url, outlet, feed_url, title, summary, published_at, dated, seen_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (url) DO NOTHING",
            args![
                &item.url,
                outlet,
                feed_url,
                &item.title,
                &item.summary,
                ts(&item.published.unwrap_or(*at)),
                item.published.is_some(),
                ts(at)
            ],
        )?;
    }
    Ok(added)
}

/// Items published at `from` or later, oldest first.
pub fn since(db: &Db, from: &DateTime<Utc>) -> Result<Vec<StoredItem>> {
    db.rows(
        "SELECT outlet, url, title, summary, published_at, dated FROM wire_items \
         WHERE published_at >= ?1 ORDER BY published_at, id",
        args![ts(from)],
        |r| {
            Ok(StoredItem {
                outlet: r.get(0)?,
                url: r.get(1)?,
                title: r.get(2)?,
                summary: r.get(3)?,
                published: parse_ts(&r.get::<String>(4)?)?,
                dated: r.get(5)?,
            })
        },
    )
}

/// Drops items published before `before`; how many.
pub fn prune(db: &Db, before: &DateTime<Utc>) -> Result<usize> {
    db.execute(
        "DELETE FROM wire_items WHERE published_at < ?1",
        args![ts(before)],
    )
}

/// How many items the desk holds.
pub fn count(db: &Db) -> Result<i64> {
    db.value("SELECT count(*) FROM wire_items", args![])
}
