//! The wire as the store keeps it: the desk's feeds, what they brought and
//! how long it is kept.
//!
//! Contract: [`Store::add_feed`] takes an http(s) address not on the desk
//! yet, under an outlet the registry has (stored by the registry's name),
//! and records it in the audit trail, as [`Store::remove_feed`] does;
//! [`Store::record_feed_pull`] keeps one pull's outcome and new items and
//! prunes items older than the desk's window, in one transaction; nothing
//! here fetches (see `crate::wire::pull`), so no transaction waits on the
//! network. On a team server the registry's keepers add and remove feeds,
//! every editor pulls them.

use crate::error::{Error, ErrorCode, Result};
use crate::store::handle::Store;
use crate::store::tables::audit::{record, Change};
use crate::store::tables::{feeds, settings, wire_items};
use crate::wire::{words, Feed, FeedItem, StoredItem};
use chrono::{DateTime, Duration, Utc};

/// The setting that says how many days of items the desk keeps.
pub const WIRE_KEEP_DAYS: &str = "wire-keep-days";
/// Items are kept this many days unless the desk says otherwise.
pub const DEFAULT_KEEP_DAYS: u32 = 7;
pub use crate::wire::MAX_KEEP_DAYS;

fn refused(code: ErrorCode, message: String) -> Error {
    Error::Refused { code, message }
}

impl Store {
    /// The desk's feeds, by outlet.
    pub fn feeds(&self) -> Result<Vec<Feed>> {
        self.read(feeds::list)
    }

    /// Adds the feed at `url` under the registry's outlet `outlet`; returns it.
    pub fn add_feed(&mut self, outlet: &str, url: &str) -> Result<Feed> {
        let address = crate::urls::check(url)
            .map_err(|_| refused(ErrorCode::BadInput, words::not_a_feed_address(url)))?
            .to_string();
        let named = self
            .find_outlet(outlet)?
            .ok_or_else(|| refused(ErrorCode::NotFound, words::no_such_outlet(outlet)))?
            .name;
        let editor = self.editor.clone();
        self.write(|tx| {
            if let Some(there) = feeds::find(tx, &address)? {
                return Err(refused(
                    ErrorCode::BadInput,
                    words::feed_exists(&address, &there.outlet),
                ));
            }
            feeds::insert(tx, &named, &address, &crate::model::now())?;
            record(
                tx,
                &editor,
                Change {
                    action: "feed-added",
                    subject: &named,
                    before: "",
                    after: &address,
                },
            )?;
            feeds::find(tx, &address)?
                .ok_or_else(|| refused(ErrorCode::NotFound, words::no_such_feed(&address)))
        })
    }

    /// Removes the feed at `url` (the items it brought stay until they age out).
    pub fn remove_feed(&mut self, url: &str) -> Result<()> {
        let editor = self.editor.clone();
        let url = url.trim();
        self.write(|tx| {
            let feed = feeds::find(tx, url)?
                .ok_or_else(|| refused(ErrorCode::NotFound, words::no_such_feed(url)))?;
            feeds::delete(tx, url)?;
            record(
                tx,
                &editor,
                Change {
                    action: "feed-removed",
                    subject: &feed.outlet,
                    before: url,
                    after: "",
                },
            )
        })
    }

    /// Keeps what one pull of `feed` found at `at`: its new validators and
    /// items when the feed was read, and its outcome line — `outcome` words
    /// it from how many items were new; drops items older than the desk's
    /// window. Returns how many items were new.
    pub fn record_feed_pull(
        &mut self,
        feed: &Feed,
        at: DateTime<Utc>,
        read: Option<(Option<&str>, Option<&str>, &[FeedItem])>,
        outcome: impl FnOnce(usize) -> String,
    ) -> Result<usize> {
        let keep = i64::from(self.wire_keep_days()?);
        self.write(|tx| {
            let added = match read {
                Some((etag, last_modified, items)) => {
                    let added = wire_items::insert_new(tx, &feed.outlet, &feed.url, items, &at)?;
                    feeds::record_pull(tx, &feed.url, &at, &outcome(added), Some((etag, last_modified)))?;
                    added
                }
                None => {
                    feeds::record_pull(tx, &feed.url, &at, &outcome(0), None)?;
                    0
                }
            };
            wire_items::prune(tx, &(at - Duration::days(keep)))?;
            Ok(added)
        })
    }

    /// The items published at `from` or later, oldest first.
    pub fn wire_items(&self, from: DateTime<Utc>) -> Result<Vec<StoredItem>> {
        self.read(|db| wire_items::since(db, &from))
    }

    /// How many items the desk holds.
    pub fn wire_item_count(&self) -> Result<i64> {
        self.read(wire_items::count)
    }

    /// How many days of items the desk keeps.
    pub fn wire_keep_days(&self) -> Result<u32> {
        let set = self.read(|db| settings::get(db, WIRE_KEEP_DAYS))?;
        Ok(set
            .and_then(|v| v.parse::<u32>().ok())
            .filter(|d| (1..=MAX_KEEP_DAYS).contains(d))
            .unwrap_or(DEFAULT_KEEP_DAYS))
    }

    /// Sets how many days of items the desk keeps (1 to [`MAX_KEEP_DAYS`]).
    pub fn set_wire_keep_days(&mut self, days: u32) -> Result<()> {
        if !(1..=MAX_KEEP_DAYS).contains(&days) {
            return Err(refused(ErrorCode::BadInput, words::bad_keep_days(days)));
        }
        self.write(|tx| settings::set(tx, WIRE_KEEP_DAYS, &days.to_string()))
    }
}
