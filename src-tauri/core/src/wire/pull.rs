//! Pulling the desk's feeds: fetch each with a conditional request, read
//! it, keep what is new.
//!
//! Contract: [`fetch_all`] only reaches the network (a few feeds at a
//! time, each within the capture's [`Limits`]) and never the store;
//! [`apply`] records one feed's result in one short write; [`run`] does
//! both with the recording its caller gives (the desk takes its lock per
//! feed), [`pull`] on a store for the CLI. A feed that fails says why in its outcome line and
//! changes nothing else; a cancelled pull records nothing for the feeds it
//! did not finish.

use super::feeds::{self, FeedItem};
use super::words;
use crate::capture::{fetch_feed, Conditional, Failure, Fetched, Limits};
use crate::error::Result;
use crate::store::Store;
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::sync::atomic::AtomicBool;
use ts_rs::TS;

/// A feed on the desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Feed {
    /// The registry's name of the outlet that publishes it.
    pub outlet: String,
    pub url: String,
    #[ts(type = "string")]
    pub added_at: DateTime<Utc>,
    #[ts(type = "string | null")]
    pub pulled_at: Option<DateTime<Utc>>,
    /// How the last pull went, in one line.
    pub outcome: Option<String>,
    #[serde(skip)]
    #[ts(skip)]
    pub etag: Option<String>,
    #[serde(skip)]
    #[ts(skip)]
    pub last_modified: Option<String>,
}

/// What fetching one feed found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pulled {
    Read {
        items: Vec<FeedItem>,
        etag: Option<String>,
        last_modified: Option<String>,
    },
    Unchanged,
    /// Why it could not be read, in one line.
    Failed(String),
    Cancelled,
}

/// One feed's pull, as the editor sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FeedPull {
    pub outlet: String,
    pub url: String,
    pub ok: bool,
    pub outcome: String,
    pub added: usize,
}

/// A whole pull.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PullReport {
    pub feeds: Vec<FeedPull>,
    pub added: usize,
    #[ts(type = "string")]
    pub pulled_at: DateTime<Utc>,
    /// One line: how many feeds, how many failed, how many new items.
    pub summary: String,
}

/// Fetches and reads one feed.
pub fn fetch_one(feed: &Feed, limits: &Limits, cancel: &AtomicBool) -> Pulled {
    let conditional = Conditional {
        etag: feed.etag.clone(),
        last_modified: feed.last_modified.clone(),
    };
    match fetch_feed(&feed.url, limits, &conditional, cancel) {
        Ok(Fetched::NotModified) => Pulled::Unchanged,
        Ok(Fetched::Page(page)) if page.status == 404 || page.status == 410 => {
            Pulled::Failed(words::feed_gone(page.status))
        }
        Ok(Fetched::Page(page)) => match feeds::read(&page.body, &page.final_url) {
            Ok(items) => Pulled::Read {
                items,
                etag: page.etag,
                last_modified: page.last_modified,
            },
            Err(problem) => Pulled::Failed(problem.to_string()),
        },
        Err(Failure::Cancelled) => Pulled::Cancelled,
        Err(failure) => Pulled::Failed(failure.to_string()),
    }
}

/// Fetches every feed of `feeds`, a few at a time; results in their order.
pub fn fetch_all(feeds: &[Feed], limits: &Limits, cancel: &AtomicBool) -> Vec<Pulled> {
    super::a_few_at_a_time(
        feeds,
        |feed| fetch_one(feed, limits, cancel),
        |_| Pulled::Failed("the feed could not be read".into()),
    )
}

/// Records what fetching `feed` found at `at`; `None` when the pull was
/// cancelled before this feed was done (nothing is recorded).
pub fn apply(store: &mut Store, feed: &Feed, pulled: &Pulled, at: DateTime<Utc>) -> Result<Option<FeedPull>> {
    let (ok, read) = match pulled {
        Pulled::Cancelled => return Ok(None),
        Pulled::Unchanged => (true, None),
        Pulled::Failed(_) => (false, None),
        Pulled::Read {
            items,
            etag,
            last_modified,
        } => (
            true,
            Some((etag.as_deref(), last_modified.as_deref(), items.as_slice())),
        ),
    };
    let line = |added: usize| match pulled {
        Pulled::Read { items, .. } => words::pulled(items.len(), added),
        Pulled::Failed(why) => words::failed(why),
        _ => words::unchanged(),
    };
    let added = store.record_feed_pull(feed, at, read, line)?;
    let outcome = line(added);
    Ok(Some(FeedPull {
        outlet: feed.outlet.clone(),
        url: feed.url.clone(),
        ok,
        outcome,
        added,
    }))
}

/// The report of the feeds pulled.
pub fn report(pulls: Vec<FeedPull>, at: DateTime<Utc>) -> PullReport {
    let added = pulls.iter().map(|p| p.added).sum();
    let failed = pulls.iter().filter(|p| !p.ok).count();
    PullReport {
        summary: words::pull_summary(pulls.len(), failed, added),
        feeds: pulls,
        added,
        pulled_at: at,
    }
}

/// Fetches `feeds` (the network only) and has `record` keep each one's
/// result as pulled at `at` (one short write each, see [`apply`]).
pub fn run(
    feeds: &[Feed],
    limits: &Limits,
    cancel: &AtomicBool,
    at: DateTime<Utc>,
    mut record: impl FnMut(&Feed, &Pulled, DateTime<Utc>) -> Result<Option<FeedPull>>,
) -> Result<PullReport> {
    let fetched = fetch_all(feeds, limits, cancel);
    let mut pulls = Vec::new();
    for (feed, pulled) in feeds.iter().zip(&fetched) {
        pulls.extend(record(feed, pulled, at)?);
    }
    Ok(report(pulls, at))
}

/// Pulls every feed of the desk (the CLI's `feeds pull`).
pub fn pull(
    store: &mut Store,
    limits: &Limits,
    cancel: &AtomicBool,
    at: DateTime<Utc>,
) -> Result<PullReport> {
    let feeds = store.feeds()?;
    run(&feeds, limits, cancel, at, |feed, pulled, at| {
        apply(store, feed, pulled, at)
    })
}
