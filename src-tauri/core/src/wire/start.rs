//! A story started from an event: a draft whose headline is the event's
//! and whose sources are the items the editor chose, numbered in order.
//!
//! Contract: [`fetch_sources`] reaches only the network — it captures each
//! chosen item's page (a few at a time, within the capture's [`Limits`]);
//! [`draft`] builds the story from what was fetched, a captured source
//! where the page was read (with its snapshot) and otherwise the item's
//! outlet, title, address and date; [`run`] does both and hands the draft
//! to its caller's store for one transaction ([`start`] on a store). Each source is under the outlet the wire named
//! (the registry's name), so the review's lean chart and the narratives'
//! sides start from the desk's ratings. A cancelled start stores nothing.

use super::words;
use super::{Event, EventItem};
use crate::capture::{self, Capture, Failure, Limits, Snapshot};
use crate::error::{Error, ErrorCode, Result};
use crate::model::{now, Source, SourceId, StoredStory, Story, HEADLINE_MAX_CHARS};
use crate::registry::Registry;
use crate::store::Store;
use serde::Serialize;
use std::sync::atomic::AtomicBool;
use ts_rs::TS;

/// One chosen item and what capturing its page found.
pub type FetchedItem = (EventItem, std::result::Result<Capture, Failure>);

/// One source of the new draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct StartedSource {
    pub number: usize,
    pub outlet: String,
    pub url: String,
    /// Whether its page was captured (its text and snapshot kept).
    pub captured: bool,
    /// Why it was not, for the editor.
    pub note: Option<String>,
}

/// The draft started from an event.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Started {
    pub story: StoredStory,
    pub sources: Vec<StartedSource>,
    /// One line for the editor: how many sources, how many captured.
    pub summary: String,
}

impl Started {
    pub fn new(story: StoredStory, sources: Vec<StartedSource>) -> Started {
        let captured = sources.iter().filter(|s| s.captured).count();
        Started {
            summary: words::started(sources.len(), captured),
            story,
            sources,
        }
    }
}

/// The items of `event` the editor chose by address (all when `chosen` is
/// empty), in the event's order; refuses an address not in the event.
pub fn chosen_items(event: &Event, chosen: &[String]) -> Result<Vec<EventItem>> {
    if chosen.is_empty() {
        return Ok(event.items.clone());
    }
    let mut keys = Vec::with_capacity(chosen.len());
    for url in chosen {
        let key = crate::urls::canonical(url).unwrap_or_else(|| url.trim().to_string());
        if !event.items.iter().any(|i| i.url == key) {
            return Err(Error::Refused {
                code: ErrorCode::BadInput,
                message: words::item_not_in_event(url.trim(), &event.id),
            });
        }
        keys.push(key);
    }
    Ok(event
        .items
        .iter()
        .filter(|i| keys.contains(&i.url))
        .cloned()
        .collect())
}

/// Captures the page of each item (network only).
pub fn fetch_sources(
    items: Vec<EventItem>,
    registry: &Registry,
    limits: &Limits,
    cancel: &AtomicBool,
) -> Vec<FetchedItem> {
    super::a_few_at_a_time(
        &items,
        |item| {
            (
                item.clone(),
                capture::capture(&item.url, registry, limits, cancel, now()),
            )
        },
        |item| (item.clone(), Err(Failure::NoArticle)),
    )
}

/// A draft to store: the story, its captured sources' snapshots, and what
/// each source is.
pub type Draft = (Story, Vec<(SourceId, Snapshot)>, Vec<StartedSource>);

/// The draft `event` starts, its snapshots, and what each source is.
pub fn draft(event: &Event, fetched: Vec<FetchedItem>) -> Result<Draft> {
    if fetched.iter().any(|(_, f)| matches!(f, Err(Failure::Cancelled))) {
        return Err(Failure::Cancelled.into_error(&event.id));
    }
    let headline: String = event.title.chars().take(HEADLINE_MAX_CHARS).collect();
    let mut story = Story::new(headline.trim());
    let mut snapshots = Vec::new();
    let mut shown = Vec::new();
    for (item, found) in fetched {
        let (source, note) = match found {
            Ok(capture) => {
                snapshots.push((capture.source.id, capture.snapshot));
                (
                    Source {
                        outlet: item.outlet.clone(),
                        ..capture.source
                    },
                    None,
                )
            }
            Err(why) => (
                Source {
                    id: SourceId::new(),
                    outlet: item.outlet.clone(),
                    url: item.url.clone(),
                    title: item.title.clone(),
                    published_on: item.dated.then(|| item.published.date_naive()),
                    saved_text: String::new(),
                    captured_at: None,
                },
                Some(words::not_captured(&why.to_string())),
            ),
        };
        shown.push(StartedSource {
            number: story.sources.len() + 1,
            outlet: source.outlet.clone(),
            url: source.url.clone(),
            captured: note.is_none(),
            note,
        });
        story.sources.push(source);
    }
    Ok((story, snapshots, shown))
}

/// Starts a draft from `event` with the items `chosen` (all when empty):
/// their pages captured (the network only), then the draft and its
/// snapshots handed to `store` to keep in one write.
pub fn run(
    event: &Event,
    chosen: &[String],
    registry: &Registry,
    limits: &Limits,
    cancel: &AtomicBool,
    store: impl FnOnce(&Story, &[(SourceId, Snapshot)]) -> Result<StoredStory>,
) -> Result<Started> {
    let items = chosen_items(event, chosen)?;
    let fetched = fetch_sources(items, registry, limits, cancel);
    let (story, snapshots, sources) = draft(event, fetched)?;
    Ok(Started::new(store(&story, &snapshots)?, sources))
}

/// [`run`] on `store` (the CLI's `wire start`).
pub fn start(
    store: &mut Store,
    event: &Event,
    chosen: &[String],
    limits: &Limits,
    cancel: &AtomicBool,
) -> Result<Started> {
    let registry = store.registry()?;
    run(event, chosen, &registry, limits, cancel, |story, snapshots| {
        store.create_story_with_snapshots(story, snapshots)
    })
}

/// The event `id` among the events of the last `hours` hours at `at`.
pub fn find_event(store: &Store, id: &str, hours: u32, at: chrono::DateTime<chrono::Utc>) -> Result<Event> {
    super::list(store, hours, at)?
        .into_iter()
        .find(|e| e.id == id.trim())
        .ok_or_else(|| Error::Refused {
            code: ErrorCode::NotFound,
            message: words::no_such_event(id.trim(), hours),
        })
}
