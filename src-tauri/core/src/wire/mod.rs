//! The wire: items from outlets' feeds, grouped into the events they report.
//!
//! Contract: [`feeds::read`], [`group`] and [`events`] are pure — a feed's
//! body read into items, items grouped into events by the similarity of
//! their words within a time window (see `group.rs` for the method, the same
//! way every time for the same items), events described with their coverage
//! and blind spot. [`pull`] is the one part that reaches the network: it
//! fetches the desk's feeds with conditional requests and hands each
//! result to the store, never holding a transaction across a fetch.
//! [`start`] turns an event into a draft story. Every sentence an editor
//! reads about the wire is in [`words`].

mod events;
pub mod feeds;
mod group;
pub mod pull;
pub mod start;
pub mod words;

pub use events::{
    events, filter, Blindspot, Coverage, Event, EventItem, Sides, StoredItem, WireFilter, BLINDSPOT_ITEMS,
};
pub use feeds::{FeedItem, FeedProblem};
pub use group::{group, Params, WireItem};
pub use pull::{Feed, FeedPull, PullReport};
pub use start::{Started, StartedSource};

/// Fetches (feeds, pages) run at once: a desk has tens of feeds, an event
/// a handful of items, and each fetch mostly waits on its server.
const AT_ONCE: usize = 4;

/// `work` on every item of `items`, [`AT_ONCE`] at a time on threads of
/// their own; results in the items' order, `lost` standing in for one whose
/// thread panicked.
fn a_few_at_a_time<T: Sync, R: Send>(
    items: &[T],
    work: impl Fn(&T) -> R + Sync,
    lost: impl Fn(&T) -> R,
) -> Vec<R> {
    let mut done = Vec::with_capacity(items.len());
    for batch in items.chunks(AT_ONCE) {
        std::thread::scope(|scope| {
            let running: Vec<_> = batch.iter().map(|item| scope.spawn(|| work(item))).collect();
            for (handle, item) in running.into_iter().zip(batch) {
                done.push(handle.join().unwrap_or_else(|_| lost(item)));
            }
        });
    }
    done
}

/// The longest a desk may keep items (a year of wire is a search engine's job).
pub const MAX_KEEP_DAYS: u32 = 365;
/// The hours of wire shown unless an editor asks for others.
pub const DEFAULT_HOURS: u32 = 24;
/// Hours of wire an editor may ask for (a month; items older than the
/// desk's window are gone anyway).
pub const MAX_HOURS: u32 = 24 * 31;

/// The events of the last `hours` hours before `at`, newest first, rated
/// by the desk's registry.
pub fn list(
    store: &crate::store::Store,
    hours: u32,
    at: chrono::DateTime<chrono::Utc>,
) -> crate::error::Result<Vec<Event>> {
    if !(1..=MAX_HOURS).contains(&hours) {
        return Err(crate::error::Error::Refused {
            code: crate::error::ErrorCode::BadInput,
            message: words::bad_hours(hours),
        });
    }
    let items = store.wire_items(at - chrono::Duration::hours(i64::from(hours)))?;
    Ok(events(&items, &store.registry()?))
}
