//! The `outlet_feeds` table: the feeds the desk pulls, each under its
//! outlet's registry name (schema 12).
//!
//! Contract: one row per feed address; [`insert`] refuses nothing itself
//! (the caller checks the address and the outlet); [`record_pull`] keeps
//! what the last pull found — its validators for the next conditional
//! request, when, and one line saying how it went. Runs in the caller's
//! transaction.

use crate::error::Result;
use crate::store::engine::db::{args, Db, Row};
use crate::store::tables::{parse_ts, ts};
use crate::wire::Feed;
use chrono::{DateTime, Utc};

const COLUMNS: &str = "outlet, url, added_at, pulled_at, outcome, etag, last_modified";

fn from_row(r: &Row) -> Result<Feed> {
    let pulled: Option<String> = r.get(3)?;
    Ok(Feed {
        outlet: r.get(0)?,
        url: r.get(1)?,
        added_at: parse_ts(&r.get::<String>(2)?)?,
        pulled_at: pulled.as_deref().map(parse_ts).transpose()?,
        outcome: r.get(4)?,
        etag: r.get(5)?,
        last_modified: r.get(6)?,
    })
}

pub fn insert(db: &Db, outlet: &str, url: &str, at: &DateTime<Utc>) -> Result<()> {
    db.execute(
        "INSERT INTO outlet_feeds (outlet, url, added_at) VALUES (?1, ?2, ?3)",
        args![outlet, url, ts(at)],
    )?;
    Ok(())
}

/// Whether the feed at `url` was there to delete.
pub fn delete(db: &Db, url: &str) -> Result<bool> {
    Ok(db.execute("DELETE FROM outlet_feeds WHERE url = ?1", args![url])? > 0)
}

/// Every feed, by outlet (ignoring case) then address.
pub fn list(db: &Db) -> Result<Vec<Feed>> {
    db.rows(
        &format!(
            "SELECT {COLUMNS} FROM outlet_feeds ORDER BY {}, url",
            db.nocase("outlet")
        ),
        args![],
        from_row,
    )
}

pub fn find(db: &Db, url: &str) -> Result<Option<Feed>> {
    db.row(
        &format!("SELECT {COLUMNS} FROM outlet_feeds WHERE url = ?1"),
        args![url],
        from_row,
    )
}

/// Records a pull of the feed at `url`: when, how it went, and the
/// validators to send next time (kept as they were when `validators` is
/// `None`, as after a failure or a 304).
pub fn record_pull(
    db: &Db,
    url: &str,
    at: &DateTime<Utc>,
    outcome: &str,
    validators: Option<(Option<&str>, Option<&str>)>,
) -> Result<()> {
    match validators {
        Some((etag, last_modified)) => db.execute(
            "UPDATE outlet_feeds SET pulled_at = ?2, outcome = ?3, etag = ?4, last_modified = ?5 WHERE url = ?1",
            args![url, ts(at), outcome, etag, last_modified],
        )?,
        None => db.execute(
            "UPDATE outlet_feeds SET pulled_at = ?2, outcome = ?3 WHERE url = ?1",
            args![url, ts(at), outcome],
        )?,
    };
    Ok(())
}
