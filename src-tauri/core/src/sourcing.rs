//! Sources from the web, end to end: capture a page into a story, recheck
//! the captured sources of stories.
//!
//! Contract: the network is never reached while a transaction is open — a
//! recheck is [`plan`] (read what to fetch), [`fetch_target`] (the network
//! only) and [`apply`] (one short write per source), so the window can run
//! the middle step without holding the desk. A failed fetch writes nothing
//! and is reported in the [`RecheckReport`]; a story is never changed by a
//! recheck, only its snapshots.

use crate::capture::{self, Conditional, Failure, Fetched, Limits, Snapshot};
use crate::error::Result;
use crate::model::{now, SourceId, StoredStory, StoryId};
use crate::store::Store;
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::sync::atomic::AtomicBool;
use ts_rs::TS;

/// Fetches `url` and adds it to story `id` as a captured source (under
/// `outlet` when given); returns the saved story and the source's number.
pub fn capture_source(
    store: &mut Store,
    id: StoryId,
    url: &str,
    outlet: Option<&str>,
    limits: &Limits,
) -> Result<(StoredStory, usize, capture::Capture)> {
    store.load_story(id)?;
    let registry = store.registry()?;
    let found = capture::capture(url, &registry, limits, &AtomicBool::new(false), now())
        .map_err(|f| f.into_error(url))?;
    let (saved, n) = store.add_captured_source(id, &found, outlet)?;
    Ok((saved, n, found))
}

/// One captured source to recheck.
#[derive(Debug, Clone)]
pub struct Target {
    pub story: StoryId,
    pub source: SourceId,
    /// Where to fetch it: the address the page was captured from (the
    /// snapshots follow that page, whatever the source's URL now says).
    pub url: String,
    /// The newest snapshot's row and contents (without the raw body).
    pub row: i64,
    pub newest: Snapshot,
    /// When a fetch last found the newest snapshot current.
    pub checked_at: DateTime<Utc>,
}

/// The captured sources of `stories` (each story's current sources only).
pub fn plan(store: &Store, stories: &[StoryId]) -> Result<Vec<Target>> {
    let mut targets = Vec::new();
    for &story in stories {
        let current = store.load_story(story)?.story;
        for h in store.source_histories(story)? {
            if !current.sources.iter().any(|s| s.id == h.source) {
                continue;
            }
            if let Some((row, newest, checked_at)) = store.newest_snapshot(story, h.source)? {
                targets.push(Target {
                    story,
                    source: h.source,
                    url: newest.requested_url.clone(),
                    row,
                    newest,
                    checked_at,
                });
            }
        }
    }
    Ok(targets)
}

/// What a recheck of one source found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// Not modified, or the same article text.
    Unchanged,
    /// A version to keep: the article changed, the page is gone, or it is back.
    New(Snapshot),
    Failed(Failure),
}

/// Fetches `target` conditionally and compares the article with its newest snapshot.
pub fn fetch_target(target: &Target, limits: &Limits, cancel: &AtomicBool, at: DateTime<Utc>) -> Found {
    let conditional = Conditional {
        etag: target.newest.etag.clone(),
        last_modified: target.newest.last_modified.clone(),
    };
    let page = match capture::fetch(&target.url, limits, &conditional, cancel) {
        Ok(Fetched::NotModified) => return Found::Unchanged,
        Ok(Fetched::Page(page)) => page,
        Err(failure) => return Found::Failed(failure),
    };
    if matches!(page.status, 404 | 410) {
        return match target.newest.gone() {
            true => Found::Unchanged,
            false => Found::New(Snapshot::of(&target.url, &page, "", at)),
        };
    }
    let html = capture::decode(&page.body, page.charset.as_deref());
    match capture::extract(&html, &page.final_url) {
        Ok(read) if read.text.trim().is_empty() => Found::Failed(Failure::NoArticle),
        Ok(read) if !target.newest.gone() && capture::same_text(&read.text, &target.newest.text) => {
            Found::Unchanged
        }
        Ok(read) => Found::New(Snapshot::of(&target.url, &page, &read.text, at)),
        Err(failure) => Found::Failed(failure),
    }
}

/// Records what [`fetch_target`] found.
pub fn apply(store: &mut Store, target: &Target, found: &Found, at: DateTime<Utc>) -> Result<()> {
    match found {
        Found::Unchanged => store.mark_snapshot_checked(target.story, target.row, at),
        Found::New(snapshot) => store.keep_snapshot(target.story, target.source, snapshot),
        Found::Failed(_) => Ok(()),
    }
}

/// What a recheck did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RecheckReport {
    pub checked: usize,
    pub changed: usize,
    pub gone: usize,
    /// Each source that could not be fetched: `URL: why`.
    pub failed: Vec<String>,
    /// Stories with a source that changed or went away.
    #[ts(type = "Array<number>")]
    pub stories: Vec<StoryId>,
    /// The whole in one line.
    pub line: String,
}

impl RecheckReport {
    /// Nothing checked yet.
    pub fn new() -> RecheckReport {
        RecheckReport {
            line: capture::words::recheck_summary(0, 0, 0, 0),
            ..RecheckReport::default()
        }
    }

    /// Counts what `found` was for `target`.
    pub fn add(&mut self, target: &Target, found: &Found) {
        self.checked += 1;
        match found {
            Found::New(s) if s.gone() => self.gone += 1,
            Found::New(_) if target.newest.gone() => {}
            Found::New(_) => self.changed += 1,
            Found::Failed(f) => self
                .failed
                .push(capture::words::capture_failed(&target.url, &f.to_string())),
            Found::Unchanged => {}
        }
        if matches!(found, Found::New(_)) && !self.stories.contains(&target.story) {
            self.stories.push(target.story);
        }
        self.line = capture::words::recheck_summary(self.checked, self.changed, self.gone, self.failed.len());
    }
}

/// Fetches each target and has `record` keep what it found (one short
/// write each); stops early, keeping what it did, when `cancel` is set.
pub fn run(
    targets: Vec<Target>,
    limits: &Limits,
    cancel: &AtomicBool,
    mut record: impl FnMut(&Target, &Found, DateTime<Utc>) -> Result<()>,
) -> Result<RecheckReport> {
    let mut report = RecheckReport::new();
    for target in targets {
        if cancel.load(std::sync::atomic::Ordering::Relaxed) {
            break;
        }
        let at = now();
        let found = fetch_target(&target, limits, cancel, at);
        record(&target, &found, at)?;
        report.add(&target, &found);
    }
    Ok(report)
}

/// Rechecks the captured sources of `stories` one by one (see [`run`]).
pub fn recheck(
    store: &mut Store,
    stories: &[StoryId],
    limits: &Limits,
    cancel: &AtomicBool,
) -> Result<RecheckReport> {
    let targets = plan(store, stories)?;
    run(targets, limits, cancel, |target, found, at| {
        apply(store, target, found, at)
    })
}
