//! The desk's side of sources from the web: fetching a page for the open
//! story, keeping its snapshot, and rechecking a story's captured sources.
//!
//! Contract: no fetch ever runs under the store's lock — a capture reads
//! only the cached registry, a recheck takes the lock once to plan and once
//! per source to record — so the desk keeps saving while a page loads. A
//! fetch runs under a token the window chose; [`Desk::cancel_fetch`] stops
//! it (between chunks of the body; the connection itself is bounded by the
//! fetch's time limit). A fetched page waits, by its source's identity,
//! until the window adds the source and calls [`Desk::keep_capture`]; only
//! the latest few are kept.

use super::Desk;
use crate::capture::{self, Capture, Limits, Snapshot, SnapshotSummary};
use crate::checks::Finding;
use crate::error::{Error, ErrorCode, Result};
use crate::model::{now, SourceId, Story, StoryId};
use crate::sourcing::{self as web, RecheckReport};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use ts_rs::TS;

/// The daily recheck covers stories published within this many days.
pub const DAILY_WINDOW_DAYS: i64 = 30;

/// Pages fetched and not yet added are dropped beyond this many.
const PENDING_KEPT: usize = 8;

#[derive(Default)]
pub(super) struct Captures {
    running: HashMap<u64, Arc<AtomicBool>>,
    pending: Vec<(SourceId, Snapshot)>,
}

/// What the window shows about a story's captured sources.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SourceCaptures {
    /// One per captured source: "captured 2026-12-05 14:02 UTC, 1 later version".
    pub sources: Vec<SnapshotSummary>,
    /// `source-changed-since-cited` and `source-gone`.
    pub findings: Vec<Finding>,
    /// Whether these findings alone hold publication back (an error).
    pub blocks: bool,
}

impl Desk {
    fn captures(&self) -> std::sync::MutexGuard<'_, Captures> {
        self.captures.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub(super) fn start_fetch(&self, token: u64) -> Arc<AtomicBool> {
        let flag = Arc::new(AtomicBool::new(false));
        self.captures().running.insert(token, flag.clone());
        flag
    }

    pub(super) fn end_fetch(&self, token: u64) {
        self.captures().running.remove(&token);
    }

    /// Stops the fetch running under `token` (nothing when none is).
    pub fn cancel_fetch(&self, token: u64) {
        if let Some(flag) = self.captures().running.get(&token) {
            flag.store(true, Ordering::Relaxed);
        }
    }

    /// Fetches `url` and reads it into a source for `story` (the window's
    /// copy), refusing an article the story cites already. Nothing is saved
    /// until the window adds the source and calls [`Desk::keep_capture`].
    pub fn capture_url(&self, story: &Story, url: &str, token: u64) -> Result<Capture> {
        let cancel = self.start_fetch(token);
        let registry = self.registry();
        let found = capture::capture(url, &registry, &Limits::default(), &cancel, now());
        self.end_fetch(token);
        let found = found.map_err(|f| f.into_error(url))?;
        if let Some(n) = capture::cited_already(story, &found) {
            return Err(Error::Refused {
                code: ErrorCode::BadInput,
                message: capture::words::cited_already(n, &found.canonical_url),
            });
        }
        let mut pending = self.captures();
        pending.pending.push((found.source.id, found.snapshot.clone()));
        let excess = pending.pending.len().saturating_sub(PENDING_KEPT);
        pending.pending.drain(..excess);
        Ok(found)
    }

    /// Keeps the snapshot of the page fetched for `source`, now that the
    /// window added it to story `id`.
    pub fn keep_capture(&self, id: StoryId, source: SourceId) -> Result<()> {
        let snapshot = {
            let mut captures = self.captures();
            let at = captures.pending.iter().position(|(s, _)| *s == source);
            at.map(|i| captures.pending.remove(i).1)
        };
        let snapshot = snapshot.ok_or_else(|| Error::Refused {
            code: ErrorCode::NotFound,
            message: capture::words::capture_expired(),
        })?;
        self.store().keep_snapshot(id, source, &snapshot)
    }

    /// The captured sources of story `id`, and what their later versions
    /// mean for it as it stands: the copy open here (with the edits not
    /// saved yet), else the stored story. The window sends no story: a
    /// long one costs more to send than to check.
    pub fn source_captures(&self, id: StoryId) -> Result<SourceCaptures> {
        let histories = self.store().source_histories(id)?;
        let open = self
            .shared
            .working()
            .get(&id)
            .map(|w| captures_of(w.story(), &histories));
        match open {
            Some(captures) => Ok(captures),
            None => Ok(captures_of(&self.store().load_story(id)?.story, &histories)),
        }
    }

    /// Refetches the captured sources of `stories` under `token`.
    pub fn recheck_sources(&self, stories: &[StoryId], token: u64) -> Result<RecheckReport> {
        let cancel = self.start_fetch(token);
        let result = self.recheck_with(stories, &cancel);
        self.end_fetch(token);
        result
    }

    fn recheck_with(&self, stories: &[StoryId], cancel: &AtomicBool) -> Result<RecheckReport> {
        let targets = web::plan(&self.store(), stories)?;
        self.recheck_targets(targets, cancel)
    }

    fn recheck_targets(&self, targets: Vec<web::Target>, cancel: &AtomicBool) -> Result<RecheckReport> {
        web::run(targets, &Limits::default(), cancel, |target, found, at| {
            web::apply(&mut self.store(), target, found, at)
        })
    }

    /// Whether this editor turned the daily recheck on.
    pub fn recheck_daily(&self) -> bool {
        self.settings_file()
            .is_some_and(|f| crate::user_settings::load(&f).recheck_daily)
    }

    /// Turns the daily recheck on or off (this editor's settings file).
    pub fn set_recheck_daily(&self, on: bool) -> Result<super::Settings> {
        if let Some(file) = self.settings_file() {
            let mut settings = crate::user_settings::load(&file);
            settings.recheck_daily = on;
            crate::user_settings::save(&file, &settings)?;
        }
        self.settings()
    }

    /// The daily recheck: when it is on, the captured sources of stories
    /// published in the last [`DAILY_WINDOW_DAYS`] days that no fetch found
    /// current in the last day. `None` when it is off or nothing is due.
    pub fn daily_recheck(&self) -> Result<Option<RecheckReport>> {
        if !self.recheck_daily() {
            return Ok(None);
        }
        let at = now();
        let targets = {
            let store = self.store();
            let stories = store.captured_stories(Some(at - chrono::Duration::days(DAILY_WINDOW_DAYS)))?;
            web::plan(&store, &stories)?
        };
        let due: Vec<web::Target> = targets
            .into_iter()
            .filter(|t| at - t.checked_at >= chrono::Duration::days(1))
            .collect();
        if due.is_empty() {
            return Ok(None);
        }
        let report = self.recheck_targets(due, &AtomicBool::new(false))?;
        tracing::info!(
            checked = report.checked,
            changed = report.changed,
            gone = report.gone,
            "daily recheck of captured sources"
        );
        Ok(Some(report))
    }
}

/// What the later versions of `story`'s captured sources (`histories`) mean for it.
fn captures_of(story: &Story, histories: &[crate::capture::SourceHistory]) -> SourceCaptures {
    let findings = capture::findings(story, histories);
    SourceCaptures {
        sources: capture::changes(story, histories),
        blocks: !crate::checks::publishable(&findings),
        findings,
    }
}
